"""The playable preview in Studio: the edited, unsaved content played on the server's engine.

The preview plays the edited, unsaved content on the server's engine with nothing
stored: the browser holds the preview attempt (the engine's attempt dict, as the last
preview answer returned it) and sends it back with each action. Handing it to the
browser is acceptable because only someone with read rights on the content gets here,
and the attempt shows nothing the content does not; it is still read as untrusted
input (size-bounded, shape errors and any error of the engine on it → 400, never a
500). No self.save(), no review row, no grade, completion or tracking event.
"""
from __future__ import annotations

import json
from typing import Any

from ..core import formatting
from ..core.actions import ActionError
from ..core.engine_api import Reveal
from ..core.i18n import N_
from .handlers import json_action, optional_str, require_dict


class StudioPreviewMixin:
    """``studio_preview`` and ``studio_preview_act`` (read rights on the content)."""

    MAX_PREVIEW_ATTEMPT_CHARS = 256 * 1024
    BAD_PREVIEW_ATTEMPT = N_("The preview attempt is not valid; restart the preview.")

    def _preview_content(self, model, data: dict):
        at = optional_str(data, "at", 200) or None
        return self.editor.preview_content(model, at), at

    def _preview_payload(self, content, attempt: dict[str, Any], settings: dict[str, Any],
                         reveal: Reveal, feedback=None) -> dict[str, Any]:
        """The learner payload of a preview attempt, and the attempt for the browser."""
        limit = settings.get("max_attempts", self.max_attempts)
        limit = self.DEFAULT_MAX_ATTEMPTS if limit is None else limit
        finished = bool(attempt.get("finished"))
        view = self.core.learner_view(content, attempt, reveal, {},
                                      gettext=self.gettext, locale=self.language)
        score = None
        if finished:
            result = self.core.score(content, attempt, {})
            score = {"earned": result.earned, "possible": result.possible,
                     "label": self.gettext("Score: {earned} / {possible}").format(
                         earned=formatting.format_number(result.earned, self.language),
                         possible=formatting.format_number(result.possible, self.language)),
                     "pending": bool(result.pending), "overridden": False}
        payload = {
            "version": 0, "attempt": {"number": 1, "finished": finished},
            "attempts": {"used": 0, "limit": limit, "left": limit or None},
            # "Try again" restarts the preview (the editor's fake runtime routes it)
            "can_retry": finished, "past_due": False, "locked": False, "drift": False,
            "notice": "", "score": score, "staff": False, "preview": True, "view": view,
            "feedback": feedback}
        return {"payload": payload, "attempt": attempt}

    @staticmethod
    def _json_kind(value: Any) -> str:
        if value is None:
            return "null"
        if isinstance(value, bool):
            return "bool"
        if isinstance(value, (int, float)):
            return "number"
        return type(value).__name__

    def _preview_attempt_in(self, data: dict, fresh: dict[str, Any]) -> dict[str, Any]:
        """The attempt the browser sent, bounded in size and shaped like the engine's own
        (the keys of a fresh attempt on this content, each value of the same JSON type
        where the fresh one has a value); what the engine finds inside is its business
        (any error of it on the attempt is a 400 too)."""
        attempt = data.get("attempt")
        if not isinstance(attempt, dict):
            raise ActionError(400, self.BAD_PREVIEW_ATTEMPT)
        try:
            size = len(json.dumps(attempt))
        except (ValueError, TypeError, RecursionError):
            raise ActionError(400, self.BAD_PREVIEW_ATTEMPT) from None
        if size > self.MAX_PREVIEW_ATTEMPT_CHARS or set(attempt) != set(fresh) or any(
                fresh[key] is not None
                and self._json_kind(attempt[key]) != self._json_kind(fresh[key])
                for key in fresh):
            raise ActionError(400, self.BAD_PREVIEW_ATTEMPT)
        return attempt

    def _fresh_preview_attempt(self, content, at: str | None) -> dict[str, Any]:
        return self.editor.preview_attempt(content, self.core.new_attempt(content, 0), at)

    @json_action
    def studio_preview(self, data, suffix=""):
        """The learner view of the edited, unsaved content, as a fresh attempt (optionally
        from a given stage / node) sees it: the same payload the learner front end renders,
        and the attempt the browser holds to play on (``studio_preview_act``)."""
        model, settings, _problems = self._form(data)
        content, at = self._preview_content(model, data)
        try:
            attempt = self._fresh_preview_attempt(content, at)
            return self._preview_payload(content, attempt, settings, Reveal(True, False))
        except Exception:
            # Content with errors may not render for learners at all; say so, never 500.
            raise ActionError(400, N_("The preview cannot be shown until the errors are "
                                      "fixed.")) from None

    @json_action
    def studio_preview_act(self, data, suffix=""):
        """One learner step in the preview: ``content``/``settings``/``at`` as for
        ``studio_preview``, ``attempt`` (what the last preview answer returned) and
        ``action`` (what the learner front end sends ``act``). Answers
        ``{"payload", "attempt"}``: the learner payload (everything submitted shown with
        correctness and answers, the score once finished, the step's feedback) and the new
        attempt. Stores nothing."""
        model, settings, _problems = self._form(data)
        content, at = self._preview_content(model, data)
        action = require_dict(data, "action")
        try:
            fresh = self._fresh_preview_attempt(content, at)
        except Exception:
            raise ActionError(400, N_("The preview cannot be shown until the errors are "
                                      "fixed.")) from None
        attempt = self._preview_attempt_in(data, fresh)
        try:
            if self.core.drift(content, attempt):
                raise ActionError(409, N_("The content changed since the preview started; "
                                          "restart the preview."))
            if attempt.get("finished"):
                raise ActionError(409, N_("This attempt is already finished."))
            outcome = self.core.apply_action(content, attempt, action)
            # outcome.events are dropped: a preview step is no learner's activity
            answer = self._preview_payload(content, outcome.attempt, settings,
                                           Reveal(correctness=True, answers=True),
                                           outcome.feedback)
            json.dumps(answer, allow_nan=False)  # what the browser can read, or a 400 now
        except ActionError:
            raise
        except Exception:
            # a forged or stale attempt the engine cannot work with: the author's input
            raise ActionError(400, self.BAD_PREVIEW_ATTEMPT) from None
        return answer
