"""What the learner's browser gets of a desk: the queue, each task, the desk's references.

Nothing key-bearing is sent before a task is submitted: a request's view carries its
documents without ``valid``/``issue``, nor the applicant's eligibility, route or due date;
a record's view carries its letter and documents but never its code, access class, JRA row
or ``explain``. The classification scheme and the retention schedule (JRA) are sent once for
the desk, the same for every record, as the agency's own references are on a real desk.
A task's result is shown per ``feedback`` (after each task or at the end) and ``reveal``.
"""
from __future__ import annotations

import datetime as _dt
from typing import Any

from ..core import competencies as catalogue
from ..core.copies import json_copy
from ..core.engine_api import Gettext, Reveal, identity
from ..core.formatting import _is_id, format_date, format_rupiah
from ..core.i18n import N_
from . import archive, grader, rules
from .desk import KIND_RECORD, KIND_REQUEST, Desk, build, current_result, form_key, keep
from .documents import document_view
from .model import DECISIONS, FEEDBACK_IMMEDIATE, PRIORITY_URGENT, Content, Request, parse_iso

STATUS_NEW = "new"
STATUS_DRAFT = "draft"
STATUS_SUBMITTED = "submitted"
PRIORITY_LABELS = {"normal": N_("Normal"), "urgent": N_("Urgent")}
QUEUE_BY_RECEIVED = "received"  # date received, urgent first within a day, then as authored
QUEUE_SHUFFLED = "shuffled"
_NO_DATE = _dt.date.min


def _received(desk: Desk, tid: str) -> _dt.date | None:
    request = desk.requests.get(tid)
    if request is not None:
        return request.submitted_date
    return parse_iso(desk.records[tid].dated)


def _priority(desk: Desk, tid: str) -> str:
    task = desk.requests.get(tid) or desk.records[tid]
    return task.priority


def queue_order(content: Content, attempt: dict[str, Any], desk: Desk | None = None) -> list[str]:
    """The order the learner's queue shows: a desk works its files by the date they were
    received (a record by its date), and within one day the urgent ones first (then in the
    author's order).

    A desk with ``shuffle="true"`` keeps the attempt's seeded order instead: shuffling
    exists so that learners do not all see the same sequence, and sorting would undo it.
    The attempt's stored ``order`` is never rewritten, so attempts started before this
    ordering are shown ordered too."""
    desk = desk or build(content)
    order = [tid for tid in attempt.get("order", []) if desk.kind(tid)]
    if content.shuffle:
        return order
    position = {tid: n for n, tid in enumerate(order)}

    def key(tid: str) -> tuple:
        received = _received(desk, tid)
        return (received is None, received or _NO_DATE,
                0 if _priority(desk, tid) == PRIORITY_URGENT else 1, position[tid])

    return sorted(order, key=key)


def date_input(locale: str, gettext: Gettext = identity) -> dict[str, str]:
    """How the learner types the due date in this UI language: day first (DD/MM/YYYY,
    written HH/BB/TTTT in Indonesian) for ``id``, ISO (YYYY-MM-DD) otherwise, whatever the
    browser's own locale. The server reads both (``model.parse_typed_date``)."""
    if _is_id(locale):
        return {"order": "dmy", "format": gettext(N_("DD/MM/YYYY")), "example": "19/03/2026"}
    return {"order": "ymd", "format": gettext(N_("YYYY-MM-DD")), "example": "2026-03-19"}


def _date_view(text: str, locale: str) -> tuple[str, str]:
    day = parse_iso(text)
    return text, (format_date(day, locale) if day else text)


def _status(attempt: dict[str, Any], tid: str) -> str:
    if tid in attempt.get("submitted", {}):
        return STATUS_SUBMITTED
    if attempt.get("drafts", {}).get(tid):
        return STATUS_DRAFT
    return STATUS_NEW


