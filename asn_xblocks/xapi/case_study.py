"""xAPI transformers of the Integrity Case Study's decisions.

``asn_xblocks.asn_case_study.stage_submitted`` → one *answered* statement per question and
reflection of the stage (``…/question/<id>``): the points as score, full marks as success,
the chosen option ids as response (a reflection's text is never sent: its statement says
only whether it counts, with its points when they are known). An event without its items
(an older event, or one whose details could not be computed) gives one statement for the
stage (``…/stage/<id>``) with the stage's points.
"""
from __future__ import annotations

from typing import Any

from . import CASE_STUDY, event_name
from . import vocabulary as voc
from .base import ANSWERED, AsnTransformer, full_marks, register_all, score_result

INTERACTION_TYPES = {"single": "choice", "multiple": "choice", "numeric": "numeric",
                     "classify": "matching", "reflection": "long-fill-in"}


class StageSubmittedTransformer(AsnTransformer):
    statement_verb = ANSWERED

    def items_of(self):
        self.get_data("data.stage", True)
        return self.data_items() or None

    @property
    def item_path(self):  # type: ignore[override]
        return "question" if self.item is not None else "stage"

    def item_id(self):
        if self.item is not None:
            return str(self.item.get("id") or "")
        return str(self.get_data("data.stage", True))

    def item_interaction_type(self):
        if self.item is None:
            return "other"
        return INTERACTION_TYPES.get(str(self.item.get("kind")), "other")

    def get_result(self):
        if self.item is None:
            earned, possible = self.get_data("data.earned"), self.get_data("data.possible")
            return score_result(earned, possible, success=full_marks(earned, possible))
        item = self.item
        earned, possible = item.get("earned"), item.get("possible")
        extensions: dict[str, Any] = {}
        if item.get("kind") == "reflection":
            status = str(item.get("status") or "")
            if status:
                extensions[voc.EXT_STATUS] = status
            # a reflection is answered once submitted; success only when it was scored
            return score_result(earned, possible, success=full_marks(earned, possible),
                                completion=True, extensions=extensions)
        return score_result(earned, possible, success=full_marks(earned, possible),
                            response=item.get("response"))

    def extra_context(self):
        out: dict[str, Any] = {voc.EXT_STAGE: self.get_data("data.stage")}
        if self.item is not None:
            out.update(self.item_competency_context([self.item]))
        else:
            out.update(self.item_competency_context(self.data_items()))
        return out


TRANSFORMERS = {event_name(CASE_STUDY, "stage_submitted"): StageSubmittedTransformer}


def register() -> None:
    register_all(TRANSFORMERS)
