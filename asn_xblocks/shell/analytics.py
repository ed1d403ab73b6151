"""Cohort analytics for staff: what learners did, as charts, tables and training needs.

Facts (``review.models.AttemptFact``) are written in the learner's own request when an
attempt finishes (``_record_facts``, from the block's pure ``facts.py``; the learner's older
facts are replaced, so each learner counts once, with the **latest finished attempt**),
and rebuilt when staff grade a reflection. Staff views then run a fixed number of GROUP BY
queries over them (one per fact kind, plus competencies, evidence, scores and where
learners stop): the work per request depends on the content, not on the number of
learners, beyond what the database aggregates.

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
from ..core.actions import ActionError
from ..core.charts import Bar, Ctx
from ..core.formatting import format_percent
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


def _stat_row(entry: dict[str, Any], fields: tuple[str, ...], extra: tuple[str, ...]) -> dict[str, Any]:
    row = {name: entry[name] for name in fields}
    row.update(n=entry["n"], scored=entry["scored"], earned=entry["earned_sum"],
               possible=entry["possible_sum"], ratio=entry["ratio"])
    for name in extra:
        row[name] = entry[f"{name}_min"]
    return row


def kind_stats(facts, kind: str, fields: tuple[str, ...], extra: tuple[str, ...] = (),
               top: int | None = None) -> list[dict[str, Any]]:
    """One GROUP BY over the facts of ``kind``: count, known points, mean ratio."""
    from django.db.models import Avg, Count, Min, Sum

    query = (facts.filter(kind=kind).values(*fields).order_by()
             .annotate(n=Count("id"), scored=Count("earned"), earned_sum=Sum("earned"),
                       possible_sum=Sum("possible"), ratio=Avg(_ratio()),
                       **{f"{name}_min": Min(name) for name in extra}))
    if top:
        query = query.order_by("-n", *fields)[:top]
    return [_stat_row(entry, fields, extra) for entry in query]


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
    """Facts written at attempt end and the two staff analytics handlers."""

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
        attempt): one DELETE and one bulk INSERT. A fault in computing them is logged and
        never fails the learner's submission or the staff grade."""
        models = _models()
        try:
            items = list(self._facts_module().facts(self.content_model, source, grades))
        except Exception:  # pylint: disable=broad-except
            log.exception("Could not compute the analytics facts of attempt %s", record.pk)
            items = []
        items.append({"kind": "score", "value": "pending" if record.pending else "final",
                      "step": score_position(record.fraction), "earned": record.raw_earned,
                      "possible": record.raw_possible})
        models.AttemptFact.objects.filter(review_id=row.pk).delete()
        models.AttemptFact.objects.bulk_create(
            [models.AttemptFact(usage_key=row.usage_key, cohort=row.cohort or "", review_id=row.pk,
                                attempt_id=record.pk, **clean_fact(item)) for item in items],
            batch_size=500)

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
        if not _models().LearnerReview.objects.filter(usage_key=self.usage_key, cohort=value).exists():
            raise ActionError(400, MSG_UNKNOWN_COHORT, cohort=value[:60])
        return value

    def _scope_label(self, scope: str | None) -> str:
        if scope is None:
            return self.gettext("All learners")
        if scope == "":
            return self.gettext("Learners without a cohort")
        return scope

    def _chart_prefix(self) -> str:
        return "asn-an-" + hashlib.sha1(self.usage_key.encode("utf-8")).hexdigest()[:8]

    def _analytics(self, scope: str | None) -> dict[str, Any]:
        from django.db.models import Count, Q

        from . import staff_queries

        models = _models()
        _ = self.gettext
        content = self.content_model
        module = self._facts_module()
        ctx = Ctx(gettext=_, locale=self.language, prefix=self._chart_prefix())
        facts = models.AttemptFact.objects.filter(usage_key=self.usage_key)
        rows = models.LearnerReview.objects.filter(usage_key=self.usage_key)
        if scope is not None:
            facts = facts.filter(cohort=scope)
            rows = rows.filter(cohort=scope)
        counts = rows.aggregate(total=Count("id"), finished=Count("id", filter=Q(attempts__gt=0)),
                                active=Count("id", filter=~Q(position="")))
        stats = {kind: kind_stats(facts, kind, fields, getattr(module, "EXTRA", {}).get(kind, ()),
                                  getattr(module, "TOP", {}).get(kind))
                 for kind, fields in module.GROUPS.items()}
        competencies = self._competency_stats(facts, scope)
        needs = self._needs(content, module, facts, scope, competencies)
        sections = [self._competency_section(ctx, scope, competencies),
                    self._score_section(ctx, facts)]
        sections += module.sections(content, stats, ctx)
        sections.append(self._stops_section(ctx, content, module, rows))
        summary = _("Learners: {total}. Finished at least one attempt: {finished}. With an "
                    "attempt under way: {active}.").format(**counts)
        return {
            "block_type": self.scope_ids.block_type,
            "scope": {"cohort": NO_COHORT if scope == "" else (scope or ""),
                      "label": self._scope_label(scope)},
            "cohorts": staff_queries.cohorts(self.usage_key),
            "counts": counts,
            "summary": summary,
            "basis": _("Each learner counts once, with their latest finished attempt. Score "
                       "overrides change the gradebook, not these results."),
            "needs": needs,
            "sections": sections,
        }

    # --- competencies and training needs --------------------------------------------------
    def _competency_stats(self, facts, scope: str | None) -> dict[str, Any]:
        """Per competency: the mean of each learner's points earned ÷ possible on the items
        tagged with it, and how many learners that is — for the scope, and per cohort."""
        from django.db.models import Avg, Count

        overall = {e["item_id"]: (e["ratio"], e["n"]) for e in facts.filter(kind="competency")
                   .values("item_id").order_by().annotate(n=Count("id"), ratio=Avg(_ratio()))}
        per_cohort: dict[str, dict[str, tuple[float, int]]] = {}
        if scope is None:
            for e in (facts.filter(kind="competency").values("item_id", "cohort").order_by()
                      .annotate(n=Count("id"), ratio=Avg(_ratio()))):
                per_cohort.setdefault(e["cohort"], {})[e["item_id"]] = (e["ratio"], e["n"])
            if len(per_cohort) < 2:
                per_cohort = {}
        return {"overall": overall, "cohorts": per_cohort}

    def _needs(self, content, module, facts, scope: str | None, competencies) -> dict[str, Any]:
        """The weakest competencies below the threshold, each with the items behind it."""
        from django.db.models import Avg, Count

        _ = self.gettext
        overall = competencies["overall"]
        threshold = format_percent(NEEDS_THRESHOLD, self.language)
        scope_label = self._scope_label(scope)
        ranked = sorted(((cid, ratio or 0.0, n) for cid, (ratio, n) in overall.items()),
                        key=lambda t: (t[1], t[0]))
        weak = [entry for entry in ranked if entry[1] < NEEDS_THRESHOLD][:MAX_NEEDS]
        evidence: dict[str, list[dict[str, Any]]] = {}
        if weak:
            query = (facts.filter(kind__in=module.SCORED_KINDS, earned__isnull=False,
                                  competency__in=[cid for cid, _r, _n in weak])
                     .values("competency", "kind", "item_id").order_by()
                     .annotate(scored=Count("earned"), n=Count("review_id", distinct=True),
                               ratio=Avg(_ratio())))
            for entry in query:
                if entry["scored"]:
                    evidence.setdefault(entry["competency"], []).append(entry)
        items = []
        for cid, ratio, learners in weak:
            behind = sorted(evidence.get(cid, []), key=lambda e: (e["ratio"] or 0.0, e["item_id"]))
            items.append({
                "id": cid, "label": self._competency_label(cid),
                "percent": round(ratio * 100, 1), "percent_text": format_percent(ratio, self.language),
                "learners": learners,
                "text": self.ngettext("{percent} on average, {count} learner",
                                      "{percent} on average, {count} learners", learners).format(
                    percent=format_percent(ratio, self.language), count=learners),
                "evidence": [{
                    "label": module.item_label(content, e["kind"], e["item_id"], _),
                    "percent": round((e["ratio"] or 0.0) * 100, 1),
                    "percent_text": format_percent(e["ratio"] or 0.0, self.language),
                    "learners": e["n"],
                    "text": self.ngettext("{item}: {percent} on average ({count} learner)",
                                          "{item}: {percent} on average ({count} learners)",
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
            text = _("{scope}: no competency is below {threshold}. The weakest is {label} at "
                     "{percent} ({count} learners).").format(
                scope=scope_label, threshold=threshold, label=self._competency_label(cid),
                percent=format_percent(ratio, self.language), count=learners)
        return {"threshold": round(NEEDS_THRESHOLD * 100), "threshold_text": threshold,
                "scope": scope_label, "text": text, "items": items}

    def _competency_section(self, ctx: Ctx, scope: str | None, competencies) -> dict[str, Any]:
        _ = self.gettext
        overall = competencies["overall"]
        cohorts = competencies["cohorts"]
        title = _("Average result per competency")
        if not overall:
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
        bars, rows = [], []
        for cid, (ratio, learners) in ranked:
            ratio = ratio or 0.0
            weak = ratio < NEEDS_THRESHOLD
            label = ("⚠ " if weak else "") + self._competency_label(cid)
            bars.append(Bar(label, ratio * 100, _("{percent} (n={count})").format(
                percent=ctx.percent_text(ratio), count=learners), weak))
            line = [label, ctx.pct(ratio), charts.cell(learners, str(learners))]
            for name in names:
                value = cohorts[name].get(cid)
                line += [ctx.pct(value[0]) if value else charts.cell(None, "—"),
                         charts.cell(value[1], str(value[1])) if value else charts.cell(0, "0")]
            rows.append(line)
        threshold = ctx.percent_text(NEEDS_THRESHOLD)
        chart_id = ctx.chart_id("competencies")
        svg = charts.bar_chart(
            bars, chart_id, title,
            _("Average result per competency for {scope}, weakest first, with the number of "
              "learners (n). The dashed line is the {threshold} threshold; competencies below it "
              "are hatched and marked ⚠. The table gives the numbers per cohort.").format(
                scope=scope_label, threshold=threshold),
            threshold=NEEDS_THRESHOLD * 100,
            threshold_label=_("{threshold} threshold").format(threshold=threshold),
            legend=_("Hatched, ⚠: below {threshold}").format(threshold=threshold)
            if any(b.flagged for b in bars) else "", locale=ctx.locale)
        note = _("A learner's result on a competency is the points earned ÷ possible on the items "
                 "tagged with it; the average is over learners.")
        return charts.section("competencies", _("Competencies"),
                              [charts.figure(chart_id, title, svg, columns, rows, note)])

    # --- scores and where learners stop -----------------------------------------------------
    def _score_section(self, ctx: Ctx, facts) -> dict[str, Any]:
        _ = self.gettext
        stats = kind_stats(facts, "score", ("value", "step"))
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
            label = f"{low}–{high}%"
            fraction = n / total
            bars.append(Bar(label, n, f"{n} ({ctx.percent_text(fraction)})"))
            rows.append([label, charts.cell(n, str(n)), ctx.pct(fraction)])
        title = _("Score distribution")
        chart_id = ctx.chart_id("scores")
        svg = charts.bar_chart(bars, chart_id, title,
                               _("How many learners' latest finished attempts scored in each "
                                 "range. The table gives the same numbers."),
                               scale_max=charts.nice_max(biggest), percent=False, locale=ctx.locale)
        note = _("{count} learners; average score {average}.").format(
            count=total, average=ctx.percent_text(average))
        return charts.section("scores", _("Scores"), [charts.figure(
            chart_id, title, svg, [_("Score"), _("Learners"), _("Share")], rows, note)], intro=intro)

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
            chart_id = ctx.chart_id("stops")
            svg = charts.bar_chart(bars, chart_id, title,
                                   _("Learners with an attempt under way, by the place they "
                                     "reached. The table gives the same numbers."),
                                   scale_max=charts.nice_max(max(s["n"] for s in stops)),
                                   percent=False, locale=ctx.locale)
            figures.append(charts.figure(chart_id, title, svg,
                                         [_("Place"), _("Learners"), _("Share")], table))
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
