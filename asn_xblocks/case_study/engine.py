"""The learner's side of a case study: attempt state, stage submission, drafts, scoring,
the learner view and the records staff read.

An *attempt* is a JSON-able dict the shell stores without looking inside (except
``"finished"``)::

    {
      "v": 1,
      "seed": 123,                      # per-learner seed (staff can reproduce the order)
      "order": {"q1": ["b", "a"]},     # option order per question, only with shuffle="true"
      "current": 1,                     # index of the stage the learner works on
      "submitted": ["s1"],             # ids of the submitted stages, in order
      "answers": {"s1": {"q1": "a", "q2": ["a", "c"], "r1": "text as typed"}},
      "drafts": {"r2": "unsent text"},  # reflections of the current stage only
      "choice_drafts": {"q3": "b", "q4": ["a"]},  # unsent choices of the current stage
      "finished": false
    }

Scores are never stored in the attempt: they are computed from the content and the
answers (and the staff grades), so a rescore after an author's fix is just a recomputation,
and nothing a browser could read ahead of time exists in the state.
"""
from __future__ import annotations

import copy
from typing import Any

from lxml import etree, html as lxml_html

from ..core import competencies as catalogue
from ..core.actions import bad_request, conflict
from ..core.engine_api import ActionOutcome, Gettext, ReportRow, Reveal, identity
from ..core.formatting import format_number
from ..core.i18n import N_
from ..core.scoring import AttemptScore
from ..core.shuffle import seed_for, seeded_order
from ..core.text import MAX_TEXT_CHARS, count_words
from .model import (GRADING_COMPLETION, GRADING_NONE, GRADING_STAFF, MULTIPLE, Content,
                    Question, Reflection, Stage)

ATTEMPT_FORMAT = 1
SUBMIT_STAGE = "submit_stage"
# Keys a browser may send besides the action's own: the shell's state version.
_SHELL_KEYS = frozenset({"version"})
_ACTION_KEYS = frozenset({"type", "stage", "answers"}) | _SHELL_KEYS
_DRAFT_KEYS = frozenset({"reflection", "text"}) | _SHELL_KEYS
_CHOICE_DRAFT_KEYS = frozenset({"question", "choice"}) | _SHELL_KEYS
_EPSILON = 1e-9

# Reflection statuses in the learner view and the staff records.
AWAITING_GRADING = "awaiting_grading"
GRADED = "graded"
COMPLETE = "complete"
INCOMPLETE = "incomplete"
UNGRADED = "ungraded"


# --- attempt state ---------------------------------------------------------------------

def new_attempt(content: Content, seed: int) -> dict[str, Any]:
    """A fresh attempt; with ``shuffle`` the option order is fixed now from the seed."""
    order: dict[str, list[str]] = {}
    if content.shuffle:
        for question in content.questions():
            order[question.id] = seeded_order([o.id for o in question.options],
                                              seed_for(seed, question.id))
    return {"v": ATTEMPT_FORMAT, "seed": seed, "order": order, "current": 0, "submitted": [],
            "answers": {}, "drafts": {}, "finished": False}


def _current(attempt: dict[str, Any]) -> int:
    value = attempt.get("current", 0)
    return value if isinstance(value, int) and not isinstance(value, bool) else -1


def _answers(attempt: dict[str, Any]) -> dict[str, Any]:
    value = attempt.get("answers")
    return value if isinstance(value, dict) else {}


def _stage_answers(attempt: dict[str, Any], stage: Stage) -> dict[str, Any] | None:
    """The submitted answers of ``stage``, or None when it was not submitted."""
    value = _answers(attempt).get(stage.id)
    return value if isinstance(value, dict) else None


def option_order(content: Content, attempt: dict[str, Any], question: Question) -> list[str]:
    """Option ids in the order this learner sees them (stable across reloads)."""
    ids = [o.id for o in question.options]
    if not content.shuffle:
        return ids
    stored = attempt.get("order", {}).get(question.id) if isinstance(attempt.get("order"),
                                                                      dict) else None
    if isinstance(stored, list) and sorted(map(str, stored)) == sorted(ids):
        return list(stored)
    return seeded_order(ids, seed_for(attempt.get("seed", 0), question.id))


