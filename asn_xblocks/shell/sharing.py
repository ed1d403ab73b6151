"""Shared reflection answers, the learner's handlers and payload (a case-study mixin).

A reflection with ``share="optional"`` offers a checkbox next to the answer. Its state is
sent to ``share_answer`` right after the stage's ``act`` succeeded (the browser does it,
so the stage's submission stays the one versioned step it always was, and a refused share
never loses a submission); ``share_answer`` takes the text from the learner's own state,
never from the request, so only an answer the learner really submitted is shared.

After the learner submitted the reflection's stage the payload carries, per reflection,
whether their answer is shared and may still be withdrawn, up to three peers' answers of
their cohort (else of the course) and the one they marked "Helpful". Nothing of a peer but
the text, the helpful count and whether staff featured it; the browser renders the text as
text.

Withdrawing consent: allowed until the attempt holding the answer is graded (a staff-graded
reflection: until staff graded it in that attempt; completion or no grading: until that
attempt finished, when its score became final) and also after the due date (consent is the
learner's to take back; sharing and marking are refused then, as every learner write is).
Refused while staff view the block as the learner (``masquerade``).

Runtime: the handlers are XBlock JSON handlers (``handlers.json_action``) reached through
``runtime.handler_url`` as every learner handler; the review app's rows are read and written
through ``review.api.sharing``.
"""
from __future__ import annotations

from typing import Any

from ..core.actions import ActionError
from ..core.i18n import N_
from ..review import api
from .handlers import json_action, require_int, require_str

MSG_NOT_SHARED = N_("Answers to this reflection cannot be shared.")
MSG_UNKNOWN = N_("There is no reflection \"{id}\" in this exercise.")
MSG_SUBMIT_FIRST = N_("Submit your answer before sharing it.")
MSG_SEE_FIRST = N_("Submit your answer to this reflection before marking other answers.")
MSG_NOTHING_SHARED = N_("Your answer to this reflection is not shared.")
MSG_GRADED = N_("Your answer has been graded; it can no longer be withdrawn.")
MSG_REASONS = {
    "own": N_("You cannot mark your own answer as helpful."),
    "twice": N_("You have already marked an answer to this reflection as helpful."),
    "missing": N_("This answer is no longer shared. Reload the page to see the current "
                  "answers."),
    "busy": N_("Your answer is being shared by another request. Try again."),
}


