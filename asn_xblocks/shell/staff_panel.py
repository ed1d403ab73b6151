"""Instructor review inside each block (course staff only, checked on the server): the
learners table and the drill-down, and the views of rows every staff handler shares.

Handlers (every one starts with ``require_staff()``; a learner gets 403):

* ``staff_learners`` — the learners table: sort, filter (status, cohort, name), page; SQL.
* ``staff_learner`` — drill-down on one learner: every finished attempt, readable.

The other staff handlers, in their own modules: the grading queue and grades
(``staff_grading``), score overrides (``staff_overrides``), the CSV and the LMS's Problem
Responses report (``staff_export``), the course's training needs (``course_needs``) and the
moderation of shared answers (``staff_sharing``; its tab shows when ``sharing``). Staff
requests act on *another* learner's review row; the gradebook follows through the
platform's rescore of that learner (``regrade``). The review app is read and written only
through its API (``review.api``).
"""
from __future__ import annotations

import datetime as dt
import logging
from typing import Any

from ..core import competencies as catalogue
from ..core.formatting import format_date, format_number, format_percent
from ..core.i18n import N_
from ..core.scoring import points_earned
from ..review import api
from . import staff_params
from .handlers import json_action

log = logging.getLogger(__name__)

MAX_COMMENT_CHARS = 5000
MAX_REASON_CHARS = 1000
MAX_ATTEMPTS_SHOWN = 50

STATUS_LABELS = {
    "in_progress": N_("In progress"),
    "awaiting_grading": N_("Awaiting grading"),
    "finished": N_("Finished"),
}

MSG_UNKNOWN_ATTEMPT = N_("This learner has no finished attempt {number}.")
MSG_NOT_LATEST = N_("Only the latest finished attempt is graded; this learner has a newer one. "
                    "Reload the grading queue.")
MSG_NOT_STAFF_ITEM = N_("\"{item}\" is not a reflection graded by staff in this attempt.")
MSG_GRADED_FIRST = N_("{name} graded this reflection first ({when}). Their grade is shown now; "
                      "change it and save again if you want to regrade.")
MSG_GRADE_GONE = N_("This reflection's grade changed while you were working. Reload the "
                    "grading form and try again.")
MSG_ROW_CHANGED = N_("This learner's score changed while you were working (a grade or an "
                     "override was saved by someone else). The current values are shown now; "
                     "check them and try again.")








def staff_item_ids(answer: Any) -> list[str]:
    """Ids of the staff-graded items the shell listed in an attempt record."""
    value = answer.get("staff_items") if isinstance(answer, dict) else None
    return [v for v in value if isinstance(v, str)] if isinstance(value, list) else []


