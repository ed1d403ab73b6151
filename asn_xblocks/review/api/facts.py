"""The analytics' tables: learners' facts and their running totals.

Facts (``AttemptFact``) are replaced per learner when an attempt finishes or a grade
changes; in the same transaction their running totals (``AnalyticsTally``: count, known
points, sum of ratios per group of identical columns) move by the difference, so staff
views read the totals with a fixed number of GROUP BY queries whatever the cohort's size.
"""
from __future__ import annotations

import hashlib
import json
from typing import Any

_FIELD_LIMITS = {"kind": 24, "item_id": 255, "value": 255, "expected": 255, "competency": 128}


def clean_fact(item: dict[str, Any]) -> dict[str, Any]:
    """A fact dict from a block's facts() made safe for the model's columns."""
    out: dict[str, Any] = {}
    for name, limit in _FIELD_LIMITS.items():
        value = item.get(name)
        out[name] = "" if value is None else str(value)[:limit]
    for name in ("earned", "possible"):
        value = item.get(name)
        out[name] = float(value) if isinstance(value, (int, float)) and not isinstance(value, bool) else None
    step = item.get("step")
    out["step"] = step if isinstance(step, int) and not isinstance(step, bool) else 0
    out["detail"] = str(item.get("detail") or "")
    return out


def _models():
    from .. import models

    return models


def _ratio():
    from django.db.models import Case, ExpressionWrapper, F, FloatField, When

    return Case(When(possible__gt=0, then=ExpressionWrapper(F("earned") / F("possible"),
                                                            output_field=FloatField())),
                default=None, output_field=FloatField())


TALLY_COLUMNS = ("cohort", "kind", "item_id", "value", "expected", "step", "competency")


def _tally_key(fact: dict[str, Any]) -> str:
    text = json.dumps([fact[name] for name in TALLY_COLUMNS], ensure_ascii=False)
    return hashlib.sha1(text.encode("utf-8")).hexdigest()


def _contribution(fact: dict[str, Any]) -> list[float]:
    """What one fact adds to its totals: n, scored, earned, possible, ratio sum, ratio n."""
    earned, possible = fact["earned"], fact["possible"]
    known_ratio = earned is not None and possible is not None and possible > 0
    return [1, 1 if earned is not None else 0, earned or 0.0, possible or 0.0,
            earned / possible if known_ratio else 0.0, 1 if known_ratio else 0]


def _course_of(usage_key: str) -> str:
    """The course a block is in, as its learners' review rows say (for totals written where
    the caller does not know it: staff-side repairs and deletions)."""
    return (_models().LearnerReview.objects.filter(usage_key=usage_key).exclude(course_key="")
            .values_list("course_key", flat=True).first()) or ""


def _add_to_tallies(usage_key: str, deltas: dict[str, tuple[dict[str, Any], list[float]]],
                    course_key: str | None = None) -> None:
    """Add each key's difference to its totals: rows for new keys first (an INSERT that
    ignores a key another request created meanwhile), then one prepared UPDATE run for
    every key (``executemany``), in key order so concurrent requests lock rows alike."""
    from django.db import connections, router

    models = _models()
    connection = connections[router.db_for_write(models.AnalyticsTally)]
    deltas = {key: item for key, item in deltas.items()
              if any(abs(x) > 1e-12 for x in item[1])}
    if not deltas:
        return
    keys = sorted(deltas)
    tallies = models.AnalyticsTally.objects.filter(usage_key=usage_key)
    existing: set[str] = set()
    for start in range(0, len(keys), 500):
        existing.update(tallies.filter(key__in=keys[start:start + 500]).values_list("key", flat=True))
    missing = [key for key in keys if key not in existing]
    if missing:
        if course_key is None:
            course_key = _course_of(usage_key)
        models.AnalyticsTally.objects.bulk_create(
            [models.AnalyticsTally(usage_key=usage_key, course_key=course_key[:255], key=key,
                                   detail=deltas[key][0].get("detail", ""),
                                   **{name: deltas[key][0][name] for name in TALLY_COLUMNS})
             for key in missing], ignore_conflicts=True, batch_size=200)
    quote = connection.ops.quote_name
    table = quote(models.AnalyticsTally._meta.db_table)
    totals = ("n", "scored", "earned", "possible", "ratio_sum", "ratio_n")
    assignments = ", ".join(f"{quote(name)} = {quote(name)} + %s" for name in totals)
    sql = f"UPDATE {table} SET {assignments} WHERE {quote('usage_key')} = %s AND {quote('key')} = %s"
    params = [[int(d[0]), int(d[1]), d[2], d[3], d[4], int(d[5]), usage_key, key]
              for key in keys for d in [deltas[key][1]]]
    with connection.cursor() as cursor:
        cursor.executemany(sql, params)


