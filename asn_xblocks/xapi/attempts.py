"""xAPI transformers of the events every block shares: attempts and staff grading.

* ``asn_xblocks.<tag>.attempt_finished`` → *completed* the block: the attempt's raw points
  as score (out of the block's raw maximum), completion, ``pending`` while a reflection
  waits for a staff grade; in the context the attempt's competency tally (the figures the
  block's own analytics average per cohort) and the learner's cohort.
* ``asn_xblocks.asn_case_study.reflection_graded`` → *evaluated* the reflection
  (``…/question/<id>``, the same activity as when it was answered) with the staff grade as
  score, for the learner (the actor), with the attempt it belongs to and its competency.
* ``asn_xblocks.<tag>.score_overridden`` → *earned* the block: the override's points out
  of the panel's scale, or, when the override is cleared, the score the attempts give again.
"""
from __future__ import annotations

from typing import Any

from . import BLOCK_TYPES, CASE_STUDY, event_name
from . import vocabulary as voc
from .base import (
    COMPLETED,
    EARNED,
    EVALUATED,
    AsnTransformer,
    StaffActionTransformer,
    full_marks,
    register_all,
    score_result,
)


class AttemptFinishedTransformer(AsnTransformer):
    statement_verb = COMPLETED

    def attempt_number(self):
        number_ = super().attempt_number()
        if number_ is None:
            raise ValueError(f'Event "{self.event.get("name")}" has no attempt number')
        return number_

    def get_result(self):
        earned, possible = self.get_data("data.raw_earned"), self.get_data("data.raw_possible")
        pending = bool(self.get_data("data.pending"))
        return score_result(earned, possible, completion=True,
                            success=None if pending else full_marks(earned, possible),
                            extensions={voc.EXT_PENDING: pending})

    def extra_context(self):
        entries = self.get_data("data.competencies")
        entries = [e for e in entries if isinstance(e, dict)] if isinstance(entries, list) else []
        out: dict[str, Any] = {voc.EXT_COMPETENCIES: entries, voc.EXT_COHORT: self.get_data("data.cohort")}
        if len(entries) == 1:
            out[voc.EXT_COMPETENCY] = entries[0].get("id")
        return out


class ReflectionGradedTransformer(StaffActionTransformer):
    statement_verb = EVALUATED
    item_path = "question"
    interaction_type = "long-fill-in"

    def item_id(self):
        return str(self.get_data("data.reflection", True))

    def get_result(self):
        points, possible = self.get_data("data.points"), self.get_data("data.possible")
        return score_result(points, possible, success=full_marks(points, possible), completion=True,
                            extensions={voc.EXT_REGRADE: bool(self.get_data("data.regrade"))})

    def extra_context(self):
        return {voc.EXT_COMPETENCY: self.get_data("data.competency")}


class ScoreOverriddenTransformer(StaffActionTransformer):
    statement_verb = EARNED

    def get_result(self):
        points, possible = self.get_data("data.points"), self.get_data("data.possible")
        return score_result(points, possible,
                            extensions={voc.EXT_CLEARED: bool(self.get_data("data.cleared"))})


TRANSFORMERS = {
    **{event_name(tag, "attempt_finished"): AttemptFinishedTransformer for tag in BLOCK_TYPES},
    event_name(CASE_STUDY, "reflection_graded"): ReflectionGradedTransformer,
    **{event_name(tag, "score_overridden"): ScoreOverriddenTransformer for tag in BLOCK_TYPES},
}


def register() -> None:
    register_all(TRANSFORMERS)
