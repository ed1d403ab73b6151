"""Cohort-analytics facts of a finished service-desk attempt, and the desk's sections.

Pure Python. Each submitted form is graded against the content (``grader.grade``, as the
engine does) and every graded item becomes rows: the requirement (ok / miss, expected met
or not), the rule that decides it (the grader's message code: "invalid document → not
met", "incomplete → return to be completed", "route named in the request" …), the
decision (chosen × expected, for the confusion matrix), the route and the due date, and
the request as a whole (ok only with full points). A request the author removed since
keeps only its recorded points.
"""
from __future__ import annotations

from typing import Any

from ..core import charts
from ..core import competencies as catalogue
from ..core.charts import Bar, Ctx
from ..core.i18n import N_
from . import archive_facts, filing, grader
from .model import DECISIONS, Content

GROUPS: dict[str, tuple[str, ...]] = {
    "requirement": ("item_id", "value"),
    "rule": ("item_id", "value"),
    "decision": ("expected", "value"),
    "route": ("value",),
    "due": ("value",),
    "request": ("item_id", "value"),
    **archive_facts.GROUPS,
}
EXTRA: dict[str, tuple[str, ...]] = {}
TOP: dict[str, int] = dict(archive_facts.TOP)
SCORED_KINDS = ("requirement", "decision", "route", "due") + archive_facts.SCORED_KINDS
TOP_REQUESTS = 10

RULE_LABELS = {
    "req-met": N_("Valid document attached → requirement met"),
    "req-invalid": N_("Invalid document (with a stated issue) → not met"),
    "req-invalid-plain": N_("Invalid document → not met"),
    "req-missing": N_("Document missing → not met"),
    "decision-approve": N_("Eligible and complete → approve"),
    "decision-completion": N_("Incomplete file → return to be completed"),
    "decision-reject": N_("Not eligible → reject"),
    "route-service": N_("Route to the service's own unit"),
    "route-other": N_("Route to the unit the request belongs to"),
    "due-rule": N_("Due date: working days after submission"),
    "due-rule-holidays": N_("Due date: working days, skipping holidays"),
    "due-unknown": N_("Due date cannot be computed"),
    **archive_facts.RULE_LABELS,
}


def _forms(source: dict[str, Any]) -> dict[str, tuple[dict[str, Any], dict[str, Any]]]:
    """task id → (form, recorded points) from an attempt ("submitted") or a record
    ("requests" and "records")."""
    out = {}
    submitted = source.get("submitted")
    if isinstance(submitted, dict):
        entries = submitted
    else:
        requests = source.get("requests")
        entries = dict(requests if isinstance(requests, dict) else {})
        if isinstance(source.get("records"), dict):
            entries.update({rid: {**entry, "kind": "record"} for rid, entry
                            in source["records"].items() if isinstance(entry, dict)})
    for rid, entry in entries.items():
        if not isinstance(entry, dict):
            continue
        form = entry.get("form")
        if not isinstance(form, dict):
            form = {}
        recorded = entry.get("result")
        if not isinstance(recorded, dict):
            recorded = entry
        if entry.get("kind") == "record":
            recorded = {**recorded, "kind": "record"}
        out[rid] = (form, recorded)
    return out


def facts(content: Content, source: dict[str, Any],
          grades: dict[str, Any] | None = None) -> list[dict[str, Any]]:
    """Fact rows of one finished attempt (the engine's attempt or its answer record)."""
    rows: list[dict[str, Any]] = []
    forms = _forms(source if isinstance(source, dict) else {})
    scheme, schedule = content.scheme(), content.schedule()
    order = [rid for rid in source.get("order") or [] if isinstance(rid, str)] or list(forms)
    for rid in order:
        if rid not in forms:
            continue
        form, recorded = forms[rid]
        request = content.request(rid)
        record = content.record(rid) if request is None else None
        if record is not None:
            rows.extend(archive_facts.rows(record, filing.grade(record, form, scheme, schedule)))
            continue
        if request is None:
            earned, possible = recorded.get("earned", 0) or 0, recorded.get("possible", 0) or 0
            gone_kind = "record" if recorded.get("kind") == "record" else "request"
            rows.append({"kind": gone_kind, "item_id": rid,
                         "value": "ok" if possible and earned >= possible else "miss",
                         "earned": float(earned), "possible": float(possible)})
            continue
        result = grader.grade(content, request, form)
        for item in result["items"]:
            status = "ok" if item["ok"] else "miss"
            common = {"value": status, "earned": float(item["earned"]),
                      "possible": float(item["possible"]), "competency": item.get("competency") or ""}
            rows.append({"kind": "rule", "item_id": item["code"], **common,
                         "competency": ""})
            if item["kind"] == grader.REQUIREMENT:
                rows.append({"kind": "requirement", "item_id": f"{request.service}:{item['id']}",
                             "expected": "met" if item.get("expected") else "not_met", **common})
            elif item["kind"] == grader.DECISION:
                given = item.get("given") if item.get("given") in DECISIONS else ""
                rows.append({"kind": "decision", "item_id": rid, **common, "value": given,
                             "expected": str(item.get("expected") or "")})
            else:  # route, due
                rows.append({"kind": item["kind"], "item_id": rid,
                             "expected": str(item.get("expected") or ""), **common})
        rows.append({"kind": "request", "item_id": rid,
                     "value": "ok" if result["earned"] >= result["possible"] else "miss",
                     "earned": float(result["earned"]), "possible": float(result["possible"])})
    rows.extend(catalogue.fact_rows(catalogue.competency_tally(
        (row.get("competency"), row.get("earned"), row.get("possible"))
        for row in rows if row["kind"] in SCORED_KINDS)))
    return rows


