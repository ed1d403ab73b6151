"""Staff-side reading of a finished case-study attempt from its stored answer record.

Pure Python (no XBlock, no Django). The shell stores ``engine.answer_record`` (plus the
list of ``staff_items``) when an attempt finishes; staff drill-down and reports read it back
here. Points come from the record (what the learner earned when the attempt finished), so a
later edit of the content never changes a finished attempt's breakdown; texts, feedback and
rubrics come from the current content, with ids shown where the author removed an item.

Each step is a dict::

    {"item_id", "kind": "question" | "reflection", "stage": stage title,
     "question": plain text, "answer": learner's words or option texts (plain text),
     "points": "2 / 3" | "awaiting grading" | "—", "mark": "correct"|"partial"|"incorrect"|None,
     "feedback_html": sanitized author HTML the learner saw (may be ""),
     "notes": [plain text lines: rubric scores, the staff comment, who graded]}
"""
from __future__ import annotations

from typing import Any

from ..core import competencies as catalogue
from ..core.engine_api import Gettext, ReportRow, identity
from ..core.formatting import format_number, json_number
from ..core.i18n import N_
from ..core.scoring import EPSILON, CompetencyTally
from ..core.text import html_to_text
from .attempt import ATTEMPT_FORMAT
from .model import CLASSIFY, GRADING_COMPLETION, GRADING_NONE, NUMERIC, Content, Question, Reflection
from .numbers import with_unit


def _items(record: dict[str, Any]):
    for stage in record.get("stages") or []:
        if not isinstance(stage, dict):
            continue
        for item in stage.get("items") or []:
            if isinstance(item, dict) and isinstance(item.get("id"), str):
                yield str(stage.get("id", "")), item


def attempt_from_record(content: Content, record: dict[str, Any]) -> dict[str, Any]:
    """The engine's attempt dict rebuilt from an answer record (for ``report_rows``)."""
    answers: dict[str, dict[str, Any]] = {}
    submitted: list[str] = []
    for stage_id, item in _items(record):
        if stage_id not in answers:
            answers[stage_id] = {}
            submitted.append(stage_id)
        answers[stage_id][item["id"]] = item.get("answer")
    return {"v": ATTEMPT_FORMAT, "seed": record.get("seed") or 0,
            "order": record.get("order") or {}, "current": len(submitted),
            "submitted": submitted, "answers": answers, "drafts": {},
            "finished": bool(record.get("finished", True))}


def _num(value: Any, locale: str) -> str:
    if not isinstance(value, (int, float)) or isinstance(value, bool):
        return "—"
    return format_number(float(value), locale, 2)


def _mark(earned: Any, possible: Any) -> str | None:
    if not isinstance(earned, (int, float)) or not isinstance(possible, (int, float)) or possible <= 0:
        return None
    if abs(earned - possible) < EPSILON:
        return "correct"
    return "partial" if earned > 0 else "incorrect"


def _find(content: Content, stage_id: str, item_id: str):
    index = content.stage_index(stage_id)
    stage = content.stages[index] if index is not None else None
    item = stage.item(item_id) if stage is not None else None
    if item is None:  # moved to another stage by the author
        for other in content.stages:
            item = other.item(item_id)
            if item is not None:
                return other, item
    return stage, item


