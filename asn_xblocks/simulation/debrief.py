"""The end-of-attempt debrief: timeline by framework step, consequence chain, trajectory.

Everything here is computed on the server from the recorded path, so the browser gets
finished data: the timeline groups consecutive decisions by the node's framework step,
each entry carries the visible metric changes (the consequence chain), and the metric
trajectory is an accessible SVG string (``role="img"``, ``<title>``/``<desc>`` named by
``aria-labelledby``; each metric has its own dash pattern and marker shape as well as
colour, so nothing is told by colour alone) with the same numbers as a table.
Hidden metrics never appear anywhere in the debrief.
"""
from __future__ import annotations

from typing import Any, Callable, Sequence
from xml.sax.saxutils import escape

from ..core.charts import attr, point_marker
from ..core.formatting import format_number
from ..core.i18n import N_
from .engine import Scenario, as_number
from .model import Metric, step_label

Gettext = Callable[[str], str]

# Okabe-Ito colours (safe for colour-vision deficiencies); meaning is carried by the
# dash pattern, the marker and the legend text as well.
COLOURS = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000")
DASHES = ("none", "8 4", "2 3", "10 3 2 3", "4 4", "12 2 2 2 2 2", "1 5")
MARKERS = ("circle", "square", "triangle", "diamond", "cross", "triangle-down", "plus")


DECISION_LABEL = N_("Decision")  # the chart's x-axis label


def _identity(message: str) -> str:
    return message


def number(value: float) -> float | int:
    """JSON-friendly number: 60 rather than 60.0."""
    return int(value) if float(value).is_integer() else round(float(value), 4)


def visible_metrics(scn: Scenario) -> list[Metric]:
    seen: set[str] = set()
    out = []
    for metric in scn.content.metrics:
        if metric.visible and metric.id not in seen:
            seen.add(metric.id)
            out.append(metric)
    return out


def changes(scn: Scenario, before: dict[str, Any], after: dict[str, Any],
            locale: str = "en") -> list[dict[str, Any]]:
    """Visible metrics whose value changed between two recorded states."""
    out = []
    for metric in visible_metrics(scn):
        old, new = _value(before, metric), _value(after, metric)
        if old == new:
            continue
        delta = new - old
        out.append({
            "id": metric.id, "label": metric.label or metric.id,
            "before": number(old), "after": number(new), "delta": number(delta),
            "delta_display": ("+" if delta > 0 else "\u2212") + format_number(abs(delta), locale),
        })
    return out


def _value(metrics: Any, metric: Metric) -> float:
    if isinstance(metrics, dict):
        value = as_number(metrics.get(metric.id))
        if value is not None:
            return value
    return float(metric.initial if metric.initial is not None else metric.min)


def timeline(scn: Scenario, path: Sequence[dict[str, Any]], gettext: Gettext = _identity,
             locale: str = "en") -> list[dict[str, Any]]:
    """Decisions in order, consecutive ones of the same step grouped together."""
    groups: list[dict[str, Any]] = []
    for entry in path:
        node = scn.nodes.get(entry.get("node"))
        found = scn.choices.get(entry.get("choice"))
        step = node.step if node else ""
        item = {
            "node_title": node.title if node else "",
            "choice_text_html": found[1].text_html if found else "",
            "changes": changes(scn, entry.get("before"), entry.get("after"), locale),
        }
        if not groups or groups[-1]["step"] != (step or None):
            groups.append({"step": step or None,
                           "step_label": step_label(scn.content.framework, step, gettext),
                           "entries": []})
        groups[-1]["entries"].append(item)
    return groups


def trajectory(scn: Scenario, path: Sequence[dict[str, Any]]) -> tuple[list[Metric], list[list[float]]]:
    """Visible metrics and their values at step 0 (the start) and after each decision."""
    metrics = visible_metrics(scn)
    points: list[list[float]] = []
    if path:
        points.append([_value(path[0].get("before"), m) for m in metrics])
        points.extend([_value(entry.get("after"), m) for m in metrics] for entry in path)
    else:
        initial = scn.initial_values()
        points.append([initial[scn.metric_index[m.id]] for m in metrics])
    return metrics, points


def table(scn: Scenario, path: Sequence[dict[str, Any]], gettext: Gettext = _identity,
          locale: str = "en") -> dict[str, Any]:
    """The chart's numbers as a table: one row per step (0 = the start)."""
    metrics, points = trajectory(scn, path)
    return {
        "caption": gettext(N_("Metric values after each decision")),
        "step_header": gettext(N_("Decision")),
        "columns": [m.label or m.id for m in metrics],
        "rows": [[i] + [format_number(v, locale) for v in row] for i, row in enumerate(points)],
    }


# --- the SVG chart -------------------------------------------------------------------------

WIDTH = 640
PLOT_TOP = 16
PLOT_HEIGHT = 220
LEFT = 56
RIGHT = 20
LEGEND_ROW = 22


