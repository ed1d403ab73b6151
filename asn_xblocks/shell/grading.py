"""The gradebook, on the platform's own grade paths.

How Open edX reads a block's score (read in openedx-platform, lms/djangoapps/grades/scores.py
``get_score``): an edx-submissions score first, taken as *already weighted* and stored in whole
points; else the courseware student module's score, which a ``grade`` event of the learner's
own request sets (xmodule/services.py ``EventPublishingService``; grades/signals/handlers.py
``score_published_handler``) as *raw* points that the LMS weights exactly once
(``weighted_score``: earned × weight ÷ possible). Whole weighted points cannot carry a
fraction (at weight 1 every learner would be 0 or 100 %), so:

* every score is a ``grade`` event of raw floats for the learner whose block it is: when an
  attempt finishes (the learner's request), when the LMS overrides (``set_score`` then
  ``publish_grade``, lms/djangoapps/instructor_task/tasks_helper/module_state.py) or rescores
  (``rescore``, the same file);
* staff acting on another learner in the block's staff panel (rubric grading, overrides)
  cannot publish for that learner from their own request, so the panel asks the platform to
  rescore that learner (``gradebook.request_regrade``: the instructor task the LMS's own
  "Rescore" button submits), whose block then publishes the exact score;
* a score an older version of the package kept in edx-submissions would win over every
  event: it is reset (with the LMS's signal) the first time the learner's score is
  published again, so one learner never has two competing scores.

``max_score()`` is the raw maximum; ``get_score()`` the raw score of the counting attempt
(override, else the ``attempt_policy`` pick).
"""
from __future__ import annotations

import datetime as dt
import re
from typing import Any

from xblock.fields import Float, Integer, Scope, String
from xblock.scorable import ScorableXBlockMixin, Score, ShowCorrectness

from ..core.i18n import N_
from ..core.scoring import ATTEMPT_POLICIES, BEST, points_earned, points_possible
from ..review import api

SHOW_ANSWER_FINISHED = "finished"
SHOW_ANSWER_ATTEMPTS_USED = "attempts_used"
SHOW_ANSWER_PAST_DUE = "past_due"
SHOW_ANSWER_NEVER = "never"
SHOW_ANSWER_VALUES = (SHOW_ANSWER_FINISHED, SHOW_ANSWER_ATTEMPTS_USED, SHOW_ANSWER_PAST_DUE,
                      SHOW_ANSWER_NEVER)

_GRACE = re.compile(r"(\d+)\s*(day|hour|minute|second)s?", re.IGNORECASE)


def parse_grace(value: Any) -> dt.timedelta:
    """The LMS stores graceperiod as a timedelta or text like "1 day 12 hours"."""
    if isinstance(value, dt.timedelta):
        return value
    total = dt.timedelta()
    for amount, unit in _GRACE.findall(str(value or "")):
        total += dt.timedelta(**{unit.lower() + "s": int(amount)})
    return total


