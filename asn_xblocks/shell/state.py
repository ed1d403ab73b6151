"""The learner's state: one field, versioned, written under a short lock.

* ``schema`` lets a later release upgrade stored states; ``version`` counts learner
  actions: every action carries the version the browser saw, a stale one gets 409, so two
  tabs, a double click or a retried request never count an action twice.
* The whole state lives in one field (``learner_state``) because every field write is a
  database write; ``attempts`` is separate only because the LMS's "reset attempts" sets it.
* Writes are serialized per learner with Django's cache ``add`` (atomic on memcached and
  Redis, the LMS's caches), a lock whose value is the holder's token and which only its
  holder releases; the review row's ``state_version`` is a compare-and-set in the
  database, made by every write (actions, "Try again" and drafts), that catches a request
  that read the state before another one wrote it, the lock expired or not.
"""
from __future__ import annotations

import contextlib
import time
import uuid
from collections.abc import Iterator
from typing import Any

from ..core.actions import ActionError
from ..core.copies import json_copy
from ..core.i18n import N_

SCHEMA = 1
LOCK_SECONDS = 10
RELEASE_MARGIN_SECONDS = 2  # a lock this close to expiry is left to expire (see _release)


def empty_state() -> dict[str, Any]:
    return {"schema": SCHEMA, "version": 0, "attempt": None, "history": [], "number": 0}


def upgrade(state: dict[str, Any] | None) -> dict[str, Any]:
    """Bring a stored state to the current schema (states from no schema start afresh)."""
    if not isinstance(state, dict) or state.get("schema") != SCHEMA:
        return empty_state()
    return json_copy(state)


class StoredState(dict):
    """The learner's state as it is assigned to the field: always replaced whole, never
    changed in place (every write builds a new one from the request's private copy).

    XBlock's field tracking deep-copies a mutable value when the field is read and again
    after every save (``Field._mark_dirty``, ``XBlock._reset_dirty_field`` in
    ``xblock/fields.py`` and ``xblock/core.py``), to notice later in-place changes; for a
    state of a few hundred entries that was the largest single cost of a learner's write
    (``make bench``: 0.65 ms of the service desk's call). A value nobody changes in place
    needs no such copy, so this one is its own deep copy. It is a dict for everything
    else: the field's type check, JSON, the runtime's field data."""

    __slots__ = ()

    def __deepcopy__(self, memo: dict) -> StoredState:
        return self

    def __reduce__(self):
        # a copy made with pickle (core.copies.json_copy) is a plain, private dict again
        return (dict, (dict(self),))


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


def lock_key(usage_key: str, learner_id: str) -> str:
    return f"asn_xblocks:lock:{usage_key}:{learner_id}"


@contextlib.contextmanager
def learner_lock(usage_key: str, learner_id: str) -> Iterator[None]:
    """A short lock on one learner's state, released only by its owner.

    The cache value is a token of this request; on the way out the key is deleted only if
    it still holds that token, so a request that outlived ``LOCK_SECONDS`` never deletes
    the lock another request took after it expired. The lock is a fast path only: every
    write also compares and sets the review row's ``state_version`` in the transaction
    that writes the state, which refuses a request whose lock expired under it."""
    from django.core.cache import cache

    key = lock_key(usage_key, learner_id)
    token = uuid.uuid4().hex
    taken = time.monotonic()  # before the add: the cache's timeout runs from about then
    if not cache.add(key, token, LOCK_SECONDS):
        raise ActionError(409, N_("Another request for this exercise is still being saved. "
                                  "Please try again."))
    try:
        yield
    finally:
        _release(cache, key, token, taken)


def _release(cache, key: str, token: str, taken: float) -> None:
    # Django's cache API has no atomic compare-and-delete, so this is get, compare, delete.
    # Near the lock's expiry the key is left to expire instead: a newer holder can only
    # appear after expiry, so the get -> delete window never spans it. What remains: a
    # cache that drops the key early (memcached evicting under memory pressure, a flush)
    # while another request takes it exactly between our get and our delete; then that
    # request loses its lock early, and the review row's compare-and-set still refuses
    # whichever of the two writes is stale.
    if time.monotonic() - taken >= LOCK_SECONDS - RELEASE_MARGIN_SECONDS:
        return
    if cache.get(key) == token:
        cache.delete(key)
