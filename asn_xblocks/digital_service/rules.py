"""The server-side truth for a request: what a careful desk officer would decide.

A requirement is met when a document of its type is
attached and not ``valid="false"``; the decision is ``reject`` when the applicant is not
eligible, else ``approve`` when every requirement is met, else ``request_completion``
(UU 25/2009: incomplete files are returned to be completed); the route is the request's
``route`` or the service's unit; the due date comes from the working-day calendar: the
official holidays of the desk's ``calendar`` plus its ``<holiday>`` dates minus its
``<workday>`` dates.

Nothing here is ever sent to the browser before the learner submits the request.
"""
from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field

from . import calendar
from .model import (
    APPROVE,
    DECISION_POINTS,
    DUE_POINTS,
    REJECT,
    REQUEST_COMPLETION,
    ROUTE_POINTS,
    Content,
    Document,
    Request,
    Requirement,
    Service,
)


@dataclass(frozen=True)
class RequirementTruth:
    requirement: Requirement
    met: bool
    document: Document | None  # the valid document that meets it, else the invalid one seen


@dataclass(frozen=True)
class Expected:
    request: Request
    service: Service | None
    requirements: list[RequirementTruth] = field(default_factory=list)
    decision: str = APPROVE
    route: str = ""
    due: calendar.DueDate | None = None  # None when the content's dates/SLA are unusable

    @property
    def due_date(self) -> _dt.date | None:
        return self.due.due if self.due else None

    @property
    def unmet(self) -> list[RequirementTruth]:
        return [item for item in self.requirements if not item.met]


def _named_holidays(content: Content, years: range, locale: str) -> dict[_dt.date, str]:
    """The desk's holidays in ``years``, computed once per content and kept on it (a queue
    asks for the same years hundreds of times); the key holds what they derive from, so an
    edited desk never reads a stale list."""
    cache = content.__dict__.setdefault("_holiday_cache", {})
    key = (content.calendar, tuple(content.holidays), tuple(content.workdays),
           years.start, years.stop, locale)
    if key not in cache:
        if len(cache) > 64:  # a bound: years and locales are few
            cache.clear()
        cache[key] = calendar.desk_holidays(content.calendar, content.added_holidays,
                                            content.workday_dates, years, locale)
    return cache[key]


def holidays_for(content: Content, submitted: _dt.date, sla_days: int,
                 locale: str = "id") -> dict[_dt.date, str]:
    """The desk's holidays, named in ``locale``, for every year a time limit of ``sla_days``
    from ``submitted`` can reach: the official calendar's (``calendar="id"``) plus the
    author's ``<holiday>`` dates minus the author's ``<workday>`` dates."""
    return _named_holidays(content, calendar.span_years(submitted, sla_days), locale)


def window_holidays(content: Content, submitted: _dt.date, sla_days: int,
                    locale: str = "id") -> list[tuple[_dt.date, str]]:
    """The named holidays falling in the request's window (what the learner is shown beside
    the due date), in date order."""
    start, end = calendar.window(submitted, sla_days)
    named = _named_holidays(content, range(start.year, end.year + 1), locale)
    return sorted((day, name) for day, name in named.items() if start <= day <= end)


def judge_requirement(requirement: Requirement, request: Request) -> RequirementTruth:
    of_type = [doc for doc in request.documents if doc.type == requirement.document]
    valid = [doc for doc in of_type if doc.valid]
    if valid:
        return RequirementTruth(requirement, True, valid[0])
    return RequirementTruth(requirement, False, of_type[0] if of_type else None)


def expected(content: Content, request: Request) -> Expected:
    service = content.service(request.service)
    truths = [judge_requirement(req, request) for req in (service.requirements if service else [])]
    if not request.eligible:
        decision = REJECT
    elif all(item.met for item in truths):
        decision = APPROVE
    else:
        decision = REQUEST_COMPLETION
    route = request.route or (service.unit if service else "")
    due = None
    submitted = request.submitted_date
    sla = service.sla_value if service else None
    if submitted is not None and sla is not None:
        due = calendar.compute(submitted, sla, holidays_for(content, submitted, sla).keys())
    return Expected(request=request, service=service, requirements=truths,
                    decision=decision, route=route, due=due)


def request_maximum(content: Content, request: Request) -> int:
    """Points a request is worth: 1 per requirement + 2 decision + 1 route + 1 due date."""
    service = content.service(request.service)
    count = len(service.requirements) if service else 0
    return count + DECISION_POINTS + ROUTE_POINTS + DUE_POINTS
