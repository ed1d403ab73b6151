"""The blocks compared: the trivial baseline, our three blocks on their demo content, and
the anchors on their own content. Each knows its typical learner handler call and the
payload for it, worked out (untimed) from what the browser would have.
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from . import harness
from .harness import Subject

SCENARIOS = harness.ROOT / "asn_xblocks" / "demo" / "scenarios"


def _demo(tag: str, name: str) -> str:
    return (SCENARIOS / tag / name).read_text(encoding="utf-8")


# --- our blocks: the payload a browser sends, from the learner payload it holds ---------

def learner_payload(subject: Subject, student: str) -> dict[str, Any]:
    status, data = harness.call(subject.usage_id, student, "state", {})
    assert status == 200, data
    return data


def case_study_action(view: dict[str, Any]) -> dict[str, Any]:
    stage = next(s for s in view["stages"] if s["status"] == "current")
    answers: dict[str, Any] = {}
    for item in stage["items"]:
        if item["type"] == "question":
            first = item["options"][0]["id"]
            answers[item["id"]] = [first] if item["kind"] == "multiple" else first
        else:
            words = max(item.get("min_words") or 0, 12)
            if item.get("max_words"):
                words = min(words, item["max_words"])
            answers[item["id"]] = " ".join(["kata"] * words)
    return {"type": "submit_stage", "stage": stage["id"], "answers": answers}


def simulation_action(view: dict[str, Any]) -> dict[str, Any]:
    return {"type": "choose", "choice": view["node"]["choices"][0]["id"]}


def service_action(view: dict[str, Any]) -> dict[str, Any]:
    request_id = next(q["id"] for q in view["queue"] if q["status"] != "submitted")
    request = view["requests"][request_id]
    form = {"requirements": {r["id"]: {"met": True} for r in request["service"]["requirements"]},
            "decision": "approve", "route": view["units"][0]["id"], "due": "2026-03-20"}
    return {"type": "submit_request", "request": request_id, "form": form}


ACTIONS = {"asn_case_study": case_study_action, "asn_change_simulation": simulation_action,
           "asn_digital_service": service_action}


def ours_next(subject: Subject, student: str) -> dict[str, Any]:
    """What the browser sends: the version and the content revision of the view it holds
    (asn_common.js ``ctl.act``), and the action."""
    payload = learner_payload(subject, student)
    return {"version": payload["version"], "action": ACTIONS[subject.tag](payload["view"]),
            "have": payload["rev"]}


def ours_warmup(subject: Subject, student: str) -> None:
    harness.render(subject.usage_id, student)
    status, data = harness.call(subject.usage_id, student, "act", ours_next(subject, student))
    assert status == 200, data


# --- anchors ----------------------------------------------------------------------------

def dnd_warmup(subject: Subject, student: str) -> None:
    harness.render(subject.usage_id, student)
    status, data = harness.call(subject.usage_id, student, "drop_item",
                                {"val": 0, "zone": "top", "x_percent": "30%", "y_percent": "20%"})
    assert status == 200, data


def dnd_next(subject: Subject, student: str) -> dict[str, Any]:
    return {"val": 1, "zone": "middle", "x_percent": "40%", "y_percent": "50%"}


def poll_warmup(subject: Subject, student: str) -> None:
    harness.render(subject.usage_id, student)


def poll_next(subject: Subject, student: str) -> dict[str, Any]:
    block = harness.block_for(subject.usage_id, student)
    return {"choice": block.answers[0][0]}


def branching_warmup(subject: Subject, student: str) -> None:
    harness.render(subject.usage_id, student)
    status, data = harness.call(subject.usage_id, student, "select_choice", {"choice_index": 0})
    assert status == 200 and data.get("success"), data


def branching_next(subject: Subject, student: str) -> dict[str, Any]:
    return {"choice_index": 0}


def branching_xml() -> str:
    """branching-xblock ships no sample scenario (its default is empty, so nothing to click):
    a 13-node scenario in its own node format, the size of our simulation's demo, with
    scoring on, built with the package's own node constructor."""
    from branching_xblock.branching_xblock import _default_node

    nodes = {}
    layers = [["n0"], ["n1a", "n1b"], ["n2a", "n2b", "n2c"], ["n3a", "n3b", "n3c"],
              ["e_good", "e_mid", "e_bad", "e_out"]]
    for depth, layer in enumerate(layers):
        following = layers[depth + 1] if depth + 1 < len(layers) else []
        for position, node_id in enumerate(layer):
            choices = [{"text": f"Pilihan {k + 1} di {node_id}: lanjutkan ke {target}",
                        "target_node_id": target, "score": (k + position) % 3}
                       for k, target in enumerate(following[position % 2:position % 2 + 3])]
            nodes[node_id] = _default_node(
                id=node_id,
                content=f"<p>Situasi {node_id}: pimpinan unit meminta pendapat Anda tentang "
                        f"rencana perubahan layanan perizinan (contoh fiktif).</p>",
                choices=choices)
    data = {"nodes": nodes, "start_node_id": "n0"}
    attribute = json.dumps(data).replace("&", "&amp;").replace("'", "&apos;").replace("<", "&lt;")
    return (f"<branching_xblock display_name='Skenario bercabang' enable_scoring='true' "
            f"max_score='6' scenario_data='{attribute}'/>")


