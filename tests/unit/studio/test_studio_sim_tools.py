"""The simulation editor's map, "Check all paths" and condition checks; the service desk's
expected-outcome preview."""
from __future__ import annotations

import re

from lxml import etree
from studio_samples import DESK_ALL, SIM_ALL

from asn_xblocks.core import olx
from asn_xblocks.digital_service import editor_schema as desk_editor
from asn_xblocks.digital_service.core import CORE as DESK
from asn_xblocks.simulation import editor_schema as sim_editor
from asn_xblocks.simulation import graph_map, path_check
from asn_xblocks.simulation.core import CORE as SIM

BROKEN = """<asn_change_simulation start="n1">
  <metric id="m" label="M" initial="50"/>
  <node id="n1" title="Start &lt;here&gt;">
    <content><p>x</p></content>
    <choice id="c1" goto="n2" when="m &gt; 10"><text>a</text><effect metric="m" add="-30"/></choice>
    <choice id="c2" goto="e1" when="m &gt; 90"><text>b</text></choice>
  </node>
  <node id="n2" title="Middle">
    <content><p>y</p></content>
    <choice id="c3" goto="e1" when="m &gt; 40"><text>c</text></choice>
  </node>
  <node id="orphan" title="Orphan"><choice id="c4" goto="e1"><text>d</text></choice></node>
  <ending id="e1" title="End" score="1"/>
  <ending id="e2" title="Never" score="0"/>
</asn_change_simulation>"""


def sim(xml):
    return SIM.parse(olx.parse_olx(xml))


def test_map_draws_every_place_and_arrow_with_escaped_labels():
    content = sim(SIM_ALL)
    found = graph_map.build_map(content, SIM.validate(content))
    svg = etree.fromstring(found["svg"])  # well-formed XML
    ns = {"s": "http://www.w3.org/2000/svg"}
    items = [a.get("data-item") for a in svg.iterfind(".//s:a", ns)]
    assert sorted(items) == ["e1", "e2", "n1", "n2", "r0", "r1"]
    assert all(a.get("href", "").startswith("#asn-item-") for a in svg.iterfind(".//s:a", ns))
    assert len(svg.findall(".//s:path[@class='asn-map-arrow']", ns)) == 6  # 3 choices + 3 routes
    labels = [t.text for t in svg.iterfind(".//s:text[@class='asn-map-label']", ns)]
    assert "moral < 30" in labels and "otherwise" in labels
    assert "moral &lt; 30" in found["svg"]  # escaped in the markup
    routers = svg.findall(".//s:a[@class='asn-map-place asn-map-router']/s:polygon", ns)
    assert len(routers) == 2  # routers are diamonds, not boxes
    assert not found["too_large"]


def test_map_marks_problems_by_shape_and_text():
    content = sim(BROKEN)
    problems = SIM.validate(content)
    found = graph_map.build_map(content, problems)
    svg = etree.fromstring(found["svg"])
    ns = {"s": "http://www.w3.org/2000/svg"}
    marked = {a.get("data-item"): a.get("aria-label") for a in svg.iterfind(".//s:a", ns)
              if "asn-map-problem" in a.get("class")}
    assert "unreachable" in marked["orphan"]
    assert "never reached" in marked["e2"]
    assert "dead end" in marked["n2"]  # reachable with m = 20: no choice offered
    assert "n1" not in marked or "unreachable" not in marked["n1"]
    texts = "".join(svg.itertext())
    assert "⚠" in texts  # the mark is text, not only colour
    assert "Start <here>" in found["list"][0]["text"]  # the list has the title as text
    orphan = next(e for e in found["list"] if e["item_id"] == "orphan")
    assert "unreachable" in orphan["text"] and "c4 → e1" in orphan["text"]


def test_map_leaves_out_the_drawing_for_huge_scenarios():
    nodes = "".join(f'<node id="n{i}" title="N"><choice id="c{i}" goto="e"><text>x</text></choice></node>'
                    for i in range(graph_map.MAX_PLACES + 1))
    content = sim(f'<asn_change_simulation start="n0">{nodes}<ending id="e" score="1"/></asn_change_simulation>')
    found = graph_map.build_map(content, [])
    assert found["svg"] is None and found["too_large"]
    assert len(found["list"]) == graph_map.MAX_PLACES + 2


