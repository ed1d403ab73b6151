"""Graph analysis of a scenario: the structural graph and the reachable state graph.

Two graphs, two purposes:

* The **structural graph** (places = nodes, routers, endings; edges = every goto) answers
  questions that do not depend on metric values: what is unreachable from ``start``, which
  strongly connected sets can never get out to an ending, which routers chain in a loop.
  Linear in the content's size (which the OLX size limit bounds).
* The **state graph** (states = (node or ending, metric values) reachable from the start;
  edges = the choices available in each state, routers followed) answers what ``when``
  conditions allow: which endings some reachable state can reach, which choices are never
  offered, where a learner could get stuck, and the best achievable path for scoring.

**Bounded in work and memory.** The state search is breadth-first and counts, against a
fixed ``Budget`` (``BUDGET``):

* *work units* (``EXPAND_UNITS``, ``take_units``; about 0.2–0.6 µs each on the benchmark
  machine): 4 per state expanded; per choice considered, the size of its ``when``
  (comparisons + ``and``/``or``/``not``, at least 1); per choice taken, 8 + its effects +
  a quarter per metric (the new metric values are built, hashed and looked up, the edge
  kept); per router hop, 1 + the size of every route condition tested;
* *states kept* and *memory kept*, in 8-byte words: ``STATE_WORDS`` + one per metric for
  each state, one per edge (edges are kept as two flat int32 arrays).

It stops at the first bound it would cross and says which (``Exploration.cut``: "states",
"work" or "memory"); validation then warns the author (``state-search-cut-off``) and the
stored result carries the flag. The best-path DP and the shortest-path walk are linear in
what the search kept, so the memory bound bounds them too.

**Where it runs.** ``analyse`` (the one entry point that searches) runs when an author
checks, saves or imports content: validation analyses the model it checks and attaches the
result to it, the save stores that same result (one search per save: ``for_storage``), an
import analyses what it parsed; the shell stores the result's JSON (``Analysis.to_dict``)
beside the content (``shell/content.py``, ``pack``: ``{"hash", "model", "analysis"}``) and
attaches the stored result to every content model it reads (``attach_stored``). Scoring,
the debrief, reports and Studio's ``validate()`` read what is attached (``result_for``,
``attached``): no learner request searches. Content stored without a result (by a version before the bound, or never
saved) is *not analysed*: path scoring uses the ending's score, the best path is not shown,
and validation asks the author to save once. A model with nothing attached at all (the pure
core used directly: unit tests, tools, benchmarks) is analysed on first use.

**Best path** (PRODUCT.md: a choice's points count once per path): a longest-path DP over
the state graph, computed by one iterative depth-first search with memoisation. An edge
back to a state still on the DFS stack (a cycle) is ignored, so the DP runs over a DAG
built from the state graph; its cost is linear in states + edges. Points are summed per
transition; on the reconstructed best path they are then recounted once per choice id.
For scenarios whose node graph has no cycles (every demo, the generator) this is exact;
with cycles it is a documented approximation, and a learner's fraction is capped at 1.
Ties are broken by the higher ending score, so the path shown is also the best ending.
When the search was cut off, the best path is the best among the states it kept.
"""
from __future__ import annotations

import gc
from array import array
from collections import deque
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from typing import Any

from . import expressions
from .engine import RouteError, Scenario, Values, path_points


@dataclass(frozen=True)
class Budget:
    """What one analysis may spend: work units, states kept, memory kept (8-byte words)."""

    work: int
    states: int
    memory: int

    def to_list(self) -> list[int]:
        return [self.work, self.states, self.memory]


# Work units (about 0.1–0.2 µs each on the benchmark machine): expanding a state, taking a
# choice (new metric values built, hashed and looked up, the edge kept, later walked by the
# best-path DP) besides its effects and a quarter unit per metric; a condition costs its size.
EXPAND_UNITS = 4
TAKE_UNITS = 8


def take_units(metrics: int, effects: int) -> int:
    """Work units of taking one choice with ``effects`` effects among ``metrics`` metrics."""
    return TAKE_UNITS + effects + metrics // 4


