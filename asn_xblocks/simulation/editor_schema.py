"""The Studio form editor's description of a change simulation (see ``core/forms.py``),
with what the editor adds for this block: the scenario map, "Check all paths", conditions
checked as they are typed (by the engine's own parser) and a preview from any node.
"""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ..core.forms import competencies_field, competency_record, field, lang_field, options, record
from ..core.i18n import N_
from ..core.text import clip, html_to_text
from . import expressions, graph_map, path_check
from .model import ADKAR_STEPS, DEFAULT_COHORT_MIN, KOTTER_STEPS, Content
from .scenario import Scenario

PLACES = ["node", "router", "ending"]

SCHEMA: dict[str, Any] = {
    "root": "content",
    "types": {
        "content": record(N_("Simulation"), [
            field("scoring", "select", N_("Scoring"), section="settings",
                  options=options(("ending", N_("By the ending reached")),
                                  ("path", N_("By the points on the path")))),
            field("framework", "select", N_("Change framework"), section="settings",
                  options=options(("", N_("None")), ("kotter", N_("Kotter's 8 steps")),
                                  ("adkar", N_("ADKAR")))),
            lang_field(),
            field("show_cohort", "bool", N_("Show learners how their cohort chose, after "
                                            "they finish"), section="settings", default=False,
                  help=N_("Beside each choice of the path: the share of the cohort (or of the "
                          "course) that made it, and where the learner's path left the most "
                          "common one.")),
            field("cohort_min", "int", N_("Fewest other learners before shares are shown"),
                  section="settings", default=DEFAULT_COHORT_MIN, min=1,
                  help=N_("Shares at a decision appear only once at least this many other "
                          "learners made a choice there, so no single learner's choice can be "
                          "guessed.")),
            field("start", "ref", N_("Start"), ref=["node", "router"],
                  help=N_("The node (or router) where every attempt begins.")),
            competencies_field(),
            field("intro_html", "html", N_("Introduction")),
            field("metrics", "list", N_("Metrics"), of=["metric"]),
            field("nodes", "list", N_("Nodes"), of=["node"]),
            field("routers", "list", N_("Routers"), of=["router"],
                  help=N_("Hidden branches: the first route whose condition holds is taken.")),
            field("endings", "list", N_("Endings"), of=["ending"]),
        ]),
        "competency": competency_record("competency"),
        "metric": record(N_("Metric"), [
            field("id", "id", N_("Id"), help=N_("Conditions use this id, e.g. moral >= 40.")),
            field("label", "text", N_("Label")),
            field("initial", "number", N_("Initial value"), nullable=True),
            field("min", "number", N_("Minimum"), default=0.0),
            field("max", "number", N_("Maximum"), default=100.0),
            field("visible", "bool", N_("Visible to learners"), default=True),
        ], add=N_("Add metric"), id_prefix="m", id_scope="block", summary="label",
            template={"initial": 50.0}),
        "node": record(N_("Node"), [
            field("id", "id", N_("Id")),
            field("title", "text", N_("Title")),
            field("step", "select", N_("Framework step"),
                  options_by_root={"root_key": "framework", "map": {
                      "kotter": [["", N_("Not set")]] + [[k, v] for k, v in KOTTER_STEPS.items()],
                      "adkar": [["", N_("Not set")]] + [[k, v] for k, v in ADKAR_STEPS.items()],
                  }}),
            field("content_html", "html", N_("Situation")),
            field("choices", "list", N_("Choices"), of=["choice"]),
        ], add=N_("Add node"), id_prefix="n", id_scope="block", summary="title"),
        "choice": record(N_("Choice"), [
            field("id", "id", N_("Id")),
            field("text_html", "html", N_("Text")),
            field("goto", "ref", N_("Goes to"), ref=PLACES),
            field("when", "condition", N_("Offered only when (condition)"), names="metric",
                  help=N_("Empty: always offered. Example: dukungan >= 40 and not (moral < 20)")),
            field("points", "number", N_("Points"), default=0.0, min=0),
            field("competency", "competency", N_("Competency")),
            field("effects", "list", N_("Effects on metrics"), of=["effect"]),
            field("feedback_html", "html", N_("Feedback")),
        ], add=N_("Add choice"), id_prefix="c", id_scope="block", summary="text_html"),
        "effect": record(N_("Effect"), [
            field("metric", "ref", N_("Metric"), ref=["metric"]),
            field("op", "select", N_("Change"),
                  options=options(("add", N_("Add (use a negative number to subtract)")),
                                  ("set", N_("Set to")))),
            field("value", "number", N_("Value"), nullable=True),
        ], add=N_("Add effect"), summary="metric", template={"op": "add", "value": 0.0}),
        "router": record(N_("Router"), [
            field("id", "id", N_("Id")),
            field("routes", "list", N_("Routes (the last one, without a condition, is the "
                                       "default)"), of=["route"]),
        ], add=N_("Add router"), id_prefix="r", id_scope="block", summary="id",
            template={"routes": [{"when": "", "goto": ""}]}),
        "route": record(N_("Route"), [
            field("when", "condition", N_("Condition"), names="metric",
                  help=N_("Empty: the default route (must be the last).")),
            field("goto", "ref", N_("Goes to"), ref=PLACES),
        ], add=N_("Add route"), summary="goto"),
        "ending": record(N_("Ending"), [
            field("id", "id", N_("Id")),
            field("title", "text", N_("Title")),
            field("score", "number", N_("Score (0 to 1)"), nullable=True, min=0),
            field("outcome", "select", N_("Outcome"),
                  options=options(("", N_("Not set")), ("success", N_("Success")),
                                  ("partial", N_("Partial")), ("failure", N_("Failure")))),
            field("body_html", "html", N_("Text")),
        ], add=N_("Add ending"), id_prefix="e", id_scope="block", summary="title",
            template={"score": 1.0, "outcome": "success"}),
    },
}