def store_facts(usage_key: str, cohort: str, review_id: int, attempt_id: int,
                items: list[dict[str, Any]], course_key: str | None = None) -> None:
    """Replace one learner's facts with ``items`` and move the totals by the difference."""
    models = _models()
    fields = [{**clean_fact(item), "cohort": (cohort or "")[:128]} for item in items]
    old = list(models.AttemptFact.objects.filter(review_id=review_id)
               .values(*TALLY_COLUMNS, "earned", "possible", "detail"))
    deltas: dict[str, tuple[dict[str, Any], list[float]]] = {}
    for sign, facts in ((-1, old), (1, fields)):
        for fact in facts:
            key = _tally_key(fact)
            entry = deltas.setdefault(key, (fact, [0.0] * 6))
            for index, amount in enumerate(_contribution(fact)):
                entry[1][index] += sign * amount
    models.AttemptFact.objects.filter(review_id=review_id).delete()
    models.AttemptFact.objects.bulk_create(
        [models.AttemptFact(usage_key=usage_key, review_id=review_id, attempt_id=attempt_id,
                            **fact) for fact in fields], batch_size=500)
    _add_to_tallies(usage_key, deltas, course_key)


def forget_facts(usage_key: str, review_ids: list[int]) -> None:
    """Take learners' facts out of the totals (their review rows are being deleted)."""
    models = _models()
    deltas: dict[str, tuple[dict[str, Any], list[float]]] = {}
    for fact in (models.AttemptFact.objects.filter(usage_key=usage_key, review_id__in=review_ids)
                 .values(*TALLY_COLUMNS, "earned", "possible", "detail").iterator(chunk_size=2000)):
        entry = deltas.setdefault(_tally_key(fact), (fact, [0.0] * 6))
        for index, amount in enumerate(_contribution(fact)):
            entry[1][index] -= amount
    models.AttemptFact.objects.filter(usage_key=usage_key, review_id__in=review_ids).delete()
    _add_to_tallies(usage_key, deltas)


def rebuild_tallies(usage_key: str) -> None:
    """The totals recomputed from the facts (one GROUP BY): after facts were loaded in bulk,
    or to repair totals someone edited by hand."""
    from django.db.models import Count, Min, Q, Sum

    models = _models()
    known = Q(earned__isnull=False, possible__gt=0)
    groups = (models.AttemptFact.objects.filter(usage_key=usage_key).values(*TALLY_COLUMNS)
              .order_by().annotate(agg_n=Count("id"), agg_scored=Count("earned"),
                                   agg_earned=Sum("earned"), agg_possible=Sum("possible"),
                                   agg_ratio=Sum(_ratio(), filter=known),
                                   agg_ration=Count("id", filter=known), agg_detail=Min("detail")))
    rows = []
    course_key = _course_of(usage_key)
    for group in groups:
        fact = {name: group[name] for name in TALLY_COLUMNS}
        rows.append(models.AnalyticsTally(
            usage_key=usage_key, course_key=course_key, key=_tally_key(fact), detail=group["agg_detail"] or "",
            n=group["agg_n"], scored=group["agg_scored"], earned=group["agg_earned"] or 0.0,
            possible=group["agg_possible"] or 0.0, ratio_sum=group["agg_ratio"] or 0.0,
            ratio_n=group["agg_ration"], **fact))
    models.AnalyticsTally.objects.filter(usage_key=usage_key).delete()
    models.AnalyticsTally.objects.bulk_create(rows, batch_size=500)


