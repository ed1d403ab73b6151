"""Content model of the Integrity Case Study (``asn_case_study``): stages holding questions
(single choice, multiple choice, classification, numeric) and reflections, in document order.

Its OLX form is read and written by ``olx_form`` (``parse`` and ``export`` are re-exported
here), tolerantly: an author's half-finished or semantically wrong content (a single-choice
question no option of which scores full points, a statement without a category, a numeric
answer that is not a number, an unknown competency) is kept as written so
``validation.validate`` can tell Studio what is wrong. HTML is held as sanitized strings.
``to_dict``/``from_dict`` give the JSON form the block stores and the Studio form edits.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from ..core.cohort import DEFAULT_COHORT_MIN, cohort_min_value

TAG = "asn_case_study"

SINGLE = "single"
MULTIPLE = "multiple"
CLASSIFY = "classify"
NUMERIC = "numeric"
KINDS = (SINGLE, MULTIPLE, CLASSIFY, NUMERIC)
# The record type of a question in the dict form (the Studio form tells its kinds apart by
# it): single and multiple share one; a classification and a numeric question each have
# their own, as they hold other fields.
DICT_TYPES = {CLASSIFY: "classify", NUMERIC: "numeric"}

GRADING_STAFF = "staff"
GRADING_COMPLETION = "completion"
GRADING_NONE = "none"
GRADING_MODES = (GRADING_STAFF, GRADING_COMPLETION, GRADING_NONE)

DEFAULT_MIN_WORDS = 0
DEFAULT_MAX_WORDS = 1000

# Learning together: how the learner's cohort chose (root ``show_cohort``, ``cohort_min``)
# and shared reflection answers (a reflection's ``share``).
SHARE_OFF = "off"
SHARE_OPTIONAL = "optional"
SHARE_MODES = (SHARE_OFF, SHARE_OPTIONAL)
_WHOLE = re.compile(r"-?[0-9]+")


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
    def from_dict(cls, data: dict[str, Any]) -> Option:
        return cls(id=data["id"], text_html=data.get("text_html", ""),
                   feedback_html=data.get("feedback_html", ""), score=data.get("score"),
                   correct=data.get("correct"))


@dataclass
class Category:
    """A category of a classification question: ``<category id label/>``."""

    id: str
    label: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "label": self.label}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Category:
        return cls(id=data["id"], label=data.get("label", ""))


@dataclass
class SortItem:
    """A statement the learner places in one category of a classification question;
    ``category`` is the right one (None when the author has not chosen one yet)."""

    id: str
    category: str | None = None
    text_html: str = ""
    feedback_html: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "category": self.category, "text_html": self.text_html,
                "feedback_html": self.feedback_html}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> SortItem:
        return cls(id=data["id"], category=data.get("category"),
                   text_html=data.get("text_html", ""),
                   feedback_html=data.get("feedback_html", ""))


@dataclass
class Question:
    """A scored question. Single and multiple choice use ``options``; a classification
    question ``categories`` and ``items``; a numeric question ``answer`` (the number as the
    author wrote it, a decimal point and no grouping, kept as text so a value that is not a
    number reaches validation), ``tolerance`` (likewise), ``unit`` and ``feedback_html``
    (the working, shown after submission)."""

    id: str
    kind: str = SINGLE
    points: float | None = None
    competency: str | None = None
    prompt_html: str = ""
    options: list[Option] = field(default_factory=list)
    categories: list[Category] = field(default_factory=list)
    items: list[SortItem] = field(default_factory=list)
    answer: str | None = None
    tolerance: str | None = None
    unit: str | None = None
    feedback_html: str = ""

    @property
    def max_points(self) -> float:
        return self.points if self.points is not None and self.points > 0 else 0.0

    def option(self, option_id: str) -> Option | None:
        for item in self.options:
            if item.id == option_id:
                return item
        return None

    def category(self, category_id: str) -> Category | None:
        for item in self.categories:
            if item.id == category_id:
                return item
        return None

    def sort_item(self, item_id: str) -> SortItem | None:
        for item in self.items:
            if item.id == item_id:
                return item
        return None

    @property
    def answer_value(self) -> float | None:
        """The numeric key as a number; None when it is missing or not a plain number."""
        return plain_number(self.answer)

    @property
    def tolerance_value(self) -> float:
        """The tolerance as a number; a missing or unreadable one is 0 (validation says so)."""
        value = plain_number(self.tolerance)
        return value if value is not None and value >= 0 else 0.0

    def to_dict(self) -> dict[str, Any]:
        base = {"id": self.id, "points": self.points, "competency": self.competency,
                "prompt_html": self.prompt_html}
        if self.kind == CLASSIFY:
            data = {"type": DICT_TYPES[CLASSIFY], **base,
                    "categories": [c.to_dict() for c in self.categories],
                    "items": [i.to_dict() for i in self.items]}
        elif self.kind == NUMERIC:
            data = {"type": DICT_TYPES[NUMERIC], **base, "answer": self.answer,
                    "tolerance": self.tolerance, "unit": self.unit,
                    "feedback_html": self.feedback_html}
        else:
            data = {"type": "question", "id": self.id, "kind": self.kind, "points": self.points,
                    "competency": self.competency, "prompt_html": self.prompt_html,
                    "options": [o.to_dict() for o in self.options]}
            # parts of a classification a choice question does not use (validation warns)
            if self.categories or self.items:
                data["categories"] = [c.to_dict() for c in self.categories]
                data["items"] = [i.to_dict() for i in self.items]
            return data
        if self.options:  # options a classification or numeric question does not use
            data["options"] = [o.to_dict() for o in self.options]
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Question:
        kinds = {value: key for key, value in DICT_TYPES.items()}
        kind = kinds.get(data.get("type", ""), data.get("kind", SINGLE))
        return cls(id=data["id"], kind=kind, points=data.get("points"),
                   competency=data.get("competency"), prompt_html=data.get("prompt_html", ""),
                   options=[Option.from_dict(o) for o in data.get("options", [])],
                   categories=[Category.from_dict(c) for c in data.get("categories", [])],
                   items=[SortItem.from_dict(i) for i in data.get("items", [])],
                   answer=data.get("answer"), tolerance=data.get("tolerance"),
                   unit=data.get("unit"), feedback_html=data.get("feedback_html", ""))


def plain_number(text: str | None) -> float | None:
    """A number as OLX writes it ("87.5", "-2", "1500000"): None when missing, not a
    number, or not finite."""
    if text is None:
        return None
    try:
        value = float(text.strip())
    except ValueError:
        return None
    return value if value == value and abs(value) != float("inf") else None


@dataclass
class Level:
    """One performance level of a rubric criterion: the points and what earns them."""

    points: float | None = None
    description: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {"points": self.points, "description": self.description}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Level:
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
    def from_dict(cls, data: dict[str, Any]) -> Criterion:
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
    # "optional": the learner may share their answer anonymously with peers (kept as
    # written; validation names any other value)
    share: str = SHARE_OFF

    @property
    def max_points(self) -> float:
        return self.points if self.points is not None and self.points > 0 else 0.0

    @property
    def shareable(self) -> bool:
        return self.share == SHARE_OPTIONAL

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
                "model_answer_html": self.model_answer_html, "share": self.share}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Reflection:
        return cls(id=data["id"], points=data.get("points"),
                   min_words=data.get("min_words", DEFAULT_MIN_WORDS),
                   max_words=data.get("max_words", DEFAULT_MAX_WORDS),
                   competency=data.get("competency"), prompt_html=data.get("prompt_html", ""),
                   rubric=[Criterion.from_dict(c) for c in data.get("rubric", [])],
                   model_answer_html=data.get("model_answer_html", ""),
                   share=data.get("share") or SHARE_OFF)


Item = Question | Reflection


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
    def from_dict(cls, data: dict[str, Any]) -> Stage:
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
    def from_dict(cls, data: dict[str, Any]) -> DeclaredCompetency:
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
    show_cohort: bool = False
    # kept as written: an int, or the attribute's text when it is not a whole number (so
    # validation can name it); ``cohort_min_value`` is what the learner view uses
    cohort_min: int | str = DEFAULT_COHORT_MIN

    @property
    def cohort_min_value(self) -> int:
        """The fewest OTHER learners who must have answered a question before its shares
        are shown; an invalid value (validation blocks saving it) falls back to the default."""
        return cohort_min_value(self.cohort_min)

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
                "competencies": [c.to_dict() for c in self.competencies],
                "show_cohort": self.show_cohort, "cohort_min": self.cohort_min}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Content:
        return cls(reflection_grading=data.get("reflection_grading", GRADING_STAFF),
                   shuffle=bool(data.get("shuffle", False)), lang=data.get("lang"),
                   intro_html=data.get("intro_html", ""),
                   stages=[Stage.from_dict(s) for s in data.get("stages", [])],
                   debrief_html=data.get("debrief_html", ""),
                   reference_html=data.get("reference_html", ""),
                   competencies=[DeclaredCompetency.from_dict(c)
                                 for c in data.get("competencies", [])],
                   show_cohort=bool(data.get("show_cohort", False)),
                   cohort_min=read_cohort_min(data.get("cohort_min", DEFAULT_COHORT_MIN)))


def read_cohort_min(value: Any) -> int | str:
    """``cohort_min`` as OLX or the Studio form (which may send 5.0) give it: a whole number
    as an int, anything else as text for validation to name; missing or empty: the default."""
    if value is None or value == "":
        return DEFAULT_COHORT_MIN
    if isinstance(value, (int, float)) and not isinstance(value, bool) and value == value \
            and abs(value) != float("inf") and value == int(value):
        return int(value)
    text = str(value).strip().lower() if isinstance(value, bool) else str(value).strip()
    return int(text) if _WHOLE.fullmatch(text) else text


# The OLX reader and writer live in ``olx_form`` (imported when called: it imports this
# module); ``parse`` and ``export`` stay this module's API.

def parse(root: Any) -> Content:
    """The content model of an ``<asn_case_study>`` element (``olx_form.parse``)."""
    from .olx_form import parse as parse_olx

    return parse_olx(root)


def export(content: Content) -> Any:
    """The ``<asn_case_study>`` element for ``content`` (``olx_form.export``)."""
    from .olx_form import export as export_olx

    return export_olx(content)
