"""What a tracking event adds so that one xAPI statement per learner decision can be built
from it alone: the items a decision touched, as ids and points, with their competency.

Pure Python (no Django, XBlock or event-routing-backends): the shell's ``emit_event``
(``shell/events.py``) calls ``details`` with the block's content and the learner's attempt
*after* the action was applied, and merges the result into the event's data. Everything
here is ids, numbers and booleans — never the learner's text (a reflection is reported by
its id, its points and whether it counts, not by what the learner wrote; the service desk's
reasons and notes never leave the attempt) — and stays small: one entry per item of the
decision.

Item entries (``items``): ``id``, ``kind``, ``earned``, ``possible`` (None while a staff
grade is pending), ``competency`` ("" when untagged), ``response`` (option / choice /
decision / code ids joined by ``[,]``, the xAPI separator for choice responses; None for
text) and ``status`` (for reflections: "awaiting" / "graded" / "complete" / "incomplete" /
"ungraded"; for the service desk's parts: "ok" / "miss").
"""
from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Any

RESPONSE_SEPARATOR = "[,]"
# the service desk's graded parts whose answer is an id from the content's closed lists
CLOSED_LIST_PARTS = ("decision", "route", "code", "access", "disposition")
MAX_ITEMS = 100

Item = dict[str, Any]


def _number(value: Any) -> float | None:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    return round(float(value), 4)


def _response(kind: str, answer: Any) -> str | None:
    """Option ids as xAPI's choice response (``[,]`` between them), a classification as its
    matching response (``statement[.]category`` pairs, ``[,]`` between them, in statement
    order), a numeric answer as the number it reads as; text is never reported."""
    if kind in ("single", "multiple"):
        if isinstance(answer, str):
            return answer
        if isinstance(answer, list) and all(isinstance(a, str) for a in answer):
            return RESPONSE_SEPARATOR.join(answer)
        return None
    if kind == "classify":
        if isinstance(answer, dict) and all(isinstance(k, str) and isinstance(v, str)
                                            for k, v in answer.items()):
            return RESPONSE_SEPARATOR.join(f"{item}[.]{category}" for item, category in answer.items())
        return None
    if kind == "numeric" and not isinstance(answer, bool) and isinstance(answer, (int, float, str)):
        try:
            number = float(str(answer).strip())
        except ValueError:
            return None
        if number != number or abs(number) == float("inf"):
            return None
        text = format(Decimal(repr(number)), "f")  # "1500000", never "1.5e+06"
        return text.rstrip("0").rstrip(".") if "." in text else text
    return None


# --- the case study: each question and reflection of the submitted stage ------------------

def _case_study_stage(content: Any, attempt: dict[str, Any], data: dict[str, Any]) -> dict[str, Any]:
    from ..case_study import facts as case_facts
    from ..case_study.model import Question

    stage = next((s for s in content.stages if s.id == data.get("stage")), None)
    if stage is None:
        return {}
    wanted = [item.id for item in stage.items]
    answers = (attempt.get("answers") or {}).get(stage.id) or {}
    rows = case_facts.facts(content, attempt, None)
    scored = {row["item_id"]: row for row in rows
              if row.get("kind") in ("question", "reflection") and row.get("item_id") in wanted}
    items: list[Item] = []
    for item in stage.items:
        row = scored.get(item.id)
        if row is None:
            continue
        question = isinstance(item, Question)
        kind = str(getattr(item, "kind", "") or "single") if question else "reflection"
        items.append({
            "id": item.id,
            "kind": kind,
            "earned": _number(row.get("earned")),
            "possible": _number(row.get("possible")),
            "competency": item.competency or "",
            "response": _response(kind, answers.get(item.id)) if question else None,
            "status": "" if question else str(row.get("value") or ""),
        })
    return {"items": items}


# --- the simulation: the decision just taken, and the ending ------------------------------

def _simulation_choice(content: Any, attempt: dict[str, Any], data: dict[str, Any]) -> dict[str, Any]:
    from ..simulation import engine

    scn = engine.Scenario(content)
    path = [e for e in attempt.get("path") or [] if isinstance(e, dict)]
    if not path or path[-1].get("node") != data.get("node"):
        return {}
    items: list[Item] = []
    # the decision's competency points, exactly as the attempt's tally counts them (a node
    # counts on its first visit only: a revisit adds nothing)
    for entry, node, competency, earned, possible in engine.competency_items(scn, path):
        if entry is path[-1]:
            items.append({"id": node.id, "kind": "decision", "earned": _number(earned),
                          "possible": _number(possible), "competency": competency or "",
                          "response": str(entry.get("choice") or ""), "status": ""})
    return {"items": items, "step": len(path)}