PREVIEW = {"at_type": "node"}
TOOLS = [{"name": "paths", "label": N_("Check all paths")}]


def preview_attempt(content: Content, attempt: dict[str, Any], at: str | None) -> dict[str, Any]:
    """A fresh attempt placed at node ``at`` (metrics at their initial values)."""
    if at and any(node.id == at for node in content.nodes) and not attempt.get("error"):
        attempt = dict(attempt, position=at, finished=False, ending=None, result=None)
    return attempt


def check_field(kind: str, value: str, metric_ids: set[str], gettext: Callable[[str], str]
                ) -> dict[str, Any]:
    """A condition checked as it is typed, by the parser the engine uses; ``metric_ids``
    are the metrics the form has now."""
    if kind != "condition":
        return {"ok": True, "message": ""}
    if not value.strip():
        return {"ok": True, "message": ""}
    try:
        tree = expressions.parse(value)
    except expressions.ParseError as exc:
        return {"ok": False, "message": exc.text(gettext)}
    unknown = sorted(name for name in expressions.identifiers(tree) if name not in metric_ids)
    if unknown:
        return {"ok": False, "message": gettext(N_("Not a metric id: {names}.")).format(
            names=", ".join(unknown))}
    return {"ok": True, "message": gettext(N_("The condition is valid."))}


def insights(content: Content, problems: list, gettext: Callable[[str], str],
             locale: str) -> dict[str, Any]:
    """The scenario map (SVG and the same as a list), problems marked on it."""
    found = graph_map.build_map(content, problems, gettext)
    return {"sections": [{
        "id": "map", "title": gettext(N_("Scenario map")),
        "help": gettext(N_("Select a place on the map or in the list to go to its form. "
                           "Places marked ⚠ have problems.")),
        "svg": found["svg"],
        "note": gettext(N_("The scenario is too large to draw; the list shows every place."))
        if found["too_large"] else "",
        "list_title": gettext(N_("The map as a list")),
        "list": found["list"],
    }], "items": {}}


def run_tool(name: str, content: Content, gettext: Callable[[str], str],
             locale: str) -> dict[str, Any]:
    if name != "paths":
        raise KeyError(name)
    report = path_check.check_paths(content)
    scn = Scenario(content)
    summary = []
    if report.start_error:
        summary.append(gettext(N_("The scenario cannot start: \"{id}\" cannot be followed to a "
                                  "node.")).format(id=report.start_error))
    elif report.method == "exhaustive":
        summary.append(gettext(N_("Every reachable situation was played ({states} states).")
                               ).format(states=report.states))
    else:
        summary.append(gettext(N_("The scenario has too many situations to play them all: "
                                  "{states} were played, then {plays} seeded random plays. "
                                  "The result may be incomplete.")).format(
            states=report.states, plays=report.plays))

    def step_text(node_id: str, choice_id: str) -> str:
        found = scn.choices.get(choice_id)
        text = html_to_text(found[1].text_html) if found else ""
        return f"{node_id}: {choice_id}" + (f" “{clip(text)}”" if text else "")

    reached, never = [], []
    for ending in report.endings:
        label = ending.id + (f" “{ending.title}”" if ending.title else "")
        if ending.reached:
            path = " → ".join(step_text(n, c) for n, c in ending.steps) or gettext(
                N_("at the start"))
            count = len(ending.steps)
            reached.append({"item_id": ending.id, "text": gettext(
                N_("{ending}: reached. Choices on the shortest path: {count}. Path: {path}")
            ).format(ending=label, count=count, path=path)})
        else:
            never.append({"item_id": ending.id, "text": label})
    groups = [
        {"title": gettext(N_("Endings reached")), "items": reached,
         "empty": gettext(N_("No ending can be reached."))},
        {"title": gettext(N_("Endings never reached")), "items": never,
         "empty": gettext(N_("None: every ending can be reached."))},
        {"title": gettext(N_("Nodes never reached")),
         "items": [{"item_id": n, "text": n} for n in report.unreached_nodes],
         "empty": gettext(N_("None: every node can be reached."))},
        {"title": gettext(N_("Nodes where a learner gets stuck")),
         "items": [{"item_id": n, "text": n} for n in report.stuck_nodes],
         "empty": gettext(N_("None."))},
        {"title": gettext(N_("Choices never offered")),
         "items": [{"item_id": c, "text": c} for c in report.unavailable_choices],
         "empty": gettext(N_("None."))},
    ]
    return {"title": gettext(N_("All paths")), "summary": summary, "groups": groups}


