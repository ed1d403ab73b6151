"""The Integrity Case Study XBlock: the shared shell over the case-study core."""
from typing import Any

from xblock.fields import Scope, String

from ..core.formatting import format_percent
from ..core.i18n import N_
from ..review import api
from ..shell.base import AsnBlock
from ..shell.sharing import SharingMixin
from .core import CORE
from .model import MULTIPLE, SINGLE

MSG_COHORT_CHOSE = N_("{percent} of your cohort chose this")
MSG_COURSE_CHOSE = N_("{percent} of learners in this course chose this")


class CaseStudyBlock(SharingMixin, AsnBlock):
    """A staged integrity case: decide, reflect in writing, get feedback and a debrief."""

    core = CORE
    js_class = "AsnCaseStudy"
    js_file = "static/js/case_study.js"
    css_file = "static/css/case_study.css"
    DISPLAY_NAME = N_("Integrity Case Study")
    DEFAULT_MAX_ATTEMPTS = 1
    display_name = String(display_name=N_("Display name"), scope=Scope.settings,
                          default="Integrity Case Study")
    EMPTY_OLX = ('<asn_case_study><stage id="s1" title="Stage 1"><narrative><p>…</p></narrative>'
                 '<question id="q1" kind="single" points="1"><prompt><p>…</p></prompt>'
                 '<option id="a" score="1"><text>A</text></option>'
                 '<option id="b" score="0"><text>B</text></option></question></stage>'
                 '</asn_case_study>')

    def add_learner_extras(self, payload: dict[str, Any], state: dict[str, Any],
                           attempt: dict[str, Any], row) -> None:
        """How the cohort chose (``show_cohort``) and shared reflection answers, on the
        submitted stages only."""
        view = payload.get("view")
        if not isinstance(view, dict):
            return
        self.add_cohort_shares(view)
        self.add_sharing(view, row)

    def answer_reads_review_row(self) -> bool:
        """Shared answers show beside each submitted stage, mid-attempt, in the scope and
        with the grading state their review row holds (the shares read its cohort within
        their own statement)."""
        return any(r.shareable for r in self.content_model.reflections())

    def add_cohort_shares(self, view: dict[str, Any]) -> None:
        """Per option of each submitted choice question: the whole percent of the learner's
        cohort (the course's learners of this block when they have none) who chose it, from
        the analytics' totals with the learner's own answers taken out and the cohort read
        from their review row, in one SQL statement (the row need not have been read), only
        when at least ``cohort_min`` other learners answered the question."""
        content = self.content_model
        if not content.show_cohort:
            return
        questions = [item for stage in view.get("stages") or [] if stage.get("status") == "submitted"
                     for item in stage.get("items") or []
                     if item.get("type") == "question" and item.get("kind") in (SINGLE, MULTIPLE)]
        if not questions:
            return
        shares, in_cohort = api.cohort.own_cohort_shares(
            self.usage_id_str, self.learner_id, [q["id"] for q in questions],
            content.cohort_min_value)
        template = self.gettext(MSG_COHORT_CHOSE if in_cohort else MSG_COURSE_CHOSE)
        for question in questions:
            percents = shares.get(question["id"])
            if percents is None:
                continue
            for option in question.get("options") or []:
                percent = percents.get(option["id"], 0)
                option["cohort"] = {"percent": percent, "text": template.format(
                    percent=format_percent(percent / 100, self.language, 0))}
