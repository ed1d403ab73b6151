"""The learner's attempt: state, the step function, scoring and deterministic replay.

The position of an attempt is always a node or an ending: routers are followed at once and
never shown. Metric values live in the attempt (all of them, hidden ones too); the browser
only ever sees what ``learner_view`` picks.

Attempt (JSON-able, owned by this module; the shell only reads ``finished``)::

    {"seed": int, "position": "<node or ending id>" | None, "metrics": {id: number},
     "path": [{"node": id, "choice": id, "before": {...}, "after": {...}, "to": id}],
     "finished": bool, "ending": id | None, "error": None | "start",
     "result": None | {"fraction": float, "competencies": {id: [earned, possible]}}}

``error == "start"`` marks an attempt whose start cannot be resolved (unknown start,
router loop): validate() reports the cause; the learner is told to contact the team.

How a choice is offered, applied and routed is ``scenario``'s (shared with the analysis);
path scoring reads the best path from the result ``analysis`` stored with the content.
"""
from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ..core.actions import bad_request, conflict
from ..core.copies import json_copy
from ..core.i18n import N_
from ..core.scoring import AttemptScore, CompetencyTally
from . import analysis
from .model import SCORING_PATH, Content
from .scenario import RouteError, Scenario, as_number, path_points

MAX_ID_CHARS = 200
RAW_MAXIMUM = 100.0

MSG_NOT_OBJECT = N_("The action must be a JSON object.")
MSG_BAD_TYPE = N_("Unknown action: the simulation only accepts a choice.")
MSG_BAD_CHOICE = N_("The choice must be given by its id.")
MSG_NOT_AVAILABLE = N_("This choice is no longer available. The page shows the choices you "
                       "have now.")
MSG_FINISHED = N_("This attempt is already finished.")
MSG_BAD_ATTEMPT = N_("The saved attempt cannot be used; please reload the page.")
MSG_DRIFT = N_("The scenario was changed by the course team after you started; please "
               "reload the page.")
MSG_BROKEN = N_("This choice cannot be followed because the scenario has an error; "
                "please tell the course team.")
MSG_CANNOT_START = N_("The scenario cannot start because it has an error; please tell the "
                      "course team.")


# --- attempts ----------------------------------------------------------------------------

def new_attempt(content: Content, seed: int = 0, scenario: Scenario | None = None) -> dict[str, Any]:
    scn = scenario or Scenario(content)
    values = scn.initial_values()
    attempt: dict[str, Any] = {
        "seed": int(seed) if isinstance(seed, int) else 0,
        "position": None, "metrics": scn.to_dict(values), "path": [],
        "finished": False, "ending": None, "error": None, "result": None,
    }
    try:
        kind, place = scn.resolve(content.start, values)
    except RouteError:
        attempt["error"] = "start"
        return attempt
    attempt["position"] = place
    if kind == "ending":  # a scenario that starts at its end (validate() errors on it)
        attempt["finished"] = True
        attempt["ending"] = place
        attempt["result"] = _result(content, attempt, scn)
    return attempt


def check_attempt(attempt: Any) -> None:
    """The stored attempt has the shape this module writes, or a 409 (reload)."""
    if not isinstance(attempt, dict):
        raise conflict(MSG_BAD_ATTEMPT)
    if not isinstance(attempt.get("metrics"), dict) or not isinstance(attempt.get("path"), list):
        raise conflict(MSG_BAD_ATTEMPT)
    if not isinstance(attempt.get("finished", False), bool):
        raise conflict(MSG_BAD_ATTEMPT)
    position = attempt.get("position")
    if position is not None and not isinstance(position, str):
        raise conflict(MSG_BAD_ATTEMPT)


def read_action(action: Any) -> str:
    """The choice id of a well-formed action, or a 400."""
    if not isinstance(action, dict):
        raise bad_request(MSG_NOT_OBJECT)
    if action.get("type") != "choose":
        raise bad_request(MSG_BAD_TYPE)
    choice_id = action.get("choice")
    if not isinstance(choice_id, str) or not choice_id or len(choice_id) > MAX_ID_CHARS:
        raise bad_request(MSG_BAD_CHOICE)
    return choice_id


