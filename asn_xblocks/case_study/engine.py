"""The learner's side of a case study, as ``core.CORE`` calls it: one name per thing the
shell asks for, the work in a module per concern:

* ``attempt`` — the attempt state (its format is described there), drift and fit;
* ``actions`` — submitting a stage, drafts, the strict checks of what a browser sends;
* ``numbers`` — reading a number typed in the page's language;
* ``scoring`` — what each item earns and the attempt's score;
* ``view`` — what the learner sees (nothing of a key before submission);
* ``report`` — the answer record, the LMS report's rows, what staff grade, the summary.
"""
from __future__ import annotations

from ..core.engine_api import Reveal
from .actions import SUBMIT_STAGE, apply_action, choice_draft, save_draft
from .attempt import ATTEMPT_FORMAT, drift, fits, new_attempt, option_order
from .report import answer_record, report_rows, staff_items, summary
from .scoring import (
                      AWAITING_GRADING,
                      COMPLETE,
                      GRADED,
                      INCOMPLETE,
                      UNGRADED,
                      question_earned,
                      raw_maximum,
                      reflection_result,
                      score,
)
from .view import learner_view

__all__ = [
    "ATTEMPT_FORMAT", "AWAITING_GRADING", "COMPLETE", "GRADED", "INCOMPLETE", "Reveal",
    "SUBMIT_STAGE", "UNGRADED", "answer_record", "apply_action", "choice_draft", "drift", "fits",
    "learner_view", "new_attempt", "option_order", "question_earned", "raw_maximum",
    "reflection_result", "report_rows", "save_draft", "score", "staff_items", "summary",
]
