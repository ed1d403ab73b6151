"""``cohort_min``: how many OTHER learners must have answered before a block shows how its
cohort chose (the case study's options, the simulation's decisions). One bound, one fallback
and one validation message for every block that offers it; each block reads the attribute
from its OLX and form itself.
"""
from __future__ import annotations

from typing import Any

from .i18n import N_
from .problems import Problem, error

DEFAULT_COHORT_MIN = 5
MAX_COHORT_MIN = 1000


def valid_cohort_min(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and 1 <= value <= MAX_COHORT_MIN


def cohort_min_value(value: Any) -> int:
    """The minimum the learner view applies: the author's when valid, else the default
    (invalid content cannot be saved in Studio, but imported OLX is not blocked)."""
    return value if valid_cohort_min(value) else DEFAULT_COHORT_MIN


def cohort_min_problems(value: Any) -> list[Problem]:
    if valid_cohort_min(value):
        return []
    return [error("cohort-min-invalid",
                  N_("cohort_min must be a whole number from 1 to {max}, not \"{value}\"."),
                  None, max=MAX_COHORT_MIN, value=value)]
