"""What the learner sees of a case study: the submitted stages and the current one.

Nothing later is sent, and nothing of a key before its stage is submitted: no option score,
no category of a statement, no numeric answer, no feedback. After submission what the key
shows follows ``Reveal`` (show_correctness / show_answer): marks and points per item, the
best option, each statement's right category, the expected number.
"""
from __future__ import annotations

from typing import Any

from ..core import competencies as catalogue
from ..core.engine_api import Gettext, Reveal, identity
from ..core.formatting import format_number
from ..core.i18n import N_
from ..core.scoring import EPSILON
from .actions import choice_draft
from .attempt import current_index, option_order, stage_answers
from .model import CLASSIFY, GRADING_NONE, MULTIPLE, NUMERIC, Content, Question, Reflection
from .numbers import examples, number_locale, separators, unit_first
from .scoring import (
    GRADED,
    numeric_right,
    placed_right,
    question_earned,
    reflection_result,
    score,
    staff_grade,
)


def _points_text(earned: float, possible: float, locale: str) -> str:
    return f"{format_number(earned, locale, 2)} / {format_number(possible, locale, 2)}"


def rubric_view(reflection: Reflection) -> list[dict[str, Any]]:
    return [{"id": c.id, "label": c.label,
             "levels": [{"points": lv.points, "description": lv.description}
                        for lv in c.levels]}
            for c in reflection.rubric]


def _question_view(content: Content, attempt: dict[str, Any], question: Question,
                   answer: Any, submitted: bool, reveal: Reveal,
                   locale: str) -> dict[str, Any]:
    if question.kind == CLASSIFY:
        view = _classify_view(question, answer, submitted, reveal)
    elif question.kind == NUMERIC:
        view = _numeric_view(question, answer, submitted, reveal, locale,
                             numeric_keys(content))
    else:
        view = _choice_view(content, attempt, question, answer, submitted, reveal)
    if not submitted:
        draft = choice_draft(attempt, question)
        if draft is not None:
            view["draft"] = draft
    if submitted and reveal.correctness:
        earned = question_earned(question, answer)
        view["earned"] = earned
        view["points_text"] = _points_text(earned, question.max_points, locale)
    return view


def _classify_view(question: Question, answer: Any, submitted: bool,
                   reveal: Reveal) -> dict[str, Any]:
    """The statements and the category labels; after submission the learner's placements,
    per statement its mark and feedback, and its category when the key may be shown."""
    right = placed_right(question, answer) if submitted else set()
    placed = answer if submitted and isinstance(answer, dict) else {}
    items = []
    for item in question.items:
        view: dict[str, Any] = {"id": item.id, "text_html": item.text_html}
        if submitted:
            view["chosen"] = placed.get(item.id)
            view["feedback_html"] = item.feedback_html
            if reveal.correctness:
                view["mark"] = "correct" if item.id in right else "incorrect"
            if reveal.answers:
                view["key"] = item.category
        items.append(view)
    return {"type": "question", "id": question.id, "kind": question.kind,
            "points": question.max_points, "prompt_html": question.prompt_html,
            "categories": [{"id": c.id, "label": c.label} for c in question.categories],
            "items": items}


def numeric_keys(content: Content) -> list[float]:
    """The expected numbers of the content's numeric questions (never used as examples)."""
    return [q.answer_value for q in content.questions()
            if q.kind == NUMERIC and q.answer_value is not None]


def _numeric_view(question: Question, answer: Any, submitted: bool, reveal: Reveal,
                  locale: str, keys: list[float]) -> dict[str, Any]:
    """The prompt, the unit and the format the page reads (its examples never one of the
    content's keys); after submission the number read, its mark, the working, and the
    expected number when the key may be shown."""
    decimal, thousands = examples(locale, keys)
    decimal_mark, group_mark = separators(locale)
    view: dict[str, Any] = {"type": "question", "id": question.id, "kind": question.kind,
                            "points": question.max_points, "prompt_html": question.prompt_html,
                            "unit": question.unit or "", "unit_first": unit_first(question.unit),
                            "locale": number_locale(locale),
                            "format": {"decimal": decimal, "thousands": thousands,
                                       "decimal_mark": decimal_mark, "group_mark": group_mark}}
    if submitted:
        view["answer_text"] = (format_number(float(answer), locale, 6)
                               if isinstance(answer, (int, float)) else "")
        view["feedback_html"] = question.feedback_html
        if reveal.correctness:
            view["mark"] = "correct" if numeric_right(question, answer) else "incorrect"
        if reveal.answers and question.answer_value is not None:
            view["key_text"] = format_number(question.answer_value, locale, 6)
            if question.tolerance_value:
                view["tolerance_text"] = format_number(question.tolerance_value, locale, 6)
    return view


def _choice_view(content: Content, attempt: dict[str, Any], question: Question,
                 answer: Any, submitted: bool, reveal: Reveal) -> dict[str, Any]:
    chosen = set(answer) if isinstance(answer, list) else {answer}
    options = []
    for option_id in option_order(content, attempt, question):
        option = question.option(option_id)
        if option is None:
            continue
        view: dict[str, Any] = {"id": option.id, "text_html": option.text_html}
        if submitted:
            view["chosen"] = option.id in chosen
            if view["chosen"]:
                view["feedback_html"] = option.feedback_html
                if reveal.correctness:
                    view["mark"] = _mark(question, option.id)
            if reveal.answers:
                view["key"] = _is_key(question, option.id)
        options.append(view)
    view = {"type": "question", "id": question.id, "kind": question.kind,
            "points": question.max_points, "prompt_html": question.prompt_html,
            "options": options}
    if submitted:
        view["answer"] = answer
    return view


