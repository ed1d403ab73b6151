"""Private copies of learner data (JSON-shaped: dicts, lists, scalars).

Every engine returns a new attempt and never changes the one it was given, and the shell
hands each request its own copy of the stored state: both copy the whole structure on
every learner call. A pickle round trip of this process's own objects is the same deep
copy as ``copy.deepcopy`` (shared references stay shared) made in C, several times faster
(``make bench``: 1.24 → 0.13 ms for a 200-item attempt). Nothing is unpickled that
:func:`json_copy` did not pickle a line earlier; anything pickle cannot take still goes
through ``copy.deepcopy``.
"""
from __future__ import annotations

import copy
import pickle
from typing import TypeVar

T = TypeVar("T")


def json_copy(value: T) -> T:
    """A deep copy of ``value`` that shares nothing with it (None is its own)."""
    if value is None:
        return value
    try:
        copied: T = pickle.loads(pickle.dumps(value, pickle.HIGHEST_PROTOCOL))
    except (pickle.PicklingError, TypeError, AttributeError):
        return copy.deepcopy(value)
    return copied
