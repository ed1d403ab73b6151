"""The learner's attempt at a service desk: queue, drafts, submissions, scores and reports.

A desk's queue may hold requests (check, decide, route, set the due date) and records (file
with a code, an access class and the retention of the JRA); one engine serves both.

Attempt (JSON, owned by this engine; the shell only reads ``finished``)::

    {"seed": int,
     "order": [task id, ...],                 # requests then records, shuffled per learner
                                              # when shuffle="true"
     "drafts": {task id: partial form},
     "submitted": {task id: {"form": form, "result": points kept[, "kind": "record"]}},
     "finished": bool}                         # True once every task is submitted

The forms are described in ``forms.py``. A submitted task is regraded from its stored form
against the current content whenever the task still exists (so a rescore picks up an
author's fix); a task the author has since removed keeps the result recorded when it was
submitted (its points and points per competency: ``desk.recorded``; attempts stored
before kept the whole result, which is read the same way). The learner's view is built in
``views.py``.
"""
from __future__ import annotations

from typing import Any

from ..core.actions import bad_request, conflict
from ..core.copies import json_copy
from ..core.engine_api import ActionOutcome, Gettext, ReportRow, identity
from ..core.formatting import plain_number
from ..core.i18n import N_
from ..core.scoring import AttemptScore, CompetencyTally
from ..core.shuffle import seeded_order
from . import archive, filing, grader, rules
from .desk import KIND_RECORD, KIND_REQUEST, Desk, build, current_result, recorded
from .forms import _shown, clean_form, clean_record_form
from .model import PRIORITY_URGENT, Content
from .views import QUEUE_BY_RECEIVED, QUEUE_SHUFFLED, date_input, learner_view, queue_order  # noqa: F401 - the engine facade core.py calls

SUBMIT_REQUEST = "submit_request"
SUBMIT_RECORD = "submit_record"


# --- attempt -----------------------------------------------------------------------------

def new_attempt(content: Content, seed: int) -> dict[str, Any]:
    ids = build(content).ids()
    order = seeded_order(ids, seed) if content.shuffle else ids
    return {"seed": seed, "order": order, "drafts": {}, "submitted": {}, "finished": False}


def _target(desk: Desk, attempt: dict[str, Any], task_id: Any, kind: str) -> str:
    """The id of the open task of ``kind`` the browser names, or a 400/409."""
    if not isinstance(task_id, str):
        if kind == KIND_RECORD:
            raise bad_request(N_("Name the record as a text id."))
        raise bad_request(N_("Name the request as a text id."))
    if desk.kind(task_id) != kind or task_id not in attempt.get("order", []):
        if kind == KIND_RECORD:
            raise bad_request(N_("Unknown record \"{record}\"."), record=_shown(task_id))
        raise bad_request(N_("Unknown request \"{request}\"."), request=_shown(task_id))
    if task_id in attempt.get("submitted", {}):
        if kind == KIND_RECORD:
            raise conflict(N_("The record \"{record}\" has already been submitted."),
                           record=task_id)
        raise conflict(N_("The request \"{request}\" has already been submitted."),
                       request=task_id)
    return task_id


def _clean(desk: Desk, task_id: str, form: Any, partial: bool) -> dict[str, Any]:
    if desk.kind(task_id) == KIND_RECORD:
        return clean_record_form(desk.scheme, form, partial)
    return clean_form(desk.content, desk.requests[task_id], form, partial)


