"""Checks on a desk's content, reported to Studio as problems (errors block a save).

Id scopes: units, services, requests, records and declared competencies share one namespace
(they are the ids the learner's browser and the reports use; requests and records share one
queue); requirement ids are unique within
their service and document ids within their request, so two services may both have a
``ktp`` requirement and every request may call its first document ``d1``.
"""
from __future__ import annotations

from ..core import competencies as catalogue
from ..core.i18n import N_
from ..core.problems import Problem, duplicate_ids, error, warning
from . import calendar
from .model import FEEDBACK_MODES, MAX_SLA_DAYS, PRIORITIES, Content, Request, Service, parse_iso

MIN_YEAR = 2000
MAX_YEAR = 2100
LANGS = ("id", "en")


def date_ok(text: str) -> bool:
    day = parse_iso(text)
    return day is not None and MIN_YEAR <= day.year <= MAX_YEAR


def validate(content: Content) -> list[Problem]:
    problems: list[Problem] = []
    problems += _root(content)
    problems += _ids(content)
    problems += _competencies(content)
    problems += _units(content)
    problems += _holidays(content)
    for service in content.services:
        problems += _service(content, service)
    used_types = {req.document for s in content.services for req in s.requirements if req.document}
    for request in content.requests:
        problems += _request(content, request, used_types)
    problems += _routing(content)
    problems += _calendar(content)
    from .archive_validation import validate_archive

    problems += validate_archive(content, date_ok, _check_competency)
    return problems


def _routing(content: Content) -> list[Problem]:
    """The learner sees each request's service and so its unit, which is the expected route
    of every request without a ``route`` of its own: when no request routes elsewhere, the
    route point is free for anyone who copies the unit shown."""
    candidates = [(request, content.service(request.service)) for request in content.requests]
    pairs = [(request, service) for request, service in candidates
             if service is not None and service.unit]
    if not pairs or any(request.route and request.route != service.unit for request, service in pairs):
        return []
    return [warning("routing-not-a-decision",
                    N_("Routing is not a decision here: every request goes to its service's own "
                       "unit, which the learner sees beside the request. Give some requests a "
                       "route=\"...\" to the unit that must handle them instead, so that the "
                       "learner has to judge where each request belongs."))]


def _root(content: Content) -> list[Problem]:
    problems = []
    if content.feedback not in FEEDBACK_MODES:
        problems.append(error("bad-feedback", N_("feedback must be \"immediate\" or \"end\", not "
                                                 "\"{value}\"."), None, value=content.feedback))
    if content.lang and content.lang not in LANGS:
        problems.append(warning("bad-lang", N_("lang should be \"id\" or \"en\", not \"{value}\"."),
                                None, value=content.lang))
    # a records desk needs no units or services; a desk needs something to work on
    if not content.units and (content.requests or not content.records):
        problems.append(error("no-units", N_("The desk has no units: add at least one <unit>.")))
    if not content.services and (content.requests or not content.records):
        problems.append(error("no-services", N_("The desk has no services: add at least one "
                                                "<service>.")))
    if not content.requests and not content.records:
        problems.append(error("no-requests", N_("The desk has no requests: add at least one "
                                                "<request>.")))
    return problems


def _missing_id(kind: str) -> Problem:
    return error("missing-id", N_("A <{kind}> has no id."), None, kind=kind)


def _ids(content: Content) -> list[Problem]:
    problems = []
    block_ids: list[tuple[str, str]] = []
    for kind, items in (("competency", content.competencies), ("unit", content.units),
                        ("service", content.services), ("request", content.requests),
                        ("record", content.records)):
        for item in items:
            if not item.id:
                problems.append(_missing_id(kind))
            else:
                block_ids.append((kind, item.id))
    problems += duplicate_ids(block_ids)
    for service in content.services:
        scoped = []
        for req in service.requirements:
            if not req.id:
                problems.append(_missing_id("requirement"))
            else:
                scoped.append(("requirement", req.id))
        problems += duplicate_ids(scoped)
    for request in content.requests:
        scoped = []
        for doc in request.documents:
            if not doc.id:
                problems.append(_missing_id("document"))
            else:
                scoped.append(("document", doc.id))
        problems += duplicate_ids(scoped)
    return problems


