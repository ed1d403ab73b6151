"""Training needs for the whole course, in every block's staff panel ("Course training needs").

Gathers every block of this package in the block's course (``course_id_str``: the course
key the review rows and the analytics totals carry) from the running totals
(``review.api.course``: a fixed number of GROUP BY queries, so the cost follows the
course's content and cohorts, not its learners). Per competency and cohort: the average
by the per-block rule (``shell.analytics``: the mean of learners' results, Σ ratio_sum ÷
Σ ratio_n, items awaiting a staff grade left out), the learner results and the items
behind it, and the weakest competencies with the blocks and items that pull them down.

How learners are counted: the totals hold, per block, how many learners have a result on
a competency, not who they are. Across blocks these numbers add up to *learner results*:
a learner counts once in each exercise where they have a result. The views label the
number so ("Learner results (one per learner and exercise)") rather than pretend to count
distinct people, which would need a scan over learners.

Block titles for the evidence: the block's own display name; for the course's other
blocks the LMS's modulestore (xmodule/modulestore/split_mongo/split.py ``get_item``: the
course structure, cached per request; no SQL), imported only where it exists; the usage
key's block id otherwise (the workbench, or a block the modulestore no longer has).

Handlers (staff only, the same check as every staff handler; a learner gets 403):

* ``staff_course_needs`` — {"cohort": name | "__none__" | ""} → the figure (chart and
  table), the weakest competencies with their evidence, the awaiting counts.
* ``staff_course_needs_csv`` — the same numbers as CSV (GET ``sep``, ``cohort``), streamed,
  UTF-8 with a BOM, formula injection escaped (``csv_export``); no learner in it.
"""
from __future__ import annotations

import hashlib
import logging
from collections.abc import Iterator
from typing import Any

from xblock.core import XBlock

from ..core import charts
from ..core.charts import Bar, Ctx
from ..core.formatting import format_percent, round_to
from ..core.i18n import N_
from ..review import api
from . import csv_export
from .analytics import MAX_COHORT_COLUMNS, MAX_NEEDS, NEEDS_THRESHOLD, NO_COHORT, cohort_filter
from .handlers import json_action

log = logging.getLogger(__name__)

MAX_COURSE_EVIDENCE = 5
MSG_UNKNOWN_COURSE_COHORT = N_("There is no cohort \"{cohort}\" with results in this course.")
MSG_UNKNOWN_COURSE_FILTER = N_("Unknown filter \"{field}\": the course view can be filtered by "
                               "cohort only.")


def scored_kinds() -> tuple[str, ...]:
    """Every kind of fact that carries an item's points, in all three blocks (the per-item
    rows of the evidence)."""
    from ..case_study import facts as case_facts
    from ..digital_service import facts as desk_facts
    from ..simulation import facts as sim_facts

    kinds: list[str] = []
    for module in (case_facts, desk_facts, sim_facts):
        kinds += [kind for kind in module.SCORED_KINDS if kind not in kinds]
    return tuple(kinds)


def block_id_of(usage_key: str) -> str:
    """The block id of a usage key (what course export names ``url_name``); the text
    itself when it is not an opaque key (the workbench's ids)."""
    try:
        from opaque_keys.edx.keys import UsageKey

        return str(UsageKey.from_string(usage_key).block_id)
    except Exception:
        return usage_key


def _ratio(total: float, count: int) -> float | None:
    return total / count if count else None