def position(content: Content, attempt: dict[str, Any]) -> str:
    """How many tasks (requests and records) an unfinished attempt has submitted (tasks are
    done in any order, so the count is where a learner stands)."""
    submitted = attempt.get("submitted") if isinstance(attempt, dict) else None
    return str(len(submitted)) if isinstance(submitted, dict) and submitted else ""


def position_label(content: Content, position_id: str, gettext) -> str:
    if not position_id.isdigit():
        return position_id
    if content.records:
        return gettext(N_("{count} of {total} tasks submitted")).format(
            count=int(position_id), total=len(content.requests) + len(content.records))
    return gettext(N_("{count} of {total} requests submitted")).format(
        count=int(position_id), total=len(content.requests))


def _requirement_label(content: Content, key: str) -> str:
    service_id, _sep, req_id = key.partition(":")
    service = content.service(service_id)
    requirement = service.requirement(req_id) if service else None
    name = (requirement.label or requirement.id) if requirement else req_id
    return f"{name} ({service.name or service.id})" if service else name


def _request_label(content: Content, rid: str) -> str:
    request = content.request(rid)
    if request is None:
        return rid
    service = content.service(request.service)
    return f"{request.applicant} — {service.name if service else request.service}"


def item_label(content: Content, kind: str, item_id: str, gettext) -> str:
    """Training-needs evidence: what a fact row is about, readable."""
    about_record = archive_facts.item_label(content, kind, item_id, gettext)
    if about_record is not None:
        return about_record
    if kind == "requirement":
        return gettext(N_("Requirement “{label}”")).format(label=_requirement_label(content, item_id))
    names = {"decision": N_("Decision on {request}"), "route": N_("Routing of {request}"),
             "due": N_("Due date of {request}")}
    return gettext(names.get(kind, N_("{request}"))).format(request=_request_label(content, item_id))


# --- sections ------------------------------------------------------------------------------

def _rates(rows: list[dict[str, Any]]) -> dict[str, list[int]]:
    """item id → [judged, missed]."""
    out: dict[str, list[int]] = {}
    for row in rows:
        pair = out.setdefault(row["item_id"], [0, 0])
        pair[0] += row["n"]
        if row["value"] == "miss":
            pair[1] += row["n"]
    return out


def sections(content: Content, stats: dict[str, list[dict[str, Any]]], ctx: Ctx) -> list[dict[str, Any]]:
    """Miss rates per requirement and rule, the decision matrix, routing and due-date error
    rates, the requests most often got wrong; for records, the sections of
    ``archive_facts``."""
    out = []
    if content.requests or not content.records:
        out = [_misses(content, stats, ctx), _decisions(stats, ctx), _process(stats, ctx),
               _requests(content, stats, ctx)]
    return out + archive_facts.sections(content, stats, ctx)


def _rate_figure(ctx: Ctx, name: str, title: str, desc: str, first_column: str,
                 items: list[tuple[str, int, int]]) -> dict[str, Any]:
    _ = ctx.gettext
    items = sorted(items, key=lambda t: (-(t[2] / t[1]) if t[1] else 0, t[0]))
    bars, rows = [], []
    for label, judged, missed in items:
        fraction = missed / judged if judged else 0.0
        bars.append(Bar(label, fraction * 100, f"{ctx.percent_text(fraction)} ({missed}/{judged})"))
        rows.append([label, charts.cell(judged, str(judged)), charts.cell(missed, str(missed)),
                     ctx.pct(fraction)])
    return ctx.bar_figure(name, title, desc, bars,
                          [first_column, _("Judged"), _("Missed"), _("Miss rate")], rows)


