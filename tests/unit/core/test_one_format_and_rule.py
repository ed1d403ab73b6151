"""One number format per locale (core/formatting.py; asn_common.js's helpers follow it, as
tests/packaging/test_browser_number_helpers.py checks with Node) and one rule for competency
results awaiting staff grading (core/competencies.py)."""
from __future__ import annotations

import pytest

from asn_xblocks.core import competencies
from asn_xblocks.core.formatting import format_csv_number, format_number, format_percent
from asn_xblocks.core.scoring import CompetencyTally

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
