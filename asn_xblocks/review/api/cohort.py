"""How the learner's cohort chose: shares of the analytics' running totals, the learner's
own facts taken out, read in the learner's own request with ONE SQL statement.

Stable signatures (other blocks call them)::

    option_shares(usage_key: str, cohort: str | None, learner_id: str,
                  kinds: tuple[str, ...] = ("option",),
                  denominator_kind: str | None = "question",
                  items: Iterable[str] | None = None)
        -> {item_id: {"answered": int, "values": {value: int}}}

    percents(counts, minimum: int) -> {item_id: {value: int percent}}
    shares(usage_key, cohort, learner_id, items, minimum, kinds=..., denominator_kind=...)
        -> percents(option_shares(...), minimum)

    own_cohort_shares(usage_key, learner_id, items, minimum, kinds=..., denominator_kind=...)
        -> (shares in the cohort the learner's review row names, whether it names one)

``cohort``: the learner's cohort (their review row's ``cohort``); "" or None reads every
learner of the block (a learner without a cohort is compared with the whole course's
learners of this block). ``answered`` counts OTHER learners: the sum of the
``denominator_kind`` totals of the item (one such fact per learner who answered it),
or, with ``denominator_kind=None``, the sum of the item's ``kinds`` totals (right for
kinds of one value per learner and item, such as the simulation's "choice").

Why one statement: the totals (``AnalyticsTally``) hold each learner's latest finished
attempt, the learner's own included, so the learner's own facts (``AttemptFact`` rows
of their review row, in the same scope) are subtracted. Both are read together: a
UNION ALL of the totals' sums and the negated counts of the learner's own facts, grouped
alike, summed here. No learner state and no per-learner row of anyone else is read.
"""
from __future__ import annotations

from collections.abc import Iterable
from typing import Any

Counts = dict[str, dict[str, Any]]


def _models():
    from .. import models

    return models


def option_shares(usage_key: str, cohort: str | None, learner_id: str,
                  kinds: tuple[str, ...] = ("option",), denominator_kind: str | None = "question",
                  items: Iterable[str] | None = None) -> Counts:
    """Per item: how many OTHER learners answered it and how many chose each value.

    One SQL statement whatever the number of items, kinds or learners."""
    return _option_shares(usage_key, cohort, learner_id, kinds, denominator_kind, items)[0]


def _option_shares(usage_key: str, cohort: str | None, learner_id: str,
                   kinds: tuple[str, ...], denominator_kind: str | None,
                   items: Iterable[str] | None, own_cohort: bool = False
                   ) -> tuple[Counts, str | None]:
    """(``option_shares``'s counts, and with ``own_cohort`` — ``cohort`` then unused: the
    one the learner's review row names — the cohort they were read in: "" for none, None
    when no total was read)."""
    from django.db.models import Count, F, Q, Subquery, Sum, Value
    from django.db.models.functions import Coalesce

    models = _models()
    item_ids = None if items is None else sorted({str(item) for item in items})
    if item_ids == [] or not kinds:
        return {}, None
    every_kind = tuple(dict.fromkeys(tuple(kinds) + ((denominator_kind,) if denominator_kind else ())))
    tallies = models.AnalyticsTally.objects.filter(usage_key=usage_key, kind__in=every_kind)
    own = models.AttemptFact.objects.filter(usage_key=usage_key, kind__in=every_kind,
                                            review__usage_key=usage_key,
                                            review__learner_id=learner_id)
    columns: tuple[str, ...] = ("kind", "item_id", "value")
    if own_cohort:  # the row's cohort, a scalar subquery: no statement of its own
        scope = Coalesce(Subquery(models.LearnerReview.objects.filter(
            usage_key=usage_key, learner_id=learner_id).values("cohort")[:1]), Value(""))
        tallies = tallies.annotate(scope=scope).filter(Q(scope="") | Q(cohort=F("scope")))
        own = own.annotate(scope=scope).filter(Q(scope="") | Q(cohort=F("scope")))
        columns += ("scope",)
    elif cohort:
        tallies = tallies.filter(cohort=cohort)
        own = own.filter(cohort=cohort)
    if item_ids is not None:
        tallies = tallies.filter(item_id__in=item_ids)
        own = own.filter(item_id__in=item_ids)
    totals = tallies.values(*columns).order_by().annotate(total=Sum("n"))
    mine = own.values(*columns).order_by().annotate(total=-Count("id"))
    out: Counts = {}
    read_in = None
    for row in totals.union(mine, all=True):
        read_in = row.get("scope", read_in)
        count = int(row["total"] or 0)
        entry = out.setdefault(row["item_id"], {"answered": 0, "values": {}})
        if row["kind"] in kinds:
            entry["values"][row["value"]] = entry["values"].get(row["value"], 0) + count
            if denominator_kind is None:
                entry["answered"] += count
        if row["kind"] == denominator_kind:
            entry["answered"] += count
    for entry in out.values():
        entry["answered"] = max(0, entry["answered"])
        entry["values"] = {value: n for value, n in entry["values"].items() if n > 0}
    return out, read_in


def whole_percent(part: int, whole: int) -> int:
    """A share in whole percents, halves rounded up (never banker's rounding: 12.5 → 13)."""
    if whole <= 0:
        return 0
    return min(100, max(0, (200 * part + whole) // (2 * whole)))


def percents(counts: Counts, minimum: int) -> dict[str, dict[str, int]]:
    """Whole percents per item and value, only for items at least ``minimum`` other learners
    answered (fewer would let a learner guess a peer's answer); values no one chose are
    absent (read as 0 %)."""
    minimum = max(1, int(minimum))
    return {item_id: {value: whole_percent(n, entry["answered"])
                      for value, n in entry["values"].items()}
            for item_id, entry in counts.items() if entry["answered"] >= minimum}


def shares(usage_key: str, cohort: str | None, learner_id: str, items: Iterable[str],
           minimum: int, kinds: tuple[str, ...] = ("option",),
           denominator_kind: str | None = "question") -> dict[str, dict[str, int]]:
    """``percents`` of ``option_shares``: what the learner's view shows."""
    return percents(option_shares(usage_key, cohort, learner_id, kinds, denominator_kind, items),
                    minimum)


def own_cohort_shares(usage_key: str, learner_id: str, items: Iterable[str], minimum: int,
                      kinds: tuple[str, ...] = ("option",),
                      denominator_kind: str | None = "question"
                      ) -> tuple[dict[str, dict[str, int]], bool]:
    """``shares`` in the cohort the learner's review row names, read in the same one
    statement (a learner's action need not read the row for it), and whether the row names
    one (False: every learner of the block)."""
    counts, read_in = _option_shares(usage_key, None, learner_id, kinds, denominator_kind, items,
                                     own_cohort=True)
    return percents(counts, minimum), bool(read_in)