def step(content: Content, attempt: dict[str, Any], action: Any,
         scenario: Scenario | None = None) -> tuple[dict[str, Any], list[tuple[str, dict]]]:
    """(new attempt, events) after the learner's choice; ActionError with nothing changed."""
    choice_id = read_action(action)
    check_attempt(attempt)
    if attempt.get("finished"):
        raise conflict(MSG_FINISHED)
    scn = scenario or Scenario(content)
    if attempt.get("error") == "start" or attempt.get("position") is None:
        raise conflict(MSG_CANNOT_START)
    node = scn.nodes.get(attempt["position"])
    if node is None:
        raise conflict(MSG_DRIFT)
    values = scn.to_values(attempt["metrics"])
    transition = next((t for t in scn.transitions(node) if t.choice.id == choice_id), None)
    # One answer for every choice the learner is not offered now: an id that exists nowhere,
    # one of another node, one hidden by its condition. Told apart (400 / 409), they would
    # tell a learner probing ids which hidden choices the scenario has.
    if transition is None or not transition.available(values):
        raise conflict(MSG_NOT_AVAILABLE)
    after = scn.apply(transition, values)
    try:
        kind, place = scn.resolve(transition.choice.goto, after)
    except RouteError:
        raise conflict(MSG_BROKEN) from None

    new = json_copy(attempt)
    new["metrics"] = scn.to_dict(after)
    new["path"].append({"node": node.id, "choice": choice_id, "before": scn.to_dict(values),
                        "after": scn.to_dict(after), "to": place})
    new["position"] = place
    events: list[tuple[str, dict]] = [("choice_made", {"node": node.id, "choice": choice_id})]
    if kind == "ending":
        new["finished"] = True
        new["ending"] = place
        new["result"] = _result(content, new, scn)
        events.append(("ending_reached", {"ending": place,
                                          "score": round(new["result"]["fraction"], 4)}))
    return new, events


def replay(content: Content, choice_ids: Sequence[str], seed: int = 0) -> list[dict[str, Any]]:
    """The attempts after each recorded choice (index 0: the fresh attempt), re-run on the
    current content. Deterministic; ActionError when a choice is no longer available."""
    scn = Scenario(content)
    attempt = new_attempt(content, seed, scn)
    states = [attempt]
    for choice_id in choice_ids:
        attempt, _events = step(content, attempt, {"type": "choose", "choice": choice_id}, scn)
        states.append(attempt)
    return states


def drift(content: Content, attempt: Any) -> bool:
    """An unfinished attempt whose position or recorded path names ids the content lost."""
    if not isinstance(attempt, dict) or attempt.get("finished"):
        return False
    scn = Scenario(content)
    if attempt.get("error") == "start":
        return False
    if scn.node_of(attempt.get("position")) is None:
        return True
    return not _path_fits(scn, attempt)


def _path_fits(scn: Scenario, attempt: dict[str, Any]) -> bool:
    path = attempt.get("path") or []
    if not isinstance(path, list):
        return False
    for entry in path:
        if not isinstance(entry, dict):
            return False
        node = scn.node_of(entry.get("node"))
        if node is None or not any(c.id == entry.get("choice") for c in node.choices):
            return False
    return True


def fits(content: Content, attempt: Any) -> bool:
    """A finished attempt's recorded path names only nodes and choices the content has (a
    rescore replays it on the current scenario)."""
    return isinstance(attempt, dict) and _path_fits(Scenario(content), attempt)


# --- scoring -----------------------------------------------------------------------------

def _entries(attempt: dict[str, Any]) -> list[dict[str, Any]]:
    """The recorded path's entries (what is not an entry is skipped)."""
    path = attempt.get("path")
    return [entry for entry in path if isinstance(entry, dict)] if isinstance(path, list) else []


def path_choice_ids(attempt: dict[str, Any]) -> list[str]:
    return [entry["choice"] for entry in _entries(attempt) if isinstance(entry.get("choice"), str)]


def _result(content: Content, attempt: dict[str, Any], scn: Scenario) -> dict[str, Any]:
    score = compute_score(content, attempt, scn)
    return {"fraction": score.fraction,
            "competencies": score.competencies.to_dict()}