def _shown_result(desk: Desk, attempt: dict[str, Any], tid: str, reveal: Reveal,
                  gettext: Gettext, locale: str) -> dict[str, Any] | None:
    """A submitted task's result as the learner sees it, once it may be shown.

    Kept per form, reveal and locale with the translations it was made with, and given
    again while the same texts translate the same way: every render and action shows every
    submitted task's result, each check's message formatted anew (``make bench``). The
    translations are compared, not the language, so a kept result holds for whatever
    catalogue the runtime translates with. Shared by every view that shows it: read only."""
    entry = attempt.get("submitted", {}).get(tid)
    if entry is None or not (desk.content.feedback_mode == FEEDBACK_IMMEDIATE
                             or attempt.get("finished")):
        return None
    if not (reveal.correctness or reveal.answers):
        return None
    key = form_key(tid, entry.get("form") or {})
    kept_key = None if key is None else (*key, reveal.correctness, reveal.answers, locale)
    kept = desk.shown.get(kept_key) if kept_key is not None else None
    if kept is not None:
        texts, translated, shown = kept
        if all(gettext(text) == done for text, done in zip(texts, translated)):
            return shown
    graded = current_result(desk, attempt, tid)
    if graded is None:
        return None
    asked: dict[str, str] = {}

    def recording(text: str) -> str:
        done = asked[text] = gettext(text)
        return done

    shown = grader.render_result(graded, reveal, recording, locale)
    if kept_key is not None:
        keep(desk.shown, kept_key, (tuple(asked), tuple(asked.values()), shown))
    return shown


def _holidays_view(content: Content, request: Request, sla: int | None,
                   locale: str) -> list[tuple[str, str, str]]:
    """The named holidays in the request's window (see ``calendar.window``) as (ISO date,
    date in the locale, name); a day the author added has no name: the view calls it "a
    holiday set by the desk" in the UI language."""
    submitted = request.submitted_date
    if submitted is None or sla is None:
        return []
    return [(day.isoformat(), format_date(day, locale), name)
            for day, name in rules.window_holidays(content, submitted, sla, locale)]


def _kept(desk: Desk, task_id: str, locale: str, make) -> dict[str, Any]:
    """What a task's view holds that depends on the content and the locale alone (names,
    dates, fees, documents, holidays), made once per desk and locale: every learner call and
    render sends every task of the queue, and remaking these was most of a desk's view
    (``make bench``). A desk is built once per content model, which nothing changes after
    parsing (desk.build). The kept parts are shared by every view made from them, so a view
    is only read (serialized), never changed in place."""
    key = (task_id, locale)
    kept = desk.views.get(key)
    if kept is None:
        kept = desk.views[key] = make()
    return kept


def _request_parts(desk: Desk, request: Request, locale: str) -> dict[str, Any]:
    content = desk.content
    service = content.service(request.service)
    unit = content.unit(service.unit) if service else None
    iso, label = _date_view(request.submitted, locale)
    sla = service.sla_value if service else None
    return {
        "submitted_iso": iso,
        "submitted_label": label,
        "service": {
            "id": service.id if service else request.service,
            "name": service.name if service else request.service,
            "sla_days": sla,
            "fee_label": format_rupiah(service.fee_value or 0, locale) if service else "",
            "unit": service.unit if service else "",
            "unit_name": (unit.name if unit else (service.unit if service else "")),
            "requirements": [{"id": r.id, "label": r.label or r.id}
                             for r in (service.requirements if service else [])],
        },
        "holidays": _holidays_view(content, request, sla, locale),
        "documents": [document_view(d, content.requirement_label_for_type(d.type, service))
                      for d in request.documents],
    }


def _request_view(desk: Desk, request: Request, attempt: dict[str, Any], reveal: Reveal,
                  gettext: Gettext, locale: str) -> dict[str, Any]:
    kept = _kept(desk, request.id, locale, lambda: _request_parts(desk, request, locale))
    entry = attempt.get("submitted", {}).get(request.id)
    unnamed = gettext(N_("Holiday set by the desk")) if kept["holidays"] else ""
    return {
        "id": request.id,
        "kind": KIND_REQUEST,
        "applicant": request.applicant,
        "submitted_iso": kept["submitted_iso"],
        "submitted_label": kept["submitted_label"],
        "priority": request.priority,
        "priority_label": gettext(PRIORITY_LABELS.get(request.priority, PRIORITY_LABELS["normal"])),
        "status": _status(attempt, request.id),
        "service": kept["service"],
        "holidays": [{"iso": iso, "label": label, "name": name or unnamed}
                     for iso, label, name in kept["holidays"]],
        "documents": kept["documents"],
        "note_html": request.note_html,
        "draft": json_copy(attempt.get("drafts", {}).get(request.id)) if entry is None else None,
        "submitted": json_copy(entry["form"]) if entry is not None else None,
        # the submitted due date as the learner's locale writes it (the key-free echo of it)
        "due_label": _date_view(str((entry or {}).get("form", {}).get("due") or ""), locale)[1],
        "result": _shown_result(desk, attempt, request.id, reveal, gettext, locale),
    }


