"""A learner plays a change simulation in real Chromium: by keyboard only, a reload
mid-way, the debrief (timeline, chart, table, outcome), a new attempt, a stale second tab,
markup in labels staying text, and a phone-sized window; axe at start, mid-way and end."""
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.keys import Keys

from tests.integration.sim_fixtures import sim_xml

NAME = "browser.sim"


def add_simulation(xml: str) -> str:
    from workbench.scenarios import add_xml_scenario

    add_xml_scenario(NAME, "browser-sim", xml)
    return NAME


def press(page, key) -> None:
    ActionChains(page.driver).send_keys(key).perform()


def tab_to(page, element, limit=80) -> None:
    """Press Tab (and nothing else) until ``element`` has focus."""
    for _ in range(limit):
        if page.active() == element:
            return
        press(page, Keys.TAB)
    raise AssertionError(f"element not reachable by Tab; {page.diagnostics()}")


def choose_by_keyboard(page, text: str) -> None:
    button = page.button(text)
    tab_to(page, button)
    press(page, Keys.ENTER)


def heading_has_focus(page, text: str) -> bool:
    return page.driver.execute_script(
        "const a = document.activeElement; return a.tagName === 'H3' && a.textContent === arguments[0]",
        text)


def live_text(page) -> str:
    return page.find(".asn-live").text


def node_title(page):
    """The current node's heading, read in one script (the body is re-rendered after
    each step, so an element found earlier may be gone)."""
    return page.driver.execute_script(
        "const h = document.querySelector('.asn-sim-node h3'); return h ? h.textContent : null")


