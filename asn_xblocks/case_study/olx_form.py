"""The OLX form of a case study: ``parse`` (OLX → model) and ``export`` (model → OLX).

Tolerant on purpose (see ``model``): what an author wrote is kept as written, semantically
wrong or not, so ``validation`` can report it and export(parse(x)) loses nothing. HTML is
sanitized once, here, on import.
"""
from __future__ import annotations

from lxml import etree

from ..core import olx
from ..core.i18n import N_
from .model import (
    DEFAULT_COHORT_MIN,
    DEFAULT_MAX_WORDS,
    DEFAULT_MIN_WORDS,
    GRADING_STAFF,
    NUMERIC,
    SHARE_OFF,
    SINGLE,
    TAG,
    Category,
    Content,
    Criterion,
    DeclaredCompetency,
    Item,
    Level,
    Option,
    Question,
    Reflection,
    SortItem,
    Stage,
    read_cohort_min,
)

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


def _parse_category(element: etree._Element) -> Category:
    return Category(id=olx.attr_str(element, "id"), label=olx.attr_str(element, "label"))


def _parse_sort_item(element: etree._Element) -> SortItem:
    return SortItem(id=olx.attr_str(element, "id"), category=_optional(element, "category"),
                    text_html=olx.child_html(element, "text"),
                    feedback_html=olx.child_html(element, "feedback"))


def _raw(element: etree._Element, name: str) -> str | None:
    """An attribute as written (stripped); None when absent or empty. Numbers of a numeric
    question stay text so that validation can name one that is not a number."""
    value = element.get(name)
    return (value.strip() or None) if value is not None else None


def _parse_question(element: etree._Element) -> Question:
    kind = olx.attr_str(element, "kind", SINGLE)
    question = Question(id=olx.attr_str(element, "id"), kind=kind,
                        points=olx.attr_float(element, "points"),
                        competency=_optional(element, "competency"),
                        prompt_html=olx.child_html(element, "prompt"),
                        options=olx.each(olx.children(element, "option"), _parse_option),
                        categories=olx.each(olx.children(element, "category"), _parse_category),
                        items=olx.each(olx.children(element, "item"), _parse_sort_item))
    if kind == NUMERIC:
        question.answer = _raw(element, "answer")
        question.tolerance = _raw(element, "tolerance")
        question.unit = _raw(element, "unit")
        question.feedback_html = olx.child_html(element, "feedback")
    return question


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
        share=_raw(element, "share") or SHARE_OFF,
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
        show_cohort=olx.attr_bool(root, "show_cohort", False),
        cohort_min=read_cohort_min(_raw(root, "cohort_min")),
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
                            ("points", question.points)])
    if question.kind == NUMERIC:
        olx.set_attrs(element, [("answer", question.answer), ("tolerance", question.tolerance),
                                ("unit", question.unit)])
    olx.set_attrs(element, [("competency", question.competency)])
    olx.sub_html(element, "prompt", question.prompt_html, always=True)
    for category in question.categories:
        node = etree.SubElement(element, "category")
        olx.set_attrs(node, [("id", category.id), ("label", category.label)])
    for item in question.items:
        node = etree.SubElement(element, "item")
        olx.set_attrs(node, [("id", item.id), ("category", item.category)])
        olx.sub_html(node, "text", item.text_html, always=True)
        olx.sub_html(node, "feedback", item.feedback_html)
    for option in question.options:
        element.append(_export_option(option))
    if question.kind == NUMERIC:
        olx.sub_html(element, "feedback", question.feedback_html)
    return element


def _export_reflection(reflection: Reflection) -> etree._Element:
    element = etree.Element("reflection")
    olx.set_attrs(element, [
        ("id", reflection.id), ("points", reflection.points),
        ("min_words", reflection.min_words if reflection.min_words != DEFAULT_MIN_WORDS else None),
        ("max_words", reflection.max_words if reflection.max_words != DEFAULT_MAX_WORDS else None),
        ("competency", reflection.competency),
        ("share", reflection.share if reflection.share != SHARE_OFF else None),
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
                         ("lang", content.lang),
                         ("show_cohort", True if content.show_cohort else None),
                         ("cohort_min", content.cohort_min
                          if content.cohort_min != DEFAULT_COHORT_MIN else None)])
    for competency in content.competencies:
        node = etree.SubElement(root, "competency")
        olx.set_attrs(node, [("id", competency.id), ("label", competency.label)])
    olx.sub_html(root, "intro", content.intro_html)
    for stage in content.stages:
        root.append(_export_stage(stage))
    olx.sub_html(root, "debrief", content.debrief_html)
    olx.sub_html(root, "reference", content.reference_html)
    return root
