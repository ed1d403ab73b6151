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

from collections.abc import Callable, Sequence
from typing import Any
from xml.sax.saxutils import escape

from ..core.charts import attr, point_marker
from ..core.formatting import format_number, format_percent
from ..core.i18n import N_
from .model import Metric, step_label
from .scenario import Scenario, as_number

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


def changes(scn: Scenario, before: Any, after: Any,
            locale: str = "en") -> list[dict[str, Any]]:
    """Visible metrics whose value changed between two recorded states (``{id: number}``;
    anything else reads as the initial values)."""
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
        node = scn.node_of(entry.get("node"))
        found = scn.choice_of(entry.get("choice"))
        step = node.step if node else ""
        item = {
            # ids are no secret (the choice buttons carry them): the best-path comparison
            # finds the learner's own decision at a node by them
            "node": node.id if node else None, "choice": found[1].id if found else None,
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
LEFT_WITH_TITLE = 80  # room for the rotated y-axis title "% of each metric's range"
RIGHT = 20
FONT = 13  # tick labels; the legend uses LEGEND_FONT (a phone shows the chart at ~half size)
LEGEND_FONT = 14
LEGEND_ROW = 24
LEGEND_SWATCH = 36  # the line sample with its marker, before the label
LEGEND_GAP = 24  # between two entries on one row
LEGEND_X = 8
# Rough advance of one character in the sans-serif fonts browsers use, as a share of the
# font size: wide enough for Indonesian labels (many "m" and "n") not to overprint.
CHAR_WIDTH = 0.6

RANGE_AXIS_TITLE = N_("% of each metric's range")


def text_width(text: str, font_size: float = LEGEND_FONT) -> float:
    """Estimated rendered width of ``text`` (no font metrics on the server): generous, so
    labels laid out with it never overprint."""
    wide = sum(1 for ch in text if ch.isupper() or ch in "mwMW@%")
    return font_size * (CHAR_WIDTH * len(text) + 0.25 * wide)


def wrap_label(text: str, width: float, font_size: float = LEGEND_FONT) -> list[str]:
    """``text`` in lines no wider than ``width`` (estimated), broken between words; a word
    longer than a line stays whole on its own line (never broken mid-word)."""
    lines: list[str] = []
    line = ""
    for word in text.split():
        trial = f"{line} {word}" if line else word
        if line and text_width(trial, font_size) > width:
            lines.append(line)
            line = word
        else:
            line = trial
    if line or not lines:
        lines.append(line)
    return lines


def legend_layout(labels: Sequence[str], width: float = WIDTH - LEGEND_X - RIGHT
                  ) -> list[tuple[float, float, list[str]]]:
    """(x, y of the first line, lines) per legend entry: entries flow left to right and
    wrap to a new row when the next one would not fit; a label wider than the whole row
    is wrapped into several lines. ``y`` is relative to the legend's top."""
    text_room = width - LEGEND_SWATCH - 6
    placed = []
    x = 0.0
    y = 0.0
    row_lines = 1
    for label in labels:
        lines = wrap_label(label, text_room)
        entry = LEGEND_SWATCH + 6 + max(text_width(line) for line in lines)
        if x > 0 and x + entry > width:
            y += LEGEND_ROW * row_lines
            x = 0.0
            row_lines = 1
        placed.append((x, y, lines))
        row_lines = max(row_lines, len(lines))
        x += entry + LEGEND_GAP
    return placed


def legend_height(layout: Sequence[tuple[float, float, list[str]]]) -> float:
    if not layout:
        return 0.0
    return max(y + LEGEND_ROW * len(lines) for _x, y, lines in layout)


def chart_svg(scn: Scenario, path: Sequence[dict[str, Any]], id_prefix: str = "asn-sim-chart",
              gettext: Gettext = _identity, locale: str = "en") -> str:
    """The metric trajectory as a self-contained, accessible SVG string.

    It scales to its container (``viewBox``, ``width="100%"``) so it fits a phone. When the
    visible metrics share one range the y-axis shows their values; when their ranges
    differ each metric is drawn as a share of its own range and the axis says so (title
    "% of each metric's range", ticks in %), while the table keeps the real values."""
    metrics, points = trajectory(scn, path)
    title = gettext(N_("Metric trajectory"))
    names = ", ".join(m.label or m.id for m in metrics)
    same_range = len({(m.min, m.max) for m in metrics}) <= 1
    desc = gettext(N_("Values of {metrics} at the start and after each of your {count} "
                      "decisions. The table that follows gives the same numbers.")).format(
        metrics=names, count=len(points) - 1)
    if not same_range:
        desc += " " + gettext(N_("The metrics have different ranges, so each is drawn as a "
                                 "percentage of its own range (from its minimum to its "
                                 "maximum); the table gives the real values."))
    lo, hi = (metrics[0].min, metrics[0].max) if metrics and same_range else (0.0, 100.0)
    if hi <= lo:
        hi = lo + 1
    left = LEFT if same_range else LEFT_WITH_TITLE

    def y_of(metric: Metric, value: float) -> float:
        if same_range:
            share = (value - lo) / (hi - lo)
        else:
            span = (metric.max - metric.min) or 1
            share = (value - metric.min) / span
        return PLOT_TOP + PLOT_HEIGHT * (1 - max(0.0, min(1.0, share)))

    steps = max(1, len(points) - 1)
    plot_width = WIDTH - left - RIGHT

    def x_of(i: int) -> float:
        return left + plot_width * (i / steps if len(points) > 1 else 0.5)

    layout = legend_layout([m.label or m.id for m in metrics])
    base = PLOT_TOP + PLOT_HEIGHT
    legend_top = base + 56
    height = legend_top + legend_height(layout) + 4
    pid = attr(id_prefix)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="asn-sim-chart" role="img" '
        f'focusable="false" viewBox="0 0 {WIDTH} {height:.0f}" width="100%" '
        f'preserveAspectRatio="xMinYMin meet" '
        f'data-scale="{"value" if same_range else "percent"}" '
        f'aria-labelledby="{pid}-title {pid}-desc">',
        f'<title id="{pid}-title">{escape(title)}</title>',
        f'<desc id="{pid}-desc">{escape(desc)}</desc>',
    ]
    for k in range(5):
        share = k / 4
        y = PLOT_TOP + PLOT_HEIGHT * (1 - share)
        label = (format_number(lo + share * (hi - lo), locale) if same_range
                 else format_percent(share, locale, 0))
        parts.append(f'<line x1="{left}" y1="{y:.1f}" x2="{WIDTH - RIGHT}" y2="{y:.1f}" '
                     f'stroke="#d0d0d0" stroke-width="1"/>')
        parts.append(f'<text x="{left - 6}" y="{y + 4:.1f}" text-anchor="end" '
                     f'font-size="{FONT}" fill="#333">{escape(label)}</text>')
    if not same_range:
        cy = PLOT_TOP + PLOT_HEIGHT / 2
        parts.append(f'<text class="asn-sim-y-title" x="16" y="{cy:.1f}" '
                     f'transform="rotate(-90 16 {cy:.1f})" text-anchor="middle" '
                     f'font-size="{FONT}" fill="#222">{escape(gettext(RANGE_AXIS_TITLE))}</text>')
    every = max(1, (len(points) + 11) // 12)
    for i in range(0, len(points), every):
        parts.append(f'<text x="{x_of(i):.1f}" y="{base + 18}" text-anchor="middle" '
                     f'font-size="{FONT}" fill="#333">{i}</text>')
    parts.append(f'<text x="{left + plot_width / 2:.1f}" y="{base + 38}" text-anchor="middle" '
                 f'font-size="{FONT}" fill="#333">{escape(gettext(DECISION_LABEL))}</text>')
    parts.append(f'<line x1="{left}" y1="{PLOT_TOP}" x2="{left}" y2="{base}" stroke="#333"/>')
    parts.append(f'<line x1="{left}" y1="{base}" x2="{WIDTH - RIGHT}" y2="{base}" stroke="#333"/>')
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
        ex, ey, lines = layout[m_index]
        lx = LEGEND_X + ex
        ly = legend_top + ey
        parts.append(f'<line class="asn-sim-legend-line" x1="{lx:.1f}" y1="{ly:.1f}" '
                     f'x2="{lx + 30:.1f}" y2="{ly:.1f}" stroke="{colour}" '
                     f'stroke-width="2"{dash_attr}/>')
        parts.append(point_marker(marker, lx + 15, ly, colour))
        tspans = "".join(
            f'<tspan x="{lx + LEGEND_SWATCH:.1f}" dy="{0 if n == 0 else LEGEND_ROW}">'
            f'{escape(line)}</tspan>' for n, line in enumerate(lines))
        parts.append(f'<text class="asn-sim-legend" data-metric="{attr(metric.id)}" '
                     f'x="{lx + LEGEND_SWATCH:.1f}" y="{ly + 5:.1f}" font-size="{LEGEND_FONT}" '
                     f'fill="#222">{tspans}</text>')
    parts.append("</svg>")
    return "".join(parts)


def build(scn: Scenario, path: Sequence[dict[str, Any]], id_prefix: str,
          gettext: Gettext = _identity, locale: str = "en") -> dict[str, Any]:
    return {
        "timeline": timeline(scn, path, gettext, locale),
        "chart_svg": chart_svg(scn, path, id_prefix, gettext, locale),
        "table": table(scn, path, gettext, locale),
    }
