"""Every content rule of the change-management simulation, each reported by a stable code.

Errors block a Studio save; warnings do not. Reported in the order an author reads the
content: root settings, metrics, nodes and choices, routers, endings, then the graph and
state-search findings.
"""
from __future__ import annotations

from dataclasses import replace
from typing import Any

from ..core import competencies as catalogue
from ..core.cohort import cohort_min_problems
from ..core.i18n import N_
from ..core.problems import Problem, duplicate_ids, error, warning
from . import analysis, expressions, state_search, structural_graph
from .model import FRAMEWORKS, OUTCOMES, SCORING_MODES, Content
from .scenario import Scenario

# Content stored without the bounded analysis's result (see analysis.py, "Where it runs").
NOT_ANALYSED = "analysis-missing"
# A decision (node) with one choice only ("single-choice-node") is a warning: nothing to
# decide there; authors may want a "continue" screen, but usually an alternative is missing.


def validate(content: Content, state_limit: int = state_search.STATE_LIMIT) -> list[Problem]:
    with state_search.gc_paused():
        return _validate(content, state_limit)


def _validate(content: Content, state_limit: int) -> list[Problem]:
    problems: list[Problem] = []
    scn = Scenario(content)
    problems += _root(content, scn)
    problems += _ids(content)
    problems += _metrics(content)
    problems += _nodes(content, scn)
    problems += _routers(content, scn)
    problems += _endings(content)
    problems += _graph(content, scn, state_limit)
    return problems


def _root(content: Content, scn: Scenario) -> list[Problem]:
    problems = []
    if not content.start:
        problems.append(error("start-missing", N_("The scenario has no start: set the "
                                                  "\"start\" attribute to a node id.")))
    elif content.start not in scn.nodes and content.start not in scn.routers:
        problems.append(error("start-unknown", N_("The start \"{id}\" is not the id of a node "
                                                  "or a router."), content.start, id=content.start))
    if content.scoring not in SCORING_MODES:
        problems.append(error("scoring-unknown", N_("Scoring \"{value}\" is unknown: use "
                                                    "\"ending\" or \"path\"."),
                              value=content.scoring))
    if content.framework and content.framework not in FRAMEWORKS:
        problems.append(error("framework-unknown", N_("Framework \"{value}\" is unknown: use "
                                                      "\"kotter\" or \"adkar\", or leave it "
                                                      "out."), value=content.framework))
    if content.lang and content.lang not in ("id", "en"):
        problems.append(warning("lang-unknown", N_("Language \"{value}\" is not one of "
                                                   "\"id\" or \"en\"."), value=content.lang))
    problems.extend(cohort_min_problems(content.cohort_min))
    for comp in content.competencies:
        if not comp.id:
            problems.append(error("competency-no-id", N_("A declared competency has no id.")))
        elif not comp.label:
            problems.append(warning("competency-no-label", N_("The competency \"{id}\" has no "
                                                              "label."), comp.id, id=comp.id))
    return problems


def _ids(content: Content) -> list[Problem]:
    ids: list[tuple[str, str]] = []
    problems = []
    kinds: list[tuple[str, list[Any]]] = [
        ("metric", content.metrics), ("node", content.nodes),
        ("router", content.routers), ("ending", content.endings)]
    for kind, items in kinds:
        for item in items:
            if not item.id:
                problems.append(error("id-missing", N_("A {kind} has no id."), kind=kind))
            else:
                ids.append((kind, item.id))
    for node in content.nodes:
        for choice in node.choices:
            if not choice.id:
                problems.append(error("id-missing", N_("A choice in node \"{node}\" has no id."),
                                      node.id, node=node.id))
            else:
                ids.append(("choice", choice.id))
    return problems + duplicate_ids(ids)


def _metrics(content: Content) -> list[Problem]:
    problems = []
    for metric in content.metrics:
        if not metric.label:
            problems.append(warning("metric-no-label", N_("The metric \"{id}\" has no label."),
                                    metric.id, id=metric.id))
        if metric.min > metric.max:
            problems.append(error("metric-min-max", N_("The metric \"{id}\" has a minimum "
                                                       "({min}) above its maximum ({max})."),
                                  metric.id, id=metric.id, min=_n(metric.min), max=_n(metric.max)))
        if metric.initial is None:
            problems.append(error("metric-initial-missing", N_("The metric \"{id}\" needs a "
                                                               "numeric \"initial\" value."),
                                  metric.id, id=metric.id))
        elif not metric.min <= metric.initial <= metric.max:
            problems.append(error("metric-initial-range", N_("The initial value of metric "
                                                             "\"{id}\" ({value}) is outside "
                                                             "[{min}, {max}]."),
                                  metric.id, id=metric.id, value=_n(metric.initial),
                                  min=_n(metric.min), max=_n(metric.max)))
    return problems


