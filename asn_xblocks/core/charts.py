"""Server-rendered SVG charts for staff analytics, and the figure/table shapes they sit in.

Pure Python, no chart library: each function returns a self-contained SVG string with
``role="img"`` and a ``<title>``/``<desc>`` pair named by ``aria-labelledby``. Every label
and number is escaped here. Nothing is told by colour alone: bars carry their value as
text, flagged bars (a key option, a weak competency) are hatched *and* their label carries
a mark the caller chooses; line series differ by dash pattern and marker shape as well as
colour; the matrix writes its counts in the cells and frames the diagonal. Each chart is
shown with a data table holding the same numbers (``figure``), for screen readers,
printing and the CSV export.
"""
from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any
from xml.sax.saxutils import escape

from .formatting import format_number, format_percent, round_to
from .text import clip

Gettext = Callable[[str], str]

INK = "#1f2933"
BAR = "#0b5cad"  # 6.3:1 on white: non-text contrast well above 3:1
GRID = "#cbd2d9"
# Okabe-Ito colours (safe with colour-vision deficiencies), with dashes and markers too.
COLOURS = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000")
DASHES = ("none", "8 4", "2 3", "10 3 2 3", "4 4", "12 2 2 2 2 2", "1 5")
MARKERS = ("circle", "square", "triangle", "diamond", "cross", "triangle-down", "plus")

WIDTH = 560
LABEL_WIDTH = 214
VALUE_WIDTH = 106
ROW = 26
BAR_HEIGHT = 16
TOP = 10
LABEL_CHARS = 28


def _text(value: Any) -> str:
    return escape(str(value))


def attr(value: Any) -> str:
    """Text for a double-quoted SVG/HTML attribute."""
    return escape(str(value), {'"': "&quot;"})


def short(label: str, limit: int = LABEL_CHARS) -> str:
    """A label cut to ``limit`` characters with an ellipsis (the table has it in full)."""
    return clip(label, limit)


def _open(chart_id: str, title: str, desc: str, height: float, css: str) -> list[str]:
    cid = attr(chart_id)
    return [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="asn-an-svg {css}" role="img" '
        f'focusable="false" viewBox="0 0 {WIDTH} {height:.0f}" width="100%" '
        f'aria-labelledby="{cid}-title {cid}-desc">',
        f'<title id="{cid}-title">{_text(title)}</title>',
        f'<desc id="{cid}-desc">{_text(desc)}</desc>',
    ]


def _hatch(chart_id: str) -> str:
    return (f'<defs><pattern id="{attr(chart_id)}-hatch" width="6" height="6" '
            f'patternUnits="userSpaceOnUse" patternTransform="rotate(45)">'
            f'<rect width="6" height="6" fill="#dbe7f5"/>'
            f'<line x1="0" y1="0" x2="0" y2="6" stroke="{BAR}" stroke-width="3"/></pattern></defs>')


@dataclass
class Bar:
    label: str  # shown cut to LABEL_CHARS; the caller puts any mark ("✓ ", "⚠ ") in it
    value: float  # on the chart's scale (0..scale_max)
    value_text: str  # written after the bar
    flagged: bool = False  # hatched fill (the legend says what it means)