def _record_parts(record: archive.Record, locale: str) -> dict[str, Any]:
    iso, label = _date_view(record.dated, locale)
    return {"submitted_iso": iso, "submitted_label": label,
            "documents": [document_view(d, d.type) for d in record.documents]}


def _record_view(desk: Desk, record: archive.Record, attempt: dict[str, Any], reveal: Reveal,
                 gettext: Gettext, locale: str) -> dict[str, Any]:
    kept = _kept(desk, record.id, locale, lambda: _record_parts(record, locale))
    entry = attempt.get("submitted", {}).get(record.id)
    result = _shown_result(desk, attempt, record.id, reveal, gettext, locale)
    kind_label = archive.RECORD_KIND_LABELS.get(record.kind, archive.RECORD_KIND_LABELS["incoming"])
    return {
        "id": record.id,
        "kind": KIND_RECORD,
        "title": record.title,
        "record_kind": record.kind if record.kind in archive.RECORD_KINDS else archive.INCOMING,
        "record_kind_label": gettext(kind_label),
        "submitted_iso": kept["submitted_iso"],  # the letter's date: the queue orders by it
        "submitted_label": kept["submitted_label"],
        "sender": record.sender,
        "recipient": record.recipient,
        "priority": record.priority,
        "priority_label": gettext(PRIORITY_LABELS.get(record.priority, PRIORITY_LABELS["normal"])),
        "status": _status(attempt, record.id),
        "documents": kept["documents"],
        "note_html": record.note_html,
        "draft": json_copy(attempt.get("drafts", {}).get(record.id)) if entry is None else None,
        "submitted": json_copy(entry["form"]) if entry is not None else None,
        "result": result,
        # the author's reasoning names the code and the access class: only with the answers
        "explain_html": record.explain_html if result is not None and reveal.answers else "",
    }


REFERENCES_KEPT = 8  # translations of a desk's references kept at once (one per UI language)


def archive_view(content: Content, desk: Desk, gettext: Gettext) -> dict[str, Any] | None:
    """The desk's references for filing, the same for every record (None without records):
    the scheme in code order with each code's depth, the JRA rows, the choices.

    Made once per desk and set of translations, and shared by every view made from it (read
    only, as ``_kept``'s parts): a scheme holds up to a thousand codes, and remaking it was
    most of a records desk's view on every render and action (``make bench``). The key is
    the translated labels themselves, the one thing besides the content the references
    depend on, so it holds whatever catalogue the runtime translates with."""
    if not content.records:
        return None
    texts = _reference_texts(desk)
    key = tuple(gettext(text) for text in texts)
    kept = desk.references.get(key)
    if kept is None:
        kept = _archive_parts(desk, dict(zip(texts, key)))
        keep(desk.references, key, kept, REFERENCES_KEPT)
    return kept


def _reference_texts(desk: Desk) -> tuple[str, ...]:
    """Every label the references translate: the access classes, the dispositions, and a
    JRA row's disposition as written when it is none of those (validation reports it)."""
    if desk.reference_texts is not None:
        return desk.reference_texts
    labels = [*archive.ACCESS_LABELS.values(), *archive.DISPOSITION_LABELS.values()]
    labels += sorted({row.disposition for row in desk.schedule.values()
                      if row.disposition not in archive.DISPOSITION_LABELS})
    desk.reference_texts = tuple(labels)
    return desk.reference_texts


def _archive_parts(desk: Desk, translated: dict[str, str]) -> dict[str, Any]:
    def label(labels: dict[str, str], value: str) -> str:
        return translated[labels.get(value, value)]

    scheme = [{"code": code, "label": text, "depth": len(archive.lineage(code)) - 1}
              for code, text in desk.scheme.items()]
    schedule = [{"code": row.code, "label": desk.scheme.get(row.code, ""),
                 "active": archive.years_value(row.active),
                 "inactive": archive.years_value(row.inactive),
                 "disposition": row.disposition,
                 "disposition_label": label(archive.DISPOSITION_LABELS, row.disposition),
                 "note": row.note}
                for row in desk.schedule.values()]
    return {
        "scheme": scheme,
        "schedule": schedule,
        "access": [{"id": a, "label": label(archive.ACCESS_LABELS, a)}
                   for a in archive.ACCESS_CLASSES],
        "dispositions": [{"id": d, "label": label(archive.DISPOSITION_LABELS, d)}
                         for d in archive.DISPOSITIONS],
        "max_years": archive.MAX_RETENTION_YEARS,
    }


