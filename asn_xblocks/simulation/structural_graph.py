"""The structural graph of a scenario: places (nodes, routers, endings) and every goto.

It answers what does not depend on metric values: what is unreachable from ``start``,
which strongly connected sets can never get out to an ending, which routers chain in a
loop (validation's graph findings). Linear in the content's size, which the OLX size limit
bounds, so it needs no budget of its own.
"""
from __future__ import annotations

from collections import deque

from .scenario import Scenario


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