class CourseNeedsMixin:
    """The course view's two handlers (see the module docstring)."""

    # --- scope ---------------------------------------------------------------------------
    def _course_scope(self, data: dict[str, Any], scores: list[dict[str, Any]]) -> str | None:
        """None (every learner), "" (without a cohort) or a cohort with results in the
        course; anything else is 400."""
        return cohort_filter(data, MSG_UNKNOWN_COURSE_FILTER, MSG_UNKNOWN_COURSE_COHORT,
                             lambda cohort: cohort in {row["cohort"] for row in scores})

    # --- the blocks behind the evidence --------------------------------------------------
    def _course_blocks(self, keys: set[str]) -> dict[str, Any]:
        """The course's other blocks of this package, as the LMS's modulestore has them
        (``get_item``: from the course structure it caches); none where there is no
        modulestore (the workbench) or it does not know a key."""
        found: dict[str, Any] = {}
        others = sorted(keys - {self.usage_id_str})
        if not others:
            return found
        try:  # pragma: no cover - LMS and Studio only
            from opaque_keys.edx.keys import UsageKey
            from xmodule.modulestore.django import modulestore
        except ImportError:
            return found
        try:  # pragma: no cover - LMS and Studio only
            store = modulestore()
            for key in others:
                try:
                    found[key] = store.get_item(UsageKey.from_string(key))
                except Exception:
                    log.debug("No block %s in the modulestore", key)
        except Exception:  # pragma: no cover
            log.exception("Could not read the course's blocks from the modulestore")
        return found

    def _block_title(self, key: str, blocks: dict[str, Any]) -> str:
        if key == self.usage_id_str:
            return self.display_name or self.gettext(self.DISPLAY_NAME)
        block = blocks.get(key)
        title = getattr(block, "display_name", "") if block is not None else ""
        return str(title) if title else block_id_of(key)

    def _item_label(self, key: str, kind: str, item_id: str, blocks: dict[str, Any]) -> str:
        block = self if key == self.usage_id_str else blocks.get(key)
        if block is not None:
            try:
                label = block.core.facts.item_label(block.content_model, kind, item_id, self.gettext)
                if label:
                    return str(label)
            except Exception:
                log.debug("No label for %s %s of %s", kind, item_id, key)
        return item_id

    def _course_competency_label(self, cid: str, blocks: dict[str, Any]) -> str:
        label = self._competency_label(cid)
        if label != cid:
            return label
        for block in blocks.values():
            try:
                declared = block.core.declared_competencies(block.content_model)
            except Exception:
                continue
            if cid in declared:
                return str(declared[cid])
        return label

    # --- the numbers -----------------------------------------------------------------------
    def _course_needs(self, data: dict[str, Any]) -> dict[str, Any]:
        _ = self.gettext
        course_key = self.course_id_str
        score_rows = api.course.scores(course_key)
        scope = self._course_scope(data, score_rows)
        scope_label = self._scope_label(scope)
        in_scope = [row for row in score_rows if scope is None or row["cohort"] == scope]
        pending = sum(row["learners"] for row in in_scope if row["value"] == "pending")
        finished = sum(row["learners"] for row in in_scope)
        block_keys = {row["usage_key"] for row in in_scope}
        rows = api.course.competencies(course_key, scope)
        overall: dict[str, list[float]] = {}  # cid -> [ratio_sum, results, awaiting]
        cohorts: dict[str, dict[str, list[float]]] = {}
        exercises: dict[str, set[str]] = {}
        for row in rows:
            cid = row["item_id"]
            entry = overall.setdefault(cid, [0.0, 0, 0])
            entry[0] += row["ratio_sum"] or 0.0
            entry[1] += row["results"] or 0
            if row["value"] == api.course.AWAITING:
                entry[2] += row["learners"]
            if row["results"]:
                exercises.setdefault(cid, set()).add(row["usage_key"])
                per = cohorts.setdefault(row["cohort"], {}).setdefault(cid, [0.0, 0, 0])
                per[0] += row["ratio_sum"] or 0.0
                per[1] += row["results"]
        items = api.course.items(course_key, scored_kinds(), scope)
        behind: dict[str, list[dict[str, Any]]] = {}
        for item in items:
            behind.setdefault(item["competency"], []).append(item)
        ranked = sorted(((cid, _ratio(v[0], int(v[1]))) for cid, v in overall.items() if v[1]),
                        key=lambda t: (t[1] or 0.0, t[0]))
        weak = [cid for cid, ratio in ranked if (ratio or 0.0) < NEEDS_THRESHOLD][:MAX_NEEDS]
        evidence_keys = {e["usage_key"] for cid in weak for e in behind.get(cid, [])}
        blocks = self._course_blocks(evidence_keys | block_keys)
        labels = {cid: self._course_competency_label(cid, blocks) for cid in overall}
        competencies = [{
            "id": cid, "label": labels[cid], "ratio": ratio,
            "percent": round_to((ratio or 0.0) * 100, 1),
            "percent_text": format_percent(ratio or 0.0, self.language),
            "results": int(overall[cid][1]), "awaiting": int(overall[cid][2]),
            "items": len({(e["usage_key"], e["kind"], e["item_id"]) for e in behind.get(cid, [])}),
            "exercises": len(exercises.get(cid, ())),
        } for cid, ratio in ranked]
        waiting_only = sorted(cid for cid, v in overall.items() if not v[1] and v[2])
        needs = self._course_needs_items(competencies, weak, behind, blocks)
        ctx = Ctx(gettext=_, locale=self.language, plural=self.ngettext,
                  prefix="asn-cn-" + hashlib.sha1(self.usage_id_str.encode("utf-8")).hexdigest()[:8])
        cohort_names = sorted(cohorts, key=lambda c: (c == "", c))[:MAX_COHORT_COLUMNS] \
            if scope is None and len(cohorts) > 1 else []
        figure = self._course_figure(ctx, scope_label, competencies, waiting_only, overall,
                                     cohorts, cohort_names) if competencies or waiting_only else None
        summary = self.ngettext(
            "{count} exercise of this course has results.",
            "{count} exercises of this course have results.", len(block_keys)).format(count=len(block_keys))
        summary += " " + _("Learners with a finished attempt, added over the exercises: "
                           "{count}.").format(count=finished)
        awaiting_text = ""
        if pending:
            awaiting_text = self.ngettext(
                "Awaiting grading: {count} learner result is left out of these averages until "
                "it is graded.",
                "Awaiting grading: {count} learner results are left out of these averages until "
                "they are graded.", pending).format(count=pending)
        return {
            "scope": {"cohort": NO_COHORT if scope == "" else (scope or ""), "label": scope_label},
            "cohorts": sorted({row["cohort"] for row in score_rows if row["cohort"]}),
            "exercises": len(block_keys),
            "summary": summary,
            "basis": _("A learner's result on a competency is the points earned ÷ possible on the "
                       "items of one exercise tagged with it; items awaiting a staff grade are "
                       "left out until they are graded. The average is the mean of these results. "
                       "A learner counts once in each exercise where they have a result, so "
                       "\"learner results\" may count one person more than once."),
            "awaiting": pending,
            "awaiting_text": awaiting_text,
            "needs": needs,
            "competencies": [{k: v for k, v in c.items() if k != "ratio"} for c in competencies],
            "figure": figure,
            "empty": "" if figure else _("No competency results yet in this course."),
        }

    def _course_needs_items(self, competencies: list[dict[str, Any]], weak: list[str],
                            behind: dict[str, list[dict[str, Any]]],
                            blocks: dict[str, Any]) -> dict[str, Any]:
        _ = self.gettext
        threshold = format_percent(NEEDS_THRESHOLD, self.language)
        by_id = {c["id"]: c for c in competencies}
        out = []
        for cid in weak:
            entry = by_id[cid]
            evidence = sorted(behind.get(cid, []),
                              key=lambda e: (e["ratio_sum"] / e["answers"], e["usage_key"], e["item_id"]))
            shown = []
            for e in evidence[:MAX_COURSE_EVIDENCE]:
                ratio = e["ratio_sum"] / e["answers"]
                title = self._block_title(e["usage_key"], blocks)
                label = self._item_label(e["usage_key"], e["kind"], e["item_id"], blocks)
                shown.append({
                    "exercise": title, "item": label, "answers": e["answers"],
                    "percent": round_to(ratio * 100, 1),
                    "percent_text": format_percent(ratio, self.language),
                    "text": self.ngettext(
                        "{exercise} — {item}: {percent} on average ({count} answer)",
                        "{exercise} — {item}: {percent} on average ({count} answers)",
                        e["answers"]).format(exercise=title, item=label, count=e["answers"],
                                             percent=format_percent(ratio, self.language)),
                })
            text = self.ngettext(
                "{percent} on average over {count} learner result",
                "{percent} on average over {count} learner results",
                entry["results"]).format(percent=entry["percent_text"], count=entry["results"])
            text += "; " + self.ngettext("{count} item", "{count} items", entry["items"]).format(
                count=entry["items"])
            if entry["awaiting"]:
                text += "; " + self.ngettext(
                    "{count} result has items awaiting grading (not counted)",
                    "{count} results have items awaiting grading (not counted)",
                    entry["awaiting"]).format(count=entry["awaiting"])
            out.append({**{k: v for k, v in entry.items() if k != "ratio"}, "text": text,
                        "evidence": shown})
        if not competencies:
            text = _("No competency results yet: nobody in this course has finished an attempt "
                     "on items tagged with a competency.")
        elif out:
            text = self.ngettext(
                "{count} competency is below {threshold} in this course. Plan training for it "
                "first.",
                "{count} competencies are below {threshold} in this course. Plan training for "
                "these first.", len(out)).format(count=len(out), threshold=threshold)
        else:
            weakest = competencies[0]
            text = _("No competency is below {threshold} in this course. The weakest is {label} "
                     "at {percent}.").format(threshold=threshold, label=weakest["label"],
                                             percent=weakest["percent_text"])
        return {"threshold": round(NEEDS_THRESHOLD * 100), "threshold_text": threshold,
                "text": text, "items": out}

    def _course_figure(self, ctx: Ctx, scope_label: str, competencies: list[dict[str, Any]],
                       waiting_only: list[str], overall: dict[str, list[float]],
                       cohorts: dict[str, dict[str, list[float]]],
                       cohort_names: list[str]) -> dict[str, Any]:
        _ = self.gettext
        threshold = ctx.percent_text(NEEDS_THRESHOLD)
        columns = [_("Competency"), _("{scope}: average").format(scope=scope_label),
                   _("Learner results (one per learner and exercise)"), _("Items"),
                   _("Exercises"), _("Results with items awaiting grading")]
        for name in cohort_names:
            label = name or _("No cohort")
            columns += [_("{scope}: average").format(scope=label),
                        _("{scope}: learner results").format(scope=label)]
        bars, rows = [], []
        for entry in competencies:
            ratio = entry["ratio"] or 0.0
            weak = ratio < NEEDS_THRESHOLD
            label = ("⚠ " if weak else "") + entry["label"]
            bars.append(Bar(label, ratio * 100, _("{percent} (n={count})").format(
                percent=entry["percent_text"], count=entry["results"]), weak))
            line = [label, ctx.pct(ratio), charts.cell(entry["results"], str(entry["results"])),
                    charts.cell(entry["items"], str(entry["items"])),
                    charts.cell(entry["exercises"], str(entry["exercises"])),
                    charts.cell(entry["awaiting"], str(entry["awaiting"]))]
            for name in cohort_names:
                value = cohorts.get(name, {}).get(entry["id"])
                line += [ctx.pct(_ratio(value[0], int(value[1]))) if value else charts.cell(None, "—"),
                         charts.cell(int(value[1]) if value else 0, str(int(value[1]) if value else 0))]
            rows.append(line)
        for cid in waiting_only:  # nothing of it counted yet
            line = [self._competency_label(cid), charts.cell(None, _("awaiting grading")),
                    charts.cell(0, "0"), charts.cell(0, "0"), charts.cell(0, "0"),
                    charts.cell(int(overall[cid][2]), str(int(overall[cid][2])))]
            for _name in cohort_names:
                line += [charts.cell(None, "—"), charts.cell(0, "0")]
            rows.append(line)
        title = _("Average result per competency in this course")
        return ctx.bar_figure(
            "course-competencies", title,
            _("Average result per competency over every exercise of this course for {scope}, "
              "weakest first, with the number of learner results (n). The dashed line is the "
              "{threshold} threshold; competencies below it are hatched and marked ⚠. The table "
              "gives the same numbers.").format(scope=scope_label, threshold=threshold),
            bars, columns, rows,
            _("A learner counts once in each exercise where they have a result."),
            threshold=NEEDS_THRESHOLD * 100,
            threshold_label=_("{threshold} threshold").format(threshold=threshold),
            legend=_("Hatched, ⚠: below {threshold}").format(threshold=threshold)
            if any(b.flagged for b in bars) else "")

    # --- handlers ----------------------------------------------------------------------------
    @json_action
    def staff_course_needs(self, data, suffix=""):
        self.require_staff()
        return self._course_needs(data)

    @XBlock.handler
    def staff_course_needs_csv(self, request, suffix=""):
        """The course view as CSV: one line per number (section, table, row, column, value);
        UTF-8 with a BOM, formula injection escaped, streamed (GET)."""
        _ = self.gettext

        def make(decimal_comma: bool):
            report = self._course_needs({"cohort": request.GET.get("cohort", "")})
            header = [_("Section"), _("Table"), _("Row"), _("Column"), _("Value")]
            return header, self._course_csv_lines(report, decimal_comma)

        return csv_export.staff_download(self, request, make, block_id_of(self.course_id_str) or "course",
                                         "training-needs")

    def _course_csv_lines(self, report: dict[str, Any], decimal_comma: bool) -> Iterator[list[Any]]:
        _ = self.gettext

        def value(cell: Any) -> Any:
            return csv_export.report_cell(cell, decimal_comma)

        scope = report["scope"]["label"]
        yield [_("Scope"), "", _("Cohort"), "", scope]
        yield [_("Scope"), "", _("Exercises"), "", report["exercises"]]
        yield [_("Scope"), "", _("Results awaiting grading"), "", report["awaiting"]]
        title = _("Training needs")
        for item in report["needs"]["items"]:
            yield [title, scope, item["label"], _("Average (%)"), value({"v": item["percent"]})]
            yield [title, scope, item["label"], _("Learner results (one per learner and exercise)"),
                   item["results"]]
            for evidence in item["evidence"]:
                row = f"{evidence['exercise']} — {evidence['item']}"
                yield [title, item["label"], row, _("Average (%)"), value({"v": evidence["percent"]})]
                yield [title, item["label"], row, _("Answers"), evidence["answers"]]
        figure = report["figure"]
        if figure:
            columns = figure["table"]["columns"]
            for row in figure["table"]["rows"]:
                label = value(row[0]) if row else ""
                for column, cell in zip(columns[1:], row[1:]):
                    yield [figure["title"], "", label, column, value(cell)]
