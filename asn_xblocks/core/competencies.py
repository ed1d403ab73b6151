"""Competencies: the built-in catalogue (the managerial competencies and the ASN core
values BerAKHLAK) and the one rule for a learner's competency results and a cohort's.

Labels are English source strings marked for translation; blocks may declare more with
``<competency id="..." label="..."/>`` and those labels are the author's own text.

**The rule** (README "Instructor review, analytics and Studio"): a learner's result on a
competency is the points earned ÷ possible on the items tagged with it; an item awaiting a
staff grade is left out (neither its earned nor its possible points count) and the result
is marked "awaiting grading" — ``competency_tally``. Every output builds its figures from
that tally: the learner views, the staff drill-down, the CSV, the LMS report, the analytics
facts. A cohort's figure on a competency is the **mean of its learners' results** (each
learner counts once; a learner with nothing counted yet on it is left out) —
``cohort_mean``, which the analytics' SQL totals compute as Σ results ÷ learners.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from .formatting import format_number, format_percent, round_to
from .i18n import N_
from .scoring import CompetencyTally

AWAITING_GRADING = N_("awaiting grading")
RESULT_SO_FAR = N_("{percent} so far, awaiting grading")

MANAGERIAL = {
    "integritas": N_("Integrity"),
    "kerja_sama": N_("Cooperation"),
    "komunikasi": N_("Communication"),
    "orientasi_hasil": N_("Results orientation"),
    "pelayanan_publik": N_("Public service"),
    "pengembangan_diri": N_("Developing self and others"),
    "mengelola_perubahan": N_("Managing change"),
    "pengambilan_keputusan": N_("Decision making"),
    "perekat_bangsa": N_("National unity"),
}

BERAKHLAK = {
    "berorientasi_pelayanan": N_("Service oriented"),
    "akuntabel": N_("Accountable"),
    "kompeten": N_("Competent"),
    "harmonis": N_("Harmonious"),
    "loyal": N_("Loyal"),
    "adaptif": N_("Adaptive"),
    "kolaboratif": N_("Collaborative"),
}

BUILT_IN: dict[str, str] = {**MANAGERIAL, **BERAKHLAK}


def is_known(competency_id: str, declared: dict[str, str]) -> bool:
    return competency_id in BUILT_IN or competency_id in declared


def label(competency_id: str, declared: dict[str, str], gettext=None) -> str:
    """Declared labels win (the author's words); built-ins are translated; else the id."""
    if competency_id in declared:
        return declared[competency_id]
    if competency_id in BUILT_IN:
        return gettext(BUILT_IN[competency_id]) if gettext else BUILT_IN[competency_id]
    return competency_id


# --- the rule ------------------------------------------------------------------------------

def competency_tally(items: Iterable[tuple[str | None, float | None, float | None]]) -> CompetencyTally:
    """A learner's competency tally from ``(competency, earned, possible)`` per item, with
    ``earned`` None for an item awaiting a staff grade: left out, counted as pending."""
    tally = CompetencyTally()
    for competency, earned, possible in items:
        tally.add(competency, earned, possible)
    return tally


def as_tally(value: Any) -> CompetencyTally:
    """A tally, or its stored form (``CompetencyTally.to_dict``) read back."""
    return value if isinstance(value, CompetencyTally) else CompetencyTally.from_dict(value)


@dataclass(frozen=True)
class Result:
    """One learner's result on one competency."""

    id: str
    earned: float
    possible: float
    pending: int = 0  # items of it awaiting a staff grade (not counted)

    @property
    def fraction(self) -> float | None:
        """Earned ÷ possible in [0, 1]; None while nothing of it is counted yet."""
        if self.possible <= 0:
            return None
        return max(0.0, min(1.0, self.earned / self.possible))

    @property
    def percent(self) -> float | None:
        """The percentage every output shows (one decimal)."""
        fraction = self.fraction
        return None if fraction is None else round_to(fraction * 100, 1)


def results(value: Any) -> list[Result]:
    """A learner's results (a tally or its stored form), in the order first met."""
    tally = as_tally(value)
    return [Result(cid, tally.earned.get(cid, 0.0), tally.possible[cid], tally.pending.get(cid, 0))
            for cid in tally.possible]


def cohort_mean(fractions: Iterable[float | None]) -> tuple[float | None, int]:
    """A cohort's figure on one competency: the mean of its learners' results (fractions),
    and how many learners it is over; learners without a result (None) are left out."""
    known = [f for f in fractions if f is not None]
    return (sum(known) / len(known) if known else None), len(known)


# --- the same numbers as text ----------------------------------------------------------------

def percent_text(result: Result, locale: str | None) -> str:
    fraction = result.fraction
    return "—" if fraction is None else format_percent(fraction, locale)


def result_text(result: Result, locale: str | None, gettext: Callable[[str], str]) -> str:
    """"66.7%", "66.7% so far, awaiting grading", or "awaiting grading"."""
    if result.fraction is None:
        return gettext(AWAITING_GRADING)
    text = format_percent(result.fraction, locale)
    if result.pending:
        return gettext(RESULT_SO_FAR).format(percent=text)
    return text


def points_text(result: Result, locale: str | None) -> str:
    if result.possible <= 0:
        return "—"
    return f"{format_number(result.earned, locale, 2)} / {format_number(result.possible, locale, 2)}"


def result_rows(value: Any, declared: dict[str, str], gettext: Callable[[str], str],
                locale: str | None, shown: bool = True) -> list[dict[str, Any]]:
    """The rows of a competency table (learner views, staff drill-down): numbers and the
    same numbers as text in the active language; without ``shown`` (correctness hidden)
    only the competencies and their possible points."""
    rows = []
    for result in results(value):
        rows.append({
            "id": result.id, "label": label(result.id, declared, gettext),
            "possible": result.possible, "pending": result.pending,
            "awaiting": bool(result.pending),
            "earned": result.earned if shown else None,
            "percent": result.percent if shown else None,
            "percent_text": percent_text(result, locale) if shown else None,
            "points_text": points_text(result, locale) if shown else None,
            "result_text": result_text(result, locale, gettext) if shown else None,
        })
    return rows


AWAITING_FACT = "awaiting"  # the ``value`` of a competency fact with items awaiting grading


def fact_rows(value: Any) -> list[dict[str, Any]]:
    """One learner's competency facts for the cohort analytics, one per competency: the
    tally's counted points (none while nothing is counted yet, so the learner is left out of
    the cohort's mean) and ``value`` "awaiting" while items of it await a staff grade."""
    return [{"kind": "competency", "item_id": result.id,
             "value": AWAITING_FACT if result.pending else "",
             "earned": round(result.earned, 4) if result.possible > 0 else None,
             "possible": round(result.possible, 4) if result.possible > 0 else None}
            for result in results(value)]
