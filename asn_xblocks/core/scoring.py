"""Scoring arithmetic shared by the three blocks (PRODUCT.md "Grading")."""
from __future__ import annotations

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Iterable, Sequence

BEST = "best"
LAST = "last"
ATTEMPT_POLICIES = (BEST, LAST)


def round_half_up(value: float) -> int:
    """Round .5 away from zero, the way people grade (Python's round() is banker's)."""
    return int(Decimal(repr(value)).quantize(Decimal("1"), rounding=ROUND_HALF_UP))


def points_possible(weight: float | int | None, raw_maximum: float) -> int:
    """``weight`` when set, else the block's raw maximum (rounded: the gradebook wants whole points)."""
    if weight is not None and weight > 0:
        return round_half_up(weight)
    return round_half_up(raw_maximum)


def points_earned(fraction: float, possible: int) -> int:
    fraction = min(1.0, max(0.0, fraction))
    return round_half_up(fraction * possible)


@dataclass
class CompetencyTally:
    """Points earned ÷ possible on the items tagged with each competency."""

    earned: dict[str, float] = field(default_factory=dict)
    possible: dict[str, float] = field(default_factory=dict)

    def add(self, competency: str | None, earned: float, possible: float) -> None:
        if not competency or possible <= 0:
            return
        self.earned[competency] = self.earned.get(competency, 0.0) + earned
        self.possible[competency] = self.possible.get(competency, 0.0) + possible

    def results(self) -> dict[str, float]:
        """Competency id → fraction in [0, 1], in the order competencies were first met."""
        return {cid: (self.earned[cid] / self.possible[cid]) for cid in self.possible}

    def to_dict(self) -> dict[str, list[float]]:
        return {cid: [round(self.earned[cid], 4), round(self.possible[cid], 4)] for cid in self.possible}


@dataclass
class AttemptScore:
    """The raw outcome of one attempt, before weighting."""

    earned: float
    possible: float
    pending: bool = False  # staff-graded parts not graded yet (they count 0 meanwhile)
    competencies: CompetencyTally = field(default_factory=CompetencyTally)

    @property
    def fraction(self) -> float:
        if self.possible <= 0:
            return 0.0
        return min(1.0, max(0.0, self.earned / self.possible))


def pick_attempt(policy: str, fractions: Sequence[float]) -> int | None:
    """Index of the finished attempt that counts: the best (first of equals) or the last."""
    if not fractions:
        return None
    if policy == LAST:
        return len(fractions) - 1
    best = max(fractions)
    return list(fractions).index(best)


def mean(values: Iterable[float]) -> float | None:
    values = list(values)
    return sum(values) / len(values) if values else None