def _submitted_fit(stages, attempt: dict[str, Any]) -> bool:
    """The answers recorded for these stages name exactly their items, in their shapes."""
    for stage in stages:
        given = _stage_answers(attempt, stage)
        if given is None or set(given) != {item.id for item in stage.items}:
            return False
        for item in stage.items:
            if isinstance(item, Question) and not _stored_answer_fits(item, given[item.id]):
                return False
            if isinstance(item, Reflection) and not isinstance(given[item.id], str):
                return False
    return True


def fits(content: Content, attempt: dict[str, Any]) -> bool:
    """A finished attempt can be scored again on this content: every stage it submitted is
    there, in order, with the same items (a rescore after the author fixed a key)."""
    stage_ids = [s.id for s in content.stages]
    submitted = list(attempt.get("submitted", []))
    return submitted == stage_ids and _submitted_fit(content.stages, attempt)


def drift(content: Content, attempt: dict[str, Any]) -> bool:
    """True when an unfinished attempt no longer fits the content (ids removed, renamed,
    stages reordered), so the learner must be told and given a fresh start."""
    if attempt.get("finished"):
        return False
    current = _current(attempt)
    stage_ids = [s.id for s in content.stages]
    if current < 0 or current >= len(stage_ids):
        return True
    if stage_ids[:current] != list(attempt.get("submitted", [])):
        return True
    if not _submitted_fit(content.stages[:current], attempt):
        return True
    current_stage = content.stages[current]
    drafts = attempt.get("drafts", {})
    if not isinstance(drafts, dict):
        return True
    reflection_ids = {r.id for r in current_stage.reflections}
    if any(key not in reflection_ids for key in drafts):
        return True
    order = attempt.get("order", {})
    if content.shuffle and isinstance(order, dict):
        for stage in content.stages[:current + 1]:
            for question in stage.questions:
                stored = order.get(question.id)
                if stored is None:
                    continue
                if not isinstance(stored, list) or sorted(map(str, stored)) != sorted(
                        o.id for o in question.options):
                    return True
    return False


def _stored_answer_fits(question: Question, answer: Any) -> bool:
    known = {o.id for o in question.options}
    if question.kind == MULTIPLE:
        return isinstance(answer, list) and all(a in known for a in answer)
    return isinstance(answer, str) and answer in known


# --- actions ---------------------------------------------------------------------------

def _short(value: Any) -> str:
    text = str(value)
    return text if len(text) <= 60 else text[:57] + "..."


def apply_action(content: Content, attempt: dict[str, Any],
                 action: dict[str, Any]) -> ActionOutcome:
    """Submit one stage as a whole. Raises ActionError (400/409) with nothing changed."""
    if not isinstance(action, dict):
        raise bad_request(N_("The request is not a valid action."))
    extra = [key for key in action if key not in _ACTION_KEYS]
    if extra:
        raise bad_request(N_("The action has an unexpected field \"{field}\"."),
                          field=_short(extra[0]))
    if action.get("type") != SUBMIT_STAGE:
        raise bad_request(N_("Unknown action."))
    stage_id = action.get("stage")
    if not isinstance(stage_id, str):
        raise bad_request(N_("The action does not name a stage."))
    answers = action.get("answers")
    if not isinstance(answers, dict):
        raise bad_request(N_("The answers are missing or malformed."))
    if attempt.get("finished"):
        raise conflict(N_("This attempt is already finished."))
    index = content.stage_index(stage_id)
    if index is None:
        raise bad_request(N_("There is no stage \"{stage}\"."), stage=_short(stage_id))
    if drift(content, attempt):
        raise conflict(N_("This case study was changed since you started it. Reload the page "
                          "to continue."))
    current = _current(attempt)
    if index < current:
        raise conflict(N_("This stage was already submitted."))
    if index > current:
        raise conflict(N_("This stage is not open yet."))
    stage = content.stages[index]
    clean = _check_answers(stage, answers)

    new = copy.deepcopy(attempt)
    new.setdefault("answers", {})[stage.id] = clean
    new["submitted"] = list(new.get("submitted", [])) + [stage.id]
    drafts = new.get("drafts", {})
    new["drafts"] = {k: v for k, v in drafts.items() if stage.item(k) is None}
    new.pop("choice_drafts", None)  # only the current stage has them
    new["current"] = index + 1
    finished = new["current"] >= len(content.stages)
    new["finished"] = finished
    earned, possible = _stage_points(content, stage, clean)
    events = [("stage_submitted", {"stage": stage.id, "earned": round(earned, 4),
                                   "possible": round(possible, 4)})]
    return ActionOutcome(attempt=new, finished=finished, events=events)


