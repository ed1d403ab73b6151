"""The learner's state: one field, versioned, written under a short lock.

* ``schema`` lets a later release upgrade stored states; ``version`` counts learner
  actions: every action carries the version the browser saw, a stale one gets 409, so two
  tabs, a double click or a retried request never count an action twice.
* The whole state lives in one field (``learner_state``) because every field write is a
  database write; ``attempts`` is separate only because the LMS's "reset attempts" sets it.
* Writes are serialized per learner with Django's cache ``add`` (atomic on memcached and
  Redis, the LMS's caches); the review row's ``state_version`` is a compare-and-set in
  the database that catches a request that read the state before another one wrote it.
"""
from __future__ import annotations

import contextlib
import copy
from typing import Any, Iterator

from ..core.actions import ActionError
from ..core.i18n import N_

SCHEMA = 1
LOCK_SECONDS = 10


def empty_state() -> dict[str, Any]:
    return {"schema": SCHEMA, "version": 0, "attempt": None, "history": [], "number": 0}


def upgrade(state: dict[str, Any] | None) -> dict[str, Any]:
    """Bring a stored state to the current schema (states from no schema start afresh)."""
    if not isinstance(state, dict) or state.get("schema") != SCHEMA:
        return empty_state()
    return copy.deepcopy(state)


def peek(state: dict[str, Any] | None) -> dict[str, Any]:
    """The stored state for reading only (reports over many learners): no copy."""
    if not isinstance(state, dict) or state.get("schema") != SCHEMA:
        return empty_state()
    return state


def check_version(state: dict[str, Any], seen: int) -> None:
    if seen != state["version"]:
        raise ActionError(409, N_("This exercise changed in another window or request. "
                                  "The latest state has been loaded; please check and "
                                  "try again."))


@contextlib.contextmanager
def learner_lock(usage_key: str, learner_id: str) -> Iterator[None]:
    from django.core.cache import cache

    key = f"asn_xblocks:lock:{usage_key}:{learner_id}"
    if not cache.add(key, 1, LOCK_SECONDS):
        raise ActionError(409, N_("Another request for this exercise is still being saved. "
                                  "Please try again."))
    try:
        yield
    finally:
        cache.delete(key)
