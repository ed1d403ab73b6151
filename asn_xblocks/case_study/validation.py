"""What is wrong with a case study's content, in words an author understands.

Errors are things the engine cannot grade fairly (a single-choice question nobody can get
full marks on, a rubric whose criteria do not add up to the reflection's points, ids used
twice). Warnings are legal but probably unintended (completion credit for any text at all).
Studio blocks the save on errors and shows warnings.
"""
from __future__ import annotations

from ..core import competencies as catalogue
from ..core.cohort import cohort_min_problems
from ..core.formatting import plain_number
from ..core.i18n import N_
from ..core.problems import Problem, duplicate_ids, error, warning
from ..core.scoring import EPSILON
from .kinds_validation import classify_problems, numeric_problems, part_ids_problems
from .model import (
    CLASSIFY,
    GRADING_COMPLETION,
    GRADING_MODES,
    GRADING_NONE,
    GRADING_STAFF,
    KINDS,
    MULTIPLE,
    NUMERIC,
    SHARE_MODES,
    SINGLE,
    Content,
    Question,
    Reflection,
)

KNOWN_LANGS = ("id", "en")


def validate(content: Content) -> list[Problem]:
    """Every problem in ``content``, errors and warnings, in document order."""
    problems: list[Problem] = []
    problems += _root(content)
    problems += _ids(content)
    declared = content.declared
    for stage in content.stages:
        if not stage.id:
            problems.append(error("missing-id", N_("A stage has no id."), None))
        if not stage.title:
            problems.append(warning("stage-no-title", N_("Stage \"{id}\" has no title."),
                                    stage.id, id=stage.id))
        if not stage.items:
            problems.append(error("stage-empty", N_("Stage \"{id}\" has no questions or "
                                                    "reflections."), stage.id, id=stage.id))
        for item in stage.items:
            if isinstance(item, Question):
                problems += _question(item)
            else:
                problems += _reflection(item, content.reflection_grading)
            if item.competency and not catalogue.is_known(item.competency, declared):
                problems.append(error(
                    "unknown-competency",
                    N_("\"{id}\" uses the competency \"{competency}\", which is neither built "
                       "in nor declared with <competency id=\"{competency}\" label=\"...\"/>."),
                    item.id, id=item.id, competency=item.competency))
    return problems


def _root(content: Content) -> list[Problem]:
    problems = []
    if content.reflection_grading not in GRADING_MODES:
        problems.append(error("unknown-grading",
                              N_("reflection_grading must be \"staff\", \"completion\" or "
                                 "\"none\", not \"{value}\"."),
                              None, value=content.reflection_grading))
    if content.lang is not None and content.lang not in KNOWN_LANGS:
        problems.append(warning("unknown-lang", N_("lang should be \"id\" or \"en\", not "
                                                   "\"{value}\"."), None, value=content.lang))
    if not content.stages:
        problems.append(error("no-stages", N_("The case study has no stages.")))
    problems.extend(cohort_min_problems(content.cohort_min))
    for declared in content.competencies:
        if not declared.id or not declared.label:
            problems.append(error("competency-incomplete",
                                  N_("A declared competency needs both an id and a label."),
                                  declared.id or None))
    return problems


def _ids(content: Content) -> list[Problem]:
    """Ids are unique within the block, except option ids: unique within their question."""
    block_ids: list[tuple[str, str]] = []
    problems: list[Problem] = []
    for stage in content.stages:
        if stage.id:
            block_ids.append(("stage", stage.id))
        for item in stage.items:
            if not item.id:
                problems.append(error("missing-id", N_("A question or reflection in stage "
                                                       "\"{stage}\" has no id."),
                                      stage.id or None, stage=stage.id))
                continue
            block_ids.append(("item", item.id))
            if isinstance(item, Reflection):
                for criterion in item.rubric:
                    if criterion.id:
                        block_ids.append(("criterion", criterion.id))
                    else:
                        problems.append(error("missing-id", N_("A rubric criterion of \"{id}\" "
                                                               "has no id."), item.id, id=item.id))
    problems += duplicate_ids(block_ids)
    problems += duplicate_ids([("competency", c.id) for c in content.competencies if c.id])
    for question in content.questions():
        option_ids = []
        for option in question.options:
            if option.id:
                option_ids.append(("option", option.id))
            else:
                problems.append(error("missing-id", N_("An option of \"{id}\" has no id."),
                                      question.id or None, id=question.id))
        for problem in duplicate_ids(option_ids):
            problems.append(error("duplicate-option-id",
                                  N_("The option id \"{option}\" is used more than once in "
                                     "\"{id}\"."), question.id or None,
                                  option=problem.item_id, id=question.id))
        problems += part_ids_problems(question)
    return problems


