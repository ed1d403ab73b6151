""""Check all paths": which endings a learner can reach, by which shortest path, and which
nodes and choices no play ever meets.

Exhaustive first: the reachable (place, metric values) state graph of
``state_search.explore`` (the same bounded search validation and scoring use:
``state_search.BUDGET``), walked
breadth-first from the start, so the first time an ending is met is by a shortest path
(fewest choices). When the search is cut off at a bound, seeded random plays through the
engine's own rules add what they find, within their own work budget (``PLAY_WORK``, counted
as the search counts: condition sizes, effects and metrics, router hops), and the report
says the result is partial. Pure: no XBlock here.
"""
from __future__ import annotations

import random
from collections import deque
from dataclasses import dataclass, field

from . import state_search
from .model import Content
from .scenario import RouteError, Scenario

PLAYS = 300
MAX_PLAY_STEPS = 500
# The seeded plays' work budget (units of state_search.Budget.work): a quarter of the
# search's, so "Check all paths" costs at most 1.25 × a save's analysis.
PLAY_WORK = state_search.BUDGET.work // 4


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
    cut: str | None = None  # the bound that stopped the search (Exploration.cut)


def check_paths(content: Content, limit: int | None = None, plays: int = PLAYS,
                seed: int = 1, play_work: int = PLAY_WORK) -> PathReport:
    scn = Scenario(content)
    expl = state_search.explore(scn, limit)
    endings = {e.id: EndingReach(e.id, e.title, False) for e in content.endings if e.id}
    if expl.start is None:
        if expl.start_error is None:  # the start's router walk alone passed the budget
            return PathReport("partial", 0, None, list(endings.values()),
                              [n.id for n in content.nodes], [], [], cut=expl.cut)
        return PathReport("exhaustive", 0, expl.start_error.place or "?",
                          list(endings.values()), [n.id for n in content.nodes], [], [])
    with state_search.gc_paused():
        _shortest(expl, expl.start, endings)
    reached_nodes = set(expl.reached_nodes)
    available = set(expl.available)
    stuck = set(expl.stuck_nodes)
    method, played = "exhaustive", 0
    if expl.truncated:
        method = "partial"
        played = _seeded_plays(scn, endings, reached_nodes, available, stuck, plays, seed,
                               play_work)
    unreached = [n.id for n in content.nodes if n.id and n.id not in reached_nodes]
    unavailable = [c.id for n in content.nodes if n.id in reached_nodes
                   for c in n.choices if c.id and c.id not in available]
    stuck_nodes = [n.id for n in content.nodes if n.id in stuck]
    return PathReport(method, expl.size, None, list(endings.values()), unreached, unavailable,
                      stuck_nodes, played, expl.cut)


def _shortest(expl: state_search.Exploration, start: int,
              endings: dict[str, EndingReach]) -> None:
    parent: dict[int, tuple[int, str]] = {}
    seen = {start}
    queue = deque([start])
    missing = {e for e, reach in endings.items() if not reach.reached}
    first, last, targets, choices = expl.first, expl.last, expl.edge_target, expl.edge_choice
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
        if first[state] < 0:
            continue  # not expanded (the search stopped first)
        for k in range(first[state], last[state]):
            target = targets[k]
            if target >= 0 and target not in seen:
                seen.add(target)
                parent[target] = (state, expl.choice_ids[choices[k]])
                queue.append(target)


def _seeded_plays(scn: Scenario, endings: dict[str, EndingReach], reached: set[str],
                  available: set[str], stuck: set[str], plays: int, seed: int,
                  work_limit: int) -> int:
    """Random plays with fixed seeds (reproducible) through the engine's rules, until
    ``plays`` are done or their work would pass ``work_limit``; returns the plays done."""
    costs = state_search.ConditionCosts()
    metric_count = len(scn.metric_ids)
    work = 0
    spent = [0]
    for number in range(plays):
        rng = random.Random(seed + number)
        values = scn.initial_values()
        spent[0] = 0
        try:
            kind, place = state_search.resolve_counted(scn, scn.content.start, values, costs,
                                                       spent, work_limit - work)
        except RouteError:
            return number
        except state_search.OutOfBudget:
            return number
        work += spent[0]
        steps: list[tuple[str, str]] = []
        for _step in range(MAX_PLAY_STEPS):
            if kind == "ending":
                reach = endings.get(place)
                if reach is not None and (not reach.reached or len(steps) < len(reach.steps)):
                    reach.reached, reach.steps, reach.by_play = True, list(steps), True
                break
            reached.add(place)
            node = scn.nodes[place]
            transitions = scn.transitions(node)
            work += state_search.EXPAND_UNITS + sum(costs(t.choice.when) for t in transitions)
            if work > work_limit:
                return number
            options = [t for t in transitions if t.available(values)]
            if not options:
                stuck.add(place)
                break
            available.update(t.choice.id for t in options)
            transition = rng.choice(options)
            work += state_search.take_units(metric_count, len(transition.effects))
            values = scn.apply(transition, values)
            steps.append((place, transition.choice.id))
            spent[0] = 0
            try:
                kind, place = state_search.resolve_counted(scn, transition.choice.goto, values,
                                                           costs, spent, work_limit - work)
            except RouteError:
                work += spent[0]
                break
            except state_search.OutOfBudget:
                return number
            work += spent[0]
    return plays
