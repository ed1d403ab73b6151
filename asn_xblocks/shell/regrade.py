"""Scores computed again: a rescore against the current content, and staff asking the
platform to put another learner's changed score in the gradebook.

* ``regrade_attempts`` — what ``rescore`` does (the LMS's "Rescore learner's submission",
  an instructor task that builds the block for each learner and calls ``rescore``): every
  finished attempt recorded with the engine's state is scored again against the block's
  current content, staff grades included, so an author who fixes a wrong key and rescores
  sees scores change. An attempt whose answers no longer fit the content (items removed)
  keeps its recorded score and is logged with the learner's name.
* ``request_regrade`` — the staff panel changed a learner's score (a rubric grade, an
  override). Only a request of the learner's own can publish the learner's grade
  (xmodule/services.py), so the panel asks the platform for the same instructor task the
  LMS's own "Rescore" submits (lms/djangoapps/instructor_task/api.py
  ``submit_rescore_problem_for_student``); the learner's block then publishes the score.
  Where no LMS is installed, the Django setting ``ASN_XBLOCKS_REGRADE`` may name a function
  ``(block, row) -> bool`` doing the same (the demo's does it at once).
"""
from __future__ import annotations

import logging
from typing import Any

log = logging.getLogger(__name__)


def regrade_attempts(block, row) -> list[int]:
    """Score the row's finished attempts again; returns the numbers of those kept as they
    were because their answers no longer fit the content."""
    from ..review.api import rows

    content = block.content_model
    kept = []
    for record in rows.attempts_of(row):
        state = record.attempt_state
        if not state or not block.core.fits(content, state):
            kept.append(record.number)
            continue
        rows.rescore_attempt(record, block.core.score(content, state, rows.grades_for(record)))
    if kept:
        log.warning("Rescore of %s kept the recorded score of %s (attempts %s): their answers "
                    "no longer fit the content", block.usage_id_str, row.username or row.learner_id,
                    kept)
    rows.apply_summary(row, block.policy)
    rows.save_with_points(row, block.gradebook_points(row) or (None, row.points_possible))
    return kept


def request_regrade(block, row) -> bool:
    """Ask for the learner of ``row`` to be rescored by their own block; True when a
    request went out (the gradebook follows when it has run)."""
    custom = _configured()
    if custom is not None:
        return bool(custom(block, row))
    try:  # the LMS only
        from crum import get_current_request
        from lms.djangoapps.instructor_task.api import submit_rescore_problem_for_student
    except ImportError:
        return False
    request = get_current_request()
    student = _django_user(block, row.learner_id)
    if request is None or student is None:
        return False
    try:
        submit_rescore_problem_for_student(request, block.scope_ids.usage_id, student,
                                           only_if_higher=False)
    except Exception:  # AlreadyRunningError and friends
        log.warning("Could not request a rescore of %s for %s", block.usage_id_str,
                    row.username or row.learner_id, exc_info=True)
        return False
    return True


def _configured() -> Any:
    from django.conf import settings
    from django.utils.module_loading import import_string

    path = getattr(settings, "ASN_XBLOCKS_REGRADE", "")
    return import_string(path) if path else None


def _django_user(block, anonymous_id: str):
    service = block.runtime.service(block, "user")
    lookup = getattr(service, "get_user_by_anonymous_id", None)
    if not callable(lookup):
        return None
    try:
        return lookup(anonymous_id)
    except Exception:
        return None
