"""What the browser may send for a task, checked strictly before anything is graded.

A request's form::

    {"requirements": {requirement id: {"met": true|false, "reason": "≤ 500 chars"}},
     "decision": "approve" | "request_completion" | "reject",
     "route": unit id, "due": "YYYY-MM-DD" or "DD/MM/YYYY", "note": "optional, ≤ 2000 chars"}

A record's form::

    {"code": a code of the scheme, "access": "biasa" | "terbatas" | "rahasia" | "sangat_rahasia",
     "active": whole years, "inactive": whole years,
     "disposition": "musnah" | "permanen" | "dinilai_kembali", "note": "optional"}

``partial`` (drafts) allows any subset of keys and blank values. Every problem raises
ActionError(400) naming it, so a bad form changes nothing.
"""
from __future__ import annotations

from typing import Any

from ..core.actions import bad_request
from ..core.i18n import N_
from .archive import ACCESS_CLASSES, DISPOSITIONS, MAX_RETENTION_YEARS
from .model import DECISIONS, Content, Request, parse_typed_date
from .validation import MAX_YEAR, MIN_YEAR

MAX_REASON_CHARS = 500
MAX_NOTE_CHARS = 2000
FORM_KEYS = ("requirements", "decision", "route", "due", "note")
RECORD_FORM_KEYS = ("code", "access", "active", "inactive", "disposition", "note")


def _shown(value: Any, limit: int = 80) -> str:
    """An id from the browser echoed in a message: text only, never a wall of junk."""
    text = value if isinstance(value, str) else repr(type(value).__name__)
    return text if len(text) <= limit else text[:limit] + "…"


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
    _note(form, cleaned)
    return cleaned


def _note(form: dict[str, Any], cleaned: dict[str, Any]) -> None:
    note = form.get("note")
    if note is not None:
        if not isinstance(note, str) or len(note) > MAX_NOTE_CHARS:
            raise bad_request(N_("The note must be text of at most {limit} characters."),
                              limit=MAX_NOTE_CHARS)
        if note:
            cleaned["note"] = note


def _years(form: dict[str, Any], key: str, partial: bool, cleaned: dict[str, Any]) -> None:
    value = form.get(key)
    if partial and value in (None, ""):
        return
    # JSON true/false are ints in Python: refuse them explicitly
    if isinstance(value, bool) or not isinstance(value, int):
        if key == "active":
            raise bad_request(N_("Give the active retention as a whole number of years."))
        raise bad_request(N_("Give the inactive retention as a whole number of years."))
    if not 0 <= value <= MAX_RETENTION_YEARS:
        raise bad_request(N_("A retention must be between 0 and {max} years."),
                          max=MAX_RETENTION_YEARS)
    cleaned[key] = value


def clean_record_form(scheme: dict[str, str], form: Any, partial: bool) -> dict[str, Any]:
    """A record's form with strict type checks (see the module docstring)."""
    if not isinstance(form, dict):
        raise bad_request(N_("The form must be a JSON object."))
    for key in form:
        if key not in RECORD_FORM_KEYS:
            raise bad_request(N_("Unknown form field \"{field}\"."), field=_shown(key))
    cleaned: dict[str, Any] = {}
    code = form.get("code")
    if partial and code in (None, ""):
        pass
    elif not isinstance(code, str) or not code:
        raise bad_request(N_("Choose the classification code."))
    elif code not in scheme:
        raise bad_request(N_("Unknown classification code \"{code}\"."), code=_shown(code))
    else:
        cleaned["code"] = code
    access = form.get("access")
    if partial and access in (None, ""):
        pass
    elif not isinstance(access, str) or access not in ACCESS_CLASSES:
        raise bad_request(N_("Choose the access classification: regular, limited, secret or "
                             "top secret."))
    else:
        cleaned["access"] = access
    _years(form, "active", partial, cleaned)
    _years(form, "inactive", partial, cleaned)
    disposition = form.get("disposition")
    if partial and disposition in (None, ""):
        pass
    elif not isinstance(disposition, str) or disposition not in DISPOSITIONS:
        raise bad_request(N_("Choose the final disposition: destroy, permanent or re-evaluate."))
    else:
        cleaned["disposition"] = disposition
    _note(form, cleaned)
    return cleaned
