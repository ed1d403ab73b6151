"""learner_view: shape, the key never leaks, hidden metrics stay hidden, the debrief."""
import json
import re
from pathlib import Path

import pytest
from lxml import etree

from asn_xblocks.core.engine_api import Reveal
from asn_xblocks.core.olx import parse_olx
from asn_xblocks.simulation import debrief
from asn_xblocks.simulation.core import CORE

ROOT = Path(__file__).resolve().parents[3]
DEMO_DIR = ROOT / "asn_xblocks" / "demo" / "scenarios" / "asn_change_simulation"

XML = """
<asn_change_simulation start="n1" scoring="path" framework="kotter">
  <intro><p>INTRO-TEXT</p></intro>
  <metric id="moral" label="Moral pegawai" initial="50"/>
  <metric id="dukungan" label="Dukungan" initial="30" max="60"/>
  <metric id="rahasia" label="SECRET-METRIC-LABEL" initial="5" visible="false"/>
  <node id="n1" title="Awal" step="urgency">
    <content><p>CONTENT-N1</p></content>
    <choice id="c1" goto="r1" points="7" competency="komunikasi">
      <text>TEXT-C1</text>
      <effect metric="moral" add="13"/>
      <effect metric="rahasia" set="77"/>
      <feedback><p>FEEDBACK-C1</p></feedback>
    </choice>
    <choice id="c2" goto="n2">
      <text>TEXT-C2</text>
      <effect metric="dukungan" set="11"/>
      <feedback><p>FEEDBACK-C2</p></feedback>
    </choice>
    <choice id="c_hidden" goto="n2" when="moral &gt;= 99">
      <text>TEXT-HIDDEN-CHOICE</text>
    </choice>
  </node>
  <node id="n2" title="TITLE-N2" step="coalition">
    <content><p>CONTENT-N2</p></content>
    <choice id="c3" goto="e1" when="dukungan &gt;= 20" points="5" competency="kerja_sama">
      <text>TEXT-C3</text>
      <feedback><p>FEEDBACK-C3</p></feedback>
    </choice>
    <choice id="c4" goto="e2"><text>TEXT-C4</text></choice>
  </node>
  <router id="r1">
    <route when="moral &lt; 30" goto="e2"/>
    <route goto="n2"/>
  </router>
  <ending id="e1" title="ENDING-SUCCESS-TITLE" score="1" outcome="success"><p>ENDING-SUCCESS-BODY</p></ending>
  <ending id="e2" title="ENDING-FAIL-TITLE" score="0.25" outcome="failure"><p>ENDING-FAIL-BODY</p></ending>
</asn_change_simulation>
"""


@pytest.fixture
def content():
    return CORE.parse(parse_olx(XML))


def choose(content, attempt, choice):
    return CORE.apply_action(content, attempt, {"type": "choose", "choice": choice}).attempt


def finished(content):
    return choose(content, choose(content, CORE.new_attempt(content, 5), "c1"), "c3")


SECRETS_ALWAYS = ["SECRET-METRIC-LABEL", "rahasia", "TEXT-HIDDEN-CHOICE", "c_hidden",
                  "goto", "when", "effects", "points", "r1", "score\"", "77"]
SECRETS_BEFORE_END = ["ENDING-SUCCESS", "ENDING-FAIL", "e1", "e2", "outcome"]


def test_initial_view_shape_and_no_leak(content):
    view = CORE.learner_view(content, CORE.new_attempt(content, 5), Reveal(True, True))
    blob = json.dumps(view)
    for secret in SECRETS_ALWAYS + SECRETS_BEFORE_END + ["FEEDBACK", "TITLE-N2", "CONTENT-N2",
                                                         "TEXT-C3", "TEXT-C4", "competenc",
                                                         "komunikasi", "best_path", "debrief"]:
        assert secret not in blob, secret
    assert view["intro_html"] == "<p>INTRO-TEXT</p>"
    assert view["node"] == {
        "id": "n1", "title": "Awal", "content_html": "<p>CONTENT-N1</p>", "step": "urgency",
        "step_label": "Create a sense of urgency",
        "choices": [{"id": "c1", "text_html": "TEXT-C1"}, {"id": "c2", "text_html": "TEXT-C2"}],
    }
    assert [m["id"] for m in view["metrics"]] == ["moral", "dukungan"]
    assert view["metrics"][1] == {"id": "dukungan", "label": "Dukungan", "value": 30, "min": 0,
                                  "max": 60, "display": "30"}
    assert view["last"] is None and view["step_count"] == 0 and view["finished"] is False
    assert "ending" not in view


