"""The simulation debrief at laptop and phone width in real Chromium: the chart's legend with
long Indonesian labels neither overprints nor is cut, metrics with different ranges say the
axis is "% of each metric's range" while the table keeps the real values, the chart fits a
360 px screen, the table scrolls by keyboard with a visible cue, and the best path is shown
beside the learner's own. Screenshots: simulation_chart_1366.png, simulation_chart_360.png."""
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.keys import Keys

NAME = "browser.simchart"

LABELS = {
    "trust": "Kepercayaan masyarakat terhadap layanan perizinan daring",
    "support": "Dukungan pimpinan unit kerja",
    "morale": "Moral dan semangat pegawai",
    "budget": "Anggaran transformasi digital",
    "ready": "Kesiapan sistem informasi dan data",
}

XML = """<asn_change_simulation display_name="Grafik" start="n1" scoring="path" show_answer="finished"
    framework="kotter" lang="id">
  <metric id="trust" label="{trust}" initial="40"/>
  <metric id="support" label="{support}" initial="50"/>
  <metric id="morale" label="{morale}" initial="55"/>
  <metric id="budget" label="{budget}" initial="40" max="60"/>
  <metric id="ready" label="{ready}" initial="30"/>
  <node id="n1" title="Rapat pertama" step="urgency">
    <content><p>N1</p></content>
    <choice id="c_data" goto="n2" points="3"><text>Paparkan data antrean</text>
      <effect metric="trust" add="10"/><effect metric="budget" add="-10"/></choice>
    <choice id="c_wait" goto="n2"><text>Tunggu instruksi</text>
      <effect metric="morale" add="-5"/></choice>
  </node>
  <node id="n2" title="Tim inti" step="coalition">
    <content><p>N2</p></content>
    <choice id="c_team" goto="e_ok" points="3"><text>Bentuk tim lintas bidang</text>
      <effect metric="support" add="20"/><effect metric="ready" add="15"/></choice>
    <choice id="c_solo" goto="e_ok"><text>Kerjakan sendiri</text>
      <effect metric="support" add="-10"/><effect metric="budget" add="10"/></choice>
  </node>
  <ending id="e_ok" title="Selesai" score="1" outcome="success"><p>END</p></ending>
</asn_change_simulation>""".format(**LABELS)


def add(xml):
    from workbench.scenarios import add_xml_scenario

    add_xml_scenario(NAME, "browser-simchart", xml)
    return NAME


def node_title(page):
    return page.driver.execute_script(
        "const h = document.querySelector('.asn-sim-node h3'); return h ? h.textContent : null")


def play_to_debrief(page, student):
    page.open(f"/view/{add(XML)}/?student={student}")
    page.button("Paparkan data antrean").click()
    page.wait_until(lambda: node_title(page) == "Tim inti")
    page.button("Kerjakan sendiri").click()  # not the best choice here
    page.wait_for(".asn-chart svg")


LEGEND_BOXES = """
const svg = document.querySelector('.asn-chart svg');
const s = svg.getBoundingClientRect();
const boxes = Array.from(svg.querySelectorAll('text.asn-sim-legend')).map(t => {
  const r = t.getBoundingClientRect();
  return {label: t.textContent, x0: r.left, y0: r.top, x1: r.right, y1: r.bottom};
});
return {svg: {x0: s.left, y0: s.top, x1: s.right, y1: s.bottom},
        region: svg.parentNode.getBoundingClientRect().width, boxes: boxes};
"""


def assert_legend_readable(page):
    found = page.driver.execute_script(LEGEND_BOXES)
    svg, boxes = found["svg"], found["boxes"]
    assert sorted(b["label"] for b in boxes) == sorted(LABELS.values())  # whole, never cut
    for i, a in enumerate(boxes):
        assert a["x0"] >= svg["x0"] - 0.5 and a["x1"] <= svg["x1"] + 0.5, (a, svg)
        assert a["y1"] <= svg["y1"] + 0.5, (a, svg)
        for b in boxes[i + 1:]:
            apart = (a["x1"] <= b["x0"] or b["x1"] <= a["x0"]
                     or a["y1"] <= b["y0"] or b["y1"] <= a["y0"])
            assert apart, (a, b)
    assert svg["x1"] - svg["x0"] <= found["region"] + 0.5  # the chart fits its region