def test_a_learner_plays_to_the_end_by_keyboard(page):
    name = add_simulation(sim_xml())
    url = f"/view/{name}/?student=kiki"
    page.open(url)
    text = page.text()
    assert "INTRO-TEXT" in text and "CONTENT-N1" in text and "Kick-off" in text
    metrics = [m.text for m in page.find_all(".asn-metric")]
    assert len(metrics) == 2 and "Morale" in metrics[0] and "50" in metrics[0]
    assert "HIDDEN-METRIC-LABEL" not in page.driver.page_source
    page.assert_accessible()
    page.screenshot("simulation_start")

    choose_by_keyboard(page, "Listen first")
    page.wait_until(lambda: heading_has_focus(page, "Building allies"))
    page.wait_until(lambda: "Morale 50 → 60 (+10)" in live_text(page))
    assert "FEEDBACK-LISTEN" in live_text(page) and "Next situation: Building allies" in live_text(page)
    text = page.text()
    assert "FEEDBACK-LISTEN" in text and "CONTENT-N2" in text and "CONTENT-N1" not in text
    morale = page.find(".asn-metric[data-metric='morale']").text
    assert "60" in morale and "▲" in morale and "up by 10" in morale
    assert "▲" not in page.find(".asn-metric[data-metric='support']").text
    assert [b.text for b in page.find_all("button.asn-choice")] == ["Find allies", "Go it alone"]
    page.assert_accessible()

    # leave and come back: the same node, the same feedback, nothing lost
    page.open(url)
    assert node_title(page) == "Building allies"
    assert "FEEDBACK-LISTEN" in page.text()
    assert [b.text for b in page.find_all("button.asn-choice")] == ["Find allies", "Go it alone"]
    page.screenshot("simulation_midway")

    choose_by_keyboard(page, "Find allies")
    page.wait_until(lambda: heading_has_focus(page, "First results"))
    page.wait_until(lambda: "Support 30 → 50 (+20)" in live_text(page))
    # the conditional choice is offered now that support is 50
    assert [b.text for b in page.find_all("button.asn-choice")] == ["Run a pilot", "Roll out everywhere at once"]
    choose_by_keyboard(page, "Run a pilot")

    page.wait_until(lambda: heading_has_focus(page, "The end: ENDING-SUCCESS-TITLE"))
    page.wait_until(lambda: "The simulation has ended: ENDING-SUCCESS-TITLE." in live_text(page))
    assert "Outcome: success" in live_text(page) and "Morale 60 → 65 (+5)" in live_text(page)
    text = page.text()
    assert "Score: 100 / 100" in text
    assert "Outcome: success" in page.find(".asn-sim-outcome").text
    assert "ENDING-SUCCESS-BODY" in text and "FEEDBACK-PILOT" in text
    # the timeline: three decisions grouped by Kotter step, each with its consequences
    steps = [h.text for h in page.find_all(".asn-sim-step-title")]
    assert steps == ["Create a sense of urgency", "Build a guiding coalition", "Generate short-term wins"]
    entries = [e.text for e in page.find_all(".asn-sim-entry")]
    assert len(entries) == 3
    assert "Decision 1: Kick-off" in entries[0] and "Listen first" in entries[0]
    assert "Morale: 50 → 60" in entries[0] and "up by 10" in entries[0]
    assert "Support: 30 → 50" in entries[1]
    # the chart: an SVG image with a title and description, and the same numbers as a table
    chart = page.driver.execute_script("""
      const svg = document.querySelector('.asn-chart svg');
      const ids = (svg.getAttribute('aria-labelledby') || '').split(' ');
      return {role: svg.getAttribute('role'), title: svg.querySelector('title').textContent,
              named: ids.every(id => document.getElementById(id) && svg.contains(document.getElementById(id))),
              lines: svg.querySelectorAll('polyline').length};""")
    assert chart == {"role": "img", "title": "Metric trajectory", "named": True, "lines": 2}
    assert page.find(".asn-sim-table caption").text == "Metric values after each decision"
    headers = [th.text for th in page.find_all(".asn-sim-table th[scope='col']")]
    assert headers == ["Decision", "Morale", "Support"]
    rows = [[c.text for c in row.find_elements("css selector", "th, td")]
            for row in page.find_all(".asn-sim-table tbody tr")]
    assert rows == [["Start", "50", "30"], ["1", "60", "30"], ["2", "60", "50"], ["3", "65", "50"]]
    assert page.find_all(".asn-sim-table tbody th[scope='row']")
    assert "Your result per competency" in text
    best = [li.text for li in page.find_all(".asn-sim-best-path li")]
    assert len(best) == 3 and "Run a pilot" in best[2]
    page.assert_accessible()
    page.screenshot("simulation_end")

    # a new attempt, by keyboard too
    choose_by_keyboard(page, "Try again")
    page.wait_until(lambda: heading_has_focus(page, "Kick-off"))
    page.wait_until(lambda: "A new attempt has started." in live_text(page))
    assert "Attempts used: 1 of 3" in page.text() and "Score: 100 / 100" in page.text()
    assert "60" not in page.find(".asn-metric[data-metric='morale']").text
    # the retry's and this choice's answers leave the score out: the page keeps showing it
    page.button("Listen first").click()
    page.wait_until(lambda: node_title(page) == "Building allies")
    assert "Score: 100 / 100" in page.text()


def test_a_conditional_choice_stays_hidden_and_a_stale_tab_recovers(page):
    name = add_simulation(sim_xml())
    url = f"/view/{name}/?student=tabs"
    page.open(url)
    first = page.driver.current_window_handle
    page.driver.switch_to.new_window("tab")
    page.open(url)
    page.button("Listen first").click()
    page.wait_until(lambda: node_title(page) == "Building allies")
    page.driver.close()
    page.driver.switch_to.window(first)
    # this tab still shows n1: its choice is refused (409) and the current state loads
    page.button("Give orders").click()
    page.wait_until(lambda: node_title(page) == "Building allies")
    assert "another window" in page.find(".asn-alert").text
    page.button("Go it alone").click()
    page.wait_until(lambda: node_title(page) == "First results")
    assert [b.text for b in page.find_all("button.asn-choice")] == ["Roll out everywhere at once"]
    assert "Run a pilot" not in page.driver.page_source
    assert "down by 10" in page.find(".asn-metric[data-metric='support']").text
    page.button("Roll out everywhere at once").click()
    page.wait_until(lambda: page.find_all(".asn-sim-outcome"))
    assert "Outcome: partial success" in page.find(".asn-sim-outcome").text
    assert "Score: 60 / 100" in page.text()


