"""Content model of the Digital Public-Service Exercise (``asn_digital_service``) and its OLX.

A *desk* is a set of units (offices a request can be routed to), holidays, services (each
with a service standard: requirements, time limit in working days, fee, responsible unit)
and a queue of incoming requests, each carrying the documents the applicant attached.

Parsing is tolerant on purpose: unknown references, bad dates or a non-numeric
``sla_days`` are kept *as written* (dates and numbers stay strings) so that
``validation.validate`` can tell Studio exactly what is wrong. Only a foreign root element is
refused. HTML-bearing elements (``intro``, ``note``) are sanitized once, here, on import.
Root attributes the shell owns (display_name, weight, max_attempts, ...) are neither read
nor written.
"""
from __future__ import annotations

import datetime as _dt
import functools
import re
from dataclasses import asdict, dataclass, field
from typing import Any

from lxml import etree

from ..core import olx
from ..core.i18n import N_
from . import archive

# Document and Field are imported from here by older code: the documents module owns them now
from .documents import Document, Field, document_from_dict, export_document, flag, parse_document  # noqa: F401 - re-exported: older importers (benchmarks) name model

TAG = "asn_digital_service"

FEEDBACK_IMMEDIATE = "immediate"
FEEDBACK_END = "end"
FEEDBACK_MODES = (FEEDBACK_IMMEDIATE, FEEDBACK_END)

PRIORITY_NORMAL = "normal"
PRIORITY_URGENT = "urgent"
PRIORITIES = (PRIORITY_NORMAL, PRIORITY_URGENT)

APPROVE = "approve"
REQUEST_COMPLETION = "request_completion"
REJECT = "reject"
DECISIONS = (APPROVE, REQUEST_COMPLETION, REJECT)

# Points of a request besides its requirements: 2 for the decision, 1 each for the route
# and the due date.
DECISION_POINTS = 2
ROUTE_POINTS = 1
DUE_POINTS = 1

# Decision, route and due-date points count towards this competency unless the request
# names another with competency="...".
DEFAULT_COMPETENCY = "pelayanan_publik"

# A service time limit beyond a year of working days is an authoring mistake; the bound
# also keeps the working-day calendar from looping on hostile content.
MAX_SLA_DAYS = 365

_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def parse_iso(text: str | None) -> _dt.date | None:
    """A date written strictly as YYYY-MM-DD, or None (validation reports it)."""
    if not isinstance(text, str):
        return None
    if len(text) > _KEPT_DATE_TEXT:  # never a date unless padded: not kept
        return _parse_iso_text.__wrapped__(text)
    return _parse_iso_text(text)


_KEPT_DATE_TEXT = 40


@functools.lru_cache(maxsize=4096)
def _parse_iso_text(text: str) -> _dt.date | None:
    """Kept per short text: a desk's view reads each task's dates on every render and
    action (``make bench``); a date is immutable. Forms are the learner's, so what is kept
    is bounded in count and length."""
    if not _ISO_DATE.match(text.strip()):
        return None
    try:
        return _dt.date.fromisoformat(text.strip())
    except ValueError:
        return None


_DAY_FIRST = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")


def parse_typed_date(text: str | None) -> _dt.date | None:
    """A date a learner typed: ISO ``YYYY-MM-DD`` or day-first ``DD/MM/YYYY`` (the
    Indonesian way, also ``D/M/YYYY``), or None when it cannot be read. A slashed date is
    always day first in this package (the English UI asks for ISO), so no form is
    ambiguous."""
    if not isinstance(text, str):
        return None
    match = _DAY_FIRST.match(text.strip())
    if match is None:
        return parse_iso(text)
    day, month, year = (int(part) for part in match.groups())
    try:
        return _dt.date(year, month, day)
    except ValueError:
        return None


@dataclass
class Competency:
    id: str
    label: str = ""


@dataclass
class Unit:
    """An office a request can be routed to (e.g. DPMPTSP, Disdukcapil, Dinas PUPR)."""

    id: str
    name: str = ""


@dataclass
class Requirement:
    """One line of the service standard's *persyaratan*, met by a document of one type."""

    id: str
    label: str = ""
    document: str = ""  # the document type that meets it
    competency: str | None = None


@dataclass
class Service:
    id: str
    name: str = ""
    sla_days: str = ""  # as written; see ``sla_value``
    unit: str = ""
    fee: str = "0"  # Rupiah, as written; see ``fee_value``
    requirements: list[Requirement] = field(default_factory=list)

    @property
    def sla_value(self) -> int | None:
        """The time limit in working days, or None when it is not a usable positive integer."""
        text = self.sla_days.strip()
        if not text.isdigit():
            return None
        value = int(text)
        return value if 1 <= value <= MAX_SLA_DAYS else None

    @property
    def fee_value(self) -> float | None:
        try:
            value = float(self.fee.strip() or "0")
        except ValueError:
            return None
        if value != value or value in (float("inf"), float("-inf")) or value < 0:
            return None
        return value

    def requirement(self, requirement_id: str) -> Requirement | None:
        for item in self.requirements:
            if item.id == requirement_id:
                return item
        return None


