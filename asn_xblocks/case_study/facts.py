"""Cohort-analytics facts of a finished case-study attempt, and the case study's sections.

Pure Python. ``facts`` turns an answer record (``engine.answer_record``; the points each
item earned when the attempt finished) and the staff grades of its reflections into flat
rows the shell stores in ``AttemptFact`` (see the model's docstring for the kinds). The
shell aggregates them in SQL (``GROUPS``) and hands the aggregates back to ``sections``,
which turns them into charts and tables for staff.

Competency facts follow the one rule (``core.competencies``): a reflection waiting for a
staff grade is left out of its competency until it is graded (it would otherwise pull the
cohort's average down for a reason that is not the learners') and marks the fact
"awaiting", as every other output does.
"""
from __future__ import annotations

from typing import Any

from ..core import charts
from ..core import competencies as catalogue
from ..core.charts import Bar, Ctx
from ..core.formatting import json_number
from ..core.i18n import N_
from ..core.scoring import EPSILON
from ..core.text import html_to_text
from . import kinds_facts
from .model import CLASSIFY, GRADING_COMPLETION, GRADING_NONE, MULTIPLE, NUMERIC, Content, Question, Reflection
from .report import answer_record

# kind → the columns the shell groups by (one SQL query each)
GROUPS: dict[str, tuple[str, ...]] = {
    "option": ("item_id", "value"),
    "question": ("item_id",),
    "reflection": ("item_id", "value"),
    "criterion": ("item_id", "value"),
    **kinds_facts.GROUPS,
}
EXTRA: dict[str, tuple[str, ...]] = {}
TOP: dict[str, int] = dict(kinds_facts.TOP)
SCORED_KINDS = ("question", "reflection")  # items that count towards competencies


def _find(content: Content, item_id: str):
    for stage in content.stages:
        item = stage.item(item_id)
        if item is not None:
            return item
    return None


def _mark(earned: float, possible: float) -> str:
    if possible > 0 and abs(earned - possible) < EPSILON:
        return "correct"
    return "partial" if earned > 0 else "incorrect"



def facts(content: Content, record: dict[str, Any],
          grades: dict[str, Any] | None = None) -> list[dict[str, Any]]:
    """Fact rows of one finished attempt: its answer record, or the engine's attempt."""
    grades = grades if isinstance(grades, dict) else {}
    if isinstance(record, dict) and "stages" not in record and "answers" in record:
        record = answer_record(content, record)
    rows: list[dict[str, Any]] = []
    for stage in record.get("stages") or []:
        for entry in (stage.get("items") or []) if isinstance(stage, dict) else []:
            if not isinstance(entry, dict) or not isinstance(entry.get("id"), str):
                continue
            item_id, answer = entry["id"], entry.get("answer")
            item = _find(content, item_id)
            competency = (item.competency or "") if item is not None else ""
            earned, possible = json_number(entry.get("earned")), json_number(entry.get("possible"))
            if isinstance(item, Question) or (item is None and not isinstance(answer, str)):
                if isinstance(answer, dict):  # a classification: statement → category
                    rows.extend(kinds_facts.placement_facts(item_id, answer))
                elif isinstance(answer, (int, float)):  # a numeric question
                    rows.extend(kinds_facts.number_facts(item_id, answer))
                for option_id in (answer if isinstance(answer, list) else [answer]):
                    if isinstance(option_id, str):
                        rows.append({"kind": "option", "item_id": item_id, "value": option_id})
                earned, possible = earned or 0.0, possible or 0.0
                rows.append({"kind": "question", "item_id": item_id,
                             "value": _mark(earned, possible), "earned": earned,
                             "possible": possible, "competency": competency})
                continue
            rows.extend(_reflection_facts(content, item, item_id, earned, possible, competency,
                                          grades.get(item_id)))
    rows.extend(competency_facts(rows))
    return rows


