"""The block base class shared by the three blocks: a table of contents of mixins plus
the learner-facing views and handlers, which are the same for every block and delegate
everything block-specific to ``self.core`` (a :class:`~asn_xblocks.core.engine_api.BlockCore`).
"""
from __future__ import annotations

import json
from importlib import resources
from typing import Any

from django.db import transaction
from web_fragments.fragment import Fragment
from xblock.completable import CompletableXBlockMixin
from xblock.core import XBlock
from xblock.fields import Dict, Scope, String
from xblock.validation import ValidationMessage

from ..core import formatting
from ..core.actions import ActionError
from ..core.engine_api import Reveal
from ..core.i18n import N_
from ..core.shuffle import seed_for
from . import assets
from . import state as learner_state_mod
from .analytics import AnalyticsMixin  # cohort analytics (issue 7)
from .authoring import PERMISSIONS_SERVICE, AuthoringRightsMixin
from .content import ContentMixin
from .events import EventsMixin
from .grading import GradingMixin
from .handlers import json_action, require_dict, require_int
from .masquerade import MASQUERADE_MESSAGE, MasqueradeMixin
from .i18n import I18nMixin
from .staff import UserMixin
from .staff_panel import StaffPanelMixin
from .studio import StudioMixin


def safe_json(data: Any) -> str:
    """JSON that cannot end the <script> element holding it: learner text may contain
    "</script>", so <, > and & are written as JSON escapes."""
    return (json.dumps(data, separators=(",", ":"))
            .replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026"))


def _review():
    """The review app's store, imported when first used: block classes load before Django
    apps are ready in some runtimes, and models cannot be imported then."""
    from . import review_store

    return review_store


@XBlock.needs("i18n")
@XBlock.wants("user")
@XBlock.wants(PERMISSIONS_SERVICE)
class AsnBlock(AnalyticsMixin, GradingMixin, CompletableXBlockMixin, StaffPanelMixin, StudioMixin,
               AuthoringRightsMixin, MasqueradeMixin, ContentMixin, I18nMixin, UserMixin, EventsMixin,
               XBlock):
    """Everything the three blocks share; a block class adds its core and front end."""

    public_dir = "static"
    has_author_view = True
    show_in_read_only_mode = True

    js_class = ""  # the block's JS initializer
    js_file = ""  # e.g. "static/js/case_study.js"
    css_file = ""  # the block's own stylesheet, if it has one
    EMPTY_OLX = ""  # the smallest valid content, used for a new block
    DISPLAY_NAME = ""

    display_name = String(display_name=N_("Display name"), scope=Scope.settings, default="")
    learner_state = Dict(scope=Scope.user_state, default=None,
                         help="Versioned learner state (see shell/state.py).")

    def __repr__(self):
        # XBlock's repr lists every field, the answer key included; the workbench prints it.
        return f"<{type(self).__name__} {self.scope_ids.usage_id}>"

    @classmethod
    def open_local_resource(cls, uri):
        """Serve files from the package's ``static/`` whichever block module asks (XBlock
        would look beside each block's own module), with XBlock's own safety rules."""
        from xblock.exceptions import DisallowedFileError

        if isinstance(uri, bytes):
            uri = uri.decode("utf-8")
        if not uri.startswith(cls.public_dir + "/") or "/." in uri or "\\" in uri:
            raise DisallowedFileError(f"Only files from {cls.public_dir!r}/ are allowed: {uri!r}")
        return (resources.files("asn_xblocks") / uri).open("rb")

    # --- learner view ------------------------------------------------------------------
    @XBlock.supports("multi_device")
    def student_view(self, context=None):  # pylint: disable=unused-argument
        """A light shell: the browser renders the payload; nothing secret is in it."""
        payload = self.learner_payload()
        return self._fragment("learner", payload)

    def _fragment(self, mode: str, payload: dict[str, Any]) -> Fragment:
        content = self.content_model
        lang = getattr(content, "lang", "") or ""
        lang_attr = f' lang="{lang}"' if lang in ("id", "en") else ""
        title = self._escape(self.display_name or self.gettext(self.DISPLAY_NAME))
        loading = self._escape(self.gettext("Loading…"))
        fragment = Fragment(
            f'<div class="asn-block asn-{self.scope_ids.block_type}" data-mode="{mode}"{lang_attr}>'
            f'<h2 class="asn-title">{title}</h2>'
            f'<div class="asn-body" aria-busy="true"><p>{loading}</p></div>'
            f'<div class="asn-live" role="status" aria-live="polite"></div>'
            f'<div class="asn-alert" role="alert"></div>'
            f'<script type="application/json" class="asn-init">{safe_json(payload)}</script></div>'
        )
        # the minified copies (static/min/), or the sources when debugging (shell/assets.py)
        resource = lambda path: self.runtime.local_resource_url(self, assets.served(path))  # noqa: E731
        bundles = self.bundles(mode)
        for catalog in self.js_catalog_urls([name for name, _css, _js in bundles]):
            fragment.add_javascript_url(catalog)
        fragment.add_css_url(resource("static/css/asn.css"))
        fragment.add_javascript_url(resource("static/js/asn_common.js"))
        for _name, css_files, js_files in bundles:
            for css in css_files:
                fragment.add_css_url(resource(css))
            for js in js_files:
                fragment.add_javascript_url(resource(js))
        fragment.initialize_js(self.js_class if mode == "learner" else "AsnStudioInit",
                               {"mode": mode, "language": self.language,
                                "tag": self.scope_ids.block_type})
        return fragment

    # What each view loads on top of asn.css and asn_common.js: (catalogue, CSS, JS). A
    # learner downloads only their block's files; staff and editor files load only for them.
    STAFF_BUNDLE = ("staff", ("static/css/staff.css",), ("static/js/staff.js", "static/js/analytics.js"))
    STUDIO_BUNDLE = ("studio", ("static/css/staff.css", "static/css/studio.css"), ("static/js/studio.js",))

    def bundles(self, mode: str) -> list[tuple[str, tuple[str, ...], tuple[str, ...]]]:
        learner = (self.scope_ids.block_type, (self.css_file,) if self.css_file else (), (self.js_file,))
        if mode == "learner":
            return [learner, self.STAFF_BUNDLE] if self.is_course_staff else [learner]
        if mode == "studio":  # the learner front end renders the editor's preview
            return [learner, self.STUDIO_BUNDLE]
        return [self.STUDIO_BUNDLE]  # author view

    @staticmethod
    def _escape(text: str) -> str:
        from html import escape

        return escape(text, quote=True)

    def student_view_data(self, context=None):  # pylint: disable=unused-argument
        """Metadata only (the mobile apps collect it once, with no learner attached)."""
        summary = self.core.summary(self.content_model)
        content = self.content_model
        return {
            "display_name": self.display_name or self.gettext(self.DISPLAY_NAME),
            "intro_html": self.core.intro_html(content),
            "max_attempts": self.attempt_limit,
            "weight": self.weight,
            **summary,
        }

    # --- the learner's state -----------------------------------------------------------
    def _state(self) -> dict[str, Any]:
        """A private copy of the stored state. Read past the field descriptor when this
        instance has not touched the field: the descriptor deep-copies a mutable value to
        detect in-place changes (we never make one: a new state is assigned whole), and
        upgrade() copies it anyway."""
        if "learner_state" in getattr(self, "_field_data_cache", {"learner_state": None}):
            return learner_state_mod.upgrade(self.learner_state)
        try:
            stored = self._field_data.get(self, "learner_state")  # pylint: disable=protected-access
        except KeyError:
            stored = None
        return learner_state_mod.upgrade(stored)

    def _fresh_attempt(self, state: dict[str, Any]) -> dict[str, Any]:
        number = state["number"] + 1
        return self.core.new_attempt(self.content_model, seed_for(self.usage_id_str, self.learner_id, number))

    def learner_payload(self, state: dict[str, Any] | None = None, row=None, row_loaded=False,
                        notice: str = "") -> dict[str, Any]:
        state = state or self._state()
        _ = self.gettext
        content = self.content_model
        if not row_loaded:
            row = _review().find_row(self.usage_id_str, self.learner_id)
        if state["version"] == 0 and row is not None and row.state_version:
            state["version"] = row.state_version  # the state was reset but the row remembers
        attempt = state["attempt"]
        started = attempt is not None
        if attempt is None:
            attempt = self._fresh_attempt(state)
        finished = bool(attempt.get("finished"))
        left = self.attempts_left()
        drift = (not finished) and started and self.core.drift(content, attempt)
        payload: dict[str, Any] = {
            "version": state["version"],
            "attempt": {"number": state["number"] + (0 if started else 1), "finished": finished},
            "attempts": {"used": self.attempts or 0, "limit": self.attempt_limit, "left": left},
            "can_retry": finished and (left is None or left > 0) and not self.is_past_due(),
            "past_due": self.is_past_due(),
            "locked": (not started) and left == 0,
            "drift": drift,
            "notice": notice or (_(MASQUERADE_MESSAGE) if self.masquerading else ""),
            "score": None,
            "staff": self.is_course_staff,
        }
        if drift:
            payload["view"] = None
            payload["drift_message"] = _("The course team changed this exercise while you were "
                                         "working on it. Your unfinished attempt cannot continue; "
                                         "start it again. Finished attempts keep their scores.")
        else:
            grades = {}
            if finished and row is not None:
                grades = _review().grades_for(_review().latest_attempt(row))
            reveal = Reveal(correctness=self.correctness_visible(),
                            answers=self.answers_visible(finished))
            shown = self._content_taken_on(state) if finished else content
            payload["view"] = self.core.learner_view(shown, attempt, reveal, grades,
                                                     gettext=_, locale=self.language)
        if row is not None and row.points_possible:
            earned = row.override_points if row.override_points is not None else row.points_earned
            if earned is not None and self.correctness_visible():
                payload["score"] = {
                    "earned": earned, "possible": row.points_possible,
                    "label": _("Score: {earned} / {possible}").format(
                        earned=formatting.format_number(earned, self.language),
                        possible=formatting.format_number(row.points_possible, self.language)),
                    "pending": row.pending_reflections > 0,
                    "overridden": row.override_points is not None,
                }
        return payload

    def _content_taken_on(self, state: dict[str, Any]):
        """The content a finished attempt was taken on: after the author edits the block,
        the attempt is shown as the learner took it (its score does not change until a
        rescore). The current content when the revision is the current one or unknown."""
        from .content import _cached_model

        taken_on = state.get("taken_on")
        if not taken_on or taken_on == self._stored_content().get("hash"):
            return self.content_model
        stored = _review().revision(self.usage_id_str, taken_on)
        if not stored or not stored.get("model"):
            return self.content_model
        return _cached_model(self.core, taken_on, stored["model"], stored.get("analysis"))

    # --- learner handlers --------------------------------------------------------------
    @json_action
    def state(self, data, suffix=""):  # pylint: disable=unused-argument
        return self.learner_payload()

    def _check_open(self) -> None:
        if self.is_past_due():
            raise ActionError(409, N_("The due date for this exercise has passed; it can no "
                                      "longer be changed."))

    @json_action
    def act(self, data, suffix=""):  # pylint: disable=unused-argument
        """One learner step (submit a stage, make a choice, submit a request)."""
        version = require_int(data, "version")
        action = require_dict(data, "action")
        self.refuse_while_masquerading()
        self._check_open()
        with learner_state_mod.learner_lock(self.usage_id_str, self.learner_id):
            state = self._state()
            row = _review().find_row(self.usage_id_str, self.learner_id)
            if state["version"] == 0 and row is not None:
                state["version"] = row.state_version
            learner_state_mod.check_version(state, version)
            content = self.content_model
            started = state["attempt"] is not None
            if not started and self.attempts_left() == 0:
                raise ActionError(409, N_("You have used all your attempts."))
            attempt = state["attempt"] or self._fresh_attempt(state)
            if attempt.get("finished"):
                raise ActionError(409, N_("This attempt is already finished."))
            if started and self.core.drift(content, attempt):
                raise ActionError(409, N_("The course team changed this exercise; start the "
                                          "attempt again."))
            outcome = self.core.apply_action(content, attempt, action)
            new_state = dict(state)  # state is this request's own copy (upgrade() made it)
            new_state["attempt"] = outcome.attempt
            new_state["version"] = version + 1
            if not started:
                new_state["number"] = state["number"] + 1
            with transaction.atomic():
                row = row or _review().ensure_row(self)
                if not _review().compare_and_set(row, version, version + 1,
                                                 position=self._attempt_position(outcome.attempt)):
                    raise ActionError(409, N_("This exercise changed in another window or "
                                              "request. The latest state has been loaded; please "
                                              "check and try again."))
                if outcome.finished:
                    self._finish_attempt(row, new_state, outcome.attempt)
                self.learner_state = new_state
                self.save()
        for name, event in outcome.events:
            self.emit_event(name, event)
        if outcome.finished:
            self._after_finish(new_state)
        payload = self.learner_payload(new_state, row, row_loaded=True)
        payload["feedback"] = outcome.feedback
        return payload

    @json_action
    def draft(self, data, suffix=""):  # pylint: disable=unused-argument
        """Work in progress saved as the learner types: not a step, so not versioned (the
        browser keeps its version). Like every write it compares and sets: the review
        row's state version must still be the one this request read, checked in the
        transaction that writes the state, so a draft whose lock expired while an action
        went through gets 409 instead of writing the older attempt over the action's. The
        first draft of a learner makes their review row, which the compare-and-set needs.
        (A draft can still lose to an action that read the state before the draft was
        written and commits after it: that action carries the learner's text itself.)"""
        version = require_int(data, "version")
        draft = require_dict(data, "draft")
        self.refuse_while_masquerading()
        self._check_open()
        with learner_state_mod.learner_lock(self.usage_id_str, self.learner_id):
            state = self._state()
            row = _review().find_row(self.usage_id_str, self.learner_id)
            if state["version"] == 0 and row is not None:
                state["version"] = row.state_version
            learner_state_mod.check_version(state, version)
            if not _review().state_version_matches(row, version):
                learner_state_mod.check_version(state, -1)
            started = state["attempt"] is not None
            if not started and self.attempts_left() == 0:
                raise ActionError(409, N_("You have used all your attempts."))
            attempt = state["attempt"] or self._fresh_attempt(state)
            if attempt.get("finished"):
                raise ActionError(409, N_("This attempt is already finished."))
            new_attempt = self.core.save_draft(self.content_model, attempt, draft)
            new_state = dict(state)  # state is this request's own copy (upgrade() made it)
            new_state["attempt"] = new_attempt
            if not started:
                new_state["number"] = state["number"] + 1
            with transaction.atomic():
                row = row or _review().ensure_row(self)
                if not _review().compare_and_set(row, version, version):
                    learner_state_mod.check_version(state, -1)
                self.learner_state = new_state
                self.save()
        return {"saved": True, "version": new_state["version"]}

    @json_action
    def retry(self, data, suffix=""):  # pylint: disable=unused-argument
        """"Try again": a new attempt while attempts remain; also restarts a drifted one."""
        version = require_int(data, "version")
        self.refuse_while_masquerading()
        self._check_open()
        with learner_state_mod.learner_lock(self.usage_id_str, self.learner_id):
            state = self._state()
            row = _review().find_row(self.usage_id_str, self.learner_id)
            if state["version"] == 0 and row is not None:
                state["version"] = row.state_version
            learner_state_mod.check_version(state, version)
            attempt = state["attempt"]
            drifted = attempt is not None and not attempt.get("finished") and \
                self.core.drift(self.content_model, attempt)
            if attempt is None or not (attempt.get("finished") or drifted):
                raise ActionError(409, N_("Finish the current attempt before starting a new one."))
            if not drifted and self.attempts_left() == 0:
                raise ActionError(409, N_("You have used all your attempts."))
            new_state = dict(state)  # state is this request's own copy (upgrade() made it)
            new_state["version"] = version + 1
            new_state["attempt"] = None  # started lazily by the first action, numbered then
            with transaction.atomic():
                row = row or _review().ensure_row(self)
                if not _review().compare_and_set(row, version, version + 1, position=""):
                    learner_state_mod.check_version(state, -1)
                self.learner_state = new_state
                self.save()
        return self.learner_payload(new_state, row, row_loaded=True)

    # --- finishing an attempt ----------------------------------------------------------
    def _finish_attempt(self, row, new_state: dict[str, Any], attempt: dict[str, Any]) -> None:
        content = self.content_model
        score = self.core.score(content, attempt, {})
        answer = self.core.answer_record(content, attempt)
        staff_items = [item["item_id"] for item in self.core.staff_items(content, attempt)]
        answer["staff_items"] = staff_items
        number = new_state["number"]
        self.attempts = (self.attempts or 0) + 1
        stored = self._stored_content()
        taken_on = stored.get("hash", "")
        record = _review().add_attempt(row, number, score, answer, attempt_state=attempt,
                                       content_hash=taken_on)
        _review().keep_revision(self.usage_id_str, taken_on, stored)
        new_state["taken_on"] = taken_on
        self._record_facts(row, record, attempt)  # cohort analytics
        summary = _review().summarize(row, self.policy)
        for name, value in summary.items():
            setattr(row, name, value)
        row.attempts = self.attempts
        row.points_earned, row.points_possible = self.gradebook_points(row)
        row.save()
        new_state["history"].append({"fraction": round(score.fraction, 6), "pending": score.pending})
        self._finished_score = score
        self._finished_row = row

    def _after_finish(self, new_state: dict[str, Any]) -> None:
        # after the commit: the learner's own grade event (grading.py), from the row just written
        self.publish_grade(getattr(self, "_finished_row", None))
        score = getattr(self, "_finished_score", None)
        if len(new_state["history"]) == 1:
            self.emit_completion(1.0)
        self.emit_event("attempt_finished", {
            "attempt": new_state["number"],
            "raw_earned": round(score.earned, 4) if score else None,
            "raw_possible": round(score.possible, 4) if score else None,
            "pending": bool(score and score.pending),
        })

    # --- validation ----------------------------------------------------------------------
    def validate(self):
        validation = super().validate()
        _ = self.gettext
        for problem in self.content_problems():
            kind = ValidationMessage.ERROR if problem.is_error else ValidationMessage.WARNING
            text = problem.text(_)
            if problem.item_id:
                text = f"{text} [{problem.item_id}]"
            validation.add(ValidationMessage(kind, text))
        return validation

    # --- workbench -----------------------------------------------------------------------
    @classmethod
    def workbench_scenarios(cls):
        folder = resources.files("asn_xblocks") / "demo" / "scenarios" / cls.core.tag
        if not folder.is_dir():
            return []
        scenarios = []
        for item in sorted(folder.iterdir(), key=lambda p: p.name):
            if item.name.endswith(".xml"):
                xml = item.read_text(encoding="utf-8")
                from ..core.olx import parse_olx

                title = parse_olx(xml).get("display_name") or item.name
                scenarios.append((title, xml))
        return scenarios