def _when(when: str, owner: str, scn: Scenario) -> list[Problem]:
    if not when:
        return []
    try:
        tree = expressions.parse(when)
    except expressions.ParseError as exc:
        return [error("when-unparsable", N_("The condition \"{when}\" of \"{id}\" cannot be "
                                            "read: {detail}"), owner, when=when[:80], id=owner,
                      detail=exc.text())]
    return [error("when-unknown-metric", N_("The condition of \"{id}\" uses \"{name}\", which "
                                            "is not a metric id."), owner, id=owner, name=name)
            for name in sorted(expressions.identifiers(tree)) if name not in scn.metric_index]


def _goto(goto: str, owner: str, scn: Scenario) -> list[Problem]:
    if not goto:
        return [error("goto-missing", N_("\"{id}\" has no \"goto\"."), owner, id=owner)]
    if goto not in scn.nodes and goto not in scn.routers and goto not in scn.endings:
        return [error("goto-unknown", N_("\"{id}\" goes to \"{goto}\", which is not a node, "
                                         "router or ending."), owner, id=owner, goto=goto)]
    return []


def _nodes(content: Content, scn: Scenario) -> list[Problem]:
    problems = []
    steps = FRAMEWORKS.get(content.framework)
    declared = content.declared_competencies()
    for node in content.nodes:
        if not node.title:
            problems.append(warning("node-no-title", N_("The node \"{id}\" has no title."),
                                    node.id, id=node.id))
        if steps is not None and node.step not in steps:
            if node.step:
                problems.append(error("step-outside-framework", N_(
                    "The step \"{step}\" of node \"{id}\" is not a step of the {framework} "
                    "framework ({allowed})."), node.id, step=node.step, id=node.id,
                    framework=content.framework, allowed=", ".join(steps)))
            else:
                problems.append(warning("step-missing", N_(
                    "The node \"{id}\" has no step of the {framework} framework."), node.id,
                    id=node.id, framework=content.framework))
        if not node.choices:
            problems.append(error("node-no-choices", N_("The node \"{id}\" has no choices: "
                                                        "the learner could not go on."),
                                  node.id, id=node.id))
        elif len(node.choices) == 1:
            problems.append(warning("single-choice-node", N_(
                "The node \"{id}\" offers a single choice: the learner has nothing to "
                "decide there. Add another choice, or fold it into the text of the previous "
                "node."), node.id, id=node.id))
        for choice in node.choices:
            owner = choice.id or node.id
            problems += _goto(choice.goto, owner, scn)
            problems += _when(choice.when, owner, scn)
            if not choice.text_html:
                problems.append(error("choice-no-text", N_("The choice \"{id}\" has no text."),
                                      owner, id=owner))
            if choice.points < 0:
                problems.append(error("points-negative", N_("The choice \"{id}\" has negative "
                                                            "points."), owner, id=owner))
            if choice.competency and not catalogue.is_known(choice.competency, declared):
                problems.append(error("competency-unknown", N_(
                    "The choice \"{id}\" names the competency \"{competency}\", which is "
                    "neither built in nor declared."), owner, id=owner,
                    competency=choice.competency))
            for effect in choice.effects:
                if effect.metric not in scn.metric_index:
                    problems.append(error("effect-unknown-metric", N_(
                        "An effect of choice \"{id}\" changes \"{metric}\", which is not a "
                        "metric id."), owner, id=owner, metric=effect.metric))
                if effect.op not in ("add", "set") or effect.value is None:
                    problems.append(error("effect-no-value", N_(
                        "An effect of choice \"{id}\" needs a numeric \"add\" or \"set\"."),
                        owner, id=owner))
    return problems


def _routers(content: Content, scn: Scenario) -> list[Problem]:
    problems = []
    for router in content.routers:
        for route in router.routes:
            problems += _goto(route.goto, router.id, scn)
            problems += _when(route.when, router.id, scn)
        defaults = [i for i, route in enumerate(router.routes) if not route.when]
        if not defaults:
            problems.append(error("router-no-default", N_(
                "The router \"{id}\" needs a last route without a condition (the default)."),
                router.id, id=router.id))
        elif defaults[0] != len(router.routes) - 1:
            problems.append(error("router-default-not-last", N_(
                "The default route of router \"{id}\" must be its last route: the routes "
                "after it are never used."), router.id, id=router.id))
    return problems


