"""Staff-side reading of a finished simulation attempt from its stored answer record.

Pure Python. The record keeps only the choice ids of the path (``CORE.answer_record``); the
path with its metric values is *replayed* here on the current content, deterministically.
Staff see every metric, hidden ones included. If the author changed the scenario since, the
replay stops where the recorded path no longer fits and the rest is listed by id.

Steps have the same shape as the case study's (see ``case_study/records.py``).
"""
from __future__ import annotations

from typing import Any

from ..core.actions import ActionError
from ..core.engine_api import Gettext, ReportRow, identity
from ..core.formatting import format_number
from ..core.i18n import N_
from ..core.text import html_to_text
from . import engine, model
from .model import SCORING_PATH, Content
from .scenario import Scenario


def _choice_ids(record: dict[str, Any]) -> list[str]:
    path = record.get("path") if isinstance(record, dict) else None
    return [c for c in path if isinstance(c, str)] if isinstance(path, list) else []


def replayed_path(content: Content, record: dict[str, Any]) -> tuple[list[dict[str, Any]], bool]:
    """(path entries {node, choice, before, after, to}, complete) replayed from the record."""
    scn = Scenario(content)
    attempt = engine.new_attempt(content, 0, scn)
    entries: list[dict[str, Any]] = []
    choices = _choice_ids(record)
    for choice_id in choices:
        try:
            attempt, _events = engine.step(content, attempt, {"type": "choose", "choice": choice_id},
                                           scn)
        except ActionError:
            return entries, False
        entries.append(attempt["path"][-1])
    return entries, True


def attempt_from_record(content: Content, record: dict[str, Any]) -> dict[str, Any]:
    """The engine's attempt rebuilt by replay (for ``CORE.report_rows``); when the replay
    cannot finish, the recorded ending and metrics are kept."""
    entries, complete = replayed_path(content, record)
    attempt: dict[str, Any] = {"seed": 0, "position": None, "metrics": dict(record.get("metrics") or {}),
                               "path": entries, "finished": True, "ending": record.get("ending"),
                               "error": None, "result": None}
    if complete and entries:
        attempt["metrics"] = dict(entries[-1].get("after") or attempt["metrics"])
    return attempt


def _changes(scn: Scenario, before: dict[str, Any], after: dict[str, Any],
             gettext: Gettext, locale: str) -> list[str]:
    lines = []
    for metric in scn.content.metrics:
        old, new = before.get(metric.id), after.get(metric.id)
        if not isinstance(old, (int, float)) or not isinstance(new, (int, float)) or old == new:
            continue
        delta = new - old
        template = N_("{metric}: {before} → {after} ({delta})") if metric.visible else \
            N_("{metric} (hidden): {before} → {after} ({delta})")
        lines.append(gettext(template).format(
            metric=metric.label or metric.id, before=format_number(old, locale),
            after=format_number(new, locale),
            delta=("+" if delta > 0 else "−") + format_number(abs(delta), locale)))
    return lines


def record_rows(content: Content, record: dict[str, Any], grades: dict[str, Any] | None = None,
                gettext: Gettext = identity, locale: str = "en") -> list[dict[str, Any]]:
    """Readable steps: each decision (node → choice, feedback, metric changes), then the
    ending reached."""
    scn = Scenario(content)
    entries, complete = replayed_path(content, record)
    steps: list[dict[str, Any]] = []
    choices = _choice_ids(record)
    for index, choice_id in enumerate(choices):
        entry = entries[index] if index < len(entries) else None
        found = scn.choices.get(choice_id)
        node = scn.nodes.get(entry["node"]) if entry else (found[0] if found else None)
        choice = found[1] if found else None
        question = (node.title or node.id) if node else "?"
        label = model.step_label(content.framework, node.step, gettext) if node and node.step else ""
        step: dict[str, Any] = {
            "item_id": choice_id, "kind": "choice", "stage": label or "",
            "question": question,
            "answer": (html_to_text(choice.text_html) or choice.id) if choice else choice_id,
            "points": "", "mark": None,
            "feedback_html": choice.feedback_html if choice else "", "notes": [],
        }
        if choice is not None and content.scoring == SCORING_PATH and choice.points:
            step["points"] = format_number(choice.points, locale)
        if choice is not None and choice.competency:
            step["notes"].append(gettext(N_("Competency: {competency}")).format(
                competency=choice.competency))
        if entry:
            step["notes"].extend(_changes(scn, entry.get("before") or {}, entry.get("after") or {},
                                          gettext, locale))
        steps.append(step)
    if not complete:
        steps.append({"item_id": "", "kind": "notice", "stage": "", "question": "",
                      "answer": gettext(N_("The scenario was changed after this attempt; the "
                                           "path could not be replayed in full.")),
                      "points": "", "mark": None, "feedback_html": "", "notes": []})
    ending_id = record.get("ending")
    if ending_id:
        ending = scn.endings.get(ending_id)
        notes = []
        if ending is not None and ending.outcome:
            notes.append(gettext(N_("Outcome: {outcome}")).format(outcome=ending.outcome))
        steps.append({"item_id": ending_id, "kind": "ending", "stage": "",
                      "question": gettext(N_("Ending")),
                      "answer": (ending.title or ending.id) if ending else ending_id,
                      "points": "", "mark": None, "feedback_html": "", "notes": notes})
    return steps


def report_rows(content: Content, record: dict[str, Any], grades: dict[str, Any] | None = None,
                gettext: Gettext = identity, locale: str = "en") -> list[ReportRow]:
    return [ReportRow(question=s["question"], answer=s["answer"], points=s["points"])
            for s in record_rows(content, record, grades, gettext, locale) if s["kind"] != "notice"]
