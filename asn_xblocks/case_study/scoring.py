"""Scoring a case study: what each item earns, the stage's points and the attempt's score.

Pure functions of the content and the stored answers (and staff grades): nothing is stored
in the attempt, so a rescore after an author's fix is a recomputation.

* single: the chosen option's score, clamped to [0, points] (partial credit by design);
* multiple: points × max(0, right − wrong) / number correct;
* classify: points × items placed in their category / items;
* numeric: full points when |answer − given| ≤ tolerance, else 0;
* reflection: per the block's ``reflection_grading`` (``reflection_result``).
"""
from __future__ import annotations

from typing import Any

from ..core import competencies as catalogue
from ..core.scoring import AttemptScore
from ..core.text import count_words
from .attempt import is_number, stage_answers
from .model import CLASSIFY, GRADING_COMPLETION, GRADING_NONE, MULTIPLE, NUMERIC, Content, Question, Reflection, Stage
from .numbers import within

# Reflection statuses in the learner view and the staff records.
AWAITING_GRADING = "awaiting_grading"
GRADED = "graded"
COMPLETE = "complete"
INCOMPLETE = "incomplete"
UNGRADED = "ungraded"


def question_earned(question: Question, answer: Any) -> float:
    """What ``answer`` earns on ``question`` (see the module docstring); an answer of the
    wrong shape earns 0."""
    points = question.max_points
    if question.kind == CLASSIFY:
        placed = placed_right(question, answer)
        return points * len(placed) / len(question.items) if question.items else 0.0
    if question.kind == NUMERIC:
        return points if numeric_right(question, answer) else 0.0
    if question.kind == MULTIPLE:
        if not isinstance(answer, list):
            return 0.0
        correct = {o.id for o in question.options if o.is_correct}
        if not correct:
            return 0.0
        chosen = {a for a in answer if isinstance(a, str) and question.option(a) is not None}
        right = len(chosen & correct)
        wrong = len(chosen - correct)
        return points * max(0, right - wrong) / len(correct)
    option = question.option(answer) if isinstance(answer, str) else None
    if option is None:
        return 0.0
    return min(points, max(0.0, option.score_value))


def placed_right(question: Question, answer: Any) -> set[str]:
    """The ids of the items of a classification question placed in their category."""
    if not isinstance(answer, dict):
        return set()
    return {item.id for item in question.items
            if item.category is not None and answer.get(item.id) == item.category}


def numeric_right(question: Question, answer: Any) -> bool:
    """The given number is within the tolerance of the key (a missing key: never)."""
    key = question.answer_value
    if key is None or not is_number(answer):
        return False
    return within(answer, key, question.tolerance_value)


def staff_grade(grades: dict[str, Any] | None, reflection: Reflection) -> dict[str, Any] | None:
    """A staff grade normalised: points clamped to [0, points], criteria as numbers."""
    if not isinstance(grades, dict):
        return None
    grade = grades.get(reflection.id)
    if not isinstance(grade, dict):
        return None
    criteria: dict[str, float] = {}
    raw_criteria = grade.get("criteria")
    if isinstance(raw_criteria, dict):
        for key, value in raw_criteria.items():
            if isinstance(value, (int, float)) and not isinstance(value, bool):
                criteria[str(key)] = float(value)
    points = grade.get("points")
    if not isinstance(points, (int, float)) or isinstance(points, bool):
        points = sum(criteria.values())
    comment = grade.get("comment")
    return {"points": min(reflection.max_points, max(0.0, float(points))),
            "criteria": criteria, "comment": comment if isinstance(comment, str) else ""}


def reflection_result(content: Content, reflection: Reflection, text: Any,
                      grades: dict[str, Any] | None) -> tuple[float | None, float, str]:
    """(earned or None when not (yet) graded, possible, status) of a submitted reflection."""
    mode = content.reflection_grading
    if mode == GRADING_NONE:
        return None, 0.0, UNGRADED
    possible = reflection.max_points
    if mode == GRADING_COMPLETION:
        if isinstance(text, str) and count_words(text) >= reflection.min_words:
            return possible, possible, COMPLETE
        return 0.0, possible, INCOMPLETE
    grade = staff_grade(grades, reflection)  # staff, and the fallback for an invalid mode
    if grade is None:
        return None, possible, AWAITING_GRADING
    return grade["points"], possible, GRADED


def item_points(content: Content, item: Question | Reflection, answer: Any, answered: bool,
                 grades: dict[str, Any] | None) -> tuple[float, float, bool] | None:
    """(earned, possible, pending) of one item; None when it does not count at all."""
    if isinstance(item, Question):
        return (question_earned(item, answer) if answered else 0.0), item.max_points, False
    if content.reflection_grading == GRADING_NONE:
        return None
    if not answered:
        return 0.0, item.max_points, False
    earned, possible, status = reflection_result(content, item, answer, grades)
    return (earned or 0.0), possible, status == AWAITING_GRADING


def stage_points(content: Content, stage: Stage, answers: dict[str, Any]) -> tuple[float, float]:
    earned = possible = 0.0
    for item in stage.items:
        result = item_points(content, item, answers.get(item.id), item.id in answers, None)
        if result is not None:
            earned += result[0]
            possible += result[1]
    return earned, possible


def raw_maximum(content: Content) -> float:
    total = sum(q.max_points for q in content.questions())
    if content.reflection_grading != GRADING_NONE:
        total += sum(r.max_points for r in content.reflections())
    return total


def score(content: Content, attempt: dict[str, Any],
          grades: dict[str, Any] | None = None) -> AttemptScore:
    """Raw score; unanswered items count 0, staff-graded reflections 0 until graded. The
    competency tally follows the one rule (``core.competencies.competency_tally``): a
    reflection awaiting a staff grade is left out of its competency and marked."""
    items = []
    earned_total = possible_total = 0.0
    pending = False
    for stage in content.stages:
        given = stage_answers(attempt, stage) or {}
        for item in stage.items:
            result = item_points(content, item, given.get(item.id), item.id in given, grades)
            if result is None:
                continue
            earned, possible, item_pending = result
            earned_total += earned
            possible_total += possible
            pending = pending or item_pending
            items.append((item.competency, None if item_pending else earned, possible))
    return AttemptScore(earned=earned_total, possible=possible_total, pending=pending,
                        competencies=catalogue.competency_tally(items))