def test_after_a_choice(content):
    attempt = choose(content, CORE.new_attempt(content, 5), "c1")
    view = CORE.learner_view(content, attempt, Reveal(True, True))
    blob = json.dumps(view)
    for secret in SECRETS_ALWAYS + SECRETS_BEFORE_END + ["FEEDBACK-C3", "FEEDBACK-C2"]:
        assert secret not in blob, secret
    assert view["last"] == {"choice_text_html": "TEXT-C1", "feedback_html": "<p>FEEDBACK-C1</p>",
                            "changes": [{"id": "moral", "label": "Moral pegawai", "before": 50,
                                         "after": 63, "delta": 13, "delta_display": "+13"}]}
    assert view["node"]["id"] == "n2" and view["step_count"] == 1
    assert [c["id"] for c in view["node"]["choices"]] == ["c3", "c4"]


def test_unavailable_choices_are_not_offered(content):
    attempt = choose(content, CORE.new_attempt(content, 5), "c2")  # dukungan 11
    view = CORE.learner_view(content, attempt, Reveal())
    assert [c["id"] for c in view["node"]["choices"]] == ["c4"]
    assert "TEXT-C3" not in json.dumps(view)


def test_finished_view(content):
    view = CORE.learner_view(content, finished(content), Reveal(correctness=True, answers=False))
    assert view["finished"] and view["node"] is None
    assert view["ending"] == {"id": "e1", "title": "ENDING-SUCCESS-TITLE",
                              "body_html": "<p>ENDING-SUCCESS-BODY</p>", "outcome": "success",
                              "score_percent": 100, "score_text": "100%"}
    assert "best_path" not in view
    assert [{k: c[k] for k in ("id", "label", "earned", "possible", "percent", "percent_text",
                               "points_text", "result_text", "pending")}
            for c in view["competencies"]] == [
        {"id": "komunikasi", "label": "Communication", "earned": 7, "possible": 7, "percent": 100,
         "percent_text": "100%", "points_text": "7 / 7", "result_text": "100%", "pending": 0},
        {"id": "kerja_sama", "label": "Cooperation", "earned": 5, "possible": 5, "percent": 100,
         "percent_text": "100%", "points_text": "5 / 5", "result_text": "100%", "pending": 0}]
    shown = view["debrief"]
    assert [g["step"] for g in shown["timeline"]] == ["urgency", "coalition"]
    assert shown["timeline"][0]["step_label"] == "Create a sense of urgency"
    assert shown["timeline"][0]["entries"][0]["choice_text_html"] == "TEXT-C1"
    assert shown["table"]["columns"] == ["Moral pegawai", "Dukungan"]
    assert shown["table"]["rows"] == [[0, "50", "30"], [1, "63", "30"], [2, "63", "30"]]
    blob = json.dumps(view)
    for secret in ["SECRET-METRIC-LABEL", "rahasia", "77", "goto", "when", "effects",
                   "TEXT-HIDDEN-CHOICE", "ENDING-FAIL"]:
        assert secret not in blob, secret


def test_show_answer_reveals_the_best_path(content):
    view = CORE.learner_view(content, finished(content), Reveal(correctness=True, answers=True))
    assert view["best_path"] == [
        {"node": "n1", "choice": "c1", "node_title": "Awal", "choice_text_html": "TEXT-C1"},
        {"node": "n2", "choice": "c3", "node_title": "TITLE-N2", "choice_text_html": "TEXT-C3"}]


def test_show_correctness_off_hides_scores(content):
    view = CORE.learner_view(content, finished(content), Reveal(correctness=False, answers=False))
    assert "score_percent" not in view["ending"]
    assert "competencies" not in view and "best_path" not in view


def test_chart_svg_is_accessible_and_hides_hidden_metrics(content):
    view = CORE.learner_view(content, finished(content), Reveal())
    svg = view["debrief"]["chart_svg"]
    root = etree.fromstring(svg.encode("utf-8"))
    ns = {"s": "http://www.w3.org/2000/svg"}
    assert root.get("role") == "img"
    title = root.find("s:title", ns)
    desc = root.find("s:desc", ns)
    assert title is not None and title.text == "Metric trajectory"
    assert root.get("aria-labelledby") == f"{title.get('id')} {desc.get('id')}"
    series = root.findall("s:g", ns)
    assert [g.get("data-metric") for g in series] == ["moral", "dukungan"]
    # distinct dash patterns and marker shapes: meaning is not carried by colour alone
    dashes = [g.find("s:polyline", ns).get("stroke-dasharray") for g in series]
    assert len(set(dashes)) == len(dashes)
    shapes = [g[1].tag for g in series]
    assert len(set(shapes)) == len(shapes)
    assert "SECRET-METRIC-LABEL" not in svg and "rahasia" not in svg
    assert "Moral pegawai" in svg and "Dukungan" in svg


