"""Server-side tracking events ``asn_xblocks.<tag>.<action>``: ids and scores only.

Learner text never goes into an event (UU 27/2022 on personal data protection), and the
browser cannot publish arbitrary events: there is no passthrough handler.

Each event carries what one xAPI statement per learner decision needs (``asn_xblocks.xapi``
turns them into statements through event-routing-backends): the block's usage id, the
learner's attempt number, and for a decision the items it touched with their points and
competency (``xapi/payload.py``); a finished attempt adds its competency tally and the
learner's cohort. Those additions are computed after the action was saved; a fault in them
is logged and the event goes out without them — it never fails the learner's request.

Values are scalars, or lists of flat dicts of scalars (the items): anything else an engine
might hand over is dropped, and so is a string longer than ``MAX_TEXT`` (ids are short;
a long string is the kind of value that must not reach the tracking log).
"""
from __future__ import annotations

import logging
from typing import Any

log = logging.getLogger(__name__)

_ALLOWED_VALUE_TYPES = (str, int, float, bool, type(None))
MAX_TEXT = 255
MAX_LIST = 100


def _scalar(value: Any) -> bool:
    return isinstance(value, _ALLOWED_VALUE_TYPES) and not (isinstance(value, str) and len(value) > MAX_TEXT)


def _clean_value(value: Any) -> tuple[bool, Any]:
    """(kept, value): a scalar, or a list (at most ``MAX_LIST``) of flat dicts of scalars."""
    if _scalar(value):
        return True, value
    if isinstance(value, list) and len(value) <= MAX_LIST and all(
            isinstance(entry, dict) and all(isinstance(k, str) and _scalar(v) for k, v in entry.items())
            for entry in value):
        return True, [dict(entry) for entry in value]
    return False, None


def clean_event_data(data: dict[str, Any]) -> dict[str, Any]:
    clean = {}
    for key, value in data.items():
        kept, value = _clean_value(value)
        if kept:
            clean[key] = value
    return clean


class EventsMixin:
    def emit_event(self, action: str, data: dict[str, Any]) -> None:
        clean = clean_event_data(data)
        clean.setdefault("usage_id", str(self.scope_ids.usage_id))
        try:
            extra = clean_event_data(self._event_details(action, clean))
        except Exception:
            log.exception("Could not add the statement details to event %s of %s", action,
                          self.scope_ids.usage_id)
            extra = {}
        for key, value in extra.items():
            clean.setdefault(key, value)  # what the engine or the shell said wins
        self.runtime.publish(self, f"asn_xblocks.{self.scope_ids.block_type}.{action}", clean)

    def _event_details(self, action: str, data: dict[str, Any]) -> dict[str, Any]:
        """The learner's attempt number and the decision's items (learner events: the
        learner state this request just saved); the competency tally and cohort of an
        attempt just finished (``_finish_attempt`` keeps its score and review row). Staff
        events name their learner and attempt themselves; a graded reflection adds its
        competency."""
        from ..xapi import payload

        if "learner_id" in data:
            if action == "reflection_graded":
                return {"competency": payload.reflection_competency(self.content_model,
                                                                    data.get("reflection"))}
            return {}

        state = self.learner_state if isinstance(self.learner_state, dict) else {}
        extra: dict[str, Any] = {}
        number = state.get("number")
        if isinstance(number, int) and not isinstance(number, bool) and number > 0:
            extra["attempt"] = number
        if action == "attempt_finished":
            score = self._finished_score
            extra["competencies"] = payload.competency_entries(
                score.competencies if score is not None else None)
            row = self._finished_row
            if row is not None and row.cohort:
                extra["cohort"] = str(row.cohort)
            return extra
        try:
            extra.update(payload.details(self.scope_ids.block_type, action, self.content_model,
                                         state.get("attempt"), data))
        except Exception:
            log.exception("Could not add the statement details to event %s of %s", action,
                          self.scope_ids.usage_id)
        return extra