def _check_answers(stage: Stage, answers: dict[Any, Any]) -> dict[str, Any]:
    """The stage's answers, strictly checked and normalised (document order of options)."""
    for key in answers:
        if not isinstance(key, str) or stage.item(key) is None:
            raise bad_request(N_("\"{id}\" is not a question or reflection of this stage."),
                              id=_short(key))
    clean: dict[str, Any] = {}
    for item in stage.items:
        if item.id not in answers:
            raise bad_request(N_("Answer every question and reflection of this stage before "
                                 "submitting it."), id=item.id)
        value = answers[item.id]
        if isinstance(item, Question):
            clean[item.id] = _check_choice(item, value)
        else:
            clean[item.id] = _check_text(item, value)
    return clean


def _check_choice(question: Question, value: Any) -> str | list[str]:
    known = [o.id for o in question.options]
    if question.kind == MULTIPLE:
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise bad_request(N_("The answer to a multiple-choice question must be a list of "
                                 "option ids."), id=question.id)
        if len(set(value)) != len(value):
            raise bad_request(N_("An option was checked twice."), id=question.id)
        unknown = [v for v in value if v not in known]
        if unknown:
            raise bad_request(N_("\"{option}\" is not an option of this question."),
                              option=_short(unknown[0]), id=question.id)
        if not value:
            raise bad_request(N_("Check at least one option in every question."),
                              id=question.id)
        return [o for o in known if o in value]
    if not isinstance(value, str):
        raise bad_request(N_("The answer to a single-choice question must be one option id."),
                          id=question.id)
    if value not in known:
        raise bad_request(N_("\"{option}\" is not an option of this question."),
                          option=_short(value), id=question.id)
    return value


def _check_text(reflection: Reflection, value: Any) -> str:
    if not isinstance(value, str):
        raise bad_request(N_("A reflection must be text."), id=reflection.id)
    if len(value) > MAX_TEXT_CHARS:
        raise bad_request(N_("The text is too long ({count} characters; the limit is "
                             "{limit})."), count=len(value), limit=MAX_TEXT_CHARS,
                          id=reflection.id)
    words = count_words(value)
    if words < reflection.min_words:
        raise bad_request(N_("Write at least {min} words (you wrote {count})."),
                          min=reflection.min_words, count=words, id=reflection.id)
    if words > reflection.max_words:
        raise bad_request(N_("Write at most {max} words (you wrote {count})."),
                          max=reflection.max_words, count=words, id=reflection.id)
    return value


def save_draft(content: Content, attempt: dict[str, Any],
               draft: dict[str, Any]) -> dict[str, Any]:
    """Keep a reflection's unsent text (``{"reflection", "text"}``) or a question's unsent
    choice (``{"question", "choice"}``: an option id, a list of them, or None to forget it).
    Over ``max_words`` is allowed here (only submission refuses it) so nothing the learner
    typed is lost; oversize text is not."""
    if isinstance(draft, dict) and "question" in draft:
        return _save_choice_draft(content, attempt, draft)
    if not isinstance(draft, dict) or any(key not in _DRAFT_KEYS for key in draft):
        raise bad_request(N_("The request is not a valid draft."))
    reflection_id = draft.get("reflection")
    text = draft.get("text")
    if not isinstance(reflection_id, str) or not isinstance(text, str):
        raise bad_request(N_("The request is not a valid draft."))
    if attempt.get("finished"):
        raise conflict(N_("This attempt is already finished."))
    if len(text) > MAX_TEXT_CHARS:
        raise bad_request(N_("The text is too long ({count} characters; the limit is "
                             "{limit})."), count=len(text), limit=MAX_TEXT_CHARS)
    if not any(r.id == reflection_id for r in content.reflections()):
        raise bad_request(N_("There is no reflection \"{id}\"."), id=_short(reflection_id))
    current = _current(attempt)
    if not 0 <= current < len(content.stages) or not isinstance(
            content.stages[current].item(reflection_id), Reflection):
        raise conflict(N_("This reflection can no longer be changed, or is not open yet."))
    new = copy.deepcopy(attempt)
    drafts = new.get("drafts")
    new["drafts"] = dict(drafts) if isinstance(drafts, dict) else {}
    new["drafts"][reflection_id] = text
    return new


