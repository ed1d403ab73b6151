"""Cohort-analytics facts of a finished simulation attempt, and the simulation's sections.

Pure Python. ``facts`` takes the engine's finished attempt (its path holds the metric
values before and after each decision) or, when staff data are rebuilt later, the answer
record (choice ids only, replayed on the current content as the drill-down does). Rows:
the ending reached, each decision (node → choice, with its index), the whole path (a
digest to group by, the choice ids in ``detail``), every metric after each decision
(hidden metrics too: staff see them), and per node the competency points exactly as
``engine.competency_tally`` counts them, summed into one row per competency.
"""
from __future__ import annotations

import hashlib
import json
from typing import Any

from ..core import charts
from ..core import competencies as catalogue
from ..core.charts import Bar, Ctx, Series
from ..core.i18n import N_
from ..core.text import html_to_text
from . import engine
from .model import Content
from .records import replayed_path
from .scenario import Scenario, as_number

GROUPS: dict[str, tuple[str, ...]] = {
    "ending": ("item_id",),
    "choice": ("item_id", "value"),
    "path": ("value",),
    "metric": ("item_id", "step"),
}
EXTRA: dict[str, tuple[str, ...]] = {"path": ("detail", "expected")}
TOP: dict[str, int] = {"path": 10}
SCORED_KINDS = ("node",)
OUTCOME_LABELS = {"success": N_("Success"), "partial": N_("Partial success"),
                  "failure": N_("Failure")}
OUTCOME_MARKS = {"success": "✓ ", "partial": "◐ ", "failure": "✗ "}


def _path(content: Content, source: dict[str, Any]) -> list[dict[str, Any]]:
    path = source.get("path") if isinstance(source, dict) else None
    if isinstance(path, list) and path and all(isinstance(e, dict) for e in path):
        return path
    # an answer record: choice ids only, replayed on the content
    entries, _complete = replayed_path(content, source if isinstance(source, dict) else {})
    return entries


def facts(content: Content, source: dict[str, Any],
          grades: dict[str, Any] | None = None) -> list[dict[str, Any]]:
    """Fact rows of one finished attempt (the engine's attempt or its answer record)."""
    scn = Scenario(content)
    path = _path(content, source)
    rows: list[dict[str, Any]] = []
    ending_id = source.get("ending")
    if not isinstance(ending_id, str):
        ending_id = ""
    ending = scn.endings.get(ending_id)
    choice_ids = [e.get("choice") for e in path if isinstance(e.get("choice"), str)]
    rows.append({"kind": "ending", "item_id": ending_id,
                 "value": (ending.outcome or "") if ending else "",
                 "earned": round(100 * min(1.0, max(0.0, ending.score or 0.0)), 4)
                 if ending else None, "possible": 100.0})
    for index, entry in enumerate(path):
        rows.append({"kind": "choice", "item_id": str(entry.get("node", "")),
                     "value": str(entry.get("choice", "")), "step": index})
    detail = json.dumps(choice_ids, ensure_ascii=False, separators=(",", ":"))
    rows.append({"kind": "path", "value": hashlib.sha256(detail.encode("utf-8")).hexdigest()[:40],
                 "detail": detail, "expected": ending_id, "step": len(choice_ids)})
    rows.extend(_metric_facts(scn, path))
    node_rows = _node_facts(scn, path)
    rows.extend(node_rows)
    rows.extend(catalogue.fact_rows(catalogue.competency_tally(
        (row["competency"], row["earned"], row["possible"]) for row in node_rows)))
    return rows


def _metric_facts(scn: Scenario, path: list[dict[str, Any]]) -> list[dict[str, Any]]:
    metrics = [m for i, m in enumerate(scn.content.metrics) if scn.metric_index.get(m.id) == i]
    initial = scn.to_dict(scn.initial_values())
    states = [path[0].get("before") if path else initial] + [e.get("after") for e in path]
    rows = []
    for step, state in enumerate(states):
        state = state if isinstance(state, dict) else {}
        for metric in metrics:
            value = as_number(state.get(metric.id))
            rows.append({"kind": "metric", "item_id": metric.id, "step": step,
                         "earned": value if value is not None else initial.get(metric.id)})
    return rows


