"""An action's answer on a desk leaves out what the browser's view already holds.

The browser names the content revision of the view it holds (``have``, asn_common.js
``ctl.act``); when it is the current one, the desk's answer carries only what an action can
change, and the browser's merge (``untrim``, reproduced below as the browser runs it) gives
the same view as the full answer. Any other ``have`` — none, stale, not text — gets the full
view; so does every block without ``trim_view``.
"""
import json

from .case_fixtures import case_xml
from .desk_fixtures import PERFECT, PERFECT_RECORDS, desk_xml, file_record, records_xml, submit


def untrim(view, held):
    """asn_common.js ``untrim``: top-level keys, then each entry of the named map."""
    name = view.get("trimmed")
    if not name or held is None:
        return view
    merged = dict(view)
    for key, value in held.items():
        merged.setdefault(key, value)
    merged[name] = {tid: {**held.get(name, {}).get(tid, {}), **entry} for tid, entry in view[name].items()}
    return merged


def act_having(block, action, have, student="learner"):
    state = block.state(student)
    return block.call("act", {"version": state["version"], "action": action, "have": have}, student)


def test_the_answer_leaves_out_the_held_views_content_parts(make_block):
    block = make_block(desk_xml())
    held = block.state()
    assert held["rev"] and isinstance(held["rev"], str)
    status, trimmed = act_having(block, submit("rA", PERFECT["rA"]), held["rev"])
    assert status == 200, trimmed
    view = trimmed["view"]
    assert view["trimmed"] == "requests"
    for key in ("units", "decisions", "holidays", "intro_html", "date_input"):
        assert key not in view
    for task in view["requests"].values():
        assert "documents" not in task and "service" not in task and "applicant" not in task
        assert "status" in task and "result" in task and "draft" in task
    assert view["requests"]["rA"]["status"] == "submitted"
    assert view["requests"]["rA"]["result"]["earned"] == 6
    assert view["queue"] and view["submitted_count"] == 1
    # what the browser makes of it is the full view of the same state
    full = block.state()["view"]
    assert untrim(view, held["view"]) == {**full, "trimmed": "requests"}
    assert len(json.dumps(trimmed)) < 0.6 * len(json.dumps(block.state()))


def test_any_other_revision_gets_the_whole_view(make_block):
    block = make_block(desk_xml())
    for have in (None, "", "0123456789abcdef", 7, ["x"], {"rev": 1}):
        status, data = act_having(block, submit("rA", PERFECT["rA"]), have, student=f"s{have!r}")
        assert status == 200, data
        assert "trimmed" not in data["view"]
        assert data["view"]["requests"]["rB"]["documents"], have
        assert data["view"]["units"]


def test_a_finished_records_desk_answer_merges_to_the_full_view(make_block):
    block = make_block(records_xml(feedback="end"))
    held = block.state()
    view = held["view"]
    assert view["archive"]["scheme"]
    for record_id, the_form in PERFECT_RECORDS.items():
        status, data = act_having(block, file_record(record_id, the_form), held["rev"])
        assert status == 200, (record_id, data)
        assert "archive" not in data["view"] and data["view"]["trimmed"] == "requests"
        view = untrim(data["view"], view)
    assert view["finished"] is True
    assert view == {**block.state()["view"], "trimmed": "requests"}


def test_blocks_without_trim_view_answer_in_full(make_block):
    block = make_block(case_xml())
    held = block.state()
    stage = next(s for s in held["view"]["stages"] if s["status"] == "current")
    answers = {}
    for item in stage["items"]:
        if item["type"] == "question":
            first = item["options"][0]["id"]
            answers[item["id"]] = [first] if item["kind"] == "multiple" else first
        else:
            answers[item["id"]] = " ".join(["kata"] * max(item.get("min_words") or 0, 12))
    status, data = act_having(block, {"type": "submit_stage", "stage": stage["id"], "answers": answers},
                              held["rev"])
    assert status == 200, data
    assert "trimmed" not in data["view"]
    assert data["view"] == block.state()["view"]
