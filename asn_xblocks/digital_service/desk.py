"""One desk's tasks looked up once per call: requests and records share one queue.

A desk may hold requests (service-desk cases), records (letters to file) or both; their ids
share one namespace (validation checks it), so an attempt's queue is a plain list of ids and
each id says which kind of task it is through this index. Desks can hold thousands of tasks
and a scheme of a thousand codes, so the lookups are built once per content model.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from . import filing, grader
from .archive import Record, Retention
from .model import Content, Request

KIND_REQUEST = "request"
KIND_RECORD = "record"
GRADED_KEPT = 256  # results kept per desk: about half a megabyte at most


@dataclass
class Desk:
    content: Content
    requests: dict[str, Request] = field(default_factory=dict)
    records: dict[str, Record] = field(default_factory=dict)
    scheme: dict[str, str] = field(default_factory=dict)
    schedule: dict[str, Retention] = field(default_factory=dict)
    # parts of each task's learner view made once per locale (views._kept)
    views: dict[tuple[str, str], dict[str, Any]] = field(default_factory=dict, repr=False)
    # the desk's references for filing by the translations they show (views.archive_view)
    references: dict[tuple[str, ...], dict[str, Any]] = field(default_factory=dict, repr=False)
    reference_texts: tuple[str, ...] | None = field(default=None, repr=False)
    # results by (task id, form as JSON) (grade)
    graded: dict[tuple[str, str], dict[str, Any]] = field(default_factory=dict, repr=False)
    # results as shown, by form, reveal and locale, with the translations they used
    # (views._shown_result)
    shown: dict[tuple, tuple] = field(default_factory=dict, repr=False)

    def kind(self, task_id: str) -> str | None:
        if task_id in self.requests:
            return KIND_REQUEST
        if task_id in self.records:
            return KIND_RECORD
        return None

    def ids(self) -> list[str]:
        return list(self.requests) + [rid for rid in self.records if rid not in self.requests]

    def grade(self, task_id: str, form: dict[str, Any]) -> dict[str, Any] | None:
        """The task's result for ``form`` against the current content, or None when the
        desk no longer holds the task. Kept per task and form (up to ``GRADED_KEPT``): every
        learner call and render shows each submitted task's result regraded from its form,
        and the same forms come back call after call. A result is only read, never changed,
        by whoever receives it."""
        key = form_key(task_id, form)
        # one lookup (get, not "in" then []): another thread may clear the dict in between
        found = self.graded.get(key) if key is not None else None
        if found is not None:
            return found
        request = self.requests.get(task_id)
        record = self.records.get(task_id) if request is None else None
        if request is not None:
            result = grader.grade(self.content, request, form)
        elif record is not None:
            result = filing.grade(record, form, self.scheme, self.schedule)
        else:
            return None
        if key is not None:
            keep(self.graded, key, result)
        return result


def form_key(task_id: str, form: Any) -> tuple[str, str] | None:
    """(task id, the form as canonical JSON), or None for a form that is not JSON (a
    caller's bug: graded, not kept)."""
    try:
        return task_id, json.dumps(form, sort_keys=True)
    except (TypeError, ValueError):
        return None


def keep(kept: dict, key: Any, value: Any, bound: int | None = None) -> None:
    """Keep ``value`` under ``key`` in one of the desk's dicts, up to ``bound`` entries
    (``GRADED_KEPT`` for the per-form ones): a bound, not an LRU (cleared when full), as
    what is live refills it."""
    if len(kept) >= (GRADED_KEPT if bound is None else bound):
        kept.clear()
    kept[key] = value


def build(content: Content) -> Desk:
    """The desk of ``content``, built once per content model and kept on it: the shell
    shares one model per content revision (shell/content.py) and nothing changes a model
    after parsing, so every learner call on a revision reuses its index and kept views."""
    desk = content.__dict__.get("_desk")
    if desk is None or desk.content is not content:
        desk = Desk(content=content, scheme=content.scheme(), schedule=content.schedule())
        for request in content.requests:
            desk.requests.setdefault(request.id, request)
        for record in content.records:
            desk.records.setdefault(record.id, record)
        content.__dict__["_desk"] = desk
    return desk


def recorded(result: dict[str, Any]) -> dict[str, Any]:
    """What a submitted task's entry keeps of its graded result: its points, and its points
    per competency. While the desk holds the task every reader regrades it from its form
    (``current_result``); the kept points count only for a task the author has since
    removed (its score, report and analytics). The whole result — each check with its
    texts, 2 KB and more per task — was read, copied and written with the learner's state
    on every call (``make bench``)."""
    per: dict[str, list[float]] = {}
    for item in result.get("items", []):
        competency, earned, possible = item.get("competency"), item.get("earned"), item.get("possible")
        if competency and earned is not None and possible:
            pair = per.setdefault(competency, [0.0, 0.0])
            pair[0] += earned
            pair[1] += possible
    return {"earned": result.get("earned", 0), "possible": result.get("possible", 0),
            "items": [{"competency": competency, "earned": earned, "possible": possible}
                      for competency, (earned, possible) in per.items()]}


def current_result(desk: Desk, attempt: dict[str, Any], task_id: str) -> dict[str, Any] | None:
    """A submitted task regraded from its stored form against the current content (so a
    rescore picks up an author's fix); a task the author removed keeps its recorded result."""
    entry = attempt.get("submitted", {}).get(task_id)
    if entry is None:
        return None
    graded = desk.grade(task_id, entry.get("form") or {})
    return graded if graded is not None else entry.get("result")
