"""What a learner does in a case study: submit a stage, keep drafts. Every input is
checked strictly; a refusal (400 bad input, 409 out of order) changes nothing.

A submission names the stage and carries an answer for each of its items: an option id
(single), a list of option ids (multiple), ``{item id: category id}`` for every statement
(classify), the number as typed (numeric), the text (reflection). A numeric answer is read
in the format of the ``locale`` the action names (the page's language; ``numbers``): what
cannot be read is refused with a message that names the format, never scored as wrong. The
attempt keeps the number read, so a rescore does not depend on a language.
"""
from __future__ import annotations

from decimal import Decimal
from typing import Any

from ..core.actions import ActionError, bad_request, conflict
from ..core.copies import json_copy
from ..core.engine_api import ActionOutcome
from ..core.i18n import N_
from ..core.text import MAX_TEXT_CHARS, clip, count_words
from .attempt import current_index, drift, is_number
from .model import CLASSIFY, MULTIPLE, NUMERIC, Content, Question, Reflection, Stage
from .numbers import LOCALES, MAX_CHARS, examples, number_locale, parse_number, separators
from .scoring import stage_points

SUBMIT_STAGE = "submit_stage"
# Keys a browser may send besides the action's own: the shell's state version.
_SHELL_KEYS = frozenset({"version"})
_ACTION_KEYS = frozenset({"type", "stage", "answers", "locale"}) | _SHELL_KEYS
_DRAFT_KEYS = frozenset({"reflection", "text"}) | _SHELL_KEYS
_CHOICE_DRAFT_KEYS = frozenset({"question", "choice"}) | _SHELL_KEYS

MSG_NUMBER_UNREADABLE = N_("\"{value}\" cannot be read as a number. Write digits with "
                           "\"{decimal_mark}\" before the decimals and, if you like, "
                           "\"{group_mark}\" between thousands, for example {decimal} or "
                           "{thousands}.")
MSG_NUMBER_EMPTY = N_("Type a number, for example {decimal} or {thousands}.")



def apply_action(content: Content, attempt: dict[str, Any],
                 action: dict[str, Any]) -> ActionOutcome:
    """Submit one stage as a whole. Raises ActionError (400/409) with nothing changed."""
    if not isinstance(action, dict):
        raise bad_request(N_("The request is not a valid action."))
    extra = [key for key in action if key not in _ACTION_KEYS]
    if extra:
        raise bad_request(N_("The action has an unexpected field \"{field}\"."),
                          field=clip(extra[0]))
    if action.get("type") != SUBMIT_STAGE:
        raise bad_request(N_("Unknown action."))
    stage_id = action.get("stage")
    if not isinstance(stage_id, str):
        raise bad_request(N_("The action does not name a stage."))
    answers = action.get("answers")
    if not isinstance(answers, dict):
        raise bad_request(N_("The answers are missing or malformed."))
    locale = action.get("locale")
    if locale is not None and not isinstance(locale, str):
        raise bad_request(N_("The request is not a valid action."))
    if attempt.get("finished"):
        raise conflict(N_("This attempt is already finished."))
    index = content.stage_index(stage_id)
    if index is None:
        raise bad_request(N_("There is no stage \"{stage}\"."), stage=clip(stage_id))
    if drift(content, attempt):
        raise conflict(N_("This case study was changed since you started it. Reload the page "
                          "to continue."))
    current = current_index(attempt)
    if index < current:
        raise conflict(N_("This stage was already submitted."))
    if index > current:
        raise conflict(N_("This stage is not open yet."))
    stage = content.stages[index]
    keys = [q.answer_value for q in content.questions() if q.kind == NUMERIC]
    clean = _check_answers(stage, answers, locale, keys)

    new = json_copy(attempt)
    new.setdefault("answers", {})[stage.id] = clean
    new["submitted"] = list(new.get("submitted", [])) + [stage.id]
    drafts = new.get("drafts", {})
    new["drafts"] = {k: v for k, v in drafts.items() if stage.item(k) is None}
    new.pop("choice_drafts", None)  # only the current stage has them
    new["current"] = index + 1
    finished = new["current"] >= len(content.stages)
    new["finished"] = finished
    earned, possible = stage_points(content, stage, clean)
    events = [("stage_submitted", {"stage": stage.id, "earned": round(earned, 4),
                                   "possible": round(possible, 4)})]
    return ActionOutcome(attempt=new, finished=finished, events=events)


def _check_answers(stage: Stage, answers: dict[Any, Any], locale: str | None,
                   keys: list[float | None]) -> dict[str, Any]:
    """The stage's answers, strictly checked and normalised (document order of options)."""
    for key in answers:
        if not isinstance(key, str) or stage.item(key) is None:
            raise bad_request(N_("\"{id}\" is not a question or reflection of this stage."),
                              id=clip(key))
    clean: dict[str, Any] = {}
    for item in stage.items:
        if item.id not in answers:
            raise bad_request(N_("Answer every question and reflection of this stage before "
                                 "submitting it."), id=item.id)
        value = answers[item.id]
        if isinstance(item, Question) and item.kind == CLASSIFY:
            clean[item.id] = _check_placement(item, value, complete=True)
        elif isinstance(item, Question) and item.kind == NUMERIC:
            clean[item.id] = _check_number(item, value, locale, keys)
        elif isinstance(item, Question):
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
                              option=clip(unknown[0]), id=question.id)
        if not value:
            raise bad_request(N_("Check at least one option in every question."),
                              id=question.id)
        return [o for o in known if o in value]
    if not isinstance(value, str):
        raise bad_request(N_("The answer to a single-choice question must be one option id."),
                          id=question.id)
    if value not in known:
        raise bad_request(N_("\"{option}\" is not an option of this question."),
                          option=clip(value), id=question.id)
    return value


