"""The staff panel's Analytics tab in real Chromium, on each block type with a small demo
cohort seeded through the real handlers: reached by keyboard, every chart an accessible
SVG with its data table, the cohort filter moving focus and announcing, axe clean, usable
at 360 px; a screenshot of the training-needs summary for the README."""
from __future__ import annotations

import random

import pytest
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import Select

from tests.integration.conftest import demo_xml

from .conftest import ARTIFACTS

BLOCKS = [("asn_case_study", "01_parsel_lebaran.xml"),
          ("asn_change_simulation", "01_oss_perizinan.xml"),
          ("asn_digital_service", "01_izin_usaha_mikro.xml")]


def seed(tag: str, filename: str, name: str, count: int = 8) -> None:
    """The demo seeding command's players, on a fresh scenario, for ``count`` learners."""
    from workbench.scenarios import SCENARIOS, add_xml_scenario

    from asn_xblocks.demo.management.commands.asn_seed_demo import NAMES, Command, Learner

    add_xml_scenario(name, name, demo_xml(tag, filename))
    learners = [Learner(i, n) for i, n in enumerate(NAMES[:count])]
    Command.PLAYERS[tag](Command(), SCENARIOS[name].usage_id, learners, random.Random(f"test:{name}"))


def text_of(page, css: str) -> str:
    return page.driver.execute_script(
        "var n = document.querySelector(arguments[0]); return n ? n.innerText : '';", css)


@pytest.mark.parametrize("tag,filename", BLOCKS, ids=[b[0] for b in BLOCKS])
def test_analytics_tab(page, tag, filename):
    name = f"analytics.{tag}"
    seed(tag, filename, name)
    page.open(f"/view/{name}/?student=staff")
    learners_tab = page.wait_for(".asn-staff [role='tab'][data-tab='learners']")
    page.wait_for(".asn-staff [role='tab'][data-tab='analytics']")
    page.wait_until(lambda: learners_tab.get_attribute("aria-selected") == "true")
    learners_tab.send_keys(Keys.END)  # the last tab, by keyboard
    analytics_tab = page.find(".asn-staff [role='tab'][data-tab='analytics']")
    page.wait_until(lambda: analytics_tab.get_attribute("aria-selected") == "true")
    assert page.active() == analytics_tab and analytics_tab.text == "Analytics"
    page.wait_for(".asn-an-needs")
    page.wait_until(lambda: page.find(".asn-staff-tabpanel:not([hidden])").get_attribute("aria-busy") == "false")

    needs = text_of(page, ".asn-an-needs")
    assert needs.startswith("Training needs") and "All learners" in needs
    figures = page.find_all(".asn-an-figure")
    assert len(figures) >= 4
    for figure in figures:  # each chart is an image with a name, next to its numbers
        svg = figure.find_element("css selector", "svg[role='img']")
        assert svg.get_attribute("aria-labelledby")
        assert figure.find_elements("css selector", "table caption")
        assert figure.find_elements("css selector", "tbody tr")
    sections = [s.get_attribute("data-section") for s in page.find_all(".asn-an-section")]
    expected = {"asn_case_study": "answers", "asn_change_simulation": "paths",
                "asn_digital_service": "decisions"}[tag]
    assert {"competencies", "scores", expected} <= set(sections)
    page.assert_accessible(".asn-staff")
    if tag == "asn_case_study":
        box = page.find(".asn-an-needs")
        page.driver.execute_script("arguments[0].scrollIntoView({block: 'start'})", box)
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        box.screenshot(str(ARTIFACTS / "analytics_training_needs.png"))
        competencies = page.find("[data-section='competencies']")
        page.driver.execute_script("arguments[0].scrollIntoView({block: 'start'})", competencies)
        competencies.screenshot(str(ARTIFACTS / "analytics_competencies.png"))

    # the cohort filter: a native select and a button; focus goes to the summary, announced
    cohort = page.by_label("Cohort")
    Select(cohort).select_by_visible_text("Angkatan I")
    page.button("Show analytics").send_keys(Keys.ENTER)
    page.wait_until(lambda: "Showing: Angkatan I." in text_of(page, ".asn-an-summary"))
    page.wait_until(lambda: "Analytics shown for Angkatan I." in text_of(page, ".asn-live"))
    assert "asn-an-summary" in (page.active().get_attribute("class") or "")
    assert "Angkatan I" in text_of(page, ".asn-an-needs")
    link = page.find(".asn-staff-csv a[href*='staff_analytics_csv']")
    assert "cohort=Angkatan%20I" in link.get_attribute("href")

    if tag == "asn_case_study":  # a phone: nothing sticks out of the screen
        page.driver.set_window_size(360, 800)
        overflow = page.driver.execute_script(
            "var r = document.querySelector('.asn-an-body').getBoundingClientRect();"
            "return r.right - document.documentElement.clientWidth;")
        assert overflow <= 1
        page.assert_accessible(".asn-staff")
