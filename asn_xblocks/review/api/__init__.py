"""The review app's API: every query and write of its tables, as functions.

The shell never touches the models; it calls these modules (imported when first used:
the models cannot be imported before Django's apps are ready, and some runtimes load
block classes earlier):

* ``rows`` — learners' review rows and finished attempts, written in the learner's own
  request; content revisions finished attempts were taken on.
* ``grades`` — staff writes: reflection grades and score overrides, each under an
  optimistic version, so a second grader is told, never silently overwritten.
* ``queries`` — the staff panel's reads: paging, sorting and filtering in SQL, the grading
  queue, the CSV's server-side walk over the rows.
* ``facts`` — the analytics' facts and their running totals.
* ``cohort`` — how the learner's cohort chose, from those totals (the learner's request);
  ``cohort_paths`` — the simulation's choices and most common paths, in one statement.
* ``sharing`` — shared reflection answers: consent, withdrawal, peers' answers, "Helpful".
* ``moderation`` — staff's side of shared answers: list, hide, feature.
* ``course`` — training needs of a whole course, from every block's totals.
"""
from __future__ import annotations

import importlib
from types import ModuleType

_MODULES = frozenset({"rows", "grades", "queries", "facts", "cohort", "cohort_paths", "sharing",
                      "moderation", "course"})


def __getattr__(name: str) -> ModuleType:
    """``api.rows`` and the others, imported on first use: the shell's modules import this
    package at their top, which block classes load before Django's apps are ready in some
    runtimes, while the modules below import the review app's models."""
    if name in _MODULES:
        return importlib.import_module(f"{__name__}.{name}")
    raise AttributeError(name)
