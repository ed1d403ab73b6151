"""Shared reflection answers, staff's side: list a block's answers, hide or feature one.

The learner's side (consent, withdrawal, peers' answers, "Helpful") is ``sharing``. Staff
see every shared answer of their block, hidden ones too, with the author's username (the
staff panel shows usernames elsewhere: ``LearnerReview.username``). Each change is one
UPDATE of one row, scoped to the block, recording who made it (``moderated_by``): two
staff members toggling the same answer cannot leave it half-changed, and an id from
another block changes nothing.
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

MAX_PAGE_SIZE = 100
DEFAULT_PAGE_SIZE = 25
# what each action sets: the column and its new value
ACTIONS = {"hide": ("hidden", True), "unhide": ("hidden", False),
           "feature": ("featured", True), "unfeature": ("featured", False)}


@dataclass(frozen=True)
class AnswerQuery:
    """The list's filters: a reflection id, a cohort ("" = none; None = any) and
    hidden True/False/None (any); a page of ``size`` rows."""

    item_id: str | None = None
    cohort: str | None = None
    hidden: bool | None = None
    page: int = 1
    size: int = DEFAULT_PAGE_SIZE


def _answers(usage_key: str):
    from ..models import SharedAnswer

    return SharedAnswer.objects.filter(usage_key=usage_key)


def filters(usage_key: str) -> dict[str, list[str]]:
    """The reflections and cohorts this block's shared answers belong to (one query)."""
    pairs = list(_answers(usage_key).values_list("item_id", "cohort").order_by().distinct()[:2000])
    return {"items": sorted({item for item, _cohort in pairs}),
            "cohorts": sorted({cohort for _item, cohort in pairs if cohort})}


def counts(usage_key: str) -> dict[str, int]:
    """All shared answers of the block, hidden ones and featured ones (one query)."""
    from django.db.models import Count, Q

    return _answers(usage_key).aggregate(total=Count("id"), hidden=Count("id", filter=Q(hidden=True)),
                                         featured=Count("id", filter=Q(featured=True)))


def list_answers(usage_key: str, query: AnswerQuery) -> tuple[list[dict[str, Any]], int, int]:
    """A page of the block's shared answers, featured first, then the most helpful, then the
    newest, each with its author's username: (rows, total, page number). A page past the end
    shows the last page. Three queries: count, page, usernames."""
    from ..models import LearnerReview

    answers = _answers(usage_key)
    if query.item_id is not None:
        answers = answers.filter(item_id=query.item_id)
    if query.cohort is not None:
        answers = answers.filter(cohort=query.cohort)
    if query.hidden is not None:
        answers = answers.filter(hidden=query.hidden)
    total = answers.count()
    size = max(1, min(MAX_PAGE_SIZE, query.size))
    page = max(1, min(query.page, max(1, math.ceil(total / size))))
    rows = list(answers.order_by("-featured", "-helpful", "-created", "-id")
                .values("id", "learner_id", "item_id", "cohort", "attempt_number", "text", "hidden",
                        "featured", "helpful", "moderated_by", "created")
                [(page - 1) * size:page * size])
    names = dict(LearnerReview.objects.filter(usage_key=usage_key,
                                              learner_id__in={r["learner_id"] for r in rows})
                 .values_list("learner_id", "username")) if rows else {}
    for row in rows:
        row["username"] = names.get(row["learner_id"], "")
    return rows, total, page


def moderate(usage_key: str, answer_id: int, action: str, staff_name: str) -> dict[str, Any] | None:
    """Apply ``action`` (hide, unhide, feature, unfeature) to the block's answer
    ``answer_id`` in one UPDATE recording ``staff_name``; the answer's state afterwards, or
    None when the block has no such answer."""
    column, value = ACTIONS[action]
    changed = _answers(usage_key).filter(pk=answer_id).update(**{column: value},
                                                             moderated_by=staff_name[:150])
    if not changed:
        return None
    return (_answers(usage_key).filter(pk=answer_id)
            .values("id", "hidden", "featured", "helpful", "moderated_by").first())
