"""``CORE``: the Digital Public-Service Exercise as the shell sees it (core/engine_api.py).

A thin façade: each method hands over to the module that owns the concern (model, validation,
engine). No XBlock or Django here.
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
    StaffRecords,
    identity,
)
from ..core.i18n import N_
from ..core.problems import Problem
from ..core.scoring import AttemptScore
from . import editor_schema, engine, facts, model, records, validation, views
from .model import Content


class DigitalServiceCore(CoreDefaults):
    """Implements every method of :class:`asn_xblocks.core.engine_api.BlockCore`."""

    tag = model.TAG
    summary_labels = {"requests": N_("Requests"), "services": N_("Services"),
                      "urgent": N_("Urgent tasks"), "records": N_("Records"),
                      "codes": N_("Classification codes"), "max_points": N_("Raw maximum points")}
    facts = AnalyticsFacts(
        groups=facts.GROUPS, scored_kinds=facts.SCORED_KINDS, facts=facts.facts,
        position=facts.position, position_label=facts.position_label,
        item_label=facts.item_label, sections=facts.sections, extra=facts.EXTRA, top=facts.TOP)
    records = StaffRecords(attempt_from_record=records.attempt_from_record,
                           record_rows=records.record_rows, report_rows=records.report_rows)
    editor = Editor(schema=editor_schema.SCHEMA, preview=editor_schema.PREVIEW,
                    insights=editor_schema.insights)

    # --- content -----------------------------------------------------------------------
    def parse(self, root: etree._Element) -> Content:
        return model.parse(root)

    def export(self, content: Content) -> etree._Element:
        return model.export(content)

    def to_dict(self, content: Content) -> dict[str, Any]:
        return model.to_dict(content)

    def from_dict(self, data: dict[str, Any]) -> Content:
        return model.from_dict(data)

    def validate(self, content: Content) -> list[Problem]:
        return validation.validate(content)

    def raw_maximum(self, content: Content) -> float:
        return engine.raw_maximum(content)

    def intro_html(self, content: Content) -> str:
        return content.intro_html

    def declared_competencies(self, content: Content) -> dict[str, str]:
        return content.declared

    def summary(self, content: Content) -> dict[str, Any]:
        return engine.summary(content)

    # --- learner -----------------------------------------------------------------------
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
        return engine.score(content, attempt)

    def learner_view(self, content: Content, attempt: dict[str, Any], reveal: Reveal,
                     grades: dict[str, Any] | None = None, gettext: Gettext = identity,
                     locale: str = "en") -> dict[str, Any]:
        return engine.learner_view(content, attempt, reveal, gettext, locale)

    def trim_view(self, view: dict[str, Any]) -> dict[str, Any]:
        return views.trim_view(view)

    def answer_record(self, content: Content, attempt: dict[str, Any]) -> dict[str, Any]:
        return engine.answer_record(content, attempt)

    def report_rows(self, content: Content, attempt: dict[str, Any],
                    grades: dict[str, Any] | None = None,
                    gettext: Gettext = identity) -> list[ReportRow]:
        return engine.report_rows(content, attempt, gettext)


CORE = DigitalServiceCore()