def bar_chart(bars: Sequence[Bar], chart_id: str, title: str, desc: str, *,
              scale_max: float = 100.0, percent: bool = True, threshold: float | None = None,
              threshold_label: str = "", legend: str = "", locale: str = "en") -> str:
    """Horizontal bars, one per row, labelled on the left and valued on the right."""
    scale_max = scale_max if scale_max and scale_max > 0 else 1.0
    plot_left = LABEL_WIDTH + 8
    plot_width = WIDTH - plot_left - VALUE_WIDTH
    axis_y = TOP + ROW * max(1, len(bars)) + 4
    height = axis_y + 24 + (14 if threshold is not None and threshold_label else 0) + (22 if legend else 0)
    parts = _open(chart_id, title, desc, height, "asn-an-bars")
    if any(bar.flagged for bar in bars):
        parts.append(_hatch(chart_id))

    def x_of(value: float) -> float:
        return plot_left + plot_width * max(0.0, min(1.0, value / scale_max))

    ticks = [0, 25, 50, 75, 100] if percent else _count_ticks(scale_max)
    for tick in ticks:
        x = x_of(tick)
        label = format_percent(tick / 100, locale) if percent else format_number(tick, locale)
        parts.append(f'<line x1="{x:.1f}" y1="{TOP - 4}" x2="{x:.1f}" y2="{axis_y}" '
                     f'stroke="{GRID}" stroke-width="1"/>')
        parts.append(f'<text x="{x:.1f}" y="{axis_y + 16}" text-anchor="middle" font-size="11" '
                     f'fill="{INK}">{_text(label)}</text>')
    values: list[str] = []  # drawn last, with a white halo, so no line crosses them
    for index, bar in enumerate(bars):
        y = TOP + ROW * index
        fill = f"url(#{attr(chart_id)}-hatch)" if bar.flagged else BAR
        width = max(0.0, x_of(bar.value) - plot_left)
        parts.append(f'<text x="{LABEL_WIDTH}" y="{y + BAR_HEIGHT - 3}" text-anchor="end" '
                     f'font-size="12" fill="{INK}">{_text(short(bar.label))}</text>')
        parts.append(f'<rect x="{plot_left}" y="{y}" width="{width:.1f}" height="{BAR_HEIGHT}" '
                     f'fill="{fill}" stroke="{BAR}" stroke-width="1"/>')
        values.append(f'<text x="{x_of(bar.value) + 6:.1f}" y="{y + BAR_HEIGHT - 3}" font-size="12" '
                      f'fill="{INK}" stroke="#fff" stroke-width="3" paint-order="stroke">'
                      f'{_text(bar.value_text)}</text>')
    parts.append(f'<line x1="{plot_left}" y1="{TOP - 4}" x2="{plot_left}" y2="{axis_y}" '
                 f'stroke="{INK}" stroke-width="1"/>')
    if threshold is not None:
        x = x_of(threshold)
        parts.append(f'<line x1="{x:.1f}" y1="{TOP - 6}" x2="{x:.1f}" y2="{axis_y}" stroke="#a61b1b" '
                     f'stroke-width="2" stroke-dasharray="6 3"/>')
        if threshold_label:
            parts.append(f'<text x="{x:.1f}" y="{axis_y + 30}" text-anchor="middle" font-size="11" '
                         f'font-weight="700" fill="#a61b1b">{_text(threshold_label)}</text>')
    parts.extend(values)
    if legend:
        y = axis_y + 30 + (14 if threshold is not None and threshold_label else 0)
        parts.append(f'<rect x="{plot_left}" y="{y}" width="18" height="12" '
                     f'fill="url(#{attr(chart_id)}-hatch)" stroke="{BAR}"/>')
        parts.append(f'<text x="{plot_left + 24}" y="{y + 10}" font-size="12" fill="{INK}">'
                     f'{_text(legend)}</text>')
    parts.append("</svg>")
    return "".join(parts)


