"""Grading one submitted request form against the expected outcome, with explanations.

Points: 1 per requirement judged right, 2 for the decision, 1 for the route,
1 for the due date. Every item carries a *why*: a message template (``N_``) naming the
requirement, the document (by its title) and the rule that decides it, so a learner who got
it wrong learns what to look at next time.

A graded result is plain JSON (stored in the attempt): each item keeps a message ``code``
and raw ``params`` (labels, titles, ISO dates), and ``render_result`` turns them into text
for the learner's locale at view time. Param names ending in ``_iso`` hold a date and those
ending in ``_isos`` a list of dates, and those ending in ``_msg`` a message id (a label)
translated at view time; they are formatted and renamed without the suffix.

What the learner sees of a result (``render_result``):

* ``reveal.correctness`` → points, the ok flag of every item and its *why* message (which
  requirement, which document and its issue, which rule). Because a requirement is met or
  not, its ok flag already tells the truth, so the why adds no secret beyond it; for the
  route the why names the unit only when it is the service's own unit, already shown on the
  service card; for the due date the why states the rule, the number of working days and
  the holidays skipped, not the date.
* ``reveal.answers`` → also the expected value of every item (``expected`` and a readable
  ``expected_label``): met / not met, the expected decision, the unit, the due date; and the
  explanation itself names the right unit of a request routed elsewhere and the right due
  date (the item's ``answer_code``, appended to its message).

A rejection names the applicant's ``reason`` (wording ``decision-reject-reason``) whenever the
explanation is shown: the rule the learner missed, in the desk's own words. Requirements are
always named by their label, never by the document-type id.
"""
from __future__ import annotations

from typing import Any

from ..core.engine_api import Gettext, Reveal, identity
from ..core.formatting import format_date
from ..core.i18n import N_
from . import filing, rules
from .model import (
    APPROVE,
    DECISION_POINTS,
    DUE_POINTS,
    REJECT,
    REQUEST_COMPLETION,
    ROUTE_POINTS,
    Content,
    Request,
    parse_iso,
)

REQUIREMENT = "requirement"
DECISION = "decision"
ROUTE = "route"
DUE = "due"

DECISION_LABELS = {
    APPROVE: N_("Approve"),
    REQUEST_COMPLETION: N_("Return to be completed"),
    REJECT: N_("Reject"),
}
MET_LABEL = N_("Met")
NOT_MET_LABEL = N_("Not met")

MESSAGES = {
    "req-met": N_("The {requirement} requirement is met: the document “{document}” is attached "
                  "and valid."),
    "req-invalid": N_("The {requirement} (document “{document}”) is not valid: {issue}"),
    "req-invalid-plain": N_("The {requirement} (document “{document}”) is not valid."),
    "req-missing": N_("No document for the {requirement} requirement was attached, so the "
                      "requirement is not met."),
    "decision-approve": N_("Eligible applicants with complete requirements are approved."),
    "decision-completion": N_("Incomplete files are returned to be completed (UU 25/2009). "
                              "Not met: {missing}."),
    "decision-reject": N_("Applicants who are not eligible are rejected."),
    "decision-reject-reason": N_("Applicants who are not eligible are rejected. This applicant "
                                 "is not eligible: {reason}."),
    "route-service": N_("Requests for {service} are handled by {unit}, the unit responsible for "
                        "the service."),
    "route-other": N_("This request is not handled by the unit usually responsible for "
                      "{service}: the note and the documents tell where it belongs."),
    "due-rule": N_("Count {days} working days after the submission day ({submitted}): the "
                   "submission day itself is not counted, and Saturdays and Sundays are "
                   "skipped."),
    "due-rule-holidays": N_("Count {days} working days after the submission day ({submitted}): "
                            "the submission day itself is not counted, Saturdays and Sundays "
                            "are skipped, and so are the holidays in this period: {holidays}."),
    # appended to the explanation only when show_answer lets the answers be seen
    "answer-route": N_("The right unit is {unit}."),
    "answer-due": N_("The right due date is {due}."),
    "due-unknown": N_("The due date cannot be computed: the request's submission date or the "
                      "service's time limit is not usable."),
    **filing.MESSAGES,  # records: one renderer for both kinds of task
}
ITEM_LABELS = {DECISION: N_("Decision"), ROUTE: N_("Route to"), DUE: N_("Due date"),
               **filing.ITEM_LABELS}


