"""Cohort analytics for staff: what learners did, as charts, tables and training needs.

Facts (``review.models.AttemptFact``) are written in the learner's own request when an
attempt finishes (``_record_facts``, from the block's pure ``facts.py``; the learner's older
facts are replaced, so each learner counts once, with the **latest finished attempt**),
and rebuilt when staff grade a reflection. In the same transaction their running totals
(``AnalyticsTally``: count, known points, sum of ratios per group of identical columns)
get the difference: the learner's old facts subtracted, the new ones added. Staff views
then run a fixed number of GROUP BY queries over the totals (one per fact kind, plus
competencies, evidence and scores) and two over the review rows (counts, where learners
stop): the work per request follows the content and the cohorts, not the learners.

Handlers (staff only; a learner gets 403):

* ``staff_analytics`` — {"cohort": name | "__none__" | ""} → sections of charts (SVG made
  here, on the server) with their data tables, per-competency averages per cohort with
  the number of learners behind each, and a short training-needs summary. A cohort that
  does not exist in this block, or any other filter, is refused with 400.
* ``staff_analytics_csv`` — the same numbers as CSV (GET; ``sep`` , or ;, ``cohort``).
"""
from __future__ import annotations

import hashlib
import importlib
import json
import logging
import re
from typing import Any, Iterator

from webob import Response
from xblock.core import XBlock

from ..core import charts
from ..core import competencies as catalogue
from ..core.actions import ActionError
from ..core.charts import Bar, Ctx
from ..core.formatting import format_percent, round_to
from ..core.i18n import N_
from .handlers import json_action

log = logging.getLogger(__name__)

FACT_MODULES = {
    "asn_case_study": "asn_xblocks.case_study.facts",
    "asn_change_simulation": "asn_xblocks.simulation.facts",
    "asn_digital_service": "asn_xblocks.digital_service.facts",
}
NO_COHORT = "__none__"  # the same filter value as the learners table's
NEEDS_THRESHOLD = 0.70  # a competency average below this is a training need
MAX_NEEDS = 3
MAX_EVIDENCE = 3
MAX_COHORT_COLUMNS = 8
MAX_STOPS = 15
SCORE_BUCKETS = 10
FILTER_KEYS = frozenset({"cohort"})
_FIELD_LIMITS = {"kind": 24, "item_id": 255, "value": 255, "expected": 255, "competency": 128}

MSG_UNKNOWN_COHORT = N_("There is no cohort \"{cohort}\" in this exercise.")
MSG_UNKNOWN_FILTER = N_("Unknown filter \"{field}\": analytics can be filtered by cohort only.")


def _models():
    from ..review import models

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


def _add_to_tallies(usage_key: str, deltas: dict[str, tuple[dict[str, Any], list[float]]]) -> None:
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
        models.AnalyticsTally.objects.bulk_create(
            [models.AnalyticsTally(usage_key=usage_key, key=key, detail=deltas[key][0].get("detail", ""),
                                   **{name: deltas[key][0][name] for name in TALLY_COLUMNS})
             for key in missing], ignore_conflicts=True, batch_size=200)
    quote = connection.ops.quote_name
    table = quote(models.AnalyticsTally._meta.db_table)  # pylint: disable=protected-access
    totals = ("n", "scored", "earned", "possible", "ratio_sum", "ratio_n")
    assignments = ", ".join(f"{quote(name)} = {quote(name)} + %s" for name in totals)
    sql = f"UPDATE {table} SET {assignments} WHERE {quote('usage_key')} = %s AND {quote('key')} = %s"
    params = [[int(d[0]), int(d[1]), d[2], d[3], d[4], int(d[5]), usage_key, key]
              for key in keys for d in [deltas[key][1]]]
    with connection.cursor() as cursor:
        cursor.executemany(sql, params)


