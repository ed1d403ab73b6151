"""Server-rendered SVG charts (accessible, escaped, nothing by colour alone) and the blocks'
pure section builders fed with hand-made aggregates."""
from __future__ import annotations

from xml.etree import ElementTree

from asn_xblocks.case_study import facts as case_facts
from asn_xblocks.case_study.core import CORE as CASE
from asn_xblocks.core import charts
from asn_xblocks.core.charts import Bar, Ctx, Series
from asn_xblocks.core.olx import parse_olx
from asn_xblocks.digital_service import facts as desk_facts
from asn_xblocks.simulation import facts as sim_facts
from asn_xblocks.simulation.core import CORE as SIM
from tests.integration.case_fixtures import case_xml
from tests.integration.sim_fixtures import sim_xml

SVG = "{http://www.w3.org/2000/svg}"


def parsed(svg: str):
    return ElementTree.fromstring(svg)  # well-formed XML, or this raises


def texts(svg: str) -> list[str]:
    return [t.text for t in parsed(svg).iter(f"{SVG}text")]


def test_bar_chart_is_an_accessible_image_with_escaped_labels():
    svg = charts.bar_chart([Bar("<script>alert(1)</script> & co", 40, "40% (2)"),
                            Bar("Plain", 100, "100% (5)", flagged=True)],
                           "c-1", "Title <b>", "Desc & more", legend="Hatched: key")
    root = parsed(svg)
    assert root.get("role") == "img" and root.get("aria-labelledby") == "c-1-title c-1-desc"
    assert root.find(f"{SVG}title").text == "Title <b>" and root.find(f"{SVG}desc").text == "Desc & more"
    assert "<script>" not in svg and "&lt;script&gt;" in svg
    assert "40% (2)" in texts(svg) and "100% (5)" in texts(svg)  # values as text, not colour
    fills = [r.get("fill") for r in root.iter(f"{SVG}rect")]
    assert "url(#c-1-hatch)" in fills and root.find(f".//{SVG}pattern").get("id") == "c-1-hatch"
    assert "Hatched: key" in texts(svg)


def test_bar_chart_cuts_long_labels_and_draws_the_threshold():
    svg = charts.bar_chart([Bar("A very long competency label that goes on and on", 55, "55%")],
                           "c-2", "t", "d", threshold=70, threshold_label="70% threshold")
    assert "A very long competency labe…" in texts(svg)  # 28 characters
    assert "70% threshold" in texts(svg)
    dashed = [ln for ln in parsed(svg).iter(f"{SVG}line") if ln.get("stroke-dasharray")]
    assert len(dashed) == 1


def test_count_axis_ticks_are_round():
    assert charts.nice_max(3) == 3 and charts.nice_max(7) == 8 and charts.nice_max(37) == 40
    assert charts._count_ticks(40) == [0, 10, 20, 30, 40]


def test_matrix_writes_every_count_and_frames_the_diagonal():
    svg = charts.matrix_chart(["Approve", "Reject"], ["Approve", "Reject"], [[5, 1], [0, 3]],
                              "m", "t", "d", row_axis="Expected", column_axis="Chosen",
                              legend="Framed: right")
    assert [t for t in texts(svg) if t.isdigit()] == ["5", "1", "0", "3"]
    widths = [r.get("stroke-width") for r in parsed(svg).iter(f"{SVG}rect")]
    assert widths[:4] == ["3", "1", "1", "3"]


def test_line_chart_styles_each_series_differently_and_skips_missing_points():
    svg = charts.line_chart([Series("Moral", [50, 60, None]), Series("Support", [30, 30, 50])],
                            ["0", "1", "2"], "l", "t", "d", y_min=0, y_max=100, x_axis="Decision")
    lines = list(parsed(svg).iter(f"{SVG}polyline"))
    assert len(lines) == 2 and lines[0].get("stroke-dasharray") != lines[1].get("stroke-dasharray")
    assert len(lines[0].get("points").split()) == 2  # the missing third point is left out
    assert "Moral" in texts(svg) and "Support" in texts(svg)


