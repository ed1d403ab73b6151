"""``CORE``: the change-management simulation seen through the shell's BlockCore protocol.

The shell (fields, attempts, versions, grading, events) calls these methods; everything
block-specific lives in ``model`` (content), ``scenario`` (the model of transitions),
``engine`` (attempt steps, scoring), ``analysis`` (the stored result of the bounded
``state_search``, ``longest_path`` and ``structural_graph``), ``validation``, ``debrief``,
``facts`` (analytics), ``records`` (staff) and ``editor_schema`` (Studio).
"""
from __future__ import annotations

from typing import Any

from lxml import etree

from ..core import competencies as catalogue
from ..core.actions import bad_request
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
from ..core.formatting import format_number, format_percent
from ..core.i18n import N_
from ..core.problems import Problem
from ..core.scoring import AttemptScore, round_half_up
from ..core.text import html_to_text
from . import analysis, debrief, editor_schema, engine, facts, model, records, validation
from .model import Content
from .scenario import Scenario


def _path_of(attempt: Any) -> list[dict[str, Any]]:
    """The steps a stored attempt recorded; anything else in its place reads as none (a
    state written by hand or by an older version must not crash a view or a report)."""
    path = attempt.get("path") if isinstance(attempt, dict) else None
    return [entry for entry in path if isinstance(entry, dict)] if isinstance(path, list) else []


def _ending_of(scn: Scenario, attempt: dict[str, Any]):
    """The ending a stored attempt reached, or None (no ending, or not one of the content's)."""
    value = attempt.get("ending")
    return scn.endings.get(value) if isinstance(value, str) else None


MSG_NO_DRAFTS = N_("The simulation has no drafts: each choice is saved when you make it.")


