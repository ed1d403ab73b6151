"""Training needs of a whole course: every block's analytics totals read together.

Reads only ``AnalyticsTally`` (the running totals the learners' own requests keep in
step with their facts, see ``facts.py``), through its (course_key, kind) index, with one
GROUP BY per question asked: the work follows the course's content and cohorts, never the
number of learners. Each function below is one SQL statement.

The one rule of the per-block training needs holds across blocks: a competency's average
is the mean of learners' results, Σ ratio_sum ÷ Σ ratio_n of the "competency" totals (a
learner's result on a block being the points earned ÷ possible on that block's items
tagged with it, items awaiting a staff grade left out). Summed over blocks, a learner who
has a result in two blocks is two results: the totals do not say who is who, and reading
per learner would cost per learner. The number shown is therefore "learner results"
(a learner counts once per exercise), and the views say so.
"""
from __future__ import annotations

from typing import Any

AWAITING = "awaiting"  # core.competencies.AWAITING_FACT: a competency fact with items awaiting a grade


def _tallies(course_key: str, cohort: str | None):
    from ..models import AnalyticsTally

    query = AnalyticsTally.objects.filter(course_key=course_key)
    if cohort is not None:
        query = query.filter(cohort=cohort)
    return query


def scores(course_key: str) -> list[dict[str, Any]]:
    """Per block, cohort and "final" | "pending": learners with a finished attempt (every
    such learner has exactly one score fact). Every cohort of the course, whatever scope
    is asked: the cohort list and the check of a cohort filter come from here."""
    from django.db.models import Sum

    query = (_tallies(course_key, None).filter(kind="score").values("usage_key", "cohort", "value")
             .order_by().annotate(learners=Sum("n")).filter(learners__gt=0))
    return [dict(row) for row in query]


def competencies(course_key: str, cohort: str | None = None) -> list[dict[str, Any]]:
    """Per block, cohort, competency and value ("" or "awaiting"): learners (facts),
    learners with a counted result (``ratio_n``) and the sum of their results."""
    from django.db.models import Sum

    query = (_tallies(course_key, cohort).filter(kind="competency")
             .values("usage_key", "cohort", "item_id", "value").order_by()
             .annotate(learners=Sum("n"), results=Sum("ratio_n"), ratio_sum=Sum("ratio_sum"))
             .filter(learners__gt=0))
    return [dict(row) for row in query]


def items(course_key: str, kinds: tuple[str, ...], cohort: str | None = None) -> list[dict[str, Any]]:
    """Per block, competency and scored item (``kinds``: the kinds whose facts carry
    points): answers with known points and the sum of their ratios. The items behind
    each competency, and the evidence of the weak ones."""
    from django.db.models import Sum

    query = (_tallies(course_key, cohort).filter(kind__in=list(kinds)).exclude(competency="")
             .values("usage_key", "competency", "kind", "item_id").order_by()
             .annotate(answers=Sum("ratio_n"), ratio_sum=Sum("ratio_sum"))
             .filter(answers__gt=0))
    return [dict(row) for row in query]