# Words kept per state besides one per metric: its index entry (dict slot, key tuple
# header), its slots in the kinds/places/values lists and its two edge offsets.
STATE_WORDS = 24
# One budget for checking (as the author types), saving and importing, so a save stores
# exactly what the author's last check showed and the search runs once per save. Chosen
# (README "Benchmarks", benchmarks/scenario_analysis.py) so that the largest legitimate
# scenario — the generator's 5,000 nodes at the OLX size limit, 37,440 states — is analysed
# completely with room to spare, while the worst adversarial scenario stops within about a
# second and a few tens of MB on the benchmark machine.
BUDGET = Budget(work=5_000_000, states=200_000, memory=4_000_000)
STATE_LIMIT = BUDGET.states
# The best path stored with the content keeps at most this many steps (the points are
# those of the whole path); the 5,000-node generator's has 1,251.
MAX_BEST_STEPS = 2_000
ANALYSIS_VERSION = 1

CUT_STATES, CUT_WORK, CUT_MEMORY = "states", "work", "memory"


class OutOfBudget(Exception):
    """Raised inside a router walk that would cross the work bound."""


@dataclass
class Exploration:
    start: int | None  # index of the start state, None when the start cannot be resolved
    start_error: RouteError | None
    budget: Budget = BUDGET
    kinds: list[str] = field(default_factory=list)  # "node" | "ending" per state
    places: list[str] = field(default_factory=list)  # node or ending id per state
    values: list[Values] = field(default_factory=list)
    # Edges, flat: state s's are edge_choice/edge_target[first[s]:last[s]] (first = -1: not
    # expanded); edge_choice indexes choice_ids; edge_target -1: the goto leads nowhere.
    choice_ids: list[str] = field(default_factory=list)
    edge_choice: array = field(default_factory=lambda: array("i"))
    edge_target: array = field(default_factory=lambda: array("i"))
    first: array = field(default_factory=lambda: array("i"))
    last: array = field(default_factory=lambda: array("i"))
    # (node id, choice id, error), one per (choice, reason)
    route_errors: list[tuple[str, str, RouteError]] = field(default_factory=list)
    cut: str | None = None  # the bound that stopped the search: "states" | "work" | "memory"
    work: int = 0  # work units spent
    words: int = 0  # memory kept, in words
    available: set[str] = field(default_factory=set)  # choice ids offered in some state
    reached_nodes: set[str] = field(default_factory=set)
    reached_endings: set[str] = field(default_factory=set)
    stuck_nodes: set[str] = field(default_factory=set)  # reached with nothing to choose

    @property
    def truncated(self) -> bool:
        return self.cut is not None

    @property
    def size(self) -> int:
        return len(self.places)

    @property
    def edge_count(self) -> int:
        return len(self.edge_target)

    def out(self, state: int) -> list[tuple[str, int]]:
        """(choice id, target state) of each edge out of ``state`` (-1: leads nowhere)."""
        lo, hi = self.first[state], self.last[state]
        if lo < 0:
            return []
        ids = self.choice_ids
        return [(ids[self.edge_choice[k]], self.edge_target[k]) for k in range(lo, hi)]


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


def condition_size(when: str) -> int:
    """Work units of evaluating ``when`` once: its comparisons and boolean operators
    (at least 1; an unparsable condition, never true, costs 1)."""
    if not when:
        return 1
    try:
        tree = expressions.parse(when)
    except expressions.ParseError:
        return 1
    size, stack = 0, [tree]
    while stack:
        item = stack.pop()
        size += 1
        if isinstance(item, expressions.Not):
            stack.append(item.operand)
        elif isinstance(item, expressions.BoolOp):
            stack.extend(item.operands)
    return size


class ConditionCosts:
    """Condition sizes by text, memoised for one search."""

    def __init__(self):
        self._sizes: dict[str, int] = {}

    def __call__(self, when: str) -> int:
        size = self._sizes.get(when)
        if size is None:
            size = self._sizes[when] = condition_size(when)
        return size


def resolve_counted(scn: Scenario, target: str, values: Values, costs: ConditionCosts,
                    spent: list[int], allowed: int) -> tuple[str, str]:
    """``Scenario.resolve`` with its work counted in ``spent[0]`` (1 a hop, a condition's
    size before it is evaluated); raises OutOfBudget before the count would pass
    ``allowed``."""
    def charge(work: int | str) -> None:
        spent[0] += work if isinstance(work, int) else costs(work)
        if spent[0] > allowed:
            raise OutOfBudget

    return scn.resolve(target, values, charge)


