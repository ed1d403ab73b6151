"""The reachable state graph of a scenario, searched within a fixed budget of work and memory.

States are (node or ending, metric values) reachable from the start; edges are the choices
available in each state, routers followed. The graph answers what ``when`` conditions
allow: which endings some reachable state can reach, which choices are never offered,
where a learner could get stuck (``analysis``), the best achievable path
(``longest_path``) and the shortest path to each ending ("Check all paths",
``path_check``).

**Bounded in work and memory.** The search is breadth-first and counts, against a fixed
``Budget`` (``BUDGET``):

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
"""
from __future__ import annotations

import gc
from array import array
from collections import deque
from contextlib import contextmanager
from dataclasses import dataclass, field, replace

from . import expressions
from .scenario import RouteError, Scenario, Values


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
