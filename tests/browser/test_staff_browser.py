"""The instructor review panel in real Chromium: staff grade a reflection on the rubric by
keyboard and the learner then sees the points, the comment and the new score; the learners
table, drill-down and override by keyboard; axe clean on the panel throughout."""
from __future__ import annotations

import json

from django.test import Client
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.keys import Keys

from tests.integration.case_fixtures import STAGE1_BEST, STAGE1_PARTIAL, STAGE2_GOOD, case_xml


def add_case(name: str, xml: str) -> str:
    from workbench.scenarios import SCENARIOS, add_xml_scenario

    add_xml_scenario(name, name, xml)
    return SCENARIOS[name].usage_id


def learner_finishes(usage_id: str, student: str, stage1=STAGE1_BEST) -> None:
    """The learner's two stages, through the same handlers the learner's browser uses."""
    client = Client()
    for action in (stage1, STAGE2_GOOD):
        url = f"/handler/{usage_id}/state/?student={student}"
        version = json.loads(client.post(url, "{}", content_type="application/json").content)["version"]
        response = client.post(f"/handler/{usage_id}/act/?student={student}",
                               json.dumps({"version": version, "action": action}),
                               content_type="application/json")
        assert response.status_code == 200, response.content


def press(page, *keys) -> None:
    ActionChains(page.driver).send_keys(*keys).perform()


def text_of(page, css: str) -> str:
    """The text of the first match, read in one script: the panel re-renders its parts, so
    holding a WebElement across a wait could go stale."""
    return page.driver.execute_script(
        "var n = document.querySelector(arguments[0]); return n ? n.innerText : '';", css)


def active_attr(page, name: str) -> str | None:
    return page.driver.execute_script(
        "return document.activeElement ? document.activeElement.getAttribute(arguments[0]) : null;",
        name)


def open_panel(page, name: str) -> None:
    page.open(f"/view/{name}/?student=staff")
    page.wait_for(".asn-staff .asn-staff-table")
    page.wait_until(lambda: not page.find_all(".asn-staff [aria-busy='true']"))


def test_staff_grade_a_reflection_by_keyboard_and_the_learner_sees_it(page):
    usage_id = add_case("staffgrade.case", case_xml(grading="staff"))
    learner_finishes(usage_id, "andi_01")
    learner_finishes(usage_id, "budi_02", stage1=STAGE1_PARTIAL)

    open_panel(page, "staffgrade.case")
    learners_tab = page.find(".asn-staff [role='tab'][data-tab='learners']")
    queue_tab = page.find(".asn-staff [role='tab'][data-tab='queue']")
    assert learners_tab.get_attribute("aria-selected") == "true"
    assert "(2)" in queue_tab.text  # two reflections waiting
    page.assert_accessible(".asn-staff")

    # Tabs by keyboard: arrow right selects the grading queue
    learners_tab.send_keys(Keys.ARROW_RIGHT)
    page.wait_until(lambda: queue_tab.get_attribute("aria-selected") == "true")
    assert page.active() == queue_tab
    page.wait_for(".asn-staff-queue button")
    page.assert_accessible(".asn-staff")
    grade_andi = page.button("Grade andi_01")
    grade_andi.send_keys(Keys.ENTER)

    page.wait_for(".asn-staff-grade-form")
    heading = page.find(".asn-staff-grading-title")
    assert page.active() == heading and "andi_01" in heading.text
    assert "I would refuse and report it" in page.find(".asn-staff-grade").text
    page.assert_accessible(".asn-staff")

    # Criterion by criterion with the keyboard: Space picks, arrows move within a group
    rule_none = page.by_label("0 points: None")
    rule_none.send_keys(Keys.SPACE)
    assert rule_none.is_selected()
    press(page, Keys.ARROW_DOWN)
    assert page.by_label("2 points: Names the rule").is_selected()
    press(page, Keys.TAB)  # into the next criterion's group
    action_none = page.find("fieldset[data-criterion='c2'] input[value='0']")
    assert page.active() == action_none
    press(page, Keys.SPACE)
    assert action_none.is_selected()
    assert "Total: 2 of 4 points" in page.find(".asn-staff-total").text
    press(page, Keys.TAB)
    comment = page.find("textarea.asn-staff-comment")
    assert page.active() == comment
    press(page, "Name the regulation: gifts < Rp500.000 are still gratification & must be refused.")
    press(page, Keys.TAB)
    assert page.active().text == "Save grade"
    press(page, Keys.ENTER)

    page.wait_until(lambda: "Grade saved: 2 / 4" in text_of(page, ".asn-staff-status"))
    assert "andi_01's score is now 8 / 10" in text_of(page, ".asn-staff-status")
    assert active_attr(page, "class") == "asn-staff-status"  # focus on the confirmation
    page.wait_until(lambda: "Grade saved" in text_of(page, ".asn-live"))
    assert "Graded by staff" in page.find(".asn-staff-grade").text
    assert "(1)" in page.find(".asn-staff [role='tab'][data-tab='queue']").text
    page.assert_accessible(".asn-staff")
    page.screenshot("staff_graded")

    # The learner sees the rubric points, the comment and the new score
    page.open("/view/staffgrade.case/?student=andi_01")
    assert not page.find_all(".asn-staff")  # no panel for learners
    page.wait_until(lambda: "Score: 8 / 10" in page.text())
    text = page.text()
    assert "(reflections awaiting grading)" not in text
    assert "Graded by the course team." in text
    comment_box = page.find(".asn-grade-comment")
    assert "gifts < Rp500.000 are still gratification & must be refused." in comment_box.text
    rubric = page.find(".asn-rubric").text
    assert "2 / 2" in rubric and "0 / 2" in rubric
    page.assert_accessible()
    page.screenshot("staff_graded_learner_view")


