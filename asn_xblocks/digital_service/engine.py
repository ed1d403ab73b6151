"""The learner's attempt at a service desk: queue, drafts, submissions, views and reports.

Attempt (JSON, owned by this engine; the shell only reads ``finished``)::

    {"seed": int,
     "order": [request id, ...],              # shuffled per learner when shuffle="true"
     "drafts": {request id: partial form},
     "submitted": {request id: {"form": form, "result": graded result}},
     "finished": bool}                         # True once every request is submitted

Form (browser JSON)::

    {"requirements": {requirement id: {"met": true|false, "reason": "≤ 500 chars"}},
     "decision": "approve" | "request_completion" | "reject",
     "route": unit id, "due": "YYYY-MM-DD", "note": "optional, ≤ 2000 chars"}

A submitted request is regraded from its stored form against the current content whenever
the request still exists (so a rescore picks up an author's fix); a request the author has
since removed keeps the result recorded when it was submitted.
"""
from __future__ import annotations

import copy
import datetime as _dt
from typing import Any

from ..core import competencies as catalogue
from ..core.actions import bad_request, conflict
from ..core.engine_api import ActionOutcome, Gettext, ReportRow, Reveal, identity
from ..core.formatting import _is_id, format_date, format_rupiah
from ..core.i18n import N_
from ..core.scoring import AttemptScore, CompetencyTally
from ..core.shuffle import seeded_order
from . import grader, rules
from .model import (DECISIONS, FEEDBACK_IMMEDIATE, PRIORITY_URGENT, Content, Request, parse_iso,
                    parse_typed_date)
from .validation import MAX_YEAR, MIN_YEAR

SUBMIT_REQUEST = "submit_request"
MAX_REASON_CHARS = 500
MAX_NOTE_CHARS = 2000
FORM_KEYS = ("requirements", "decision", "route", "due", "note")
STATUS_NEW = "new"
STATUS_DRAFT = "draft"
STATUS_SUBMITTED = "submitted"

PRIORITY_LABELS = {"normal": N_("Normal"), "urgent": N_("Urgent")}
_NO_DATE = _dt.date.min


# --- attempt -----------------------------------------------------------------------------

def new_attempt(content: Content, seed: int) -> dict[str, Any]:
    ids = [r.id for r in content.requests]
    order = seeded_order(ids, seed) if content.shuffle else ids
    return {"seed": seed, "order": order, "drafts": {}, "submitted": {}, "finished": False}


QUEUE_BY_RECEIVED = "received"  # date received, urgent first within a day, then as authored
QUEUE_SHUFFLED = "shuffled"


def queue_order(content: Content, attempt: dict[str, Any],
                index: dict[str, Request]) -> list[str]:
    """The order the learner's queue shows: a desk works its files by the date they were
    received, and within one day the urgent ones first (then in the author's order).

    A desk with ``shuffle="true"`` keeps the attempt's seeded order instead: shuffling
    exists so that learners do not all see the same sequence, and sorting would undo it.
    The attempt's stored ``order`` is never rewritten, so attempts started before this
    ordering are shown ordered too."""
    order = [rid for rid in attempt.get("order", []) if rid in index]
    if content.shuffle:
        return order
    position = {rid: n for n, rid in enumerate(order)}

    def key(rid: str) -> tuple:
        request = index[rid]
        received = request.submitted_date
        return (received is None, received or _NO_DATE,
                0 if request.priority == PRIORITY_URGENT else 1, position[rid])

    return sorted(order, key=key)


def date_input(locale: str, gettext: Gettext = identity) -> dict[str, str]:
    """How the learner types the due date in this UI language: day first (DD/MM/YYYY,
    written HH/BB/TTTT in Indonesian) for ``id``, ISO (YYYY-MM-DD) otherwise, whatever the
    browser's own locale. The server reads both (``model.parse_typed_date``)."""
    if _is_id(locale):
        return {"order": "dmy", "format": gettext(N_("DD/MM/YYYY")), "example": "19/03/2026"}
    return {"order": "ymd", "format": gettext(N_("YYYY-MM-DD")), "example": "2026-03-19"}


