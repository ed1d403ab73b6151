"""The staff panel's reads: paging, sorting and filtering in SQL, the CSV's walk.

Nothing here loads a whole cohort: the learners table and the grading queue are one COUNT
and one LIMIT/OFFSET query on ``LearnerReview`` (indexed on usage key + status, cohort,
activity, best score); the CSV walks the rows with a server-side iterator in chunks.
"""
from __future__ import annotations

import math
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Exists, F, OuterRef, Q

from ..models import STATUS_AWAITING_GRADING, STATUS_FINISHED, STATUSES, AttemptRecord, LearnerReview, StaffGrade

DEFAULT_PAGE_SIZE = 25
MAX_PAGE_SIZE = 100
NO_COHORT = "__none__"  # the cohort filter's value for learners without a cohort
CSV_CHUNK = 500

# Sort keys the browser may name → model fields (a whitelist: nothing else reaches order_by).
SORT_KEYS = {
    "learner": "username",
    "cohort": "cohort",
    "status": "status",
    "attempts": "attempts",
    "best": "best_fraction",
    "last": "last_fraction",
    "score": "points_earned",
    "pending": "pending_reflections",
    "activity": "last_activity",
}
DEFAULT_SORT = "activity"

QUEUE_WAITING = "waiting"
QUEUE_GRADED = "graded"
QUEUE_ALL = "all"
QUEUE_FILTERS = (QUEUE_WAITING, QUEUE_GRADED, QUEUE_ALL)

TABLE_FIELDS = ("id", "usage_key", "learner_id", "username", "cohort", "attempts", "status",
                "best_fraction", "last_fraction", "points_earned", "points_possible",
                "pending_reflections", "override_points", "last_activity", "version")


@dataclass(frozen=True)
class Page:
    number: int
    size: int

    @property
    def offset(self) -> int:
        return (self.number - 1) * self.size


@dataclass(frozen=True)
class LearnerQuery:
    sort: str = DEFAULT_SORT
    descending: bool = True
    status: str = ""
    cohort: str = ""
    search: str = ""
    page: Page = Page(1, DEFAULT_PAGE_SIZE)


def block_rows(usage_key: str):
    return LearnerReview.objects.filter(usage_key=usage_key)


def learners_queryset(usage_key: str, query: LearnerQuery):
    rows = block_rows(usage_key)
    if query.status:
        rows = rows.filter(status=query.status)
    if query.cohort == NO_COHORT:
        rows = rows.filter(cohort="")
    elif query.cohort:
        rows = rows.filter(cohort=query.cohort)
    if query.search:
        rows = rows.filter(Q(username__icontains=query.search) | Q(learner_id=query.search))
    field = F(SORT_KEYS[query.sort])
    order = field.desc(nulls_last=True) if query.descending else field.asc(nulls_last=True)
    tiebreak = "-pk" if query.descending else "pk"
    return rows.order_by(order, tiebreak)


def paged(queryset, page: Page) -> tuple[list[Any], int, Page]:
    """One COUNT and one LIMIT/OFFSET query; a page past the end shows the last page."""
    total = queryset.count()
    pages = max(1, math.ceil(total / page.size))
    if page.number > pages:
        page = Page(pages, page.size)
    rows = list(queryset.only(*TABLE_FIELDS)[page.offset:page.offset + page.size])
    return rows, total, page


def cohorts(usage_key: str) -> list[str]:
    return list(block_rows(usage_key).exclude(cohort="").order_by("cohort")
                .values_list("cohort", flat=True).distinct()[:500])


def status_counts(usage_key: str) -> dict[str, int]:
    counts = {status: 0 for status in STATUSES}
    for entry in block_rows(usage_key).values("status").annotate(n=Count("id")):
        counts[entry["status"]] = entry["n"]
    return counts


def queue_queryset(usage_key: str, which: str):
    """Learners whose latest finished attempt has staff-graded reflections."""
    rows = block_rows(usage_key).filter(attempts__gt=0)
    graded = Exists(StaffGrade.objects.filter(attempt__review=OuterRef("pk")))
    if which == QUEUE_WAITING:
        return rows.filter(status=STATUS_AWAITING_GRADING).order_by("last_activity", "pk")
    if which == QUEUE_GRADED:
        return rows.filter(graded, status=STATUS_FINISHED).order_by("-last_activity", "-pk")
    return rows.filter(Q(status=STATUS_AWAITING_GRADING) | Q(graded)).order_by(
        "-pending_reflections", "last_activity", "pk")


def row_in_block(usage_key: str, row_id: int) -> LearnerReview | None:
    """The review row ``row_id`` if it belongs to this block (never another block's)."""
    return block_rows(usage_key).filter(pk=row_id).first()


def waiting_count(usage_key: str) -> int:
    """Learners whose latest finished attempt awaits a staff grade."""
    return block_rows(usage_key).filter(status=STATUS_AWAITING_GRADING).count()


def attempt_number(row: LearnerReview, number: int) -> AttemptRecord | None:
    return row.attempt_records.filter(number=number).first()


def recent_attempts(row: LearnerReview, limit: int) -> list[AttemptRecord]:
    """The row's finished attempts, newest first."""
    return list(row.attempt_records.order_by("-number")[:limit])


def attempt_count(row: LearnerReview) -> int:
    return row.attempt_records.count()


def iterate_rows(usage_key: str) -> Iterator[LearnerReview]:
    return block_rows(usage_key).order_by("cohort", "username", "pk").iterator(chunk_size=CSV_CHUNK)
