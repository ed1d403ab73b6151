"""Instructor review inside each block (course staff only, checked on the server).

Handlers (every one starts with ``require_staff()``; a learner gets 403):

* ``staff_learners`` — the learners table: sort, filter (status, cohort, name), page; SQL.
* ``staff_learner`` — drill-down on one learner: every finished attempt, readable.
* ``staff_queue`` / ``staff_reflections`` / ``staff_grade`` — the grading queue of
  staff-graded reflections (latest finished attempt only), the rubric form, and saving a
  grade criterion by criterion with a comment (optimistic version: a second grader is told
  who graded first, never silently overwritten).
* ``staff_override`` / ``staff_clear_override`` — a score override with a required reason.
* ``staff_csv`` — every learner's results, streamed (plain GET handler).

Staff requests act on *another* learner's review row: the gradebook is updated with the
row's stored student item and submission through edx-submissions, as at attempt end.
``generate_report_data`` feeds the LMS's Problem Responses report.
"""
from __future__ import annotations

import collections
import datetime as dt
import importlib
import itertools
import logging
import re
from typing import Any, Iterator

from webob import Response
from xblock.core import XBlock

from ..core import competencies as catalogue
from ..core.actions import ActionError
from ..core.engine_api import ReportRow
from ..core.formatting import format_csv_number, format_date, format_number, format_percent
from ..core.i18n import N_
from ..core.scoring import points_earned
from .handlers import json_action, require_int, require_str

log = logging.getLogger(__name__)

MAX_COMMENT_CHARS = 5000
MAX_REASON_CHARS = 1000
MAX_ATTEMPTS_SHOWN = 50

RECORD_MODULES = {
    "asn_case_study": "asn_xblocks.case_study.records",
    "asn_change_simulation": "asn_xblocks.simulation.records",
    "asn_digital_service": "asn_xblocks.digital_service.records",
}

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


def _review_store():
    from . import review_store

    return review_store


def _queries():
    from . import staff_queries

    return staff_queries


def staff_item_ids(answer: Any) -> list[str]:
    """Ids of the staff-graded items the shell listed in an attempt record."""
    value = answer.get("staff_items") if isinstance(answer, dict) else None
    return [v for v in value if isinstance(v, str)] if isinstance(value, list) else []


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


