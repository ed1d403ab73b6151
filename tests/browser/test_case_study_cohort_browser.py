"""Learning together in real Chromium: after submitting a stage the learner sees how their
cohort chose each option; ticking "Share my answer…" by keyboard shares their reflection,
a peer's shared answer shows as text (markup in it stays text), and marking it helpful by
keyboard is announced; axe clean on the way, readable at 360 px."""
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.keys import Keys

from tests.integration.case_fixtures import STAGE1_BEST, STAGE1_PARTIAL, case_xml

PEER_TEXT = "I would <b>report</b> the gift to the inspectorate"


def seeded_block():
    """Two learners of the viewer's cohort ("Angkatan I": ids ending in an odd digit) finish
    through the real handlers; the first shares their reflection."""
    from tests.integration.conftest import Block

    xml = case_xml(grading="completion", extra='show_cohort="true" cohort_min="2"').replace(
        '<reflection id="r1"', '<reflection id="r1" share="optional"', 1)
    block = Block(xml)
    for student, first, text in (("andi_01", STAGE1_BEST, PEER_TEXT),
                                 ("citra_03", STAGE1_PARTIAL, "I would refuse it politely")):
        for action in (first, {"type": "submit_stage", "stage": "s2",
                               "answers": {"r1": text, "q3": "a"}}):
            status, data = block.act(action, student=student)
            assert status == 200, data
    status, data = block.call("share_answer", {"reflection": "r1"}, "andi_01")
    assert status == 200, data
    return block


def test_learner_sees_shares_and_a_peers_answer_and_marks_it_helpful(page):
    block = seeded_block()
    page.open(f"/view/{block.name}/?student=eko_05")
    page.assert_accessible()
    assert "chose this" not in page.text()  # nothing before the stage is submitted

    page.by_label("Alpha").click()
    page.by_label("Right one").click()
    page.button("Submit").click()
    page.wait_until(lambda: "NARRATIVE-TWO" in page.text())
    notes = [n.text for n in page.find_all(".asn-cohort-share")]
    # q1: andi chose Alpha, citra Beta → 50 % each, Gamma 0 %; q2: both checked "Right one"
    assert notes[:3] == ["50% of your cohort chose this", "50% of your cohort chose this",
                         "0% of your cohort chose this"]
    assert notes[3] == "100% of your cohort chose this"
    page.assert_accessible()

    area = page.find("textarea.asn-reflection-text")
    area.send_keys("I would decline and report it")
    consent = page.by_label("Share my answer anonymously with other learners")
    area.send_keys(Keys.TAB)  # the checkbox comes right after the answer
    assert page.active() == consent
    ActionChains(page.driver).send_keys(Keys.SPACE).perform()
    assert consent.is_selected()
    page.by_label("Yes").click()
    page.button("Submit").click()
    page.wait_until(lambda: "Your answer is shared anonymously." in page.text())
    peer = page.find(".asn-peer-text")
    assert peer.text == PEER_TEXT  # the markup stays text
    assert not page.find_all(".asn-peer-text b")
    assert "refuse it politely" not in page.text()  # citra did not share
    assert "eko" not in page.find(".asn-shared").text.lower()
    page.assert_accessible()

    # focus is on the shared answers' heading; the next Tab reaches "Mark as helpful"
    assert page.active().tag_name == "h5"
    helpful = page.button("Mark as helpful")
    ActionChains(page.driver).send_keys(Keys.TAB).perform()
    assert page.active() == helpful
    ActionChains(page.driver).send_keys(Keys.ENTER).perform()
    page.wait_until(lambda: "You marked this answer as helpful." in page.text())
    page.wait_until(lambda: page.find(".asn-live").text == "Marked as helpful")
    assert "1 learner found this helpful" in page.text()
    assert not page.find_all("button.asn-helpful")  # once per reflection
    page.assert_accessible()

    page.driver.set_window_size(360, 800)
    width = page.driver.execute_script(
        "var b = document.querySelector('.asn-shared'); return [b.scrollWidth, b.clientWidth];")
    assert width[0] <= width[1]
    page.assert_accessible()
    page.screenshot("case_study_cohort_360")
