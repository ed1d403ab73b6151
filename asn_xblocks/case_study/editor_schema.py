"""The Studio form editor's description of a case study (see ``shell/studio_forms.py``).

Records are the model's ``to_dict`` form: stages hold questions and reflections (told
apart by ``type``), questions hold options, reflections a rubric of criteria with levels.
"""
from __future__ import annotations

import dataclasses
from typing import Any

from ..core.i18n import N_
from ..shell.studio_forms import (competencies_field, competency_record, field, lang_field, options,
                                   record)
from .model import Content


SCHEMA: dict[str, Any] = {
    "root": "content",
    "types": {
        "content": record(N_("Case study"), [
            field("reflection_grading", "select", N_("Reflection grading"), section="settings",
                  options=options(("staff", N_("Staff grade with the rubric")),
                                  ("completion", N_("Full points when the word minimum is met")),
                                  ("none", N_("Not graded")))),
            field("shuffle", "bool", N_("Shuffle the options of each question per learner"),
                  section="settings"),
            lang_field(nullable=True),
            competencies_field(),
            field("intro_html", "html", N_("Introduction")),
            field("stages", "list", N_("Stages"), of=["stage"]),
            field("debrief_html", "html", N_("Debrief (shown after the last stage)")),
            field("reference_html", "html", N_("References")),
        ]),
        "competency": competency_record("competency"),
        "stage": record(N_("Stage"), [
            field("id", "id", N_("Id")),
            field("title", "text", N_("Title")),
            field("narrative_html", "html", N_("Narrative")),
            field("items", "list", N_("Questions and reflections"), of=["question", "reflection"],
                  tag_key="type"),
        ], add=N_("Add stage"), id_prefix="s", id_scope="block", summary="title",
            template={"title": ""}),
        "question": record(N_("Question"), [
            field("id", "id", N_("Id")),
            field("kind", "select", N_("Kind"),
                  options=options(("single", N_("Single choice (option scores)")),
                                  ("multiple", N_("Multiple choice (correct options)")))),
            field("points", "number", N_("Points"), nullable=True, min=0),
            field("competency", "competency", N_("Competency"), nullable=True),
            field("prompt_html", "html", N_("Prompt")),
            field("options", "list", N_("Options"), of=["option"]),
        ], add=N_("Add question"), tag="question", id_prefix="q", id_scope="block",
            summary="prompt_html",
            template={"kind": "single", "points": 1.0, "options": [
                {"id": "a", "text_html": "", "feedback_html": "", "score": 1.0, "correct": None},
                {"id": "b", "text_html": "", "feedback_html": "", "score": 0.0, "correct": None},
            ]}),
        "option": record(N_("Option"), [
            field("id", "id", N_("Id")),
            field("text_html", "html", N_("Text")),
            field("score", "number", N_("Score (points this option earns)"), nullable=True,
                  min=0, visible_if={"parent": "kind", "in": ["single"]}),
            field("correct", "tristate", N_("Correct"),
                  visible_if={"parent": "kind", "in": ["multiple"]}),
            field("feedback_html", "html", N_("Feedback")),
        ], add=N_("Add option"), id_prefix="o", id_scope="siblings", summary="text_html",
            id_letters=True),
        "reflection": record(N_("Reflection"), [
            field("id", "id", N_("Id")),
            field("points", "number", N_("Points"), nullable=True, min=0),
            field("min_words", "int", N_("Minimum words"), default=0, min=0),
            field("max_words", "int", N_("Maximum words"), default=1000, min=1),
            field("competency", "competency", N_("Competency"), nullable=True),
            field("prompt_html", "html", N_("Prompt")),
            field("rubric", "list", N_("Rubric criteria"), of=["criterion"]),
            field("model_answer_html", "html", N_("Model answer")),
        ], add=N_("Add reflection"), tag="reflection", id_prefix="r", id_scope="block",
            summary="prompt_html", template={"points": 1.0}),
        "criterion": record(N_("Criterion"), [
            field("id", "id", N_("Id")),
            field("label", "text", N_("Label")),
            field("levels", "list", N_("Levels"), of=["level"]),
        ], add=N_("Add criterion"), id_prefix="c", id_scope="block", summary="label",
            template={"levels": [{"points": 0.0, "description": ""},
                                 {"points": 1.0, "description": ""}]}),
        "level": record(N_("Level"), [
            field("points", "number", N_("Points"), nullable=True, min=0),
            field("description", "text", N_("Description")),
        ], add=N_("Add level"), summary="description"),
    },
}

# The preview can start at any stage; the learner view of a fresh attempt shows one stage.
PREVIEW = {"at_type": "stage"}


def preview_content(content: Content, at: str | None) -> Content:
    """The content the preview shows: from stage ``at`` on (the learner sees one stage at a
    time; earlier stages would need submitted answers)."""
    index = content.stage_index(at) if at else None
    if not index:
        return content
    return dataclasses.replace(content, intro_html="", stages=content.stages[index:])