def test_chart_escapes_labels():
    xml = XML.replace('label="Moral pegawai"', 'label="Moral &lt;script&gt; &amp; &quot;x&quot;"')
    content = CORE.parse(parse_olx(xml))
    svg = CORE.learner_view(content, finished(content), Reveal())["debrief"]["chart_svg"]
    etree.fromstring(svg.encode("utf-8"))
    assert "<script>" not in svg


def test_step_labels_are_translated(content):
    gettext = {"Create a sense of urgency": "Membangun rasa urgensi",
               "Build a guiding coalition": "Membentuk koalisi pengarah",
               "Metric trajectory": "Lintasan indikator"}.get
    view = CORE.learner_view(content, finished(content), Reveal(),
                             gettext=lambda s: gettext(s) or s, locale="id")
    assert view["debrief"]["timeline"][0]["step_label"] == "Membangun rasa urgensi"
    assert view["debrief"]["timeline"][1]["step_label"] == "Membentuk koalisi pengarah"
    assert "Lintasan indikator" in view["debrief"]["chart_svg"]


def test_decimal_display_follows_locale():
    xml = XML.replace('add="13"', 'add="12.5"')
    content = CORE.parse(parse_olx(xml))
    attempt = choose(content, CORE.new_attempt(content, 5), "c1")
    view = CORE.learner_view(content, attempt, Reveal(), locale="id")
    assert view["metrics"][0]["display"] == "62,5"
    assert view["last"]["changes"][0]["delta_display"] == "+12,5"


def test_report_rows_and_staff_items(content):
    attempt = finished(content)
    rows = CORE.report_rows(content, attempt)
    assert [(r.question, r.answer, r.points) for r in rows] == [
        ("Awal", "TEXT-C1", ""), ("TITLE-N2", "TEXT-C3", ""),
        ("Ending", "ENDING-SUCCESS-TITLE", "100 / 100")]
    assert CORE.staff_items(content, attempt) == []


def test_tolerates_junk_attempt(content):
    for junk in ({}, {"metrics": "x", "path": "y"}, {"path": [1, None, {"node": 5}]},
                 {"finished": True, "ending": "nope", "path": [{"choice": None}]}):
        view = CORE.learner_view(content, junk, Reveal(True, True))
        json.dumps(view)


@pytest.mark.parametrize("path", sorted(DEMO_DIR.glob("*.xml")), ids=lambda p: p.name)
def test_demo_playthrough_never_leaks_before_choosing(path):
    """Walk each demo along its first offered choice; at each step the view holds nothing
    about choices not yet made (their feedback, goto, effects, points, when)."""
    content = CORE.parse(parse_olx(path.read_bytes()))
    hidden = [m for m in content.metrics if not m.visible]
    attempt = CORE.new_attempt(content, 1)
    steps = 0
    while not attempt["finished"]:
        view = CORE.learner_view(content, attempt, Reveal(True, True))
        blob = json.dumps(view, ensure_ascii=False)
        for key in ("goto", "when", "effects", "points", "feedback_html\": \"<",
                    "body_html", "outcome", "best_path", "score"):
            if key == "feedback_html\": \"<" and steps:
                continue  # the last choice's feedback is shown after it was made
            assert key not in blob, (path.name, key)
        for metric in hidden:
            assert metric.label not in blob
            assert f'"{metric.id}"' not in blob
        for ending in content.endings:
            assert ending.title not in blob
        node = view["node"]
        choice_id = node["choices"][0]["id"]
        attempt = choose(content, attempt, choice_id)
        steps += 1
        assert steps < 100
    end = CORE.learner_view(content, attempt, Reveal(True, True))
    assert end["ending"]["title"]
    for metric in hidden:
        assert metric.label not in json.dumps(end, ensure_ascii=False)
    assert re.search(r'role="img"', end["debrief"]["chart_svg"])


# --- the debrief chart: legend, scale, phone ----------------------------------------------

LONG_LABELS = ["Kepercayaan masyarakat terhadap layanan perizinan daring",
               "Dukungan pimpinan unit kerja", "Moral dan semangat pegawai",
               "Anggaran transformasi digital", "Kesiapan sistem informasi dan data",
               "Kepuasan pemohon izin"]


def _chart_root(svg):
    return etree.fromstring(svg.encode("utf-8"))


