"""The contract between the shared XBlock shell and each block's pure core.

Each block package (``case_study``, ``simulation``, ``digital_service``) exposes a module
``core.py`` with a module-level object ``CORE`` satisfying :class:`BlockCore`. The shell
(``asn_xblocks.shell``) does everything else once for all three: fields, attempts,
versioning and locking, grading through edx-submissions, review rows, events, staff checks.

State an engine owns is a JSON-able ``dict`` (the *attempt*): the shell stores it in the
learner's single state field and never looks inside, except for ``attempt["finished"]``.

Rules every engine keeps:

* ``apply_action``/``save_draft`` never mutate their input: they return a new dict, or
  raise :class:`~asn_xblocks.core.actions.ActionError` (400 bad input, 409 out of order)
  with nothing changed.
* ``learner_view`` never reveals option scores, correctness, effects, conditions, later
  items, expected outcomes or model answers before the learner submitted the step they
  belong to; ``Reveal`` says what the show_answer/show_correctness settings allow after.
* Messages for people are English templates marked with ``N_`` and passed through the
  ``gettext`` argument; learner text is returned as typed (the browser inserts it as text).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable, Protocol

from lxml import etree

from .problems import Problem
from .scoring import AttemptScore

Gettext = Callable[[str], str]


def identity(message: str) -> str:
    return message


@dataclass(frozen=True)
class Reveal:
    """What the learner may see of the key once a step is submitted."""

    correctness: bool = True  # show_correctness: right/wrong marks, points per item
    answers: bool = False  # show_answer: correct options, model answers, best path, expected


@dataclass
class ActionOutcome:
    attempt: dict[str, Any]  # the new attempt state
    finished: bool = False  # this action finished the attempt
    # (event action name, data) pairs, e.g. ("stage_submitted", {"stage": "s1"});
    # ids and scores only, never learner text.
    events: list[tuple[str, dict[str, Any]]] = field(default_factory=list)
    feedback: dict[str, Any] | None = None  # optional extra the browser shows at once


@dataclass
class ReportRow:
    """One line of the LMS Problem Responses report / staff drill-down."""

    question: str  # plain text
    answer: str  # plain text, learner's words for free text
    points: str  # e.g. "2 / 3", "awaiting grading", "—"


class BlockCore(Protocol):
    tag: str  # entry-point name, e.g. "asn_case_study"

    # --- content ------------------------------------------------------------------------
    def parse(self, root: etree._Element) -> Any:
        """Content model from an OLX root element. Tolerant: keeps semantically invalid
        content (validate() reports it); raises OlxError only for unusable structure."""

    def export(self, content: Any) -> etree._Element:
        """The OLX root element for the content (block-specific root attributes included;
        the shell adds the common settings such as display_name, weight, max_attempts)."""

    def to_dict(self, content: Any) -> dict[str, Any]:
        """JSON-able form stored in the block's content field (HTML already sanitized)."""

    def from_dict(self, data: dict[str, Any]) -> Any: ...

    def validate(self, content: Any) -> list[Problem]: ...

    def raw_maximum(self, content: Any) -> float:
        """Sum of points a learner can earn (PRODUCT.md "Points")."""

    def intro_html(self, content: Any) -> str:
        """The introduction's sanitized HTML, shown before the attempt starts and given to
        the mobile apps in ``student_view_data``."""

    def summary(self, content: Any) -> dict[str, Any]:
        """Metadata only (title-free: counts, competencies) for student_view_data/author_view."""

    # --- learner ------------------------------------------------------------------------
    def new_attempt(self, content: Any, seed: int) -> dict[str, Any]: ...

    def apply_action(self, content: Any, attempt: dict[str, Any],
                     action: dict[str, Any]) -> ActionOutcome: ...

    def save_draft(self, content: Any, attempt: dict[str, Any],
                   draft: dict[str, Any]) -> dict[str, Any]:
        """Work in progress kept as the learner types; not a step, not versioned."""

    def drift(self, content: Any, attempt: dict[str, Any]) -> bool:
        """True when an unfinished attempt refers to ids the content no longer has."""

    def fits(self, content: Any, attempt: dict[str, Any]) -> bool:
        """True when a finished attempt can be scored again on this content (a rescore
        after an edit): its recorded answers name exactly the content's items."""

    def score(self, content: Any, attempt: dict[str, Any],
              grades: dict[str, Any] | None = None) -> AttemptScore:
        """Raw score of the attempt; ``grades`` maps staff-graded item ids to
        {"points": float, "criteria": {criterion_id: points}, "comment": str}."""

    def learner_view(self, content: Any, attempt: dict[str, Any], reveal: Reveal,
                     grades: dict[str, Any] | None = None, gettext: Gettext = identity,
                     locale: str = "en") -> dict[str, Any]:
        """Everything the browser needs to render the attempt now, and nothing more."""

    def answer_record(self, content: Any, attempt: dict[str, Any]) -> dict[str, Any]:
        """Compact JSON record of a finished attempt (the submissions answer)."""

    def report_rows(self, content: Any, attempt: dict[str, Any],
                    grades: dict[str, Any] | None = None,
                    gettext: Gettext = identity) -> list[ReportRow]: ...

    def staff_items(self, content: Any, attempt: dict[str, Any]) -> list[dict[str, Any]]:
        """Items staff must grade in this finished attempt (case study reflections graded
        by staff); empty for blocks without staff grading."""
