"""The best achievable path of a scenario: a longest-path DP over the searched state graph.

A choice's points count once per path, however often the path passes it (as a learner's
path is scored: ``scenario.path_points``). The DP is computed by one iterative depth-first
search with memoisation over what ``state_search.explore`` kept. An edge back to a state
still on the DFS stack (a cycle) is ignored, so the DP runs over a DAG built from the state
graph; its cost is linear in states + edges. Points are summed per transition; on the
reconstructed best path they are then recounted once per choice id. For scenarios whose
node graph has no cycles (every demo, the generator) this is exact; with cycles it is an
approximation, and a learner's fraction is capped at 1. Ties are broken by the higher
ending score, so the path shown is also the best ending. When the search was cut off, the
best path is the best among the states it kept.
"""
from __future__ import annotations

from dataclasses import dataclass

from .scenario import Scenario, path_points
from .state_search import Exploration, explore, gc_paused


@dataclass
class BestPath:
    found: bool  # some ending is reachable
    points: float  # points on the path, each choice once
    steps: list[tuple[str, str]]  # (node id, choice id) in order
    ending: str | None
    truncated: bool  # the search was cut off: the best among the states it kept
    steps_cut: bool = False  # stored with its first analysis.MAX_BEST_STEPS steps only


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
