"""One grading path for every block: edx-submissions, as PRODUCT.md "Grading" requires.

Attempt end, staff grading, an override, clearing it and a rescore all end in
``_send_to_gradebook``: a submission for the learner's student item and
``set_score(points_earned, points_possible)``. Nothing uses ``runtime.publish('grade')``.
"""
from __future__ import annotations

import datetime as dt
import re
from typing import Any

from xblock.fields import Float, Integer, Scope, String
from xblock.scorable import Score, ScorableXBlockMixin, ShowCorrectness

from ..core.i18n import N_
from ..core.scoring import ATTEMPT_POLICIES, BEST, points_earned, points_possible

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
        return points_possible(self.weight, self.core.raw_maximum(self.content_model))

    def attempts_left(self) -> int | None:
        limit = self.attempt_limit
        return None if limit == 0 else max(0, limit - (self.attempts or 0))

    # --- time ------------------------------------------------------------------------
    def _due(self) -> dt.datetime | None:
        due = getattr(self, "due", None)
        if due is None:
            return None
        if due.tzinfo is None:
            due = due.replace(tzinfo=dt.timezone.utc)
        return due + parse_grace(getattr(self, "graceperiod", None))

    def is_past_due(self) -> bool:
        due = self._due()
        return due is not None and dt.datetime.now(dt.timezone.utc) > due

    # --- what the learner may see ----------------------------------------------------
    def correctness_visible(self) -> bool:
        return ShowCorrectness.correctness_available(
            self.show_correctness, getattr(self, "due", None), False)

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
        return {
            "student_id": learner_id or self.learner_id,
            "course_id": self.course_id_str,
            "item_id": self.usage_id_str,
            "item_type": self.scope_ids.block_type,
        }

    @staticmethod
    def _send_to_gradebook(student_item: dict[str, str], answer: dict[str, Any] | None,
                           submission_uuid: str | None, earned: int, possible: int) -> str:
        """Create a submission (when ``answer`` is given) and set its score; returns its uuid."""
        from submissions import api as submissions_api

        if answer is not None or not submission_uuid:
            submission = submissions_api.create_submission(student_item, answer or {})
            submission_uuid = submission["uuid"]
        submissions_api.set_score(submission_uuid, earned, possible)
        return submission_uuid

    def gradebook_points(self, row) -> tuple[int, int] | None:
        """Points the gradebook should hold for a review row (override, else policy)."""
        from .review_store import counting_attempt

        possible = self.max_points()
        if row is None:
            return None
        if row.override_points is not None:
            return min(row.override_points, possible), possible
        counting = counting_attempt(row, self.policy)
        if counting is None:
            return None
        return points_earned(counting.fraction, possible), possible

    # --- ScorableXBlockMixin -----------------------------------------------------------
    def has_submitted_answer(self) -> bool:
        return bool((self.learner_state or {}).get("history"))

    def get_score(self) -> Score | None:
        from submissions import api as submissions_api

        score = submissions_api.get_score(self.student_item())
        if not score:
            return None
        return Score(raw_earned=float(score["points_earned"]), raw_possible=float(score["points_possible"]))

    def calculate_score(self) -> Score:
        from .review_store import find_row

        points = self.gradebook_points(find_row(self.usage_id_str, self.learner_id))
        if points is None:
            raise ValueError("No finished attempt to score.")
        return Score(raw_earned=float(points[0]), raw_possible=float(points[1]))

    def set_score(self, score: Score) -> None:
        from .review_store import find_row

        row = find_row(self.usage_id_str, self.learner_id)
        uuid = self._send_to_gradebook(self.student_item(), None if row and row.submission_uuid else {},
                                       row.submission_uuid if row else None,
                                       int(score.raw_earned), int(score.raw_possible))
        if row is not None and row.submission_uuid != uuid:
            row.submission_uuid = uuid
            row.save(update_fields=["submission_uuid"])

    def rescore(self, only_if_higher):
        """ScorableXBlockMixin's rescore, naming the block by its usage id: XBlock's version
        names ``self.location``, which only the platform's XModuleMixin defines (the
        instructor task calls this on a block built for each learner)."""
        if not self.has_submitted_answer():
            raise ValueError(f"Cannot rescore unanswered problem: {self.scope_ids.usage_id}")
        self._publish_grade(self.calculate_score(), only_if_higher)

    def _publish_grade(self, score: Score, only_if_higher: bool | None = None) -> None:
        """Rescoring goes through edx-submissions like every other score."""
        if only_if_higher:
            current = self.get_score()
            if current is not None and current.raw_earned >= score.raw_earned:
                return
        self.set_score(score)

    def clear_student_state(self, user_id, course_id, item_id, requesting_user_id):  # pylint: disable=unused-argument
        """The LMS's "delete learner state": gradebook score and review data go too."""
        from submissions import api as submissions_api

        from ..review.models import LearnerReview

        submissions_api.reset_score(user_id, course_id, item_id, clear_state=True, emit_signal=False)
        LearnerReview.objects.filter(usage_key=item_id, learner_id=user_id).delete()