def _check_placement(question: Question, value: Any, complete: bool) -> dict[str, str]:
    """A classification answer ``{item id: category id}``; ``complete``: every statement
    placed (a submission), else any of them (a draft). Document order of the items."""
    if not isinstance(value, dict) or not all(isinstance(v, str) for v in value.values()):
        raise bad_request(N_("The answer to a classification question must map each "
                             "statement to a category."), id=question.id)
    for key, category in value.items():
        if question.sort_item(key) is None:
            raise bad_request(N_("\"{item}\" is not a statement of this question."),
                              item=clip(key), id=question.id)
        if question.category(category) is None:
            raise bad_request(N_("\"{category}\" is not a category of this question."),
                              category=clip(category), id=question.id)
    if complete and len(value) < len(question.items):
        raise bad_request(N_("Choose a category for every statement."), id=question.id)
    return {item.id: value[item.id] for item in question.items if item.id in value}


def _read_number(text: str, locale: str | None, unit: str | None) -> Decimal | None:
    """``text`` read in ``locale``; without one (an older page), only when the Indonesian
    and the English reading agree or just one of them can read it."""
    if locale is not None:
        return parse_number(text, locale, unit)
    readings = {value for value in (parse_number(text, lc, unit) for lc in LOCALES)
                if value is not None}
    return readings.pop() if len(readings) == 1 else None


def _check_number(question: Question, value: Any, locale: str | None,
                  keys: list[float | None]) -> float:
    """The number a numeric answer gives: typed text read in the page's format, or a JSON
    number. Unreadable text is refused naming the format (it is never scored)."""
    if is_number(value):
        return float(value)
    if not isinstance(value, str):
        raise bad_request(N_("The answer to a numeric question must be the number as typed."),
                          id=question.id)
    decimal_mark, group_mark = separators(locale)
    decimal, thousands = examples(number_locale(locale), keys)
    if not value.strip():
        raise bad_request(MSG_NUMBER_EMPTY, decimal=decimal, thousands=thousands,
                          id=question.id)
    number = _read_number(value, locale, question.unit)
    if number is None or not number.is_finite() or abs(number) > Decimal(10) ** 15:
        raise bad_request(MSG_NUMBER_UNREADABLE, value=clip(value.strip()),
                          decimal_mark=decimal_mark, group_mark=group_mark,
                          decimal=decimal, thousands=thousands, id=question.id)
    return float(number)


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
        raise bad_request(N_("There is no reflection \"{id}\"."), id=clip(reflection_id))
    current = current_index(attempt)
    if not 0 <= current < len(content.stages) or not isinstance(
            content.stages[current].item(reflection_id), Reflection):
        raise conflict(N_("This reflection can no longer be changed, or is not open yet."))
    new = json_copy(attempt)
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
        raise bad_request(N_("There is no question \"{id}\"."), id=clip(question_id))
    current = current_index(attempt)
    question = (content.stages[current].item(question_id)
                if 0 <= current < len(content.stages) else None)
    if not isinstance(question, Question):
        raise conflict(N_("This question can no longer be changed, or is not open yet."))
    clean = _draft_value(question, choice)
    new = json_copy(attempt)
    drafts = new.get("choice_drafts")
    new["choice_drafts"] = dict(drafts) if isinstance(drafts, dict) else {}
    if clean is None:
        new["choice_drafts"].pop(question_id, None)
    else:
        new["choice_drafts"][question_id] = clean
    return new


def _draft_value(question: Question, choice: Any) -> Any:
    """An unsent answer checked as a submission would be, but partial: statements placed
    so far (classify), the text as typed, unread (numeric). None forgets the draft."""
    if choice is None or choice == [] or choice == {} or choice == "":
        return None
    if question.kind == CLASSIFY:
        return _check_placement(question, choice, complete=False)
    if question.kind == NUMERIC:
        if not isinstance(choice, str):
            raise bad_request(N_("The request is not a valid draft."), id=question.id)
        if len(choice) > MAX_CHARS:
            raise bad_request(N_("The text is too long ({count} characters; the limit is "
                                 "{limit})."), count=len(choice), limit=MAX_CHARS,
                              id=question.id)
        return choice
    return _check_choice(question, choice)


def choice_draft(attempt: dict[str, Any], question: Question) -> Any:
    """The unsent answer of ``question`` (an option id, a list of them, the statements
    placed so far, the number as typed), or None."""
    drafts = attempt.get("choice_drafts")
    value = drafts.get(question.id) if isinstance(drafts, dict) else None
    if value is None:
        return None
    try:
        return _draft_value(question, value)
    except ActionError:  # the author changed the question since
        return None
