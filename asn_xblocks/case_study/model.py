"""Content model of the Integrity Case Study (``asn_case_study``) and its OLX form.

Parsing is tolerant on purpose: an author's half-finished or semantically wrong content
(a single-choice question no option of which scores full points, an unknown competency,
a missing prompt) is kept as written so ``validation.validate`` can tell Studio what is
wrong. Only structure the model cannot hold (a foreign root element) is refused.

HTML-bearing elements are sanitized once here, on import, and stored as HTML strings;
``export`` writes them back as XHTML children so that parse(export(parse(x))) == parse(x).
Root attributes the shell owns (display_name, weight, max_attempts, ...) are neither read
nor written here.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Union

from lxml import etree

from ..core import olx
from ..core.i18n import N_

TAG = "asn_case_study"

SINGLE = "single"
MULTIPLE = "multiple"
KINDS = (SINGLE, MULTIPLE)

GRADING_STAFF = "staff"
GRADING_COMPLETION = "completion"
GRADING_NONE = "none"
GRADING_MODES = (GRADING_STAFF, GRADING_COMPLETION, GRADING_NONE)

DEFAULT_MIN_WORDS = 0
DEFAULT_MAX_WORDS = 1000


@dataclass
class Option:
    """One answer option. ``score`` matters for single-choice questions (partial credit),
    ``correct`` for multiple-choice ones; both are kept as written (None = attribute absent)
    so the OLX round-trips exactly."""

    id: str
    text_html: str = ""
    feedback_html: str = ""
    score: float | None = None
    correct: bool | None = None

    @property
    def is_correct(self) -> bool:
        return bool(self.correct)

    @property
    def score_value(self) -> float:
        """A missing score means the option earns nothing."""
        return self.score if self.score is not None else 0.0

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "text_html": self.text_html, "feedback_html": self.feedback_html,
                "score": self.score, "correct": self.correct}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "Option":
        return cls(id=data["id"], text_html=data.get("text_html", ""),
                   feedback_html=data.get("feedback_html", ""), score=data.get("score"),
                   correct=data.get("correct"))


@dataclass
class Question:
    id: str
    kind: str = SINGLE
    points: float | None = None
    competency: str | None = None
    prompt_html: str = ""
    options: list[Option] = field(default_factory=list)

    @property
    def max_points(self) -> float:
        return self.points if self.points is not None and self.points > 0 else 0.0

    def option(self, option_id: str) -> Option | None:
        for item in self.options:
            if item.id == option_id:
                return item
        return None

    def to_dict(self) -> dict[str, Any]:
        return {"type": "question", "id": self.id, "kind": self.kind, "points": self.points,
                "competency": self.competency, "prompt_html": self.prompt_html,
                "options": [o.to_dict() for o in self.options]}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "Question":
        return cls(id=data["id"], kind=data.get("kind", SINGLE), points=data.get("points"),
                   competency=data.get("competency"), prompt_html=data.get("prompt_html", ""),
                   options=[Option.from_dict(o) for o in data.get("options", [])])


@dataclass
class Level:
    """One performance level of a rubric criterion: the points and what earns them."""

    points: float | None = None
    description: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {"points": self.points, "description": self.description}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "Level":
        return cls(points=data.get("points"), description=data.get("description", ""))


@dataclass
class Criterion:
    id: str
    label: str = ""
    levels: list[Level] = field(default_factory=list)

    @property
    def max_points(self) -> float:
        values = [lv.points for lv in self.levels if lv.points is not None]
        return max(values) if values else 0.0

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "label": self.label, "levels": [lv.to_dict() for lv in self.levels]}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "Criterion":
        return cls(id=data["id"], label=data.get("label", ""),
                   levels=[Level.from_dict(lv) for lv in data.get("levels", [])])


@dataclass
class Reflection:
    id: str
    points: float | None = None
    min_words: int = DEFAULT_MIN_WORDS
    max_words: int = DEFAULT_MAX_WORDS
    competency: str | None = None
    prompt_html: str = ""
    rubric: list[Criterion] = field(default_factory=list)
    model_answer_html: str = ""

    @property
    def max_points(self) -> float:
        return self.points if self.points is not None and self.points > 0 else 0.0

    def criterion(self, criterion_id: str) -> Criterion | None:
        for item in self.rubric:
            if item.id == criterion_id:
                return item
        return None

    def to_dict(self) -> dict[str, Any]:
        return {"type": "reflection", "id": self.id, "points": self.points,
                "min_words": self.min_words, "max_words": self.max_words,
                "competency": self.competency, "prompt_html": self.prompt_html,
                "rubric": [c.to_dict() for c in self.rubric],
                "model_answer_html": self.model_answer_html}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "Reflection":
        return cls(id=data["id"], points=data.get("points"),
                   min_words=data.get("min_words", DEFAULT_MIN_WORDS),
                   max_words=data.get("max_words", DEFAULT_MAX_WORDS),
                   competency=data.get("competency"), prompt_html=data.get("prompt_html", ""),
                   rubric=[Criterion.from_dict(c) for c in data.get("rubric", [])],
                   model_answer_html=data.get("model_answer_html", ""))


Item = Union[Question, Reflection]


@dataclass
class Stage:
    id: str
    title: str = ""
    narrative_html: str = ""
    items: list[Item] = field(default_factory=list)  # questions and reflections, document order

    @property
    def questions(self) -> list[Question]:
        return [i for i in self.items if isinstance(i, Question)]

    @property
    def reflections(self) -> list[Reflection]:
        return [i for i in self.items if isinstance(i, Reflection)]

    def item(self, item_id: str) -> Item | None:
        for entry in self.items:
            if entry.id == item_id:
                return entry
        return None

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "title": self.title, "narrative_html": self.narrative_html,
                "items": [i.to_dict() for i in self.items]}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "Stage":
        items: list[Item] = []
        for entry in data.get("items", []):
            if entry.get("type") == "reflection":
                items.append(Reflection.from_dict(entry))
            else:
                items.append(Question.from_dict(entry))
        return cls(id=data["id"], title=data.get("title", ""),
                   narrative_html=data.get("narrative_html", ""), items=items)


@dataclass
class DeclaredCompetency:
    """``<competency id label/>``: a competency beyond the built-in catalogue."""

    id: str
    label: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "label": self.label}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "DeclaredCompetency":
        return cls(id=data["id"], label=data.get("label", ""))


@dataclass
class Content:
    reflection_grading: str = GRADING_STAFF
    shuffle: bool = False
    lang: str | None = None
    intro_html: str = ""
    stages: list[Stage] = field(default_factory=list)
    debrief_html: str = ""
    reference_html: str = ""
    competencies: list[DeclaredCompetency] = field(default_factory=list)

    @property
    def declared(self) -> dict[str, str]:
        """Declared competency id → label (first declaration wins)."""
        result: dict[str, str] = {}
        for item in self.competencies:
            result.setdefault(item.id, item.label or item.id)
        return result

    def stage_index(self, stage_id: str) -> int | None:
        for index, stage in enumerate(self.stages):
            if stage.id == stage_id:
                return index
        return None

    def items(self) -> list[tuple[Stage, Item]]:
        return [(stage, item) for stage in self.stages for item in stage.items]

    def questions(self) -> list[Question]:
        return [q for stage in self.stages for q in stage.questions]

    def reflections(self) -> list[Reflection]:
        return [r for stage in self.stages for r in stage.reflections]

    def to_dict(self) -> dict[str, Any]:
        return {"reflection_grading": self.reflection_grading, "shuffle": self.shuffle,
                "lang": self.lang, "intro_html": self.intro_html,
                "stages": [s.to_dict() for s in self.stages],
                "debrief_html": self.debrief_html, "reference_html": self.reference_html,
                "competencies": [c.to_dict() for c in self.competencies]}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "Content":
        return cls(reflection_grading=data.get("reflection_grading", GRADING_STAFF),
                   shuffle=bool(data.get("shuffle", False)), lang=data.get("lang"),
                   intro_html=data.get("intro_html", ""),
                   stages=[Stage.from_dict(s) for s in data.get("stages", [])],
                   debrief_html=data.get("debrief_html", ""),
                   reference_html=data.get("reference_html", ""),
                   competencies=[DeclaredCompetency.from_dict(c)
                                 for c in data.get("competencies", [])])


# --- OLX → model ---------------------------------------------------------------------

def _optional(element: etree._Element, name: str) -> str | None:
    value = olx.attr_str(element, name)
    return value or None


def _parse_option(element: etree._Element) -> Option:
    correct = None
    if element.get("correct") is not None:
        correct = olx.attr_bool(element, "correct", False)
    return Option(id=olx.attr_str(element, "id"), text_html=olx.child_html(element, "text"),
                  feedback_html=olx.child_html(element, "feedback"),
                  score=olx.attr_float(element, "score"), correct=correct)


def _parse_question(element: etree._Element) -> Question:
    return Question(id=olx.attr_str(element, "id"),
                    kind=olx.attr_str(element, "kind", SINGLE),
                    points=olx.attr_float(element, "points"),
                    competency=_optional(element, "competency"),
                    prompt_html=olx.child_html(element, "prompt"),
                    options=olx.each(olx.children(element, "option"), _parse_option))


def _parse_level(element: etree._Element) -> Level:
    return Level(points=olx.attr_float(element, "points"), description=olx.plain_text(element))


def _parse_criterion(element: etree._Element) -> Criterion:
    return Criterion(id=olx.attr_str(element, "id"), label=olx.attr_str(element, "label"),
                     levels=olx.each(olx.children(element, "level"), _parse_level))


def _parse_reflection(element: etree._Element) -> Reflection:
    rubric = olx.child(element, "rubric")
    return Reflection(
        id=olx.attr_str(element, "id"),
        points=olx.attr_float(element, "points"),
        min_words=olx.attr_int(element, "min_words", DEFAULT_MIN_WORDS),
        max_words=olx.attr_int(element, "max_words", DEFAULT_MAX_WORDS),
        competency=_optional(element, "competency"),
        prompt_html=olx.child_html(element, "prompt"),
        rubric=olx.each(olx.children(rubric, "criterion"), _parse_criterion)
        if rubric is not None else [],
        model_answer_html=olx.child_html(element, "model_answer"),
    )


def _parse_stage(element: etree._Element) -> Stage:
    items: list[Item] = []
    for entry in element:
        if entry.tag == "question":
            items.append(_parse_question(entry))
        elif entry.tag == "reflection":
            items.append(_parse_reflection(entry))
    return Stage(id=olx.attr_str(element, "id"), title=olx.attr_str(element, "title"),
                 narrative_html=olx.child_html(element, "narrative"), items=items)


def parse(root: etree._Element) -> Content:
    """The content model of an ``<asn_case_study>`` element (tolerant, see module doc)."""
    if root.tag != TAG:
        raise olx.OlxError(N_("Expected an <{expected}> element, found <{found}>."),
                           expected=TAG, found=str(root.tag))
    olx.check_element(root)
    return Content(
        reflection_grading=olx.attr_str(root, "reflection_grading", GRADING_STAFF),
        shuffle=olx.attr_bool(root, "shuffle", False),
        lang=_optional(root, "lang"),
        intro_html=olx.child_html(root, "intro"),
        stages=olx.each(olx.children(root, "stage"), _parse_stage),
        debrief_html=olx.child_html(root, "debrief"),
        reference_html=olx.child_html(root, "reference"),
        competencies=[DeclaredCompetency(id=olx.attr_str(c, "id"), label=olx.attr_str(c, "label"))
                      for c in olx.children(root, "competency")],
    )


# --- model → OLX ---------------------------------------------------------------------

def _export_option(option: Option) -> etree._Element:
    element = etree.Element("option")
    olx.set_attrs(element, [("id", option.id), ("score", option.score),
                            ("correct", option.correct)])
    olx.sub_html(element, "text", option.text_html, always=True)
    olx.sub_html(element, "feedback", option.feedback_html)
    return element


def _export_question(question: Question) -> etree._Element:
    element = etree.Element("question")
    olx.set_attrs(element, [("id", question.id), ("kind", question.kind),
                            ("points", question.points), ("competency", question.competency)])
    olx.sub_html(element, "prompt", question.prompt_html, always=True)
    for option in question.options:
        element.append(_export_option(option))
    return element


def _export_reflection(reflection: Reflection) -> etree._Element:
    element = etree.Element("reflection")
    olx.set_attrs(element, [
        ("id", reflection.id), ("points", reflection.points),
        ("min_words", reflection.min_words if reflection.min_words != DEFAULT_MIN_WORDS else None),
        ("max_words", reflection.max_words if reflection.max_words != DEFAULT_MAX_WORDS else None),
        ("competency", reflection.competency),
    ])
    olx.sub_html(element, "prompt", reflection.prompt_html, always=True)
    if reflection.rubric:
        rubric = etree.SubElement(element, "rubric")
        for criterion in reflection.rubric:
            node = etree.SubElement(rubric, "criterion")
            olx.set_attrs(node, [("id", criterion.id), ("label", criterion.label)])
            for level in criterion.levels:
                level_node = etree.SubElement(node, "level")
                olx.set_attrs(level_node, [("points", level.points)])
                level_node.text = level.description
    olx.sub_html(element, "model_answer", reflection.model_answer_html)
    return element


def _export_stage(stage: Stage) -> etree._Element:
    element = etree.Element("stage")
    olx.set_attrs(element, [("id", stage.id), ("title", stage.title)])
    olx.sub_html(element, "narrative", stage.narrative_html)
    for item in stage.items:
        if isinstance(item, Question):
            element.append(_export_question(item))
        else:
            element.append(_export_reflection(item))
    return element


def export(content: Content) -> etree._Element:
    """The ``<asn_case_study>`` element for ``content`` (without the shell's settings)."""
    root = etree.Element(TAG)
    olx.set_attrs(root, [("reflection_grading", content.reflection_grading),
                         ("shuffle", True if content.shuffle else None),
                         ("lang", content.lang)])
    for competency in content.competencies:
        node = etree.SubElement(root, "competency")
        olx.set_attrs(node, [("id", competency.id), ("label", competency.label)])
    olx.sub_html(root, "intro", content.intro_html)
    for stage in content.stages:
        root.append(_export_stage(stage))
    olx.sub_html(root, "debrief", content.debrief_html)
    olx.sub_html(root, "reference", content.reference_html)
    return root
