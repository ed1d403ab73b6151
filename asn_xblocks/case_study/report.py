"""A finished case-study attempt as records: the compact answer record the shell stores,
the LMS report's rows, the reflections staff grade, the block's summary — and the plain
text of author HTML they all use.
"""
from __future__ import annotations

from typing import Any

from ..core.engine_api import Gettext, ReportRow, identity
from ..core.formatting import plain_number
from ..core.i18n import N_
from ..core.text import html_to_text
from .attempt import ATTEMPT_FORMAT, submitted_items
from .model import CLASSIFY, GRADING_STAFF, NUMERIC, Content, Question, Reflection
from .numbers import with_unit
from .scoring import AWAITING_GRADING, question_earned, raw_maximum, reflection_result
from .view import rubric_view


def answer_record(content: Content, attempt: dict[str, Any]) -> dict[str, Any]:
    """Compact JSON of the attempt (the edx-submissions answer): ids, option ids, reflection
    text, earned points per item (None while a staff grade is pending)."""
    stages: list[dict[str, Any]] = []
    by_stage: dict[str, dict[str, Any]] = {}
    for stage, item, answer in submitted_items(content, attempt):
        if stage.id not in by_stage:
            by_stage[stage.id] = {"id": stage.id, "items": []}
            stages.append(by_stage[stage.id])
        if isinstance(item, Question):
            earned: float | None = round(question_earned(item, answer), 4)
            possible = item.max_points
        else:
            earned, possible, _status = reflection_result(content, item, answer, None)
            earned = round(earned, 4) if earned is not None else None
        by_stage[stage.id]["items"].append({"id": item.id, "answer": answer, "earned": earned,
                                            "possible": possible})
    record: dict[str, Any] = {"v": ATTEMPT_FORMAT, "finished": bool(attempt.get("finished")),
                              "seed": attempt.get("seed"), "stages": stages}
    if content.shuffle and attempt.get("order"):
        record["order"] = attempt.get("order")
    return record


def report_rows(content: Content, attempt: dict[str, Any], grades: dict[str, Any] | None = None,
                gettext: Gettext = identity) -> list[ReportRow]:
    rows = []
    for _stage, item, answer in submitted_items(content, attempt):
        question = html_to_text(item.prompt_html)
        if isinstance(item, Question):
            rows.append(ReportRow(question=question, answer=answer_text(item, answer),
                                  points=_plain_points(question_earned(item, answer),
                                                       item.max_points)))
            continue
        earned, possible, status = reflection_result(content, item, answer, grades)
        if status == AWAITING_GRADING:
            points = gettext(N_("awaiting grading"))
        elif earned is None:
            points = "—"
        else:
            points = _plain_points(earned, possible)
        rows.append(ReportRow(question=question, answer=answer if isinstance(answer, str) else "",
                              points=points))
    return rows


def answer_text(question: Question, answer: Any) -> str:
    """A question's answer in plain words: the chosen options' texts, "statement → category"
    per placed statement, or the number (a decimal point, no grouping: report files are
    read by programs as well as people) with its unit."""
    if question.kind == CLASSIFY:
        placed = answer if isinstance(answer, dict) else {}
        parts = []
        for item in question.items:
            category = question.category(placed.get(item.id, "")) if item.id in placed else None
            if item.id in placed:
                parts.append("{} → {}".format(html_to_text(item.text_html) or item.id,
                                              (category.label or category.id) if category
                                              else placed[item.id]))
        return "; ".join(parts)
    if question.kind == NUMERIC:
        if isinstance(answer, bool) or not isinstance(answer, (int, float)):
            return ""
        return with_unit(plain_number_text(float(answer)), question.unit)
    chosen = answer if isinstance(answer, list) else [answer]
    return "; ".join(html_to_text(o.text_html) for o in question.options if o.id in chosen)


def plain_number_text(value: float) -> str:
    """87.5, 1500000, -0.25: a decimal point, no grouping, no trailing zeros."""
    text = f"{value:.6f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def _plain_points(earned: float, possible: float) -> str:
    return f"{plain_number(earned)} / {plain_number(possible)}"



def staff_items(content: Content, attempt: dict[str, Any]) -> list[dict[str, Any]]:
    """The reflections of a finished attempt that staff grade (staff mode only)."""
    if not attempt.get("finished") or content.reflection_grading != GRADING_STAFF:
        return []
    items = []
    for stage, item, answer in submitted_items(content, attempt):
        if isinstance(item, Reflection):
            items.append({"item_id": item.id, "stage": stage.id,
                          "prompt": html_to_text(item.prompt_html),
                          "text": answer if isinstance(answer, str) else "",
                          "points": item.max_points, "rubric": rubric_view(item)})
    return items


def summary(content: Content) -> dict[str, Any]:
    """Metadata only: counts and competencies (student_view_data, author_view)."""
    competencies: list[str] = []
    for _stage, item in content.items():
        if item.competency and item.competency not in competencies:
            competencies.append(item.competency)
    return {"stages": len(content.stages), "questions": len(content.questions()),
            "reflections": len(content.reflections()), "max_points": raw_maximum(content),
            "competencies": competencies}
