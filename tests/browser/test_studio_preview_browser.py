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