class StaffPanelMixin:
    """Staff handlers shared by the three blocks (see the module docstring)."""

    # --- helpers -------------------------------------------------------------------------
    def _staff_grading(self) -> bool:
        """True when this block has items graded by staff (the grading queue)."""
        return bool(self.core.staff_graded(self.content_model))

    def _shares_answers(self) -> bool:
        """True when a reflection of this block lets learners share their answer (the
        "Shared answers" tab); read from the content, no query."""
        try:
            reflections = getattr(self.content_model, "reflections", None)
            found = reflections() if callable(reflections) else (reflections or [])
            return any(getattr(item, "shareable", False) for item in found)
        except Exception:
            log.exception("Could not read the reflections of %s", self.usage_id_str)
            return False

    def _declared_competencies(self) -> dict[str, str]:
        return self.core.declared_competencies(self.content_model)

    def _competency_label(self, cid: str) -> str:
        return catalogue.label(cid, self._declared_competencies(), self.gettext)

    def _when(self, value: dt.datetime | None) -> str:
        """'16 March 2026, 14:05' in the server's time zone and the active language."""
        if value is None:
            return ""
        from django.utils import timezone

        if timezone.is_aware(value):
            value = timezone.localtime(value)
        return f"{format_date(value.date(), self.language)}, {value:%H:%M}"

    def _percent(self, fraction: float | None) -> str:
        return "—" if fraction is None else format_percent(fraction, self.language)

    def _points_text(self, earned: float | None, possible: float | None) -> str:
        if earned is None or not possible:
            return "—"
        return f"{format_number(earned, self.language)} / {format_number(possible, self.language)}"

    def _row_view(self, row, possible: int) -> dict[str, Any]:
        _ = self.gettext
        earned = row.override_points if row.override_points is not None else row.points_earned
        return {
            "id": row.pk,
            "learner": row.username or row.learner_id,
            "learner_id": row.learner_id,
            "cohort": row.cohort,
            "attempts": row.attempts,
            "status": row.status,
            "status_label": _(STATUS_LABELS.get(row.status, row.status)),
            "best_text": self._percent(row.best_fraction),
            "last_text": self._percent(row.last_fraction),
            "score_text": self._points_text(earned, row.points_possible or possible)
            if earned is not None else "—",
            "overridden": row.override_points is not None,
            "pending": row.pending_reflections,
            "last_activity": row.last_activity.isoformat() if row.last_activity else "",
            "last_activity_text": self._when(row.last_activity),
            "version": row.version,
        }

    def _competency_rows(self, tally: dict[str, Any]) -> list[dict[str, Any]]:
        """A stored tally as the learner view's competency rows (the one rule and format:
        ``core.competencies.result_rows``), items awaiting grading marked."""
        return catalogue.result_rows(tally, self._declared_competencies(), self.gettext,
                                     self.language)

    def _find_learner(self, data: dict):
        return staff_params.find_learner(self.usage_id_str, data.get("learner"))

    def _regrade(self, row) -> None:
        """Ask the platform to put the row's score in the gradebook for the learner of
        ``row`` (regrade.py: only the learner's own block may publish their grade). Called
        after the staff change is committed, so the rescore reads it."""
        from .regrade import request_regrade

        request_regrade(self, row)

    def _save_row(self, row, fields: list[str]) -> None:
        """Save staff changes to a row and bump its optimistic-locking version."""
        api.grades.save_row(row, fields)

    # --- the learners table --------------------------------------------------------------
    @json_action
    def staff_learners(self, data, suffix=""):
        self.require_staff()
        queries = api.queries
        query = staff_params.parse_learner_query(data)
        rows, total, page = queries.paged(queries.learners_queryset(self.usage_id_str, query),
                                          query.page)
        possible = self.max_points()
        return {
            "rows": [self._row_view(row, possible) for row in rows],
            "total": total,
            "page": page.number,
            "page_size": page.size,
            "pages": max(1, -(-total // page.size)),
            "sort": query.sort,
            "direction": "desc" if query.descending else "asc",
            "cohorts": queries.cohorts(self.usage_id_str),
            "counts": queries.status_counts(self.usage_id_str),
            "statuses": [{"id": key, "label": self.gettext(label)}
                         for key, label in STATUS_LABELS.items()],
            "max_points": possible,
            "grading": self._staff_grading(),
            "sharing": self._shares_answers(),
            "block_type": self.scope_ids.block_type,
        }

    # --- drill-down ------------------------------------------------------------------------
    @json_action
    def staff_learner(self, data, suffix=""):
        self.require_staff()
        row = self._find_learner(data)
        return self._learner_detail(row)

    def _learner_detail(self, row) -> dict[str, Any]:

        content = self.content_model
        records_module = self.core.records
        possible = self.max_points()
        counting = api.rows.counting_attempt(row, self.policy)
        records = list(api.queries.recent_attempts(row, MAX_ATTEMPTS_SHOWN))
        attempts = []
        for record in reversed(records):
            grades = api.rows.grades_for(record) if record.answer.get("staff_items") else {}
            try:
                steps = records_module.record_rows(content, record.answer, grades,
                                                   gettext=self.gettext, locale=self.language)
            except Exception:
                log.exception("Could not read attempt record %s", record.pk)
                steps = []
            attempts.append({
                "number": record.number,
                "finished_text": self._when(record.finished_at),
                "raw_text": self._points_text(record.raw_earned, record.raw_possible),
                "percent_text": self._percent(record.fraction),
                "points_text": self._points_text(points_earned(record.fraction, possible), possible),
                "pending": record.pending,
                "counts": counting is not None and counting.pk == record.pk,
                "steps": steps,
                "competencies": self._competency_rows(record.competencies),
            })
        view = self._row_view(row, possible)
        view["override"] = None if row.override_points is None else {
            "points": row.override_points, "reason": row.override_reason,
            "by": row.override_by, "at_text": self._when(row.override_at)}
        view["competencies"] = self._competency_rows(row.competencies)
        total = api.queries.attempt_count(row)
        return {"learner": view, "attempts": attempts, "max_points": possible,
                "more_attempts": max(0, total - len(records)),
                "grading": self._staff_grading() and bool(records)
                and bool(records[0].answer.get("staff_items"))}
