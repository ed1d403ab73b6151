""""Check all paths": which endings a learner can reach, by which shortest path, and which
nodes and choices no play ever meets.

Exhaustive first: the reachable (place, metric values) state graph of ``analysis.explore``
(the same search validation and scoring use, bounded by ``STATE_LIMIT``), walked
breadth-first from the start, so the first time an ending is met is by a shortest path
(fewest choices). When the search is cut off at the bound, seeded random plays through the
engine's own rules add what they find, and the report says the result is partial.
Pure: no XBlock here.
"""
from __future__ import annotations

import random
from collections import deque
from dataclasses import dataclass, field

from . import analysis
from .engine import RouteError, Scenario
from .model import Content

PLAYS = 300
MAX_PLAY_STEPS = 500


@dataclass
class EndingReach:
    id: str
    title: str
    reached: bool
    steps: list[tuple[str, str]] = field(default_factory=list)  # (node id, choice id)
    by_play: bool = False  # found by a seeded play, not by the exhaustive search


@dataclass
class PathReport:
    method: str  # "exhaustive" | "partial" (search cut off, seeded plays added)
    states: int
    start_error: str | None
    endings: list[EndingReach]
    unreached_nodes: list[str]
    unavailable_choices: list[str]  # on reached nodes, never offered
    stuck_nodes: list[str]  # reached with no choice available
    plays: int = 0


def check_paths(content: Content, limit: int = analysis.STATE_LIMIT, plays: int = PLAYS,
                seed: int = 1) -> PathReport:
    scn = Scenario(content)
    expl = analysis.explore(scn, limit)
    endings = {e.id: EndingReach(e.id, e.title, False) for e in content.endings if e.id}
    if expl.start is None:
        error = expl.start_error.place if expl.start_error else content.start
        return PathReport("exhaustive", 0, error or "?", list(endings.values()),
                          [n.id for n in content.nodes], [], [])
    with analysis.gc_paused():
        _shortest(expl, endings)
    reached_nodes = set(expl.reached_nodes)
    available = set(expl.available)
    stuck = set(expl.stuck_nodes)
    method, played = "exhaustive", 0
    if expl.truncated:
        method, played = "partial", plays
        _seeded_plays(scn, endings, reached_nodes, available, stuck, plays, seed)
    unreached = [n.id for n in content.nodes if n.id and n.id not in reached_nodes]
    unavailable = [c.id for n in content.nodes if n.id in reached_nodes
                   for c in n.choices if c.id and c.id not in available]
    stuck_nodes = [n.id for n in content.nodes if n.id in stuck]
    return PathReport(method, expl.size, None, list(endings.values()), unreached, unavailable,
                      stuck_nodes, played)


def _shortest(expl: analysis.Exploration, endings: dict[str, EndingReach]) -> None:
    parent: dict[int, tuple[int, str]] = {}
    seen = {expl.start}
    queue = deque([expl.start])
    missing = {e for e, reach in endings.items() if not reach.reached}
    while queue and missing:
        state = queue.popleft()
        if expl.kinds[state] == "ending":
            place = expl.places[state]
            if place in missing:
                missing.discard(place)
                steps = []
                cursor = state
                while cursor in parent:
                    previous, choice = parent[cursor]
                    steps.append((expl.places[previous], choice))
                    cursor = previous
                endings[place].reached = True
                endings[place].steps = steps[::-1]
            continue
        for choice, target in expl.edges[state]:
            if target >= 0 and target not in seen:
                seen.add(target)
                parent[target] = (state, choice)
                queue.append(target)


def _seeded_plays(scn: Scenario, endings: dict[str, EndingReach], reached: set[str],
                  available: set[str], stuck: set[str], plays: int, seed: int) -> None:
    """Random plays with fixed seeds (reproducible) through the engine's rules."""
    for number in range(plays):
        rng = random.Random(seed + number)
        values = scn.initial_values()
        try:
            kind, place = scn.resolve(scn.content.start, values)
        except RouteError:
            return
        steps: list[tuple[str, str]] = []
        for _step in range(MAX_PLAY_STEPS):
            if kind == "ending":
                reach = endings.get(place)
                if reach is not None and (not reach.reached or len(steps) < len(reach.steps)):
                    reach.reached, reach.steps, reach.by_play = True, list(steps), True
                break
            reached.add(place)
            node = scn.nodes[place]
            options = [t for t in scn.transitions(node) if t.available(values)]
            if not options:
                stuck.add(place)
                break
            available.update(t.choice.id for t in options)
            transition = rng.choice(options)
            values = scn.apply(transition, values)
            steps.append((place, transition.choice.id))
            try:
                kind, place = scn.resolve(transition.choice.goto, values)
            except RouteError:
                break
