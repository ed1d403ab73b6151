"""The scenario as the engine and the analysis both walk it: content indexed by id, each
choice compiled to a transition, routers resolved, effects applied and clamped.

One model of transitions, shared: the learner's step (``engine``), the bounded state
search (``state_search``), the best path (``longest_path``), validation, "Check all
paths", the debrief and the analytics all move through a scenario with these functions,
so a choice is available, applied and routed in exactly one way everywhere. Pure Python:
it imports only the content model and the condition language.
"""
from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from . import expressions
from .model import Choice, Content, Ending, Node, Router

# Routers are followed within one step; a chain longer than this (or one that comes back
# to a router it already passed) is an error, never an endless loop.
ROUTER_HOP_LIMIT = 1000

Values = tuple[float, ...]


class RouteError(Exception):
    """A goto that leads nowhere: an unknown id, a router loop, a router with no match."""

    def __init__(self, reason: str, place: str):
        super().__init__(f"{reason}: {place}")
        self.reason = reason  # "unknown" | "loop" | "no-route"
        self.place = place


def _never(values: Sequence[float]) -> bool:
    return False


def _always(values: Sequence[float]) -> bool:
    return True


@dataclass
class Transition:
    """One choice compiled for fast evaluation (the state search runs it very often)."""

    choice: Choice
    available: Callable[[Sequence[float]], bool]
    effects: tuple[tuple[int, str, float, float, float], ...]  # (index, op, value, lo, hi)


class Scenario:
    """Content indexed and compiled once per request: lookups by id, conditions as
    closures over metric tuples. Duplicate ids resolve to the first one (validate() says so)."""

    def __init__(self, content: Content):
        self.content = content
        self.metric_ids = [m.id for m in content.metrics]
        self.metric_index: dict[str, int] = {}
        for i, metric in enumerate(content.metrics):
            self.metric_index.setdefault(metric.id, i)
        self.metrics = {m.id: m for m in reversed(content.metrics)}
        self.bounds = [(m.min, m.max) for m in content.metrics]
        self.nodes: dict[str, Node] = {n.id: n for n in reversed(content.nodes)}
        self.routers: dict[str, Router] = {r.id: r for r in reversed(content.routers)}
        self.endings: dict[str, Ending] = {e.id: e for e in reversed(content.endings)}
        self.choices: dict[str, tuple[Node, Choice]] = {}
        for node in content.nodes:
            for choice in node.choices:
                self.choices.setdefault(choice.id, (node, choice))
        self._conditions: dict[str, Callable[[Sequence[float]], bool]] = {}
        self._transitions: dict[str, list[Transition]] = {}

    # --- metrics ----------------------------------------------------------------------
    def initial_values(self) -> Values:
        values = []
        for metric, (lo, hi) in zip(self.content.metrics, self.bounds):
            start = metric.initial if metric.initial is not None else lo
            values.append(_clamp(start, lo, hi))
        return tuple(values)

    def to_values(self, metrics: Any) -> Values:
        """Metric values from a stored ``{id: number}``; what is missing or not a finite
        number (or not a mapping at all) counts as the metric's initial value."""
        values = list(self.initial_values())
        if not isinstance(metrics, dict):
            return tuple(values)
        for metric_id, i in self.metric_index.items():
            value = as_number(metrics.get(metric_id))
            if value is not None:
                values[i] = value
        return tuple(values)

    def to_dict(self, values: Values) -> dict[str, float]:
        return {metric_id: values[i] for metric_id, i in self.metric_index.items()}

    # --- lookups by a stored id (stored state is never trusted blindly) ----------------
    def node_of(self, node_id: Any) -> Node | None:
        """The node a stored value names; None for anything that is not a node's id."""
        return self.nodes.get(node_id) if isinstance(node_id, str) else None

    def choice_of(self, choice_id: Any) -> tuple[Node, Choice] | None:
        """(node, choice) of the choice a stored value names; None for anything else."""
        return self.choices.get(choice_id) if isinstance(choice_id, str) else None

    # --- conditions and choices --------------------------------------------------------
    def condition(self, when: str) -> Callable[[Sequence[float]], bool]:
        """The compiled ``when``; empty is always true, unparsable is never true."""
        if not when:
            return _always
        fn = self._conditions.get(when)
        if fn is None:
            try:
                fn = expressions.compile_condition(expressions.parse(when), self.metric_index)
            except expressions.ParseError:
                fn = _never
            self._conditions[when] = fn
        return fn

    def transitions(self, node: Node) -> list[Transition]:
        compiled = self._transitions.get(node.id)
        if compiled is None:
            compiled = []
            for choice in node.choices:
                effects = []
                for effect in choice.effects:
                    i = self.metric_index.get(effect.metric)
                    if i is None or effect.value is None or effect.op not in ("add", "set"):
                        continue  # validate() reports it; the engine skips it
                    lo, hi = self.bounds[i]
                    effects.append((i, effect.op, effect.value, lo, hi))
                compiled.append(Transition(choice, self.condition(choice.when), tuple(effects)))
            self._transitions[node.id] = compiled
        return compiled

    def available(self, node: Node, values: Values) -> list[Choice]:
        return [t.choice for t in self.transitions(node) if t.available(values)]

    @staticmethod
    def apply(transition: Transition, values: Values) -> Values:
        """Effects in order, each clamped to its metric's [min, max] at once."""
        if not transition.effects:
            return values
        out = list(values)
        for i, op, value, lo, hi in transition.effects:
            new = value if op == "set" else out[i] + value
            if new > hi:
                new = hi
            if new < lo:  # after the max test: a min above the max wins, as in _clamp
                new = lo
            out[i] = new
        return tuple(out)

    def resolve(self, target: str, values: Values,
                charge: Callable[[int | str], None] | None = None) -> tuple[str, str]:
        """('node'|'ending', id) reached from ``target``, following routers at once.
        ``charge`` is the bounded analysis's meter: told 1 for each hop and each route's
        condition before it is evaluated (it may raise to stop the search)."""
        seen: set[str] = set()
        for _hop in range(ROUTER_HOP_LIMIT):
            if charge is not None:
                charge(1)
            if target in self.nodes:
                return "node", target
            if target in self.endings:
                return "ending", target
            router = self.routers.get(target)
            if router is None:
                raise RouteError("unknown", target)
            if target in seen:
                raise RouteError("loop", target)
            seen.add(target)
            for route in router.routes:
                if charge is not None:
                    charge(route.when)
                if self.condition(route.when)(values):
                    target = route.goto
                    break
            else:
                raise RouteError("no-route", router.id)
        raise RouteError("loop", target)


def path_points(scn: Scenario, choice_ids: Sequence[str],
                competency: str | None = None) -> float:
    """Points on a path, each choice counted once however often it was taken (a learner
    who loops back through a choice earns its points once; the best path is counted the
    same way, so the learner's fraction of it stays comparable)."""
    total = 0.0
    for choice_id in dict.fromkeys(choice_ids):
        found = scn.choices.get(choice_id)
        if found is None:
            continue
        choice = found[1]
        if competency is None or choice.competency == competency:
            total += max(0.0, choice.points)
    return total


def as_number(value: Any) -> float | None:
    """A finite float from stored JSON, or None (stored state is never trusted blindly)."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    try:
        number = float(value)
    except OverflowError:
        return None
    return number if math.isfinite(number) else None


def _clamp(value: float, lo: float, hi: float) -> float:
    return max(lo, min(hi, value)) if lo <= hi else lo
