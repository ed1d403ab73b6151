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
import logging
from collections.abc import Callable, Iterator
from typing import Any

from xblock.core import XBlock

from ..core import charts
from ..core import competencies as catalogue
from ..core.actions import ActionError
from ..core.charts import Bar, Ctx
from ..core.formatting import format_percent, round_to
from ..core.i18n import N_
from ..core.scoring import EPSILON
from ..review import api
from . import csv_export
from .handlers import json_action

log = logging.getLogger(__name__)

NO_COHORT = "__none__"  # the same filter value as the learners table's
NEEDS_THRESHOLD = 0.70  # a competency average below this is a training need
MAX_NEEDS = 3
MAX_EVIDENCE = 3
MAX_COHORT_COLUMNS = 8
MAX_STOPS = 15
SCORE_BUCKETS = 10
FILTER_KEYS = frozenset({"cohort"})

MSG_UNKNOWN_COHORT = N_("There is no cohort \"{cohort}\" in this exercise.")
MSG_UNKNOWN_FILTER = N_("Unknown filter \"{field}\": analytics can be filtered by cohort only.")






def score_position(fraction: float) -> int:
    """The score bucket (0 = 0–9 %, …, 9 = 90–100 %) stored in a score fact's ``step``."""
    return max(0, min(SCORE_BUCKETS - 1, int(fraction * SCORE_BUCKETS + EPSILON)))



def cohort_filter(data: dict[str, Any], unknown_filter: str, unknown_cohort: str,
                  exists: Callable[[str], bool]) -> str | None:
    """A staff view's cohort filter (the block's analytics, the course's training needs):
    None (every learner), "" (learners without a cohort) or a cohort ``exists`` knows; 400
    with ``unknown_filter`` for any other key, ``unknown_cohort`` for another cohort."""
    for key in data:
        if key not in FILTER_KEYS:
            raise ActionError(400, unknown_filter, field=str(key)[:40])
    value = data.get("cohort")
    if value is None or value == "":
        return None
    if not isinstance(value, str) or len(value) > 128:
        raise ActionError(400, N_("The field \"{field}\" must be text."), field="cohort")
    if value == NO_COHORT:
        return ""
    if not exists(value):
        raise ActionError(400, unknown_cohort, cohort=value[:60])
    return value