def test_learners_table_drill_down_and_override_by_keyboard(page):
    usage_id = add_case("staffoverride.case", case_xml(grading="completion"))
    learner_finishes(usage_id, "andi_01")
    learner_finishes(usage_id, "budi_02", stage1=STAGE1_PARTIAL)

    open_panel(page, "staffoverride.case")
    assert not page.find_all(".asn-staff [role='tab'][data-tab='queue']")  # nothing to grade
    rows = page.find_all(".asn-staff-table tbody tr")
    assert len(rows) == 2
    # sort by score, ascending, by keyboard
    sort_score = page.find(".asn-staff-table button.asn-sort[data-key='score']")
    sort_score.send_keys(Keys.ENTER)
    page.wait_until(lambda: active_attr(page, "data-key") == "score"
                    and text_of(page, ".asn-staff-table th[aria-sort]").startswith("Score"))
    assert text_of(page, ".asn-staff-table tbody tr th") == "andi_01"  # 10 / 10 first: high to low
    page.active().send_keys(Keys.ENTER)  # toggle: low to high
    page.wait_until(lambda: text_of(page, ".asn-staff-table tbody tr th") == "budi_02"
                    and active_attr(page, "data-key") == "score")
    assert page.find("th[aria-sort]").get_attribute("aria-sort") == "ascending"
    page.assert_accessible(".asn-staff")

    page.find(".asn-staff-table tbody tr th button").send_keys(Keys.ENTER)
    page.wait_for(".asn-staff-detail h4")
    assert page.active().text == "Learner: budi_02"
    detail = page.find(".asn-staff-detail").text
    assert "Attempt 1 — counts for the grade" in detail
    assert "Beta" in detail and "FEEDBACK-BETA" in detail
    assert "Right one" in detail and "Wrong one" in detail
    page.assert_accessible(".asn-staff")

    # an override without a reason is refused in the browser, then set with one
    points = page.by_label("Points (0 to 10)")
    points.send_keys("9")
    page.button("Set override").send_keys(Keys.ENTER)
    reason = page.by_label("Reason (required; staff only)")
    page.wait_until(lambda: page.active() == reason)
    assert "Give a reason" in page.find(".asn-staff-override").text
    reason.send_keys("Oral exam after sick leave")
    page.button("Set override").send_keys(Keys.ENTER)
    page.wait_until(lambda: "Override saved: budi_02 now has 9 / 10." in text_of(page, ".asn-staff-detail"))
    assert "Overridden to 9 points by staff" in page.find(".asn-staff-detail").text
    page.assert_accessible(".asn-staff")
    page.screenshot("staff_override")

    page.button("Back to learners").send_keys(Keys.ENTER)
    page.wait_until(lambda: active_attr(page, "data-learner") is not None)
    assert page.active().text == "budi_02"  # focus returns to the learner's row
    assert "9 / 10 (override)" in page.find(".asn-staff-table").text