def explore(scn: Scenario, limit: int | None = None, budget: Budget | None = None) -> Exploration:
    """Breadth-first search of the reachable (place, metric values) states, within
    ``budget`` (``BUDGET``; ``limit`` overrides its state count)."""
    budget = budget or BUDGET
    if limit is not None:
        budget = replace(budget, states=limit)
    values = scn.initial_values()
    costs = ConditionCosts()
    spent = [0]
    try:
        kind, place = resolve_counted(scn, scn.content.start, values, costs, spent, budget.work)
    except RouteError as exc:
        return Exploration(None, exc, budget, work=spent[0])
    except OutOfBudget:
        return Exploration(None, None, budget, cut=CUT_WORK, work=spent[0])
    result = Exploration(0, None, budget, work=spent[0])
    with gc_paused():
        _search(scn, result, kind, place, values, costs)
    return result


def _search(scn: Scenario, result: Exploration, kind: str, place: str, values: Values,
            costs: ConditionCosts) -> None:
    budget = result.budget
    work_limit, state_limit, memory_limit = budget.work, budget.states, budget.memory
    kinds, places, all_values = result.kinds, result.places, result.values
    first, last = result.first, result.last
    edge_choice, edge_target = result.edge_choice, result.edge_target
    index: dict[str, dict[Values, int]] = {}  # place → metric values → state
    queue: deque[int] = deque()
    direct: dict[str, str] = {}  # goto → kind, when it needs no router (value-independent)
    for target in scn.endings:
        direct[target] = "ending"
    for target in scn.nodes:
        direct[target] = "node"
    state_words = STATE_WORDS + len(scn.metric_ids)
    metric_count = len(scn.metric_ids)
    choice_index: dict[str, int] = {}
    rows_by_node: dict[str, list[tuple]] = {}
    errors_seen: set[tuple[str, str]] = set()

    def rows(node) -> list[tuple]:
        found = rows_by_node.get(node.id)
        if found is None:
            found = []
            for transition in scn.transitions(node):
                choice = transition.choice
                ci = choice_index.get(choice.id)
                if ci is None:
                    ci = choice_index[choice.id] = len(result.choice_ids)
                    result.choice_ids.append(choice.id)
                found.append((transition, choice.id, ci, choice.goto, direct.get(choice.goto),
                              costs(choice.when), take_units(metric_count, len(transition.effects))))
            rows_by_node[node.id] = found
        return found

    def add(kind_: str, place_: str, vals: Values) -> int:
        known = index.get(place_)
        if known is None:
            known = index[place_] = {}
        found = known.get(vals)
        if found is not None:
            return found
        if len(places) >= state_limit:
            result.cut = CUT_STATES
            return -2
        if result.words + state_words > memory_limit:
            result.cut = CUT_MEMORY
            return -2
        result.words += state_words
        state = known[vals] = len(places)
        kinds.append(kind_)
        places.append(place_)
        all_values.append(vals)
        first.append(-1)
        last.append(-1)
        if kind_ == "ending":
            result.reached_endings.add(place_)
        else:
            result.reached_nodes.add(place_)
            queue.append(state)
        return state

    if add(kind, place, values) < 0:  # a budget too small for even the start
        result.start = None
        return
    available = result.available
    apply = scn.apply
    nodes = scn.nodes
    work = result.work
    spent = [0]
    while queue and result.cut is None:
        if work + EXPAND_UNITS > work_limit:
            result.cut = CUT_WORK
            break
        work += EXPAND_UNITS
        state = queue.popleft()
        node = nodes[places[state]]
        vals = all_values[state]
        first[state] = len(edge_target)
        offered = False
        complete = True
        for transition, choice_id, ci, goto, target_kind, when_cost, take_cost in rows(node):
            if work + when_cost > work_limit:
                result.cut = CUT_WORK
                complete = False
                break
            work += when_cost
            if not transition.available(vals):
                continue
            offered = True
            available.add(choice_id)
            if work + take_cost > work_limit:
                result.cut = CUT_WORK
                complete = False
                break
            work += take_cost
            after = apply(transition, vals)
            target = goto
            if target_kind is None:
                spent[0] = 0
                try:
                    target_kind, target = resolve_counted(scn, goto, after, costs, spent,
                                                   work_limit - work)
                except RouteError as exc:
                    work += spent[0]
                    if (choice_id, exc.reason) not in errors_seen:
                        errors_seen.add((choice_id, exc.reason))
                        result.route_errors.append((node.id, choice_id, exc))
                    target_state = -1
                except OutOfBudget:
                    work = work_limit
                    result.cut = CUT_WORK
                    complete = False
                    break
                else:
                    work += spent[0]
                    target_state = add(target_kind, target, after)
            else:
                target_state = add(target_kind, target, after)
            if target_state == -2:  # a bound was hit adding it
                complete = False
                break
            if result.words + 1 > memory_limit:
                result.cut = CUT_MEMORY
                complete = False
                break
            result.words += 1
            edge_choice.append(ci)
            edge_target.append(target_state)
        last[state] = len(edge_target)
        if complete and not offered:
            result.stuck_nodes.add(node.id)
    result.work = work


