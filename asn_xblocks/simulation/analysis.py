"""Graph analysis of a scenario: the structural graph and the reachable state graph.

Two graphs, two purposes:

* The **structural graph** (places = nodes, routers, endings; edges = every goto) answers
  questions that do not depend on metric values: what is unreachable from ``start``, which
  strongly connected sets can never get out to an ending, which routers chain in a loop.
* The **state graph** (states = (node or ending, metric values) reachable from the start;
  edges = the choices available in each state, routers followed) answers what ``when``
  conditions allow: which endings some reachable state can reach, which choices are never
  offered, where a learner could get stuck, and the best achievable path for scoring.

The state search is breadth-first with a bound (``STATE_LIMIT`` states); when the bound
is hit the result says so (``truncated``) and validation warns that it was cut off.

**Best path** (PRODUCT.md: a choice's points count once per path): a longest-path DP over
the state graph, computed by one iterative depth-first search with memoisation. An edge
back to a state still on the DFS stack (a cycle) is ignored, so the DP runs over a DAG
built from the state graph; its cost is linear in states + edges. Points are summed per
transition; on the reconstructed best path they are then recounted once per choice id.
For scenarios whose node graph has no cycles (every demo, the generator) this is exact;
with cycles it is a documented approximation, and a learner's fraction is capped at 1.
Ties are broken by the higher ending score, so the path shown is also the best ending.
"""
from __future__ import annotations

import gc
import hashlib
import json
from collections import OrderedDict, deque
from contextlib import contextmanager
from dataclasses import dataclass, field

from .engine import RouteError, Scenario, Values, path_points

STATE_LIMIT = 200_000


@dataclass
class Exploration:
    start: int | None  # index of the start state, None when the start cannot be resolved
    start_error: RouteError | None
    kinds: list[str] = field(default_factory=list)  # "node" | "ending" per state
    places: list[str] = field(default_factory=list)  # node or ending id per state
    values: list[Values] = field(default_factory=list)
    # per node state: (choice id, target state index); -1: the goto leads nowhere
    edges: list[list[tuple[str, int]]] = field(default_factory=list)
    route_errors: list[tuple[str, str, RouteError]] = field(default_factory=list)
    truncated: bool = False
    available: set[str] = field(default_factory=set)  # choice ids offered in some state
    reached_nodes: set[str] = field(default_factory=set)
    reached_endings: set[str] = field(default_factory=set)
    stuck_nodes: set[str] = field(default_factory=set)  # reached with nothing to choose

    @property
    def size(self) -> int:
        return len(self.places)


