"""``CORE``: the case study's implementation of :class:`~asn_xblocks.core.engine_api.BlockCore`.

A thin facade: the shell talks to this object only, the work lives in ``model`` (content
and OLX), ``validation`` (problems for authors) and ``engine`` (the learner's attempt).
"""
from __future__ import annotations

from typing import Any

from lxml import etree

from ..core.engine_api import (
    ActionOutcome,
    AnalyticsFacts,
    CoreDefaults,
    Editor,
    Gettext,
    ReportRow,
    Reveal,
    StaffGraded,
    StaffRecords,
    identity,
)
from ..core.i18n import N_
from ..core.problems import Problem
from ..core.scoring import AttemptScore
from . import editor_schema, engine, facts, model, records, validation
from .model import GRADING_STAFF, Content


class CaseStudyCore(CoreDefaults):
    tag = model.TAG
    has_staff_grading = True
    summary_labels = {"stages": N_("Stages"), "questions": N_("Questions"),
                      "reflections": N_("Reflections"), "max_points": N_("Raw maximum points")}
    facts = AnalyticsFacts(
        groups=facts.GROUPS, scored_kinds=facts.SCORED_KINDS, facts=facts.facts,
        position=facts.position, position_label=facts.position_label,
        item_label=facts.item_label, sections=facts.sections, extra=facts.EXTRA, top=facts.TOP)
    records = StaffRecords(
        attempt_from_record=records.attempt_from_record, record_rows=records.record_rows,
        report_rows=records.report_rows, competency_tally=records.competency_tally)
    editor = Editor(schema=editor_schema.SCHEMA, preview=editor_schema.PREVIEW,
                    preview_content=editor_schema.preview_content)

    # --- content ----------------------------------------------------------------------
    def parse(self, root: etree._Element) -> Content:
        return model.parse(root)

    def export(self, content: Content) -> etree._Element:
        return model.export(content)

    def to_dict(self, content: Content) -> dict[str, Any]:
        return content.to_dict()

    def from_dict(self, data: dict[str, Any]) -> Content:
        return Content.from_dict(data)

    def validate(self, content: Content) -> list[Problem]:
        return validation.validate(content)

    def validate_settings(self, content: Content, max_attempts: int | None,
                          weight: float | None) -> list[Problem]:
        """Staff grading with several attempts (the shell warns of the weight itself)."""
        return validation.settings_problems(content, max_attempts, weight)

    def raw_maximum(self, content: Content) -> float:
        return engine.raw_maximum(content)

    def intro_html(self, content: Content) -> str:
        return content.intro_html

    def summary(self, content: Content) -> dict[str, Any]:
        return engine.summary(content)

    def declared_competencies(self, content: Content) -> dict[str, str]:
        return content.declared

    def staff_graded(self, content: Content) -> list[StaffGraded]:
        if content.reflection_grading != GRADING_STAFF:
            return []
        return list(content.reflections())

    # --- learner ----------------------------------------------------------------------
    def new_attempt(self, content: Content, seed: int) -> dict[str, Any]:
        return engine.new_attempt(content, seed)

    def apply_action(self, content: Content, attempt: dict[str, Any],
                     action: dict[str, Any]) -> ActionOutcome:
        return engine.apply_action(content, attempt, action)

    def save_draft(self, content: Content, attempt: dict[str, Any],
                   draft: dict[str, Any]) -> dict[str, Any]:
        return engine.save_draft(content, attempt, draft)

    def drift(self, content: Content, attempt: dict[str, Any]) -> bool:
        return engine.drift(content, attempt)

    def fits(self, content: Content, attempt: dict[str, Any]) -> bool:
        return engine.fits(content, attempt)

    def score(self, content: Content, attempt: dict[str, Any],
              grades: dict[str, Any] | None = None) -> AttemptScore:
        return engine.score(content, attempt, grades)

    def learner_view(self, content: Content, attempt: dict[str, Any], reveal: Reveal,
                     grades: dict[str, Any] | None = None, gettext: Gettext = identity,
                     locale: str = "en") -> dict[str, Any]:
        return engine.learner_view(content, attempt, reveal, grades, gettext, locale)

    def answer_record(self, content: Content, attempt: dict[str, Any]) -> dict[str, Any]:
        return engine.answer_record(content, attempt)

    def report_rows(self, content: Content, attempt: dict[str, Any],
                    grades: dict[str, Any] | None = None,
                    gettext: Gettext = identity) -> list[ReportRow]:
        return engine.report_rows(content, attempt, grades, gettext)

    def staff_items(self, content: Content, attempt: dict[str, Any]) -> list[dict[str, Any]]:
        return engine.staff_items(content, attempt)


CORE = CaseStudyCore()