class StaffPanelMixin:
    """Staff handlers shared by the three blocks (see the module docstring)."""

    # --- helpers -------------------------------------------------------------------------
    def _records(self):
        return importlib.import_module(RECORD_MODULES[self.core.tag])

    def _staff_grading(self) -> bool:
        """True when this block has reflections graded by staff (the grading queue)."""
        content = self.content_model
        reflections = getattr(content, "reflections", None)
        return getattr(content, "reflection_grading", None) == "staff" and bool(
            callable(reflections) and reflections())

    def _declared_competencies(self) -> dict[str, str]:
        content = self.content_model
        declared = getattr(content, "declared_competencies", None)
        if callable(declared):
            return declared()
        value = getattr(content, "declared", None)
        return value if isinstance(value, dict) else {}

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
        return "{} / {}".format(format_number(earned, self.language),
                                format_number(possible, self.language))

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
        return _queries().find_learner(self.usage_id_str, data.get("learner"))

    def _regrade(self, row) -> None:
        """Ask the platform to put the row's score in the gradebook for the learner of
        ``row`` (regrade.py: only the learner's own block may publish their grade). Called
        after the staff change is committed, so the rescore reads it."""
        from .regrade import request_regrade

        request_regrade(self, row)

    def _save_row(self, row, fields: list[str]) -> None:
        """Save staff changes to a row and bump its optimistic-locking version."""
        from django.db.models import F

        from ..review.models import LearnerReview

        updates = {name: getattr(row, name) for name in fields}
        LearnerReview.objects.filter(pk=row.pk).update(version=F("version") + 1, **updates)
        row.refresh_from_db()

    # --- the learners table --------------------------------------------------------------
    @json_action
    def staff_learners(self, data, suffix=""):  # pylint: disable=unused-argument
        self.require_staff()
        queries = _queries()
        query = queries.parse_learner_query(data)
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
            "block_type": self.scope_ids.block_type,
        }

    # --- drill-down ------------------------------------------------------------------------
    @json_action
    def staff_learner(self, data, suffix=""):  # pylint: disable=unused-argument
        self.require_staff()
        row = self._find_learner(data)
        return self._learner_detail(row)

    def _learner_detail(self, row) -> dict[str, Any]:
        from .review_store import counting_attempt, grades_for

        content = self.content_model
        records_module = self._records()
        possible = self.max_points()
        counting = counting_attempt(row, self.policy)
        records = list(row.attempt_records.order_by("-number")[:MAX_ATTEMPTS_SHOWN])
        attempts = []
        for record in reversed(records):
            grades = grades_for(record) if record.answer.get("staff_items") else {}
            try:
                steps = records_module.record_rows(content, record.answer, grades,
                                                   gettext=self.gettext, locale=self.language)
            except Exception:  # pylint: disable=broad-except
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
        total = row.attempt_records.count()
        return {"learner": view, "attempts": attempts, "max_points": possible,
                "more_attempts": max(0, total - len(records)),
                "grading": self._staff_grading() and bool(records)
                and bool(records[0].answer.get("staff_items"))}

    # --- the grading queue -----------------------------------------------------------------
    @json_action
    def staff_queue(self, data, suffix=""):  # pylint: disable=unused-argument
        self.require_staff()
        queries = _queries()
        which = queries.parse_queue_filter(data)
        rows, total, page = queries.paged(queries.queue_queryset(self.usage_id_str, which),
                                          queries.parse_page(data))
        possible = self.max_points()
        return {"rows": [self._row_view(row, possible) for row in rows], "total": total,
                "page": page.number, "page_size": page.size,
                "pages": max(1, -(-total // page.size)), "filter": which,
                "waiting": queries.block_rows(self.usage_id_str).filter(
                    status="awaiting_grading").count(),
                "grading": self._staff_grading()}

    def _latest_record(self, row):
        record = _review_store().latest_attempt(row)
        if record is None:
            raise ActionError(409, N_("This learner has not finished an attempt yet."))
        return record

    def _reflection(self, item_id: str):
        content = self.content_model
        for reflection in getattr(content, "reflections", lambda: [])():
            if reflection.id == item_id:
                return reflection
        return None

    @json_action
    def staff_reflections(self, data, suffix=""):  # pylint: disable=unused-argument
        """The grading form of one learner: their latest attempt's staff-graded reflections."""
        self.require_staff()
        row = self._find_learner(data)
        return self._reflections_view(row)

    def _reflections_view(self, row) -> dict[str, Any]:
        from .review_store import grades_for

        record = self._latest_record(row)
        grades = grades_for(record)
        staff_ids = staff_item_ids(record.answer)
        answers = {}
        for stage in record.answer.get("stages") or []:
            for item in (stage.get("items") or []) if isinstance(stage, dict) else []:
                if isinstance(item, dict):
                    answers[item.get("id")] = item.get("answer")
        lang = self.language
        items = []
        for item_id in staff_ids:
            reflection = self._reflection(item_id)
            grade = grades.get(item_id)
            view: dict[str, Any] = {
                "item_id": item_id,
                "text": answers.get(item_id) if isinstance(answers.get(item_id), str) else "",
                "prompt": "", "prompt_html": "", "points": 0, "points_text": "", "rubric": [],
                "missing": reflection is None, "grade": None,
                "version": grade["version"] if grade else 0,
            }
            if reflection is not None:
                view.update(prompt_html=reflection.prompt_html, points=reflection.max_points,
                            points_text=format_number(reflection.max_points, lang),
                            rubric=[{"id": c.id, "label": c.label or c.id,
                                     "max_text": format_number(c.max_points, lang),
                                     "levels": [{"points": lv.points,
                                                 "points_text": format_number(lv.points, lang),
                                                 "description": lv.description}
                                                for lv in c.levels if lv.points is not None]}
                                    for c in reflection.rubric])
            if grade:
                view["grade"] = {"points": grade["points"], "criteria": grade["criteria"],
                                 "comment": grade["comment"], "graded_by": grade["graded_by"],
                                 "points_text": self._points_text(grade["points"],
                                                                  view["points"] or None),
                                 "graded_at_text": self._when(
                                     dt.datetime.fromisoformat(grade["graded_at"]))}
            items.append(view)
        return {"learner": self._row_view(row, self.max_points()), "attempt": record.number,
                "items": items}

    def _check_grade_input(self, reflection, data: dict) -> tuple[float, dict[str, float]]:
        """(points, criteria) from the request, checked against the rubric; 400 otherwise."""
        if reflection.rubric:
            given = data.get("criteria")
            if not isinstance(given, dict):
                raise ActionError(400, N_("Give points for every rubric criterion."))
            known = {c.id for c in reflection.rubric}
            for key in given:
                if key not in known:
                    raise ActionError(400, N_("The rubric has no criterion \"{criterion}\"."),
                                      criterion=str(key)[:60])
            criteria: dict[str, float] = {}
            for criterion in reflection.rubric:
                value = given.get(criterion.id)
                if value is None:
                    raise ActionError(400, N_("Choose a level for \"{criterion}\"."),
                                      criterion=criterion.label or criterion.id)
                levels = [lv.points for lv in criterion.levels if lv.points is not None]
                if not _is_number(value) or not any(abs(value - p) < 1e-9 for p in levels):
                    raise ActionError(400, N_("{points} is not a level of \"{criterion}\"."),
                                      points=str(value)[:20],
                                      criterion=criterion.label or criterion.id)
                criteria[criterion.id] = float(value)
            points = min(reflection.max_points, sum(criteria.values()))
            return points, criteria
        value = data.get("points")
        if not _is_number(value) or not 0 <= value <= reflection.max_points:
            raise ActionError(400, N_("The points must be a number from 0 to {max}."),
                              max=format_number(reflection.max_points, self.language))
        return float(value), {}

    @json_action
    def staff_grade(self, data, suffix=""):  # pylint: disable=unused-argument
        """Grade (or regrade) one reflection of the learner's latest finished attempt."""
        from django.db import IntegrityError, transaction
        from django.utils import timezone

        from ..review.models import AttemptRecord, StaffGrade

        self.require_staff()
        row = self._find_learner(data)
        number = require_int(data, "attempt", 1)
        item_id = require_str(data, "item", 255)
        seen = require_int(data, "version", 0)
        comment = data.get("comment", "")
        if not isinstance(comment, str):
            raise ActionError(400, N_("The comment must be text."))
        if len(comment) > MAX_COMMENT_CHARS:
            raise ActionError(400, N_("The comment is too long (at most {limit} characters)."),
                              limit=MAX_COMMENT_CHARS)
        record = row.attempt_records.filter(number=number).first()
        if record is None:
            raise ActionError(404, MSG_UNKNOWN_ATTEMPT, number=number)
        if record.pk != self._latest_record(row).pk:
            raise ActionError(409, MSG_NOT_LATEST)
        if item_id not in staff_item_ids(record.answer):
            raise ActionError(400, MSG_NOT_STAFF_ITEM, item=item_id[:60])
        reflection = self._reflection(item_id)
        if reflection is None:
            raise ActionError(409, N_("This reflection was removed from the exercise and can "
                                      "no longer be graded."))
        points, criteria = self._check_grade_input(reflection, data)
        grader = self.learner_name or self.gettext("course staff")
        now = timezone.now()
        with transaction.atomic():
            record = AttemptRecord.objects.select_for_update().get(pk=record.pk)
            existing = StaffGrade.objects.filter(attempt=record, item_id=item_id).first()
            regrade = existing is not None
            self._check_grade_version(existing, seen)
            if existing is None:
                try:
                    with transaction.atomic():
                        StaffGrade.objects.create(attempt=record, item_id=item_id, points=points,
                                                  criteria=criteria, comment=comment,
                                                  graded_by=grader[:150], graded_at=now, version=1)
                except IntegrityError:
                    self._check_grade_version(
                        StaffGrade.objects.filter(attempt=record, item_id=item_id).first(), seen)
                    raise
            else:
                updated = StaffGrade.objects.filter(pk=existing.pk, version=seen).update(
                    points=points, criteria=criteria, comment=comment, graded_by=grader[:150],
                    graded_at=now, version=seen + 1)
                if not updated:
                    self._check_grade_version(StaffGrade.objects.get(pk=existing.pk), seen)
            self._rescore_record(row, record)
            # cohort analytics (issue 7): the attempt's facts again, with the new grade
            self._record_facts(row, record, record.answer, _review_store().grades_for(record))
            gradebook = self.gradebook_points(row)
        self._regrade(row)
        self.emit_event("reflection_graded", {
            "learner_id": row.learner_id, "attempt": record.number, "reflection": item_id,
            "points": points, "possible": reflection.max_points, "regrade": regrade,
            "points_earned": gradebook[0] if gradebook else None,
            "points_possible": gradebook[1] if gradebook else None,
        })
        view = self._reflections_view(row)
        view["saved"] = item_id
        view["waiting"] = _queries().block_rows(self.usage_id_str).filter(
            status="awaiting_grading").count()
        view["message"] = self.gettext("Grade saved: {points} / {possible}. {learner}'s score "
                                       "is now {score}.").format(
            points=format_number(points, self.language),
            possible=format_number(reflection.max_points, self.language),
            learner=view["learner"]["learner"], score=view["learner"]["score_text"])
        return view

    def _check_grade_version(self, grade, seen: int) -> None:
        current = grade.version if grade is not None else 0
        if current == seen:
            return
        if grade is None:
            raise ActionError(409, MSG_GRADE_GONE)
        raise ActionError(409, MSG_GRADED_FIRST, name=grade.graded_by,
                          when=self._when(grade.graded_at))

    def _rescore_record(self, row, record) -> None:
        """The attempt's score = its score when it finished (staff items at 0) + the staff
        grades; pending while any staff item is ungraded. Then the row's summary."""
        from .review_store import summarize

        answer = dict(record.answer)
        base = answer.get("staff_base")
        if not isinstance(base, dict):
            base = {"earned": record.raw_earned, "competencies": record.competencies}
            answer["staff_base"] = base
        grades = {g.item_id: g for g in record.grades.all()}
        earned = float(base.get("earned") or 0.0)
        staff_ids = staff_item_ids(answer)
        for item_id in staff_ids:
            grade = grades.get(item_id)
            if grade is not None:
                earned += grade.points
        record.answer = answer
        record.raw_earned = earned
        record.fraction = (min(1.0, max(0.0, earned / record.raw_possible))
                           if record.raw_possible > 0 else 0.0)
        record.pending = any(item_id not in grades for item_id in staff_ids)
        record.competencies = self._recorded_competencies(answer, base, grades)
        record.save(update_fields=["answer", "raw_earned", "fraction", "pending", "competencies"])
        for name, value in summarize(row, self.policy).items():
            setattr(row, name, value)
        points = self.gradebook_points(row)
        if points is not None:
            row.points_earned, row.points_possible = points
        self._save_row(row, ["attempts", "best_fraction", "last_fraction", "pending_reflections",
                             "status", "competencies", "points_earned", "points_possible"])

    def _recorded_competencies(self, answer: dict, base: dict, grades: dict) -> dict:
        """The attempt's competency tally with the staff grades now given, by the one rule
        (``core.competencies``): from the recorded answers (the block's records module),
        else the tally stored when the attempt finished with each graded item moved from
        "awaiting grading" into its competency's points."""
        recount = getattr(self._records(), "competency_tally", None)
        if recount is not None:
            points = {item_id: {"points": grade.points} for item_id, grade in grades.items()}
            return recount(self.content_model, answer, points).to_dict()
        tally = catalogue.as_tally(base.get("competencies"))
        for item_id, grade in grades.items():
            reflection = self._reflection(item_id)
            competency = reflection.competency if reflection is not None else None
            if competency and tally.pending.get(competency):
                tally.pending[competency] -= 1
                tally.add(competency, grade.points, reflection.max_points)
        return tally.to_dict()

    # --- overrides ---------------------------------------------------------------------------
    def _check_row_version(self, row, seen: int) -> None:
        if row.version != seen:
            raise ActionError(409, MSG_ROW_CHANGED)

    @json_action
    def staff_override(self, data, suffix=""):  # pylint: disable=unused-argument
        from django.db import transaction
        from django.utils import timezone

        self.require_staff()
        row = self._find_learner(data)
        possible = self.max_points()
        seen = require_int(data, "version", 0)
        points = data.get("points")
        if (isinstance(points, bool) or not isinstance(points, (int, float))
                or not 0 <= points <= possible or round(points, 2) != points):
            raise ActionError(400, N_("The override must be a number of points from 0 to {max}, "
                                      "with at most two decimals."), max=possible)
        reason = data.get("reason")
        if not isinstance(reason, str) or not reason.strip():
            raise ActionError(400, N_("Give a reason for the override."))
        if len(reason) > MAX_REASON_CHARS:
            raise ActionError(400, N_("The reason is too long (at most {limit} characters)."),
                              limit=MAX_REASON_CHARS)
        with transaction.atomic():
            from ..review.models import LearnerReview

            row = LearnerReview.objects.select_for_update().get(pk=row.pk)
            self._check_row_version(row, seen)
            row.override_points = points
            row.override_reason = reason.strip()
            row.override_by = (self.learner_name or self.gettext("course staff"))[:150]
            row.override_at = timezone.now()
            gradebook = self.gradebook_points(row)
            row.points_earned, row.points_possible = gradebook
            self._save_row(row, ["override_points", "override_reason", "override_by",
                                 "override_at", "points_earned", "points_possible"])
        self._regrade(row)
        self.emit_event("score_overridden", {"learner_id": row.learner_id, "points": points,
                                             "possible": possible, "cleared": False})
        detail = self._learner_detail(row)
        detail["message"] = self.gettext("Override saved: {learner} now has {score}.").format(
            learner=detail["learner"]["learner"], score=detail["learner"]["score_text"])
        return detail

    @json_action
    def staff_clear_override(self, data, suffix=""):  # pylint: disable=unused-argument
        from django.db import transaction

        self.require_staff()
        row = self._find_learner(data)
        seen = require_int(data, "version", 0)
        if row.override_points is None:
            raise ActionError(409, N_("This learner's score is not overridden."))
        with transaction.atomic():
            from ..review.models import LearnerReview

            row = LearnerReview.objects.select_for_update().get(pk=row.pk)
            self._check_row_version(row, seen)
            row.override_points = None
            row.override_reason = ""
            row.override_by = ""
            row.override_at = None
            gradebook = self.gradebook_points(row)
            row.points_earned = gradebook[0] if gradebook else None
            if gradebook:
                row.points_possible = gradebook[1]
            self._save_row(row, ["override_points", "override_reason", "override_by",
                                 "override_at", "points_earned", "points_possible"])
        self._regrade(row)
        self.emit_event("score_overridden", {
            "learner_id": row.learner_id, "points": gradebook[0] if gradebook else None,
            "possible": gradebook[1] if gradebook else None, "cleared": True})
        detail = self._learner_detail(row)
        detail["message"] = self.gettext("Override cleared: {learner} has {score} again.").format(
            learner=detail["learner"]["learner"], score=detail["learner"]["score_text"])
        return detail

    # --- CSV -------------------------------------------------------------------------------
    @XBlock.handler
    def staff_csv(self, request, suffix=""):  # pylint: disable=unused-argument
        """Every learner's results as CSV, streamed row by row (GET; staff only)."""
        import json

        _ = self.gettext
        if not self.is_course_staff:
            return Response(json.dumps({"error": _("Only course staff can do this.")}),
                            status_code=403, content_type="application/json", charset="utf8")
        separator = request.GET.get("sep", ",")
        if separator not in (",", ";"):
            return Response(json.dumps({"error": _("The separator must be \",\" or \";\".")}),
                            status_code=400, content_type="application/json", charset="utf8")
        anonymise = request.GET.get("anonymise", "") in ("1", "true", "yes")
        queries = _queries()
        competencies = list(self.core.summary(self.content_model).get("competencies") or [])
        header = self._csv_header(anonymise, competencies)
        rows = self._csv_rows(queries.iterate_rows(self.usage_id_str), anonymise, competencies,
                              decimal_comma=separator == ";")
        name = re.sub(r"[^A-Za-z0-9_-]+", "-", self.scope_ids.block_type).strip("-") or "results"
        response = Response(status_code=200, content_type="text/csv", charset="utf-8")
        response.app_iter = queries.csv_stream(header, rows, separator)
        response.headers["Content-Disposition"] = f'attachment; filename="{name}-results.csv"'
        response.headers["Cache-Control"] = "no-store"
        return response

    def _csv_reflections(self) -> bool:
        """Whether the block can hold reflections at all (the case study): only then do the
        "Pending reflections" and "Competencies awaiting grading" columns mean something.
        The simulation and the service desk have nothing graded by staff, so their CSV
        leaves both out rather than filling them with zeros and blanks."""
        return callable(getattr(self.content_model, "reflections", None))

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
        value goes through the CSV's formula escaping (``staff_queries.formula_safe``): the
        LMS writes the report as CSV without it."""
        from . import state as learner_state_mod
        from .review_store import report_context

        formula_safe = _queries().formula_safe
        content = self.content_model
        records_module = self._records()
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
            reviews = report_context(self.usage_id_str, wanted) if wanted else {}
            for username, attempt in learners:
                try:
                    rows = self._report_rows_for(content, records_module, attempt,
                                                 reviews.get(username), staff_grading)
                    rows += self._report_competency_rows(attempt, reviews.get(username))
                except Exception:  # pylint: disable=broad-except
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