class GradingMixin(ScorableXBlockMixin):
    """Settings, attempts, due dates and the gradebook path shared by the three blocks."""

    has_score = True
    DEFAULT_MAX_ATTEMPTS = 1

    weight = Float(
        display_name=N_("Weight"), scope=Scope.settings, default=None,
        help=N_("Points this block is worth in the gradebook; empty means the content's own "
                "maximum."),
    )
    max_attempts = Integer(
        display_name=N_("Maximum attempts"), scope=Scope.settings, default=None,
        help=N_("How many times a learner may finish the exercise (0 = unlimited)."),
    )
    attempt_policy = String(
        display_name=N_("Attempt that counts"), scope=Scope.settings, default=BEST,
        values=[{"display_name": N_("Best attempt"), "value": "best"},
                {"display_name": N_("Last attempt"), "value": "last"}],
    )
    show_answer = String(
        display_name=N_("Show answers"), scope=Scope.settings, default=SHOW_ANSWER_FINISHED,
        values=[{"display_name": N_("When an attempt is finished"), "value": SHOW_ANSWER_FINISHED},
                {"display_name": N_("When all attempts are used"), "value": SHOW_ANSWER_ATTEMPTS_USED},
                {"display_name": N_("After the due date"), "value": SHOW_ANSWER_PAST_DUE},
                {"display_name": N_("Never"), "value": SHOW_ANSWER_NEVER}],
    )
    show_correctness = String(
        display_name=N_("Show correctness"), scope=Scope.settings, default=ShowCorrectness.ALWAYS,
    )
    attempts = Integer(scope=Scope.user_state, default=0,
                       help="Finished attempts (the LMS's 'reset attempts' sets it to 0).")

    # --- settings, with the block's own defaults -------------------------------------
    @property
    def attempt_limit(self) -> int:
        value = self.max_attempts
        return self.DEFAULT_MAX_ATTEMPTS if value is None else max(0, int(value))

    @property
    def policy(self) -> str:
        return self.attempt_policy if self.attempt_policy in ATTEMPT_POLICIES else BEST

    def max_points(self) -> int:
        """The staff panel's scale: the weight, else the raw maximum (a weight stored by an
        older version that no check accepts counts as unset; validate() reports it)."""
        from .content import check_setting

        weight = self.weight if check_setting("weight", self.weight) else None
        return points_possible(weight, self.core.raw_maximum(self.content_model))

    def attempts_left(self) -> int | None:
        limit = self.attempt_limit
        return None if limit == 0 else max(0, limit - (self.attempts or 0))

    # --- time ------------------------------------------------------------------------
    def _due(self) -> dt.datetime | None:
        due = getattr(self, "due", None)
        if due is None:
            return None
        if due.tzinfo is None:
            due = due.replace(tzinfo=dt.UTC)
        return due + parse_grace(getattr(self, "graceperiod", None))

    def is_past_due(self) -> bool:
        due = self._due()
        return due is not None and dt.datetime.now(dt.UTC) > due

    # --- what the learner may see ----------------------------------------------------
    def correctness_visible(self) -> bool:
        """``show_correctness``, with the due date the platform uses: due plus grace."""
        return ShowCorrectness.correctness_available(self.show_correctness, self._due(), False)

    def answers_visible(self, attempt_finished: bool) -> bool:
        mode = self.show_answer
        if mode == SHOW_ANSWER_NEVER:
            return False
        if mode == SHOW_ANSWER_PAST_DUE:
            return self.is_past_due()
        if mode == SHOW_ANSWER_ATTEMPTS_USED:
            return attempt_finished and self.attempts_left() == 0
        return attempt_finished

    # --- the gradebook -----------------------------------------------------------------
    def student_item(self, learner_id: str | None = None) -> dict[str, str]:
        """The learner's edx-submissions item (only to retire scores kept there before)."""
        return {
            "student_id": learner_id or self.learner_id,
            "course_id": self.course_id_str,
            "item_id": self.usage_id_str,
            "item_type": self.scope_ids.block_type,
        }

    def max_score(self) -> float:
        """The raw maximum (the grades transformer asks every scored block, with no
        learner; the LMS's override checks against it)."""
        return float(self.core.raw_maximum(self.content_model))

    def counting_fraction(self, row) -> float | None:
        """The fraction the gradebook should hold for a review row: the override, else
        the attempt the policy picks; None before any finished attempt."""

        if row is None:
            return None
        if row.override_points is not None:
            possible = self.max_points()
            return min(1.0, max(0.0, row.override_points / possible)) if possible else 0.0
        counting = api.rows.counting_attempt(row, self.policy)
        return None if counting is None else counting.fraction

    def gradebook_points(self, row) -> tuple[float, int] | None:
        """The row's score in the points the staff panel shows (weight, else the raw
        maximum): the gradebook's own figure, weight applied once, not rounded."""
        fraction = self.counting_fraction(row)
        if fraction is None:
            return None
        possible = self.max_points()
        return points_earned(fraction, possible), possible

    # --- ScorableXBlockMixin -----------------------------------------------------------
    def has_submitted_answer(self) -> bool:
        """A finished attempt, or a review row at all: staff may have set (or cleared) an
        override on a learner who never finished, and a rescore must reach that score."""
        if (self.learner_state or {}).get("history"):
            return True

        return api.rows.find_row(self.usage_id_str, self.learner_id) is not None

    def get_score(self) -> Score | None:

        return self.score_of(api.rows.find_row(self.usage_id_str, self.learner_id))

    def score_of(self, row) -> Score | None:
        """The raw score a review row stands for (``get_score`` of its learner)."""
        fraction = self.counting_fraction(row)
        if fraction is None:
            return None
        maximum = self.max_score()
        return Score(raw_earned=fraction * maximum, raw_possible=maximum)

    def calculate_score(self) -> Score:
        """The score re-graded against the current content (rescore): every finished
        attempt whose recorded answers still fit the content is scored again; one that
        no longer fits keeps its recorded score (and is logged with the learner's name)."""
        from .regrade import regrade_attempts

        row = api.rows.find_row(self.usage_id_str, self.learner_id)
        if row is None:
            raise ValueError("No finished attempt to score.")
        regrade_attempts(self, row)
        # no attempt and no override (an override was cleared): nothing earned
        return self.get_score() or Score(raw_earned=0.0, raw_possible=self.max_score())

    def set_score(self, score: Score) -> None:
        """The LMS's override (instructor dashboard): kept as the review row's override,
        which stands until cleared, in the staff panel's points."""
        from django.utils import timezone


        row = api.rows.ensure_row(self)
        fraction = (score.raw_earned / score.raw_possible) if score.raw_possible else 0.0
        row.override_points = round(min(1.0, max(0.0, fraction)) * self.max_points(), 4)
        # the dashboard gives no reason: say where it came from (an earlier reason from the
        # staff panel no longer applies to this score)
        row.override_reason = "Set in the instructor dashboard (Open edX)"
        row.override_by = "instructor dashboard"
        row.override_at = timezone.now()
        points = self.gradebook_points(row)
        row.points_earned, row.points_possible = points
        row.save()

    def publish_grade(self, row=None) -> None:
        """Publish the current score (the LMS's override calls this after set_score; a
        finishing attempt passes the review row it has just written)."""

        row = row if row is not None else api.rows.find_row(self.usage_id_str, self.learner_id)
        score = self.score_of(row)
        if score is not None:
            self._publish_grade(score, row=row)

    def _publish_grade(self, score: Score, only_if_higher: bool | None = None, row=None) -> None:
        self.runtime.publish(self, "grade", {"value": score.raw_earned,
                                             "max_value": score.raw_possible,
                                             "only_if_higher": only_if_higher})
        self._retire_submissions_score(row)

    def _retire_submissions_score(self, row=None) -> None:
        """Reset a score an older version kept in edx-submissions: the LMS reads it before
        any event's score, so it would hide every later one. Those versions recorded the
        submission on the review row, so only such a row costs a look at edx-submissions."""
        from submissions import api as submissions_api


        row = row if row is not None else api.rows.find_row(self.usage_id_str, self.learner_id)
        if row is None or not row.submission_uuid:
            return
        item = self.student_item()
        if submissions_api.get_score(item):
            submissions_api.reset_score(item["student_id"], item["course_id"], item["item_id"],
                                        clear_state=False, emit_signal=True)
        row.submission_uuid = ""
        row.save(update_fields=["submission_uuid"])

    def rescore(self, only_if_higher):
        """ScorableXBlockMixin's rescore, naming the block by its usage id: XBlock's version
        names ``self.location``, which only the platform's XModuleMixin defines (the
        instructor task calls this on a block built for each learner)."""
        if not self.has_submitted_answer():
            raise ValueError(f"Cannot rescore unanswered problem: {self.scope_ids.usage_id}")
        self._publish_grade(self.calculate_score(), only_if_higher)  # row read again there