def _is_key(question: Question, option_id: str) -> bool:
    option = question.option(option_id)
    if option is None:
        return False
    if question.kind == MULTIPLE:
        return option.is_correct
    return question.max_points > 0 and abs(option.score_value - question.max_points) < EPSILON


def _mark(question: Question, option_id: str) -> str:
    option = question.option(option_id)
    if option is None:
        return "incorrect"
    if question.kind == MULTIPLE:
        return "correct" if option.is_correct else "incorrect"
    value = min(question.max_points, max(0.0, option.score_value))
    if question.max_points > 0 and abs(value - question.max_points) < EPSILON:
        return "correct"
    return "partial" if value > 0 else "incorrect"


def _reflection_view(content: Content, attempt: dict[str, Any], reflection: Reflection,
                     answer: Any, submitted: bool, reveal: Reveal,
                     grades: dict[str, Any] | None, locale: str) -> dict[str, Any]:
    graded_mode = content.reflection_grading != GRADING_NONE
    view: dict[str, Any] = {
        "type": "reflection", "id": reflection.id,
        "points": reflection.max_points if graded_mode else None,
        "min_words": reflection.min_words, "max_words": reflection.max_words,
        "prompt_html": reflection.prompt_html,
        # Shown in every mode: without staff grading it is the learner's self-check guide.
        "rubric": rubric_view(reflection),
    }
    if not submitted:
        drafts = attempt.get("drafts")
        draft = drafts.get(reflection.id, "") if isinstance(drafts, dict) else ""
        view["draft"] = draft if isinstance(draft, str) else ""
        return view
    earned, possible, status = reflection_result(content, reflection, answer, grades)
    view["answer"] = answer if isinstance(answer, str) else ""
    view["status"] = status
    if status == GRADED:
        grade = staff_grade(grades, reflection) or {}
        grade_view: dict[str, Any] = {"comment": grade.get("comment", "")}
        if reveal.correctness:
            grade_view["points"] = grade.get("points", 0.0)
            grade_view["criteria"] = [
                {"id": c.id, "label": c.label, "points": grade.get("criteria", {}).get(c.id),
                 "max": c.max_points} for c in reflection.rubric]
        view["grade"] = grade_view
    if reveal.correctness and earned is not None:
        view["earned"] = earned
        view["points_text"] = _points_text(earned, possible, locale)
    if reveal.answers and reflection.model_answer_html:
        view["model_answer_html"] = reflection.model_answer_html
    return view


def learner_view(content: Content, attempt: dict[str, Any], reveal: Reveal,
                 grades: dict[str, Any] | None = None, gettext: Gettext = identity,
                 locale: str = "en") -> dict[str, Any]:
    """Submitted stages and the current one, nothing later; the key only per ``reveal``."""
    finished = bool(attempt.get("finished"))
    current = current_index(attempt)
    stages = []
    for index, stage in enumerate(content.stages):
        given = stage_answers(attempt, stage)
        if (finished or index < current) and given is not None:
            status, submitted = "submitted", True
        elif not finished and index == current:
            status, submitted, given = "current", False, {}
        else:
            if finished:
                continue  # a stage added after the attempt finished
            break
        items = []
        for item in stage.items:
            if item.id not in given and submitted:
                continue
            if isinstance(item, Question):
                items.append(_question_view(content, attempt, item, given.get(item.id),
                                            submitted, reveal, locale))
            else:
                items.append(_reflection_view(content, attempt, item, given.get(item.id),
                                              submitted, reveal, grades, locale))
        stages.append({"id": stage.id, "title": stage.title,
                       "narrative_html": stage.narrative_html, "status": status,
                       "items": items})
    view: dict[str, Any] = {
        "lang": content.lang,
        "reflection_grading": content.reflection_grading,
        "intro_html": content.intro_html,
        "stage_count": len(content.stages),
        "current_index": len(content.stages) if finished else max(0, current),
        "finished": finished,
        "stages": stages,
        "result": _result_view(content, attempt, reveal, grades, gettext, locale)
        if finished else None,
    }
    return view


def _result_view(content: Content, attempt: dict[str, Any], reveal: Reveal,
                 grades: dict[str, Any] | None, gettext: Gettext,
                 locale: str) -> dict[str, Any]:
    outcome = score(content, attempt, grades)
    competencies = catalogue.result_rows(outcome.competencies, content.declared, gettext, locale,
                                         shown=reveal.correctness)
    score_text = None
    if reveal.correctness:
        score_text = gettext(N_("Score: {earned} / {possible}")).format(
            earned=format_number(outcome.earned, locale, 2),
            possible=format_number(outcome.possible, locale, 2))
    return {"debrief_html": content.debrief_html, "reference_html": content.reference_html,
            "earned": outcome.earned if reveal.correctness else None,
            "possible": outcome.possible, "score_text": score_text,
            "earned_text": format_number(outcome.earned, locale, 2) if reveal.correctness else None,
            "possible_text": format_number(outcome.possible, locale, 2),
            "pending": outcome.pending, "competencies": competencies}