def _shown(value: Any, limit: int = 80) -> str:
    """An id from the browser echoed in a message: text only, never a wall of junk."""
    text = value if isinstance(value, str) else repr(type(value).__name__)
    return text if len(text) <= limit else text[:limit] + "…"


def _target(content: Content, attempt: dict[str, Any], request_id: Any) -> Request:
    if not isinstance(request_id, str):
        raise bad_request(N_("Name the request as a text id."))
    request = content.request(request_id)
    if request is None or request_id not in attempt.get("order", []):
        raise bad_request(N_("Unknown request \"{request}\"."), request=_shown(request_id))
    if request_id in attempt.get("submitted", {}):
        raise conflict(N_("The request \"{request}\" has already been submitted."),
                       request=request_id)
    return request


def clean_form(content: Content, request: Request, form: Any, partial: bool) -> dict[str, Any]:
    """The form with strict type checks; ``partial`` (drafts) allows any subset of keys and
    blank values. Raises ActionError(400) naming the first problem."""
    if not isinstance(form, dict):
        raise bad_request(N_("The form must be a JSON object."))
    for key in form:
        if key not in FORM_KEYS:
            raise bad_request(N_("Unknown form field \"{field}\"."), field=_shown(key))
    service = content.service(request.service)
    requirements = service.requirements if service else []
    cleaned: dict[str, Any] = {}

    judged = form.get("requirements")
    if judged is None and partial:
        judged = {}
    if not isinstance(judged, dict):
        raise bad_request(N_("\"requirements\" must map each requirement id to an object with "
                             "\"met\" true or false."))
    known = {req.id for req in requirements}
    for req_id in judged:
        if req_id not in known:
            raise bad_request(N_("Unknown requirement \"{requirement}\"."),
                              requirement=_shown(req_id))
    entries: dict[str, Any] = {}
    for req in requirements:
        entry = judged.get(req.id)
        if entry is None:
            if partial:
                continue
            raise bad_request(N_("Mark the requirement \"{requirement}\" as met or not met."),
                              requirement=req.label or req.id)
        if not isinstance(entry, dict) or any(k not in ("met", "reason") for k in entry):
            raise bad_request(N_("The requirement \"{requirement}\" must be given as an object "
                                 "with \"met\" and an optional \"reason\"."),
                              requirement=req.label or req.id)
        met = entry.get("met")
        if met is None and partial:
            pass
        elif not isinstance(met, bool):
            raise bad_request(N_("Mark the requirement \"{requirement}\" as met or not met."),
                              requirement=req.label or req.id)
        reason = entry.get("reason")
        if reason is None:
            reason = ""
        if not isinstance(reason, str) or len(reason) > MAX_REASON_CHARS:
            raise bad_request(N_("The reason for \"{requirement}\" must be text of at most {limit} "
                                 "characters."), requirement=req.label or req.id,
                              limit=MAX_REASON_CHARS)
        item: dict[str, Any] = {}
        if met is not None:
            item["met"] = met
        if reason:
            item["reason"] = reason
        entries[req.id] = item
    cleaned["requirements"] = entries

    decision = form.get("decision")
    if partial and decision in (None, ""):
        pass
    elif not isinstance(decision, str) or decision not in DECISIONS:
        raise bad_request(N_("Choose a decision: approve, return to be completed or reject."))
    else:
        cleaned["decision"] = decision

    route = form.get("route")
    if partial and route in (None, ""):
        pass
    elif not isinstance(route, str) or not route:
        raise bad_request(N_("Choose the unit to route the request to."))
    elif content.unit(route) is None:
        raise bad_request(N_("Unknown unit \"{unit}\"."), unit=_shown(route))
    else:
        cleaned["route"] = route

    due = form.get("due")
    if partial and due in (None, ""):
        pass
    elif not isinstance(due, str) or not due:
        raise bad_request(N_("Set the due date."))
    else:
        day = parse_typed_date(due)
        if day is None:
            raise bad_request(N_("The due date \"{value}\" cannot be read: write it as "
                                 "DD/MM/YYYY (for example 19/03/2026) or YYYY-MM-DD."),
                              value=_shown(due, 20))
        if not MIN_YEAR <= day.year <= MAX_YEAR:
            raise bad_request(N_("The due date must be between {min} and {max}."),
                              min=MIN_YEAR, max=MAX_YEAR)
        cleaned["due"] = day.isoformat()

    note = form.get("note")
    if note is not None:
        if not isinstance(note, str) or len(note) > MAX_NOTE_CHARS:
            raise bad_request(N_("The note must be text of at most {limit} characters."),
                              limit=MAX_NOTE_CHARS)
        if note:
            cleaned["note"] = note
    return cleaned