def _misses(content: Content, stats, ctx: Ctx) -> dict[str, Any]:
    _ = ctx.gettext
    figures = []
    requirements = _rates(stats.get("requirement", []))
    if requirements:
        figures.append(_rate_figure(
            ctx, "requirements", _("Miss rate per requirement"),
            _("Share of judgements of each requirement that were wrong, highest first. The "
              "table gives the counts."), _("Requirement"),
            [(_requirement_label(content, key), j, m) for key, (j, m) in requirements.items()]))
    rules = _rates(stats.get("rule", []))
    if rules:
        figures.append(_rate_figure(
            ctx, "rules", _("Miss rate per rule"),
            _("Share of the times each rule applied that learners got the item wrong, highest "
              "first. The table gives the counts."), _("Rule"),
            [(_(RULE_LABELS[code]) if code in RULE_LABELS else code, j, m)
             for code, (j, m) in rules.items()]))
    return charts.section("misses", _("Requirements and rules missed"), figures,
                          empty=_("No learner has finished an attempt yet."))


def _decisions(stats, ctx: Ctx) -> dict[str, Any]:
    _ = ctx.gettext
    cells = {(row["expected"], row["value"]): row["n"] for row in stats.get("decision", [])}
    if not cells:
        return charts.section("decisions", _("Decisions"), [],
                              empty=_("No learner has finished an attempt yet."))
    labels = [_(grader.DECISION_LABELS[d]) for d in DECISIONS]
    columns = list(DECISIONS) + ([""] if any(v == "" for _e, v in cells) else [])
    column_labels = labels + ([_("No decision")] if "" in columns else [])
    counts = [[cells.get((expected, chosen), 0) for chosen in columns] for expected in DECISIONS]
    title = _("Decisions: expected × chosen")
    chart_id = ctx.chart_id("decisions")
    svg = charts.matrix_chart(labels, column_labels, counts, chart_id, title,
                              _("How often each expected decision (rows) was answered with each "
                                "decision (columns). Cells on the framed diagonal are right. "
                                "The table gives the same counts."),
                              row_axis=_("Expected"), column_axis=_("Chosen"),
                              legend=_("Framed cells: the right decision"))
    rows = []
    for expected, label, row in zip(DECISIONS, labels, counts):
        total = sum(row)
        right = cells.get((expected, expected), 0)
        rows.append([label] + [charts.cell(n, str(n)) for n in row]
                    + [charts.cell(total, str(total)), ctx.pct(charts.share(right, total))])
    header = [_("Expected \\ chosen")] + column_labels + [_("Total"), _("Right")]
    return charts.section("decisions", _("Decisions"),
                          [charts.figure(chart_id, title, svg, header, rows)])


def _process(stats, ctx: Ctx) -> dict[str, Any]:
    _ = ctx.gettext
    items = []
    for kind, label in (("route", _("Routing")), ("due", _("Due date"))):
        rows = stats.get(kind, [])
        judged = sum(r["n"] for r in rows)
        missed = sum(r["n"] for r in rows if r["value"] == "miss")
        if judged:
            items.append((label, judged, missed))
    figures = []
    if items:
        figure = _rate_figure(ctx, "process", _("Routing and due-date error rates"),
                              _("Share of requests routed to the wrong unit, and share given a "
                                "wrong due date. The table gives the counts."), _("Item"), items)
        figure["table"]["columns"][1:3] = [_("Requests"), _("Errors")]
        figure["table"]["columns"][3] = _("Error rate")
        figures.append(figure)
    return charts.section("process", _("Routing and due dates"), figures,
                          empty=_("No learner has finished an attempt yet."))


def _requests(content: Content, stats, ctx: Ctx) -> dict[str, Any]:
    _ = ctx.gettext
    per: dict[str, dict[str, float]] = {}
    for row in stats.get("request", []):
        entry = per.setdefault(row["item_id"], {"n": 0, "miss": 0, "earned": 0.0, "possible": 0.0})
        entry["n"] += row["n"]
        entry["earned"] += row["earned"] or 0.0
        entry["possible"] += row["possible"] or 0.0
        if row["value"] == "miss":
            entry["miss"] += row["n"]
    ranked = sorted(per.items(), key=lambda kv: (-kv[1]["miss"] / kv[1]["n"], kv[0]))[:TOP_REQUESTS]
    figures = []
    if ranked:
        bars, rows = [], []
        for rid, entry in ranked:
            fraction = entry["miss"] / entry["n"]
            label = _request_label(content, rid)
            average = entry["earned"] / entry["possible"] if entry["possible"] else None
            bars.append(Bar(label, fraction * 100,
                            f"{ctx.percent_text(fraction)} ({int(entry['miss'])}/{int(entry['n'])})"))
            rows.append([label, charts.cell(int(entry["n"]), str(int(entry["n"]))),
                         charts.cell(int(entry["miss"]), str(int(entry["miss"]))), ctx.pct(fraction),
                         ctx.pct(average)])
        title = _("Requests most often got wrong")
        figures.append(ctx.bar_figure(
            "requests", title,
            _("Share of learners who did not get each request fully right, highest first. The "
              "table also gives the average points."),
            bars, [_("Request"), _("Learners"), _("Not fully right"), _("Share"),
                   _("Average points")], rows))
    return charts.section("requests", _("Requests most often got wrong"), figures,
                          empty=_("No learner has finished an attempt yet."))