def _save_choice_draft(content: Content, attempt: dict[str, Any],
                       draft: dict[str, Any]) -> dict[str, Any]:
    """Keep the options checked in a question of the current stage, not yet submitted."""
    if any(key not in _CHOICE_DRAFT_KEYS for key in draft):
        raise bad_request(N_("The request is not a valid draft."))
    question_id = draft.get("question")
    choice = draft.get("choice")
    if not isinstance(question_id, str):
        raise bad_request(N_("The request is not a valid draft."))
    if attempt.get("finished"):
        raise conflict(N_("This attempt is already finished."))
    if not any(q.id == question_id for q in content.questions()):
        raise bad_request(N_("There is no question \"{id}\"."), id=_short(question_id))
    current = _current(attempt)
    question = (content.stages[current].item(question_id)
                if 0 <= current < len(content.stages) else None)
    if not isinstance(question, Question):
        raise conflict(N_("This question can no longer be changed, or is not open yet."))
    if choice is None or choice == []:
        clean: Any = None
    else:
        clean = _check_choice(question, choice)
    new = copy.deepcopy(attempt)
    drafts = new.get("choice_drafts")
    new["choice_drafts"] = dict(drafts) if isinstance(drafts, dict) else {}
    if clean is None:
        new["choice_drafts"].pop(question_id, None)
    else:
        new["choice_drafts"][question_id] = clean
    return new


def choice_draft(attempt: dict[str, Any], question: Question) -> Any:
    """The unsent choice of ``question`` (an option id or a list of them), or None."""
    drafts = attempt.get("choice_drafts")
    value = drafts.get(question.id) if isinstance(drafts, dict) else None
    return value if value is not None and _stored_answer_fits(question, value) else None


# --- scoring ---------------------------------------------------------------------------

def question_earned(question: Question, answer: Any) -> float:
    """Single: the chosen option's score clamped to [0, points]; multiple:
    points × max(0, right − wrong) / number correct."""
    points = question.max_points
    if question.kind == MULTIPLE:
        if not isinstance(answer, list):
            return 0.0
        correct = {o.id for o in question.options if o.is_correct}
        if not correct:
            return 0.0
        chosen = {a for a in answer if isinstance(a, str) and question.option(a) is not None}
        right = len(chosen & correct)
        wrong = len(chosen - correct)
        return points * max(0, right - wrong) / len(correct)
    option = question.option(answer) if isinstance(answer, str) else None
    if option is None:
        return 0.0
    return min(points, max(0.0, option.score_value))


def _grade(grades: dict[str, Any] | None, reflection: Reflection) -> dict[str, Any] | None:
    """A staff grade normalised: points clamped to [0, points], criteria as numbers."""
    if not isinstance(grades, dict):
        return None
    grade = grades.get(reflection.id)
    if not isinstance(grade, dict):
        return None
    criteria: dict[str, float] = {}
    raw_criteria = grade.get("criteria")
    if isinstance(raw_criteria, dict):
        for key, value in raw_criteria.items():
            if isinstance(value, (int, float)) and not isinstance(value, bool):
                criteria[str(key)] = float(value)
    points = grade.get("points")
    if not isinstance(points, (int, float)) or isinstance(points, bool):
        points = sum(criteria.values())
    comment = grade.get("comment")
    return {"points": min(reflection.max_points, max(0.0, float(points))),
            "criteria": criteria, "comment": comment if isinstance(comment, str) else ""}


def reflection_result(content: Content, reflection: Reflection, text: Any,
                      grades: dict[str, Any] | None) -> tuple[float | None, float, str]:
    """(earned or None when not (yet) graded, possible, status) of a submitted reflection."""
    mode = content.reflection_grading
    if mode == GRADING_NONE:
        return None, 0.0, UNGRADED
    possible = reflection.max_points
    if mode == GRADING_COMPLETION:
        if isinstance(text, str) and count_words(text) >= reflection.min_words:
            return possible, possible, COMPLETE
        return 0.0, possible, INCOMPLETE
    grade = _grade(grades, reflection)  # staff, and the fallback for an invalid mode
    if grade is None:
        return None, possible, AWAITING_GRADING
    return grade["points"], possible, GRADED