def apply_action(content: Content, attempt: dict[str, Any], action: Any) -> ActionOutcome:
    if not isinstance(action, dict):
        raise bad_request(N_("The action must be a JSON object."))
    if attempt.get("finished"):
        raise conflict(N_("This attempt is finished."))
    if action.get("type") != SUBMIT_REQUEST:
        raise bad_request(N_("Unknown action."))
    request = _target(content, attempt, action.get("request"))
    form = clean_form(content, request, action.get("form"), partial=False)
    result = grader.grade(content, request, form)

    new = copy.deepcopy(attempt)
    new.setdefault("submitted", {})[request.id] = {"form": form, "result": result}
    new.setdefault("drafts", {}).pop(request.id, None)
    finished = all(rid in new["submitted"] for rid in new.get("order", []))
    new["finished"] = finished
    events = [("request_submitted", {"request": request.id, "earned": result["earned"],
                                     "possible": result["possible"]})]
    return ActionOutcome(attempt=new, finished=finished, events=events)


def save_draft(content: Content, attempt: dict[str, Any], draft: Any) -> dict[str, Any]:
    if not isinstance(draft, dict):
        raise bad_request(N_("The draft must be a JSON object."))
    if attempt.get("finished"):
        raise conflict(N_("This attempt is finished."))
    request = _target(content, attempt, draft.get("request"))
    form = clean_form(content, request, draft.get("form"), partial=True)
    new = copy.deepcopy(attempt)
    new.setdefault("drafts", {})[request.id] = form
    return new


def drift(content: Content, attempt: dict[str, Any]) -> bool:
    if attempt.get("finished"):
        return False
    return not fits(content, attempt)


def fits(content: Content, attempt: dict[str, Any]) -> bool:
    """Every request the attempt names is still on the desk, and the desk has no request
    the attempt never saw (a rescore scores the same queue)."""
    ids = {r.id for r in content.requests}
    referenced = (set(attempt.get("order", [])) | set(attempt.get("submitted", {}))
                  | set(attempt.get("drafts", {})))
    if attempt.get("finished"):
        return set(attempt.get("submitted", {})) == ids
    return referenced <= ids


# --- scoring -----------------------------------------------------------------------------

def _index(content: Content) -> dict[str, Request]:
    """Requests by id, built once per call: desks can hold thousands of requests."""
    index: dict[str, Request] = {}
    for request in content.requests:
        index.setdefault(request.id, request)
    return index


def current_result(content: Content, attempt: dict[str, Any], request_id: str,
                   index: dict[str, Request] | None = None) -> dict[str, Any] | None:
    entry = attempt.get("submitted", {}).get(request_id)
    if entry is None:
        return None
    request = (index if index is not None else _index(content)).get(request_id)
    if request is None:
        return entry.get("result")
    return grader.grade(content, request, entry.get("form") or {})


def score(content: Content, attempt: dict[str, Any]) -> AttemptScore:
    tally = CompetencyTally()
    earned = possible = 0.0
    index = _index(content)
    for rid in attempt.get("order", []):
        result = current_result(content, attempt, rid, index)
        if result is None:
            request = index.get(rid)
            if request is None:
                continue
            result = grader.grade(content, request, {})
            result = {**result, "earned": 0,
                      "items": [{**i, "earned": 0} for i in result["items"]]}
        earned += result.get("earned", 0)
        possible += result.get("possible", 0)
        for item in result.get("items", []):
            tally.add(item.get("competency"), item.get("earned", 0), item.get("possible", 0))
    return AttemptScore(earned=earned, possible=possible, competencies=tally)


def raw_maximum(content: Content) -> float:
    return float(sum(rules.request_maximum(content, r) for r in content.requests))


# --- learner view ------------------------------------------------------------------------

