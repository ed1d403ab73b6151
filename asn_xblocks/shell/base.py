"""The block base class shared by the three blocks: a table of contents of mixins plus
the learner-facing views and handlers, which are the same for every block and delegate
everything block-specific to ``self.core`` (a :class:`~asn_xblocks.core.engine_api.BlockCore`).
"""
from __future__ import annotations

import json
from importlib import resources
from typing import Any

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
from ..review import api
from . import assets
from . import state as learner_state_mod
from .analytics import AnalyticsMixin
from .authoring import PERMISSIONS_SERVICE, AuthoringRightsMixin
from .content import ContentMixin
from .course_needs import CourseNeedsMixin
from .events import EventsMixin
from .grading import GradingMixin
from .handlers import json_action, require_dict, require_int
from .i18n import I18nMixin
from .learner_write import learner_write
from .masquerade import MASQUERADE_MESSAGE, MasqueradeMixin
from .staff import UserMixin
from .staff_export import StaffExportMixin
from .staff_grading import StaffGradingMixin
from .staff_overrides import StaffOverridesMixin
from .staff_panel import StaffPanelMixin
from .staff_sharing import StaffSharingMixin
from .studio import StudioMixin
from .studio_preview import StudioPreviewMixin


def safe_json(data: Any) -> str:
    """JSON that cannot end the <script> element holding it: learner text may contain
    "</script>", so <, > and & are written as JSON escapes."""
    return (json.dumps(data, separators=(",", ":"))
            .replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026"))


@XBlock.needs("i18n")
@XBlock.wants("user")
@XBlock.wants(PERMISSIONS_SERVICE)
class AsnBlock(GradingMixin, CompletableXBlockMixin,  # the gradebook and completion
               StaffPanelMixin, StaffGradingMixin, StaffOverridesMixin, StaffExportMixin,
               AnalyticsMixin, CourseNeedsMixin, StaffSharingMixin,  # staff: analytics, course view, shared answers
               StudioMixin, StudioPreviewMixin, AuthoringRightsMixin,  # Studio: editor, preview, rights
               MasqueradeMixin, ContentMixin, I18nMixin, UserMixin, EventsMixin,
               XBlock):
    """Everything the three blocks share; a block class adds its core and front end."""

    public_dir = "static"
    has_author_view = True
    show_in_read_only_mode = True

    js_class = ""  # the block's JS initializer
    js_file = ""  # e.g. "static/js/case_study.js"
    css_file = ""  # the block's own stylesheet, if it has one
    EMPTY_OLX = ""  # the smallest valid content, used for a new block
    # what this request's finishing action leaves for the steps after its commit (the grade
    # event, completion, the attempt_finished event): None until an attempt finishes
    _finished_row = None
    _finished_score = None
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
    def student_view(self, context=None):
        """A light shell: the browser renders the payload; nothing secret is in it."""
        payload = self.learner_payload()
        return self._fragment("learner", payload)

    def _fragment(self, mode: str, payload: dict[str, Any]) -> Fragment:
        content = self.content_model
        lang = self.core.content_lang(content)
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
        # the minified copies (static/min/), or the readable sources when debugging (a
        # bundle's modules one by one: shell/assets.py)
        def resource(path: str) -> str:
            return self.runtime.local_resource_url(self, assets.served(path))

        bundles = self.bundles(mode)
        for catalog in self.js_catalog_urls([name for name, _css, _js in bundles]):
            fragment.add_javascript_url(catalog)
        # asn.css and asn_common.js, unless each bundle's own files begin with them (the
        # service desk's learner view: one script, one stylesheet); with another bundle too
        # they come first on their own, and a page then gets them twice (~4.3 KB gzip, the
        # trade-off shell/assets.py INCLUDES_COMMON weighs)
        if not all(any(map(assets.includes_common, css)) for _name, css, _js in bundles):
            fragment.add_css_url(resource(assets.COMMON_STYLESHEET))
        if not all(any(map(assets.includes_common, js)) for _name, _css, js in bundles):
            fragment.add_javascript_url(resource(assets.COMMON_SCRIPT))
        for _name, css_files, js_files in bundles:
            for css in css_files:  # a joined stylesheet's sources one by one when debugging
                for path in assets.served_all(css):
                    fragment.add_css_url(self.runtime.local_resource_url(self, path))
            for js in js_files:
                for path in assets.served_all(js):
                    fragment.add_javascript_url(self.runtime.local_resource_url(self, path))
        fragment.initialize_js(self.js_class if mode == "learner" else "AsnStudioInit",
                               {"mode": mode, "language": self.language,
                                "tag": self.scope_ids.block_type})
        return fragment

    # What each view loads on top of asn.css and asn_common.js: (catalogue, CSS, JS). A
    # learner downloads only their block's files; staff and editor files load only for them.
    STAFF_BUNDLE = ("staff", ("static/css/staff.css",), ("static/js/staff.js", "static/js/analytics.js"))
    STUDIO_BUNDLE = ("studio", ("static/css/staff.css", "static/css/studio.css"), ("static/js/studio.js",))

    def bundles(self, mode: str) -> list[tuple[str, tuple[str, ...], tuple[str, ...]]]:
        """The bundles view ``mode`` loads, in order. A bundle whose files begin with asn.css
        and asn_common.js (shell/assets.py INCLUDES_COMMON: the service desk's) needs neither
        on its own, and a view of only such bundles links neither (:meth:`_fragment`); with
        any other bundle beside it (staff, Studio) both come on their own, first, and the
        desk's copies repeat them harmlessly (asn_common.js returns at once if it ran)."""
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

    def student_view_data(self, context=None):
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
        """A private copy of the stored state, this request's to change."""
        return learner_state_mod.upgrade(self._stored_state())

    def _peek_state(self) -> dict[str, Any]:
        """The stored state for reading only (no copy)."""
        return learner_state_mod.peek(self._stored_state())

    def _stored_state(self) -> Any:
        """The field's stored value. Read past the field descriptor when this instance has
        not touched the field: the descriptor deep-copies a mutable value to detect
        in-place changes (we never make one: a new state is assigned whole)."""
        if "learner_state" in getattr(self, "_field_data_cache", {"learner_state": None}):
            return self.learner_state
        try:
            return self._field_data.get(self, "learner_state")
        except KeyError:
            return None

    def _fresh_attempt(self, state: dict[str, Any]) -> dict[str, Any]:
        number = state["number"] + 1
        return self.core.new_attempt(self.content_model, seed_for(self.usage_id_str, self.learner_id, number))

    def learner_payload(self, state: dict[str, Any] | None = None, row=None, row_loaded=False,
                        notice: str = "", score_held: bool = False) -> dict[str, Any]:
        """What the learner's browser gets: the state's view, attempts, score. ``row`` is
        the learner's review row when ``row_loaded``, else it is read here — unless
        ``score_held``: the answer to a write that did not read the row (learner_write)
        leaves the score out, and the browser keeps the one it shows."""
        state = state or self._state()
        _ = self.translator()
        language = self.language
        content = self.content_model
        if score_held and (state["attempt"] or {}).get("finished"):
            score_held = False  # a finished attempt shows its grades: read the row
        if not row_loaded and not score_held:
            row = api.rows.find_row(self.usage_id_str, self.learner_id)
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
            "rev": None,  # the content revision of the view (below), for trim_view
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
                grades = api.rows.grades_for(api.rows.latest_attempt(row))
            reveal = Reveal(correctness=self.correctness_visible(),
                            answers=self.answers_visible(finished))
            shown = self._content_taken_on(state) if finished else content
            if shown is content:  # content_model keeps (hash, model)
                payload["rev"] = self._content_cache[0] or None
            payload["view"] = self.core.learner_view(shown, attempt, reveal, grades,
                                                     gettext=_, locale=language)
            self.add_learner_extras(payload, state, attempt, row)
        if score_held:
            del payload["score"]
        elif row is not None and row.points_possible:
            earned = row.override_points if row.override_points is not None else row.points_earned
            if earned is not None and self.correctness_visible():
                payload["score"] = {
                    "earned": earned, "possible": row.points_possible,
                    "label": _("Score: {earned} / {possible}").format(
                        earned=formatting.format_number(earned, language),
                        possible=formatting.format_number(row.points_possible, language)),
                    "pending": row.pending_reflections > 0,
                    "overridden": row.override_points is not None,
                }
        return payload

    def add_learner_extras(self, payload: dict[str, Any], state: dict[str, Any],
                           attempt: dict[str, Any], row) -> None:
        """What a block adds to the learner's payload from beyond the learner's own state
        (how their cohort chose, peers' shared answers), read from the review app's
        aggregates. Nothing by default; blocks that offer it override this."""

    def answer_reads_review_row(self) -> bool:
        """Whether the answer to an unfinished attempt's action adds something read through
        the learner's review row (``add_learner_extras``; ``row`` is None when it was not
        read). False by default: then the write does not read the row (learner_write)."""
        return False

    def _content_taken_on(self, state: dict[str, Any]):
        """The content a finished attempt was taken on: after the author edits the block,
        the attempt is shown as the learner took it (its score does not change until a
        rescore). The current content when the revision is the current one or unknown."""
        from .content import _cached_model

        taken_on = state.get("taken_on")
        if not taken_on or taken_on == self._stored_content().get("hash"):
            return self.content_model
        stored = api.rows.revision(self.usage_id_str, taken_on)
        if not stored or not stored.get("model"):
            return self.content_model
        return _cached_model(self.core, taken_on, stored["model"], stored.get("analysis"))

    # --- learner handlers --------------------------------------------------------------
    @json_action
    def state(self, data, suffix=""):
        return self.learner_payload()

    def _check_open(self) -> None:
        if self.is_past_due():
            raise ActionError(409, N_("The due date for this exercise has passed; it can no "
                                      "longer be changed."))

    def _learner_write(self, version: int):
        """The one write path of the learner's handlers (``learner_write``), after the
        checks every one of them makes first."""
        self.refuse_while_masquerading()
        self._check_open()
        return learner_write(self, version)

    def _attempt_to_continue(self, state: dict[str, Any]) -> tuple[dict[str, Any], bool]:
        """(the attempt an action or draft works on, whether it had started)."""
        started = state["attempt"] is not None
        if not started and self.attempts_left() == 0:
            raise ActionError(409, N_("You have used all your attempts."))
        attempt = state["attempt"] or self._fresh_attempt(state)
        if attempt.get("finished"):
            raise ActionError(409, N_("This attempt is already finished."))
        return attempt, started

    @json_action
    def act(self, data, suffix=""):
        """One learner step (submit a stage, make a choice, submit a request)."""
        version = require_int(data, "version")
        action = require_dict(data, "action")
        with self._learner_write(version) as write:
            state = write.state
            content = self.content_model
            attempt, started = self._attempt_to_continue(state)
            if started and self.core.drift(content, attempt):
                raise ActionError(409, N_("The course team changed this exercise; start the "
                                          "attempt again."))
            outcome = self.core.apply_action(content, attempt, action)
            new_state = dict(state)  # state is this request's own copy (upgrade() made it)
            new_state["attempt"] = outcome.attempt
            new_state["version"] = version + 1
            if not started:
                new_state["number"] = state["number"] + 1
            write.new_state, write.new_version = new_state, version + 1
            write.row_fields = {"position": self._attempt_position(outcome.attempt)}
            if outcome.finished:
                write.in_transaction = lambda row: self._finish_attempt(row, new_state,
                                                                        outcome.attempt)
        for name, event in outcome.events:
            self.emit_event(name, event)
        if outcome.finished:
            self._after_finish(new_state)
        payload = self._answer_payload(new_state, write)
        payload["feedback"] = outcome.feedback
        if payload["view"] is not None and payload["rev"] and data.get("have") == payload["rev"]:
            # the browser holds this revision's view: it keeps what did not change
            payload["view"] = self.core.trim_view(payload["view"])
        return payload

    @json_action
    def draft(self, data, suffix=""):
        """Work in progress saved as the learner types: not a step, so not versioned (the
        browser keeps its version). Like every write it compares and sets the review row's
        state version, so a draft whose lock expired while an action went through gets 409
        instead of writing the older attempt over the action's. (A draft can still lose to
        an action that read the state before the draft was written and commits after it:
        that action carries the learner's text itself.)"""
        version = require_int(data, "version")
        draft = require_dict(data, "draft")
        with self._learner_write(version) as write:
            attempt, started = self._attempt_to_continue(write.state)
            new_state = dict(write.state)
            new_state["attempt"] = self.core.save_draft(self.content_model, attempt, draft)
            if not started:
                new_state["number"] = write.state["number"] + 1
            write.new_state = new_state
        return {"saved": True, "version": new_state["version"]}

    @json_action
    def retry(self, data, suffix=""):
        """"Try again": a new attempt while attempts remain; also restarts a drifted one."""
        version = require_int(data, "version")
        with self._learner_write(version) as write:
            attempt = write.state["attempt"]
            drifted = attempt is not None and not attempt.get("finished") and \
                self.core.drift(self.content_model, attempt)
            if attempt is None or not (attempt.get("finished") or drifted):
                raise ActionError(409, N_("Finish the current attempt before starting a new one."))
            if not drifted and self.attempts_left() == 0:
                raise ActionError(409, N_("You have used all your attempts."))
            new_state = dict(write.state)
            new_state["version"] = version + 1
            new_state["attempt"] = None  # started lazily by the first action, numbered then
            write.new_state, write.new_version = new_state, version + 1
            write.row_fields = {"position": ""}
        return self._answer_payload(new_state, write)

    def _answer_payload(self, new_state: dict[str, Any], write) -> dict[str, Any]:
        """The payload a write answers with, from the row it read or holding the score."""
        if write.row_read:
            return self.learner_payload(new_state, write.row, row_loaded=True)
        return self.learner_payload(new_state, score_held=True)

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
        record = api.rows.add_attempt(row, number, score, answer, attempt_state=attempt,
                                       content_hash=taken_on)
        api.rows.keep_revision(self.usage_id_str, taken_on, stored)
        new_state["taken_on"] = taken_on
        self._record_facts(row, record, attempt)  # cohort analytics
        api.rows.apply_summary(row, self.policy)
        row.attempts = self.attempts
        api.rows.save_with_points(row, self.gradebook_points(row))
        new_state["history"].append({"fraction": round(score.fraction, 6), "pending": score.pending})
        self._finished_score = score
        self._finished_row = row

    def _after_finish(self, new_state: dict[str, Any]) -> None:
        # after the commit: the learner's own grade event (grading.py), from the row just written
        self.publish_grade(self._finished_row)
        score = self._finished_score
        if len(new_state["history"]) == 1:
            self.emit_completion(1.0)
        self.emit_event("attempt_finished", {
            "attempt": new_state["number"],
            "raw_earned": round(score.earned, 4) if score else None,
            "raw_possible": round(score.possible, 4) if score else None,
            "pending": bool(score and score.pending),
        })

    # --- the LMS's "delete learner state" ------------------------------------------------
    def clear_student_state(self, user_id, course_id, item_id, requesting_user_id):
        """The LMS deletes the learner's student module (and with it the score a grade
        event set) and recomputes the grade (lms/djangoapps/instructor/enrollment.py
        ``reset_student_attempts`` calls this with the learner's anonymous id and the usage
        key as text). Here: a score kept in edx-submissions by an older version is reset
        with the signal that makes the LMS recompute, and the review app forgets the
        learner (their analytics facts, row, attempts and grades)."""
        from submissions import api as submissions_api

        submissions_api.reset_score(user_id, course_id, item_id, clear_state=True, emit_signal=True)
        api.rows.delete_learner(item_id, user_id)

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