def _item_points(content: Content, item: Question | Reflection, answer: Any, answered: bool,
                 grades: dict[str, Any] | None) -> tuple[float, float, bool] | None:
    """(earned, possible, pending) of one item; None when it does not count at all."""
    if isinstance(item, Question):
        return (question_earned(item, answer) if answered else 0.0), item.max_points, False
    if content.reflection_grading == GRADING_NONE:
        return None
    if not answered:
        return 0.0, item.max_points, False
    earned, possible, status = reflection_result(content, item, answer, grades)
    return (earned or 0.0), possible, status == AWAITING_GRADING


def _stage_points(content: Content, stage: Stage, answers: dict[str, Any]) -> tuple[float, float]:
    earned = possible = 0.0
    for item in stage.items:
        result = _item_points(content, item, answers.get(item.id), item.id in answers, None)
        if result is not None:
            earned += result[0]
            possible += result[1]
    return earned, possible


def raw_maximum(content: Content) -> float:
    total = sum(q.max_points for q in content.questions())
    if content.reflection_grading != GRADING_NONE:
        total += sum(r.max_points for r in content.reflections())
    return total


def score(content: Content, attempt: dict[str, Any],
          grades: dict[str, Any] | None = None) -> AttemptScore:
    """Raw score; unanswered items count 0, staff-graded reflections 0 until graded. The
    competency tally follows the one rule (``core.competencies.competency_tally``): a
    reflection awaiting a staff grade is left out of its competency and marked."""
    items = []
    earned_total = possible_total = 0.0
    pending = False
    for stage in content.stages:
        given = _stage_answers(attempt, stage) or {}
        for item in stage.items:
            result = _item_points(content, item, given.get(item.id), item.id in given, grades)
            if result is None:
                continue
            earned, possible, item_pending = result
            earned_total += earned
            possible_total += possible
            pending = pending or item_pending
            items.append((item.competency, None if item_pending else earned, possible))
    return AttemptScore(earned=earned_total, possible=possible_total, pending=pending,
                        competencies=catalogue.competency_tally(items))


# --- learner view ----------------------------------------------------------------------

def _points_text(earned: float, possible: float, locale: str) -> str:
    return f"{format_number(earned, locale, 2)} / {format_number(possible, locale, 2)}"


def _rubric_view(reflection: Reflection) -> list[dict[str, Any]]:
    return [{"id": c.id, "label": c.label,
             "levels": [{"points": lv.points, "description": lv.description}
                        for lv in c.levels]}
            for c in reflection.rubric]


def _question_view(content: Content, attempt: dict[str, Any], question: Question,
                   answer: Any, submitted: bool, reveal: Reveal,
                   locale: str) -> dict[str, Any]:
    chosen = set(answer) if isinstance(answer, list) else {answer}
    options = []
    for option_id in option_order(content, attempt, question):
        option = question.option(option_id)
        if option is None:
            continue
        view: dict[str, Any] = {"id": option.id, "text_html": option.text_html}
        if submitted:
            view["chosen"] = option.id in chosen
            if view["chosen"]:
                view["feedback_html"] = option.feedback_html
                if reveal.correctness:
                    view["mark"] = _mark(question, option.id)
            if reveal.answers:
                view["key"] = _is_key(question, option.id)
        options.append(view)
    view = {"type": "question", "id": question.id, "kind": question.kind,
            "points": question.max_points, "prompt_html": question.prompt_html,
            "options": options}
    if not submitted:
        draft = choice_draft(attempt, question)
        if draft is not None:
            view["draft"] = draft
    if submitted:
        view["answer"] = answer
        if reveal.correctness:
            earned = question_earned(question, answer)
            view["earned"] = earned
            view["points_text"] = _points_text(earned, question.max_points, locale)
    return view


def _is_key(question: Question, option_id: str) -> bool:
    option = question.option(option_id)
    if option is None:
        return False
    if question.kind == MULTIPLE:
        return option.is_correct
    return question.max_points > 0 and abs(option.score_value - question.max_points) < _EPSILON


def _mark(question: Question, option_id: str) -> str:
    option = question.option(option_id)
    if option is None:
        return "incorrect"
    if question.kind == MULTIPLE:
        return "correct" if option.is_correct else "incorrect"
    value = min(question.max_points, max(0.0, option.score_value))
    if question.max_points > 0 and abs(value - question.max_points) < _EPSILON:
        return "correct"
    return "partial" if value > 0 else "incorrect"