def _legend_boxes(root):
    """(x0, y0, x1, y1) of each legend entry (swatch and text), from its tspans and the
    same width estimate the layout uses (generous: wider than real glyphs)."""
    ns = {"s": "http://www.w3.org/2000/svg"}
    boxes = []
    for text in root.findall("s:text[@class='asn-sim-legend']", ns):
        spans = text.findall("s:tspan", ns)
        x = float(spans[0].get("x"))
        y = float(text.get("y"))
        width = max(debrief.text_width(t.text or "") for t in spans)
        boxes.append((x - debrief.LEGEND_SWATCH, y - 14,
                      x + width, y + debrief.LEGEND_ROW * (len(spans) - 1) + 4))
    return boxes


def test_long_legend_labels_wrap_into_rows_without_overlap():
    xml = XML
    xml = xml.replace('label="Moral pegawai"', f'label="{LONG_LABELS[0]}"')
    xml = xml.replace('label="Dukungan"', f'label="{LONG_LABELS[1]}"')
    extra = "".join(f'<metric id="m{i}" label="{label}" initial="50"/>'
                    for i, label in enumerate(LONG_LABELS[2:]))
    xml = xml.replace('<metric id="rahasia"', extra + '<metric id="rahasia"')
    content = CORE.parse(parse_olx(xml))
    svg = CORE.learner_view(content, finished(content), Reveal())["debrief"]["chart_svg"]
    root = _chart_root(svg)
    width = float(root.get("viewBox").split()[2])
    height = float(root.get("viewBox").split()[3])
    boxes = _legend_boxes(root)
    assert len(boxes) == len(LONG_LABELS)
    for i, a in enumerate(boxes):
        assert a[0] >= 0 and a[2] <= width and a[3] <= height, (a, width, height)
        for b in boxes[i + 1:]:
            apart = a[2] <= b[0] or b[2] <= a[0] or a[3] <= b[1] or b[3] <= a[1]
            assert apart, (a, b)
    assert len({round(b[1]) for b in boxes}) > 1  # several rows
    # every label is there whole (words never cut), in the legend's text
    legend_text = " ".join(" ".join(t.itertext()) for t in root.iter("{*}text")
                           if t.get("class") == "asn-sim-legend")
    for label in LONG_LABELS:
        assert all(word in legend_text.split() for word in label.split())


def test_wrap_label_breaks_between_words_only():
    lines = debrief.wrap_label("Kepercayaan masyarakat terhadap layanan perizinan", 150)
    assert len(lines) > 1 and " ".join(lines) == "Kepercayaan masyarakat terhadap layanan perizinan"
    assert debrief.wrap_label("Pertanggungjawaban", 20) == ["Pertanggungjawaban"]  # never mid-word


def test_different_ranges_say_percent_of_range_and_the_table_keeps_values(content):
    view = CORE.learner_view(content, finished(content), Reveal())
    svg = view["debrief"]["chart_svg"]
    root = _chart_root(svg)
    assert root.get("data-scale") == "percent"
    texts = [" ".join(t.itertext()) for t in root.iter("{*}text")]
    assert "% of each metric's range" in texts
    assert "100%" in texts and "50%" in texts
    assert "different ranges" in root.find("{*}desc").text
    assert root.get("width") == "100%" and root.get("viewBox").startswith("0 0 640 ")
    # the table: real values (dukungan 30 of max 60, not 50 %)
    assert view["debrief"]["table"]["rows"][0] == [0, "50", "30"]


def test_percent_axis_in_indonesian(content):
    gettext = {"% of each metric's range": "% dari rentang tiap indikator"}.get
    svg = CORE.learner_view(content, finished(content), Reveal(), gettext=lambda s: gettext(s) or s,
                            locale="id")["debrief"]["chart_svg"]
    texts = [" ".join(t.itertext()) for t in _chart_root(svg).iter("{*}text")]
    assert "% dari rentang tiap indikator" in texts and "100 %" in texts


def test_one_shared_range_plots_values_without_a_percent_title():
    content = CORE.parse(parse_olx(XML.replace(' max="60"', "")))
    root = _chart_root(CORE.learner_view(content, finished(content), Reveal())["debrief"]["chart_svg"])
    texts = [" ".join(t.itertext()) for t in root.iter("{*}text")]
    assert root.get("data-scale") == "value"
    assert "% of each metric's range" not in texts and "100" in texts and "100%" not in texts


def test_timeline_entries_carry_node_and_choice_ids(content):
    timeline = CORE.learner_view(content, finished(content), Reveal())["debrief"]["timeline"]
    entries = [e for g in timeline for e in g["entries"]]
    assert [(e["node"], e["choice"]) for e in entries] == [("n1", "c1"), ("n2", "c3")]
