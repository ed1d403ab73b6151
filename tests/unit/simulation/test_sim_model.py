"""Content model: OLX import/export round trips, JSON round trips, demo files, generator."""
import copy
import importlib.util
import json
import re
from pathlib import Path

import pytest

from asn_xblocks.core.olx import OlxError, parse_olx, to_string
from asn_xblocks.simulation import model, validation
from asn_xblocks.simulation.core import CORE

ROOT = Path(__file__).resolve().parents[3]
DEMO_DIR = ROOT / "asn_xblocks" / "demo" / "scenarios" / "asn_change_simulation"
DEMOS = sorted(DEMO_DIR.glob("*.xml"))


def load_generator():
    spec = importlib.util.spec_from_file_location("gen_simulation",
                                                  ROOT / "benchmarks" / "gen_simulation.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def roundtrip(content):
    return CORE.parse(parse_olx(to_string(CORE.export(content))))


def test_there_are_demo_files():
    names = [p.name for p in DEMOS]
    assert "01_oss_perizinan.xml" in names and "02_srikandi_arsip.xml" in names
    assert "03_e_performance_en.xml" in names


@pytest.mark.parametrize("path", DEMOS, ids=[p.name for p in DEMOS])
def test_demo_validates_clean(path):
    content = CORE.parse(parse_olx(path.read_bytes()))
    assert [(p.code, p.text()) for p in CORE.validate(content)] == []


@pytest.mark.parametrize("path", DEMOS, ids=[p.name for p in DEMOS])
def test_demo_olx_round_trip(path):
    content = CORE.parse(parse_olx(path.read_bytes()))
    assert CORE.to_dict(roundtrip(content)) == CORE.to_dict(content)
    assert CORE.to_dict(roundtrip(roundtrip(content))) == CORE.to_dict(content)


@pytest.mark.parametrize("path", DEMOS, ids=[p.name for p in DEMOS])
def test_demo_json_round_trip(path):
    content = CORE.parse(parse_olx(path.read_bytes()))
    data = CORE.to_dict(content)
    again = json.loads(json.dumps(data))
    assert CORE.to_dict(CORE.from_dict(again)) == data
    assert CORE.from_dict(again) == content


@pytest.mark.parametrize("path", DEMOS, ids=[p.name for p in DEMOS])
def test_demo_requirements(path):
    root = parse_olx(path.read_bytes())
    content = CORE.parse(root)
    assert root.get("max_attempts") == "3"
    assert len(content.endings) >= 3
    assert {e.outcome for e in content.endings} >= {"success", "partial", "failure"}
    assert content.routers and len(content.metrics) >= 3
    assert any(c.when for n in content.nodes for c in n.choices)
    assert content.framework in ("kotter", "adkar")
    if path.name.startswith(("01", "02", "11")):
        assert content.lang == "id" and content.framework == "kotter"
        assert len(content.nodes) >= 12
        text = path.read_text("utf-8")
        assert "Perpres 95/2018" in text and "Perpres 82/2023" in text
        assert "proyek perubahan" in text.lower()
        assert "contoh fiktif" in text
    else:
        assert content.lang == "en"


def test_one_demo_uses_path_scoring_and_one_has_a_hidden_metric():
    contents = [CORE.parse(parse_olx(p.read_bytes())) for p in DEMOS]
    assert any(c.scoring == "path" for c in contents)
    assert any(not m.visible for c in contents for m in c.metrics)


def test_only_xml_entities_in_demos():
    for path in DEMOS:
        text = path.read_text("utf-8")
        assert not re.search(r"&(?!(amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);)", text), path.name


def test_shell_attributes_are_ignored_and_not_exported():
    xml = DEMOS[0].read_bytes()
    content = CORE.parse(parse_olx(xml))
    root = CORE.export(content)
    for name in model.SHELL_ATTRS:
        assert root.get(name) is None
    assert root.tag == "asn_change_simulation"
    assert root.get("start") == "n1" and root.get("framework") == "kotter"
    assert root.get("lang") == "id"


def test_defaults():
    content = CORE.parse(parse_olx(
        '<asn_change_simulation start="n1"><metric id="m" label="M" initial="5"/>'
        '<node id="n1" title="N"><choice id="c" goto="e"><text>x</text>'
        '<effect metric="m" add="1"/></choice></node>'
        '<ending id="e" title="E" score="1"/></asn_change_simulation>'))
    assert content.scoring == "ending" and content.framework == "" and content.lang == ""
    metric = content.metrics[0]
    assert (metric.min, metric.max, metric.visible) == (0, 100, True)
    choice = content.nodes[0].choices[0]
    assert choice.points == 0 and choice.when == "" and choice.competency == ""
    assert choice.effects[0] == model.Effect("m", "add", 1.0)
    # defaults are not written back
    exported = to_string(CORE.export(content))
    assert "scoring" not in exported and "min=" not in exported and "visible" not in exported


def test_invalid_content_is_kept_for_validation():
    xml = ('<asn_change_simulation start="ghost" scoring="weird" framework="lewin">'
           '<metric id="m" initial="x" min="9" max="1"/>'
           '<node id="n1" step="nowhere"><choice id="c" goto="e9" when="m &gt;&gt; 1" points="-1">'
           '<text>x</text><effect metric="zz" set="abc"/><effect metric="m"/></choice></node>'
           '<router id="r"/><ending id="e" score="7" outcome="odd"/></asn_change_simulation>')
    content = CORE.parse(parse_olx(xml))
    assert content.start == "ghost" and content.scoring == "weird"
    assert content.nodes[0].choices[0].when == "m >> 1"
    assert content.nodes[0].choices[0].effects == [model.Effect("zz", "set", None),
                                                   model.Effect("m", "", None)]
    assert CORE.to_dict(roundtrip(content)) == CORE.to_dict(content)
    assert {p.code for p in validation.validate(content)} >= {
        "start-unknown", "scoring-unknown", "framework-unknown", "metric-min-max",
        "metric-initial-missing", "goto-unknown", "when-unparsable",
        "points-negative", "effect-unknown-metric", "effect-no-value", "router-no-default",
        "ending-score-range", "ending-outcome-unknown"}


def test_author_html_is_sanitized_on_import():
    content = CORE.parse(parse_olx(
        '<asn_change_simulation start="n1"><intro><p onclick="x()">Hi<script>alert(1)</script>'
        '</p></intro><node id="n1" title="N"><content><p>ok</p><iframe src="x"/></content>'
        '<choice id="c" goto="e"><text><a href="javascript:alert(1)">x</a></text></choice></node>'
        '<ending id="e" title="E" score="1"><p style="color:red">end</p></ending>'
        '</asn_change_simulation>'))
    blob = json.dumps(CORE.to_dict(content))
    for bad in ("script", "onclick", "iframe", "javascript", "style"):
        assert bad not in blob


def test_named_html_entity_is_refused_with_a_clear_error():
    with pytest.raises(OlxError) as info:
        parse_olx('<asn_change_simulation start="n1"><intro>a&nbsp;b</intro>'
                  '</asn_change_simulation>')
    assert "&#160;" in str(info.value)


def test_from_dict_can_sanitize_editor_json():
    data = CORE.to_dict(CORE.parse(parse_olx(DEMOS[0].read_bytes())))
    data = copy.deepcopy(data)
    data["intro_html"] = "<p>x<script>bad()</script></p>"
    assert "script" not in model.from_dict(data, sanitize=True).intro_html


def test_from_dict_tolerates_junk():
    content = model.from_dict({"metrics": [{"id": "m", "initial": "abc", "min": None,
                                            "max": 10 ** 400}], "nodes": None})
    assert content.metrics[0].initial is None and content.metrics[0].max == 100


def test_summary():
    content = CORE.parse(parse_olx(DEMOS[0].read_bytes()))
    summary = CORE.summary(content)
    assert summary["nodes"] == len(content.nodes) and summary["endings"] == len(content.endings)
    assert summary["metrics"] == len(content.metrics) and summary["max_points"] == 100
    assert "komunikasi" in summary["competencies"]
    json.dumps(summary)


# --- the benchmark generator -------------------------------------------------------------

@pytest.mark.parametrize("n,seed", [(1, 0), (2, 0), (7, 3), (60, 1), (300, 2)])
def test_generator_output_validates_clean(n, seed):
    gen = load_generator()
    xml = gen.generate(n, seed)
    content = CORE.parse(parse_olx(xml))
    assert len(content.nodes) == n
    # the generator draws some nodes with one choice: validate() warns about those only
    problems = CORE.validate(content)
    assert [(p.code, p.text()) for p in problems if p.code != "single-choice-node"] == []
    assert all(not p.is_error for p in problems)
    assert CORE.to_dict(roundtrip(content)) == CORE.to_dict(content)


def test_generator_is_deterministic_and_has_the_features():
    gen = load_generator()
    assert gen.generate(120, 5) == gen.generate(120, 5)
    assert gen.generate(120, 5) != gen.generate(120, 6)
    content = CORE.parse(parse_olx(gen.generate(120, 5)))
    assert len(content.routers) >= 2 and len(content.endings) >= 3
    assert any(c.when for n in content.nodes for c in n.choices)
    assert len(content.metrics) >= 2


def test_generator_5000_fits_the_olx_limit():
    gen = load_generator()
    xml = gen.generate(5000, 1)
    assert len(xml.encode("utf-8")) < 2 * 1024 * 1024