@dataclass
class Request:
    id: str
    service: str = ""
    applicant: str = ""
    submitted: str = ""  # ISO date as written
    eligible: bool = True  # hidden truth
    reason: str = ""  # plain text: why the applicant is not eligible; never sent before submit
    route: str = ""  # hidden: the unit when it differs from the service's
    priority: str = PRIORITY_NORMAL
    competency: str | None = None  # for the decision, route and due-date points
    documents: list[Document] = field(default_factory=list)
    note_html: str = ""

    @property
    def submitted_date(self) -> _dt.date | None:
        return parse_iso(self.submitted)

    @property
    def process_competency(self) -> str:
        return self.competency or DEFAULT_COMPETENCY


@dataclass
class Content:
    intro_html: str = ""
    feedback: str = FEEDBACK_IMMEDIATE
    shuffle: bool = False
    lang: str = ""
    competencies: list[Competency] = field(default_factory=list)
    units: list[Unit] = field(default_factory=list)
    calendar: str = ""  # "" (only the listed holidays) or an official calendar ("id", "id_cuti")
    holidays: list[str] = field(default_factory=list)  # ISO dates as written: added days
    workdays: list[str] = field(default_factory=list)  # ISO dates as written: removed days
    services: list[Service] = field(default_factory=list)
    requests: list[Request] = field(default_factory=list)
    # records to file (archive.py): the classification scheme, the JRA and the records
    classifications: list[archive.Classification] = field(default_factory=list)
    retentions: list[archive.Retention] = field(default_factory=list)
    records: list[archive.Record] = field(default_factory=list)

    # --- lookups (content is small: linear scans keep the model a plain dataclass) ----
    def unit(self, unit_id: str) -> Unit | None:
        return next((u for u in self.units if u.id == unit_id), None)

    def service(self, service_id: str) -> Service | None:
        return next((s for s in self.services if s.id == service_id), None)

    def request(self, request_id: str) -> Request | None:
        return next((r for r in self.requests if r.id == request_id), None)

    def record(self, record_id: str) -> archive.Record | None:
        return next((r for r in self.records if r.id == record_id), None)

    def scheme(self) -> dict[str, str]:
        return archive.scheme_of(self.classifications)

    def schedule(self) -> dict[str, archive.Retention]:
        return archive.schedule_of(self.retentions)

    @property
    def declared(self) -> dict[str, str]:
        return {c.id: c.label for c in self.competencies}

    @property
    def holiday_dates(self) -> set[_dt.date]:
        """The author's added holidays (the official calendar's come from ``calendar``)."""
        return {d for d in (parse_iso(h) for h in self.holidays) if d is not None}

    @property
    def added_holidays(self) -> dict[_dt.date, str]:
        """The author's holidays, unnamed (the learner's view calls them the desk's own)."""
        return {day: "" for day in self.holiday_dates}

    @property
    def workday_dates(self) -> set[_dt.date]:
        return {d for d in (parse_iso(w) for w in self.workdays) if d is not None}

    @property
    def feedback_mode(self) -> str:
        """Unknown feedback values (validation reports them) behave as the default."""
        return self.feedback if self.feedback in FEEDBACK_MODES else FEEDBACK_IMMEDIATE

    def requirement_label_for_type(self, doc_type: str, service: Service | None) -> str:
        """How a document type is called: the label of the requirement it meets (the
        request's own service first), else the bare type."""
        services = ([service] if service else []) + list(self.services)
        for svc in services:
            for req in svc.requirements:
                if req.document == doc_type:
                    return req.label or doc_type
        return doc_type


# --- OLX -------------------------------------------------------------------------------

def parse(root: etree._Element) -> Content:
    if root.tag != TAG:
        raise olx.OlxError(N_("Expected a <{expected}> element, found <{found}>."),
                           expected=TAG, found=str(root.tag))
    olx.check_element(root)
    return Content(
        intro_html=olx.child_html(root, "intro"),
        feedback=olx.attr_str(root, "feedback", FEEDBACK_IMMEDIATE),
        shuffle=olx.attr_bool(root, "shuffle", False),
        lang=olx.attr_str(root, "lang"),
        competencies=[Competency(olx.attr_str(e, "id"), olx.attr_str(e, "label"))
                      for e in olx.children(root, "competency")],
        units=[Unit(olx.attr_str(e, "id"), olx.attr_str(e, "name"))
               for e in olx.children(root, "unit")],
        calendar=olx.attr_str(root, "calendar"),
        holidays=[olx.attr_str(e, "date") for e in olx.children(root, "holiday")],
        workdays=[olx.attr_str(e, "date") for e in olx.children(root, "workday")],
        services=[_parse_service(e) for e in olx.children(root, "service")],
        requests=[_parse_request(e) for e in olx.children(root, "request")],
        **archive.parse(root),
    )


