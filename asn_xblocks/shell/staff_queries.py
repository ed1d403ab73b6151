"""The staff panel's database side: paging, sorting and filtering in SQL, CSV streaming.

Nothing here loads a whole cohort: the learners table and the grading queue are one COUNT
and one LIMIT/OFFSET query on ``LearnerReview`` (indexed on usage key + status, cohort,
activity, best score); the CSV walks the rows with a server-side iterator in chunks and
yields one encoded line at a time.
"""
from __future__ import annotations

import csv
import io
import math
import re
from dataclasses import dataclass
from typing import Any, Iterable, Iterator

from django.db.models import Count, Exists, F, OuterRef, Q

from ..core.actions import ActionError
from ..core.i18n import N_
from ..review.models import (STATUS_AWAITING_GRADING, STATUS_FINISHED, STATUS_IN_PROGRESS,
                             STATUSES, LearnerReview, StaffGrade)

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


def _int(data: dict, key: str, default: int, minimum: int, maximum: int) -> int:
    value = data.get(key, default)
    if value is None:
        return default
    if isinstance(value, bool) or not isinstance(value, int) or not minimum <= value <= maximum:
        raise ActionError(400, N_("The field \"{field}\" must be a whole number from {min} to "
                                  "{max}."), field=key, min=minimum, max=maximum)
    return value


def _text(data: dict, key: str, max_length: int = 128) -> str:
    value = data.get(key, "")
    if value is None:
        return ""
    if not isinstance(value, str) or len(value) > max_length:
        raise ActionError(400, N_("The field \"{field}\" must be text."), field=key)
    return value.strip()


def parse_page(data: dict) -> Page:
    return Page(_int(data, "page", 1, 1, 10**7),
                _int(data, "page_size", DEFAULT_PAGE_SIZE, 1, MAX_PAGE_SIZE))


def parse_learner_query(data: dict) -> LearnerQuery:
    sort = _text(data, "sort") or DEFAULT_SORT
    if sort not in SORT_KEYS:
        raise ActionError(400, N_("Unknown sort column \"{sort}\"."), sort=sort[:40])
    direction = _text(data, "direction") or ("desc" if sort == DEFAULT_SORT else "asc")
    if direction not in ("asc", "desc"):
        raise ActionError(400, N_("The sort direction must be \"asc\" or \"desc\"."))
    status = _text(data, "status")
    if status and status not in STATUSES:
        raise ActionError(400, N_("Unknown status \"{value}\"."), value=status[:40])
    return LearnerQuery(sort=sort, descending=direction == "desc", status=status,
                        cohort=_text(data, "cohort"), search=_text(data, "search", 150),
                        page=parse_page(data))


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


def parse_queue_filter(data: dict) -> str:
    which = _text(data, "filter") or QUEUE_WAITING
    if which not in QUEUE_FILTERS:
        raise ActionError(400, N_("Unknown queue filter \"{value}\"."), value=which[:40])
    return which


def find_learner(usage_key: str, row_id: Any) -> LearnerReview:
    """The review row of one learner of *this* block, or 404."""
    if isinstance(row_id, bool) or not isinstance(row_id, int) or row_id < 1:
        raise ActionError(400, N_("The field \"{field}\" must be a whole number."), field="learner")
    row = block_rows(usage_key).filter(pk=row_id).first()
    if row is None:
        raise ActionError(404, N_("There is no learner {id} in this exercise."), id=row_id)
    return row


# --- CSV -------------------------------------------------------------------------------

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n", "|", "%")
# What a spreadsheet may skip before it reads a formula (" =1+1", "\t=1+1"): whitespace,
# no-break and zero-width spaces, a byte-order mark.
_LEADING_BLANKS = re.compile(r"[\s\u200b-\u200d\u2060\ufeff]*")


def formula_safe(text: str) -> str:
    """``text`` as a spreadsheet will not run it as a formula (OWASP CSV injection): text
    starting with =, +, -, @, |, %, a tab or a line break, also after leading blanks, gets
    a leading apostrophe. The one rule for every spreadsheet-bound text of the package:
    the staff CSV (``escape_cell``) and the LMS's Problem Responses report
    (``generate_report_data``)."""
    if text.startswith(_FORMULA_START) or \
            text[_LEADING_BLANKS.match(text).end():].startswith(_FORMULA_START):
        return "'" + text
    return text


def escape_cell(value: Any) -> str:
    """A CSV cell: text through ``formula_safe``; numbers are written as numbers and are
    never escaped."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, (int, float)):
        return str(value)
    return formula_safe(str(value))


class _Line:
    """A csv writer target holding one line at a time."""

    def __init__(self):
        self.buffer = io.StringIO()

    def take(self) -> str:
        value = self.buffer.getvalue()
        self.buffer.seek(0)
        self.buffer.truncate()
        return value


def csv_stream(header: list[str], rows: Iterable[list[Any]], separator: str) -> Iterator[bytes]:
    """UTF-8 with a BOM (so spreadsheet programs detect the encoding), one row per chunk."""
    line = _Line()
    writer = csv.writer(line.buffer, delimiter=separator, quoting=csv.QUOTE_MINIMAL,
                        lineterminator="\r\n")
    writer.writerow([escape_cell(h) for h in header])
    yield ("\ufeff" + line.take()).encode("utf-8")
    for row in rows:
        writer.writerow([escape_cell(v) for v in row])
        yield line.take().encode("utf-8")


def iterate_rows(usage_key: str) -> Iterator[LearnerReview]:
    return block_rows(usage_key).order_by("cohort", "username", "pk").iterator(chunk_size=CSV_CHUNK)


__all__ = ["STATUS_AWAITING_GRADING", "STATUS_FINISHED", "STATUS_IN_PROGRESS"]
