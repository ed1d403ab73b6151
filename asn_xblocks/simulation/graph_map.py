"""A map of the scenario graph for the Studio editor: server-rendered SVG plus a text list.

Places (nodes, routers, endings) are laid out in layers by their breadth-first distance
from ``start`` (rows of at most ``ROW_SIZE``); places the start cannot reach come last,
in a row of their own. Choices and routes are arrows labelled with their conditions.
Validation problems are marked on the map by shape and text, never by colour alone: a
dashed, thick outline and a "⚠" line naming the problem (unreachable, dead end, ending
never reached). Each place is an SVG link (``href="#asn-item-<id>"``, ``data-item``)
the editor turns into a jump to that item's form; keyboard users reach the links with Tab.

Everything the author wrote (ids, titles, conditions) is escaped. Pure: no XBlock here.
"""
from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from html import escape
from typing import Any
from urllib.parse import quote

from ..core.formatting import plain_number
from ..core.i18n import N_
from ..core.text import clip
from .model import Content

ROW_SIZE = 4
BOX_W, BOX_H = 168, 58
GAP_X, GAP_Y = 36, 70
MARGIN = 16
MAX_PLACES = 300  # beyond this the map is left out; the text list still lists everything
LABEL_CHARS = 22

KIND_LABELS = {"node": N_("Node"), "router": N_("Router"), "ending": N_("Ending")}

# Problem codes shown on the map with a short reason; others show as "has errors/warnings".
UNREACHABLE = N_("unreachable")
DEAD_END = N_("dead end")
ENDING_NEVER = N_("never reached")
REASONS = {
    "node-unreachable": UNREACHABLE, "router-unreachable": UNREACHABLE,
    "ending-unreachable": ENDING_NEVER,
    "node-no-choices": DEAD_END, "node-stuck": DEAD_END, "cycle-no-exit": DEAD_END,
}


@dataclass
class Place:
    id: str
    kind: str  # node | router | ending
    title: str
    depth: int | None = None
    x: float = 0.0
    y: float = 0.0
    reasons: list[str] = field(default_factory=list)


@dataclass
class Arrow:
    source: str
    target: str
    label: str  # the condition ("" = always), or "otherwise" for a default route
    item: str  # the choice id, or the router id for a route
    known: bool = True  # the target exists
    default: bool = False  # a router's default route


MAP_LABEL = N_("Scenario map")  # the SVG's accessible name


def _places(content: Content) -> dict[str, Place]:
    places: dict[str, Place] = {}
    for kind, items in (("node", content.nodes), ("router", content.routers),
                        ("ending", content.endings)):
        for item in items:
            if item.id and item.id not in places:
                places[item.id] = Place(item.id, kind, getattr(item, "title", "") or "")
    return places


def _arrows(content: Content, places: dict[str, Place], otherwise: str) -> list[Arrow]:
    arrows = []
    for node in content.nodes:
        if places.get(node.id) is None or places[node.id].kind != "node":
            continue
        for choice in node.choices:
            arrows.append(Arrow(node.id, choice.goto, choice.when, choice.id or node.id,
                                choice.goto in places))
    for router in content.routers:
        if places.get(router.id) is None or places[router.id].kind != "router":
            continue
        for route in router.routes:
            arrows.append(Arrow(router.id, route.goto, route.when or otherwise, router.id,
                                route.goto in places, default=not route.when))
    return arrows


def _depths(start: str, places: dict[str, Place], arrows: list[Arrow]) -> None:
    out: dict[str, list[str]] = {}
    for arrow in arrows:
        if arrow.known:
            out.setdefault(arrow.source, []).append(arrow.target)
    if start not in places:
        return
    places[start].depth = 0
    queue = deque([(start, 0)])
    while queue:
        place, depth = queue.popleft()
        for target in out.get(place, ()):
            if places[target].depth is None:
                places[target].depth = depth + 1
                queue.append((target, depth + 1))


def _mark_problems(content: Content, places: dict[str, Place], problems: Iterable[Any],
                   gettext: Callable[[str], str]) -> None:
    owner: dict[str, str] = {}
    for node in content.nodes:
        for choice in node.choices:
            if choice.id:
                owner.setdefault(choice.id, node.id)
    for problem in problems:
        item = getattr(problem, "item_id", None)
        place = places.get(item) if item else None
        if place is None and item in owner:
            place = places.get(owner[item])
        if place is None:
            continue
        reason = REASONS.get(problem.code)
        if reason is None:
            reason = N_("has errors") if problem.is_error else N_("has warnings")
        text = gettext(reason)
        if text not in place.reasons:
            place.reasons.append(text)


