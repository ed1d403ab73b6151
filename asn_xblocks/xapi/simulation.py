"""xAPI transformers of the Change-Management Simulation's decisions.

* ``asn_xblocks.asn_change_simulation.choice_made`` → *answered* the decision
  (``…/decision/<node>``), the choice id as response; when the decision counts for
  competencies, their points as score (as the attempt's competency tally counts them: a
  node on its first visit) and full marks as success.
* ``asn_xblocks.asn_change_simulation.ending_reached`` → *passed* (a success ending),
  *failed* (a failure ending) or *completed* (partial, or an outcome the event lacks) the
  ending (``…/ending/<id>``), with the ending's score (0–1) as scaled score out of 100.
"""
from __future__ import annotations

from typing import Any

from ..core.formatting import json_number
from . import SIMULATION, event_name
from . import vocabulary as voc
from .base import (
    ANSWERED,
    COMPLETED,
    FAILED,
    PASSED,
    AsnTransformer,
    competency_sums,
    full_marks,
    register_all,
    score_result,
)

RAW_MAXIMUM = 100.0


class ChoiceMadeTransformer(AsnTransformer):
    statement_verb = ANSWERED
    item_path = "decision"
    interaction_type = "choice"

    def item_id(self):
        return str(self.get_data("data.node", True))

    def get_result(self):
        choice = str(self.get_data("data.choice", True))
        sums = competency_sums(self.data_items())
        earned = sum(s["earned"] for s in sums) if sums else None
        possible = sum(s["possible"] for s in sums) if sums else None
        return score_result(earned, possible, success=full_marks(earned, possible), response=choice)

    def extra_context(self):
        out: dict[str, Any] = self.item_competency_context(self.data_items())
        out[voc.EXT_STEP] = self.get_data("data.step")
        return out


class EndingReachedTransformer(AsnTransformer):
    item_path = "ending"

    def item_id(self):
        return str(self.get_data("data.ending", True))

    def get_object(self):
        activity = super().get_object()
        activity.definition.interaction_type = None
        activity.definition.type = voc.ACTIVITY_OBJECTIVE
        return activity

    def outcome(self) -> str:
        return str(self.get_data("data.outcome") or "")

    def get_statement_verb(self):
        return {"success": PASSED, "failure": FAILED}.get(self.outcome(), COMPLETED)

    def get_result(self):
        fraction = json_number(self.get_data("data.score"))
        success = {"success": True, "failure": False}.get(self.outcome())
        earned = None if fraction is None else min(1.0, max(0.0, fraction)) * RAW_MAXIMUM
        return score_result(earned, RAW_MAXIMUM, success=success, completion=True,
                            response=self.item_id())

    def extra_context(self):
        return {voc.EXT_ENDING: self.item_id(), voc.EXT_OUTCOME: self.outcome()}


TRANSFORMERS = {
    event_name(SIMULATION, "choice_made"): ChoiceMadeTransformer,
    event_name(SIMULATION, "ending_reached"): EndingReachedTransformer,
}


def register() -> None:
    register_all(TRANSFORMERS)
