"""The attempt state of a case study: what it holds, and whether it still fits the content.

An *attempt* is a JSON-able dict the shell stores without looking inside (except
``"finished"``)::

    {
      "v": 1,
      "seed": 123,                      # per-learner seed (staff can reproduce the order)
      "order": {"q1": ["b", "a"]},     # option order per question, only with shuffle="true"
      "current": 1,                     # index of the stage the learner works on
      "submitted": ["s1"],             # ids of the submitted stages, in order
      "answers": {"s1": {"q1": "a", "q2": ["a", "c"], "q3": {"i1": "hasil"}, "q4": 87.5,
                         "r1": "text as typed"}},
      "drafts": {"r2": "unsent text"},  # reflections of the current stage only
      "choice_drafts": {"q3": "b", "q4": ["a"]},  # unsent answers of the current stage
      "finished": false
    }

A classification answer maps each item id to a category id; a numeric answer is the number
the server read from what the learner typed. Scores are never stored in the attempt: they
are computed from the content and the answers (and the staff grades), so a rescore after an
author's fix is just a recomputation, and nothing a browser could read ahead of time exists
in the state.
"""
from __future__ import annotations

import math
from collections.abc import Iterator
from typing import Any

from ..core.shuffle import seed_for, seeded_order
from .model import CLASSIFY, MULTIPLE, NUMERIC, Content, Item, Question, Reflection, Stage

ATTEMPT_FORMAT = 1


def new_attempt(content: Content, seed: int) -> dict[str, Any]:
    """A fresh attempt; with ``shuffle`` the option order is fixed now from the seed."""
    order: dict[str, list[str]] = {}
    if content.shuffle:
        for question in content.questions():
            if question.options:
                order[question.id] = seeded_order([o.id for o in question.options],
                                                  seed_for(seed, question.id))
    return {"v": ATTEMPT_FORMAT, "seed": seed, "order": order, "current": 0, "submitted": [],
            "answers": {}, "drafts": {}, "finished": False}


def current_index(attempt: dict[str, Any]) -> int:
    """The index of the stage the learner works on; -1 when the state is unreadable."""
    value = attempt.get("current", 0)
    return value if isinstance(value, int) and not isinstance(value, bool) else -1


def all_answers(attempt: dict[str, Any]) -> dict[str, Any]:
    value = attempt.get("answers")
    return value if isinstance(value, dict) else {}


def stage_answers(attempt: dict[str, Any], stage: Stage) -> dict[str, Any] | None:
    """The submitted answers of ``stage``, or None when it was not submitted."""
    value = all_answers(attempt).get(stage.id)
    return value if isinstance(value, dict) else None


def submitted_items(content: Content,
                    attempt: dict[str, Any]) -> Iterator[tuple[Stage, Item, Any]]:
    """(stage, item, answer) of every answered item of the submitted stages, in order."""
    for stage in content.stages:
        given = stage_answers(attempt, stage)
        if given is None:
            continue
        for item in stage.items:
            if item.id in given:
                yield stage, item, given[item.id]


def option_order(content: Content, attempt: dict[str, Any], question: Question) -> list[str]:
    """Option ids in the order this learner sees them (stable across reloads)."""
    ids = [o.id for o in question.options]
    if not content.shuffle:
        return ids
    stored = attempt.get("order", {}).get(question.id) if isinstance(attempt.get("order"),
                                                                      dict) else None
    if isinstance(stored, list) and sorted(map(str, stored)) == sorted(ids):
        return list(stored)
    return seeded_order(ids, seed_for(attempt.get("seed", 0), question.id))


def is_number(value: Any) -> bool:
    """A finite JSON number (not a boolean)."""
    return (isinstance(value, (int, float)) and not isinstance(value, bool)
            and math.isfinite(value))


def stored_answer_fits(question: Question, answer: Any) -> bool:
    """``answer`` has the shape this question's answers are stored in, naming only ids the
    question has (a rescore can read it)."""
    if question.kind == CLASSIFY:
        items = {i.id for i in question.items}
        categories = {c.id for c in question.categories}
        return (isinstance(answer, dict) and set(answer) == items
                and all(isinstance(v, str) and v in categories for v in answer.values()))
    if question.kind == NUMERIC:
        return is_number(answer)
    known = {o.id for o in question.options}
    if question.kind == MULTIPLE:
        return isinstance(answer, list) and all(a in known for a in answer)
    return isinstance(answer, str) and answer in known


def _submitted_fit(stages: list[Stage], attempt: dict[str, Any]) -> bool:
    """The answers recorded for these stages name exactly their items, in their shapes."""
    for stage in stages:
        given = stage_answers(attempt, stage)
        if given is None or set(given) != {item.id for item in stage.items}:
            return False
        for item in stage.items:
            if isinstance(item, Question) and not stored_answer_fits(item, given[item.id]):
                return False
            if isinstance(item, Reflection) and not isinstance(given[item.id], str):
                return False
    return True


def fits(content: Content, attempt: dict[str, Any]) -> bool:
    """A finished attempt can be scored again on this content: every stage it submitted is
    there, in order, with the same items (a rescore after the author fixed a key)."""
    stage_ids = [s.id for s in content.stages]
    submitted = list(attempt.get("submitted", []))
    return submitted == stage_ids and _submitted_fit(content.stages, attempt)


def drift(content: Content, attempt: dict[str, Any]) -> bool:
    """True when an unfinished attempt no longer fits the content (ids removed, renamed,
    stages reordered), so the learner must be told and given a fresh start."""
    if attempt.get("finished"):
        return False
    current = current_index(attempt)
    stage_ids = [s.id for s in content.stages]
    if current < 0 or current >= len(stage_ids):
        return True
    if stage_ids[:current] != list(attempt.get("submitted", [])):
        return True
    if not _submitted_fit(content.stages[:current], attempt):
        return True
    current_stage = content.stages[current]
    drafts = attempt.get("drafts", {})
    if not isinstance(drafts, dict):
        return True
    reflection_ids = {r.id for r in current_stage.reflections}
    if any(key not in reflection_ids for key in drafts):
        return True
    order = attempt.get("order", {})
    if content.shuffle and isinstance(order, dict):
        for stage in content.stages[:current + 1]:
            for question in stage.questions:
                stored = order.get(question.id)
                if stored is None:
                    continue
                if not isinstance(stored, list) or sorted(map(str, stored)) != sorted(
                        o.id for o in question.options):
                    return True
    return False
