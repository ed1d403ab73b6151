"""Score overrides: staff set a learner's score, with a required reason, or clear it.

The override replaces the learner's score in the gradebook (not their attempts, which the
analytics keep counting); it is saved under the row's optimistic version
(``review.api.grades``), and the learner's own block is asked to publish it (``regrade``).
"""
from __future__ import annotations

from ..core.actions import ActionError
from ..core.i18n import N_
from ..review import api
from .handlers import json_action, require_int
from .staff_panel import MAX_REASON_CHARS, MSG_ROW_CHANGED


class StaffOverridesMixin:
    """``staff_override`` and ``staff_clear_override`` (course staff only)."""

    # --- overrides ---------------------------------------------------------------------------
    def _set_override(self, row, seen: int, points: float | None, reason: str):
        """The override set (or cleared, ``points`` None) if the row is still at ``seen``."""
        grades_api = api.grades
        try:
            return grades_api.set_override(row, seen, points, reason,
                                    self.learner_name or self.gettext("course staff"),
                                    self.gradebook_points)
        except grades_api.RowChanged:
            raise ActionError(409, MSG_ROW_CHANGED) from None

    @json_action
    def staff_override(self, data, suffix=""):
        self.require_staff()
        row = self._find_learner(data)
        possible = self.max_points()
        seen = require_int(data, "version", 0)
        points = data.get("points")
        if (isinstance(points, bool) or not isinstance(points, (int, float))
                or not 0 <= points <= possible or round(points, 2) != points):
            raise ActionError(400, N_("The override must be a number of points from 0 to {max}, "
                                      "with at most two decimals."), max=possible)
        reason = data.get("reason")
        if not isinstance(reason, str) or not reason.strip():
            raise ActionError(400, N_("Give a reason for the override."))
        if len(reason) > MAX_REASON_CHARS:
            raise ActionError(400, N_("The reason is too long (at most {limit} characters)."),
                              limit=MAX_REASON_CHARS)
        row = self._set_override(row, seen, points, reason.strip())
        self._regrade(row)
        self.emit_event("score_overridden", {"learner_id": row.learner_id, "points": points,
                                             "possible": possible, "cleared": False})
        detail = self._learner_detail(row)
        detail["message"] = self.gettext("Override saved: {learner} now has {score}.").format(
            learner=detail["learner"]["learner"], score=detail["learner"]["score_text"])
        return detail

    @json_action
    def staff_clear_override(self, data, suffix=""):
        self.require_staff()
        row = self._find_learner(data)
        seen = require_int(data, "version", 0)
        if row.override_points is None:
            raise ActionError(409, N_("This learner's score is not overridden."))
        row = self._set_override(row, seen, None, "")
        gradebook = self.gradebook_points(row)
        self._regrade(row)
        self.emit_event("score_overridden", {
            "learner_id": row.learner_id, "points": gradebook[0] if gradebook else None,
            "possible": gradebook[1] if gradebook else None, "cleared": True})
        detail = self._learner_detail(row)
        detail["message"] = self.gettext("Override cleared: {learner} has {score} again.").format(
            learner=detail["learner"]["learner"], score=detail["learner"]["score_text"])
        return detail