def _date_view(text: str, locale: str) -> tuple[str, str]:
    day = parse_iso(text)
    return text, (format_date(day, locale) if day else text)


def _status(attempt: dict[str, Any], rid: str) -> str:
    if rid in attempt.get("submitted", {}):
        return STATUS_SUBMITTED
    if attempt.get("drafts", {}).get(rid):
        return STATUS_DRAFT
    return STATUS_NEW


def _request_view(content: Content, request: Request, attempt: dict[str, Any], reveal: Reveal,
                  gettext: Gettext, locale: str, index: dict[str, Request]) -> dict[str, Any]:
    service = content.service(request.service)
    unit = content.unit(service.unit) if service else None
    iso, label = _date_view(request.submitted, locale)
    entry = attempt.get("submitted", {}).get(request.id)
    result = None
    if entry is not None and (content.feedback_mode == FEEDBACK_IMMEDIATE
                              or attempt.get("finished")):
        graded = current_result(content, attempt, request.id, index)
        result = grader.render_result(graded, reveal, gettext, locale) if graded else None
    return {
        "id": request.id,
        "applicant": request.applicant,
        "submitted_iso": iso,
        "submitted_label": label,
        "priority": request.priority,
        "priority_label": gettext(PRIORITY_LABELS.get(request.priority, PRIORITY_LABELS["normal"])),
        "status": _status(attempt, request.id),
        "service": {
            "id": service.id if service else request.service,
            "name": service.name if service else request.service,
            "sla_days": service.sla_value if service else None,
            "fee_label": format_rupiah(service.fee_value or 0, locale) if service else "",
            "unit": service.unit if service else "",
            "unit_name": (unit.name if unit else (service.unit if service else "")),
            "requirements": [{"id": r.id, "label": r.label or r.id}
                             for r in (service.requirements if service else [])],
        },
        "documents": [
            {"id": d.id, "type": d.type,
             "type_label": content.requirement_label_for_type(d.type, service),
             "title": d.title,
             "fields": [{"name": f.name, "value": f.value} for f in d.fields]}
            for d in request.documents
        ],
        "note_html": request.note_html,
        "draft": copy.deepcopy(attempt.get("drafts", {}).get(request.id)) if entry is None else None,
        "submitted": copy.deepcopy(entry["form"]) if entry is not None else None,
        # the submitted due date as the learner's locale writes it (the key-free echo of it)
        "due_label": _date_view(str((entry or {}).get("form", {}).get("due") or ""), locale)[1],
        "result": result,
    }


def _competency_rows(content: Content, tally: CompetencyTally, gettext: Gettext,
                     locale: str) -> list[dict[str, Any]]:
    """The competency table every block shows (core.competencies: one rule, one format)."""
    return catalogue.result_rows(tally, content.declared, gettext, locale)


def learner_view(content: Content, attempt: dict[str, Any], reveal: Reveal,
                 gettext: Gettext = identity, locale: str = "en") -> dict[str, Any]:
    index = _index(content)
    order = queue_order(content, attempt, index)
    requests = {rid: _request_view(content, index[rid], attempt, reveal, gettext, locale, index)
                for rid in order}
    queue = [{"id": rid, "applicant": view["applicant"], "service_name": view["service"]["name"],
              "submitted_iso": view["submitted_iso"], "submitted_label": view["submitted_label"],
              "priority": view["priority"], "priority_label": view["priority_label"],
              "status": view["status"]}
             for rid, view in requests.items()]
    finished = bool(attempt.get("finished"))
    shown = [v["result"] for v in requests.values() if v["result"] is not None]
    view: dict[str, Any] = {
        "intro_html": content.intro_html,
        "lang": content.lang,
        "feedback": content.feedback_mode,
        "units": [{"id": u.id, "name": u.name or u.id} for u in content.units],
        "holidays": [{"iso": iso, "label": label}
                     for iso, label in (_date_view(h, locale) for h in content.holidays)],
        "decisions": [{"id": d, "label": gettext(grader.DECISION_LABELS[d])}
                      for d in DECISIONS],
        "queue": queue,
        "queue_order": QUEUE_SHUFFLED if content.shuffle else QUEUE_BY_RECEIVED,
        "date_input": date_input(locale, gettext),
        "requests": requests,
        "submitted_count": sum(1 for q in queue if q["status"] == STATUS_SUBMITTED),
        "total_count": len(queue),
        "score": None,
        "finished": finished,
        "totals": None,
        "scores": None,
        "competencies": None,
    }
    if reveal.correctness and shown:
        view["score"] = {"earned": sum(r["earned"] for r in shown),
                         "possible": sum(r["possible"] for r in shown)}
    if finished and reveal.correctness:
        attempt_score = score(content, attempt)
        view["totals"] = {"earned": attempt_score.earned, "possible": attempt_score.possible}
        view["scores"] = []
        for rid in order + [r for r in attempt.get("order", []) if r not in index]:
            result = current_result(content, attempt, rid, index) or {}
            request = index.get(rid)
            service = content.service(request.service) if request else None
            view["scores"].append({
                "id": rid, "applicant": request.applicant if request else rid,
                "service_name": service.name if service else (request.service if request else ""),
                "earned": result.get("earned", 0), "possible": result.get("possible", 0)})
        view["competencies"] = _competency_rows(content, attempt_score.competencies, gettext, locale)
    return view