def _reflection_view(content: Content, attempt: dict[str, Any], reflection: Reflection,
                     answer: Any, submitted: bool, reveal: Reveal,
                     grades: dict[str, Any] | None, locale: str) -> dict[str, Any]:
    graded_mode = content.reflection_grading != GRADING_NONE
    view: dict[str, Any] = {
        "type": "reflection", "id": reflection.id,
        "points": reflection.max_points if graded_mode else None,
        "min_words": reflection.min_words, "max_words": reflection.max_words,
        "prompt_html": reflection.prompt_html,
        # Shown in every mode: without staff grading it is the learner's self-check guide.
        "rubric": _rubric_view(reflection),
    }
    if not submitted:
        drafts = attempt.get("drafts")
        draft = drafts.get(reflection.id, "") if isinstance(drafts, dict) else ""
        view["draft"] = draft if isinstance(draft, str) else ""
        return view
    earned, possible, status = reflection_result(content, reflection, answer, grades)
    view["answer"] = answer if isinstance(answer, str) else ""
    view["status"] = status
    if status == GRADED:
        grade = _grade(grades, reflection) or {}
        grade_view: dict[str, Any] = {"comment": grade.get("comment", "")}
        if reveal.correctness:
            grade_view["points"] = grade.get("points", 0.0)
            grade_view["criteria"] = [
                {"id": c.id, "label": c.label, "points": grade.get("criteria", {}).get(c.id),
                 "max": c.max_points} for c in reflection.rubric]
        view["grade"] = grade_view
    if reveal.correctness and earned is not None:
        view["earned"] = earned
        view["points_text"] = _points_text(earned, possible, locale)
    if reveal.answers and reflection.model_answer_html:
        view["model_answer_html"] = reflection.model_answer_html
    return view


def learner_view(content: Content, attempt: dict[str, Any], reveal: Reveal,
                 grades: dict[str, Any] | None = None, gettext: Gettext = identity,
                 locale: str = "en") -> dict[str, Any]:
    """Submitted stages and the current one, nothing later; the key only per ``reveal``."""
    finished = bool(attempt.get("finished"))
    current = _current(attempt)
    stages = []
    for index, stage in enumerate(content.stages):
        given = _stage_answers(attempt, stage)
        if (finished or index < current) and given is not None:
            status, submitted = "submitted", True
        elif not finished and index == current:
            status, submitted, given = "current", False, {}
        else:
            if finished:
                continue  # a stage added after the attempt finished
            break
        items = []
        for item in stage.items:
            if item.id not in given and submitted:
                continue
            if isinstance(item, Question):
                items.append(_question_view(content, attempt, item, given.get(item.id),
                                            submitted, reveal, locale))
            else:
                items.append(_reflection_view(content, attempt, item, given.get(item.id),
                                              submitted, reveal, grades, locale))
        stages.append({"id": stage.id, "title": stage.title,
                       "narrative_html": stage.narrative_html, "status": status,
                       "items": items})
    view: dict[str, Any] = {
        "lang": content.lang,
        "reflection_grading": content.reflection_grading,
        "intro_html": content.intro_html,
        "stage_count": len(content.stages),
        "current_index": len(content.stages) if finished else max(0, current),
        "finished": finished,
        "stages": stages,
        "result": _result_view(content, attempt, reveal, grades, gettext, locale)
        if finished else None,
    }
    return view


def _result_view(content: Content, attempt: dict[str, Any], reveal: Reveal,
                 grades: dict[str, Any] | None, gettext: Gettext,
                 locale: str) -> dict[str, Any]:
    outcome = score(content, attempt, grades)
    competencies = catalogue.result_rows(outcome.competencies, content.declared, gettext, locale,
                                         shown=reveal.correctness)
    score_text = None
    if reveal.correctness:
        score_text = gettext(N_("Score: {earned} / {possible}")).format(
            earned=format_number(outcome.earned, locale, 2),
            possible=format_number(outcome.possible, locale, 2))
    return {"debrief_html": content.debrief_html, "reference_html": content.reference_html,
            "earned": outcome.earned if reveal.correctness else None,
            "possible": outcome.possible, "score_text": score_text,
            "earned_text": format_number(outcome.earned, locale, 2) if reveal.correctness else None,
            "possible_text": format_number(outcome.possible, locale, 2),
            "pending": outcome.pending, "competencies": competencies}


# --- records for the shell and staff ------------------------------------------------------

_BLOCK_TAGS = frozenset({"p", "div", "li", "br", "h3", "h4", "h5", "h6", "tr", "td", "th",
                         "blockquote", "pre", "dt", "dd", "figcaption", "caption"})