@dataclass
class BestPath:
    found: bool  # some ending is reachable
    points: float  # points on the path, each choice once
    steps: list[tuple[str, str]]  # (node id, choice id) in order
    ending: str | None
    truncated: bool  # the search was cut off: the best among the states it kept
    steps_cut: bool = False  # only the first MAX_BEST_STEPS steps are kept (stored result)


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
    edge_weight = [weight.get(choice_id, 0.0) for choice_id in expl.choice_ids]

    n = expl.size
    kinds, places = expl.kinds, expl.places
    first, last = expl.first, expl.last
    targets, choices = expl.edge_target, expl.edge_choice
    value: list[tuple[float, float] | None] = [None] * n
    chosen: list[int] = [-1] * n  # edge index
    color = bytearray(n)  # 0 new, 1 on the stack, 2 done
    cursor = [0] * n
    start = expl.start
    stack = [start]
    color[start] = 1
    cursor[start] = first[start]
    while stack:
        state = stack[-1]
        if kinds[state] == "ending":
            value[state] = (0.0, ending_score.get(places[state], 0.0))
            color[state] = 2
            stack.pop()
            continue
        lo, hi = first[state], last[state]
        i = cursor[state]
        if lo >= 0 and i < hi:
            cursor[state] = i + 1
            target = targets[i]
            if target >= 0 and color[target] == 0:
                color[target] = 1
                cursor[target] = first[target]
                stack.append(target)
            continue
        best: tuple[float, float] | None = None
        for k in range(lo, hi) if lo >= 0 else ():
            target = targets[k]
            if target < 0 or color[target] != 2:
                continue  # nowhere, or a back edge (cycle)
            sub = value[target]
            if sub is None:
                continue  # no ending from there
            candidate = (edge_weight[choices[k]] + sub[0], sub[1])
            if best is None or candidate > best:
                best, chosen[state] = candidate, k
        value[state] = best
        color[state] = 2
        stack.pop()

    if value[start] is None:
        return BestPath(False, 0.0, [], None, expl.truncated)
    steps: list[tuple[str, str]] = []
    state, seen = start, set()
    while kinds[state] != "ending" and state not in seen:
        seen.add(state)
        k = chosen[state]
        steps.append((places[state], expl.choice_ids[choices[k]]))
        state = targets[k]
    ending = places[state] if kinds[state] == "ending" else None
    points = path_points(scn, [c for _n, c in steps], competency)
    return BestPath(ending is not None, points, steps, ending, expl.truncated)


# --- the stored result ---------------------------------------------------------------------

@dataclass
class Analysis:
    """What the content's checks and learners need from one bounded search, JSON-able."""

    budget: Budget
    work: int
    states: int
    edges: int
    cut: str | None
    start_error: tuple[str, str] | None  # (reason, router or place)
    route_errors: list[tuple[str, str, str, str]]  # (node, choice, reason, place)
    stuck: list[str]  # nodes with choices reached with none available, sorted
    unreached_endings: list[str]  # empty when cut off (unsure)
    never_offered: list[str]  # conditional choices never offered; empty when cut off
    best: BestPath
    version: int = ANALYSIS_VERSION
    stored: bool = False  # read from storage (not part of the stored JSON)

    @property
    def truncated(self) -> bool:
        return self.cut is not None

    def to_dict(self) -> dict[str, Any]:
        best = self.best
        steps = best.steps[:MAX_BEST_STEPS]
        return {
            "v": self.version, "budget": self.budget.to_list(), "work": self.work,
            "states": self.states, "edges": self.edges, "cut": self.cut,
            "start_error": list(self.start_error) if self.start_error else None,
            "route_errors": [list(item) for item in self.route_errors],
            "stuck": list(self.stuck), "unreached_endings": list(self.unreached_endings),
            "never_offered": list(self.never_offered),
            "best": {"found": best.found, "points": best.points, "ending": best.ending,
                     "steps": [list(step) for step in steps],
                     "steps_cut": best.steps_cut or len(best.steps) > len(steps)},
        }

    @classmethod
    def from_dict(cls, data: Any) -> "Analysis | None":
        """The stored result, or None when it is missing or not of this version's shape."""
        try:
            if not isinstance(data, dict) or data.get("v") != ANALYSIS_VERSION:
                return None
            budget = Budget(*(int(n) for n in data["budget"]))
            best = data["best"]
            cut = data.get("cut")
            start_error = data.get("start_error")
            return cls(
                budget=budget, work=int(data["work"]), states=int(data["states"]),
                edges=int(data["edges"]), cut=str(cut) if cut else None,
                start_error=(str(start_error[0]), str(start_error[1])) if start_error else None,
                route_errors=[tuple(str(v) for v in item)[:4] for item in data["route_errors"]],
                stuck=[str(v) for v in data["stuck"]],
                unreached_endings=[str(v) for v in data["unreached_endings"]],
                never_offered=[str(v) for v in data["never_offered"]],
                best=BestPath(bool(best["found"]), float(best["points"]),
                              [(str(n), str(c)) for n, c in best["steps"]],
                              str(best["ending"]) if best.get("ending") else None,
                              bool(cut), bool(best.get("steps_cut"))),
                stored=True,
            )
        except (KeyError, TypeError, ValueError, IndexError):
            return None


