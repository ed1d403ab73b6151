"""One way a learner's request writes: ``act``, ``draft`` and ``retry`` all go through it.

Under the learner's lock (``state.learner_lock``) the request reads the state, aligns a
never-saved state with the review row (a learner whose field data was reset keeps counting
from the row's version), and checks the version the browser saw. The handler's body then
decides the new state. On leaving the ``with`` block without an error, one transaction
makes the learner's review row if there is none, compares and sets its state version
(a request that read the state before another one wrote it gets 409, whether the lock
expired or not), runs what must commit with it (finishing an attempt), and saves the new
state. An error anywhere writes nothing.

The review row is read only when the write needs what it holds: a never-saved state (its
version), an attempt that finishes (its records go on the row), a block whose answer shows
something read through it mid-attempt (``AsnBlock.answer_reads_review_row``). Otherwise the
compare-and-set finds the row by its unique key, and the answer leaves out the score, which
only finishing or staff change (the browser keeps the one it shows; the next render reads
it): one statement less on most learner calls (``make bench``).
"""
from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from ..review import api
from . import state as learner_state_mod


@dataclass
class LearnerWrite:
    """What one write read, and what its body decided (``new_state`` at least)."""

    state: dict[str, Any]  # this request's own copy of the learner's state
    row: Any  # the learner's review row, or None before their first write or when not read
    version: int  # the version the browser saw (checked)
    row_read: bool = True  # False: the row was not read (``row`` None says nothing then)
    new_state: dict[str, Any] | None = None
    new_version: int | None = None  # the row's state version after the write
    row_fields: dict[str, Any] = field(default_factory=dict)  # set on the row with it
    in_transaction: Callable[[Any], None] | None = None  # called with the row

    def changed(self) -> None:
        """Refuse: another request wrote since this one read (409)."""
        learner_state_mod.check_version(self.state, -1)


@contextlib.contextmanager
def learner_write(block, version: int) -> Iterator[LearnerWrite]:
    store = api.rows
    with learner_state_mod.learner_lock(block.usage_id_str, block.learner_id):
        state = block._state()
        row, row_read = None, state["version"] == 0 or block.answer_reads_review_row()
        if row_read:
            row = store.find_row(block.usage_id_str, block.learner_id)
        if state["version"] == 0 and row is not None:
            state["version"] = row.state_version
        learner_state_mod.check_version(state, version)
        write = LearnerWrite(state=state, row=row, version=version, row_read=row_read)
        yield write
        if write.new_state is None:
            raise RuntimeError("a learner write must set new_state")
        new_version = version if write.new_version is None else write.new_version
        from django.db import transaction

        with transaction.atomic():
            if not write.row_read and store.compare_and_set_unread(
                    block.usage_id_str, block.learner_id, version, new_version, **write.row_fields):
                if write.in_transaction is not None:  # finishing: its records go on the row
                    write.row, write.row_read = store.find_row(block.usage_id_str,
                                                               block.learner_id), True
            else:  # read, or not at that version: made if missing, then compared and set
                if not write.row_read:
                    write.row = store.find_row(block.usage_id_str, block.learner_id)
                write.row = row = write.row or store.ensure_row(block)
                write.row_read = True
                if not store.compare_and_set(row, version, new_version, **write.row_fields):
                    write.changed()
            if write.in_transaction is not None:
                write.in_transaction(write.row)
            block.learner_state = learner_state_mod.StoredState(write.new_state)
            block.save()
