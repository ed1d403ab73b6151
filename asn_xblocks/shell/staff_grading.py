"""Grading by staff: the queue of attempts with reflections to grade, the rubric form, and
saving a grade criterion by criterion with a comment.

Only a learner's latest finished attempt is graded. Each grade is saved under an
optimistic version (``review.api.grades``): a second grader is told who graded first,
never silently overwritten. The attempt's score and competencies are recounted with the
grade in the same transaction, its analytics facts replaced, and the learner's own block
asked to publish the new grade (``regrade``).
"""
from __future__ import annotations

import datetime as dt
from typing import Any

from ..core.actions import ActionError
from ..core.formatting import format_number, json_number
from ..core.i18n import N_
from ..core.scoring import same_points
from ..review import api
from . import staff_params
from .handlers import json_action, require_int, require_str
from .staff_panel import (
    MAX_COMMENT_CHARS,
    MSG_GRADE_GONE,
    MSG_GRADED_FIRST,
    MSG_NOT_LATEST,
    MSG_NOT_STAFF_ITEM,
    MSG_UNKNOWN_ATTEMPT,
    staff_item_ids,
)


class StaffGradingMixin:
    """``staff_queue``, ``staff_reflections``, ``staff_grade`` (course staff only)."""

    # --- the grading queue -----------------------------------------------------------------
    @json_action
    def staff_queue(self, data, suffix=""):
        self.require_staff()
        queries = api.queries
        which = staff_params.parse_queue_filter(data)
        rows, total, page = queries.paged(queries.queue_queryset(self.usage_id_str, which),
                                          staff_params.parse_page(data))
        possible = self.max_points()
        return {"rows": [self._row_view(row, possible) for row in rows], "total": total,
                "page": page.number, "page_size": page.size,
                "pages": max(1, -(-total // page.size)), "filter": which,
                "waiting": queries.waiting_count(self.usage_id_str),
                "grading": self._staff_grading()}

    def _latest_record(self, row):
        record = api.rows.latest_attempt(row)
        if record is None:
            raise ActionError(409, N_("This learner has not finished an attempt yet."))
        return record

    def _reflection(self, item_id: str):
        return next((item for item in self.core.staff_graded(self.content_model)
                     if item.id == item_id), None)

    @json_action
    def staff_reflections(self, data, suffix=""):
        """The grading form of one learner: their latest attempt's staff-graded reflections."""
        self.require_staff()
        row = self._find_learner(data)
        return self._reflections_view(row)

    def _reflections_view(self, row) -> dict[str, Any]:

        record = self._latest_record(row)
        grades = api.rows.grades_for(record)
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
                if json_number(value) is None or not any(same_points(value, p) for p in levels):
                    raise ActionError(400, N_("{points} is not a level of \"{criterion}\"."),
                                      points=str(value)[:20],
                                      criterion=criterion.label or criterion.id)
                criteria[criterion.id] = float(value)
            points = min(reflection.max_points, sum(criteria.values()))
            return points, criteria
        value = data.get("points")
        if json_number(value) is None or not 0 <= value <= reflection.max_points:
            raise ActionError(400, N_("The points must be a number from 0 to {max}."),
                              max=format_number(reflection.max_points, self.language))
        return float(value), {}

    @json_action
    def staff_grade(self, data, suffix=""):
        """Grade (or regrade) one reflection of the learner's latest finished attempt."""
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
        record = api.queries.attempt_number(row, number)
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

        def recount(locked):
            self._rescore_record(row, locked)
            # cohort analytics: the attempt's facts again, with the new grade
            self._record_facts(row, locked, locked.answer, api.rows.grades_for(locked))
            return self.gradebook_points(row)

        grades_api = api.grades
        try:
            regrade, gradebook = grades_api.save_grade(record, item_id, seen, points, criteria, comment,
                                                grader, recount)
        except grades_api.GradeChanged as changed:
            self._grade_changed(changed.grade)
        self._regrade(row)
        self.emit_event("reflection_graded", {
            "learner_id": row.learner_id, "attempt": record.number, "reflection": item_id,
            "points": points, "possible": reflection.max_points, "regrade": regrade,
            "points_earned": gradebook[0] if gradebook else None,
            "points_possible": gradebook[1] if gradebook else None,
        })
        view = self._reflections_view(row)
        view["saved"] = item_id
        view["waiting"] = api.queries.waiting_count(self.usage_id_str)
        view["message"] = self.gettext("Grade saved: {points} / {possible}. {learner}'s score "
                                       "is now {score}.").format(
            points=format_number(points, self.language),
            possible=format_number(reflection.max_points, self.language),
            learner=view["learner"]["learner"], score=view["learner"]["score_text"])
        return view

    def _grade_changed(self, grade) -> None:
        """409: the grade is no longer the one the grader saw."""
        if grade is None:
            raise ActionError(409, MSG_GRADE_GONE)
        raise ActionError(409, MSG_GRADED_FIRST, name=grade.graded_by,
                          when=self._when(grade.graded_at))

    def _rescore_record(self, row, record) -> None:
        """The attempt's score = its score when it finished (staff items at 0) + the staff
        grades; pending while any staff item is ungraded. Then the row's summary."""
        rows = api.rows
        answer = dict(record.answer)
        base = answer.get("staff_base")
        if not isinstance(base, dict):
            base = {"earned": record.raw_earned, "competencies": record.competencies}
            answer["staff_base"] = base
        grades = rows.grade_records(record)
        earned = float(base.get("earned") or 0.0)
        staff_ids = staff_item_ids(answer)
        for item_id in staff_ids:
            grade = grades.get(item_id)
            if grade is not None:
                earned += grade.points
        rows.save_staff_result(record, answer, earned,
                               pending=any(item_id not in grades for item_id in staff_ids),
                               competencies=self._recorded_competencies(answer, grades))
        rows.apply_summary(row, self.policy)
        points = self.gradebook_points(row)
        if points is not None:
            row.points_earned, row.points_possible = points
        self._save_row(row, ["attempts", "best_fraction", "last_fraction", "pending_reflections",
                             "status", "competencies", "points_earned", "points_possible"])

    def _recorded_competencies(self, answer: dict, grades: dict) -> dict:
        """The attempt's competency tally with the staff grades now given, recounted from
        the recorded answers by the one rule (``core.competencies``)."""
        points = {item_id: {"points": grade.points} for item_id, grade in grades.items()}
        return self.core.records.competency_tally(self.content_model, answer, points).to_dict()