def test_chart_at_laptop_width_legend_scale_table_and_best_path(page):
    page.driver.set_window_size(1366, 900)
    play_to_debrief(page, "laptop")
    assert_legend_readable(page)
    chart_text = page.find(".asn-chart svg").get_attribute("textContent")
    assert "% of each metric's range" in chart_text
    # the table keeps the real values: the budget starts at 40 (of 60), then 30, then 40
    table = page.find(".asn-sim-table")
    headers = [th.text for th in table.find_elements("css selector", "thead th")]
    column = headers.index(LABELS["budget"])
    rows = [[c.text for c in tr.find_elements("css selector", "th, td")]
            for tr in table.find_elements("css selector", "tbody tr")]
    assert [r[column] for r in rows] == ["40", "30", "40"]
    # the best path beside the learner's own
    best = page.find(".asn-sim-best")
    assert "Your path differs from it at 1 decision." in best.text
    same, differs = best.find_elements("css selector", ".asn-sim-best-path > li")
    assert "You chose this too." in same.text
    assert "Bentuk tim lintas bidang" in differs.text and "Your choice here:" in differs.text
    assert "Kerjakan sendiri" in differs.text
    assert "asn-sim-best-differs" in differs.get_attribute("class")
    page.assert_accessible()
    page.driver.execute_script(
        "document.querySelector('.asn-sim-trajectory').scrollIntoView({block: 'start'})")
    shot = page.screenshot("simulation_chart_1366")
    assert shot.exists()


def test_chart_and_table_fit_a_phone_and_the_table_scrolls_by_keyboard(page):
    page.driver.set_window_size(360, 800)
    play_to_debrief(page, "phone")
    assert page.driver.execute_script(
        "return document.documentElement.scrollWidth <= document.documentElement.clientWidth")
    chart = page.driver.execute_script("""
      const r = document.querySelector('.asn-chart'); const s = r.querySelector('svg');
      return {scroll: r.scrollWidth, client: r.clientWidth, svg: s.getBoundingClientRect().width,
              viewport: document.documentElement.clientWidth};""")
    assert chart["scroll"] <= chart["client"] and chart["svg"] <= chart["viewport"], chart
    assert_legend_readable(page)
    # the table: wider than the phone, so a visible cue says it scrolls, and it scrolls by keyboard
    region = page.find(".asn-sim-table-region")
    hint = page.find(".asn-scroll-hint")
    wide = page.driver.execute_script("return arguments[0].scrollWidth > arguments[0].clientWidth", region)
    assert wide and hint.is_displayed() and "scroll it sideways" in hint.text
    assert "asn-scroll-more" in region.get_attribute("class")
    assert hint.get_attribute("id") in region.get_attribute("aria-describedby")
    assert region.get_attribute("tabindex") == "0"
    body = page.driver.find_element("tag name", "body")
    body.click()
    for _ in range(80):
        if page.active() == region:
            break
        ActionChains(page.driver).send_keys(Keys.TAB).perform()
    assert page.active() == region
    for _ in range(4):
        ActionChains(page.driver).send_keys(Keys.ARROW_RIGHT).perform()
    page.wait_until(lambda: page.driver.execute_script("return arguments[0].scrollLeft", region) > 0)
    page.assert_accessible()
    page.driver.execute_script(
        "document.querySelector('.asn-sim-trajectory').scrollIntoView({block: 'start'})")
    shot = page.screenshot("simulation_chart_360")
    assert shot.exists()
    # back to a wide window: the table fits again and the cue goes away
    page.driver.set_window_size(1366, 900)
    page.wait_until(lambda: not hint.is_displayed())
