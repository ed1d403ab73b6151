"""The contract between the shared XBlock shell and each block's pure core.

Each block package (``case_study``, ``simulation``, ``digital_service``) exposes a module
``core.py`` with a module-level object ``CORE`` satisfying :class:`BlockCore`; that one
object is everything the shell knows of a block: the learner core, and as attributes its
analytics facts (:class:`AnalyticsFacts`), its staff records (:class:`StaffRecords`) and
its editor (:class:`Editor`). The shell (``asn_xblocks.shell``) does everything else once
for all three: fields, attempts, versioning and locking, grading, review rows, events,
staff checks. It never probes a block for optional members: what a block may leave out
has a default here (:class:`CoreDefaults`, the dataclasses' defaults), so a new block
gets the same checks as the others (``tests/unit/test_block_contract.py`` runs them
over every block).

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

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

from lxml import etree

from .charts import Ctx
from .problems import Problem
from .scoring import AttemptScore, CompetencyTally

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


class Level(Protocol):
    @property
    def points(self) -> float | None: ...

    @property
    def description(self) -> str: ...


class Criterion(Protocol):
    # read-only members: a data class's fields satisfy them (mypy: covariant)
    @property
    def id(self) -> str: ...

    @property
    def label(self) -> str: ...

    @property
    def levels(self) -> Sequence[Level]: ...

    @property
    def max_points(self) -> float: ...


class StaffGraded(Protocol):
    """An item course staff grade by hand (the case study's reflections graded by staff)."""

    @property
    def id(self) -> str: ...

    @property
    def prompt_html(self) -> str: ...

    @property
    def competency(self) -> str | None: ...

    @property
    def rubric(self) -> Sequence[Criterion]: ...

    @property
    def max_points(self) -> float: ...


def _no_facts(content: Any, record: dict[str, Any],
              grades: dict[str, Any] | None) -> Iterable[dict[str, Any]]:
    return []


@dataclass(frozen=True)
class AnalyticsFacts:
    """What the shell needs to keep a block's cohort analytics in SQL and show them.

    ``facts`` turns a finished attempt's record into flat rows (kind, item_id, value, …)
    that the shell stores and totals; ``groups`` names, per kind, the columns the totals
    are grouped by (one query each), ``extra`` further columns carried along and ``top``
    how many groups of a kind to keep (the most frequent); ``sections`` turns the totals
    into the block's charts and tables. ``position`` says where an unfinished attempt
    stands ("where learners stop"), ``position_label``/``item_label`` name positions and
    items for staff. ``scored_kinds`` are the kinds whose facts carry points."""

    groups: Mapping[str, tuple[str, ...]]
    scored_kinds: tuple[str, ...]
    facts: Callable[[Any, dict[str, Any], dict[str, Any] | None], Iterable[dict[str, Any]]]
    position: Callable[[Any, dict[str, Any]], str]
    position_label: Callable[[Any, str, Gettext], str]
    item_label: Callable[[Any, str, str, Gettext], str]
    sections: Callable[[Any, dict[str, list[dict[str, Any]]], Ctx], list[dict[str, Any]]]
    extra: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    top: Mapping[str, int] = field(default_factory=dict)


def _no_recount(content: Any, record: dict[str, Any],
                grades: dict[str, Any]) -> CompetencyTally:
    raise NotImplementedError("this block has no staff-graded items")


@dataclass(frozen=True)
class StaffRecords:
    """A finished attempt's record (``BlockCore.answer_record``) read back for staff.

    ``record_rows`` gives the drill-down's rows, ``report_rows`` the LMS report's and the
    CSV's, ``attempt_from_record`` the attempt a rescore scores again; a block with
    staff-graded items gives ``competency_tally``, the attempt's competencies recounted
    with the staff grades now given (``core.competencies``'s one rule)."""

    attempt_from_record: Callable[[Any, dict[str, Any]], dict[str, Any]]
    record_rows: Callable[..., list[dict[str, Any]]]
    report_rows: Callable[..., list[ReportRow]]
    competency_tally: Callable[[Any, dict[str, Any], dict[str, Any]], CompetencyTally] = \
        _no_recount


def _no_insights(content: Any, problems: list[Problem], gettext: Gettext,
                 locale: str) -> dict[str, Any]:
    return {"sections": [], "items": {}}


def _same_content(content: Any, at: str | None) -> Any:
    return content


def _same_attempt(content: Any, attempt: dict[str, Any], at: str | None) -> dict[str, Any]:
    return attempt


def _any_value(kind: str, value: str, names: set[str], gettext: Gettext) -> dict[str, Any]:
    return {"ok": True, "message": ""}


def _no_tool(name: str, content: Any, gettext: Gettext, locale: str) -> Any:
    raise KeyError(name)


@dataclass(frozen=True)
class Editor:
    """The block's Studio editor: its form schema (``core.forms``) and its optional aids.

    ``preview`` tells the playable preview where it may start (``{"at_type": "stage"}``, or
    a list of types: ``["request", "record"]``);
    ``preview_content``/``preview_attempt`` give the content / fresh attempt the preview
    plays from a chosen place; ``insights`` are the notes shown beside items (reachable
    endings, the expected answers of a request); ``check_field`` checks one field as it is
    typed; ``tools`` are named buttons (``{"name", "label"}``) that ``run_tool`` answers."""

    schema: Mapping[str, Any]
    preview: Mapping[str, Any] = field(default_factory=dict)
    tools: tuple[Mapping[str, str], ...] = ()
    insights: Callable[[Any, list[Problem], Gettext, str], dict[str, Any]] = _no_insights
    preview_content: Callable[[Any, str | None], Any] = _same_content
    preview_attempt: Callable[[Any, dict[str, Any], str | None], dict[str, Any]] = _same_attempt
    check_field: Callable[[str, str, set[str], Gettext], dict[str, Any]] = _any_value
    run_tool: Callable[[str, Any, Gettext, str], Any] = _no_tool


class BlockCore(Protocol):
    tag: str  # entry-point name, e.g. "asn_case_study"
    facts: AnalyticsFacts
    records: StaffRecords
    editor: Editor
    # True when the block kind can hold items graded by staff (then the CSV and the
    # staff panel show reflections' columns and the grading queue)
    has_staff_grading: bool
    # the numbers of ``summary`` shown to authors: summary key → label (N_-marked)
    summary_labels: Mapping[str, str]

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

    def validate_settings(self, content: Any, max_attempts: int | None,
                          weight: float | None) -> list[Problem]:
        """Warnings on the shell's settings with this content."""

    def stored_analysis(self, content: Any) -> Any:
        """JSON stored with the content on import and save (an analysis too costly for a
        learner's request), or None when the block stores none."""

    def stored_analysis_key(self, data: Any) -> Any:
        """A hashable key of a stored analysis (content models are cached by it)."""

    def attach_stored_analysis(self, content: Any, data: Any) -> None:
        """Give a model read from storage the analysis stored with it (None: none)."""

    def raw_maximum(self, content: Any) -> float:
        """Sum of points a learner can earn: the sum of the items' points, before the
        block's weight scales it."""

    def intro_html(self, content: Any) -> str:
        """The introduction's sanitized HTML, shown before the attempt starts and given to
        the mobile apps in ``student_view_data``."""

    def summary(self, content: Any) -> dict[str, Any]:
        """Metadata only (title-free: counts, competencies) for student_view_data/author_view."""

    def content_lang(self, content: Any) -> str:
        """The content's language ("id", "en" or "" when the author set none)."""

    def declared_competencies(self, content: Any) -> dict[str, str]:
        """Competency id → label as the author declared them (first declaration wins)."""

    def staff_graded(self, content: Any) -> list[StaffGraded]:
        """The items staff grade by hand in this content (empty when none are)."""

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

    def trim_view(self, view: dict[str, Any]) -> dict[str, Any]:
        """An action's answer for a browser that holds this content revision's view: the
        learner view without what it already has. A trimmed view names in ``trimmed`` its
        map of tasks; the browser takes every top-level key the view lacks, and every key
        an entry of that map lacks, from the view it holds (``asn_common.js``
        ``untrim``). The whole view by default."""

    def answer_record(self, content: Any, attempt: dict[str, Any]) -> dict[str, Any]:
        """Compact JSON record of a finished attempt (the submissions answer)."""

    def report_rows(self, content: Any, attempt: dict[str, Any],
                    grades: dict[str, Any] | None = None,
                    gettext: Gettext = identity) -> list[ReportRow]: ...

    def staff_items(self, content: Any, attempt: dict[str, Any]) -> list[dict[str, Any]]:
        """Items staff must grade in this finished attempt (case study reflections graded
        by staff); empty for blocks without staff grading."""


class CoreDefaults:
    """What a block may leave out, said once: no stored analysis, no settings warnings,
    no staff-graded items. A block core subclasses this and overrides what it has."""

    has_staff_grading = False

    def content_lang(self, content: Any) -> str:
        return content.lang or ""

    def validate_settings(self, content: Any, max_attempts: int | None,
                          weight: float | None) -> list[Problem]:
        return []

    def stored_analysis(self, content: Any) -> Any:
        return None

    def stored_analysis_key(self, data: Any) -> Any:
        return None

    def attach_stored_analysis(self, content: Any, data: Any) -> None:
        return None

    def staff_graded(self, content: Any) -> list[StaffGraded]:
        return []

    def staff_items(self, content: Any, attempt: dict[str, Any]) -> list[dict[str, Any]]:
        return []

    def trim_view(self, view: dict[str, Any]) -> dict[str, Any]:
        return view
