"""The content model of the change-management simulation and its OLX/JSON forms.

Parsing is tolerant: ids that point nowhere, bad numbers, unknown steps and unparsable
conditions are kept as written so ``validate()`` can name them (Studio shows them).
Only hostile or unusable XML is refused, by ``core.olx``. Author HTML is sanitized once,
here, at import (``inner_html``); ``to_dict``/``from_dict`` carry it as is.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, overload

from lxml import etree

from ..core import olx
from ..core.cohort import DEFAULT_COHORT_MIN, cohort_min_value
from ..core.i18n import N_
from ..core.sanitize import sanitize_html

TAG = "asn_change_simulation"

# Root attributes owned by the shell: ignored by parse(), never written by export().
SHELL_ATTRS = frozenset({"display_name", "weight", "max_attempts", "attempt_policy",
                         "show_answer", "show_correctness", "due", "graceperiod"})

SCORING_ENDING = "ending"
SCORING_PATH = "path"
SCORING_MODES = (SCORING_ENDING, SCORING_PATH)
OUTCOMES = ("success", "partial", "failure")

# "How the cohort chose" is shown only where at least this many OTHER learners chose at a
# node (fewer would let a learner guess what a named peer did); authors may raise it.

# Framework steps in teaching order; labels are English sources translated on output.
KOTTER_STEPS = {
    "urgency": N_("Create a sense of urgency"),
    "coalition": N_("Build a guiding coalition"),
    "vision": N_("Form a strategic vision"),
    "volunteers": N_("Enlist a volunteer army"),
    "barriers": N_("Remove barriers"),
    "wins": N_("Generate short-term wins"),
    "acceleration": N_("Sustain acceleration"),
    "institute": N_("Institute change"),
}
ADKAR_STEPS = {
    "awareness": N_("Awareness"),
    "desire": N_("Desire"),
    "knowledge": N_("Knowledge"),
    "ability": N_("Ability"),
    "reinforcement": N_("Reinforcement"),
}
FRAMEWORKS: dict[str, dict[str, str]] = {"kotter": KOTTER_STEPS, "adkar": ADKAR_STEPS}


def step_label(framework: str, step: str, gettext=None) -> str:
    """The translated name of a framework step; a free step (no framework) as written."""
    label = FRAMEWORKS.get(framework, {}).get(step)
    if label is None:
        return step
    return gettext(label) if gettext else label


@dataclass
class Competency:
    id: str
    label: str = ""


@dataclass
class Metric:
    id: str
    label: str = ""
    initial: float | None = None  # None: missing or not a number (validate() says so)
    min: float = 0.0
    max: float = 100.0
    visible: bool = True


@dataclass
class Effect:
    metric: str
    op: str = ""  # "add" | "set"; "" when neither attribute holds a number
    value: float | None = None


@dataclass
class Choice:
    id: str
    goto: str = ""
    when: str = ""
    points: float = 0.0
    competency: str = ""
    text_html: str = ""
    effects: list[Effect] = field(default_factory=list)
    feedback_html: str = ""


@dataclass
class Node:
    id: str
    title: str = ""
    step: str = ""
    content_html: str = ""
    choices: list[Choice] = field(default_factory=list)


@dataclass
class Route:
    goto: str = ""
    when: str = ""  # "" = the default route (must be last)


@dataclass
class Router:
    id: str
    routes: list[Route] = field(default_factory=list)


@dataclass
class Ending:
    id: str
    title: str = ""
    score: float | None = None  # None: missing or not a number
    outcome: str = ""
    body_html: str = ""


@dataclass
class Content:
    start: str = ""
    scoring: str = SCORING_ENDING
    framework: str = ""
    lang: str = ""
    show_cohort: bool = False  # after finishing: how the learner's cohort chose
    cohort_min: int | str = DEFAULT_COHORT_MIN  # str: not a whole number, kept for validate()
    intro_html: str = ""
    competencies: list[Competency] = field(default_factory=list)
    metrics: list[Metric] = field(default_factory=list)
    nodes: list[Node] = field(default_factory=list)
    routers: list[Router] = field(default_factory=list)
    endings: list[Ending] = field(default_factory=list)

    def declared_competencies(self) -> dict[str, str]:
        return {item.id: item.label for item in self.competencies}


# --- OLX -> model ----------------------------------------------------------------------

def parse(root: etree._Element) -> Content:
    """Content from the OLX root element (already checked by ``core.olx``)."""
    olx.check_element(root)
    content = Content(
        start=olx.attr_str(root, "start"),
        scoring=olx.attr_str(root, "scoring", SCORING_ENDING) or SCORING_ENDING,
        framework=olx.attr_str(root, "framework"),
        lang=olx.attr_str(root, "lang"),
        show_cohort=olx.attr_bool(root, "show_cohort", False),
        cohort_min=read_cohort_min(root.get("cohort_min")),
    )
    for element in root:
        if not isinstance(element.tag, str):
            continue
        if element.tag == "competency":
            content.competencies.append(Competency(olx.attr_str(element, "id"),
                                                   olx.attr_str(element, "label")))
        elif element.tag == "intro":
            content.intro_html = olx.inner_html(element)
        elif element.tag == "metric":
            content.metrics.append(_parse_metric(element))
        elif element.tag == "node":
            content.nodes.append(_parse_node(element))
        elif element.tag == "router":
            content.routers.append(Router(
                olx.attr_str(element, "id"),
                [Route(olx.attr_str(route, "goto"), olx.attr_str(route, "when"))
                 for route in olx.children(element, "route")]))
        elif element.tag == "ending":
            content.endings.append(Ending(
                id=olx.attr_str(element, "id"),
                title=olx.attr_str(element, "title"),
                score=olx.attr_float(element, "score"),
                outcome=olx.attr_str(element, "outcome"),
                body_html=olx.inner_html(element),
            ))
    return content


def _parse_metric(element: etree._Element) -> Metric:
    return Metric(
        id=olx.attr_str(element, "id"),
        label=olx.attr_str(element, "label"),
        initial=olx.attr_float(element, "initial"),
        min=olx.attr_float(element, "min", 0.0),
        max=olx.attr_float(element, "max", 100.0),
        visible=olx.attr_bool(element, "visible", True),
    )


def _parse_node(element: etree._Element) -> Node:
    node = Node(
        id=olx.attr_str(element, "id"),
        title=olx.attr_str(element, "title"),
        step=olx.attr_str(element, "step"),
        content_html=olx.child_html(element, "content"),
    )
    for item in olx.children(element, "choice"):
        node.choices.append(Choice(
            id=olx.attr_str(item, "id"),
            goto=olx.attr_str(item, "goto"),
            when=olx.attr_str(item, "when"),
            points=olx.attr_float(item, "points", 0.0),
            competency=olx.attr_str(item, "competency"),
            text_html=olx.child_html(item, "text"),
            effects=[_parse_effect(effect) for effect in olx.children(item, "effect")],
            feedback_html=olx.child_html(item, "feedback"),
        ))
    return node


def _parse_effect(element: etree._Element) -> Effect:
    metric = olx.attr_str(element, "metric")
    for op in ("set", "add"):
        if element.get(op) is not None:
            return Effect(metric, op, olx.attr_float(element, op))
    return Effect(metric)


# --- model -> OLX ----------------------------------------------------------------------

def export(content: Content) -> etree._Element:
    root = etree.Element(TAG)
    olx.set_attrs(root, [
        ("start", content.start or None),
        ("scoring", content.scoring if content.scoring != SCORING_ENDING else None),
        ("framework", content.framework or None),
        ("lang", content.lang or None),
        ("show_cohort", True if content.show_cohort else None),
        ("cohort_min", content.cohort_min if content.cohort_min != DEFAULT_COHORT_MIN else None),
    ])
    for comp in content.competencies:
        element = etree.SubElement(root, "competency")
        olx.set_attrs(element, [("id", comp.id), ("label", comp.label)])
    olx.sub_html(root, "intro", content.intro_html)
    for metric in content.metrics:
        element = etree.SubElement(root, "metric")
        olx.set_attrs(element, [
            ("id", metric.id), ("label", metric.label), ("initial", metric.initial),
            ("min", metric.min if metric.min != 0 else None),
            ("max", metric.max if metric.max != 100 else None),
            ("visible", None if metric.visible else False),
        ])
    for node in content.nodes:
        root.append(_export_node(node))
    for router in content.routers:
        element = etree.SubElement(root, "router")
        olx.set_attrs(element, [("id", router.id)])
        for route in router.routes:
            olx.set_attrs(etree.SubElement(element, "route"),
                          [("when", route.when or None), ("goto", route.goto)])
    for ending in content.endings:
        element = olx.html_element("ending", ending.body_html)
        olx.set_attrs(element, [("id", ending.id), ("title", ending.title),
                                ("score", ending.score), ("outcome", ending.outcome or None)])
        root.append(element)
    return root


def _export_node(node: Node) -> etree._Element:
    element = etree.Element("node")
    olx.set_attrs(element, [("id", node.id), ("title", node.title), ("step", node.step or None)])
    olx.sub_html(element, "content", node.content_html)
    for choice in node.choices:
        item = etree.SubElement(element, "choice")
        olx.set_attrs(item, [
            ("id", choice.id), ("goto", choice.goto), ("when", choice.when or None),
            ("points", choice.points if choice.points else None),
            ("competency", choice.competency or None),
        ])
        olx.sub_html(item, "text", choice.text_html, always=True)
        for effect in choice.effects:
            eff = etree.SubElement(item, "effect")
            olx.set_attrs(eff, [("metric", effect.metric)])
            if effect.op:
                eff.set(effect.op, olx.format_attr(effect.value) if effect.value is not None
                        else "")
        olx.sub_html(item, "feedback", choice.feedback_html)
    return element


def export_string(content: Content) -> str:
    return olx.to_string(export(content))


# --- model <-> JSON --------------------------------------------------------------------

def to_dict(content: Content) -> dict[str, Any]:
    return asdict(content)


def from_dict(data: dict[str, Any], sanitize: bool = False) -> Content:
    """Content from its stored JSON form. HTML was sanitized when it was imported or saved;
    pass ``sanitize=True`` for JSON that did not come from ``to_dict`` (an editor form)."""
    html = sanitize_html if sanitize else (lambda value: value or "")
    data = dict(data or {})
    return Content(
        start=str(data.get("start") or ""),
        scoring=str(data.get("scoring") or SCORING_ENDING),
        framework=str(data.get("framework") or ""),
        lang=str(data.get("lang") or ""),
        show_cohort=data.get("show_cohort") is True,
        cohort_min=read_cohort_min(data.get("cohort_min")),
        intro_html=html(data.get("intro_html") or ""),
        competencies=[Competency(str(c.get("id", "")), str(c.get("label", "")))
                      for c in data.get("competencies") or []],
        metrics=[Metric(
            id=str(m.get("id", "")), label=str(m.get("label", "")),
            initial=_num(m.get("initial")), min=_num(m.get("min"), 0.0),
            max=_num(m.get("max"), 100.0), visible=bool(m.get("visible", True)),
        ) for m in data.get("metrics") or []],
        nodes=[Node(
            id=str(n.get("id", "")), title=str(n.get("title", "")), step=str(n.get("step", "")),
            content_html=html(n.get("content_html") or ""),
            choices=[Choice(
                id=str(c.get("id", "")), goto=str(c.get("goto", "")), when=str(c.get("when", "")),
                points=_num(c.get("points"), 0.0), competency=str(c.get("competency", "")),
                text_html=html(c.get("text_html") or ""),
                effects=[Effect(str(e.get("metric", "")), str(e.get("op", "")), _num(e.get("value")))
                         for e in c.get("effects") or []],
                feedback_html=html(c.get("feedback_html") or ""),
            ) for c in n.get("choices") or []],
        ) for n in data.get("nodes") or []],
        routers=[Router(str(r.get("id", "")),
                        [Route(str(x.get("goto", "")), str(x.get("when", "")))
                         for x in r.get("routes") or []])
                 for r in data.get("routers") or []],
        endings=[Ending(
            id=str(e.get("id", "")), title=str(e.get("title", "")), score=_num(e.get("score")),
            outcome=str(e.get("outcome", "")), body_html=html(e.get("body_html") or ""),
        ) for e in data.get("endings") or []],
    )


def read_cohort_min(value: Any) -> int | str:
    """``cohort_min`` as written (OLX text) or stored (JSON, the Studio form): a whole number
    as an int (5.0 and " 5 " too); absent or empty is the default; anything else is kept as
    text, so export loses nothing and ``validate()`` names it."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return DEFAULT_COHORT_MIN
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, str):
        number = _num(value.strip())
        text = value.strip()
    else:
        number, text = _num(value), str(value)
    if number is not None and number == int(number):
        return int(number)
    return text


def cohort_minimum(content: Content) -> int:
    """The ``cohort_min`` the learner view applies: the author's when valid, else the
    default (invalid content cannot be saved in Studio, but imported OLX is not blocked)."""
    return cohort_min_value(content.cohort_min)


@overload
def _num(value: Any, default: float) -> float: ...
@overload
def _num(value: Any, default: None = None) -> float | None: ...


def _num(value: Any, default: float | None = None) -> float | None:
    if isinstance(value, bool) or value is None:
        return default
    try:
        number = float(value)
    except (TypeError, ValueError, OverflowError):
        return default
    if number != number or number in (float("inf"), float("-inf")):
        return default
    return number