def kind_stats(tallies, kind: str, fields: tuple[str, ...], extra: tuple[str, ...] = (),
               top: int | None = None) -> list[dict[str, Any]]:
    """One GROUP BY over the totals of ``kind``: facts, known points, mean ratio."""
    from django.db.models import Min, Sum

    query = (tallies.filter(kind=kind).values(*fields).order_by()
             .annotate(tn=Sum("n"), tscored=Sum("scored"), tearned=Sum("earned"),
                       tpossible=Sum("possible"), tratio=Sum("ratio_sum"),
                       tration=Sum("ratio_n"), **{f"t{name}": Min(name) for name in extra})
             .filter(tn__gt=0))
    if top:
        query = query.order_by("-tn", *fields)[:top]
    out = []
    for entry in query:
        row = {name: entry[name] for name in fields}
        row.update(n=entry["tn"], scored=entry["tscored"], earned=entry["tearned"],
                   possible=entry["tpossible"],
                   ratio=entry["tratio"] / entry["tration"] if entry["tration"] else None)
        row.update({name: entry[f"t{name}"] for name in extra})
        out.append(row)
    return out


def ensure_tallies(usage_key: str) -> bool:
    """Rebuild the totals once when they are out of step with the facts (review rows
    deleted in bulk take their facts with them; facts loaded in bulk; totals cleared to
    repair them). The check: every learner with a finished attempt has exactly one
    "score" fact, so the totals' count of them must equal the facts' (two indexed
    counts). True when it rebuilt."""
    from django.db.models import Sum

    models = _models()
    counted = (models.AnalyticsTally.objects.filter(usage_key=usage_key, kind="score")
               .aggregate(n=Sum("n"))["n"] or 0)
    if counted == models.AttemptFact.objects.filter(usage_key=usage_key, kind="score").count():
        return False
    rebuild_tallies(usage_key)
    return True


def cohort_exists(usage_key: str, cohort: str) -> bool:
    return _models().LearnerReview.objects.filter(usage_key=usage_key, cohort=cohort).exists()


def forget_learner(usage_key: str, learner_id: str) -> None:
    """The learner's facts leave the totals (the LMS deletes their state)."""
    rows = list(_models().LearnerReview.objects.filter(usage_key=usage_key, learner_id=learner_id)
                .values_list("pk", flat=True))
    if rows:
        forget_facts(usage_key, rows)


class Totals:
    """The analytics' reads for one block and scope: ``cohort`` None means every learner,
    "" learners without a cohort, else that cohort. Each method is one query."""

    def __init__(self, usage_key: str, cohort: str | None = None):
        models = _models()
        self.tallies = models.AnalyticsTally.objects.filter(usage_key=usage_key)
        self.rows = models.LearnerReview.objects.filter(usage_key=usage_key)
        if cohort is not None:
            self.tallies = self.tallies.filter(cohort=cohort)
            self.rows = self.rows.filter(cohort=cohort)

    def kind(self, kind: str, fields: tuple[str, ...], extra: tuple[str, ...] = (),
             top: int | None = None) -> list[dict[str, Any]]:
        return kind_stats(self.tallies, kind, fields, extra, top)

    def evidence(self, kinds: tuple[str, ...], competencies: list[str]) -> list[dict[str, Any]]:
        """Per competency and scored item: answers with known points and their mean ratio."""
        from django.db.models import Sum

        query = (self.tallies.filter(kind__in=kinds, competency__in=competencies)
                 .values("competency", "kind", "item_id").order_by()
                 .annotate(n=Sum("ratio_n"), ratio_total=Sum("ratio_sum")))
        out = []
        for entry in query:
            if entry["n"]:
                entry["ratio"] = entry["ratio_total"] / entry["n"]
                out.append(entry)
        return out

    def learner_counts(self) -> dict[str, int]:
        """Learners in all, with a finished attempt, with an attempt under way."""
        from django.db.models import Count, Q

        return self.rows.aggregate(total=Count("id"), finished=Count("id", filter=Q(attempts__gt=0)),
                                   active=Count("id", filter=~Q(position="")))

    def stops(self, limit: int) -> list[dict[str, Any]]:
        """Where unfinished attempts stand, most frequent first."""
        from django.db.models import Count

        return list(self.rows.exclude(position="").values("position").order_by()
                    .annotate(n=Count("id")).order_by("-n", "position")[:limit])
