"""The stored analysis of a scenario: one bounded search and all that is derived from it.

**Where it runs.** ``analyse`` (the one entry point that searches) runs when an author
checks, saves or imports content: validation analyses the model it checks and attaches the
result to it, the save stores that same result (one search per save: ``for_storage``), an
import analyses what it parsed; the shell stores the result's JSON (``Analysis.to_dict``)
beside the content (``shell/content.py``, ``pack``: ``{"hash", "model", "analysis"}``) and
attaches the stored result to every content model it reads (``attach_stored``). Scoring,
the debrief, reports and Studio's ``validate()`` read what is attached (``result_for``,
``attached``): no learner request searches. Content stored without a result (by a version
before the bound, or never saved) is *not analysed*: path scoring uses the ending's score,
the best path is not shown, and validation asks the author to save once. A model with
nothing attached at all (the pure core used directly: unit tests, tools, benchmarks) is
analysed on first use.

The search and its budget are ``state_search``'s, the best path ``longest_path``'s.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, cast

from .longest_path import BestPath, best_path
from .model import Content
from .scenario import Scenario
from .state_search import BUDGET, Budget, explore, gc_paused

# The best path stored with the content keeps at most this many steps (the points are
# those of the whole path); the 5,000-node generator's has 1,251.
MAX_BEST_STEPS = 2_000
ANALYSIS_VERSION = 1


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
    def from_dict(cls, data: Any) -> Analysis | None:
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
                route_errors=[cast(tuple[str, str, str, str], tuple(str(v) for v in item)[:4])
                              for item in data["route_errors"]],
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


def analyse(content: Content, budget: Budget | None = None, scn: Scenario | None = None) -> Analysis:
    """The bounded search and everything derived from it (the only entry point that
    searches; run when content is checked, saved or imported — never for a learner)."""
    budget = budget or BUDGET
    scn = scn or Scenario(content)
    with gc_paused():
        expl = explore(scn, budget=budget)
        best = best_path(scn, expl)
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


def attach(content: Content, result: Analysis | _NotAnalysed) -> None:
    setattr(content, _ATTRIBUTE, result)


def attached(content: Content) -> Analysis | _NotAnalysed | None:
    """What is attached: a result, NOT_ANALYSED, or None (nothing: the pure core used
    directly)."""
    return getattr(content, _ATTRIBUTE, None)


def attach_stored(content: Content, data: Any) -> None:
    """Attach the result stored with the content (``NOT_ANALYSED`` when there is none)."""
    attach(content, Analysis.from_dict(data) or NOT_ANALYSED)


def stored_key(data: Any) -> tuple | None:
    """What tells two stored results of the same content apart (the shell's model cache)."""
    if not isinstance(data, dict):
        return None
    budget = data.get("budget")
    return (data.get("v"), tuple(budget) if isinstance(budget, list) else None)


def for_storage(content: Content) -> dict[str, Any]:
    """The JSON stored with the content: the attached result when it was made with this
    version's budget (validation's, on save), else a new analysis (import)."""
    found = attached(content)
    if not isinstance(found, Analysis) or found.budget != BUDGET or found.version != ANALYSIS_VERSION:
        found = analyse(content)
        attach(content, found)
    return found.to_dict()


def result_for(content: Content) -> Analysis | None:
    """The analysis scoring and the debrief use: the attached one; None when the content
    is not analysed (stored without a result). Never searches for content the shell
    handed out (it always attaches something); the pure core's bare models are analysed
    once and the result attached."""
    found = attached(content)
    if isinstance(found, Analysis):
        return found
    if found is NOT_ANALYSED:
        return None
    made = analyse(content)
    attach(content, made)
    return made