def _parse_service(element: etree._Element) -> Service:
    return Service(
        id=olx.attr_str(element, "id"),
        name=olx.attr_str(element, "name"),
        sla_days=olx.attr_str(element, "sla_days"),
        unit=olx.attr_str(element, "unit"),
        fee=olx.attr_str(element, "fee", "0") or "0",
        requirements=[
            Requirement(id=olx.attr_str(e, "id"), label=olx.attr_str(e, "label"),
                        document=olx.attr_str(e, "document"),
                        competency=olx.attr_str(e, "competency") or None)
            for e in olx.children(element, "requirement")
        ],
    )


def _parse_request(element: etree._Element) -> Request:
    return Request(
        id=olx.attr_str(element, "id"),
        service=olx.attr_str(element, "service"),
        applicant=olx.attr_str(element, "applicant"),
        submitted=olx.attr_str(element, "submitted"),
        eligible=flag(element, "eligible"),
        reason=" ".join((element.get("reason") or "").split()),
        route=olx.attr_str(element, "route"),
        priority=olx.attr_str(element, "priority", PRIORITY_NORMAL) or PRIORITY_NORMAL,
        competency=olx.attr_str(element, "competency") or None,
        documents=[parse_document(e) for e in olx.children(element, "document")],
        note_html=olx.child_html(element, "note"),
    )


def export(content: Content) -> etree._Element:
    root = etree.Element(TAG)
    olx.set_attrs(root, [
        ("feedback", content.feedback if content.feedback != FEEDBACK_IMMEDIATE else None),
        ("shuffle", True if content.shuffle else None),
        ("lang", content.lang or None),
        ("calendar", content.calendar or None),
    ])
    for comp in content.competencies:
        olx.set_attrs(etree.SubElement(root, "competency"), [("id", comp.id), ("label", comp.label)])
    olx.sub_html(root, "intro", content.intro_html)
    for unit in content.units:
        olx.set_attrs(etree.SubElement(root, "unit"), [("id", unit.id), ("name", unit.name)])
    for holiday in content.holidays:
        etree.SubElement(root, "holiday", date=holiday)
    for workday in content.workdays:
        etree.SubElement(root, "workday", date=workday)
    for service in content.services:
        element = etree.SubElement(root, "service")
        olx.set_attrs(element, [("id", service.id), ("name", service.name),
                                ("sla_days", service.sla_days), ("unit", service.unit),
                                ("fee", service.fee if service.fee != "0" else None)])
        for req in service.requirements:
            olx.set_attrs(etree.SubElement(element, "requirement"), [
                ("id", req.id), ("label", req.label), ("document", req.document),
                ("competency", req.competency)])
    for request in content.requests:
        root.append(_export_request(request))
    archive.export(root, content)
    return root


def _export_request(request: Request) -> etree._Element:
    element = etree.Element("request")
    olx.set_attrs(element, [
        ("id", request.id), ("service", request.service), ("applicant", request.applicant),
        ("submitted", request.submitted),
        ("eligible", False if not request.eligible else None),
        ("reason", request.reason or None),
        ("route", request.route or None),
        ("priority", request.priority if request.priority != PRIORITY_NORMAL else None),
        ("competency", request.competency),
    ])
    for doc in request.documents:
        export_document(element, doc)
    olx.sub_html(element, "note", request.note_html)
    return element


# --- stored form -------------------------------------------------------------------------

def to_dict(content: Content) -> dict[str, Any]:
    return asdict(content)


def from_dict(data: dict[str, Any]) -> Content:
    return Content(
        intro_html=data.get("intro_html", ""),
        feedback=data.get("feedback", FEEDBACK_IMMEDIATE),
        shuffle=bool(data.get("shuffle", False)),
        lang=data.get("lang", ""),
        competencies=[Competency(c["id"], c.get("label", "")) for c in data.get("competencies", [])],
        units=[Unit(u["id"], u.get("name", "")) for u in data.get("units", [])],
        calendar=data.get("calendar", ""),
        holidays=list(data.get("holidays", [])),
        workdays=list(data.get("workdays", [])),
        services=[
            Service(id=s["id"], name=s.get("name", ""), sla_days=s.get("sla_days", ""),
                    unit=s.get("unit", ""), fee=s.get("fee", "0"),
                    requirements=[Requirement(r["id"], r.get("label", ""), r.get("document", ""),
                                              r.get("competency"))
                                  for r in s.get("requirements", [])])
            for s in data.get("services", [])
        ],
        requests=[
            Request(id=r["id"], service=r.get("service", ""), applicant=r.get("applicant", ""),
                    submitted=r.get("submitted", ""), eligible=bool(r.get("eligible", True)),
                    reason=r.get("reason", ""), route=r.get("route", ""), priority=r.get("priority", PRIORITY_NORMAL),
                    competency=r.get("competency"), note_html=r.get("note_html", ""),
                    documents=[document_from_dict(d) for d in r.get("documents", [])])
            for r in data.get("requests", [])
        ],
        **archive.from_dict(data),
    )