def _competencies(content: Content) -> list[Problem]:
    return [warning("competency-no-label", N_("The competency \"{id}\" has no label."), c.id, id=c.id)
            for c in content.competencies if c.id and not c.label]


def _check_competency(content: Content, competency: str | None, item_id: str) -> list[Problem]:
    if competency and not catalogue.is_known(competency, content.declared):
        return [error("unknown-competency",
                      N_("\"{item}\" uses the unknown competency \"{competency}\": use a built-in "
                         "one or declare it with <competency id=\"...\" label=\"...\"/>."),
                      item_id, item=item_id, competency=competency)]
    return []


def _units(content: Content) -> list[Problem]:
    return [error("unit-no-name", N_("The unit \"{id}\" has no name."), u.id, id=u.id)
            for u in content.units if not u.name]


def _calendar(content: Content) -> list[Problem]:
    """An official calendar must be one the package knows, and every year a request's time
    limit can reach must be one the library has (estimated lunar dates are said too)."""
    if not content.calendar:
        return []
    if content.calendar not in calendar.CALENDARS:
        return [error("bad-calendar",
                      N_("calendar must be \"id\" (Indonesia's national holidays), \"id_cuti\" "
                         "(also the cuti bersama days) or left out, not \"{value}\"."),
                      None, value=content.calendar)]
    problems: list[Problem] = []
    said: set[int] = set()
    for request in content.requests:
        service = content.service(request.service)
        submitted = request.submitted_date
        if submitted is None or service is None or service.sla_value is None:
            continue
        start, end = submitted, calendar.compute(submitted, service.sla_value, set()).due
        for year in range(start.year, end.year + 1):
            if year in said:
                continue
            cover = calendar.coverage(content.calendar, year)
            if cover == calendar.COVER_NONE:
                said.add(year)
                first, last = calendar.library_range(content.calendar)
                problems.append(warning(
                    "calendar-year-not-covered",
                    N_("The request \"{id}\" runs into {year}, a year the holiday calendar "
                       "does not cover (it has {first} to {last}): list that year's holidays "
                       "with <holiday>."), request.id, id=request.id, year=year,
                    first=first, last=last))
            elif cover == calendar.COVER_ESTIMATED:
                said.add(year)
                problems.append(warning(
                    "calendar-year-estimated",
                    N_("The request \"{id}\" runs into {year}, for which the holiday calendar "
                       "only estimates some dates (lunar holidays not yet fixed by the "
                       "government): check them and correct with <holiday> and <workday>."),
                    request.id, id=request.id, year=year))
    return problems


def _holidays(content: Content) -> list[Problem]:
    problems = []
    for text in content.workdays:
        if not date_ok(text):
            problems.append(error("bad-workday-date",
                                  N_("The working day \"{value}\" is not a date written as "
                                     "YYYY-MM-DD between {min} and {max}."),
                                  None, value=text, min=MIN_YEAR, max=MAX_YEAR))
        elif text in content.holidays:
            problems.append(warning("workday-and-holiday",
                                    N_("{value} is listed both as a holiday and as a working "
                                       "day: it counts as a working day."), None, value=text))
    seen: set[str] = set()
    for text in content.holidays:
        if not date_ok(text):
            problems.append(error("bad-holiday-date",
                                  N_("The holiday date \"{value}\" is not a date written as "
                                     "YYYY-MM-DD between {min} and {max}."),
                                  None, value=text, min=MIN_YEAR, max=MAX_YEAR))
        elif text in seen:
            problems.append(warning("duplicate-holiday", N_("The holiday {value} is listed twice."),
                                    None, value=text))
        seen.add(text)
    return problems