def compute_score(content: Content, attempt: dict[str, Any],
                  scenario: Scenario | None = None) -> AttemptScore:
    """Raw score on 100 (the fraction × 100; the LMS applies the weight once, so the raw
    maximum is the same for every simulation); unfinished attempts score 0.

    ``ending``: the reached ending's score. ``path``: points on the path (each choice once)
    ÷ the best path's points, read from the analysis stored with the content
    (``analysis.result_for``: no search on a learner's request); when the best is 0, or the
    content was stored without an analysis (not analysed: see analysis.py), the ending's
    score. Competencies: see ``competency_tally``. A finished attempt whose ending no longer
    exists keeps its recorded result.
    """
    if not isinstance(attempt, dict) or not attempt.get("finished"):
        return AttemptScore(0.0, RAW_MAXIMUM)
    scn = scenario or Scenario(content)
    ending_id = attempt.get("ending")
    ending = scn.endings.get(ending_id) if isinstance(ending_id, str) else None
    if ending is None:
        return _recorded_score(attempt)
    ending_fraction = min(1.0, max(0.0, ending.score or 0.0))
    fraction = ending_fraction
    if content.scoring == SCORING_PATH:
        found = analysis.result_for(content)
        best = found.best if found is not None else None
        if best is not None and best.points > 0:
            fraction = min(1.0, path_points(scn, path_choice_ids(attempt)) / best.points)
    tally = competency_tally(scn, _entries(attempt))
    return AttemptScore(fraction * RAW_MAXIMUM, RAW_MAXIMUM, competencies=tally)


def competency_tally(scn: Scenario, path: Sequence[dict[str, Any]]) -> CompetencyTally:
    """Per competency: points earned ÷ points possible on the decisions the learner faced.

    Each decision (a node, counted once per path) is an item for a competency when one of
    its *available* choices (those offered, given the metric values then) carries it, and
    either the learner's choice carries it or that tagged choice was worth more than the
    learner's: possible = the most points a tagged choice was worth, earned = the points of
    the learner's choice if it carries the competency. So a missed chance counts against a
    competency, while picking another full-points option does not. No search is involved:
    the result never depends on the state bound and costs nothing on big scenarios.
    """
    tally = CompetencyTally()
    for _entry, _node, competency, earned, possible in competency_items(scn, path):
        tally.add(competency, earned, possible)
    return tally


def competency_items(scn: Scenario, path: Sequence[dict[str, Any]]):
    """The (entry, node, competency, earned, possible) items ``competency_tally`` sums; the
    analytics facts record the same items one by one."""
    seen: set[str] = set()
    for entry in path:
        node = scn.node_of(entry.get("node"))
        if node is None or node.id in seen:
            continue
        seen.add(node.id)
        offered = scn.available(node, scn.to_values(entry.get("before")))
        best: dict[str, float] = {}
        for choice in offered:
            if choice.competency and choice.points > 0:
                best[choice.competency] = max(best.get(choice.competency, 0.0), choice.points)
        chosen = next((c for c in node.choices if c.id == entry.get("choice")), None)
        chosen_points = max(0.0, chosen.points) if chosen is not None else 0.0
        for competency, possible in best.items():
            if chosen is not None and chosen.competency == competency:
                yield entry, node, competency, min(possible, chosen_points), possible
            elif possible > chosen_points:
                yield entry, node, competency, 0.0, possible


def _recorded_score(attempt: dict[str, Any]) -> AttemptScore:
    result = attempt.get("result")
    if not isinstance(result, dict):
        result = {}
    fraction = as_number(result.get("fraction")) or 0.0
    tally = CompetencyTally()
    recorded = result.get("competencies")
    for cid, pair in (recorded.items() if isinstance(recorded, dict) else ()):
        if isinstance(pair, list) and len(pair) == 2:
            earned, possible = as_number(pair[0]), as_number(pair[1])
            if earned is not None and possible is not None:
                tally.add(cid, earned, possible)
    return AttemptScore(min(1.0, max(0.0, fraction)) * RAW_MAXIMUM, RAW_MAXIMUM,
                        competencies=tally)
