"""The Studio form editor's description of a service desk (see ``core/forms.py``), with a
per-request and per-record preview of the expected outcome the engine grades learners
against, and the holiday calendar in effect.
"""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ..core.formatting import format_date
from ..core.forms import competencies_field, competency_record, field, lang_field, options, record
from ..core.i18n import N_
from . import archive, calendar, filing, rules
from .grader import DECISION_LABELS
from .model import Content

# Document types already used, offered as suggestions where a type is typed.
DOC_TYPES = [["requirement", "document"], ["document", "type"]]
# The scheme's codes, offered where a code is typed.
CODES = [["classification", "code"]]

SCHEMA: dict[str, Any] = {
    "root": "content",
    "types": {
        "content": record(N_("Service desk"), [
            field("feedback", "select", N_("Feedback"), section="settings",
                  options=options(("immediate", N_("After each request")),
                                  ("end", N_("At the end of the attempt")))),
            field("shuffle", "bool", N_("Shuffle the queue per learner"), section="settings"),
            lang_field(),
            competencies_field(),
            field("intro_html", "html", N_("Introduction")),
            field("units", "list", N_("Units"), of=["unit"]),
            field("calendar", "select", N_("Official holiday calendar"),
                  options=options(("", N_("None: only the holidays listed below")),
                                  ("id", N_("Indonesia: national holidays")),
                                  ("id_cuti", N_("Indonesia: national holidays and cuti "
                                                 "bersama")))),
            field("holidays", "list", N_("Holidays"), add=N_("Add holiday"),
                  scalar=field("date", "date", N_("Holiday date"))),
            field("workdays", "list", N_("Working days (taken off the official calendar)"),
                  add=N_("Add working day"), scalar=field("date", "date", N_("Working day"))),
            field("services", "list", N_("Services"), of=["service"]),
            field("requests", "list", N_("Requests"), of=["request"]),
            # the scheme is a tree by its codes (a code's parent is its prefix before the
            # last "."); the editor shows it as one, sorted by code
            field("classifications", "list", N_("Classification scheme"), of=["classification"],
                  tree={"key": "code", "separator": ".", "add_child": N_("Add child code"),
                        "add_child_for": N_("Add a child code under {item}")}),
            field("retentions", "list", N_("Retention schedule (JRA)"), of=["retention"]),
            field("records", "list", N_("Records to file"), of=["record"]),
        ]),
        "competency": competency_record("block"),
        "unit": record(N_("Unit"), [
            field("id", "id", N_("Id")),
            field("name", "text", N_("Name")),
        ], add=N_("Add unit"), id_prefix="u", id_scope="block", summary="name"),
        "service": record(N_("Service"), [
            field("id", "id", N_("Id")),
            field("name", "text", N_("Name")),
            field("sla_days", "text", N_("Time limit (working days)"), inputmode="numeric"),
            field("unit", "ref", N_("Responsible unit"), ref=["unit"]),
            field("fee", "text", N_("Fee (Rupiah)"), inputmode="numeric", default="0"),
            field("requirements", "list", N_("Requirements"), of=["requirement"]),
        ], add=N_("Add service"), id_prefix="svc", id_scope="block", summary="name",
            template={"sla_days": "3"}),
        "requirement": record(N_("Requirement"), [
            field("id", "id", N_("Id")),
            field("label", "text", N_("Label")),
            field("document", "text", N_("Document type that meets it"), suggest=DOC_TYPES),
            field("competency", "competency", N_("Competency"), nullable=True),
        ], add=N_("Add requirement"), id_prefix="req", id_scope="siblings", summary="label"),
        "request": record(N_("Request"), [
            field("id", "id", N_("Id")),
            field("applicant", "text", N_("Applicant")),
            field("service", "ref", N_("Service"), ref=["service"]),
            field("submitted", "date", N_("Submitted on")),
            field("priority", "select", N_("Priority"),
                  options=options(("normal", N_("Normal")), ("urgent", N_("Urgent")))),
            field("eligible", "bool", N_("The applicant is eligible"), default=True),
            field("reason", "text", N_("Why the applicant is not eligible (shown after "
                                       "submitting)")),
            field("route", "ref", N_("Route to (when not the service's unit)"), ref=["unit"],
                  empty_label=N_("The service's unit")),
            field("competency", "competency", N_("Competency of the decision, route and due "
                                                  "date"), nullable=True),
            field("documents", "list", N_("Documents"), of=["document"]),
            field("note_html", "html", N_("Applicant's note")),
        ], add=N_("Add request"), id_prefix="r", id_scope="block", summary="applicant",
            template={"priority": "normal", "eligible": True}),
        "document": record(N_("Document"), [
            field("id", "id", N_("Id")),
            field("type", "text", N_("Type"), suggest=DOC_TYPES),
            field("title", "text", N_("Title")),
            field("valid", "bool", N_("Valid"), default=True),
            field("issue", "text", N_("Issue (why it is not valid; shown after submitting)")),
            field("fields", "list", N_("Fields"), of=["docfield"]),
        ], add=N_("Add document"), id_prefix="d", id_scope="siblings", summary="title",
            template={"valid": True}),
        "classification": record(N_("Classification code"), [
            field("code", "text", N_("Code (its parent is the part before the last \".\")")),
            field("label", "text", N_("Label")),
        ], add=N_("Add code"), summary="code", summary_more="label"),
        "retention": record(N_("JRA row"), [
            field("code", "text", N_("Code (the row also covers the codes below it)"),
                  suggest=CODES),
            field("active", "text", N_("Active retention (years)"), inputmode="numeric"),
            field("inactive", "text", N_("Inactive retention (years)"), inputmode="numeric"),
            field("disposition", "select", N_("Final disposition"),
                  options=options(*((d, archive.DISPOSITION_LABELS[d])
                                    for d in archive.DISPOSITIONS))),
            field("note", "text", N_("Note shown with the row (optional)")),
        ], add=N_("Add JRA row"), summary="code",
            template={"active": "1", "inactive": "1", "disposition": archive.MUSNAH}),
        "record": record(N_("Record"), [
            field("id", "id", N_("Id")),
            field("title", "text", N_("Title")),
            field("kind", "select", N_("Kind"),
                  options=options(*((k, archive.RECORD_KIND_LABELS[k])
                                    for k in archive.RECORD_KINDS))),
            field("dated", "date", N_("Dated")),
            field("sender", "text", N_("Sender")),
            field("recipient", "text", N_("Recipient")),
            field("priority", "select", N_("Priority"),
                  options=options(("normal", N_("Normal")), ("urgent", N_("Urgent")))),
            field("code", "text", N_("Classification code (hidden until submitted)"),
                  suggest=CODES),
            field("access", "select", N_("Access classification (hidden until submitted)"),
                  options=options(*((a, archive.ACCESS_LABELS[a]) for a in archive.ACCESS_CLASSES))),
            field("competency", "competency", N_("Competency"), nullable=True),
            field("documents", "list", N_("Documents"), of=["document"]),
            field("note_html", "html", N_("Note on the record")),
            field("explain_html", "html", N_("Why this code and access class (shown after "
                                             "submitting, with the answers)")),
        ], add=N_("Add record"), id_prefix="a", id_scope="block", summary="title",
            template={"kind": archive.INCOMING, "access": archive.BIASA, "priority": "normal"}),
        "docfield": record(N_("Field"), [
            field("name", "text", N_("Name")),
            field("value", "text", N_("Value")),
        ], add=N_("Add field"), summary="name"),
    },
}