def _reflection_facts(content: Content, item: Reflection | None, item_id: str,
                      earned: float | None, possible: float | None, competency: str,
                      grade: Any) -> list[dict[str, Any]]:
    mode = content.reflection_grading
    if mode == GRADING_NONE:
        return [{"kind": "reflection", "item_id": item_id, "value": "ungraded"}]
    if mode == GRADING_COMPLETION:
        earned, possible = earned or 0.0, possible or 0.0
        return [{"kind": "reflection", "item_id": item_id,
                 "value": "complete" if possible and earned >= possible - EPSILON else "incomplete",
                 "earned": earned, "possible": possible, "competency": competency}]
    if not isinstance(grade, dict) or json_number(grade.get("points")) is None:
        return [{"kind": "reflection", "item_id": item_id, "value": "awaiting", "earned": None,
                 "possible": possible, "competency": competency}]
    rows = [{"kind": "reflection", "item_id": item_id, "value": "graded",
             "earned": json_number(grade["points"]), "possible": possible, "competency": competency}]
    criteria = grade.get("criteria")
    if not isinstance(criteria, dict):
        criteria = {}
    for criterion_id, points in criteria.items():
        criterion = item.criterion(criterion_id) if isinstance(item, Reflection) else None
        if json_number(points) is None:
            continue
        rows.append({"kind": "criterion", "item_id": item_id, "value": str(criterion_id),
                     "earned": json_number(points),
                     "possible": criterion.max_points if criterion is not None else None})
    return rows