def _count_ticks(maximum: float) -> list[float]:
    """Up to five whole-number ticks from 0 to a round maximum."""
    if maximum <= 4:
        return list(range(0, int(math.ceil(maximum)) + 1))
    step = 10 ** math.floor(math.log10(maximum / 4))
    for factor in (1, 2, 5, 10):
        if maximum / (step * factor) <= 4:
            step *= factor
            break
    return [step * i for i in range(0, int(maximum // step) + 1)]


def nice_max(value: float) -> float:
    """A round upper bound for a count axis (the last tick)."""
    if value <= 4:
        return max(1.0, float(math.ceil(value)))
    ticks = _count_ticks(value)
    last = ticks[-1]
    return last if last >= value else last + (ticks[1] - ticks[0])


def matrix_chart(row_labels: Sequence[str], column_labels: Sequence[str],
                 counts: Sequence[Sequence[int]], chart_id: str, title: str, desc: str, *,
                 row_axis: str, column_axis: str, legend: str = "") -> str:
    """A count matrix (a confusion matrix): counts written in the cells, shade as a second
    cue, the diagonal (row i = column i) framed."""
    rows, cols = len(row_labels), len(column_labels)
    left, top = 170, 56
    cell_w = (WIDTH - left - 10) / max(1, cols)
    cell_h = 40
    height = top + cell_h * rows + (34 if legend else 12)
    biggest = max([c for row in counts for c in row] + [1])
    parts = _open(chart_id, title, desc, height, "asn-an-matrix")
    parts.append(f'<text x="{left + cell_w * cols / 2:.1f}" y="14" text-anchor="middle" '
                 f'font-size="12" font-weight="700" fill="{INK}">{_text(column_axis)}</text>')
    parts.append(f'<text x="4" y="{top - 8}" font-size="12" font-weight="700" fill="{INK}">'
                 f'{_text(row_axis)}</text>')
    for j, label in enumerate(column_labels):
        x = left + cell_w * (j + 0.5)
        parts.append(f'<text x="{x:.1f}" y="{top - 10}" text-anchor="middle" font-size="11" '
                     f'fill="{INK}">{_text(short(label, 22))}</text>')
    for i, label in enumerate(row_labels):
        y = top + cell_h * i
        parts.append(f'<text x="{left - 6}" y="{y + cell_h / 2 + 4:.1f}" text-anchor="end" '
                     f'font-size="11" fill="{INK}">{_text(short(label, 26))}</text>')
        for j in range(cols):
            count = counts[i][j] if j < len(counts[i]) else 0
            share = count / biggest
            x = left + cell_w * j
            dark = share > 0.55
            parts.append(f'<rect x="{x:.1f}" y="{y}" width="{cell_w:.1f}" height="{cell_h}" '
                         f'fill="{BAR}" fill-opacity="{0.08 + 0.85 * share:.2f}" stroke="#52606d" '
                         f'stroke-width="{3 if i == j else 1}"/>')
            parts.append(f'<text x="{x + cell_w / 2:.1f}" y="{y + cell_h / 2 + 5:.1f}" '
                         f'text-anchor="middle" font-size="14" font-weight="700" '
                         f'fill="{"#ffffff" if dark else INK}">{count}</text>')
    if legend:
        y = top + cell_h * rows + 10
        parts.append(f'<rect x="{left}" y="{y}" width="18" height="14" fill="#fff" '
                     f'stroke="#52606d" stroke-width="3"/>')
        parts.append(f'<text x="{left + 26}" y="{y + 12}" font-size="12" fill="{INK}">'
                     f'{_text(legend)}</text>')
    parts.append("</svg>")
    return "".join(parts)


def point_marker(kind: str, x: float, y: float, colour: str) -> str:
    """A point marker of a distinct shape per series (no meaning by colour alone)."""
    s = 4.5
    if kind == "circle":
        return f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{s}" fill="{colour}"/>'
    if kind == "square":
        return (f'<rect x="{x - s:.1f}" y="{y - s:.1f}" width="{2 * s}" height="{2 * s}" '
                f'fill="{colour}"/>')
    if kind in ("triangle", "triangle-down"):
        d = 1 if kind == "triangle" else -1
        return (f'<polygon points="{x:.1f},{y - d * s * 1.2:.1f} {x - s:.1f},{y + d * s:.1f} '
                f'{x + s:.1f},{y + d * s:.1f}" fill="{colour}"/>')
    if kind == "diamond":
        return (f'<polygon points="{x:.1f},{y - s * 1.3:.1f} {x + s:.1f},{y:.1f} {x:.1f},'
                f'{y + s * 1.3:.1f} {x - s:.1f},{y:.1f}" fill="{colour}"/>')
    if kind == "cross":
        return (f'<path d="M{x - s:.1f},{y - s:.1f}L{x + s:.1f},{y + s:.1f}M{x - s:.1f},'
                f'{y + s:.1f}L{x + s:.1f},{y - s:.1f}" stroke="{colour}" stroke-width="2"/>')
    return (f'<path d="M{x - s:.1f},{y:.1f}H{x + s:.1f}M{x:.1f},{y - s:.1f}V{y + s:.1f}" '
            f'stroke="{colour}" stroke-width="2"/>')


@dataclass
class Series:
    label: str
    values: list[float | None]  # one per x position; None = no data there


def line_chart(series: Sequence[Series], x_labels: Sequence[str], chart_id: str, title: str,
               desc: str, *, y_min: float, y_max: float, x_axis: str, locale: str = "en") -> str:
    """Lines over shared x positions (e.g. decision 0, 1, 2 …), one style per series."""
    left, right, top, plot_h = 48, 16, 12, 200
    if y_max <= y_min:
        y_max = y_min + 1
    count = max(1, len(x_labels))
    plot_w = WIDTH - left - right
    legend_rows = (len(series) + 1) // 2
    base = top + plot_h
    height = base + 40 + 22 * legend_rows

    def x_of(i: int) -> float:
        return left + (plot_w * i / (count - 1) if count > 1 else plot_w / 2)

    def y_of(v: float) -> float:
        share = (v - y_min) / (y_max - y_min)
        return top + plot_h * (1 - max(0.0, min(1.0, share)))

    parts = _open(chart_id, title, desc, height, "asn-an-lines")
    for k in range(5):
        value = y_min + (y_max - y_min) * k / 4
        y = y_of(value)
        parts.append(f'<line x1="{left}" y1="{y:.1f}" x2="{WIDTH - right}" y2="{y:.1f}" '
                     f'stroke="{GRID}" stroke-width="1"/>')
        parts.append(f'<text x="{left - 6}" y="{y + 4:.1f}" text-anchor="end" font-size="11" '
                     f'fill="{INK}">{_text(format_number(value, locale))}</text>')
    every = max(1, (count + 11) // 12)
    for i in range(0, count, every):
        parts.append(f'<text x="{x_of(i):.1f}" y="{base + 16}" text-anchor="middle" font-size="11" '
                     f'fill="{INK}">{_text(x_labels[i])}</text>')
    parts.append(f'<text x="{left + plot_w / 2:.1f}" y="{base + 32}" text-anchor="middle" '
                 f'font-size="11" fill="{INK}">{_text(x_axis)}</text>')
    parts.append(f'<line x1="{left}" y1="{top}" x2="{left}" y2="{base}" stroke="{INK}"/>')
    parts.append(f'<line x1="{left}" y1="{base}" x2="{WIDTH - right}" y2="{base}" stroke="{INK}"/>')
    for index, item in enumerate(series):
        colour, dash = COLOURS[index % len(COLOURS)], DASHES[index % len(DASHES)]
        marker = MARKERS[index % len(MARKERS)]
        dash_attr = "" if dash == "none" else f' stroke-dasharray="{dash}"'
        coords = [(x_of(i), y_of(v)) for i, v in enumerate(item.values) if v is not None]
        if len(coords) > 1:
            points = " ".join(f"{x:.1f},{y:.1f}" for x, y in coords)
            parts.append(f'<polyline points="{points}" fill="none" stroke="{colour}" '
                         f'stroke-width="2"{dash_attr}/>')
        parts.extend(point_marker(marker, x, y, colour) for x, y in coords)
        row, col = divmod(index, 2)
        lx, ly = left + col * (plot_w / 2), base + 52 + row * 22
        parts.append(f'<line x1="{lx:.1f}" y1="{ly}" x2="{lx + 30:.1f}" y2="{ly}" stroke="{colour}" '
                     f'stroke-width="2"{dash_attr}/>')
        parts.append(point_marker(marker, lx + 15, ly, colour))
        parts.append(f'<text x="{lx + 36:.1f}" y="{ly + 4}" font-size="12" fill="{INK}">'
                     f'{_text(short(item.label, 30))}</text>')
    parts.append("</svg>")
    return "".join(parts)


# --- figures: a chart with its data table -----------------------------------------------

def cell(value: float | int | None, text: str) -> dict[str, Any]:
    """A table cell with a number (for the CSV) and its text (for people)."""
    return {"v": value, "t": text}


@dataclass
class Ctx:
    """What a block's section builder needs to make figures: translation, locale and a
    prefix that keeps SVG ids unique on a page with several blocks."""

    gettext: Gettext
    locale: str = "en"
    prefix: str = "asn-an"
    plural: Callable[[str, str, int], str] | None = None  # the runtime's ngettext
    _used: set[str] = field(default_factory=set)

    def ngettext(self, singular: str, plural: str, count: int) -> str:
        if self.plural is not None:
            return self.plural(singular, plural, count)
        return self.gettext(singular if count == 1 else plural)

    def chart_id(self, name: str) -> str:
        base = f"{self.prefix}-{''.join(c if c.isalnum() else '-' for c in name)}"
        candidate, n = base, 1
        while candidate in self._used:
            n += 1
            candidate = f"{base}-{n}"
        self._used.add(candidate)
        return candidate

    def pct(self, fraction: float | None) -> dict[str, Any]:
        if fraction is None:
            return cell(None, "—")
        return cell(round_to(fraction * 100, 1), format_percent(fraction, self.locale))

    def num(self, value: float | None, decimals: int = 1) -> dict[str, Any]:
        if value is None:
            return cell(None, "—")
        return cell(round(value, 2), format_number(value, self.locale, decimals))

    def percent_text(self, fraction: float) -> str:
        return format_percent(fraction, self.locale)

    def bar_figure(self, name: str, title: str, desc: str, bars: Sequence[Bar],
                   columns: Sequence[str], rows: Sequence[Sequence[Any]], note: str = "",
                   **chart: Any) -> dict[str, Any]:
        """A bar chart (``chart``: bar_chart's options) and the table of its numbers, under
        an id unique on the page."""
        chart_id = self.chart_id(name)
        svg = bar_chart(bars, chart_id, title, desc, locale=self.locale, **chart)
        return figure(chart_id, title, svg, columns, rows, note)


def figure(fid: str, title: str, svg: str, columns: Sequence[str],
           rows: Sequence[Sequence[Any]], note: str = "") -> dict[str, Any]:
    """A chart and the table of its numbers; a row's first cell names the row."""
    return {"id": fid, "title": title, "svg": svg, "note": note,
            "table": {"columns": list(columns), "rows": [list(r) for r in rows]}}


def section(sid: str, title: str, figures: Sequence[dict[str, Any]], intro: str = "",
            empty: str = "") -> dict[str, Any]:
    return {"id": sid, "title": title, "intro": intro, "figures": list(figures),
            "empty": empty if not figures else ""}


def share(part: float, whole: float) -> float | None:
    return (part / whole) if whole else None