def apply_action(content: Content, attempt: dict[str, Any], action: Any) -> ActionOutcome:
    if not isinstance(action, dict):
        raise bad_request(N_("The action must be a JSON object."))
    if attempt.get("finished"):
        raise conflict(N_("This attempt is finished."))
    desk = build(content)
    if action.get("type") == SUBMIT_REQUEST:
        kind, task_id = KIND_REQUEST, action.get("request")
    elif action.get("type") == SUBMIT_RECORD:
        kind, task_id = KIND_RECORD, action.get("record")
    else:
        raise bad_request(N_("Unknown action."))
    task_id = _target(desk, attempt, task_id, kind)
    form = _clean(desk, task_id, action.get("form"), partial=False)
    result = desk.grade(task_id, form)
    assert result is not None  # _target accepted task_id, so the desk holds the task

    new = json_copy(attempt)
    entry: dict[str, Any] = {"form": form, "result": recorded(result)}
    if kind == KIND_RECORD:
        entry["kind"] = KIND_RECORD
    new.setdefault("submitted", {})[task_id] = entry
    new.setdefault("drafts", {}).pop(task_id, None)
    finished = all(tid in new["submitted"] for tid in new.get("order", []))
    new["finished"] = finished
    event = ("record_submitted", {"record": task_id}) if kind == KIND_RECORD else \
        ("request_submitted", {"request": task_id})
    event[1].update(earned=result["earned"], possible=result["possible"])
    return ActionOutcome(attempt=new, finished=finished, events=[event])


def save_draft(content: Content, attempt: dict[str, Any], draft: Any) -> dict[str, Any]:
    if not isinstance(draft, dict):
        raise bad_request(N_("The draft must be a JSON object."))
    if attempt.get("finished"):
        raise conflict(N_("This attempt is finished."))
    desk = build(content)
    if "record" in draft and "request" not in draft:
        task_id = _target(desk, attempt, draft.get("record"), KIND_RECORD)
    else:
        task_id = _target(desk, attempt, draft.get("request"), KIND_REQUEST)
    form = _clean(desk, task_id, draft.get("form"), partial=True)
    new = json_copy(attempt)
    new.setdefault("drafts", {})[task_id] = form
    return new


def drift(content: Content, attempt: dict[str, Any]) -> bool:
    if attempt.get("finished"):
        return False
    return not fits(content, attempt)


def fits(content: Content, attempt: dict[str, Any]) -> bool:
    """Every task the attempt names is still on the desk, and the desk has no task the
    attempt never saw (a rescore scores the same queue)."""
    ids = set(build(content).ids())
    referenced = (set(attempt.get("order", [])) | set(attempt.get("submitted", {}))
                  | set(attempt.get("drafts", {})))
    if attempt.get("finished"):
        return set(attempt.get("submitted", {})) == ids
    return referenced <= ids


# --- scoring -----------------------------------------------------------------------------

def score(content: Content, attempt: dict[str, Any]) -> AttemptScore:
    tally = CompetencyTally()
    earned = possible = 0.0
    desk = build(content)
    for tid in attempt.get("order", []):
        result = current_result(desk, attempt, tid)
        if result is None:
            blank = desk.grade(tid, {})
            if blank is None:
                continue
            result = {**blank, "earned": 0, "items": [{**i, "earned": 0} for i in blank["items"]]}
        earned += result.get("earned", 0)
        possible += result.get("possible", 0)
        for item in result.get("items", []):
            tally.add(item.get("competency"), item.get("earned", 0), item.get("possible", 0))
    return AttemptScore(earned=earned, possible=possible, competencies=tally)


def raw_maximum(content: Content) -> float:
    return float(sum(rules.request_maximum(content, r) for r in content.requests)
                 + sum(filing.record_maximum(r) for r in content.records))


# --- records and reports -------------------------------------------------------------------

def answer_record(content: Content, attempt: dict[str, Any]) -> dict[str, Any]:
    """The attempt as staff keep it: each submitted form with its points, requests and
    records apart (a record's entry is recognisable without the content)."""
    attempt_score = score(content, attempt)
    desk = build(content)
    requests: dict[str, Any] = {}
    records: dict[str, Any] = {}
    for tid in attempt.get("order", []):
        entry = attempt.get("submitted", {}).get(tid)
        if entry is None:
            continue
        result = current_result(desk, attempt, tid) or {}
        row = {"form": entry.get("form"), "earned": result.get("earned", 0),
               "possible": result.get("possible", 0)}
        is_record = desk.kind(tid) == KIND_RECORD or entry.get("kind") == KIND_RECORD
        (records if is_record else requests)[tid] = row
    out = {"order": list(attempt.get("order", [])), "requests": requests,
           "earned": attempt_score.earned, "possible": attempt_score.possible,
           "competencies": attempt_score.competencies.to_dict()}
    if records:
        out["records"] = records
    return out



