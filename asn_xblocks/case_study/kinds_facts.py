"""Analytics of classification and numeric questions: their facts and their figures.

Facts (one row each, besides the question's own scored "question" fact):

* ``placement`` — a statement of a classification question placed in a category:
  ``item_id`` the question, ``expected`` the statement's id (the third column the shell
  groups by), ``value`` the category the learner chose. The figure gives, per statement,
  the share of learners who placed it in each category, its right category marked.
* ``number`` — the number a learner gave to a numeric question: ``item_id`` the question,
  ``value`` the number as plain text ("87.5"). The figure is the distribution of the
  answers given (the most frequent ones, by value), those within the tolerance marked.

Only ids and numbers: no learner text.
"""
from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

from ..core import charts
from ..core.charts import Bar, Ctx
from ..core.formatting import format_number
from ..core.text import html_to_text
from .model import Question
from .numbers import with_unit, within
from .report import plain_number_text

GROUPS: dict[str, tuple[str, ...]] = {
    "placement": ("item_id", "expected", "value"),
    "number": ("item_id", "value"),
}
# the most frequent numbers over all numeric questions of a block (a typo-ridden cohort
# could otherwise give each learner a group of their own)
TOP = {"number": 400}
MAX_NUMBER_BARS = 12


def placement_facts(question_id: str, answer: Any) -> list[dict[str, Any]]:
    if not isinstance(answer, dict):
        return []
    return [{"kind": "placement", "item_id": question_id, "expected": str(item_id),
             "value": category} for item_id, category in answer.items()
            if isinstance(category, str)]


def number_facts(question_id: str, answer: Any) -> list[dict[str, Any]]:
    if isinstance(answer, bool) or not isinstance(answer, (int, float)):
        return []
    return [{"kind": "number", "item_id": question_id, "value": plain_number_text(float(answer))}]


def classify_figure(question: Question, number: int, total: int, average: float | None,
                    stats: dict[str, list[dict[str, Any]]], ctx: Ctx) -> dict[str, Any]:
    """Per statement: the share placed in its right category (the bar) and in each category
    (the table)."""
    _ = ctx.gettext
    cells = {(row["expected"], row["value"]): row["n"] for row in stats.get("placement", [])
             if row["item_id"] == question.id}
    labels = {c.id: c.label or c.id for c in question.categories}
    bars, rows = [], []
    for item in question.items:
        text = html_to_text(item.text_html) or item.id
        right = cells.get((item.id, item.category or ""), 0)
        fraction = right / total
        bars.append(Bar(text, fraction * 100, f"{ctx.percent_text(fraction)} ({right})", True))
        rows.append([text, labels.get(item.category or "", item.category or "—")]
                    + [ctx.pct(cells.get((item.id, c.id), 0) / total)
                       for c in question.categories])
    prompt = charts.short(html_to_text(question.prompt_html), 90) or question.id
    title = _("Question {number}: {prompt}").format(number=number, prompt=prompt)
    note = ctx.ngettext("{count} learner answered; average score {average}.",
                        "{count} learners answered; average score {average}.", total).format(
        count=total, average=ctx.percent_text(average or 0.0))
    return ctx.bar_figure(
        f"q-{question.id}", title,
        _("Share of learners who placed each statement in its right category. The table gives "
          "the share placed in each category."),
        bars, [_("Statement"), _("Right category")] + [labels[c.id] for c in question.categories],
        rows, note, legend=_("Hatched: placed in the right category"))


def _decimal(text: str) -> Decimal | None:
    try:
        value = Decimal(text)
    except (InvalidOperation, ValueError):
        return None
    return value if value.is_finite() else None


def numeric_figure(question: Question, number: int, total: int, average: float | None,
                   stats: dict[str, list[dict[str, Any]]], ctx: Ctx) -> dict[str, Any]:
    """The answers given, most frequent first cut to ``MAX_NUMBER_BARS`` and shown in
    order of value; ✓ and hatching mark those within the tolerance of the key."""
    _ = ctx.gettext
    given = [(row["value"], row["n"]) for row in stats.get("number", [])
             if row["item_id"] == question.id and _decimal(row["value"]) is not None]
    numbers = {value: decimal_value for value, _count in given
               if (decimal_value := _decimal(value)) is not None}
    given.sort(key=lambda pair: (-pair[1], numbers[pair[0]]))
    shown = sorted(given[:MAX_NUMBER_BARS], key=lambda pair: numbers[pair[0]])
    key, tolerance = question.answer_value, question.tolerance_value
    bars, rows = [], []
    for value, count in shown:
        right = key is not None and within(numbers[value], key, tolerance)
        label = ("✓ " if right else "") + with_unit(format_number(float(value), ctx.locale, 6),
                                                    question.unit)
        fraction = count / total
        bars.append(Bar(label, fraction * 100, f"{ctx.percent_text(fraction)} ({count})", right))
        rows.append([label, charts.cell(count, str(count)), ctx.pct(fraction),
                     _("yes") if right else _("no")])
    others = total - sum(count for _value, count in shown)
    if others > 0:
        label = _("Other answers")
        bars.append(Bar(label, others / total * 100,
                        f"{ctx.percent_text(others / total)} ({others})"))
        rows.append([label, charts.cell(others, str(others)), ctx.pct(others / total), "—"])
    prompt = charts.short(html_to_text(question.prompt_html), 90) or question.id
    title = _("Question {number}: {prompt}").format(number=number, prompt=prompt)
    note = ctx.ngettext("{count} learner answered; average score {average}.",
                        "{count} learners answered; average score {average}.", total).format(
        count=total, average=ctx.percent_text(average or 0.0))
    if key is not None:
        note += " " + _("Expected answer: {answer}.").format(
            answer=with_unit(format_number(key, ctx.locale, 6), question.unit))
    return ctx.bar_figure(
        f"q-{question.id}", title,
        _("Share of learners giving each answer; ✓ marks an answer within the tolerance of the "
          "expected one. The table gives the same numbers."),
        bars, [_("Answer"), _("Learners"), _("Share"), _("Correct")], rows, note,
        legend=_("Hatched, ✓: correct answer") if any(b.flagged for b in bars) else "")