def analyse(content, budget: Budget | None = None, scn: Scenario | None = None) -> Analysis:
    """The bounded search and everything derived from it (the only entry point that
    searches; run when content is checked, saved or imported — never for a learner)."""
    budget = budget or BUDGET
    scn = scn or Scenario(content)
    with gc_paused():
        expl = explore(scn, budget=budget)
        best = _best_path(scn, expl, None)
    start_error = None
    if expl.start_error is not None:
        start_error = (expl.start_error.reason, expl.start_error.place)
    stuck = sorted(n for n in expl.stuck_nodes if scn.nodes[n].choices)
    unreached: list[str] = []
    never: list[str] = []
    if not expl.truncated and expl.start is not None:
        unreached = [e.id for e in content.endings if e.id and e.id not in expl.reached_endings]
        for node in content.nodes:
            if node.id not in expl.reached_nodes or scn.nodes.get(node.id) is not node:
                continue
            never += [c.id for c in node.choices if c.when and c.id not in expl.available]
    return Analysis(
        budget=budget, work=expl.work, states=expl.size, edges=expl.edge_count, cut=expl.cut,
        start_error=start_error,
        route_errors=[(node_id, choice_id, exc.reason, exc.place)
                      for node_id, choice_id, exc in expl.route_errors],
        stuck=stuck, unreached_endings=unreached, never_offered=never, best=best)


class _NotAnalysed:
    """Attached to content stored without an analysis: nothing is searched for it."""

    def __repr__(self) -> str:
        return "NOT_ANALYSED"


NOT_ANALYSED = _NotAnalysed()
_ATTRIBUTE = "_asn_analysis"  # on the content model; not a dataclass field (not stored, not compared)


def attach(content, result: "Analysis | _NotAnalysed") -> None:
    setattr(content, _ATTRIBUTE, result)


def attached(content) -> "Analysis | _NotAnalysed | None":
    """What is attached: a result, NOT_ANALYSED, or None (nothing: the pure core used
    directly)."""
    return getattr(content, _ATTRIBUTE, None)


def attach_stored(content, data: Any) -> None:
    """Attach the result stored with the content (``NOT_ANALYSED`` when there is none)."""
    attach(content, Analysis.from_dict(data) or NOT_ANALYSED)


def stored_key(data: Any) -> tuple | None:
    """What tells two stored results of the same content apart (the shell's model cache)."""
    if not isinstance(data, dict):
        return None
    budget = data.get("budget")
    return (data.get("v"), tuple(budget) if isinstance(budget, list) else None)


def for_storage(content) -> dict[str, Any]:
    """The JSON stored with the content: the attached result when it was made with this
    version's budget (validation's, on save), else a new analysis (import)."""
    found = attached(content)
    if not isinstance(found, Analysis) or found.budget != BUDGET or found.version != ANALYSIS_VERSION:
        found = analyse(content)
        attach(content, found)
    return found.to_dict()


def result_for(content) -> Analysis | None:
    """The analysis scoring and the debrief use: the attached one; None when the content
    is not analysed (stored without a result). Never searches for content the shell
    handed out (it always attaches something); the pure core's bare models are analysed
    once and the result attached."""
    found = attached(content)
    if found is NOT_ANALYSED:
        return None
    if found is None:
        found = analyse(content)
        attach(content, found)
    return found


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
