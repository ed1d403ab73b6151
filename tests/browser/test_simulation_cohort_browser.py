"""How the cohort chose, in real Chromium: three learners of the viewer's cohort ("Angkatan
I": ids ending in an odd digit) finish through the real handlers; the viewer plays another
path and, only once finished, sees beside each decision the share of their cohort that
made it and where their path left the cohort's most common one; axe clean, readable at
360 px."""
from tests.integration.sim_fixtures import FAIL, PARTIAL, SUCCESS, play, sim_xml


def seeded_block():
    from tests.integration.conftest import Block

    block = Block(sim_xml(extra='show_cohort="true" cohort_min="2"'))
    for student, path in (("andi_01", SUCCESS), ("citra_03", SUCCESS), ("budi_05", FAIL)):
        play(block, path, student)
    return block


def shares(page):
    return page.driver.execute_script(
        "return Array.from(document.querySelectorAll('.asn-sim-entry')).map(e => {"
        " const s = e.querySelector('.asn-sim-cohort-share'); return s ? s.textContent : null; })")


def test_learner_sees_how_the_cohort_chose_after_finishing(page):
    block = seeded_block()
    page.driver.set_window_size(360, 800)
    page.open(f"/view/{block.name}/?student=eko_07")
    for number, choice in enumerate(PARTIAL):
        assert "chose this" not in page.text() and "most of your cohort" not in page.text()
        page.button(dict(zip(PARTIAL, ("Listen first", "Go it alone",
                                        "Roll out everywhere at once")))[choice]).click()
        if number < len(PARTIAL) - 1:
            page.wait_until(lambda n=number: page.driver.execute_script(
                "const p = document.querySelector('.asn-sim-node .asn-progress');"
                " return p ? p.textContent : ''").startswith(f"Decision {n + 2}"))
    page.wait_until(lambda: len(page.find_all(".asn-sim-cohort-share")) == 3)
    # n1: andi and citra listened, budi gave orders → 2 of 3; n2 and n3: nobody else did
    assert shares(page) == ["67% of your cohort chose this", "0% of your cohort chose this",
                            "0% of your cohort chose this"]
    note = page.find(".asn-sim-cohort-path").text
    assert note == "At decision 2, most of your cohort went on to «Find allies» at «Building allies»."
    assert page.driver.execute_script(
        "return document.documentElement.scrollWidth <= document.documentElement.clientWidth")
    page.assert_accessible()
    page.driver.execute_script("document.querySelector('.asn-sim-cohort-path').scrollIntoView()")
    page.screenshot("simulation_cohort_phone")


def test_a_learner_on_the_common_path_is_told_so(page):
    block = seeded_block()
    play(block, SUCCESS, "dewi_09")
    page.open(f"/view/{block.name}/?student=dewi_09")
    page.wait_until(lambda: len(page.find_all(".asn-sim-cohort-path")) == 1)
    assert page.find(".asn-sim-cohort-path").text == "You followed the cohort's most common path."
    assert shares(page) == ["67% of your cohort chose this", "100% of your cohort chose this",
                            "100% of your cohort chose this"]
    page.assert_accessible()
