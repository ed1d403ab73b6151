"""One number format per locale (core/formatting.py, and asn_common.js's helpers that follow
it) and one rule for competency results awaiting staff grading (core/competencies.py)."""
from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from asn_xblocks.core import competencies
from asn_xblocks.core.formatting import format_csv_number, format_number, format_percent
from asn_xblocks.core.scoring import CompetencyTally

ROOT = Path(__file__).resolve().parents[3]


# --- formatting ------------------------------------------------------------------------------

@pytest.mark.parametrize("fraction, indonesian, english", [
    (1 / 3, "33,3 %", "33.3%"),
    (0.615, "61,5 %", "61.5%"),
    (2 / 3, "66,7 %", "66.7%"),
    (1.0, "100 %", "100%"),
    (0.0, "0 %", "0%"),
    (0.5, "50 %", "50%"),
    (0.70, "70 %", "70%"),
    (12.345, "1.234,5 %", "1,234.5%"),
    (-0.0001, "0 %", "0%"),  # never "-0"
])
def test_format_percent_in_both_locales(fraction, indonesian, english):
    assert format_percent(fraction, "id") == indonesian
    assert format_percent(fraction, "id-ID") == indonesian
    assert format_percent(fraction, "id_ID") == indonesian
    assert format_percent(fraction, "en") == english
    assert format_percent(fraction, None) == english  # any other locale: English conventions


@pytest.mark.parametrize("value, decimals, indonesian, english", [
    (87.5, 1, "87,5", "87.5"),
    (1234567.25, 2, "1.234.567,25", "1,234,567.25"),
    (10.0, 1, "10", "10"),
    (2.50, 2, "2,5", "2.5"),
    (0.333, 2, "0,33", "0.33"),
    (-1.25, 2, "-1,25", "-1.25"),
    (-0.04, 1, "0", "0"),
    (999.96, 1, "1.000", "1,000"),
])
def test_format_number_in_both_locales(value, decimals, indonesian, english):
    assert format_number(value, "id", decimals) == indonesian
    assert format_number(value, "en", decimals) == english


def test_csv_numbers_are_plain_with_the_separator_s_decimal_mark():
    assert format_csv_number(None, False) == ""
    assert format_csv_number(16.666, False) == "16.7"
    assert format_csv_number(16.666, True) == "16,7"
    assert format_csv_number(1234567.891, False, 2) == "1234567.89"  # no grouping
    assert format_csv_number(60.0, True) == "60"
    assert format_csv_number(-0.04, False) == "0"
    assert format_csv_number(1e-7, False) == "0" and format_csv_number(1e20, False) == "1" + "0" * 20


SAMPLES = [0, 0.04, -0.04, 1 / 3, 2 / 3, 10, 33.35, 87.5, 99.96, 1234.5, 1234567.25, -1.25]


def test_the_browser_helpers_follow_the_same_rule():
    """asn_common.js fmtNum / fmtPercent, run by Node, against format_number / format_percent."""
    node = shutil.which("node") or shutil.which("nodejs")
    if node is None:
        pytest.skip("Node.js is not installed")
    source = (ROOT / "static" / "js" / "asn_common.js").read_text(encoding="utf-8")
    start = source.index("  function isIndonesian()")
    end = source.index("function fmtPercent(")
    end = source.index("\n  }\n", end) + 4
    script = (
        "var samples = " + json.dumps(SAMPLES) + "; var out = {};\n"
        "['id', 'en'].forEach(function (lang) {\n"
        "  var document = {documentElement: {lang: lang}};\n"
        "  var helpers = new Function('document', " + json.dumps(source[start:end])
        + " + '; return [fmtNum, fmtPercent];')(document);\n"
        "  out[lang] = samples.map(function (v) {\n"
        "    return [helpers[0](v), helpers[0](v, 2), helpers[1](v)]; });\n"
        "});\n"
        "console.log(JSON.stringify(out));\n")
    result = subprocess.run([node, "-e", script], capture_output=True, text=True, timeout=60,
                            check=True)
    browser = json.loads(result.stdout)
    for lang in ("id", "en"):
        server = [[format_number(v, lang), format_number(v, lang, 2), format_percent(v / 100, lang)]
                  for v in SAMPLES]
        assert browser[lang] == server, lang


# --- the rule ----------------------------------------------------------------------------

