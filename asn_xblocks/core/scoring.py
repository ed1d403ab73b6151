"""Scoring arithmetic shared by the three blocks: points from raw scores and the weight,
the attempt that counts (best or last), rounding half up, competency tallies."""
from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

# Points are floats summed from authors' decimals: two amounts closer than this are equal
# (a full score, a rubric level, a score bucket's edge).
EPSILON = 1e-9


def same_points(a: float, b: float) -> bool:
    return abs(a - b) < EPSILON


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


def points_earned(fraction: float, possible: int) -> float:
    """The fraction in the gradebook's points, as the LMS weights a raw score: exact (not
    rounded to whole points), clamped to [0, possible]."""
    fraction = min(1.0, max(0.0, fraction))
    return round(fraction * possible, 4)


@dataclass
class CompetencyTally:
    """Points earned ÷ possible on the items tagged with each competency: a learner's
    competency results, kept by ``core.competencies.competency_tally`` (the one rule every
    output follows).

    An item awaiting a staff grade (``earned`` None) is left out: neither its earned nor
    its possible points count for its competency; it is counted in ``pending`` instead, so
    every output can mark the result "awaiting grading". A competency whose only items are
    pending has 0 possible points and no result yet.

    Stored (``to_dict``) as ``{id: [earned, possible]}``, or ``[earned, possible, pending]``
    while items of it await grading; ``from_dict`` reads both (and nothing else)."""

    earned: dict[str, float] = field(default_factory=dict)
    possible: dict[str, float] = field(default_factory=dict)
    pending: dict[str, int] = field(default_factory=dict)

    def add(self, competency: str | None, earned: float | None, possible: float | None) -> None:
        if not competency:
            return
        if earned is None:  # awaiting a staff grade: marked, not counted
            if possible is not None and possible > 0:
                self.earned.setdefault(competency, 0.0)
                self.possible.setdefault(competency, 0.0)
                self.pending[competency] = self.pending.get(competency, 0) + 1
            return
        if possible is None or possible <= 0:
            return
        self.earned[competency] = self.earned.get(competency, 0.0) + earned
        self.possible[competency] = self.possible.get(competency, 0.0) + possible

    def results(self) -> dict[str, float]:
        """Competency id → fraction in [0, 1], in the order competencies were first met;
        a competency with nothing counted yet (only pending items) has no result."""
        return {cid: (self.earned[cid] / self.possible[cid])
                for cid in self.possible if self.possible[cid] > 0}

    def to_dict(self) -> dict[str, list[float]]:
        out: dict[str, list[float]] = {}
        for cid in self.possible:
            pair = [round(self.earned[cid], 4), round(self.possible[cid], 4)]
            if self.pending.get(cid):
                pair.append(self.pending[cid])
            out[cid] = pair
        return out

    @classmethod
    def from_dict(cls, value: Any) -> CompetencyTally:
        """The stored form back (``to_dict``); malformed entries are skipped."""
        tally = cls()
        for cid, pair in (value.items() if isinstance(value, dict) else ()):
            if not isinstance(cid, str) or not cid or not isinstance(pair, (list, tuple)):
                continue
            if len(pair) not in (2, 3) or not all(_is_number(x) for x in pair):
                continue
            earned, possible = float(pair[0]), float(pair[1])
            pending = int(pair[2]) if len(pair) == 3 and pair[2] > 0 else 0
            if possible > 0:
                tally.add(cid, earned, possible)
            for _ in range(pending):
                tally.add(cid, None, 1.0)
        return tally


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


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
