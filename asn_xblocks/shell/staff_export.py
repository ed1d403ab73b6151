"""Every learner's results out of the block: the staff CSV and the LMS's report.

``staff_csv`` streams one line per learner (GET; course staff only), every cell escaped
against spreadsheet formulas (``csv_export``). ``generate_report_data`` feeds the LMS's
Problem Responses report: one row per question of each learner's latest finished attempt,
from the review rows, never from learner states the LMS would have to open one by one.
"""
from __future__ import annotations

import collections
import datetime as dt
import itertools
from collections.abc import Iterator
from typing import Any

from xblock.core import XBlock

from ..core import competencies as catalogue
from ..core.engine_api import ReportRow
from ..core.formatting import format_csv_number
from ..core.i18n import N_
from ..review import api
from . import csv_export
from .staff_panel import STATUS_LABELS, log


class StaffExportMixin:
    """``staff_csv`` and ``generate_report_data``."""

    # --- CSV -------------------------------------------------------------------------------
    @XBlock.handler
    def staff_csv(self, request, suffix=""):
        """Every learner's results as CSV, streamed row by row (GET; staff only)."""
        anonymise = request.GET.get("anonymise", "") in ("1", "true", "yes")

        def make(decimal_comma: bool):
            competencies = list(self.core.summary(self.content_model).get("competencies") or [])
            rows = self._csv_rows(api.queries.iterate_rows(self.usage_id_str), anonymise, competencies,
                                  decimal_comma=decimal_comma)
            return self._csv_header(anonymise, competencies), rows

        return csv_export.staff_download(self, request, make, self.scope_ids.block_type, "results")

    def _csv_reflections(self) -> bool:
        """Whether the block can hold reflections at all (the case study): only then do the
        "Pending reflections" and "Competencies awaiting grading" columns mean something.
        The simulation and the service desk have nothing graded by staff, so their CSV
        leaves both out rather than filling them with zeros and blanks."""
        return self.core.has_staff_grading

    def _csv_header(self, anonymise: bool, competencies: list[str]) -> list[str]:
        _ = self.gettext
        reflections = self._csv_reflections()
        header = [_("Learner id")] if anonymise else [_("Learner"), _("Anonymous id")]
        header += [_("Cohort"), _("Status"), _("Attempts"), _("Best (%)"), _("Last (%)"),
                   _("Points"), _("Points possible"), _("Override")]
        if not anonymise:
            header += [_("Override reason"), _("Override by"), _("Override at")]
        if reflections:
            header.append(_("Pending reflections"))
        header.append(_("Last activity"))
        header += [_("Competency: {label} (%)").format(label=self._competency_label(cid))
                   for cid in competencies]
        if competencies and reflections:
            header.append(_("Competencies awaiting grading"))
        return header

    def _csv_rows(self, rows, anonymise: bool, competencies: list[str],
                  decimal_comma: bool) -> Iterator[list[Any]]:
        # Everything translated is looked up now: the stream may run after the request's
        # language context has ended.
        labels = {key: self.gettext(label) for key, label in STATUS_LABELS.items()}
        awaiting = self.gettext(catalogue.AWAITING_GRADING)
        competency_labels = {cid: self._competency_label(cid) for cid in competencies}
        possible_now = self.max_points()
        reflections = self._csv_reflections()

        def number(value: float | None, places: int = 1) -> str:
            return format_csv_number(value, decimal_comma, places)

        def stamp(value: dt.datetime | None) -> str:
            if value is None:
                return ""
            from django.utils import timezone

            if timezone.is_aware(value):
                value = timezone.localtime(value)
            return f"{value:%Y-%m-%d %H:%M}"

        for row in rows:
            earned = row.override_points if row.override_points is not None else row.points_earned
            line: list[Any] = [row.learner_id] if anonymise else [row.username, row.learner_id]
            line += [row.cohort, labels.get(row.status, row.status), row.attempts,
                     number(None if row.best_fraction is None else row.best_fraction * 100),
                     number(None if row.last_fraction is None else row.last_fraction * 100),
                     number(earned, 2),
                     row.points_possible or possible_now,
                     number(row.override_points, 2)]
            if not anonymise:
                line += [row.override_reason, row.override_by, stamp(row.override_at)]
            if reflections:
                line.append(row.pending_reflections)
            line.append(stamp(row.last_activity))
            # the one rule (core.competencies): items awaiting grading are not counted; a
            # competency with nothing counted yet says so, and the last column names them
            results = {r.id: r for r in catalogue.results(row.competencies)}
            for cid in competencies:
                result = results.get(cid)
                if result is None:
                    line.append("")
                elif result.fraction is None:
                    line.append(awaiting)
                else:
                    line.append(number(result.percent))
            if competencies and reflections:
                line.append("; ".join(competency_labels[cid] for cid in competencies
                                      if cid in results and results[cid].pending))
            yield line

    # --- the LMS Problem Responses report -----------------------------------------------------
    REPORT_CHUNK = 500  # learners whose review rows are read together

    def generate_report_data(self, user_state_iterator, limit_responses=None):
        """Rows (username, {"Question", "Answer", "Points"}) for the LMS's Problem Responses
        report: readable answers, one row per question/decision/request, streamed (a chunk
        of learners at a time, their review rows read in three queries).

        The LMS's ``user_state_iterator`` yields ``XBlockUserState`` items (username,
        block_key, state, updated, scope): a learner is known here by username only, so
        review rows are matched by username, and never to the wrong learner: an empty name,
        a name given twice in a chunk, or a name that more than one review row carries
        gets no row (the learner's own state still reports their current attempt). Every
        value goes through the CSV's formula escaping (``csv_export.formula_safe``): the
        LMS writes the report as CSV without it."""
        from . import state as learner_state_mod

        formula_safe = csv_export.formula_safe
        content = self.content_model
        records_module = self.core.records
        staff_grading = self._staff_grading()
        count = 0
        states = iter(user_state_iterator)
        while True:
            learners = []
            for user_state in itertools.islice(states, self.REPORT_CHUNK):
                state = learner_state_mod.peek((getattr(user_state, "state", None) or {})
                                               .get("learner_state"))
                attempt = state.get("attempt")
                started = isinstance(attempt, dict) and self._attempt_started(attempt)
                learners.append((getattr(user_state, "username", ""), attempt if started else None))
            if not learners:
                return
            names = collections.Counter(name for name, _attempt in learners
                                        if isinstance(name, str))
            # the row is needed for staff grades, for answers kept only in attempt records,
            # or for the competency results of a finished attempt
            wanted = [name for name, attempt in learners
                      if isinstance(name, str) and name and names[name] == 1
                      and (staff_grading or attempt is None or attempt.get("finished"))]
            reviews = api.rows.report_context(self.usage_id_str, wanted) if wanted else {}
            for username, attempt in learners:
                try:
                    rows = self._report_rows_for(content, records_module, attempt,
                                                 reviews.get(username), staff_grading)
                    rows += self._report_competency_rows(attempt, reviews.get(username))
                except Exception:
                    log.exception("Could not report the answers of %s", username)
                    continue
                for row in rows:
                    yield username, {"Question": formula_safe(row.question),
                                     "Answer": formula_safe(row.answer),
                                     "Points": formula_safe(row.points)}
                    count += 1
                    if limit_responses is not None and count >= limit_responses:
                        return

    def _report_rows_for(self, content, records_module, attempt: dict | None, review,
                         staff_grading: bool):
        """A learner's report rows: from the attempt in their state, else from their
        latest attempt record; ``review`` is (row, latest record, grades) or None."""
        _row, record, grades = review or (None, None, {})
        if attempt is not None:
            use = grades if staff_grading and attempt.get("finished") else {}
            return self.core.report_rows(content, attempt, use, gettext=self.gettext)
        if record is None:
            return []
        return records_module.report_rows(content, record.answer, grades if staff_grading else {},
                                          gettext=self.gettext, locale=self.language)

    def _report_competency_rows(self, attempt: dict | None, review) -> list[ReportRow]:
        """The reported attempt's competency results once it is finished, one row each
        ("Competency: Integrity" — "66.7%" — "4 / 6"), as the drill-down shows them: from
        its attempt record, by the one rule (items awaiting grading left out and the
        result marked "awaiting grading")."""
        _row, record, _grades = review or (None, None, {})
        if record is None or (attempt is not None and not attempt.get("finished")):
            return []
        rows = catalogue.result_rows(record.competencies, self._declared_competencies(),
                                     self.gettext, self.language)
        return [ReportRow(question=self.gettext(N_("Competency: {label}")).format(label=r["label"]),
                          answer=r["result_text"], points=r["points_text"]) for r in rows]

    @staticmethod
    def _attempt_started(attempt: dict) -> bool:
        """An attempt with something to report (a submitted stage, a choice, a request)."""
        return bool(attempt.get("finished") or attempt.get("submitted") or attempt.get("path"))