def _endings(content: Content) -> list[Problem]:
    problems = []
    if not content.endings:
        problems.append(error("no-ending", N_("The scenario has no ending.")))
    for ending in content.endings:
        if ending.score is None:
            problems.append(error("ending-score-missing", N_(
                "The ending \"{id}\" needs a numeric score between 0 and 1."), ending.id,
                id=ending.id))
        elif not 0 <= ending.score <= 1:
            problems.append(error("ending-score-range", N_(
                "The score of ending \"{id}\" ({score}) is outside 0 to 1."), ending.id,
                id=ending.id, score=_n(ending.score)))
        if ending.outcome and ending.outcome not in OUTCOMES:
            problems.append(error("ending-outcome-unknown", N_(
                "The outcome \"{outcome}\" of ending \"{id}\" is not success, partial or "
                "failure."), ending.id, id=ending.id, outcome=ending.outcome))
        if not ending.title:
            problems.append(warning("ending-no-title", N_("The ending \"{id}\" has no title."),
                                    ending.id, id=ending.id))
    return problems


def _graph(content: Content, scn: Scenario, state_limit: int) -> list[Problem]:
    problems = []
    graph = structural_graph.structural_edges(scn)
    start_known = content.start in scn.nodes or content.start in scn.routers
    reach = structural_graph.reachable(graph, content.start) if start_known else set()
    if start_known:
        for node in scn.nodes:
            if node not in reach:
                problems.append(warning("node-unreachable", N_(
                    "The node \"{id}\" cannot be reached from the start."), node, id=node))
        for router in scn.routers:
            if router not in reach:
                problems.append(warning("router-unreachable", N_(
                    "The router \"{id}\" cannot be reached from the start."), router, id=router))
    to_ending = structural_graph.can_reach(graph, set(scn.endings))
    for component in structural_graph.cyclic_components(graph):
        if not any(place in to_ending for place in component):
            ordered = sorted(component)
            problems.append(error("cycle-no-exit", N_(
                "The nodes {ids} form a loop with no way out to an ending."), ordered[0],
                ids=", ".join(ordered[:10]) + (" …" if len(ordered) > 10 else "")))
    router_graph = {r: [t for t in targets if t in scn.routers]
                    for r, targets in graph.items() if r in scn.routers}
    for component in structural_graph.cyclic_components(router_graph):
        ordered = sorted(component)
        problems.append(error("router-cycle", N_(
            "The routers {ids} can send the learner round in a loop."), ordered[0],
            ids=", ".join(ordered)))
    if not start_known or not scn.endings:
        return problems

    found: analysis.Analysis
    if state_limit != state_search.STATE_LIMIT:  # a different bound: a search of its own
        found = analysis.analyse(content, replace(state_search.BUDGET, states=state_limit), scn)
    else:
        attached = analysis.attached(content)
        if attached is analysis.NOT_ANALYSED:
            # Stored without an analysis (an older version, or never saved): nothing is
            # searched here; the author's next save analyses and stores it.
            problems.append(warning(NOT_ANALYSED, N_(
                "The reachable metric states of this scenario have not been checked since it "
                "was stored: save it once in Studio to check them. Until then path scoring "
                "uses the score of the ending reached and learners are not shown a best "
                "path.")))
            return problems
        if isinstance(attached, analysis.Analysis) and attached.stored:
            found = attached
        else:
            # A model being checked or saved: analyse it (again, if it was checked before:
            # a check is a check) and keep the result on it for the save to store.
            found = analysis.analyse(content, scn=scn)
            analysis.attach(content, found)
    if found.start_error is not None:
        problems.append(error("start-unresolvable", N_(
            "The start cannot be followed to a node (router \"{id}\" has no matching route "
            "or loops)."), content.start, id=found.start_error[1]))
        return problems
    if found.truncated:
        problems.append(warning("state-search-cut-off", N_(
            "The check of reachable metric states stopped at its bound after {states} states "
            "({work} steps of work): endings and conditions could not all be checked, and the "
            "best path that path scoring compares with may not be the best one. Fewer metrics, "
            "narrower metric ranges or fewer choices that loop back keep the check complete."),
            states=found.states, work=found.work))
    for _node_id, choice_id, reason, place in found.route_errors:
        if reason == "no-route":
            problems.append(error("router-no-match", N_(
                "After choice \"{id}\" the router \"{router}\" can have no matching route."),
                choice_id, id=choice_id, router=place))
        elif reason == "loop":
            problems.append(error("router-loop", N_(
                "After choice \"{id}\" the routers loop (at \"{router}\")."), choice_id,
                id=choice_id, router=place))
    for node_id in found.stuck:
        problems.append(error("node-stuck", N_(
            "The node \"{id}\" can be reached with metric values for which none of its "
            "choices is available."), node_id, id=node_id))
    if found.truncated:
        return problems
    for ending_id in found.unreached_endings:
        problems.append(warning("ending-unreachable", N_(
            "No reachable state leads to the ending \"{id}\"."), ending_id, id=ending_id))
    for choice_id in found.never_offered:
        problems.append(warning("choice-never-available", N_(
            "The choice \"{id}\" is never available: its condition is false in every "
            "reachable state."), choice_id, id=choice_id))
    return problems


def _n(value: float) -> str:
    return str(int(value)) if value == int(value) else str(value)