def test_an_item_awaiting_grading_is_left_out_and_marked():
    tally = competencies.competency_tally([
        ("integritas", 1.0, 2.0),      # a question: 1 of 2
        ("integritas", None, 4.0),     # a reflection awaiting its staff grade
        ("akuntabel", 3.0, 3.0),
        ("harmonis", None, 2.0),       # only pending: no result yet
        (None, 5.0, 5.0),              # untagged: no competency
        ("x", 1.0, 0.0),               # no points possible: nothing
    ])
    assert tally.results() == {"integritas": 0.5, "akuntabel": 1.0}
    assert tally.pending == {"integritas": 1, "harmonis": 1}
    assert tally.to_dict() == {"integritas": [1.0, 2.0, 1], "akuntabel": [3.0, 3.0],
                               "harmonis": [0.0, 0.0, 1]}
    found = {r.id: (r.earned, r.possible, r.pending, r.fraction, r.percent)
             for r in competencies.results(tally)}
    assert found == {"integritas": (1.0, 2.0, 1, 0.5, 50.0), "akuntabel": (3.0, 3.0, 0, 1.0, 100.0),
                     "harmonis": (0.0, 0.0, 1, None, None)}


def test_the_stored_form_reads_back_the_same_and_ignores_junk():
    tally = competencies.competency_tally([("a", 1.0, 3.0), ("a", None, 2.0), ("b", 2.0, 2.0)])
    assert CompetencyTally.from_dict(tally.to_dict()).to_dict() == tally.to_dict()
    assert competencies.as_tally({"a": [1, 3, 1]}).to_dict() == {"a": [1.0, 3.0, 1]}
    junk = {"a": "x", "b": [1], "c": [True, 2], "": [1, 2], "d": [1, 2, 3, 4], "e": [2, 4]}
    assert CompetencyTally.from_dict(junk).to_dict() == {"e": [2.0, 4.0]}
    assert CompetencyTally.from_dict(None).to_dict() == {}


def test_the_cohort_figure_is_the_mean_of_the_learners_results():
    # three learners on a competency: 1/2, 5/6 and one whose only item awaits grading
    learners = [competencies.competency_tally([("a", 1.0, 2.0)]),
                competencies.competency_tally([("a", 1.0, 2.0), ("a", 4.0, 4.0)]),
                competencies.competency_tally([("a", None, 4.0)])]
    fractions = [next(iter(competencies.results(t))).fraction for t in learners]
    mean, count = competencies.cohort_mean(fractions)
    assert count == 2 and mean == pytest.approx((0.5 + 5 / 6) / 2)  # not pooled (6/8)
    assert competencies.cohort_mean([]) == (None, 0)
    assert competencies.cohort_mean([None]) == (None, 0)


def test_rows_carry_numbers_and_their_text_in_the_locale():
    tally = competencies.competency_tally([("integritas", 2.0, 3.0), ("integritas", None, 4.0),
                                           ("akuntabel", 2.5, 3.0), ("harmonis", None, 2.0)])
    declared = {"harmonis": "Harmony at work"}
    translated = {"Integrity": "Integritas", "awaiting grading": "menunggu penilaian",
                  "{percent} so far, awaiting grading": "{percent} sejauh ini, menunggu penilaian"}
    rows = competencies.result_rows(tally, declared, lambda s: translated.get(s, s), "id")
    assert [(r["label"], r["percent"], r["percent_text"], r["points_text"], r["result_text"],
             r["awaiting"]) for r in rows] == [
        ("Integritas", 66.7, "66,7 %", "2 / 3", "66,7 % sejauh ini, menunggu penilaian", True),
        ("Accountable", 83.3, "83,3 %", "2,5 / 3", "83,3 %", False),
        ("Harmony at work", None, "—", "—", "menunggu penilaian", True)]
    english = competencies.result_rows(tally, declared, str, "en")
    assert [r["result_text"] for r in english] == ["66.7% so far, awaiting grading", "83.3%",
                                                   "awaiting grading"]
    hidden = competencies.result_rows(tally, declared, str, "en", shown=False)
    assert all(r["earned"] is None and r["percent"] is None and r["result_text"] is None
               for r in hidden)


def test_analytics_facts_follow_the_rule():
    tally = competencies.competency_tally([("a", 1.0, 2.0), ("a", None, 4.0), ("b", None, 2.0),
                                           ("c", 3.0, 3.0)])
    assert competencies.fact_rows(tally) == [
        {"kind": "competency", "item_id": "a", "value": "awaiting", "earned": 1.0, "possible": 2.0},
        {"kind": "competency", "item_id": "b", "value": "awaiting", "earned": None, "possible": None},
        {"kind": "competency", "item_id": "c", "value": "", "earned": 3.0, "possible": 3.0}]