def _simulation_ending(content: Any, attempt: dict[str, Any], data: dict[str, Any]) -> dict[str, Any]:
    from ..simulation import engine

    ending = engine.Scenario(content).endings.get(data.get("ending"))
    return {"outcome": (ending.outcome or "") if ending is not None else ""}


# --- the service desk: the request just decided, the record just filed ------------------

def _given(kind: str, given: Any) -> str | None:
    """The learner's answer to one graded part, when it is an id or a number from the
    content's closed lists: a decision, a unit, a classification code, an access class, a
    disposition, a requirement judged met or not, retention years. A date the learner typed
    is not reported (its correctness is)."""
    if kind == "requirement":
        return {True: "met", False: "not_met"}.get(given) if isinstance(given, bool) else None
    if kind == "retention" and isinstance(given, list):
        parts = [format(v, "g") for v in given if isinstance(v, (int, float)) and not isinstance(v, bool)]
        return RESPONSE_SEPARATOR.join(parts) if len(parts) == len(given) else None
    if kind in CLOSED_LIST_PARTS and isinstance(given, str) and len(given) <= 100:
        return given
    return None  # a typed date, or a part this list does not know yet: not reported


def _desk_task(key: str, answered: tuple[str, ...]):
    def build(content: Any, attempt: dict[str, Any], data: dict[str, Any]) -> dict[str, Any]:
        # the task's whole result, graded from the submitted form (the attempt keeps only
        # its points): the desk has just graded it and hands back the same result
        from ..digital_service.desk import build as desk_of
        from ..digital_service.desk import current_result

        task_id = data.get(key)
        if not isinstance(task_id, str) or not isinstance((attempt.get("submitted") or {}).get(task_id), dict):
            return {}
        result = current_result(desk_of(content), attempt, task_id)
        if not isinstance(result, dict):
            return {}
        items: list[Item] = []
        out: dict[str, Any] = {}
        for item in result.get("items") or []:
            if not isinstance(item, dict):
                continue
            kind = str(item.get("kind") or "")
            response = _given(kind, item.get("given"))
            if kind in answered:
                out[kind] = response or ""
            items.append({"id": str(item.get("id") or ""), "kind": kind,
                          "earned": _number(item.get("earned")), "possible": _number(item.get("possible")),
                          "competency": str(item.get("competency") or ""), "response": response,
                          "status": "ok" if item.get("ok") else "miss"})
        out["items"] = items
        return out
    return build


DETAILS: dict[tuple[str, str], Callable[[Any, dict[str, Any], dict[str, Any]], dict[str, Any]]] = {
    ("asn_case_study", "stage_submitted"): _case_study_stage,
    ("asn_change_simulation", "choice_made"): _simulation_choice,
    ("asn_change_simulation", "ending_reached"): _simulation_ending,
    ("asn_digital_service", "request_submitted"): _desk_task("request", ("decision", "route")),
    ("asn_digital_service", "record_submitted"): _desk_task("record", ("code", "access", "disposition")),
}


def details(tag: str, action: str, content: Any, attempt: Any, data: dict[str, Any]) -> dict[str, Any]:
    """The fields ``action`` of block ``tag`` adds to its event ({} when none). Items past
    ``MAX_ITEMS`` are left out (no content comes near it: it bounds the event's size)."""
    build = DETAILS.get((tag, action))
    if build is None or not isinstance(attempt, dict):
        return {}
    out = build(content, attempt, data)
    if "items" in out:
        out["items"] = out["items"][:MAX_ITEMS]
    return out


def reflection_competency(content: Any, reflection_id: Any) -> str:
    """The competency a graded reflection counts for ("" when none or not found)."""
    for stage in getattr(content, "stages", None) or []:
        item = stage.item(reflection_id) if isinstance(reflection_id, str) else None
        if item is not None:
            return item.competency or ""
    return ""


def competency_entries(tally: Any) -> list[dict[str, Any]]:
    """An attempt's competency tally (``CompetencyTally``) as event entries: per competency
    the points counted and how many items of it await a staff grade."""
    if tally is None:
        return []
    return [{"id": cid, "earned": _number(tally.earned.get(cid, 0.0)),
             "possible": _number(tally.possible.get(cid, 0.0)),
             "pending": int(tally.pending.get(cid, 0))}
            for cid in tally.possible]