def _node_facts(scn: Scenario, path: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Per node (first visit) and competency: the points as ``engine.competency_tally``."""
    return [{"kind": "node", "item_id": node.id, "value": entry.get("choice") or "",
             "earned": earned, "possible": possible, "competency": competency}
            for entry, node, competency, earned, possible in engine.competency_items(scn, path)]


def position(content: Content, attempt: dict[str, Any]) -> str:
    """The node an unfinished attempt waits at."""
    place = attempt.get("position") if isinstance(attempt, dict) else None
    return place if isinstance(place, str) else ""


def position_label(content: Content, position_id: str, gettext) -> str:
    node = Scenario(content).nodes.get(position_id)
    return (node.title or node.id) if node else position_id


def item_label(content: Content, kind: str, item_id: str, gettext) -> str:
    node = Scenario(content).nodes.get(item_id)
    return gettext(N_("Decision “{title}”")).format(title=(node.title or node.id) if node else item_id)


# --- sections ------------------------------------------------------------------------------

def _choice_text(scn: Scenario, choice_id: str) -> str:
    found = scn.choices.get(choice_id)
    return (html_to_text(found[1].text_html) or choice_id) if found else choice_id


def sections(content: Content, stats: dict[str, list[dict[str, Any]]], ctx: Ctx) -> list[dict[str, Any]]:
    """Endings, choice shares per decision, the most common paths, metric trajectories."""
    scn = Scenario(content)
    return [_endings(content, scn, stats, ctx), _choices(content, scn, stats, ctx),
            _paths(scn, stats, ctx), _trajectories(scn, stats, ctx)]


def _endings(content: Content, scn: Scenario, stats, ctx: Ctx) -> dict[str, Any]:
    _ = ctx.gettext
    counts = {row["item_id"]: row["n"] for row in stats.get("ending", [])}
    total = sum(counts.values())
    figures = []
    if total:
        bars, rows = [], []
        ids = [e.id for e in content.endings] + [i for i in counts if i not in scn.endings]
        for ending_id in dict.fromkeys(ids):
            ending = scn.endings.get(ending_id)
            n = counts.get(ending_id, 0)
            outcome = _(OUTCOME_LABELS[ending.outcome]) if ending and ending.outcome in OUTCOME_LABELS else ""
            title = (ending.title or ending.id) if ending else ending_id
            label = OUTCOME_MARKS.get(ending.outcome if ending else "", "") + title
            fraction = n / total
            bars.append(Bar(label, fraction * 100, f"{ctx.percent_text(fraction)} ({n})"))
            rows.append([title, outcome or "—", charts.cell(n, str(n)), ctx.pct(fraction)])
        title = _("Endings reached")
        figures.append(ctx.bar_figure(
            "endings", title,
            _("Share of learners' latest finished attempts reaching each ending; ✓ marks a "
              "success, ◐ a partial success, ✗ a failure. The table gives the same numbers."),
            bars, [_("Ending"), _("Outcome"), _("Learners"), _("Share")], rows))
    return charts.section("endings", _("Endings"), figures,
                          empty=_("No learner has finished an attempt yet."))


def _choices(content: Content, scn: Scenario, stats, ctx: Ctx) -> dict[str, Any]:
    _ = ctx.gettext
    by_node: dict[str, dict[str, int]] = {}
    for row in stats.get("choice", []):
        by_node.setdefault(row["item_id"], {})[row["value"]] = row["n"]
    figures = []
    for node in content.nodes:
        counts = by_node.get(node.id)
        if not counts:
            continue
        visits = sum(counts.values())
        bars, rows = [], []
        ids = [c.id for c in node.choices] + [c for c in counts if c not in {x.id for x in node.choices}]
        for choice_id in dict.fromkeys(ids):
            n = counts.get(choice_id, 0)
            fraction = n / visits
            text = _choice_text(scn, choice_id)
            bars.append(Bar(text, fraction * 100, f"{ctx.percent_text(fraction)} ({n})"))
            rows.append([text, charts.cell(n, str(n)), ctx.pct(fraction)])
        title = _("Decision: {title}").format(title=node.title or node.id)
        figures.append(ctx.bar_figure(
            f"node-{node.id}", title,
            _("Share of the times learners reached this decision that they took each choice. "
              "The table gives the same numbers."),
            bars, [_("Choice"), _("Times chosen"), _("Share")], rows,
            ctx.ngettext("Reached {count} time.", "Reached {count} times.",
                         visits).format(count=visits)))
    return charts.section("choices", _("Choices per decision"), figures,
                          empty=_("No learner has finished an attempt yet."))


def _paths(scn: Scenario, stats, ctx: Ctx) -> dict[str, Any]:
    _ = ctx.gettext
    top = stats.get("path", [])
    total = sum(row["n"] for row in stats.get("ending", []))
    figures = []
    if top and total:
        bars, rows = [], []
        for rank, row in enumerate(top, start=1):
            try:
                ids = json.loads(row.get("detail") or "[]")
            except ValueError:
                ids = []
            steps = " → ".join(charts.short(_choice_text(scn, str(c)), 40) for c in ids) or "—"
            ending = scn.endings.get(row.get("expected") or "")
            ending_text = (ending.title or ending.id) if ending else (row.get("expected") or "—")
            fraction = row["n"] / total
            label = _("Path {rank}").format(rank=rank)
            bars.append(Bar(f"{label}: {ending_text}", fraction * 100,
                            f"{ctx.percent_text(fraction)} ({row['n']})"))
            rows.append([label, steps, ending_text, charts.cell(row["n"], str(row["n"])),
                         ctx.pct(fraction)])
        title = _("Most common paths")
        figures.append(ctx.bar_figure(
            "paths", title,
            _("The most common routes through the scenario, with the ending each reaches and "
              "the share of learners taking it. The table lists each route's choices."),
            bars, [_("Path"), _("Choices in order"), _("Ending"), _("Learners"), _("Share")],
            rows))
    return charts.section("paths", _("Most common paths"), figures,
                          empty=_("No learner has finished an attempt yet."))


def _trajectories(scn: Scenario, stats, ctx: Ctx) -> dict[str, Any]:
    _ = ctx.gettext
    values: dict[tuple[str, int], dict[str, Any]] = {(r["item_id"], r["step"]): r
                                                     for r in stats.get("metric", [])}
    if not values:
        return charts.section("metrics", _("Average metric trajectories"), [],
                              empty=_("No learner has finished an attempt yet."))
    last = max(step for _metric, step in values)
    metrics = [m for i, m in enumerate(scn.content.metrics) if scn.metric_index.get(m.id) == i]
    series, columns = [], [_("Decision")]
    for metric in metrics:
        label = metric.label or metric.id
        if not metric.visible:
            label = _("{metric} (hidden)").format(metric=label)
        columns.append(label)
        series.append(Series(label, [
            (values[(metric.id, s)]["earned"] / values[(metric.id, s)]["n"])
            if (metric.id, s) in values and values[(metric.id, s)]["n"] else None
            for s in range(last + 1)]))
    columns.append(_("Attempts"))
    rows = []
    for s in range(last + 1):
        counts = [values[(m.id, s)]["n"] for m in metrics if (m.id, s) in values]
        n = max(counts) if counts else 0
        rows.append([charts.cell(s, str(s))] + [ctx.num(item.values[s]) for item in series]
                    + [charts.cell(n, str(n))])
    lows = [m.min for m in metrics] or [0.0]
    highs = [m.max for m in metrics] or [100.0]
    title = _("Average metric values after each decision")
    chart_id = ctx.chart_id("metrics")
    svg = charts.line_chart(series, [str(s) for s in range(last + 1)], chart_id, title,
                            _("Average value of each metric at the start (0) and after each "
                              "decision, over the attempts that got that far. The table gives "
                              "the same numbers and how many attempts each step averages."),
                            y_min=min(lows), y_max=max(highs), x_axis=_("Decision"),
                            locale=ctx.locale)
    return charts.section("metrics", _("Average metric trajectories"),
                          [charts.figure(chart_id, title, svg, columns, rows)])