# The preview shows the whole desk and opens the chosen request or record in its queue
# (both are queue items, opened by their id).
PREVIEW = {"at_type": ["request", "record"], "open": "[data-request=\"{id}\"]",
           "navigation": ".asn-queue-open, .asn-back"}


def insights(content: Content, problems: list, gettext: Callable[[str], str],
             locale: str) -> dict[str, Any]:
    """Per request: the decision, route and due date the engine expects."""
    units = {u.id: u.name or u.id for u in content.units}
    items: dict[str, Any] = {}
    for request in content.requests:
        if not request.id or request.id in items:
            continue
        truth = rules.expected(content, request)
        lines = [gettext(N_("Decision: {decision}")).format(
            decision=gettext(DECISION_LABELS[truth.decision]))]
        if truth.route:
            lines.append(gettext(N_("Route to: {unit}")).format(
                unit=units.get(truth.route, truth.route)))
        else:
            lines.append(gettext(N_("Route to: no unit (set the service's unit).")))
        if truth.due is not None:
            lines.append(gettext(N_("Due date: {date}")).format(
                date=format_date(truth.due.due, locale)))
        else:
            lines.append(gettext(N_("Due date: cannot be computed (check the submission date "
                                    "and the service's time limit).")))
        for item in truth.requirements:
            label = item.requirement.label or item.requirement.id
            if item.document is None:  # never when met: a met requirement has its document
                text = gettext(N_("{requirement}: not met, no document of type \"{type}\""
                                  )).format(requirement=label, type=item.requirement.document)
            elif item.met:
                text = gettext(N_("{requirement}: met by document \"{document}\"")).format(
                    requirement=label, document=item.document.id)
            else:
                text = gettext(N_("{requirement}: not met, document \"{document}\" is not "
                                  "valid")).format(requirement=label, document=item.document.id)
            lines.append(text)
        lines.append(gettext(N_("Points: {points}")).format(
            points=rules.request_maximum(content, request)))
        items[request.id] = {"title": gettext(N_("Expected outcome (what learners are graded "
                                                 "against)")), "lines": lines}
    schedule = content.schedule()
    scheme = content.scheme()
    for rec in content.records:
        if not rec.id or rec.id in items:
            continue
        filed = filing.expected(rec, schedule)
        lines = [gettext(N_("Code: {code}")).format(
            code=" › ".join(f"{c} {scheme.get(c, '')}".strip()
                            for c in archive.lineage(rec.code)) if rec.code else "—"),
                 gettext(N_("Access: {access}")).format(
            access=gettext(archive.ACCESS_LABELS.get(rec.access, rec.access)))]
        if filed.row is not None:
            lines.append(gettext(N_("JRA row {row}: active {active}, inactive {inactive} "
                                    "(years), final disposition “{disposition}”")).format(
                row=filed.row.code, active=filed.row.active, inactive=filed.row.inactive,
                disposition=gettext(archive.DISPOSITION_LABELS.get(filed.row.disposition,
                                                                   filed.row.disposition))))
        else:
            lines.append(gettext(N_("No JRA row applies to this code.")))
        lines.append(gettext(N_("Points: {points}")).format(points=filing.record_maximum(rec)))
        items[rec.id] = {"title": gettext(N_("Expected outcome (what learners are graded "
                                              "against)")), "lines": lines}
    return {"sections": _calendar_section(content, gettext, locale), "items": items}


