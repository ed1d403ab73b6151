"""Staff-side reading of a finished service-desk attempt from its stored answer record.

Pure Python. The record (``engine.answer_record``) keeps each submitted form with the
points it earned; staff see, per request, what the learner decided (requirements met or
not with their reasons, decision, route, due date, note), and per filed record the code,
access class, retention and disposition chosen; the points recorded, and the explanation of
every item as the learner saw it, with the expected value.

Steps have the same shape as the case study's (see ``case_study/records.py``).
"""
from __future__ import annotations

from typing import Any

from ..core.engine_api import Gettext, ReportRow, Reveal, identity
from ..core.formatting import format_date, format_number
from ..core.i18n import N_
from . import engine, grader
from .desk import KIND_RECORD, Desk, build
from .model import Content, parse_iso


def attempt_from_record(content: Content, record: dict[str, Any]) -> dict[str, Any]:
    """The engine's attempt rebuilt from the record (for ``CORE.report_rows``)."""
    order = [rid for rid in record.get("order") or [] if isinstance(rid, str)]
    submitted = {}
    for kind in ("requests", "records"):
        entries = record.get(kind)
        if not isinstance(entries, dict):
            entries = {}
        for rid, entry in entries.items():
            if isinstance(entry, dict):
                submitted[rid] = {"form": entry.get("form") or {},
                                  "result": {"earned": entry.get("earned", 0),
                                             "possible": entry.get("possible", 0), "items": []}}
                if kind == "records":
                    submitted[rid]["kind"] = "record"
    return {"seed": 0, "order": order, "drafts": {}, "submitted": submitted, "finished": True}


def _date(text: Any, locale: str) -> str:
    day = parse_iso(text) if isinstance(text, str) else None
    return format_date(day, locale) if day else (str(text) if text else "—")


def _mark(earned: Any, possible: Any) -> str | None:
    if isinstance(earned, (int, float)) and isinstance(possible, (int, float)) and possible > 0:
        return "correct" if earned >= possible else ("partial" if earned > 0 else "incorrect")
    return None


def _explained(result: dict[str, Any] | None, gettext: Gettext) -> list[str]:
    """Every item as staff read it: mark, label, the explanation, the expected value."""
    notes = []
    for item in (result or {}).get("items", []):
        mark = "✓" if item.get("ok") else "✗"
        line = f"{mark} {item.get('label')}: {item.get('message') or ''}".rstrip()
        if not item.get("ok") and item.get("expected_label"):
            line += " " + gettext(N_("(expected: {expected})")).format(
                expected=item["expected_label"])
        notes.append(line)
    return notes


def _record_step(desk: Desk, rid: str, entry: Any, gettext: Gettext,
                 locale: str) -> dict[str, Any]:
    """A filed record in the drill-down: its answers, points and every explanation."""
    question = engine.task_question(desk, rid)
    if not isinstance(entry, dict):
        return {"item_id": rid, "kind": "record", "stage": "", "question": question,
                "answer": gettext(N_("Not submitted")), "points": "—", "mark": None,
                "feedback_html": "", "notes": []}
    form = entry.get("form")
    if not isinstance(form, dict):
        form = {}
    notes: list[str] = []
    if form.get("note"):
        notes.append(gettext(N_("Note: {note}")).format(note=form["note"]))
    graded = desk.grade(rid, form) if desk.kind(rid) else None
    if graded is not None:
        notes += _explained(grader.render_result(graded, Reveal(correctness=True, answers=True),
                                                 gettext, locale), gettext)
    earned, possible = entry.get("earned", 0), entry.get("possible", 0)
    return {"item_id": rid, "kind": "record", "stage": "", "question": question,
            "answer": engine.record_answer_text(desk, form, gettext),
            "points": f"{format_number(float(earned or 0), locale)} / {format_number(float(possible or 0), locale)}",
            "mark": _mark(earned, possible),
            "feedback_html": desk.records[rid].explain_html if rid in desk.records else "",
            "notes": notes}


def record_rows(content: Content, record: dict[str, Any], grades: dict[str, Any] | None = None,
                gettext: Gettext = identity, locale: str = "en") -> list[dict[str, Any]]:
    requests = record.get("requests")
    if not isinstance(requests, dict):
        requests = {}
    records = record.get("records")
    if not isinstance(records, dict):
        records = {}
    desk = build(content)
    steps: list[dict[str, Any]] = []
    for rid in record.get("order") or []:
        if isinstance(rid, str) and (rid in records or desk.kind(rid) == KIND_RECORD):
            steps.append(_record_step(desk, rid, records.get(rid), gettext, locale))
            continue
        request = content.request(rid) if isinstance(rid, str) else None
        service = content.service(request.service) if request else None
        question = "{} — {}".format(request.applicant if request else rid,
                                    (service.name if service else request.service) if request else "")
        entry = requests.get(rid) if isinstance(rid, str) else None
        if not isinstance(entry, dict):
            steps.append({"item_id": rid, "kind": "request", "stage": "", "question": question,
                          "answer": gettext(N_("Not submitted")), "points": "—", "mark": None,
                          "feedback_html": "", "notes": []})
            continue
        form = entry.get("form")
        if not isinstance(form, dict):
            form = {}
        decision = form.get("decision")
        unit = content.unit(form.get("route", "")) if isinstance(form.get("route"), str) else None
        answer = gettext(N_("Decision: {decision}; Route: {route}; Due: {due}")).format(
            decision=gettext(grader.DECISION_LABELS[decision]) if decision in grader.DECISION_LABELS
            else "—",
            route=(unit.name or unit.id) if unit else (form.get("route") or "—"),
            due=_date(form.get("due"), locale))
        notes: list[str] = []
        for req_id, judged in (form.get("requirements") or {}).items():
            if not isinstance(judged, dict):
                continue
            requirement = service.requirement(req_id) if service else None
            label = (requirement.label or requirement.id) if requirement else req_id
            template = N_("{requirement}: met") if judged.get("met") else N_("{requirement}: not met")
            line = gettext(template).format(requirement=label)
            if judged.get("reason"):
                line += " — “{}”".format(judged["reason"])
            notes.append(line)
        if form.get("note"):
            notes.append(gettext(N_("Note: {note}")).format(note=form["note"]))
        if request is not None:
            notes += _explained(grader.render_result(grader.grade(content, request, form),
                                                     Reveal(correctness=True, answers=True),
                                                     gettext, locale), gettext)
        earned, possible = entry.get("earned", 0), entry.get("possible", 0)
        mark = _mark(earned, possible)
        steps.append({
            "item_id": rid, "kind": "request", "stage": "", "question": question, "answer": answer,
            "points": f"{format_number(float(earned or 0), locale)} / {format_number(float(possible or 0), locale)}",
            "mark": mark, "feedback_html": "", "notes": notes,
        })
    return steps


def report_rows(content: Content, record: dict[str, Any], grades: dict[str, Any] | None = None,
                gettext: Gettext = identity, locale: str = "en") -> list[ReportRow]:
    return [ReportRow(question=s["question"], answer=s["answer"], points=s["points"])
            for s in record_rows(content, record, grades, gettext, locale)]