class SimulationCore(CoreDefaults):
    tag = model.TAG
    summary_labels = {"nodes": N_("Nodes"), "endings": N_("Endings"), "metrics": N_("Metrics"),
                      "max_points": N_("Raw maximum points")}
    facts = AnalyticsFacts(
        groups=facts.GROUPS, scored_kinds=facts.SCORED_KINDS, facts=facts.facts,
        position=facts.position, position_label=facts.position_label,
        item_label=facts.item_label, sections=facts.sections, extra=facts.EXTRA, top=facts.TOP)
    records = StaffRecords(attempt_from_record=records.attempt_from_record,
                           record_rows=records.record_rows, report_rows=records.report_rows)
    editor = Editor(schema=editor_schema.SCHEMA, preview=editor_schema.PREVIEW,
                    tools=tuple(editor_schema.TOOLS), insights=editor_schema.insights,
                    preview_attempt=editor_schema.preview_attempt,
                    check_field=editor_schema.check_field, run_tool=editor_schema.run_tool)

    # --- content --------------------------------------------------------------------------
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

    # --- the stored analysis (shell/content.py stores it with the content) --------------
    def stored_analysis(self, content: Content) -> dict[str, Any]:
        """The bounded analysis's JSON, stored with the content on save and import: the
        result validation attached to this model, or a new analysis."""
        return analysis.for_storage(content)

    def attach_stored_analysis(self, content: Content, data: Any) -> None:
        """Give a model read from storage the analysis stored with it (or "not analysed")."""
        analysis.attach_stored(content, data)

    def stored_analysis_key(self, data: Any) -> Any:
        return analysis.stored_key(data)

    def raw_maximum(self, content: Content) -> float:
        return engine.RAW_MAXIMUM

    def intro_html(self, content: Content) -> str:
        return content.intro_html

    def summary(self, content: Content) -> dict[str, Any]:
        used: dict[str, None] = {}
        for node in content.nodes:
            for choice in node.choices:
                if choice.competency:
                    used.setdefault(choice.competency)
        return {"nodes": len(content.nodes), "endings": len(content.endings),
                "metrics": len(content.metrics), "max_points": int(engine.RAW_MAXIMUM),
                "competencies": list(used)}

    def declared_competencies(self, content: Content) -> dict[str, str]:
        return content.declared_competencies()

    # --- learner --------------------------------------------------------------------------
    def new_attempt(self, content: Content, seed: int) -> dict[str, Any]:
        return engine.new_attempt(content, seed)

    def apply_action(self, content: Content, attempt: dict[str, Any],
                     action: dict[str, Any]) -> ActionOutcome:
        new, events = engine.step(content, attempt, action)
        return ActionOutcome(new, finished=bool(new.get("finished")), events=events)

    def save_draft(self, content: Content, attempt: dict[str, Any],
                   draft: dict[str, Any]) -> dict[str, Any]:
        raise bad_request(MSG_NO_DRAFTS)

    def drift(self, content: Content, attempt: dict[str, Any]) -> bool:
        return engine.drift(content, attempt)

    def fits(self, content: Content, attempt: dict[str, Any]) -> bool:
        return engine.fits(content, attempt)

    def replay(self, content: Content, choice_ids: list[str], seed: int = 0) -> list[dict[str, Any]]:
        """Staff drill-down and drift recovery: the states after each recorded choice."""
        return engine.replay(content, choice_ids, seed)

    def score(self, content: Content, attempt: dict[str, Any],
              grades: dict[str, Any] | None = None) -> AttemptScore:
        return engine.compute_score(content, attempt)

    def learner_view(self, content: Content, attempt: dict[str, Any], reveal: Reveal,
                     grades: dict[str, Any] | None = None, gettext: Gettext = identity,
                     locale: str = "en") -> dict[str, Any]:
        """What the browser renders now, and nothing more. Shape::

            {"intro_html", "lang", "framework", "finished", "step_count", "error",
             "metrics": [{id, label, value, min, max, display}],   # visible only
             "node": {id, title, content_html, step, step_label,
                      choices: [{id, text_html}]} | None,            # available only
             "last": {choice_text_html, feedback_html, changes: [...]} | None,
             # finished only:
             "ending": {id, title, body_html, outcome[, score_percent]},
             "debrief": {timeline, chart_svg, table},
             "competencies": [{id, label, earned, possible, percent}],  # reveal.correctness
             "best_path": [{node, choice, node_title, choice_text_html}]} # reveal.answers
        """
        scn = Scenario(content)
        attempt = attempt if isinstance(attempt, dict) else {}
        metrics_state = attempt.get("metrics") if isinstance(attempt.get("metrics"), dict) else {}
        path = _path_of(attempt)
        values = scn.to_values(metrics_state)
        view: dict[str, Any] = {
            "intro_html": content.intro_html,
            "lang": content.lang or None,
            "framework": content.framework or None,
            "finished": bool(attempt.get("finished")),
            "step_count": len(path),
            "error": None,
            "metrics": [{
                "id": m.id, "label": m.label or m.id,
                "value": debrief.number(values[scn.metric_index[m.id]]),
                "min": debrief.number(m.min), "max": debrief.number(m.max),
                "display": format_number(values[scn.metric_index[m.id]], locale),
            } for m in debrief.visible_metrics(scn)],
            "node": None,
            "last": None,
        }
        if path:
            last = path[-1]
            found = scn.choice_of(last.get("choice"))
            view["last"] = {
                "choice_text_html": found[1].text_html if found else "",
                "feedback_html": found[1].feedback_html if found else "",
                "changes": debrief.changes(scn, last.get("before"), last.get("after"), locale),
            }
        if attempt.get("error") == "start":
            view["error"] = gettext(engine.MSG_CANNOT_START)
            return view
        if not view["finished"]:
            node = scn.node_of(attempt.get("position"))
            if node is None:
                view["error"] = gettext(engine.MSG_DRIFT)
                return view
            view["node"] = {
                "id": node.id, "title": node.title, "content_html": node.content_html,
                "step": node.step or None,
                "step_label": model.step_label(content.framework, node.step, gettext) or None,
                "choices": [{"id": c.id, "text_html": c.text_html}
                            for c in scn.available(node, values)],
            }
            return view
        self._finished_view(view, content, scn, attempt, path, reveal, gettext, locale)
        return view

    def _finished_view(self, view: dict[str, Any], content: Content, scn: Scenario,
                       attempt: dict[str, Any], path: list[dict[str, Any]], reveal: Reveal,
                       gettext: Gettext, locale: str) -> None:
        ending = _ending_of(scn, attempt)
        score = engine.compute_score(content, attempt, scn)
        view["ending"] = {
            "id": ending.id if ending else None,
            "title": ending.title if ending else "",
            "body_html": ending.body_html if ending else "",
            "outcome": (ending.outcome or None) if ending else None,
        }
        if reveal.correctness:
            view["ending"]["score_percent"] = round_half_up(score.fraction * 100)
            view["ending"]["score_text"] = format_percent(
                view["ending"]["score_percent"] / 100, locale)
        seed = attempt.get("seed")
        if not isinstance(seed, int):
            seed = 0
        view["debrief"] = debrief.build(scn, path, f"asn-sim-{seed % 10**9}-{len(path)}",
                                        gettext, locale)
        declared = content.declared_competencies()
        if reveal.correctness:
            # the competency table every block shows (core.competencies: one rule, one format)
            view["competencies"] = catalogue.result_rows(score.competencies, declared, gettext,
                                                         locale)
        if reveal.answers:
            # The stored analysis's best path (never searched here); none when the content
            # is not analysed. The stored path keeps its first analysis.MAX_BEST_STEPS steps.
            found = analysis.result_for(content)
            steps = found.best.steps if found is not None else []
            view["best_path"] = [{
                "node": node_id, "choice": choice_id,  # ids: the debrief matches the learner's
                "node_title": scn.nodes[node_id].title if node_id in scn.nodes else "",
                "choice_text_html": scn.choices[choice_id][1].text_html
                if choice_id in scn.choices else "",
            } for node_id, choice_id in steps]

    # --- records and reports --------------------------------------------------------------
    def answer_record(self, content: Content, attempt: dict[str, Any]) -> dict[str, Any]:
        return {"path": engine.path_choice_ids(attempt), "ending": attempt.get("ending"),
                "metrics": dict(attempt.get("metrics") or {})}

    def report_rows(self, content: Content, attempt: dict[str, Any],
                    grades: dict[str, Any] | None = None,
                    gettext: Gettext = identity) -> list[ReportRow]:
        scn = Scenario(content)
        rows = []
        for entry in _path_of(attempt):
            node = scn.node_of(entry.get("node"))
            found = scn.choice_of(entry.get("choice"))
            rows.append(ReportRow(
                question=(node.title or node.id) if node else str(entry.get("node", "")),
                answer=html_to_text(found[1].text_html) if found else str(entry.get("choice", "")),
                points=""))
        if attempt.get("finished"):
            ending = _ending_of(scn, attempt)
            score = engine.compute_score(content, attempt, scn)
            rows.append(ReportRow(
                question=gettext(N_("Ending")),
                answer=(ending.title or ending.id) if ending else "",
                points=f"{format_number(score.earned, 'en')} / {format_number(score.possible, 'en')}"))
        return rows


CORE = SimulationCore()
