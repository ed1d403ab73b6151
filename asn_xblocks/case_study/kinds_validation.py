"""What is wrong with a classification or a numeric question, in words an author understands.

A classification question needs 2 to 8 categories, each with a label and used by at least
one statement (a category nobody belongs in teaches nothing and is usually a typo), and 2 to
20 statements, each with a text and one of the question's categories. A numeric question
needs an answer that is a number written as OLX writes numbers (a decimal point, no
thousands separator: ``87.5``, ``1500000``) and a tolerance, when given, of the same form and
not negative. Both are errors, since the engine could not grade fairly; parts of another
kind (options on a numeric question) are a warning.
"""
from __future__ import annotations

from ..core.i18n import N_
from ..core.problems import Problem, duplicate_ids, error, warning
from .model import Question, plain_number

MIN_CATEGORIES, MAX_CATEGORIES = 2, 8
MIN_STATEMENTS, MAX_STATEMENTS = 2, 20


def part_ids_problems(question: Question) -> list[Problem]:
    """Category and statement ids: present, and unique within their question."""
    qid = question.id
    problems: list[Problem] = []
    for parts, code, missing, twice in (
            (question.categories, "duplicate-category-id",
             N_("A category of \"{id}\" has no id."),
             N_("The category id \"{part}\" is used more than once in \"{id}\".")),
            (question.items, "duplicate-statement-id",
             N_("A statement of \"{id}\" has no id."),
             N_("The statement id \"{part}\" is used more than once in \"{id}\"."))):
        ids = []
        for part in parts:
            if part.id:
                ids.append(("part", part.id))
            else:
                problems.append(error("missing-id", missing, qid or None, id=qid))
        for problem in duplicate_ids(ids):
            problems.append(error(code, twice, qid or None, part=problem.item_id, id=qid))
    return problems


def _other_parts(question: Question) -> list[Problem]:
    if not question.options:
        return []
    return [warning("unused-options",
                    N_("Question \"{id}\" is a {kind} question: its options are not used. "
                       "Remove them or change the kind."),
                    question.id, id=question.id, kind=question.kind)]


def classify_problems(question: Question) -> list[Problem]:
    qid = question.id
    problems = _other_parts(question)
    count = len(question.categories)
    if not MIN_CATEGORIES <= count <= MAX_CATEGORIES:
        problems.append(error("category-count",
                              N_("Question \"{id}\" has {count} categories; a classification "
                                 "question needs {min} to {max}."),
                              qid, id=qid, count=count, min=MIN_CATEGORIES, max=MAX_CATEGORIES))
    count = len(question.items)
    if not MIN_STATEMENTS <= count <= MAX_STATEMENTS:
        problems.append(error("statement-count",
                              N_("Question \"{id}\" has {count} statements; a classification "
                                 "question needs {min} to {max}."),
                              qid, id=qid, count=count, min=MIN_STATEMENTS, max=MAX_STATEMENTS))
    known = {c.id for c in question.categories if c.id}
    for category in question.categories:
        if not category.label:
            problems.append(error("category-no-label",
                                  N_("Category \"{category}\" of \"{id}\" has no label."),
                                  qid, id=qid, category=category.id))
    for item in question.items:
        if not item.text_html:
            problems.append(error("statement-no-text",
                                  N_("Statement \"{item}\" of \"{id}\" has no text."),
                                  qid, id=qid, item=item.id))
        if not item.category:
            problems.append(error("statement-no-category",
                                  N_("Statement \"{item}\" of \"{id}\" has no category: set "
                                     "category=\"...\" to the id of the category it belongs "
                                     "in."), qid, id=qid, item=item.id))
        elif item.category not in known:
            problems.append(error("statement-unknown-category",
                                  N_("Statement \"{item}\" of \"{id}\" belongs in "
                                     "\"{category}\", which is not a category of this "
                                     "question."), qid, id=qid, item=item.id,
                                  category=item.category))
    used = {item.category for item in question.items}
    for category in question.categories:
        if category.id and category.id not in used:
            problems.append(error("category-unused",
                                  N_("No statement of \"{id}\" belongs in category "
                                     "\"{category}\": every category needs at least one."),
                                  qid, id=qid, category=category.id))
    return problems


def numeric_problems(question: Question) -> list[Problem]:
    qid = question.id
    problems = _other_parts(question)
    if question.categories or question.items:
        problems.append(warning("unused-parts",
                                N_("Question \"{id}\" is a {kind} question: its categories "
                                   "and statements are not used. Remove them or change the "
                                   "kind."), qid, id=qid, kind=question.kind))
    if question.answer is None or question.answer == "":
        problems.append(error("numeric-no-answer",
                              N_("Numeric question \"{id}\" has no answer: set answer=\"...\" "
                                 "to the expected number."), qid, id=qid))
    elif plain_number(question.answer) is None:
        problems.append(error("numeric-answer-not-number",
                              N_("The answer \"{value}\" of \"{id}\" is not a number. Write it "
                                 "with a decimal point and no thousands separator, for "
                                 "example 87.5 or 1500000."), qid, id=qid,
                              value=question.answer))
    if question.tolerance is not None and question.tolerance != "":
        tolerance = plain_number(question.tolerance)
        if tolerance is None:
            problems.append(error("tolerance-not-number",
                                  N_("The tolerance \"{value}\" of \"{id}\" is not a number. "
                                     "Write it with a decimal point, for example 0.5."),
                                  qid, id=qid, value=question.tolerance))
        elif tolerance < 0:
            problems.append(error("negative-tolerance",
                                  N_("The tolerance of \"{id}\" is {value}; it must be 0 or "
                                     "more."), qid, id=qid, value=question.tolerance))
    return problems
