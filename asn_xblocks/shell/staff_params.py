"""The staff panel's requests read strictly: pages, sorting, filters, the learner named.

Anything else is a 400 with a message that names the field; nothing unchecked reaches a
query (sort keys are a whitelist of columns).
"""
from __future__ import annotations

from typing import Any

from ..core.actions import ActionError
from ..core.i18n import N_
from ..review import api


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


def parse_page(data: dict):
    queries = api.queries
    return queries.Page(_int(data, "page", 1, 1, 10**7),
                _int(data, "page_size", queries.DEFAULT_PAGE_SIZE, 1, queries.MAX_PAGE_SIZE))


def parse_learner_query(data: dict):
    queries = api.queries
    sort = _text(data, "sort") or queries.DEFAULT_SORT
    if sort not in queries.SORT_KEYS:
        raise ActionError(400, N_("Unknown sort column \"{sort}\"."), sort=sort[:40])
    direction = _text(data, "direction") or ("desc" if sort == queries.DEFAULT_SORT else "asc")
    if direction not in ("asc", "desc"):
        raise ActionError(400, N_("The sort direction must be \"asc\" or \"desc\"."))
    status = _text(data, "status")
    if status and status not in queries.STATUSES:
        raise ActionError(400, N_("Unknown status \"{value}\"."), value=status[:40])
    return queries.LearnerQuery(sort=sort, descending=direction == "desc", status=status,
                        cohort=_text(data, "cohort"), search=_text(data, "search", 150),
                        page=parse_page(data))


def parse_queue_filter(data: dict) -> str:
    queries = api.queries
    which = _text(data, "filter") or queries.QUEUE_WAITING
    if which not in queries.QUEUE_FILTERS:
        raise ActionError(400, N_("Unknown queue filter \"{value}\"."), value=which[:40])
    return which


def find_learner(usage_key: str, row_id: Any):
    """The review row of one learner of *this* block, or 404."""
    if isinstance(row_id, bool) or not isinstance(row_id, int) or row_id < 1:
        raise ActionError(400, N_("The field \"{field}\" must be a whole number."), field="learner")
    row = api.queries.row_in_block(usage_key, row_id)
    if row is None:
        raise ActionError(404, N_("There is no learner {id} in this exercise."), id=row_id)
    return row