def _question(question: Question) -> list[Problem]:
    qid = question.id
    problems = []
    if question.kind not in KINDS:
        problems.append(error("unknown-kind", N_("Question \"{id}\" has kind \"{kind}\"; use "
                                                 "\"single\", \"multiple\", \"classify\" or "
                                                 "\"numeric\"."),
                              qid, id=qid, kind=question.kind))
    if question.points is None or question.points <= 0:
        problems.append(error("points-not-positive", N_("\"{id}\" needs points greater than 0."),
                              qid, id=qid))
    if not question.prompt_html:
        problems.append(error("missing-prompt", N_("\"{id}\" has no prompt."), qid, id=qid))
    if question.kind == CLASSIFY:
        return problems + classify_problems(question)
    if question.kind == NUMERIC:
        return problems + numeric_problems(question)
    if question.categories or question.items:
        problems.append(warning("unused-parts",
                                N_("Question \"{id}\" is a {kind} question: its categories "
                                   "and statements are not used. Remove them or change the "
                                   "kind."), qid, id=qid, kind=question.kind))
    if len(question.options) < 2:
        problems.append(error("too-few-options", N_("Question \"{id}\" needs at least two "
                                                    "options."), qid, id=qid))
    for option in question.options:
        if not option.text_html:
            problems.append(error("missing-option-text", N_("Option \"{option}\" of \"{id}\" "
                                                            "has no text."),
                                  qid, id=qid, option=option.id))
    points = question.max_points
    if question.kind == SINGLE:
        for option in question.options:
            if option.score is not None and (option.score < 0 or option.score > points + EPSILON):
                problems.append(error(
                    "option-score-range",
                    N_("Option \"{option}\" of \"{id}\" scores {score}, outside 0 to {points}."),
                    qid, id=qid, option=option.id, score=plain_number(option.score),
                    points=plain_number(points)))
        if points > 0 and not any(abs(o.score_value - points) < EPSILON for o in question.options):
            problems.append(error("single-no-full-score",
                                  N_("No option of \"{id}\" scores the full {points} points."),
                                  qid, id=qid, points=plain_number(points)))
    elif question.kind == MULTIPLE:
        if not any(o.is_correct for o in question.options):
            problems.append(error("multiple-no-correct",
                                  N_("Question \"{id}\" has no option marked correct=\"true\"."),
                                  qid, id=qid))
    return problems


def _reflection(reflection: Reflection, grading: str) -> list[Problem]:
    rid = reflection.id
    problems = []
    if grading != GRADING_NONE and (reflection.points is None or reflection.points <= 0):
        problems.append(error("points-not-positive", N_("\"{id}\" needs points greater than 0."),
                              rid, id=rid))
    if not reflection.prompt_html:
        problems.append(error("missing-prompt", N_("\"{id}\" has no prompt."), rid, id=rid))
    if reflection.share not in SHARE_MODES:
        problems.append(error("share-invalid",
                              N_("\"{id}\": share must be \"off\" or \"optional\", not "
                                 "\"{value}\"."), rid, id=rid, value=reflection.share))
    if reflection.min_words < 0 or reflection.max_words < 1:
        problems.append(error("word-limits-invalid",
                              N_("\"{id}\": min_words must be 0 or more and max_words 1 or more."),
                              rid, id=rid))
    elif reflection.min_words > reflection.max_words:
        problems.append(error("min-over-max-words",
                              N_("\"{id}\": min_words ({min}) is greater than max_words ({max})."),
                              rid, id=rid, min=reflection.min_words, max=reflection.max_words))
    for criterion in reflection.rubric:
        if not criterion.label:
            problems.append(error("criterion-no-label", N_("Rubric criterion \"{criterion}\" of "
                                                           "\"{id}\" has no label."),
                                  rid, id=rid, criterion=criterion.id))
        if not criterion.levels:
            problems.append(error("criterion-no-levels", N_("Rubric criterion \"{criterion}\" of "
                                                            "\"{id}\" has no levels."),
                                  rid, id=rid, criterion=criterion.id))
        for level in criterion.levels:
            if level.points is None or level.points < 0:
                problems.append(error("level-points", N_("A level of rubric criterion "
                                                         "\"{criterion}\" needs points of 0 or "
                                                         "more."),
                                      rid, id=rid, criterion=criterion.id))
    if grading == GRADING_STAFF:
        if reflection.rubric:
            total = sum(c.max_points for c in reflection.rubric)
            if abs(total - reflection.max_points) > EPSILON:
                problems.append(error(
                    "rubric-sum",
                    N_("The rubric criteria of \"{id}\" add up to {total} points, but the "
                       "reflection is worth {points}."),
                    rid, id=rid, total=plain_number(total), points=plain_number(reflection.max_points)))
        else:
            problems.append(warning("rubric-missing",
                                    N_("\"{id}\" is graded by staff but has no rubric; staff "
                                       "will give one overall mark."), rid, id=rid))
    if grading == GRADING_COMPLETION and reflection.min_words == 0:
        problems.append(warning("completion-any-text",
                                N_("\"{id}\" earns full points for any text: set min_words so "
                                   "completion means a real answer."), rid, id=rid))
    return problems


def validate_settings(content: Content, max_attempts: int | None,
                      weight: float | None) -> list[Problem]:
    """Warnings about the shell's settings combined with this content:
    staff grading with max_attempts other than 1, and a fractional weight."""
    problems = settings_problems(content, max_attempts, weight)
    if weight is not None and weight != int(weight):
        problems.append(warning("weight-fraction",
                                N_("The weight {weight} is not a whole number; the gradebook "
                                   "rounds it."), None, weight=weight))
    return problems


def settings_problems(content: Content, max_attempts: int | None,
                      weight: float | None) -> list[Problem]:
    """Only the case-study-specific settings warning (staff grading with several attempts);
    the shell warns about a fractional weight itself, for every block."""
    problems = []
    has_staff_reflections = (content.reflection_grading == GRADING_STAFF
                             and bool(content.reflections()))
    if has_staff_reflections and max_attempts is not None and max_attempts != 1:
        if max_attempts == 0:
            message = N_("Reflections are graded by staff, but learners may make unlimited "
                         "attempts; only the latest finished attempt is graded. Set "
                         "max_attempts to 1.")
        else:
            message = N_("Reflections are graded by staff, but learners may make {attempts} "
                         "attempts; only the latest finished attempt is graded. Set "
                         "max_attempts to 1.")
        problems.append(warning("staff-grading-attempts", message, None, attempts=max_attempts))
    return problems