def competency_facts(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """One row per competency: the learner's tally by the one rule
    (``core.competencies.competency_tally``) over the scored items' facts — a reflection
    awaiting a staff grade (``earned`` None) is left out and marks the row "awaiting"."""
    tally = catalogue.competency_tally((row.get("competency"), row.get("earned"), row.get("possible"))
                                       for row in rows if row.get("kind") in SCORED_KINDS)
    return catalogue.fact_rows(tally)


def position(content: Content, attempt: dict[str, Any]) -> str:
    """The stage an unfinished attempt is at ("" when there is none)."""
    current = attempt.get("current") if isinstance(attempt, dict) else None
    if isinstance(current, int) and not isinstance(current, bool) and 0 <= current < len(content.stages):
        return content.stages[current].id
    return ""


def position_label(content: Content, position_id: str, gettext) -> str:
    index = content.stage_index(position_id)
    if index is None:
        return position_id
    stage = content.stages[index]
    return gettext(N_("Stage {number}: {title}")).format(number=index + 1,
                                                         title=stage.title or stage.id)


def item_label(content: Content, kind: str, item_id: str, gettext) -> str:
    """A readable name of a question or reflection (training-needs evidence)."""
    item = _find(content, item_id)
    prompt = charts.short(html_to_text(item.prompt_html), 70) if item is not None else ""
    if isinstance(item, Reflection):
        return gettext(N_("Reflection “{prompt}”")).format(prompt=prompt or item_id)
    return gettext(N_("Question “{prompt}”")).format(prompt=prompt or item_id)


# --- sections ------------------------------------------------------------------------------

def _by(rows: list[dict[str, Any]], *keys: str) -> dict[Any, dict[str, Any]]:
    if len(keys) == 1:
        return {row[keys[0]]: row for row in rows}
    return {tuple(row[k] for k in keys): row for row in rows}


def _is_key(question: Question, option) -> bool:
    if question.kind == MULTIPLE:
        return option.is_correct
    return question.max_points > 0 and abs(option.score_value - question.max_points) < EPSILON


def sections(content: Content, stats: dict[str, list[dict[str, Any]]], ctx: Ctx) -> list[dict[str, Any]]:
    """The case study's own analytics: answers per question and, when staff grade the
    reflections, the rubric-criterion averages."""
    out = [_answers_section(content, stats, ctx)]
    if content.reflection_grading not in (GRADING_COMPLETION, GRADING_NONE) and content.reflections():
        out.append(_rubric_section(content, stats, ctx))
    return out


def _answers_section(content: Content, stats, ctx: Ctx) -> dict[str, Any]:
    _ = ctx.gettext
    questions = _by(stats.get("question", []), "item_id")
    options = _by(stats.get("option", []), "item_id", "value")
    figures = []
    number = 0
    for question in content.questions():
        number += 1
        total = questions.get(question.id, {}).get("n", 0)
        if not total:
            continue
        if question.kind in (CLASSIFY, NUMERIC):
            make = (kinds_facts.classify_figure if question.kind == CLASSIFY
                    else kinds_facts.numeric_figure)
            figures.append(make(question, number, total, questions[question.id].get("ratio"),
                                stats, ctx))
            continue
        bars, rows = [], []
        known = set()
        for option in question.options:
            known.add(option.id)
            chosen = options.get((question.id, option.id), {}).get("n", 0)
            fraction = chosen / total
            key = _is_key(question, option)
            label = ("✓ " if key else "") + (html_to_text(option.text_html) or option.id)
            bars.append(Bar(label, fraction * 100, f"{ctx.percent_text(fraction)} ({chosen})", key))
            rows.append([label, charts.cell(chosen, str(chosen)), ctx.pct(fraction),
                         _("yes") if key else _("no")])
        for (qid, option_id), row in options.items():  # options the author removed since
            if qid == question.id and option_id not in known:
                fraction = row["n"] / total
                bars.append(Bar(option_id, fraction * 100, ctx.percent_text(fraction)))
                rows.append([option_id, charts.cell(row["n"], str(row["n"])), ctx.pct(fraction), "—"])
        average = questions[question.id].get("ratio")
        prompt = charts.short(html_to_text(question.prompt_html), 90) or question.id
        title = _("Question {number}: {prompt}").format(number=number, prompt=prompt)
        note = ctx.ngettext("{count} learner answered; average score {average}.",
                            "{count} learners answered; average score {average}.", total).format(
            count=total, average=ctx.percent_text(average or 0.0))
        if question.kind == MULTIPLE:
            note += " " + _("Learners could check several options, so the shares add up to more "
                            "than 100%.")
        figures.append(ctx.bar_figure(
            f"q-{question.id}", title,
            _("Share of learners choosing each option; ✓ marks a correct option. The table "
              "gives the same numbers."),
            bars, [_("Option"), _("Learners"), _("Share"), _("Correct")], rows, note,
            legend=_("Hatched, ✓: correct option") if any(b.flagged for b in bars) else ""))
    return charts.section("answers", _("Answers per question"), figures,
                          empty=_("No learner has finished an attempt yet."))


def _rubric_section(content: Content, stats, ctx: Ctx) -> dict[str, Any]:
    _ = ctx.gettext
    reflections = content.reflections()
    status = _by(stats.get("reflection", []), "item_id", "value")
    criteria = _by(stats.get("criterion", []), "item_id", "value")
    awaiting = sum(row["n"] for (rid, value), row in status.items() if value == "awaiting")
    bars, rows = [], []
    for number, reflection in enumerate(reflections, start=1):
        for criterion in reflection.rubric:
            row = criteria.get((reflection.id, criterion.id))
            if not row or not row["n"]:
                continue
            average = row["earned"] / row["n"]
            maximum = criterion.max_points
            fraction = average / maximum if maximum else 0.0
            label = _("R{number} {criterion}").format(number=number,
                                                      criterion=criterion.label or criterion.id)
            bars.append(Bar(label, fraction * 100, "{} / {}".format(
                ctx.num(average, 2)["t"], ctx.num(maximum, 2)["t"])))
            rows.append([label, ctx.num(average, 2), ctx.num(maximum, 2), ctx.pct(fraction),
                         charts.cell(row["n"], str(row["n"]))])
    figures = []
    intro = ctx.ngettext(
        "{count} reflection is waiting for a staff grade and is not counted yet.",
        "{count} reflections are waiting for a staff grade and are not counted yet.",
        awaiting).format(count=awaiting) if awaiting else ""
    if bars:
        title = _("Average points per rubric criterion")
        figures.append(ctx.bar_figure(
            "rubric", title,
            _("Average points of graded reflections per rubric criterion, as a share of the "
              "criterion's maximum. The table gives the numbers."),
            bars, [_("Criterion"), _("Average points"), _("Maximum"), _("Share of maximum"),
                   _("Graded reflections")], rows))
    return charts.section("rubric", _("Reflections"), figures, intro=intro,
                          empty=_("No reflection has been graded on the rubric yet."))