def grade(content: Content, request: Request, form: dict[str, Any]) -> dict[str, Any]:
    """The graded result of ``form`` (a validated, possibly incomplete form) for ``request``.

    Missing parts simply count as wrong, so a stored form can be regraded after the author
    added a requirement.
    """
    truth = rules.expected(content, request)
    service_name = truth.service.name if truth.service else request.service
    judged = form.get("requirements") or {}
    items: list[dict[str, Any]] = []

    for item in truth.requirements:
        req = item.requirement
        entry = judged.get(req.id) or {}
        given = entry.get("met")
        given = given if isinstance(given, bool) else None
        params: dict[str, Any] = {"requirement": req.label or req.id}
        if item.met:
            code = "req-met"
            params["document"] = item.document.title if item.document else ""
        elif item.document is not None:
            params["document"] = item.document.title
            if item.document.issue:
                code = "req-invalid"
                params["issue"] = item.document.issue
            else:
                code = "req-invalid-plain"
        else:
            code = "req-missing"
            params["type"] = req.document
        ok = given is item.met
        items.append(_item(REQUIREMENT, req.id, ok, 1, req.competency, code, params,
                           given=given, expected=item.met, label=req.label or req.id))

    process = request.process_competency
    if truth.decision == REJECT:
        # the code stays "decision-reject" (analytics count rules by code); a reason picks
        # the "-reason" wording in ``message``
        code = "decision-reject"
        params = {"reason": request.reason.rstrip(". ")} if request.reason else {}
    elif truth.decision == APPROVE:
        code, params = "decision-approve", {}
    else:
        code = "decision-completion"
        params = {"missing": [u.requirement.label or u.requirement.id for u in truth.unmet]}
    given_decision = form.get("decision")
    items.append(_item(DECISION, DECISION, given_decision == truth.decision, DECISION_POINTS,
                       process, code, params, given=given_decision, expected=truth.decision))

    unit = content.unit(truth.route)
    unit_name = unit.name if unit and unit.name else truth.route
    answer: dict[str, Any] = {}
    if request.route and truth.service and request.route != truth.service.unit:
        code, params = "route-other", {"service": service_name}
        # the hidden unit is named only under reveal.answers (see render_result)
        answer = {"answer_code": "answer-route", "answer_params": {"unit": unit_name}}
    else:
        code, params = "route-service", {"service": service_name, "unit": unit_name}
    given_route = form.get("route")
    items.append(_item(ROUTE, ROUTE, bool(truth.route) and given_route == truth.route,
                       ROUTE_POINTS, process, code, params, given=given_route,
                       expected=truth.route, expected_name=unit_name, **answer))

    given_due = form.get("due")
    if truth.due is None:
        items.append(_item(DUE, DUE, False, DUE_POINTS, process, "due-unknown", {},
                           given=given_due, expected=None))
    else:
        params = {"days": len(truth.due.working_days), "submitted_iso": request.submitted}
        code = "due-rule"
        if truth.due.skipped_holidays:
            code = "due-rule-holidays"
            params["holidays_isos"] = [d.isoformat() for d in truth.due.skipped_holidays]
        due_iso = truth.due.due.isoformat()
        given_date = parse_iso(given_due) if isinstance(given_due, str) else None
        items.append(_item(DUE, DUE, given_date == truth.due.due, DUE_POINTS, process, code,
                           params, given=given_due, expected=due_iso,
                           answer_code="answer-due", answer_params={"due_iso": due_iso}))

    return {
        "earned": sum(i["earned"] for i in items),
        "possible": sum(i["possible"] for i in items),
        "items": items,
    }