def html_text(html: str) -> str:
    """Plain text of sanitized author HTML (reports, staff panel): tags dropped, blocks
    separated by a space, whitespace collapsed."""
    if not html or not html.strip():
        return ""
    try:
        fragment = lxml_html.fragment_fromstring(html, create_parent="div")
    except (etree.ParserError, ValueError):
        return " ".join(html.split())
    for element in fragment.iter():
        if isinstance(element.tag, str) and element.tag in _BLOCK_TAGS:
            element.tail = " " + (element.tail or "")
    return " ".join(fragment.text_content().split())


def _submitted_items(content: Content, attempt: dict[str, Any]):
    for stage in content.stages:
        given = _stage_answers(attempt, stage)
        if given is None:
            continue
        for item in stage.items:
            if item.id in given:
                yield stage, item, given[item.id]


def answer_record(content: Content, attempt: dict[str, Any]) -> dict[str, Any]:
    """Compact JSON of the attempt (the edx-submissions answer): ids, option ids, reflection
    text, earned points per item (None while a staff grade is pending)."""
    stages: list[dict[str, Any]] = []
    by_stage: dict[str, dict[str, Any]] = {}
    for stage, item, answer in _submitted_items(content, attempt):
        if stage.id not in by_stage:
            by_stage[stage.id] = {"id": stage.id, "items": []}
            stages.append(by_stage[stage.id])
        if isinstance(item, Question):
            earned: float | None = round(question_earned(item, answer), 4)
            possible = item.max_points
        else:
            earned, possible, _status = reflection_result(content, item, answer, None)
            earned = round(earned, 4) if earned is not None else None
        by_stage[stage.id]["items"].append({"id": item.id, "answer": answer, "earned": earned,
                                            "possible": possible})
    record: dict[str, Any] = {"v": ATTEMPT_FORMAT, "finished": bool(attempt.get("finished")),
                              "seed": attempt.get("seed"), "stages": stages}
    if content.shuffle and attempt.get("order"):
        record["order"] = attempt.get("order")
    return record


def report_rows(content: Content, attempt: dict[str, Any], grades: dict[str, Any] | None = None,
                gettext: Gettext = identity) -> list[ReportRow]:
    rows = []
    for _stage, item, answer in _submitted_items(content, attempt):
        question = html_text(item.prompt_html)
        if isinstance(item, Question):
            chosen = answer if isinstance(answer, list) else [answer]
            texts = [html_text(o.text_html) for o in item.options if o.id in chosen]
            rows.append(ReportRow(question=question, answer="; ".join(texts),
                                  points=_plain_points(question_earned(item, answer),
                                                       item.max_points)))
            continue
        earned, possible, status = reflection_result(content, item, answer, grades)
        if status == AWAITING_GRADING:
            points = gettext(N_("awaiting grading"))
        elif earned is None:
            points = "—"
        else:
            points = _plain_points(earned, possible)
        rows.append(ReportRow(question=question, answer=answer if isinstance(answer, str) else "",
                              points=points))
    return rows


def _plain_points(earned: float, possible: float) -> str:
    return f"{_num(earned)} / {_num(possible)}"


def _num(value: float) -> str:
    value = round(value, 2)
    return str(int(value)) if value == int(value) else f"{value:g}"


def staff_items(content: Content, attempt: dict[str, Any]) -> list[dict[str, Any]]:
    """The reflections of a finished attempt that staff grade (staff mode only)."""
    if not attempt.get("finished") or content.reflection_grading != GRADING_STAFF:
        return []
    items = []
    for stage, item, answer in _submitted_items(content, attempt):
        if isinstance(item, Reflection):
            items.append({"item_id": item.id, "stage": stage.id,
                          "prompt": html_text(item.prompt_html),
                          "text": answer if isinstance(answer, str) else "",
                          "points": item.max_points, "rubric": _rubric_view(item)})
    return items


def summary(content: Content) -> dict[str, Any]:
    """Metadata only: counts and competencies (student_view_data, author_view)."""
    competencies: list[str] = []
    for _stage, item in content.items():
        if item.competency and item.competency not in competencies:
            competencies.append(item.competency)
    return {"stages": len(content.stages), "questions": len(content.questions()),
            "reflections": len(content.reflections()), "max_points": raw_maximum(content),
            "competencies": competencies}
