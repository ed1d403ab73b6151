"""The server-side truth for a request: what a careful desk officer would decide.

PRODUCT.md "asn_digital_service": a requirement is met when a document of its type is
attached and not ``valid="false"``; the decision is ``reject`` when the applicant is not
eligible, else ``approve`` when every requirement is met, else ``request_completion``
(UU 25/2009: incomplete files are returned to be completed); the route is the request's
``route`` or the service's unit; the due date comes from the working-day calendar.

Nothing here is ever sent to the browser before the learner submits the request.
"""
from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field

from . import calendar
from .model import (APPROVE, DECISION_POINTS, DUE_POINTS, REJECT, REQUEST_COMPLETION, ROUTE_POINTS,
                    Content, Document, Request, Requirement, Service)


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
        due = calendar.compute(submitted, sla, content.holiday_dates)
    return Expected(request=request, service=service, requirements=truths,
                    decision=decision, route=route, due=due)


def request_maximum(content: Content, request: Request) -> int:
    """Points a request is worth: 1 per requirement + 2 decision + 1 route + 1 due date."""
    service = content.service(request.service)
    count = len(service.requirements) if service else 0
    return count + DECISION_POINTS + ROUTE_POINTS + DUE_POINTS