def _item(kind: str, item_id: str, ok: bool, points: int, competency: str | None, code: str,
          params: dict[str, Any], **extra: Any) -> dict[str, Any]:
    return {"kind": kind, "id": item_id, "ok": bool(ok), "earned": points if ok else 0,
            "possible": points, "competency": competency, "code": code, "params": params,
            **extra}


# --- rendering ---------------------------------------------------------------------------

def _format_param(name: str, value: Any, gettext: Gettext, locale: str) -> tuple[str, str]:
    if name.endswith("_msg"):  # a message id (a label): translated at view time
        return name[:-4], gettext(str(value))
    if name.endswith("_isos"):
        dates = [parse_iso(v) for v in value]
        return name[:-5], ", ".join(format_date(d, locale) if d else str(v)
                                    for d, v in zip(dates, value))
    if name.endswith("_iso"):
        day = parse_iso(value)
        return name[:-4], format_date(day, locale) if day else str(value)
    if isinstance(value, list):
        return name, ", ".join(str(v) for v in value)
    return name, str(value)


def message(code: str, params: dict[str, Any], gettext: Gettext = identity,
            locale: str = "en") -> str:
    if params.get("reason") and f"{code}-reason" in MESSAGES:
        code = f"{code}-reason"
    template = gettext(MESSAGES.get(code, code))
    values = dict(_format_param(k, v, gettext, locale) for k, v in params.items())
    try:
        return template.format(**values)
    except (KeyError, IndexError, ValueError):
        return template


def expected_label(item: dict[str, Any], gettext: Gettext = identity, locale: str = "en") -> str:
    expected = item.get("expected")
    kind = item.get("kind")
    if kind == REQUIREMENT:
        return gettext(MET_LABEL if expected else NOT_MET_LABEL)
    if kind == DECISION:
        return gettext(DECISION_LABELS.get(expected, expected) if isinstance(expected, str)
                       else str(expected))
    if kind == ROUTE:
        return str(item.get("expected_name") or expected or "")
    if kind == DUE:
        day = parse_iso(expected) if isinstance(expected, str) else None
        return format_date(day, locale) if day else ""
    if kind in filing.KINDS:
        return filing.expected_label(item, gettext)
    return ""


def item_label(item: dict[str, Any], gettext: Gettext = identity) -> str:
    if item.get("kind") == REQUIREMENT:
        return str(item.get("label") or item.get("id"))
    kind = item.get("kind")
    return gettext(ITEM_LABELS.get(kind, kind) if isinstance(kind, str) else str(kind))


def render_result(result: dict[str, Any], reveal: Reveal, gettext: Gettext = identity,
                  locale: str = "en") -> dict[str, Any] | None:
    """What the browser gets of a graded result under ``reveal`` (see the module docstring).
    None when neither correctness nor answers may be shown."""
    if not (reveal.correctness or reveal.answers):
        return None
    items = []
    for item in result.get("items", []):
        row: dict[str, Any] = {"kind": item["kind"], "id": item["id"],
                               "label": item_label(item, gettext),
                               "ok": None, "earned": None, "possible": None, "message": None,
                               "expected": None, "expected_label": None}
        if reveal.correctness:
            text = message(item["code"], item.get("params", {}), gettext, locale)
            if reveal.answers and item.get("answer_code"):
                text += " " + message(item["answer_code"], item.get("answer_params", {}),
                                      gettext, locale)
            row.update(ok=item["ok"], earned=item["earned"], possible=item["possible"],
                       message=text)
        if reveal.answers:
            row.update(expected=item.get("expected"),
                       expected_label=expected_label(item, gettext, locale))
        items.append(row)
    return {
        "earned": result.get("earned") if reveal.correctness else None,
        "possible": result.get("possible") if reveal.correctness else None,
        "items": items,
    }