def test_check_all_paths_reports_shortest_paths_and_what_is_never_reached():
    content = sim(SIM_ALL)
    report = path_check.check_paths(content)
    assert report.method == "exhaustive" and report.start_error is None
    endings = {e.id: e for e in report.endings}
    assert endings["e1"].reached and endings["e1"].steps == [("n1", "c2")]  # via router r1
    assert endings["e2"].reached is False  # moral starts at 50, r1 needs < 30
    broken = path_check.check_paths(sim(BROKEN))
    assert broken.unreached_nodes == ["orphan"]
    assert broken.stuck_nodes == ["n2"]
    assert "c2" in broken.unavailable_choices and "c1" not in broken.unavailable_choices
    assert {e.id for e in broken.endings if not e.reached} == {"e1", "e2"}


def test_check_all_paths_falls_back_to_seeded_plays_when_the_search_is_cut_off():
    content = sim(SIM_ALL)
    report = path_check.check_paths(content, limit=2, plays=50, seed=7)
    assert report.method == "partial" and report.plays == 50
    reached = {e.id: e for e in report.endings if e.reached}
    assert "e1" in reached
    again = path_check.check_paths(content, limit=2, plays=50, seed=7)
    assert [(e.id, e.steps) for e in again.endings] == [(e.id, e.steps) for e in report.endings]


def test_check_all_paths_reports_an_unresolvable_start():
    report = path_check.check_paths(sim('<asn_change_simulation start="nowhere"><ending id="e" score="1"/>'
                                        '</asn_change_simulation>'))
    assert report.start_error == "nowhere" and not report.endings[0].reached


def test_the_tool_report_names_endings_paths_and_unreached_nodes():
    report = sim_editor.run_tool("paths", sim(BROKEN), str, "en")
    groups = {g["title"]: g["items"] for g in report["groups"]}
    assert [i["item_id"] for i in groups["Nodes never reached"]] == ["orphan"]
    assert {i["item_id"] for i in groups["Endings never reached"]} == {"e1", "e2"}
    ok = sim_editor.run_tool("paths", sim(SIM_ALL), str, "en")
    reached = {g["title"]: g["items"] for g in ok["groups"]}["Endings reached"]
    assert reached[0]["item_id"] == "e1" and "n1: c2" in reached[0]["text"]
    assert "Choices on the shortest path: 1." in reached[0]["text"]


def test_conditions_are_checked_by_the_engine_parser():
    good = sim_editor.check_field("condition", "moral >= 40 and not (support < 10)",
                                  {"moral", "support"}, str)
    assert good["ok"]
    bad = sim_editor.check_field("condition", "moral >= ", {"moral"}, str)
    assert not bad["ok"] and bad["message"]
    unknown = sim_editor.check_field("condition", "morale > 1", {"moral"}, str)
    assert not unknown["ok"] and "morale" in unknown["message"]
    assert sim_editor.check_field("condition", "", set(), str)["ok"]
    assert not sim_editor.check_field("condition", "__import__('os')", set(), str)["ok"]


def test_simulation_insights_carry_the_map():
    content = sim(SIM_ALL)
    section = sim_editor.insights(content, [], str, "en")["sections"][0]
    assert section["svg"].startswith("<svg") and len(section["list"]) == 6


def test_desk_preview_shows_the_expected_outcome_per_request():
    content = DESK.parse(olx.parse_olx(DESK_ALL))
    items = desk_editor.insights(content, [], str, "id")["items"]
    budi, sari = items["r1"]["lines"], items["r2"]["lines"]
    assert budi[0] == "Decision: Reject"  # eligible="false"
    assert budi[1] == "Route to: Disdukcapil"  # the request's own route
    # Mon 16 March 2026: 17 and 18 count, 19 and 20 are holidays, then the weekend: 23
    assert budi[2] == "Due date: 23 Maret 2026"
    assert any('not met, document "d1" is not valid' in line for line in budi)
    assert any('no document of type "nib"' in line for line in budi)
    assert sari[0] == "Decision: Approve" and sari[1] == "Route to: DPMPTSP"
    assert re.search(r"Points: 6$", sari[-1])