def _layout(places: dict[str, Place]) -> tuple[float, float]:
    by_depth: dict[int, list[Place]] = {}
    unreachable: list[Place] = []
    for place in places.values():
        if place.depth is None:
            unreachable.append(place)
        else:
            by_depth.setdefault(place.depth, []).append(place)
    rows: list[list[Place]] = []
    for depth in sorted(by_depth):
        layer = by_depth[depth]
        rows.extend(layer[i:i + ROW_SIZE] for i in range(0, len(layer), ROW_SIZE))
    rows.extend(unreachable[i:i + ROW_SIZE] for i in range(0, len(unreachable), ROW_SIZE))
    widest = max((len(row) for row in rows), default=1)
    width = MARGIN * 2 + widest * BOX_W + (widest - 1) * GAP_X
    for r, row in enumerate(rows):
        row_width = len(row) * BOX_W + (len(row) - 1) * GAP_X
        left = (width - row_width) / 2
        for i, place in enumerate(row):
            place.x = left + i * (BOX_W + GAP_X)
            place.y = MARGIN + r * (BOX_H + GAP_Y)
    height = MARGIN * 2 + len(rows) * BOX_H + max(0, len(rows) - 1) * GAP_Y
    return width, height





def _shape(place: Place) -> str:
    x, y, w, h = place.x, place.y, BOX_W, BOX_H
    if place.kind == "router":
        cx, cy = x + w / 2, y + h / 2
        return (f'<polygon class="asn-map-shape" points="{_coord(cx)},{_coord(y)} {_coord(x + w)},'
                f'{_coord(cy)} {_coord(cx)},{_coord(y + h)} {_coord(x)},{_coord(cy)}"/>')
    radius = 22 if place.kind == "ending" else 4
    return (f'<rect class="asn-map-shape" x="{_coord(x)}" y="{_coord(y)}" width="{w}" height="{h}" '
            f'rx="{radius}"/>')


def _place_svg(place: Place, start: str, gettext) -> str:
    kind = gettext(KIND_LABELS[place.kind])
    name = f"{kind} {place.id}" + (f": {place.title}" if place.title else "")
    extras = []
    if place.id == start:
        extras.append(gettext(N_("start")))
    if place.reasons:
        extras.append(gettext(N_("problem: {reasons}")).format(reasons=", ".join(place.reasons)))
    label = name + (" (" + "; ".join(extras) + ")" if extras else "")
    classes = f"asn-map-place asn-map-{place.kind}" + (" asn-map-problem" if place.reasons else "")
    cx = place.x + BOX_W / 2
    lines = [f"{'▶ ' if place.id == start else ''}{clip(place.id, 20)}"]
    lines.append(clip(place.title) if place.title else kind)
    if place.reasons:
        lines.append("⚠ " + clip(", ".join(place.reasons), 20))
    top = place.y + BOX_H / 2 - (len(lines) - 1) * 7 + 4
    id_class = ' class="asn-map-id"'
    texts = "".join(
        f'<text x="{_coord(cx)}" y="{_coord(top + i * 14)}" text-anchor="middle"'
        f'{id_class if i == 0 else ""}>{escape(line)}</text>'
        for i, line in enumerate(lines))
    return (f'<a href="#asn-item-{quote(place.id, safe="")}" data-item="{escape(place.id)}" '
            f'class="{classes}" aria-label="{escape(label)}"><title>{escape(label)}</title>'
            f'{_shape(place)}{texts}</a>')