def _queue_entry(view: dict[str, Any]) -> dict[str, Any]:
    is_record = view["kind"] == KIND_RECORD
    return {"id": view["id"], "kind": view["kind"],
            "name": view["title"] if is_record else view["applicant"],
            "applicant": view["title"] if is_record else view["applicant"],
            "service_name": view["record_kind_label"] if is_record else view["service"]["name"],
            "submitted_iso": view["submitted_iso"], "submitted_label": view["submitted_label"],
            "priority": view["priority"], "priority_label": view["priority_label"],
            "status": view["status"]}


def learner_view(content: Content, attempt: dict[str, Any], reveal: Reveal,
                 gettext: Gettext = identity, locale: str = "en") -> dict[str, Any]:
    from .engine import score  # lazy: engine imports this module

    desk = build(content)
    order = queue_order(content, attempt, desk)
    tasks: dict[str, Any] = {}
    for tid in order:
        if desk.kind(tid) == KIND_REQUEST:
            tasks[tid] = _request_view(desk, desk.requests[tid], attempt, reveal, gettext, locale)
        else:
            tasks[tid] = _record_view(desk, desk.records[tid], attempt, reveal, gettext, locale)
    queue = [_queue_entry(v) for v in tasks.values()]
    finished = bool(attempt.get("finished"))
    shown = [v["result"] for v in tasks.values() if v["result"] is not None]
    view: dict[str, Any] = {
        "intro_html": content.intro_html,
        "lang": content.lang,
        "feedback": content.feedback_mode,
        "units": [{"id": u.id, "name": u.name or u.id} for u in content.units],
        "holidays": [{"iso": iso, "label": label}
                     for iso, label in (_date_view(h, locale) for h in content.holidays)],
        "calendar": content.calendar,
        "decisions": [{"id": d, "label": gettext(grader.DECISION_LABELS[d])}
                      for d in DECISIONS],
        "archive": archive_view(content, desk, gettext),
        "queue": queue,
        "queue_order": QUEUE_SHUFFLED if content.shuffle else QUEUE_BY_RECEIVED,
        "date_input": date_input(locale, gettext),
        "requests": tasks,
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
        view["scores"] = [_score_row(desk, attempt, tid)
                          for tid in order + [t for t in attempt.get("order", [])
                                              if not desk.kind(t)]]
        view["competencies"] = catalogue.result_rows(attempt_score.competencies,
                                                     content.declared, gettext, locale)
    return view


def _score_row(desk: Desk, attempt: dict[str, Any], tid: str) -> dict[str, Any]:
    result = current_result(desk, attempt, tid) or {}
    record = desk.records.get(tid)
    request = desk.requests.get(tid)
    if record is not None:
        name, what = record.title, record.id
    elif request is not None:
        service = desk.content.service(request.service)
        name, what = request.applicant, service.name if service else request.service
    else:
        name, what = tid, ""
    return {"id": tid, "kind": desk.kind(tid) or "", "applicant": name, "service_name": what,
            "earned": result.get("earned", 0), "possible": result.get("possible", 0)}


# What an action's answer leaves out for a browser that holds the view of the same content
# revision (DigitalServiceCore.trim_view): the desk's references and each task's content-only
# parts, which make most of a desk's view (the demo desk's answer to its second request: 28 KB
# of JSON whole, 8 KB trimmed). An action changes one task's status, draft, submission and
# result, the queue and the scores.
KEPT_TOP = frozenset({"intro_html", "lang", "feedback", "units", "holidays", "calendar",
                      "decisions", "archive", "queue_order", "date_input"})
KEPT_TASK = frozenset({"kind", "applicant", "title", "record_kind", "record_kind_label",
                       "submitted_iso", "submitted_label", "sender", "recipient", "priority",
                       "priority_label", "service", "holidays", "documents", "note_html"})


def trim_view(view: dict[str, Any]) -> dict[str, Any]:
    trimmed = {key: value for key, value in view.items() if key not in KEPT_TOP}
    trimmed["requests"] = {tid: {key: value for key, value in task.items() if key not in KEPT_TASK}
                           for tid, task in view.get("requests", {}).items()}
    trimmed["trimmed"] = "requests"
    return trimmed