def record_rows(content: Content, record: dict[str, Any], grades: dict[str, Any] | None = None,
                gettext: Gettext = identity, locale: str = "en") -> list[dict[str, Any]]:
    """Readable steps of one finished attempt (see the module docstring)."""
    grades = grades if isinstance(grades, dict) else {}
    steps: list[dict[str, Any]] = []
    for stage_id, entry in _items(record):
        stage, item = _find(content, stage_id, entry["id"])
        answer = entry.get("answer")
        earned, possible = entry.get("earned"), entry.get("possible")
        step: dict[str, Any] = {
            "item_id": entry["id"], "stage": (stage.title or stage.id) if stage else stage_id,
            "question": html_to_text(item.prompt_html) if item is not None else entry["id"],
            "answer": "", "points": "", "mark": None, "feedback_html": "", "notes": [],
        }
        if isinstance(item, Question) or (item is None and not isinstance(answer, str)):
            step["kind"] = "question"
            chosen = answer if isinstance(answer, list) else [answer]
            if isinstance(item, Question) and item.kind in (CLASSIFY, NUMERIC):
                texts, step["feedback_html"] = _kind_answer(item, answer, locale)
            elif isinstance(item, Question):
                texts = [html_to_text(o.text_html) or o.id for o in item.options if o.id in chosen]
                step["feedback_html"] = "".join(f"<div>{o.feedback_html}</div>"
                                                for o in item.options
                                                if o.id in chosen and o.feedback_html)
            elif isinstance(answer, dict):
                texts = [f"{key} → {value}" for key, value in answer.items()]
            elif isinstance(answer, (int, float)) and not isinstance(answer, bool):
                texts = [_num(answer, locale)]
            else:
                texts = [str(c) for c in chosen]
            step["answer"] = "; ".join(texts)
            step["answers"] = texts
            step["points"] = f"{_num(earned, locale)} / {_num(possible, locale)}"
            step["mark"] = _mark(earned, possible)
        else:
            step["kind"] = "reflection"
            step["answer"] = answer if isinstance(answer, str) else ""
            grade = grades.get(entry["id"])
            if isinstance(grade, dict):
                step["points"] = f"{_num(grade.get('points'), locale)} / {_num(possible, locale)}"
                step["mark"] = _mark(grade.get("points"), possible)
                criteria = grade.get("criteria") or {}
                for criterion in (item.rubric if isinstance(item, Reflection) else []):
                    if criterion.id in criteria:
                        step["notes"].append(gettext(N_("{criterion}: {points} / {max}")).format(
                            criterion=criterion.label or criterion.id,
                            points=_num(criteria[criterion.id], locale),
                            max=_num(criterion.max_points, locale)))
                if grade.get("comment"):
                    step["notes"].append(gettext(N_("Comment: {comment}")).format(
                        comment=grade["comment"]))
                if grade.get("graded_by"):
                    step["notes"].append(gettext(N_("Graded by {name}")).format(
                        name=grade["graded_by"]))
            elif content.reflection_grading == GRADING_NONE or (earned is None and not possible):
                step["points"] = "—"
            elif content.reflection_grading == GRADING_COMPLETION or earned is not None:
                step["points"] = f"{_num(earned, locale)} / {_num(possible, locale)}"
                step["mark"] = _mark(earned, possible)
            else:
                step["points"] = gettext(N_("awaiting grading"))
        steps.append(step)
    return steps


def _kind_answer(question: Question, answer: Any, locale: str) -> tuple[list[str], str]:
    """The answer of a classification or numeric question as staff read it (one text per
    placed statement, with ✓/✗; the number in the locale's format with its unit) and the
    feedback the learner saw (sanitized author HTML)."""
    if question.kind == NUMERIC:
        if isinstance(answer, bool) or not isinstance(answer, (int, float)):
            return [], ""
        text = format_number(float(answer), locale, 6)
        feedback = f"<div>{question.feedback_html}</div>" if question.feedback_html else ""
        return [with_unit(text, question.unit)], feedback
    placed = answer if isinstance(answer, dict) else {}
    texts: list[str] = []
    item_feedback: list[str] = []
    for item in question.items:
        if item.id not in placed:
            continue
        category = question.category(placed[item.id])
        mark = "✓" if placed[item.id] == item.category else "✗"
        texts.append("{} {} → {}".format(mark, html_to_text(item.text_html) or item.id,
                                         (category.label or category.id) if category
                                         else placed[item.id]))
        if item.feedback_html:
            item_feedback.append(f"<div>{item.feedback_html}</div>")
    return texts, "".join(item_feedback)


def competency_tally(content: Content, record: dict[str, Any],
                     grades: dict[str, Any] | None = None) -> CompetencyTally:
    """A recorded attempt's competency tally with its staff grades, by the one rule
    (``core.competencies.competency_tally``): the points each item earned when the attempt
    finished, a graded reflection's grade, and a reflection still awaiting its grade left
    out and marked — as ``engine.score`` counts the attempt and the analytics facts do."""
    grades = grades if isinstance(grades, dict) else {}
    items = []
    for stage_id, entry in _items(record):
        _stage, item = _find(content, stage_id, entry["id"])
        if item is None or not item.competency:
            continue
        earned, possible = json_number(entry.get("earned")), json_number(entry.get("possible"))
        grade = grades.get(entry["id"]) if isinstance(item, Reflection) else None
        if isinstance(grade, dict) and json_number(grade.get("points")) is not None:
            earned = json_number(grade.get("points"))
        items.append((item.competency, earned, possible))
    return catalogue.competency_tally(items)



def report_rows(content: Content, record: dict[str, Any], grades: dict[str, Any] | None = None,
                gettext: Gettext = identity, locale: str = "en") -> list[ReportRow]:
    """The Problem Responses report's rows of a recorded attempt."""
    return [ReportRow(question=s["question"], answer=s["answer"], points=s["points"])
            for s in record_rows(content, record, grades, gettext, locale)]