def store_facts(usage_key: str, cohort: str, review_id: int, attempt_id: int,
                items: list[dict[str, Any]]) -> None:
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
    _add_to_tallies(usage_key, deltas)


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
    for group in groups:
        fact = {name: group[name] for name in TALLY_COLUMNS}
        rows.append(models.AnalyticsTally(
            usage_key=usage_key, key=_tally_key(fact), detail=group["agg_detail"] or "",
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


def score_position(fraction: float) -> int:
    """The score bucket (0 = 0–9 %, …, 9 = 90–100 %) stored in a score fact's ``step``."""
    return max(0, min(SCORE_BUCKETS - 1, int(fraction * SCORE_BUCKETS + 1e-9)))


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


class AnalyticsMixin:
    """Facts written at attempt end (and taken out again when the LMS deletes a learner's
    state), and the two staff analytics handlers. Comes before ``GradingMixin`` in the
    block's bases so its ``clear_student_state`` runs first."""

    # --- writing facts (learner's request; staff grading) ---------------------------------
    def _facts_module(self):
        return importlib.import_module(FACT_MODULES[self.core.tag])

    def _attempt_position(self, attempt: dict[str, Any] | None) -> str:
        """Where an unfinished attempt stands, for "where learners stop" ("" when finished)."""
        if not isinstance(attempt, dict) or attempt.get("finished"):
            return ""
        try:
            return str(self._facts_module().position(self.content_model, attempt) or "")[:255]
        except Exception:  # pylint: disable=broad-except
            log.exception("Could not read the position of an attempt")
            return ""

    def _record_facts(self, row, record, source: dict[str, Any], grades: dict[str, Any] | None = None) -> None:
        """Replace the learner's facts with those of ``record`` (their latest finished
        attempt) and move the totals by the difference. A fault in computing the facts is
        logged and never fails the learner's submission or the staff grade."""
        try:
            items = list(self._facts_module().facts(self.content_model, source, grades))
        except Exception:  # pylint: disable=broad-except
            log.exception("Could not compute the analytics facts of attempt %s", record.pk)
            items = []
        items.append({"kind": "score", "value": "pending" if record.pending else "final",
                      "step": score_position(record.fraction), "earned": record.raw_earned,
                      "possible": record.raw_possible})
        store_facts(row.usage_key, row.cohort or "", row.pk, record.pk, items)

    def clear_student_state(self, user_id, course_id, item_id, requesting_user_id):
        """The LMS's "delete learner state": the learner's facts leave the totals first."""
        rows = list(_models().LearnerReview.objects.filter(usage_key=item_id, learner_id=user_id)
                    .values_list("pk", flat=True))
        if rows:
            forget_facts(item_id, rows)
        return super().clear_student_state(user_id, course_id, item_id, requesting_user_id)

    # --- reading -------------------------------------------------------------------------
    def _analytics_scope(self, data: dict[str, Any]) -> str | None:
        """None (every learner), "" (learners without a cohort) or a cohort name; 400 for a
        cohort this block has no learner in, or any other filter."""
        for key in data:
            if key not in FILTER_KEYS:
                raise ActionError(400, MSG_UNKNOWN_FILTER, field=str(key)[:40])
        value = data.get("cohort")
        if value is None or value == "":
            return None
        if not isinstance(value, str) or len(value) > 128:
            raise ActionError(400, N_("The field \"{field}\" must be text."), field="cohort")
        if value == NO_COHORT:
            return ""
        if not _models().LearnerReview.objects.filter(usage_key=self.usage_id_str, cohort=value).exists():
            raise ActionError(400, MSG_UNKNOWN_COHORT, cohort=value[:60])
        return value

    def _scope_label(self, scope: str | None) -> str:
        if scope is None:
            return self.gettext("All learners")
        if scope == "":
            return self.gettext("Learners without a cohort")
        return scope

    def _chart_prefix(self) -> str:
        return "asn-an-" + hashlib.sha1(self.usage_id_str.encode("utf-8")).hexdigest()[:8]

    def _analytics(self, scope: str | None) -> dict[str, Any]:
        from django.db.models import Count, Q

        from . import staff_queries

        models = _models()
        _ = self.gettext
        content = self.content_model
        module = self._facts_module()
        ctx = Ctx(gettext=_, locale=self.language, prefix=self._chart_prefix(), plural=self.ngettext)
        self._ensure_tallies()
        tallies = models.AnalyticsTally.objects.filter(usage_key=self.usage_id_str)
        rows = models.LearnerReview.objects.filter(usage_key=self.usage_id_str)
        if scope is not None:
            tallies = tallies.filter(cohort=scope)
            rows = rows.filter(cohort=scope)
        counts = rows.aggregate(total=Count("id"), finished=Count("id", filter=Q(attempts__gt=0)),
                                active=Count("id", filter=~Q(position="")))
        stats = {kind: kind_stats(tallies, kind, fields, getattr(module, "EXTRA", {}).get(kind, ()),
                                  getattr(module, "TOP", {}).get(kind))
                 for kind, fields in module.GROUPS.items()}
        competencies = self._competency_stats(tallies, scope)
        needs = self._needs(content, module, tallies, scope, competencies)
        sections = [self._competency_section(ctx, scope, competencies),
                    self._score_section(ctx, tallies)]
        sections += module.sections(content, stats, ctx)
        sections.append(self._stops_section(ctx, content, module, rows))
        summary = _("Learners: {total}. Finished at least one attempt: {finished}. With an "
                    "attempt under way: {active}.").format(**counts)
        return {
            "block_type": self.scope_ids.block_type,
            "scope": {"cohort": NO_COHORT if scope == "" else (scope or ""),
                      "label": self._scope_label(scope)},
            "cohorts": staff_queries.cohorts(self.usage_id_str),
            "counts": counts,
            "summary": summary,
            "basis": _("Each learner counts once, with their latest finished attempt. Score "
                       "overrides change the gradebook, not these results."),
            "needs": needs,
            "sections": sections,
        }

    def _ensure_tallies(self) -> None:
        """Totals out of step with the facts — review rows deleted in bulk (their facts go
        with them), facts loaded in bulk, totals cleared to repair them — are rebuilt once.
        The check: every learner with a finished attempt has exactly one "score" fact, so
        the totals' count of them must equal the facts' (two indexed counts)."""
        from django.db.models import Sum

        models = _models()
        counted = (models.AnalyticsTally.objects.filter(usage_key=self.usage_id_str, kind="score")
                   .aggregate(n=Sum("n"))["n"] or 0)
        if counted != models.AttemptFact.objects.filter(usage_key=self.usage_id_str, kind="score").count():
            log.warning("Rebuilding the analytics totals of %s", self.usage_id_str)
            rebuild_tallies(self.usage_id_str)

    # --- competencies and training needs --------------------------------------------------
    def _competency_stats(self, tallies, scope: str | None) -> dict[str, Any]:
        """Per competency, the cohort's figure by the one rule (``core.competencies``): the
        mean of its learners' results (``cohort_mean``: Σ results ÷ learners, summed in SQL),
        each learner's result being the points earned ÷ possible on the items tagged with
        it, items awaiting a staff grade left out (one competency fact per learner) — and
        how many learners have a result, for the scope and per cohort. ``awaiting``: how
        many learners have items of each competency awaiting grading (a competency with
        nothing counted yet appears there only)."""
        overall = {e["item_id"]: (e["ratio"], e["scored"])
                   for e in kind_stats(tallies, "competency", ("item_id",)) if e["scored"]}
        awaiting = {e["item_id"]: e["n"]
                    for e in kind_stats(tallies, "competency", ("item_id", "value"))
                    if e["value"] == catalogue.AWAITING_FACT}
        per_cohort: dict[str, dict[str, tuple[float, int]]] = {}
        if scope is None:
            for e in kind_stats(tallies, "competency", ("item_id", "cohort")):
                if e["scored"]:
                    per_cohort.setdefault(e["cohort"], {})[e["item_id"]] = (e["ratio"], e["scored"])
            if len(per_cohort) < 2:
                per_cohort = {}
        return {"overall": overall, "cohorts": per_cohort, "awaiting": awaiting}

    def _awaiting_text(self, count: int) -> str:
        return self.ngettext("items of {count} learner are awaiting grading and not counted yet",
                             "items of {count} learners are awaiting grading and not counted yet",
                             count).format(count=count)

    def _needs(self, content, module, tallies, scope: str | None, competencies) -> dict[str, Any]:
        """The weakest competencies below the threshold, each with the items behind it
        (their mean result and how many answers with known points it is over)."""
        from django.db.models import Sum

        _ = self.gettext
        overall = competencies["overall"]
        threshold = format_percent(NEEDS_THRESHOLD, self.language)
        scope_label = self._scope_label(scope)
        ranked = sorted(((cid, ratio or 0.0, n) for cid, (ratio, n) in overall.items()),
                        key=lambda t: (t[1], t[0]))
        weak = [entry for entry in ranked if entry[1] < NEEDS_THRESHOLD][:MAX_NEEDS]
        evidence: dict[str, list[dict[str, Any]]] = {}
        if weak:
            query = (tallies.filter(kind__in=module.SCORED_KINDS,
                                  competency__in=[cid for cid, _r, _n in weak])
                     .values("competency", "kind", "item_id").order_by()
                     .annotate(n=Sum("ratio_n"), ratio_total=Sum("ratio_sum")))
            for entry in query:
                if entry["n"]:
                    entry["ratio"] = entry["ratio_total"] / entry["n"]
                    evidence.setdefault(entry["competency"], []).append(entry)
        awaiting = competencies.get("awaiting", {})
        items = []
        for cid, ratio, learners in weak:
            behind = sorted(evidence.get(cid, []), key=lambda e: (e["ratio"] or 0.0, e["item_id"]))
            text = self.ngettext("{percent} on average, {count} learner",
                                 "{percent} on average, {count} learners", learners).format(
                percent=format_percent(ratio, self.language), count=learners)
            if awaiting.get(cid):
                text = "; ".join([text, self._awaiting_text(awaiting[cid])])
            items.append({
                "id": cid, "label": self._competency_label(cid),
                "percent": round_to(ratio * 100, 1), "percent_text": format_percent(ratio, self.language),
                "learners": learners, "awaiting": awaiting.get(cid, 0),
                "text": text,
                "evidence": [{
                    "label": module.item_label(content, e["kind"], e["item_id"], _),
                    "percent": round_to((e["ratio"] or 0.0) * 100, 1),
                    "percent_text": format_percent(e["ratio"] or 0.0, self.language),
                    "learners": e["n"],
                    "text": self.ngettext("{item}: {percent} on average ({count} answer)",
                                          "{item}: {percent} on average ({count} answers)",
                                          e["n"]).format(
                        item=module.item_label(content, e["kind"], e["item_id"], _),
                        percent=format_percent(e["ratio"] or 0.0, self.language), count=e["n"]),
                } for e in behind[:MAX_EVIDENCE]],
            })
        if not ranked:
            text = _("No competency results yet for {scope}: nobody has finished an attempt on "
                     "items tagged with a competency.").format(scope=scope_label)
        elif items:
            text = self.ngettext(
                "{scope}: {count} competency is below {threshold}. Plan training for it first: "
                "{list}.",
                "{scope}: {count} competencies are below {threshold}. Plan training for these "
                "first: {list}.", len(items)).format(
                scope=scope_label, count=len(items), threshold=threshold,
                list="; ".join(f"{i['label']} ({i['text']})" for i in items))
        else:
            cid, ratio, learners = ranked[0]
            text = self.ngettext(
                "{scope}: no competency is below {threshold}. The weakest is {label} at "
                "{percent} ({count} learner).",
                "{scope}: no competency is below {threshold}. The weakest is {label} at "
                "{percent} ({count} learners).", learners).format(
                scope=scope_label, threshold=threshold, label=self._competency_label(cid),
                percent=format_percent(ratio, self.language), count=learners)
        waiting = sum(e["n"] for e in kind_stats(tallies, "score", ("value",))
                      if e["value"] == "pending")
        if waiting:
            text += " " + self.ngettext(
                "Awaiting grading: {count} learner's reflections are not counted in these "
                "results until they are graded.",
                "Awaiting grading: {count} learners' reflections are not counted in these "
                "results until they are graded.", waiting).format(count=waiting)
        return {"threshold": round(NEEDS_THRESHOLD * 100), "threshold_text": threshold,
                "scope": scope_label, "text": text, "items": items, "awaiting": waiting}

    def _competency_section(self, ctx: Ctx, scope: str | None, competencies) -> dict[str, Any]:
        _ = self.gettext
        overall = competencies["overall"]
        cohorts = competencies["cohorts"]
        awaiting = competencies.get("awaiting", {})
        title = _("Average result per competency")
        if not overall and not awaiting:
            return charts.section("competencies", _("Competencies"), [],
                                  empty=_("No competency results yet."))
        ranked = sorted(overall.items(), key=lambda kv: ((kv[1][0] or 0.0), kv[0]))
        names = sorted(cohorts, key=lambda c: (c == "", c))[:MAX_COHORT_COLUMNS]
        scope_label = self._scope_label(scope)
        columns = [_("Competency"), _("{scope}: average").format(scope=scope_label),
                   _("{scope}: learners").format(scope=scope_label)]
        for name in names:
            label = name or _("No cohort")
            columns += [_("{scope}: average").format(scope=label),
                        _("{scope}: learners").format(scope=label)]
        if awaiting:
            columns.append(_("{scope}: learners awaiting grading").format(scope=scope_label))
        bars, rows = [], []
        for cid, (ratio, learners) in ranked:
            ratio = ratio or 0.0
            weak = ratio < NEEDS_THRESHOLD
            label = ("⚠ " if weak else "") + self._competency_label(cid)
            if awaiting.get(cid):
                value_text = _("{percent} (n={count}; awaiting grading: {awaiting})").format(
                    percent=ctx.percent_text(ratio), count=learners, awaiting=awaiting[cid])
            else:
                value_text = _("{percent} (n={count})").format(percent=ctx.percent_text(ratio),
                                                                count=learners)
            bars.append(Bar(label, ratio * 100, value_text, weak))
            line = [label, ctx.pct(ratio), charts.cell(learners, str(learners))]
            for name in names:
                value = cohorts[name].get(cid)
                line += [ctx.pct(value[0]) if value else charts.cell(None, "—"),
                         charts.cell(value[1], str(value[1])) if value else charts.cell(0, "0")]
            if awaiting:
                line.append(charts.cell(awaiting.get(cid, 0), str(awaiting.get(cid, 0))))
            rows.append(line)
        for cid in sorted(set(awaiting) - set(overall)):  # nothing of it counted yet
            line = [self._competency_label(cid), charts.cell(None, _("awaiting grading")),
                    charts.cell(0, "0")]
            for _name in names:
                line += [charts.cell(None, "—"), charts.cell(0, "0")]
            line.append(charts.cell(awaiting[cid], str(awaiting[cid])))
            rows.append(line)
        threshold = ctx.percent_text(NEEDS_THRESHOLD)
        note = _("A learner's result on a competency is the points earned ÷ possible on the items "
                 "tagged with it; items awaiting a staff grade are left out until they are "
                 "graded. The average is the mean of the learners' results: each learner counts "
                 "once.")
        return charts.section("competencies", _("Competencies"), [ctx.bar_figure(
            "competencies", title,
            _("Average result per competency for {scope}, weakest first, with the number of "
              "learners (n). The dashed line is the {threshold} threshold; competencies below it "
              "are hatched and marked ⚠. The table gives the numbers per cohort.").format(
                scope=scope_label, threshold=threshold),
            bars, columns, rows, note,
            threshold=NEEDS_THRESHOLD * 100,
            threshold_label=_("{threshold} threshold").format(threshold=threshold),
            legend=_("Hatched, ⚠: below {threshold}").format(threshold=threshold)
            if any(b.flagged for b in bars) else "")])

    # --- scores and where learners stop -----------------------------------------------------
    def _score_section(self, ctx: Ctx, tallies) -> dict[str, Any]:
        _ = self.gettext
        stats = kind_stats(tallies, "score", ("value", "step"))
        final = {row["step"]: row for row in stats if row["value"] == "final"}
        pending = sum(row["n"] for row in stats if row["value"] == "pending")
        total = sum(row["n"] for row in final.values())
        intro = ""
        if pending:
            intro = self.ngettext(
                "{count} attempt is waiting for a staff grade and is not counted here.",
                "{count} attempts are waiting for a staff grade and are not counted here.",
                pending).format(count=pending)
        if not total:
            return charts.section("scores", _("Scores"), [], intro=intro,
                                  empty=_("No finished attempt has a final score yet."))
        average = sum((row["ratio"] or 0.0) * row["n"] for row in final.values()) / total
        bars, rows = [], []
        biggest = max(row["n"] for row in final.values())
        for bucket in range(SCORE_BUCKETS):
            n = final.get(bucket, {}).get("n", 0)
            low, high = bucket * 10, (100 if bucket == SCORE_BUCKETS - 1 else bucket * 10 + 9)
            label = "{}–{}".format(low, ctx.percent_text(high / 100))
            fraction = n / total
            bars.append(Bar(label, n, f"{n} ({ctx.percent_text(fraction)})"))
            rows.append([label, charts.cell(n, str(n)), ctx.pct(fraction)])
        title = _("Score distribution")
        note = self.ngettext("{count} learner; average score {average}.",
                             "{count} learners; average score {average}.", total).format(
            count=total, average=ctx.percent_text(average))
        return charts.section("scores", _("Scores"), [ctx.bar_figure(
            "scores", title,
            _("How many learners' latest finished attempts scored in each range. The table "
              "gives the same numbers."),
            bars, [_("Score"), _("Learners"), _("Share")], rows, note,
            scale_max=charts.nice_max(biggest), percent=False)], intro=intro)

    def _stops_section(self, ctx: Ctx, content, module, rows) -> dict[str, Any]:
        from django.db.models import Count

        _ = self.gettext
        stops = list(rows.exclude(position="").values("position").order_by()
                     .annotate(n=Count("id")).order_by("-n", "position")[:MAX_STOPS])
        figures = []
        if stops:
            total = sum(s["n"] for s in stops)
            bars, table = [], []
            for stop in stops:
                label = module.position_label(content, stop["position"], _)
                bars.append(Bar(label, stop["n"], str(stop["n"])))
                table.append([label, charts.cell(stop["n"], str(stop["n"])),
                              ctx.pct(stop["n"] / total)])
            title = _("Where unfinished attempts stand")
            figures.append(ctx.bar_figure(
                "stops", title,
                _("Learners with an attempt under way, by the place they reached. The table "
                  "gives the same numbers."),
                bars, [_("Place"), _("Learners"), _("Share")], table,
                scale_max=charts.nice_max(max(s["n"] for s in stops)), percent=False))
        return charts.section("stops", _("Where learners stop"), figures,
                              intro=_("Learners who started an attempt and have not finished it.")
                              if figures else "",
                              empty=_("No learner has an unfinished attempt."))

    # --- handlers ----------------------------------------------------------------------------
    @json_action
    def staff_analytics(self, data, suffix=""):  # pylint: disable=unused-argument
        self.require_staff()
        return self._analytics(self._analytics_scope(data))

    @XBlock.handler
    def staff_analytics_csv(self, request, suffix=""):  # pylint: disable=unused-argument
        """The analytics as CSV: one line per table cell (section, table, row, column,
        value), numbers as numbers; UTF-8 with a BOM, formula injection escaped (GET)."""
        from . import staff_queries

        _ = self.gettext

        def error(status: int, message: str) -> Response:
            return Response(json.dumps({"error": message}), status_code=status,
                            content_type="application/json", charset="utf8")

        if not self.is_course_staff:
            return error(403, _("Only course staff can do this."))
        separator = request.GET.get("sep", ",")
        if separator not in (",", ";"):
            return error(400, _("The separator must be \",\" or \";\"."))
        try:
            scope = self._analytics_scope({"cohort": request.GET.get("cohort", "")})
        except ActionError as exc:
            return error(exc.status, exc.text(_))
        report = self._analytics(scope)
        header = [_("Section"), _("Table"), _("Row"), _("Column"), _("Value")]
        name = re.sub(r"[^A-Za-z0-9_-]+", "-", self.scope_ids.block_type).strip("-") or "block"
        response = Response(status_code=200, content_type="text/csv", charset="utf-8")
        response.app_iter = staff_queries.csv_stream(header, self._csv_lines(report, separator == ";"),
                                                     separator)
        response.headers["Content-Disposition"] = f'attachment; filename="{name}-analytics.csv"'
        response.headers["Cache-Control"] = "no-store"
        return response

    def _csv_lines(self, report: dict[str, Any], decimal_comma: bool) -> Iterator[list[Any]]:
        _ = self.gettext

        def value(cell: Any) -> Any:
            if isinstance(cell, dict):
                number = cell.get("v")
                if isinstance(number, (int, float)) and not isinstance(number, bool):
                    if isinstance(number, float) and number.is_integer():
                        number = int(number)
                    return str(number).replace(".", ",") if decimal_comma else number
                return cell.get("t", "")
            return cell

        scope = report["scope"]["label"]
        yield [_("Scope"), "", _("Cohort"), "", scope]
        for key in ("total", "finished", "active"):
            yield [_("Scope"), "", _("Learners"), key, report["counts"][key]]
        needs = report["needs"]
        title = _("Training needs")
        for item in needs["items"]:
            yield [title, needs["scope"], item["label"], _("Average (%)"),
                   value({"v": item["percent"]})]
            yield [title, needs["scope"], item["label"], _("Learners"), item["learners"]]
            if item.get("awaiting"):
                yield [title, needs["scope"], item["label"], _("Learners awaiting grading"),
                       item["awaiting"]]
            for evidence in item["evidence"]:
                yield [title, item["label"], evidence["label"], _("Average (%)"),
                       value({"v": evidence["percent"]})]
        for section in report["sections"]:
            for fig in section["figures"]:
                columns = fig["table"]["columns"]
                for row in fig["table"]["rows"]:
                    label = value(row[0]) if row else ""
                    for column, cell in zip(columns[1:], row[1:]):
                        yield [section["title"], fig["title"], label, column, value(cell)]