def _service(content: Content, service: Service) -> list[Problem]:
    sid = service.id
    problems = []
    if not service.name:
        problems.append(error("service-no-name", N_("The service \"{id}\" has no name."), sid, id=sid))
    if service.sla_value is None:
        problems.append(error("bad-sla-days",
                              N_("The service \"{id}\" has sla_days=\"{value}\": it must be a whole "
                                 "number of working days from 1 to {max}."),
                              sid, id=sid, value=service.sla_days, max=MAX_SLA_DAYS))
    if service.fee_value is None:
        problems.append(error("bad-fee", N_("The service \"{id}\" has fee=\"{value}\": it must be a "
                                            "number of Rupiah, 0 or more."),
                              sid, id=sid, value=service.fee))
    if not service.unit:
        problems.append(error("service-no-unit", N_("The service \"{id}\" names no unit."), sid, id=sid))
    elif content.unit(service.unit) is None:
        problems.append(error("unknown-unit", N_("The service \"{id}\" refers to the unknown unit "
                                                 "\"{unit}\"."), sid, id=sid, unit=service.unit))
    if not service.requirements:
        problems.append(warning("service-no-requirements",
                                N_("The service \"{id}\" has no requirements."), sid, id=sid))
    types_seen: set[str] = set()
    for req in service.requirements:
        if not req.label:
            problems.append(error("requirement-no-label",
                                  N_("The requirement \"{id}\" of the service \"{service}\" has no "
                                     "label."), req.id, id=req.id, service=sid))
        if not req.document:
            problems.append(error("requirement-no-document",
                                  N_("The requirement \"{id}\" of the service \"{service}\" names no "
                                     "document type (document=\"...\")."),
                                  req.id, id=req.id, service=sid))
        elif req.document in types_seen:
            problems.append(warning("requirement-same-document",
                                    N_("Two requirements of the service \"{service}\" are met by the "
                                       "same document type \"{type}\"."),
                                    req.id, service=sid, type=req.document))
        types_seen.add(req.document)
        problems += _check_competency(content, req.competency, req.id or sid)
    return problems


def _request(content: Content, request: Request, used_types: set[str]) -> list[Problem]:
    rid = request.id
    problems = []
    if not request.applicant:
        problems.append(error("request-no-applicant", N_("The request \"{id}\" names no applicant."),
                              rid, id=rid))
    if not request.service:
        problems.append(error("request-no-service", N_("The request \"{id}\" names no service."),
                              rid, id=rid))
    elif content.service(request.service) is None:
        problems.append(error("unknown-service", N_("The request \"{id}\" refers to the unknown "
                                                    "service \"{service}\"."),
                              rid, id=rid, service=request.service))
    if request.route and content.unit(request.route) is None:
        problems.append(error("unknown-route", N_("The request \"{id}\" is routed to the unknown unit "
                                                  "\"{unit}\"."), rid, id=rid, unit=request.route))
    if not date_ok(request.submitted):
        problems.append(error("bad-submitted-date",
                              N_("The request \"{id}\" has submitted=\"{value}\": write a date as "
                                 "YYYY-MM-DD between {min} and {max}."),
                              rid, id=rid, value=request.submitted, min=MIN_YEAR, max=MAX_YEAR))
    if request.priority not in PRIORITIES:
        problems.append(error("bad-priority", N_("The request \"{id}\" has priority=\"{value}\": use "
                                                 "\"normal\" or \"urgent\"."),
                              rid, id=rid, value=request.priority))
    if not request.eligible and not request.reason:
        problems.append(warning("reject-no-reason",
                                N_("The request \"{id}\" is not eligible but gives no reason: "
                                   "add reason=\"...\" (e.g. the business capital is above the "
                                   "micro limit), so that the explanation can name the rule the "
                                   "learner missed."), rid, id=rid))
    problems += _check_competency(content, request.competency, rid)
    if not request.documents:
        problems.append(error("request-no-documents",
                              N_("The request \"{id}\" has no documents attached."), rid, id=rid))
    for doc in request.documents:
        if not doc.type:
            problems.append(error("document-no-type", N_("The document \"{doc}\" of the request "
                                                         "\"{id}\" has no type."),
                                  doc.id or rid, id=rid, doc=doc.id))
        elif doc.type not in used_types:
            problems.append(warning("unused-document-type",
                                    N_("The document \"{doc}\" of the request \"{id}\" has the type "
                                       "\"{type}\", which no requirement of any service uses."),
                                    doc.id or rid, id=rid, doc=doc.id, type=doc.type))
        if not doc.title:
            problems.append(error("document-no-title", N_("The document \"{doc}\" of the request "
                                                          "\"{id}\" has no title."),
                                  doc.id or rid, id=rid, doc=doc.id))
        for item in doc.fields:
            if not item.name:
                problems.append(error("field-no-name", N_("A field of the document \"{doc}\" of the "
                                                          "request \"{id}\" has no name."),
                                      doc.id or rid, id=rid, doc=doc.id))
    return problems