def record_answer_text(desk: Desk, form: dict[str, Any], gettext: Gettext) -> str:
    """A filed record's answers as one readable line (reports, CSV, drill-down)."""
    code = form.get("code")
    code_text = "—"
    if isinstance(code, str) and code:
        label = desk.scheme.get(code, "")
        code_text = f"{code} {label}".strip()
    access = form.get("access")
    disposition = form.get("disposition")
    return gettext(N_("Code: {code}; Access: {access}; Retention: {active} / {inactive} (years); "
                      "Disposition: {disposition}")).format(
        code=code_text,
        access=gettext(archive.ACCESS_LABELS[access]) if access in archive.ACCESS_LABELS else "—",
        active=form.get("active", "—"), inactive=form.get("inactive", "—"),
        disposition=(gettext(archive.DISPOSITION_LABELS[disposition])
                     if disposition in archive.DISPOSITION_LABELS else "—"))


def task_question(desk: Desk, tid: str) -> str:
    """How reports name a task: "applicant — service" or "record title (id)"."""
    record = desk.records.get(tid)
    if record is not None:
        return f"{record.title or tid} ({record.id})"
    request = desk.requests.get(tid)
    if request is None:
        return tid
    service = desk.content.service(request.service)
    return f"{request.applicant} — {service.name if service else request.service}"


def report_rows(content: Content, attempt: dict[str, Any],
                gettext: Gettext = identity) -> list[ReportRow]:
    rows = []
    desk = build(content)
    for tid in attempt.get("order", []):
        question = task_question(desk, tid)
        entry = attempt.get("submitted", {}).get(tid)
        if entry is None:
            rows.append(ReportRow(question=question, answer=gettext(N_("Not submitted")),
                                  points="—"))
            continue
        form = entry.get("form") or {}
        if desk.kind(tid) == KIND_RECORD or entry.get("kind") == KIND_RECORD:
            answer = record_answer_text(desk, form, gettext)
        else:
            answer = _request_answer_text(content, form, gettext)
        if form.get("note"):
            answer += " — " + form["note"]
        result = current_result(desk, attempt, tid) or {}
        rows.append(ReportRow(question=question, answer=answer,
                              points="{} / {}".format(plain_number(result.get("earned", 0)),
                                                      plain_number(result.get("possible", 0)))))
    return rows


def _request_answer_text(content: Content, form: dict[str, Any], gettext: Gettext) -> str:
    parts = []
    for req_id, judged in (form.get("requirements") or {}).items():
        template = N_("{requirement} met") if judged.get("met") else N_("{requirement} not met")
        text = gettext(template).format(requirement=req_id)
        if judged.get("reason"):
            text += " (“{}”)".format(judged["reason"])
        parts.append(text)
    unit = content.unit(form.get("route", ""))
    decision = form.get("decision")
    decision_label = grader.DECISION_LABELS.get(decision, "—") if isinstance(decision, str) else "—"
    return gettext(N_("Decision: {decision}; Route: {route}; Due: {due}; "
                      "Requirements: {requirements}")).format(
        decision=gettext(decision_label),
        route=(unit.name if unit else form.get("route", "—")),
        due=form.get("due", "—"),
        requirements=", ".join(parts) or "—")


def summary(content: Content) -> dict[str, Any]:
    competencies: list[str] = []
    for service in content.services:
        for req in service.requirements:
            if req.competency and req.competency not in competencies:
                competencies.append(req.competency)
    for request in content.requests:
        if request.process_competency not in competencies:
            competencies.append(request.process_competency)
    for record in content.records:
        if record.filing_competency not in competencies:
            competencies.append(record.filing_competency)
    out = {"requests": len(content.requests), "services": len(content.services),
           "max_points": raw_maximum(content), "competencies": competencies,
           "urgent": sum(1 for r in content.requests if r.priority == PRIORITY_URGENT)
           + sum(1 for r in content.records if r.priority == PRIORITY_URGENT)}
    if content.records or content.classifications:
        out.update(records=len(content.records), codes=len(content.classifications))
    return out
