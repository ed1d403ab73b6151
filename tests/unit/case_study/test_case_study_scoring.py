"""Scoring formulas of the case study: single and multiple choice, reflections, the raw
maximum and the points a weight gives."""
from __future__ import annotations

import pytest

from asn_xblocks.case_study import engine
from asn_xblocks.case_study.core import CORE

GRADE = {"r1": {"points": 3, "criteria": {"c1": 2, "c2": 1}, "comment": "Good"}}


def q(content, item_id):
    return next(i for _s, i in content.items() if i.id == item_id)


@pytest.mark.parametrize("answer, expected", [("a", 2.0), ("b", 1.0), ("c", 0.0), ("zz", 0.0),
                                              (None, 0.0), (["a"], 0.0)])
def test_single_partial_credit(content, answer, expected):
    assert engine.question_earned(q(content, "q1"), answer) == expected


def test_single_score_is_clamped(content):
    question = q(content, "q1")
    question.options[0].score = 7.0
    question.options[2].score = -3.0
    assert engine.question_earned(question, "a") == 2.0
    assert engine.question_earned(question, "c") == 0.0


@pytest.mark.parametrize("answer, expected", [
    (["a", "b", "c"], 3.0),          # all three right
    (["a", "b"], 2.0),               # 3 × 2/3
    (["a"], 1.0),
    (["a", "b", "c", "d"], 2.0),     # 3 × (3 − 1)/3
    (["a", "d"], 0.0),               # 3 × (1 − 1)/3
    (["d"], 0.0),                    # clamped at 0, never negative
    ([], 0.0),
    ("a", 0.0),                      # malformed stored answer
])
def test_multiple_right_minus_wrong(content, answer, expected):
    assert engine.question_earned(q(content, "q2"), answer) == pytest.approx(expected)


def test_raw_maximum_by_grading_mode(kit):
    assert CORE.raw_maximum(kit.build("staff")) == 10.0
    assert CORE.raw_maximum(kit.build("completion")) == 10.0
    assert CORE.raw_maximum(kit.build("none")) == 6.0


def test_staff_reflection_pending_until_graded(content, finished):
    outcome = CORE.score(content, finished)
    assert outcome.pending is True
    assert outcome.earned == 1.0 + 0.0 + 1.0  # q1 "b", q2 a+d, q3 "x", r1 pending
    assert outcome.possible == 10.0
    graded = CORE.score(content, finished, GRADE)
    assert graded.pending is False
    assert graded.earned == 5.0
    assert graded.fraction == 0.5


def test_staff_grade_from_criteria_and_clamped(content, finished):
    assert CORE.score(content, finished, {"r1": {"criteria": {"c1": 2, "c2": 2}}}).earned == 6.0
    assert CORE.score(content, finished, {"r1": {"points": 99}}).earned == 6.0
    assert CORE.score(content, finished, {"r1": {"points": -5}}).earned == 2.0
    assert CORE.score(content, finished, {"r1": "junk"}).pending is True


def test_completion_reflection_full_points(kit):
    content = kit.build("completion")
    attempt = kit.submit(content, CORE.new_attempt(content, 1), "s1", kit.S1_ANSWERS).attempt
    done = kit.submit(content, attempt, "s2", kit.S2_ANSWERS).attempt
    outcome = CORE.score(content, done)
    assert outcome.pending is False
    assert outcome.earned == 1.0 + 0.0 + 1.0 + 4.0
    assert outcome.possible == 10.0


def test_ungraded_reflection_is_excluded(kit):
    content = kit.build("none")
    attempt = kit.submit(content, CORE.new_attempt(content, 1), "s1", kit.S1_ANSWERS).attempt
    done = kit.submit(content, attempt, "s2", kit.S2_ANSWERS).attempt
    outcome = CORE.score(content, done)
    assert (outcome.earned, outcome.possible, outcome.pending) == (2.0, 6.0, False)
    assert "integritas" in outcome.competencies.possible
    assert outcome.competencies.possible["integritas"] == 2.0  # r1's points not counted


def test_competency_tally(content, finished):
    outcome = CORE.score(content, finished, GRADE)
    assert outcome.competencies.to_dict() == {
        "integritas": [4.0, 6.0],  # q1 1/2 + r1 3/4
        "akuntabel": [0.0, 3.0],
        "custom": [1.0, 1.0],
    }


def test_unfinished_attempt_counts_unanswered_as_zero(content, attempt, kit):
    first = kit.submit(content, attempt, "s1", {"q1": "a", "q2": ["a", "b", "c"]}).attempt
    outcome = CORE.score(content, first)
    assert (outcome.earned, outcome.possible, outcome.pending) == (5.0, 10.0, False)
    assert CORE.score(content, attempt).earned == 0.0


def test_stage_event_reports_ids_and_numbers(content, attempt, kit):
    outcome = kit.submit(content, attempt, "s1", {"q1": "b", "q2": ["a", "b"]})
    assert outcome.events == [("stage_submitted", {"stage": "s1", "earned": 3.0, "possible": 5.0})]
    second = kit.submit(content, outcome.attempt, "s2", kit.S2_ANSWERS)
    # the staff-graded reflection counts 0 in the event, its points are possible
    assert second.events == [("stage_submitted", {"stage": "s2", "earned": 1.0, "possible": 5.0})]
    assert "one two" not in repr(second.events)
