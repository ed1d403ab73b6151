"""The Studio form editor's description of a service desk (see ``shell/studio_forms.py``),
with a per-request preview of the expected outcome the engine grades learners against.
"""
from __future__ import annotations

from typing import Any, Callable

from ..core.formatting import format_date
from ..core.i18n import N_
from ..shell.studio_forms import (competencies_field, competency_record, field, lang_field, options,
                                   record)
from . import rules
from .grader import DECISION_LABELS
from .model import Content

# Document types already used, offered as suggestions where a type is typed.
DOC_TYPES = [["requirement", "document"], ["document", "type"]]

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
            field("holidays", "list", N_("Holidays"), add=N_("Add holiday"),
                  scalar=field("date", "date", N_("Holiday date"))),
            field("services", "list", N_("Services"), of=["service"]),
            field("requests", "list", N_("Requests"), of=["request"]),
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
        "docfield": record(N_("Field"), [
            field("name", "text", N_("Name")),
            field("value", "text", N_("Value")),
        ], add=N_("Add field"), summary="name"),
    },
}

PREVIEW = {"at_type": "request", "open": "[data-request=\"{id}\"]",
           "navigation": ".asn-queue-open, .asn-back"}


def insights(content: Content, problems: list, gettext: Callable[[str], str],
             locale: str) -> dict[str, Any]:  # pylint: disable=unused-argument
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
            if item.met:
                text = gettext(N_("{requirement}: met by document \"{document}\"")).format(
                    requirement=label, document=item.document.id)
            elif item.document is not None:
                text = gettext(N_("{requirement}: not met, document \"{document}\" is not "
                                  "valid")).format(requirement=label, document=item.document.id)
            else:
                text = gettext(N_("{requirement}: not met, no document of type \"{type}\""
                                  )).format(requirement=label, type=item.requirement.document)
            lines.append(text)
        lines.append(gettext(N_("Points: {points}")).format(
            points=rules.request_maximum(content, request)))
        items[request.id] = {"title": gettext(N_("Expected outcome (what learners are graded "
                                                 "against)")), "lines": lines}
    return {"sections": [], "items": items}