def _arrow_svg(arrow: Arrow, places: dict[str, Place], index: int) -> str:
    source, target = places[arrow.source], places[arrow.target]
    sx, sy = source.x + BOX_W / 2, source.y + BOX_H
    tx, ty = target.x + BOX_W / 2, target.y
    spread = ((index % 5) - 2) * 12  # fan out parallel arrows a little
    if target.y > source.y:
        path = f"M{_coord(sx + spread)},{_coord(sy)} L{_coord(tx)},{_coord(ty)}"
        lx, ly = (sx + spread + tx) / 2, (sy + ty) / 2
    else:  # back or sideways edge: a curve around the right of both boxes
        sx, sy = source.x + BOX_W, source.y + BOX_H / 2 + spread / 3
        tx, ty = target.x + BOX_W, target.y + BOX_H / 2
        bend = max(sx, tx) + GAP_X + abs(spread)
        path = (f"M{_coord(sx)},{_coord(sy)} C{_coord(bend)},{_coord(sy)} "
                f"{_coord(bend)},{_coord(ty)} {_coord(tx)},{_coord(ty)}")
        lx, ly = bend - 6, (sy + ty) / 2
    out = f'<path class="asn-map-arrow" d="{path}" marker-end="url(#asn-map-head)"/>'
    if arrow.label:
        text = clip(arrow.label, 26)
        width = 6.2 * len(text) + 8
        out += (f'<rect class="asn-map-label-bg" x="{_coord(lx - width / 2)}" y="{_coord(ly - 10)}" '
                f'width="{_coord(width)}" height="15" rx="3"/>'
                f'<text class="asn-map-label" x="{_coord(lx)}" y="{_coord(ly + 1)}" '
                f'text-anchor="middle">{escape(text)}</text>')
    return out


def build_map(content: Content, problems: Iterable[Any] = (),
              gettext: Callable[[str], str] = lambda s: s) -> dict[str, Any]:
    """``{"svg": str | None, "list": [{"item_id", "text"}], "too_large": bool}``."""
    places = _places(content)
    otherwise = gettext(N_("otherwise"))
    arrows = _arrows(content, places, otherwise)
    _depths(content.start, places, arrows)
    _mark_problems(content, places, problems, gettext)
    entries = _text_list(content, places, arrows, gettext)
    if not places or len(places) > MAX_PLACES:
        return {"svg": None, "list": entries, "too_large": len(places) > MAX_PLACES}
    width, height = _layout(places)
    backward = any(a.known and places[a.target].y <= places[a.source].y for a in arrows)
    extra = GAP_X * 3 if backward else 0  # room for curved back edges on the right
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="asn-map-svg" role="group" '
        f'aria-label="{escape(gettext(MAP_LABEL))}" viewBox="0 0 {_coord(width + extra)} '
        f'{_coord(height)}" width="{_coord(width + extra)}" height="{_coord(height)}">',
        '<defs><marker id="asn-map-head" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="8" '
        'markerHeight="8" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" '
        'class="asn-map-head"/></marker></defs>',
    ]
    parts.extend(_arrow_svg(arrow, places, i) for i, arrow in enumerate(arrows) if arrow.known)
    parts.extend(_place_svg(place, content.start, gettext) for place in places.values())
    parts.append("</svg>")
    return {"svg": "".join(parts), "list": entries, "too_large": False}


def _text_list(content: Content, places: dict[str, Place], arrows: list[Arrow],
               gettext) -> list[dict[str, str]]:
    """The same graph in words, one entry per place, in document order."""
    entries = []
    by_source: dict[str, list[Arrow]] = {}
    for arrow in arrows:
        by_source.setdefault(arrow.source, []).append(arrow)
    for place in places.values():
        kind = gettext(KIND_LABELS[place.kind])
        text = f"{kind} {place.id}" + (f" “{place.title}”" if place.title else "")
        facts = []
        if place.id == content.start:
            facts.append(gettext(N_("the start")))
        if place.depth is not None and place.id != content.start:
            facts.append(gettext(N_("{n} steps from the start")).format(n=place.depth))
        outs = []
        for arrow in by_source.get(place.id, []):
            target = arrow.target or "?"
            if not arrow.known:
                target += " " + gettext(N_("(unknown)"))
            line = (f"{arrow.item} → {target}" if place.kind == "node" else f"→ {target}")
            if arrow.default:
                line += " (" + arrow.label + ")"
            elif arrow.label:
                line += " " + gettext(N_("if {condition}")).format(condition=arrow.label)
            outs.append(line)
        if outs:
            facts.append(gettext(N_("leads to: {targets}")).format(targets="; ".join(outs)))
        elif place.kind != "ending":
            facts.append(gettext(N_("leads nowhere")))
        if place.reasons:
            facts.append(gettext(N_("problem: {reasons}")).format(reasons=", ".join(place.reasons)))
        entries.append({"item_id": place.id, "text": text + (" — " + ". ".join(facts) if facts else "")})
    return entries


def _coord(value: float) -> str:
    """An SVG coordinate: whole numbers plain, else one decimal."""
    return plain_number(value, 1)
