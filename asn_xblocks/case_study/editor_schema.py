"""The Studio form editor's description of a case study (see ``shell/studio_forms.py``).

Records are the model's ``to_dict`` form: stages hold questions and reflections (told
apart by ``type``), questions hold options, reflections a rubric of criteria with levels.
"""
from __future__ import annotations

import dataclasses
from typing import Any

from ..core.forms import competencies_field, competency_record, field, lang_field, options, record
from ..core.i18n import N_
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
            field("show_cohort", "bool", N_("Show learners how their cohort chose, after they "
                                            "submit a stage"), section="settings"),
            field("cohort_min", "int", N_("Fewest other learners before shares are shown"),
                  section="settings", default=5, min=1,
                  help=N_("Shares of a question appear only once at least this many other "
                          "learners of the cohort (or the course) answered it, so no single "
                          "learner's answer can be guessed.")),
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
            field("items", "list", N_("Questions and reflections"),
                  of=["question", "classify", "numeric", "reflection"], tag_key="type"),
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
        # A classification question: statements sorted into categories. Its record type is
        # its own (the model's dict form says "classify"), so the form shows only its fields.
        "classify": record(N_("Classification question"), [
            field("id", "id", N_("Id")),
            field("points", "number", N_("Points"), nullable=True, min=0,
                  help=N_("Shared equally among the statements: each statement placed in its "
                          "right category earns its part.")),
            field("competency", "competency", N_("Competency"), nullable=True),
            field("prompt_html", "html", N_("Prompt")),
            field("categories", "list", N_("Categories (2 to 8)"), of=["category"]),
            field("items", "list", N_("Statements to classify (2 to 20)"), of=["statement"]),
        ], add=N_("Add classification question"), tag="classify", id_prefix="q",
            id_scope="block", summary="prompt_html",
            template={"points": 2.0, "categories": [{"id": "k1", "label": ""},
                                                    {"id": "k2", "label": ""}],
                      "items": [{"id": "i1", "category": "k1", "text_html": "",
                                 "feedback_html": ""},
                                {"id": "i2", "category": "k2", "text_html": "",
                                 "feedback_html": ""}]}),
        "category": record(N_("Category"), [
            field("id", "id", N_("Id")),
            field("label", "text", N_("Label (what learners see)")),
        ], add=N_("Add category"), id_prefix="k", id_scope="siblings", summary="label"),
        "statement": record(N_("Statement"), [
            field("id", "id", N_("Id")),
            field("text_html", "html", N_("Text")),
            # The choices list every category of the block: pick one of this question's
            # (validation names a statement whose category the question does not have).
            field("category", "ref", N_("Right category"), ref=["category"], nullable=True,
                  help=N_("Choose one of this question's categories.")),
            field("feedback_html", "html", N_("Feedback (shown after submission)")),
        ], add=N_("Add statement"), id_prefix="i", id_scope="siblings", summary="text_html"),
        # A numeric question: the learner types a number in their language's format.
        "numeric": record(N_("Numeric question"), [
            field("id", "id", N_("Id")),
            field("points", "number", N_("Points"), nullable=True, min=0),
            field("competency", "competency", N_("Competency"), nullable=True),
            field("prompt_html", "html", N_("Prompt")),
            field("answer", "text", N_("Expected answer"), nullable=True,
                  help=N_("A number with a decimal point and no thousands separator, for "
                          "example 87.5 or 1500000. Learners may type it in their language's "
                          "format (87,5 or 1.500.000 in Indonesian).")),
            field("tolerance", "text", N_("Tolerance"), nullable=True,
                  help=N_("How far an answer may be from the expected one and still earn full "
                          "points, for example 0.5. Empty means the answer must be exact.")),
            field("unit", "text", N_("Unit (shown beside the field)"), nullable=True,
                  help=N_("For example %, Rp or hari.")),
            field("feedback_html", "html", N_("Working (shown after submission)")),
        ], add=N_("Add numeric question"), tag="numeric", id_prefix="q", id_scope="block",
            summary="prompt_html", template={"points": 1.0, "tolerance": "0"}),
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
            field("share", "select", N_("Sharing with other learners"),
                  options=options(("off", N_("Off")),
                                  ("optional", N_("Learners may share their answer "
                                                  "anonymously")))),
        ], add=N_("Add reflection"), tag="reflection", id_prefix="r", id_scope="block",
            summary="prompt_html", template={"points": 1.0, "share": "off"}),
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