def _calendar_section(content: Content, gettext: Callable[[str], str],
                      locale: str) -> list[dict[str, Any]]:
    """The holidays in effect for the years the desk's requests span, named, so the author
    sees what the due dates are computed with."""
    years: set[int] = set()
    for request in content.requests:
        service = content.service(request.service)
        submitted = request.submitted_date
        if submitted is not None and service is not None and service.sla_value is not None:
            start, end = calendar.window(submitted, service.sla_value)
            years.update(range(start.year, end.year + 1))
    if not years or not (content.calendar or content.holidays):
        return []
    if content.calendar in calendar.CALENDARS:
        source = gettext(N_("Official holidays from the holidays library {version}, plus the "
                            "holidays listed here, minus the working days listed here.")).format(
            version=calendar.library_version())
    else:
        source = gettext(N_("Only the holidays listed here."))
    named = calendar.desk_holidays(
        content.calendar if content.calendar in calendar.CALENDARS else "",
        content.added_holidays, content.workday_dates,
        sorted(years), locale)
    entries = [{"text": "{} — {}".format(format_date(day, locale),
                                         name or gettext(N_("Holiday set by the desk"))),
                "item_id": ""}
               for day, name in sorted(named.items()) if day.weekday() < 5]
    return [{"id": "calendar", "title": gettext(N_("Holiday calendar in effect")),
             "help": source, "list_title": gettext(N_("Holidays on working days ({count})")
                                                   ).format(count=len(entries)),
             "list": entries}]
