"""Sanitizer, scoring arithmetic, formatting, shuffling and problems of the shared core."""
import datetime as dt

import pytest

from asn_xblocks.core import competencies, formatting, problems, scoring, shuffle, text
from asn_xblocks.core.sanitize import sanitize_html


def test_sanitizer_keeps_structure_and_drops_danger():
    html = ('<h3 lang="id">Judul</h3><p style="color:red" class="x">a <em>b</em></p>'
            '<table><tr><th scope="col">h</th></tr></table><form><input></form>'
            '<a href="mailto:x@y.id">m</a><a href="data:text/html,x">d</a><svg onload="x"></svg>')
    clean = sanitize_html(html)
    assert '<h3 lang="id">Judul</h3>' in clean
    assert "style" not in clean and "class" not in clean and "form" not in clean
    assert "input" not in clean and "svg" not in clean and "data:" not in clean
    assert 'href="mailto:x@y.id"' in clean and '<th scope="col">' in clean


def test_sanitizer_is_idempotent():
    html = '<p>x<br>y <a href="https://e.org">l</a> &amp; &lt; " \'</p>'
    once = sanitize_html(html)
    assert sanitize_html(once) == once


@pytest.mark.parametrize("value, expected", [(0.5, 1), (1.5, 2), (2.5, 3), (2.4999, 2), (0.0, 0), (4.2, 4)])
def test_round_half_up(value, expected):
    assert scoring.round_half_up(value) == expected


def test_points_possible_and_earned():
    assert scoring.points_possible(None, 10) == 10
    assert scoring.points_possible(7, 10) == 7
    assert scoring.points_possible(0, 12.5) == 13
    assert scoring.points_earned(0.6, 7) == 4.2  # exact, as the LMS weights a raw score
    assert scoring.points_earned(0.5, 5) == 2.5  # not rounded to whole points
    assert scoring.points_earned(20 / 21, 1) == 0.9524
    assert scoring.points_earned(1.7, 5) == 5  # clamped
    assert scoring.points_earned(-0.2, 5) == 0


def test_attempt_policy_picks_among_finished():
    assert scoring.pick_attempt("best", [0.2, 0.9, 0.9, 0.1]) == 1
    assert scoring.pick_attempt("last", [0.2, 0.9, 0.1]) == 2
    assert scoring.pick_attempt("best", []) is None


def test_competency_tally():
    tally = scoring.CompetencyTally()
    tally.add("integritas", 2, 2)
    tally.add("integritas", 0, 2)
    tally.add("akuntabel", 1, 3)
    tally.add(None, 5, 5)
    tally.add("x", 1, 0)
    assert tally.results() == {"integritas": 0.5, "akuntabel": pytest.approx(1 / 3)}
    assert tally.to_dict()["integritas"] == [2.0, 4.0]


def test_formatting_per_locale():
    day = dt.date(2026, 3, 16)
    assert formatting.format_date(day, "id") == "16 Maret 2026"
    assert formatting.format_date(day, "en") == "16 March 2026"
    assert formatting.format_date(day, "id-ID") == "16 Maret 2026"
    assert formatting.format_rupiah(1500000, "id") == "Rp1.500.000"
    assert formatting.format_rupiah(0, "en") == "Rp0"
    assert formatting.format_number(87.5, "id") == "87,5"
    assert formatting.format_number(87.5, "en") == "87.5"
    assert formatting.format_number(1234567.25, "id", 2) == "1.234.567,25"
    assert formatting.format_number(10.0, "id") == "10"
    assert formatting.format_percent(0.875, "id") == "87,5 %"


def test_seeded_shuffle_is_stable_and_varies_by_learner():
    items = list("abcdefgh")
    first = shuffle.seeded_order(items, shuffle.seed_for("block", "alice", 1))
    assert first == shuffle.seeded_order(items, shuffle.seed_for("block", "alice", 1))
    assert sorted(first) == items
    others = {tuple(shuffle.seeded_order(items, shuffle.seed_for("block", name, 1)))
              for name in ("bob", "carol", "dedi", "eka")}
    assert len(others) > 1


def test_problems_translate_then_format():
    problem = problems.error("x", "Item {id} is bad", "q1", id="q1")
    assert problem.text() == "Item q1 is bad"
    assert problem.text(lambda s: s.replace("is bad", "buruk")) == "Item q1 buruk"
    assert problem.to_dict()["severity"] == "error"
    dupes = problems.duplicate_ids([("q", "a"), ("q", "b"), ("o", "a")])
    assert [p.item_id for p in dupes] == ["a"]


def test_word_count_by_whitespace():
    assert text.count_words("  satu dua\ttiga\nempat ") == 4
    assert text.count_words("") == 0
    assert text.count_words("< Rp500.000") == 2


def test_competency_labels():
    assert competencies.label("integritas", {}) == "Integrity"
    assert competencies.label("x", {"x": "Mine"}) == "Mine"
    assert competencies.label("unknown", {}) == "unknown"
    assert competencies.is_known("kolaboratif", {}) and not competencies.is_known("zzz", {})