# --- records and reports -------------------------------------------------------------------

def answer_record(content: Content, attempt: dict[str, Any]) -> dict[str, Any]:
    attempt_score = score(content, attempt)
    index = _index(content)
    requests = {}
    for rid in attempt.get("order", []):
        entry = attempt.get("submitted", {}).get(rid)
        if entry is None:
            continue
        result = current_result(content, attempt, rid, index) or {}
        requests[rid] = {"form": entry.get("form"), "earned": result.get("earned", 0),
                         "possible": result.get("possible", 0)}
    return {"order": list(attempt.get("order", [])), "requests": requests,
            "earned": attempt_score.earned, "possible": attempt_score.possible,
            "competencies": attempt_score.competencies.to_dict()}


def _number(value: float) -> str:
    return str(int(value)) if value == int(value) else str(value)


def report_rows(content: Content, attempt: dict[str, Any],
                gettext: Gettext = identity) -> list[ReportRow]:
    rows = []
    index = _index(content)
    for rid in attempt.get("order", []):
        request = index.get(rid)
        service = content.service(request.service) if request else None
        question = "{} — {}".format(request.applicant if request else rid,
                                    service.name if service else (request.service if request else ""))
        entry = attempt.get("submitted", {}).get(rid)
        if entry is None:
            rows.append(ReportRow(question=question, answer=gettext(N_("Not submitted")),
                                  points="—"))
            continue
        form = entry.get("form") or {}
        parts = []
        for req_id, judged in (form.get("requirements") or {}).items():
            template = N_("{requirement} met") if judged.get("met") else N_("{requirement} not met")
            text = gettext(template).format(requirement=req_id)
            if judged.get("reason"):
                text += " (“{}”)".format(judged["reason"])
            parts.append(text)
        unit = content.unit(form.get("route", ""))
        answer = gettext(N_("Decision: {decision}; Route: {route}; Due: {due}; "
                            "Requirements: {requirements}")).format(
            decision=gettext(grader.DECISION_LABELS.get(form.get("decision"), "—")),
            route=(unit.name if unit else form.get("route", "—")),
            due=form.get("due", "—"),
            requirements=", ".join(parts) or "—")
        if form.get("note"):
            answer += " — " + form["note"]
        result = current_result(content, attempt, rid, index) or {}
        rows.append(ReportRow(question=question, answer=answer,
                              points="{} / {}".format(_number(result.get("earned", 0)),
                                                      _number(result.get("possible", 0)))))
    return rows


def summary(content: Content) -> dict[str, Any]:
    competencies = []
    for service in content.services:
        for req in service.requirements:
            if req.competency and req.competency not in competencies:
                competencies.append(req.competency)
    for request in content.requests:
        if request.process_competency not in competencies:
            competencies.append(request.process_competency)
    return {"requests": len(content.requests), "services": len(content.services),
            "max_points": raw_maximum(content), "competencies": competencies,
            "urgent": sum(1 for r in content.requests if r.priority == PRIORITY_URGENT)}