def test_markup_in_labels_stays_text(page):
    hostile = '&lt;img src=x onerror=&quot;window.__pwned=1&quot;&gt; Morale'
    name = add_simulation(sim_xml().replace('label="Morale"', f'label="{hostile}"'))
    page.open(f"/view/{name}/?student=mallory")
    assert '<img src=x onerror="window.__pwned=1"> Morale' in page.find(".asn-metric").text
    page.button("Give orders").click()
    page.wait_until(lambda: page.find_all(".asn-sim-outcome"))
    assert page.driver.execute_script("return window.__pwned === undefined")
    assert page.driver.execute_script("return document.querySelectorAll('.asn-block img').length") == 0
    assert "<img src=x" in page.find(".asn-sim-table thead").text
    assert "<img src=x" in page.driver.execute_script(
        "return document.querySelector('.asn-chart svg').textContent")


NO_SIDEWAYS_SCROLL = "return document.documentElement.scrollWidth <= document.documentElement.clientWidth"
SMALL_TARGETS = """
  return Array.from(document.querySelectorAll('.asn-block button, .asn-block summary'))
    .filter(e => e.getBoundingClientRect().height < 44)
    .map(e => e.outerHTML.slice(0, 80))"""


def test_phone_width(page):
    name = add_simulation(sim_xml())
    page.driver.set_window_size(360, 640)
    url = f"/view/{name}/?student=phone"
    page.open(url)
    assert page.driver.execute_script(NO_SIDEWAYS_SCROLL)
    assert page.driver.execute_script(SMALL_TARGETS) == []
    page.button("Listen first").click()
    page.wait_until(lambda: node_title(page) == "Building allies")
    assert page.driver.execute_script(NO_SIDEWAYS_SCROLL)
    assert page.driver.execute_script(SMALL_TARGETS) == []
    page.assert_accessible()
    page.screenshot("simulation_phone")
    page.button("Find allies").click()
    page.wait_until(lambda: node_title(page) == "First results")
    page.button("Run a pilot").click()
    page.wait_for(".asn-chart svg")
    assert page.driver.execute_script(NO_SIDEWAYS_SCROLL)
    assert page.driver.execute_script(SMALL_TARGETS) == []
    page.assert_accessible()  # the chart and table scroll inside focusable regions
    page.screenshot("simulation_phone_end")


def test_the_demo_scenario_plays_to_an_ending(page):
    page.open("/view/asn_change_simulation.2/?student=demo")
    for _ in range(20):
        buttons = page.find_all("button.asn-choice")
        if not buttons:
            break
        title = node_title(page)
        buttons[0].click()
        page.wait_until(lambda title=title: node_title(page) != title)
    page.wait_for(".asn-sim-outcome")
    assert "Outcome: success" in page.find(".asn-sim-outcome").text
    page.assert_accessible()


def test_a_scenario_that_cannot_start_says_so(page):
    name = add_simulation(sim_xml().replace('start="n1"', 'start="missing"'))
    page.open(f"/view/{name}/?student=err")
    box = page.find(".asn-sim-error")
    assert "This simulation cannot continue" in box.text and "cannot start" in box.text
    assert page.find_all("button.asn-choice") == []
    page.assert_accessible()


def test_content_edited_mid_attempt_recovers(page):
    import json

    from django.test import Client
    from workbench.scenarios import SCENARIOS

    from tests.integration.sim_fixtures import sim_edited_xml

    name = add_simulation(sim_xml())
    url = f"/view/{name}/?student=drift"
    page.open(url)
    page.button("Listen first").click()
    page.wait_until(lambda: node_title(page) == "Building allies")
    # the author removes n2 while the learner is there
    response = Client().post(f"/handler/{SCENARIOS[name].usage_id}/studio_save/?student=staff",
                             data=json.dumps({"olx": sim_edited_xml()}),
                             content_type="application/json")
    assert response.status_code == 200, response.content
    page.button("Find allies").click()  # refused (409): the current state loads
    page.wait_until(lambda: page.find_all(".asn-drift"))
    assert "changed this exercise" in page.find(".asn-drift").text
    page.assert_accessible()
    page.button("Start again").click()
    page.wait_until(lambda: node_title(page) == "Kick-off")
    page.button("Listen first").click()
    page.wait_until(lambda: node_title(page) == "Building allies")