def chart_svg(scn: Scenario, path: Sequence[dict[str, Any]], id_prefix: str = "asn-sim-chart",
              gettext: Gettext = _identity, locale: str = "en") -> str:
    """The metric trajectory as a self-contained, accessible SVG string."""
    metrics, points = trajectory(scn, path)
    title = gettext(N_("Metric trajectory"))
    names = ", ".join(m.label or m.id for m in metrics)
    desc = gettext(N_("Values of {metrics} at the start and after each of your {count} "
                      "decisions. The table that follows gives the same numbers.")).format(
        metrics=names, count=len(points) - 1)
    same_range = len({(m.min, m.max) for m in metrics}) <= 1
    lo, hi = (metrics[0].min, metrics[0].max) if metrics and same_range else (0.0, 100.0)
    if hi <= lo:
        hi = lo + 1

    def y_of(metric: Metric, value: float) -> float:
        if same_range:
            share = (value - lo) / (hi - lo)
        else:
            span = (metric.max - metric.min) or 1
            share = (value - metric.min) / span
        return PLOT_TOP + PLOT_HEIGHT * (1 - max(0.0, min(1.0, share)))

    steps = max(1, len(points) - 1)
    plot_width = WIDTH - LEFT - RIGHT

    def x_of(i: int) -> float:
        return LEFT + plot_width * (i / steps if len(points) > 1 else 0.5)

    legend_rows = (len(metrics) + 2) // 3
    height = PLOT_TOP + PLOT_HEIGHT + 44 + LEGEND_ROW * legend_rows
    pid = attr(id_prefix)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="asn-sim-chart" role="img" '
        f'focusable="false" viewBox="0 0 {WIDTH} {height}" width="100%" '
        f'aria-labelledby="{pid}-title {pid}-desc">',
        f'<title id="{pid}-title">{escape(title)}</title>',
        f'<desc id="{pid}-desc">{escape(desc)}</desc>',
    ]
    axis_note = "" if same_range else " %"
    for k in range(5):
        share = k / 4
        y = PLOT_TOP + PLOT_HEIGHT * (1 - share)
        label = format_number(lo + share * (hi - lo), locale) + axis_note
        parts.append(f'<line x1="{LEFT}" y1="{y:.1f}" x2="{WIDTH - RIGHT}" y2="{y:.1f}" '
                     f'stroke="#d0d0d0" stroke-width="1"/>')
        parts.append(f'<text x="{LEFT - 6}" y="{y + 4:.1f}" text-anchor="end" font-size="11" '
                     f'fill="#333">{escape(label)}</text>')
    every = max(1, (len(points) + 11) // 12)
    base = PLOT_TOP + PLOT_HEIGHT
    for i in range(0, len(points), every):
        parts.append(f'<text x="{x_of(i):.1f}" y="{base + 16}" text-anchor="middle" '
                     f'font-size="11" fill="#333">{i}</text>')
    parts.append(f'<text x="{LEFT + plot_width / 2:.1f}" y="{base + 32}" text-anchor="middle" '
                 f'font-size="11" fill="#333">{escape(gettext(DECISION_LABEL))}</text>')
    parts.append(f'<line x1="{LEFT}" y1="{PLOT_TOP}" x2="{LEFT}" y2="{base}" stroke="#333"/>')
    parts.append(f'<line x1="{LEFT}" y1="{base}" x2="{WIDTH - RIGHT}" y2="{base}" stroke="#333"/>')
    for m_index, metric in enumerate(metrics):
        colour = COLOURS[m_index % len(COLOURS)]
        dash = DASHES[m_index % len(DASHES)]
        marker = MARKERS[m_index % len(MARKERS)]
        coords = [(x_of(i), y_of(metric, row[m_index])) for i, row in enumerate(points)]
        dash_attr = "" if dash == "none" else f' stroke-dasharray="{dash}"'
        parts.append(f'<g class="asn-sim-series" data-metric="{attr(metric.id)}">')
        if len(coords) > 1:
            pts = " ".join(f"{x:.1f},{y:.1f}" for x, y in coords)
            parts.append(f'<polyline points="{pts}" fill="none" stroke="{colour}" '
                         f'stroke-width="2"{dash_attr}/>')
        parts.extend(point_marker(marker, x, y, colour) for x, y in coords)
        parts.append("</g>")
        row, col = divmod(m_index, 3)
        lx = LEFT + col * (plot_width / 3)
        ly = base + 44 + row * LEGEND_ROW
        parts.append(f'<line x1="{lx:.1f}" y1="{ly:.1f}" x2="{lx + 30:.1f}" y2="{ly:.1f}" '
                     f'stroke="{colour}" stroke-width="2"{dash_attr}/>')
        parts.append(point_marker(marker, lx + 15, ly, colour))
        parts.append(f'<text x="{lx + 36:.1f}" y="{ly + 4:.1f}" font-size="12" fill="#222">'
                     f'{escape(metric.label or metric.id)}</text>')
    parts.append("</svg>")
    return "".join(parts)


def build(scn: Scenario, path: Sequence[dict[str, Any]], id_prefix: str,
          gettext: Gettext = _identity, locale: str = "en") -> dict[str, Any]:
    return {
        "timeline": timeline(scn, path, gettext, locale),
        "chart_svg": chart_svg(scn, path, id_prefix, gettext, locale),
        "table": table(scn, path, gettext, locale),
    }
