"""Staff writes: reflection grades and score overrides, each under an optimistic version.

A grader sends the version they saw; a write over a newer one is refused with the
current record (``GradeChanged`` / ``RowChanged``), so a second grader is told who graded
first and is never silently overwritten. Rows and attempt records are locked for the
length of the write (``select_for_update``), so the recount that follows a grade reads
what it just wrote.
"""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from ..models import AttemptRecord, LearnerReview, StaffGrade


class GradeChanged(Exception):
    """The grade is not at the version the grader saw; ``grade`` is the current one (None:
    the grade the grader saw was deleted)."""

    def __init__(self, grade: StaffGrade | None):
        super().__init__("grade changed")
        self.grade = grade


class RowChanged(Exception):
    """The review row is not at the version staff saw."""


def _check(grade: StaffGrade | None, seen: int) -> None:
    if (grade.version if grade is not None else 0) != seen:
        raise GradeChanged(grade)


def save_grade(record: AttemptRecord, item_id: str, seen: int, points: float,
               criteria: dict[str, float], comment: str, graded_by: str,
               then: Callable[[AttemptRecord], Any]) -> tuple[bool, Any]:
    """Grade (or regrade) ``item_id`` of ``record`` if its grade is at version ``seen``
    (0: not graded yet), then call ``then(record)`` in the same transaction (the recount
    of the attempt and the learner's row). Answers (whether it was a regrade, what
    ``then`` answered)."""
    now = timezone.now()
    with transaction.atomic():
        record = AttemptRecord.objects.select_for_update().get(pk=record.pk)
        existing = StaffGrade.objects.filter(attempt=record, item_id=item_id).first()
        _check(existing, seen)
        if existing is None:
            try:
                with transaction.atomic():
                    StaffGrade.objects.create(attempt=record, item_id=item_id, points=points,
                                              criteria=criteria, comment=comment,
                                              graded_by=graded_by[:150], graded_at=now, version=1)
            except IntegrityError:  # another grader created it since we looked
                _check(StaffGrade.objects.filter(attempt=record, item_id=item_id).first(), seen)
                raise
        else:
            updated = StaffGrade.objects.filter(pk=existing.pk, version=seen).update(
                points=points, criteria=criteria, comment=comment, graded_by=graded_by[:150],
                graded_at=now, version=seen + 1)
            if not updated:
                _check(StaffGrade.objects.get(pk=existing.pk), seen)
        return existing is not None, then(record)


def save_row(row: LearnerReview, fields: list[str]) -> None:
    """Save staff changes to a row and bump its version."""
    updates = {name: getattr(row, name) for name in fields}
    LearnerReview.objects.filter(pk=row.pk).update(version=F("version") + 1, **updates)
    row.refresh_from_db()


def change_row(row: LearnerReview, seen: int,
               change: Callable[[LearnerReview], list[str]]) -> LearnerReview:
    """Lock the row, refuse it unless at version ``seen``, apply ``change`` (which answers
    the fields it set) and save them with a new version."""
    with transaction.atomic():
        row = LearnerReview.objects.select_for_update().get(pk=row.pk)
        if row.version != seen:
            raise RowChanged()
        save_row(row, change(row))
    return row


def set_override(row: LearnerReview, seen: int, points: float | None, reason: str, by: str,
                 gradebook: Callable[[LearnerReview], tuple[float, float] | None]
                 ) -> LearnerReview:
    """Override the row's score with ``points`` (None clears the override); ``gradebook``
    gives the points the gradebook then shows."""
    def change(locked: LearnerReview) -> list[str]:
        locked.override_points = points
        locked.override_reason = reason if points is not None else ""
        locked.override_by = by[:150] if points is not None else ""
        locked.override_at = timezone.now() if points is not None else None
        shown = gradebook(locked)
        locked.points_earned = shown[0] if shown else None
        if shown:
            locked.points_possible = shown[1]
        return ["override_points", "override_reason", "override_by", "override_at",
                "points_earned", "points_possible"]

    return change_row(row, seen, change)