def test_chart_ids_stay_unique_within_a_response():
    ctx = Ctx(str, prefix="asn-an-1")
    assert ctx.chart_id("q 1") == "asn-an-1-q-1" and ctx.chart_id("q 1") == "asn-an-1-q-1-2"


# --- block sections from hand-made aggregates -----------------------------------------------

def stat(n, **fields):
    return {"n": n, "scored": n, "earned": None, "possible": None, "ratio": None, **fields}


def test_case_study_answer_shares_and_key_marks():
    content = CASE.parse(parse_olx(case_xml(grading="staff")))
    stats = {"question": [stat(4, item_id="q1", ratio=0.625)],
             "option": [stat(2, item_id="q1", value="a"), stat(1, item_id="q1", value="b"),
                        stat(1, item_id="q1", value="c")],
             "reflection": [stat(3, item_id="r1", value="awaiting")],
             "criterion": [stat(2, item_id="r1", value="c1", earned=3.0, possible=4.0)]}
    answers, rubric = case_facts.sections(content, stats, Ctx(str))
    (figure,) = answers["figures"]  # q2 and q3 have no answers yet
    rows = [(r[0], r[1]["v"], r[2]["v"], r[3]) for r in figure["table"]["rows"]]
    assert rows == [("✓ Alpha", 2, 50.0, "yes"), ("Beta", 1, 25.0, "no"), ("Gamma", 1, 25.0, "no")]
    assert figure["note"] == "4 learners answered; average score 62.5%."
    (criteria,) = rubric["figures"]
    assert [(r[0], r[1]["v"], r[2]["v"], r[3]["v"]) for r in criteria["table"]["rows"]] == [
        ("R1 Rule", 1.5, 2.0, 75.0)]
    assert rubric["intro"] == "3 reflections are waiting for a staff grade and are not counted yet."


def test_simulation_endings_and_paths_from_aggregates():
    content = SIM.parse(parse_olx(sim_xml()))
    stats = {"ending": [stat(3, item_id="e_success"), stat(1, item_id="e_fail")],
             "choice": [stat(4, item_id="n1", value="c_listen")],
             "path": [stat(3, value="d1", detail='["c_listen","c_allies","c_pilot"]',
                           expected="e_success")],
             "metric": [stat(4, item_id="morale", step=0, earned=200.0),
                        stat(3, item_id="morale", step=1, earned=180.0)]}
    endings, choices, paths, metrics = sim_facts.sections(content, stats, Ctx(str))
    assert [(r[0], r[2]["v"], r[3]["v"]) for r in endings["figures"][0]["table"]["rows"]] == [
        ("ENDING-SUCCESS-TITLE", 3, 75.0), ("ENDING-PARTIAL-TITLE", 0, 0.0),
        ("ENDING-FAIL-TITLE", 1, 25.0)]
    assert choices["figures"][0]["table"]["rows"][0][2]["v"] == 100.0
    (path,) = paths["figures"][0]["table"]["rows"]
    assert path[1] == "Listen first → Find allies → Run a pilot" and path[4]["v"] == 75.0
    morale = [row[1]["v"] for row in metrics["figures"][0]["table"]["rows"]]
    assert morale == [50.0, 60.0]  # 200 / 4, 180 / 3


def test_digital_service_confusion_matrix_table():
    stats = {"decision": [stat(5, expected="approve", value="approve"),
                          stat(2, expected="approve", value="reject"),
                          stat(1, expected="reject", value="")]}
    section = desk_facts._decisions(stats, Ctx(str))
    table = section["figures"][0]["table"]
    assert table["columns"] == ["Expected \\ chosen", "Approve", "Return to be completed", "Reject",
                                "No decision", "Total", "Right"]
    first = [c["v"] if isinstance(c, dict) else c for c in table["rows"][0]]
    assert first == ["Approve", 5, 0, 2, 0, 7, 71.4]