@contextmanager
def gc_paused():
    """Pause the cyclic garbage collector during a search (re-entrant).

    The searches allocate hundreds of thousands of small tuples that form no reference
    cycles; each collector pass walks the whole heap (the content included), which made
    the analysis superlinear in scenario size. Reference counting still frees everything;
    the collector is restored afterwards.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def explore(scn: Scenario, limit: int = STATE_LIMIT) -> Exploration:
    """Breadth-first search of the reachable (place, metric values) states."""
    values = scn.initial_values()
    try:
        kind, place = scn.resolve(scn.content.start, values)
    except RouteError as exc:
        return Exploration(None, exc)
    result = Exploration(0, None)
    with gc_paused():
        _search(scn, result, kind, place, values, limit)
    return result


def _search(scn: Scenario, result: Exploration, kind: str, place: str, values: Values,
            limit: int) -> None:
    kinds, places, all_values, all_edges = result.kinds, result.places, result.values, result.edges
    index: dict[str, dict[Values, int]] = {}  # place → metric values → state
    queue: deque[int] = deque()
    direct: dict[str, str] = {}  # goto → kind, when it needs no router (value-independent)
    for target in scn.endings:
        direct[target] = "ending"
    for target in scn.nodes:
        direct[target] = "node"

    def add(kind_: str, place_: str, vals: Values) -> int:
        known = index.get(place_)
        if known is None:
            known = index[place_] = {}
        found = known.get(vals)
        if found is not None:
            return found
        if len(places) >= limit:
            result.truncated = True
            return -2
        state = known[vals] = len(places)
        kinds.append(kind_)
        places.append(place_)
        all_values.append(vals)
        all_edges.append([])
        if kind_ == "ending":
            result.reached_endings.add(place_)
        else:
            result.reached_nodes.add(place_)
            queue.append(state)
        return state

    add(kind, place, values)
    available = result.available
    apply = scn.apply
    while queue:
        state = queue.popleft()
        node = scn.nodes[places[state]]
        vals = all_values[state]
        edges = all_edges[state]
        offered = False
        for transition in scn.transitions(node):
            if not transition.available(vals):
                continue
            offered = True
            choice = transition.choice
            available.add(choice.id)
            after = apply(transition, vals)
            target_kind = direct.get(choice.goto)
            target = choice.goto
            if target_kind is None:
                try:
                    target_kind, target = scn.resolve(choice.goto, after)
                except RouteError as exc:
                    result.route_errors.append((node.id, choice.id, exc))
                    edges.append((choice.id, -1))
                    continue
            target_state = add(target_kind, target, after)
            if target_state >= 0:
                edges.append((choice.id, target_state))
        if not offered:
            result.stuck_nodes.add(node.id)


@dataclass
class BestPath:
    found: bool  # some ending is reachable
    points: float  # points on the path, each choice once
    steps: list[tuple[str, str]]  # (node id, choice id) in order
    ending: str | None
    truncated: bool


def best_path(scn: Scenario, exploration: Exploration | None = None,
              competency: str | None = None) -> BestPath:
    """The path with the most points (only choices tagged ``competency`` when given)."""
    expl = exploration if exploration is not None else explore(scn)
    with gc_paused():
        return _best_path(scn, expl, competency)


def _best_path(scn: Scenario, expl: Exploration, competency: str | None) -> BestPath:
    if expl.start is None:
        return BestPath(False, 0.0, [], None, expl.truncated)
    weight: dict[str, float] = {}
    for node in scn.content.nodes:
        for choice in node.choices:
            if competency is None or choice.competency == competency:
                weight.setdefault(choice.id, max(0.0, choice.points))
    ending_score = {e.id: (e.score or 0.0) for e in scn.content.endings}

    n = expl.size
    value: list[tuple[float, float] | None] = [None] * n
    chosen: list[int] = [-1] * n  # index into edges[state]
    color = bytearray(n)  # 0 new, 1 on the stack, 2 done
    cursor = [0] * n
    stack = [expl.start]
    color[expl.start] = 1
    kinds, edges = expl.kinds, expl.edges
    while stack:
        state = stack[-1]
        if kinds[state] == "ending":
            value[state] = (0.0, ending_score.get(expl.places[state], 0.0))
            color[state] = 2
            stack.pop()
            continue
        out = edges[state]
        i = cursor[state]
        if i < len(out):
            cursor[state] = i + 1
            target = out[i][1]
            if target >= 0 and color[target] == 0:
                color[target] = 1
                stack.append(target)
            continue
        best: tuple[float, float] | None = None
        for k, (choice_id, target) in enumerate(out):
            if target < 0 or color[target] != 2 or value[target] is None:
                continue  # nowhere, a back edge (cycle), or no ending from there
            sub = value[target]
            candidate = (weight.get(choice_id, 0.0) + sub[0], sub[1])
            if best is None or candidate > best:
                best, chosen[state] = candidate, k
        value[state] = best
        color[state] = 2
        stack.pop()

    if value[expl.start] is None:
        return BestPath(False, 0.0, [], None, expl.truncated)
    steps: list[tuple[str, str]] = []
    state, seen = expl.start, set()
    while kinds[state] != "ending" and state not in seen:
        seen.add(state)
        choice_id, target = edges[state][chosen[state]]
        steps.append((expl.places[state], choice_id))
        state = target
    ending = expl.places[state] if kinds[state] == "ending" else None
    points = path_points(scn, [c for _n, c in steps], competency)
    return BestPath(ending is not None, points, steps, ending, expl.truncated)


# --- best path per content, cached --------------------------------------------------------

_BEST_CACHE: "OrderedDict[str, BestPath]" = OrderedDict()
_BEST_CACHE_SIZE = 32


def content_fingerprint(content) -> str:
    """A hash of the whole content: equal content, equal best path."""
    from .model import to_dict  # local: keeps this module's imports one-directional

    text = json.dumps(to_dict(content), sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def best_path_for(content, scn: Scenario | None = None) -> BestPath:
    """The overall best path of ``content``, memoised by content fingerprint.

    Scoring and the debrief need it on every finished attempt while the content rarely
    changes; the search can take a noticeable fraction of a second on big scenarios. The
    cache holds derived content facts only (never learner data) and is bounded.
    """
    key = content_fingerprint(content)
    found = _BEST_CACHE.get(key)
    if found is not None:
        _BEST_CACHE.move_to_end(key)
        return found
    result = best_path(scn or Scenario(content))
    _BEST_CACHE[key] = result
    while len(_BEST_CACHE) > _BEST_CACHE_SIZE:
        _BEST_CACHE.popitem(last=False)
    return result


# --- the structural graph ----------------------------------------------------------------

def structural_edges(scn: Scenario) -> dict[str, list[str]]:
    """Place id → ids its gotos name (known places only), for nodes and routers."""
    known = set(scn.nodes) | set(scn.routers) | set(scn.endings)
    graph: dict[str, list[str]] = {}
    for place, node in scn.nodes.items():
        graph[place] = [c.goto for c in node.choices if c.goto in known]
    for place, router in scn.routers.items():
        graph.setdefault(place, [r.goto for r in router.routes if r.goto in known])
    for place in scn.endings:
        graph.setdefault(place, [])
    return graph


def reachable(graph: dict[str, list[str]], start: str) -> set[str]:
    if start not in graph:
        return set()
    seen = {start}
    queue = deque([start])
    while queue:
        for target in graph[queue.popleft()]:
            if target not in seen:
                seen.add(target)
                queue.append(target)
    return seen


def can_reach(graph: dict[str, list[str]], goals: set[str]) -> set[str]:
    """Places from which some goal is reachable (reverse breadth-first search)."""
    reverse: dict[str, list[str]] = {place: [] for place in graph}
    for place, targets in graph.items():
        for target in targets:
            reverse.setdefault(target, []).append(place)
    seen = set(goal for goal in goals if goal in reverse)
    queue = deque(seen)
    while queue:
        for source in reverse.get(queue.popleft(), ()):
            if source not in seen:
                seen.add(source)
                queue.append(source)
    return seen


def strongly_connected(graph: dict[str, list[str]]) -> list[list[str]]:
    """Tarjan's algorithm, iterative (scenarios can be thousands of places deep)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    components: list[list[str]] = []
    counter = 0
    for root in graph:
        if root in index:
            continue
        work = [(root, 0)]
        index[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on_stack.add(root)
        while work:
            place, i = work[-1]
            targets = graph.get(place, [])
            if i < len(targets):
                work[-1] = (place, i + 1)
                target = targets[i]
                if target not in index:
                    index[target] = low[target] = counter
                    counter += 1
                    stack.append(target)
                    on_stack.add(target)
                    work.append((target, 0))
                elif target in on_stack:
                    low[place] = min(low[place], index[target])
                continue
            work.pop()
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[place])
            if low[place] == index[place]:
                component = []
                while True:
                    item = stack.pop()
                    on_stack.discard(item)
                    component.append(item)
                    if item == place:
                        break
                components.append(component)
    return components


def cyclic_components(graph: dict[str, list[str]]) -> list[list[str]]:
    """Components that really are cycles: more than one place, or a place that loops."""
    return [c for c in strongly_connected(graph)
            if len(c) > 1 or c[0] in graph.get(c[0], [])]
