"""Shared reflection answers, the learner's side: consent, withdrawal, peers' answers and
"Helpful" marks (staff's side, hiding and featuring, is ``moderation``).

Privacy rules kept here, where the rows are read:

* A peer's answer leaves this module as its text, whether staff featured it, its helpful
  count and the answer row's own id (needed to mark it; it names the answer, never its
  author). Never a learner id, username or cohort.
* ``peers`` never returns the learner's own answer nor one staff hid, featured answers first,
  then the most helpful, then the newest.
* Sharing is one row per (block, learner, reflection): sharing again (a later attempt)
  replaces its text; when the text changes the old answer's featuring and helpful marks go
  with it (they were given to other words), a staff hide stays (staff decide to show it
  again). Withdrawing deletes the row, its marks with it, at once.
* A learner marks at most one answer "Helpful" per reflection (a unique constraint), and the
  answer's ``helpful`` count moves in the same transaction as the mark.
"""
from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from ..models import AttemptRecord, HelpfulMark, SharedAnswer, StaffGrade

PEERS_SHOWN = 3
MAX_TEXT_CHARS = 20_000  # a reflection's answer is clipped to this by the core already


class SharingError(Exception):
    """A refused learner request: ``status`` (403, 409) and a reason code the shell
    translates (``own``, ``missing``, ``twice``)."""

    def __init__(self, status: int, reason: str):
        super().__init__(reason)
        self.status, self.reason = status, reason


def share(usage_key: str, course_key: str, cohort: str, learner_id: str, item_id: str,
          attempt_number: int, text: str) -> SharedAnswer:
    """Consent given: the answer of attempt ``attempt_number`` is shared (replacing an
    earlier one of the same reflection)."""
    text = text[:MAX_TEXT_CHARS]
    for _try in range(2):  # a concurrent first share of the same answer: read it again
        try:
            with transaction.atomic():
                answer = (SharedAnswer.objects.select_for_update()
                          .filter(usage_key=usage_key, learner_id=learner_id, item_id=item_id).first())
                if answer is None:
                    return SharedAnswer.objects.create(
                        usage_key=usage_key, course_key=course_key[:255], cohort=cohort[:128],
                        learner_id=learner_id, item_id=item_id, attempt_number=attempt_number,
                        text=text, created=timezone.now())
                if answer.text != text:
                    answer.marks.all().delete()
                    answer.helpful, answer.featured = 0, False
                    answer.created = timezone.now()
                answer.text, answer.attempt_number = text, attempt_number
                answer.cohort, answer.course_key = cohort[:128], course_key[:255]
                answer.save()
                return answer
        except IntegrityError:
            continue
    raise SharingError(409, "busy")


def withdraw(usage_key: str, learner_id: str, item_id: str) -> bool:
    """Consent withdrawn: the shared answer and its marks are deleted. False when there was
    none."""
    deleted, _kinds = SharedAnswer.objects.filter(usage_key=usage_key, learner_id=learner_id,
                                                  item_id=item_id).delete()
    return bool(deleted)


def own(usage_key: str, learner_id: str, item_ids: Iterable[str]) -> dict[str, int]:
    """The learner's shared answers: reflection id → the attempt number it came from."""
    ids = list(item_ids)
    if not ids:
        return {}
    return dict(SharedAnswer.objects.filter(usage_key=usage_key, learner_id=learner_id,
                                            item_id__in=ids)
                .values_list("item_id", "attempt_number"))


def graded(review_id: int, attempt_number: int, item_id: str, staff_graded: bool) -> bool:
    """Whether the attempt holding a shared answer is graded, which ends the learner's right
    to withdraw it: a staff-graded reflection once staff graded it in that attempt; a
    reflection graded on completion (or not graded) once that attempt finished, when its
    score was final and sent to the gradebook."""
    if staff_graded:
        return StaffGrade.objects.filter(attempt__review_id=review_id,
                                         attempt__number=attempt_number, item_id=item_id).exists()
    return AttemptRecord.objects.filter(review_id=review_id, number=attempt_number).exists()


def _scope(usage_key: str, cohort: str):
    answers = SharedAnswer.objects.filter(usage_key=usage_key)
    return answers.filter(cohort=cohort) if cohort else answers


def peers(usage_key: str, cohort: str, learner_id: str, item_id: str,
          limit: int = PEERS_SHOWN) -> list[dict[str, Any]]:
    """Up to ``limit`` shared answers of other learners of the cohort (all learners of the
    block when ``cohort`` is ""), featured first, then most helpful, then newest."""
    rows = (_scope(usage_key, cohort).filter(item_id=item_id, hidden=False)
            .exclude(learner_id=learner_id)
            .order_by("-featured", "-helpful", "-created", "-pk")[:limit])
    return [{"id": row.pk, "text": row.text, "featured": row.featured, "helpful": row.helpful}
            for row in rows]


def marked(usage_key: str, learner_id: str, item_ids: Iterable[str]) -> dict[str, int]:
    """Reflection id → the answer the learner marked "Helpful" there."""
    ids = list(item_ids)
    if not ids:
        return {}
    return dict(HelpfulMark.objects.filter(usage_key=usage_key, learner_id=learner_id,
                                           item_id__in=ids).values_list("item_id", "answer_id"))


def mark_helpful(usage_key: str, cohort: str, learner_id: str, item_id: str,
                 answer_id: int) -> int:
    """Mark a peer's visible answer of ``item_id`` "Helpful" (once per reflection); the
    answer's new helpful count. Raises ``SharingError``: 409 ``missing`` (withdrawn, hidden,
    or not one this learner can see), 403 ``own``, 409 ``twice``."""
    with transaction.atomic():
        answer = (_scope(usage_key, cohort).select_for_update()
                  .filter(pk=answer_id, item_id=item_id, hidden=False).first())
        if answer is None:
            raise SharingError(409, "missing")
        if answer.learner_id == learner_id:
            raise SharingError(403, "own")
        try:
            with transaction.atomic():
                HelpfulMark.objects.create(answer=answer, usage_key=usage_key, item_id=item_id,
                                           learner_id=learner_id)
        except IntegrityError:
            raise SharingError(409, "twice") from None
        SharedAnswer.objects.filter(pk=answer.pk).update(helpful=F("helpful") + 1)
        return answer.helpful + 1