class SharingMixin:
    """``share_answer``, ``withdraw_answer`` and ``mark_helpful`` for the case study."""

    def _shareable_reflection(self, data: dict):
        """(the reflection's stage, the reflection) named by ``data["reflection"]``."""
        reflection_id = require_str(data, "reflection")
        for stage in self.content_model.stages:
            for item in stage.reflections:
                if item.id == reflection_id:
                    if not item.shareable:
                        raise ActionError(400, MSG_NOT_SHARED)
                    return stage, item
        raise ActionError(400, MSG_UNKNOWN, id=reflection_id[:80])

    def _submitted_answer(self, state: dict[str, Any], stage, reflection) -> str | None:
        """The learner's answer to ``reflection`` in the attempt their state holds, when its
        stage is submitted; None otherwise."""
        attempt = state.get("attempt")
        if not isinstance(attempt, dict):
            return None
        answers = attempt.get("answers")
        given = answers.get(stage.id) if isinstance(answers, dict) else None
        text = given.get(reflection.id) if isinstance(given, dict) else None
        return text if isinstance(text, str) else None

    def _sharing_scope(self, row) -> str:
        return (row.cohort or "") if row is not None else ""

    @json_action
    def share_answer(self, data, suffix=""):
        """Consent: share the learner's submitted answer to a reflection anonymously."""
        self.refuse_while_masquerading()
        self._check_open()
        stage, reflection = self._shareable_reflection(data)
        state = self._state()
        text = self._submitted_answer(state, stage, reflection)
        row = api.rows.find_row(self.usage_id_str, self.learner_id)
        if not text or not text.strip() or row is None:
            raise ActionError(409, MSG_SUBMIT_FIRST)
        try:
            api.sharing.share(self.usage_id_str, self.course_id_str, self._sharing_scope(row),
                              self.learner_id, reflection.id, state["number"], text)
        except api.sharing.SharingError as exc:
            raise ActionError(exc.status, MSG_REASONS[exc.reason]) from None
        return self.learner_payload(state, row, row_loaded=True)

    @json_action
    def withdraw_answer(self, data, suffix=""):
        """Consent withdrawn: the shared answer is deleted at once (until it is graded)."""
        self.refuse_while_masquerading()
        _stage, reflection = self._shareable_reflection(data)
        row = api.rows.find_row(self.usage_id_str, self.learner_id)
        shared = api.sharing.own(self.usage_id_str, self.learner_id, [reflection.id])
        if row is None or reflection.id not in shared:
            raise ActionError(409, MSG_NOTHING_SHARED)
        if self._answer_graded(row, shared[reflection.id], reflection.id):
            raise ActionError(409, MSG_GRADED)
        api.sharing.withdraw(self.usage_id_str, self.learner_id, reflection.id)
        return self.learner_payload(row=row, row_loaded=True)

    @json_action
    def mark_helpful(self, data, suffix=""):
        """Mark one peer's shared answer "Helpful" (once per reflection)."""
        self.refuse_while_masquerading()
        self._check_open()
        stage, reflection = self._shareable_reflection(data)
        answer_id = require_int(data, "answer", minimum=1)
        state = self._state()
        row = api.rows.find_row(self.usage_id_str, self.learner_id)
        if row is None or self._submitted_answer(state, stage, reflection) is None:
            raise ActionError(409, MSG_SEE_FIRST)
        try:
            api.sharing.mark_helpful(self.usage_id_str, self._sharing_scope(row),
                                     self.learner_id, reflection.id, answer_id)
        except api.sharing.SharingError as exc:
            raise ActionError(exc.status, MSG_REASONS[exc.reason]) from None
        return self.learner_payload(state, row, row_loaded=True)

    def _answer_graded(self, row, attempt_number: int, reflection_id: str) -> bool:
        from ..case_study.model import GRADING_STAFF

        staff = self.content_model.reflection_grading == GRADING_STAFF
        return api.sharing.graded(row.pk, attempt_number, reflection_id, staff)

    # --- the learner's payload ---------------------------------------------------------
    def add_sharing(self, view: dict[str, Any], row) -> None:
        """Per shareable reflection of the view: ``share`` (offered, shared, may withdraw,
        peers' answers, the one marked helpful). Peers only once its stage is submitted."""
        shareable = {r.id for r in self.content_model.reflections() if r.shareable}
        if not shareable:
            return
        _ = self.gettext
        done, current = [], []
        for stage in view.get("stages") or []:
            for item in stage.get("items") or []:
                if item.get("type") == "reflection" and item.get("id") in shareable:
                    (done if stage.get("status") == "submitted" else current).append(item)
        for item in current:
            item["share"] = {"offered": True}
        if not done or row is None:
            for item in done:
                item["share"] = {"offered": True, "shared": False, "peers": []}
            return
        ids = [item["id"] for item in done]
        shared = api.sharing.own(self.usage_id_str, self.learner_id, ids)
        marks = api.sharing.marked(self.usage_id_str, self.learner_id, ids)
        scope = self._sharing_scope(row)
        for item in done:
            peers = api.sharing.peers(self.usage_id_str, scope, self.learner_id, item["id"])
            for peer in peers:
                peer["helpful_text"] = self.ngettext(
                    "{count} learner found this helpful", "{count} learners found this helpful",
                    peer["helpful"]).format(count=peer["helpful"])
                peer["marked"] = marks.get(item["id"]) == peer["id"]
            number = shared.get(item["id"])
            item["share"] = {
                "offered": True, "shared": number is not None,
                "can_withdraw": number is not None and not self._answer_graded(row, number, item["id"]),
                "peers": peers, "marked": item["id"] in marks,
                "scope": _("Answers shared by learners in your cohort") if scope
                else _("Answers shared by learners in this course"),
            }
