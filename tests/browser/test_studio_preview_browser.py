"""The playable Studio preview in real headless Chromium: the author opens the preview of
the editor's content, plays a case study stage by keyboard on the server's engine, sees
the feedback, restarts; nothing is saved; axe runs on the playing preview."""
from __future__ import annotations

from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.keys import Keys

from tests.integration.case_fixtures import case_xml

from .test_studio_browser import add_scenario, open_editor, text_of


def tab_to(page, element, limit=80):
    """Press Tab until ``element`` has focus: proves it is reachable by keyboard."""
    for _ in range(limit):
        if page.active() == element:
            return
        ActionChains(page.driver).send_keys(Keys.TAB).perform()
    raise AssertionError("element not reachable by Tab")


def space(page):
    ActionChains(page.driver).send_keys(Keys.SPACE).perform()


def test_case_study_preview_plays_a_stage_by_keyboard_then_restarts(page):
    from workbench.models import XBlockState

    from asn_xblocks.review.models import LearnerReview

    name = add_scenario(case_xml())
    open_editor(page, name)
    # the Preview tab, by keyboard (arrow keys move along the tabs)
    tab = page.find("[role=tab][aria-selected=true]")
    tab.send_keys(Keys.ARROW_RIGHT)
    page.wait_until(lambda: page.find(".asn-olx").is_displayed())
    ActionChains(page.driver).send_keys(Keys.ARROW_RIGHT).perform()
    page.wait_until(lambda: page.find(".asn-ed-preview").is_displayed()
                    and page.find_all(".asn-ed-preview .asn-question"))
    preview = page.find(".asn-ed-preview")
    notice = page.find(".asn-ed-preview-notice")
    assert "Preview — nothing is saved" in notice.text and notice.is_displayed()
    assert "NARRATIVE-ONE" in preview.text and "FEEDBACK-ALPHA" not in preview.text
    page.assert_accessible()

    # stage 1 by keyboard: Space selects the focused option, Enter submits
    alpha = page.by_label("Alpha")
    assert alpha.is_enabled()
    tab_to(page, alpha)
    space(page)
    assert alpha.is_selected()
    tab_to(page, page.by_label("Right one"))
    space(page)
    tab_to(page, page.by_label("Right two"))
    space(page)
    submit = next(b for b in preview.find_elements("css selector", "button")
                  if text_of(b) == "Submit")
    tab_to(page, submit)
    ActionChains(page.driver).send_keys(Keys.ENTER).perform()

    # the server's engine answered: feedback on stage 1, stage 2 shown
    page.wait_until(lambda: "NARRATIVE-TWO" in page.find(".asn-ed-preview").text)
    text = page.find(".asn-ed-preview").text
    assert "FEEDBACK-ALPHA" in text and "Correct" in text
    page.assert_accessible()
    page.screenshot("studio_case_preview_played")

    # nothing was saved for the author (no learner state, no review row)
    assert not XBlockState.objects.filter(user_id="staff", scope="usage").exclude(
        state="{}").exists()
    assert not LearnerReview.objects.exists()

    # restart: the first stage again, focus stays on the button
    restart = page.button("Restart preview")
    restart.send_keys(Keys.ENTER)  # focus the button and press Enter, as after tabbing
    page.wait_until(lambda: "NARRATIVE-TWO" not in page.find(".asn-ed-preview").text
                    and page.find_all(".asn-ed-preview .asn-question"))
    assert "FEEDBACK-ALPHA" not in page.find(".asn-ed-preview").text
    assert not page.by_label("Alpha").is_selected()
    assert page.active() == page.button("Restart preview")
    page.assert_accessible()


def test_desk_preview_starts_at_a_record_and_files_it(page):
    """A records desk's preview starts at a chosen record (requests and records are both
    starting points): the record opens in the played desk and is filed on the server."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select

    from tests.integration.desk_fixtures import records_xml

    from .test_studio_browser import expand, item, own_button

    name = add_scenario(records_xml())
    open_editor(page, name)
    record = item(page, "Record kB")
    expand(page, record)
    own_button(record, "Preview from here").send_keys(Keys.ENTER)
    preview = page.find(".asn-ed-preview")
    page.wait_until(lambda: "Findings on an officer" in preview.text)
    # the starting points: the records, grouped by type; the chosen one selected
    start = page.by_label("Start the preview at")
    groups = start.find_elements(By.TAG_NAME, "optgroup")
    assert [g.get_attribute("label") for g in groups] == ["Record"]
    assert [text_of(o) for o in groups[0].find_elements(By.TAG_NAME, "option")] == [
        "Record kA: Meeting invitation", "Record kB: Inspection report"]
    assert Select(start).first_selected_option.get_attribute("value") == "kB"
    page.assert_accessible()

    # file it right in the preview: the server's engine scores it, nothing is saved
    Select(page.by_label("Classification code")).select_by_value("800.5")

    def radio(legend, index):
        for fieldset in preview.find_elements(By.CSS_SELECTOR, "fieldset"):
            if text_of(fieldset.find_element(By.TAG_NAME, "legend")) == legend:
                fieldset.find_elements(By.CSS_SELECTOR, "input[type=radio]")[index].send_keys(Keys.SPACE)
                return
        raise AssertionError(f"no group {legend!r}")

    radio("Access classification", 2)  # Secret
    page.by_label("Active retention (years)").send_keys("2")
    page.by_label("Inactive retention (years)").send_keys("5")
    radio("Final disposition", 2)  # Re-evaluate
    submit = next(b for b in preview.find_elements(By.CSS_SELECTOR, "button") if text_of(b) == "Submit")
    submit.send_keys(Keys.ENTER)
    page.wait_until(lambda: "This record: 5 of 5 points." in page.find(".asn-ed-preview").text)
    page.assert_accessible()
    open_editor(page, name)  # nothing of the preview was kept
    assert "This record" not in page.text()