def branching_load_calls() -> list[str]:
    """The handlers branching-xblock's learner JS calls on load to get its content. Its view
    is a shell (``<div data-react-root>``) that React fills; releases that fetch the state
    with ``get_current_state`` need that second request before anything shows. The installed
    bundle is read, not assumed: 0.3.3 passes the state in the init arguments and calls no
    handler on load (its only other load-time requests are the Paragon theme stylesheets
    from cdn.jsdelivr.net, outside the server measured here)."""
    import branching_xblock

    bundle = Path(branching_xblock.__file__).parent / "static" / "bundles" / "student.js"
    try:
        text = bundle.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return []
    return [name for name in ("get_current_state",) if f'"{name}"' in text or f"'{name}'" in text]


def subjects() -> list[Subject]:
    found = [
        Subject("baseline", "bench_baseline", "baseline", "<bench_baseline/>", "noop",
                next_payload=lambda s, u: {},
                warmup=lambda s, u: harness.render(s.usage_id, u) and None,
                note="static fragment, no-op JSON handler"),
        Subject("floor", "bench_floor", "floor", "<bench_floor/>", "bump",
                next_payload=lambda s, u: {},
                warmup=lambda s, u: harness.render(s.usage_id, u) and None,
                note="one user-state field: the view reads it, the handler adds one and saves"),
        Subject("case_study", "asn_case_study", "ours",
                _demo("asn_case_study", "03_whistleblowing.xml"), "act",
                next_payload=ours_next, warmup=ours_warmup,
                note="demo 03_whistleblowing (3 stages); call = submit stage 2"),
        Subject("simulation", "asn_change_simulation", "ours",
                _demo("asn_change_simulation", "01_oss_perizinan.xml"), "act",
                next_payload=ours_next, warmup=ours_warmup,
                note="demo 01_oss_perizinan (13 nodes); call = the 2nd choice"),
        Subject("digital_service", "asn_digital_service", "ours",
                _demo("asn_digital_service", "01_izin_usaha_mikro.xml"), "act",
                next_payload=ours_next, warmup=ours_warmup,
                note="demo 01_izin_usaha_mikro (8 requests); call = submit the 2nd request"),
    ]
    if harness.anchor_available("drag-and-drop-v2"):
        found.append(Subject("dnd_v2", "drag-and-drop-v2", "anchor",
                             "<vertical_demo><drag-and-drop-v2/></vertical_demo>", "drop_item",
                             next_payload=dnd_next, warmup=dnd_warmup,
                             note="its default problem (standard mode); call = drop the 2nd item"))
    if harness.anchor_available("poll"):
        found.append(Subject("poll", "poll", "anchor", "<poll/>", "vote",
                             next_payload=poll_next, warmup=poll_warmup,
                             note="its default poll; call = vote"))
    if harness.anchor_available("branching_xblock"):
        found.append(Subject("branching", "branching_xblock", "anchor", branching_xml(),
                             "select_choice", next_payload=branching_next,
                             warmup=branching_warmup, render_calls=branching_load_calls(),
                             note="13-node scenario in its own format; call = the 2nd choice"))
    return found


def missing_anchors() -> list[str]:
    return [package for tag, package in (("drag-and-drop-v2", "xblock-drag-and-drop-v2"),
                                          ("poll", "xblock-poll"),
                                          ("branching_xblock", "branching-xblock"))
            if not harness.anchor_available(tag)]


__all__ = ["subjects", "missing_anchors", "Path"]