class AnalyticsMixin:
    """Facts written at attempt end (the block's ``clear_student_state`` takes them out
    again through the review API), and the two staff analytics handlers."""

    # --- writing facts (learner's request; staff grading) ---------------------------------
    def _attempt_position(self, attempt: dict[str, Any] | None) -> str:
        """Where an unfinished attempt stands, for "where learners stop" ("" when finished)."""
        if not isinstance(attempt, dict) or attempt.get("finished"):
            return ""
        try:
            return str(self.core.facts.position(self.content_model, attempt) or "")[:255]
        except Exception:
            log.exception("Could not read the position of an attempt")
            return ""

    def _record_facts(self, row, record, source: dict[str, Any], grades: dict[str, Any] | None = None) -> None:
        """Replace the learner's facts with those of ``record`` (their latest finished
        attempt) and move the totals by the difference. A fault in computing the facts is
        logged and never fails the learner's submission or the staff grade."""
        try:
            items = list(self.core.facts.facts(self.content_model, source, grades))
        except Exception:
            log.exception("Could not compute the analytics facts of attempt %s", record.pk)
            items = []
        items.append({"kind": "score", "value": "pending" if record.pending else "final",
                      "step": score_position(record.fraction), "earned": record.raw_earned,
                      "possible": record.raw_possible})
        api.facts.store_facts(row.usage_key, row.cohort or "", row.pk, record.pk, items,
                              course_key=row.course_key or "")

    # --- reading -------------------------------------------------------------------------
    def _analytics_scope(self, data: dict[str, Any]) -> str | None:
        """None (every learner), "" (learners without a cohort) or a cohort name; 400 for a
        cohort this block has no learner in, or any other filter."""
        return cohort_filter(data, MSG_UNKNOWN_FILTER, MSG_UNKNOWN_COHORT,
                             lambda cohort: api.facts.cohort_exists(self.usage_id_str, cohort))

    def _scope_label(self, scope: str | None) -> str:
        if scope is None:
            return self.gettext("All learners")
        if scope == "":
            return self.gettext("Learners without a cohort")
        return scope

    def _chart_prefix(self) -> str:
        return "asn-an-" + hashlib.sha1(self.usage_id_str.encode("utf-8")).hexdigest()[:8]

    def _analytics(self, scope: str | None) -> dict[str, Any]:
        _ = self.gettext
        content = self.content_model
        facts = self.core.facts
        ctx = Ctx(gettext=_, locale=self.language, prefix=self._chart_prefix(), plural=self.ngettext)
        self._ensure_tallies()
        tallies = api.facts.Totals(self.usage_id_str, scope)
        counts = tallies.learner_counts()
        stats = {kind: tallies.kind(kind, fields, facts.extra.get(kind, ()), facts.top.get(kind))
                 for kind, fields in facts.groups.items()}
        competencies = self._competency_stats(tallies, scope)
        needs = self._needs(content, facts, tallies, scope, competencies)
        sections = [self._competency_section(ctx, scope, competencies),
                    self._score_section(ctx, tallies)]
        sections += facts.sections(content, stats, ctx)
        sections.append(self._stops_section(ctx, content, facts, tallies))
        summary = _("Learners: {total}. Finished at least one attempt: {finished}. With an "
                    "attempt under way: {active}.").format(**counts)
        return {
            "block_type": self.scope_ids.block_type,
            "scope": {"cohort": NO_COHORT if scope == "" else (scope or ""),
                      "label": self._scope_label(scope)},
            "cohorts": api.queries.cohorts(self.usage_id_str),
            "counts": counts,
            "summary": summary,
            "basis": _("Each learner counts once, with their latest finished attempt. Score "
                       "overrides change the gradebook, not these results."),
            "needs": needs,
            "sections": sections,
        }

    def _ensure_tallies(self) -> None:
        """Totals out of step with the facts are rebuilt once (``ensure_tallies``)."""
        if api.facts.ensure_tallies(self.usage_id_str):
            log.warning("Rebuilt the analytics totals of %s", self.usage_id_str)

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
                   for e in tallies.kind("competency", ("item_id",)) if e["scored"]}
        awaiting = {e["item_id"]: e["n"]
                    for e in tallies.kind("competency", ("item_id", "value"))
                    if e["value"] == catalogue.AWAITING_FACT}
        per_cohort: dict[str, dict[str, tuple[float, int]]] = {}
        if scope is None:
            for e in tallies.kind("competency", ("item_id", "cohort")):
                if e["scored"]:
                    per_cohort.setdefault(e["cohort"], {})[e["item_id"]] = (e["ratio"], e["scored"])
            if len(per_cohort) < 2:
                per_cohort = {}
        return {"overall": overall, "cohorts": per_cohort, "awaiting": awaiting}

    def _awaiting_text(self, count: int) -> str:
        return self.ngettext("items of {count} learner are awaiting grading and not counted yet",
                             "items of {count} learners are awaiting grading and not counted yet",
                             count).format(count=count)

    def _needs(self, content, facts, tallies, scope: str | None, competencies) -> dict[str, Any]:
        """The weakest competencies below the threshold, each with the items behind it
        (their mean result and how many answers with known points it is over)."""
        _ = self.gettext
        overall = competencies["overall"]
        threshold = format_percent(NEEDS_THRESHOLD, self.language)
        scope_label = self._scope_label(scope)
        ranked = sorted(((cid, ratio or 0.0, n) for cid, (ratio, n) in overall.items()),
                        key=lambda t: (t[1], t[0]))
        weak = [entry for entry in ranked if entry[1] < NEEDS_THRESHOLD][:MAX_NEEDS]
        evidence: dict[str, list[dict[str, Any]]] = {}
        if weak:
            for entry in tallies.evidence(facts.scored_kinds, [cid for cid, _r, _n in weak]):
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
                    "label": facts.item_label(content, e["kind"], e["item_id"], _),
                    "percent": round_to((e["ratio"] or 0.0) * 100, 1),
                    "percent_text": format_percent(e["ratio"] or 0.0, self.language),
                    "learners": e["n"],
                    "text": self.ngettext("{item}: {percent} on average ({count} answer)",
                                          "{item}: {percent} on average ({count} answers)",
                                          e["n"]).format(
                        item=facts.item_label(content, e["kind"], e["item_id"], _),
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
        waiting = sum(e["n"] for e in tallies.kind("score", ("value",))
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
        stats = tallies.kind("score", ("value", "step"))
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
            label = f"{low}–{ctx.percent_text(high / 100)}"
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

    def _stops_section(self, ctx: Ctx, content, facts, tallies) -> dict[str, Any]:
        _ = self.gettext
        stops = tallies.stops(MAX_STOPS)
        figures = []
        if stops:
            total = sum(s["n"] for s in stops)
            bars, table = [], []
            for stop in stops:
                label = facts.position_label(content, stop["position"], _)
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
    def staff_analytics(self, data, suffix=""):
        self.require_staff()
        return self._analytics(self._analytics_scope(data))

    @XBlock.handler
    def staff_analytics_csv(self, request, suffix=""):
        """The analytics as CSV: one line per table cell (section, table, row, column,
        value), numbers as numbers; UTF-8 with a BOM, formula injection escaped (GET)."""
        _ = self.gettext

        def make(decimal_comma: bool):
            report = self._analytics(self._analytics_scope({"cohort": request.GET.get("cohort", "")}))
            header = [_("Section"), _("Table"), _("Row"), _("Column"), _("Value")]
            return header, self._csv_lines(report, decimal_comma)

        return csv_export.staff_download(self, request, make, self.scope_ids.block_type, "analytics")

    def _csv_lines(self, report: dict[str, Any], decimal_comma: bool) -> Iterator[list[Any]]:
        _ = self.gettext

        def value(cell: Any) -> Any:
            return csv_export.report_cell(cell, decimal_comma)

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
