"""The staff panel's course view and shared answers in real Chromium: staff open "Course
training needs" (the chart beside its table, the weakest competencies) and "Shared
answers" by keyboard, hide an answer with the keyboard, and axe finds nothing on the panel.
"""
from __future__ import annotations

from django.utils import timezone
from selenium.webdriver.common.keys import Keys

from tests.integration.case_fixtures import STAGE1_PARTIAL, case_xml

from .test_staff_browser import add_case, learner_finishes, open_panel, text_of

XSS = '<img src=x onerror="document.title=\'owned\'"> shared words'


def share_answer(usage_id: str, student: str, text: str):
    """A shared answer as the learner's consent writes it."""
    from asn_xblocks.review.models import SharedAnswer

    return SharedAnswer.objects.create(usage_key=usage_id, course_key="workbench", cohort="",
                                       learner_id=f"anon-{student}", item_id="r1", attempt_number=1,
                                       text=text, created=timezone.now())


def select_tab(page, tab_id: str) -> None:
    """From the Learners tab, arrow right until ``tab_id`` is selected (keyboard only)."""
    tab = page.find(".asn-staff [role='tab'][data-tab='learners']")
    tab.send_keys(Keys.END)
    for _step in range(8):
        current = page.active()
        if current.get_attribute("data-tab") == tab_id:
            return
        current.send_keys(Keys.ARROW_LEFT)
    raise AssertionError(f"no tab {tab_id}")


def test_staff_see_the_course_training_needs_with_chart_and_table(page):
    first = add_case("courseneeds.one", case_xml(grading="completion"))
    second = add_case("courseneeds.two", case_xml(grading="staff"))
    learner_finishes(first, "andi_01", stage1=STAGE1_PARTIAL)
    learner_finishes(second, "budi_02", stage1=STAGE1_PARTIAL)

    open_panel(page, "courseneeds.one")
    select_tab(page, "course")
    page.wait_for(".asn-staff .asn-cn-body .asn-an-figure svg[role='img']")
    page.wait_until(lambda: not page.find_all(".asn-staff [aria-busy='true']"))
    table = text_of(page, ".asn-cn-body .asn-an-table")
    assert "Integrity" in table and "Accountable" in table
    assert "Learner results (one per learner and exercise)" in table
    summary = text_of(page, ".asn-cn-summary")
    assert "2 exercises of this course have results" in summary
    assert "Awaiting grading: 1 learner result" in summary
    link = page.find(".asn-staff .asn-staff-tabpanel:not([hidden]) a.asn-staff-download")
    assert "staff_course_needs_csv" in link.get_attribute("href")
    page.assert_accessible(".asn-staff")


def test_staff_hide_a_shared_answer_by_keyboard(page):
    usage_id = add_case("sharedanswers.case", case_xml(grading="completion").replace(
        '<reflection id="r1"', '<reflection id="r1" share="optional"'))
    learner_finishes(usage_id, "andi_01")
    share_answer(usage_id, "andi_01", XSS)
    share_answer(usage_id, "budi_02", "Another view")

    open_panel(page, "sharedanswers.case")
    select_tab(page, "shared")
    page.wait_for(".asn-staff .asn-shared-table")
    page.wait_until(lambda: not page.find_all(".asn-staff [aria-busy='true']"))
    assert XSS in text_of(page, ".asn-shared-table")  # shown as text, never run
    assert page.driver.title != "owned"
    assert not page.find_all(".asn-shared-table img")
    page.assert_accessible(".asn-staff")

    hide = page.find(".asn-shared-table .asn-shared-hide")
    row_id = hide.get_attribute("data-answer")
    hide.send_keys(Keys.ENTER)
    page.wait_until(lambda: text_of(page, f"tr[data-answer='{row_id}'] .asn-shared-hide") == "Show again")
    assert page.active().get_attribute("data-answer") == row_id  # focus stays on the button
    assert "Hidden from learners" in text_of(page, f"tr[data-answer='{row_id}'] .asn-shared-state")
    page.wait_until(lambda: "hidden from learners" in text_of(page, ".asn-live").lower())
    from asn_xblocks.review.models import SharedAnswer

    answer = SharedAnswer.objects.get(pk=int(row_id))
    assert answer.hidden and answer.moderated_by == "staff"
    page.assert_accessible(".asn-staff")


def test_both_tabs_fit_a_360_px_phone(page):
    usage_id = add_case("phone.shared", case_xml(grading="staff").replace(
        '<reflection id="r1"', '<reflection id="r1" share="optional"'))
    learner_finishes(usage_id, "andi_01", stage1=STAGE1_PARTIAL)
    share_answer(usage_id, "andi_01", "A long shared answer " * 20)
    page.driver.set_window_size(360, 800)
    open_panel(page, "phone.shared")
    width = "return document.documentElement.scrollWidth;"
    for tab_id, ready in (("course", ".asn-cn-body .asn-an-figure"), ("shared", ".asn-shared-table")):
        select_tab(page, tab_id)
        page.wait_for(f".asn-staff {ready}")
        page.wait_until(lambda: not page.find_all(".asn-staff [aria-busy='true']"))
        viewport = page.driver.execute_script("return document.documentElement.clientWidth;")
        assert page.driver.execute_script(width) <= viewport + 1, tab_id  # the tables scroll inside
        page.assert_accessible(".asn-staff")
