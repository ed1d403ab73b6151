"""Every bad simulation request gets a clear 4xx and leaves the stored state byte-for-byte
unchanged: malformed JSON, wrong types, unknown or unavailable choices, stale or replayed
versions, choosing after the ending."""
import pytest

from asn_xblocks.review.models import AttemptRecord, LearnerReview

from .sim_fixtures import choose, play, sim_xml


@pytest.fixture
def block(make_block):
    """A learner standing at n2 after one decision."""
    block = make_block(sim_xml())
    data = play(block, ["c_listen"])
    assert data["view"]["node"]["id"] == "n2"
    return block


def bad_calls(version):
    allies = choose("c_allies")
    return [
        ("act", None, b"{not json", 400),
        ("act", None, b"\xff\xfe", 400),
        ("act", None, b"", 400),
        ("act", [1, 2], None, 400),
        ("act", "c_allies", None, 400),
        ("act", {"action": allies}, None, 400),  # no version
        ("act", {"version": str(version), "action": allies}, None, 400),
        ("act", {"version": True, "action": allies}, None, 400),
        ("act", {"version": -1, "action": allies}, None, 400),
        ("act", {"version": version, "action": "c_allies"}, None, 400),
        ("act", {"version": version, "action": ["c_allies"]}, None, 400),
        ("act", {"version": version}, None, 400),  # no action
        ("act", {"version": version, "action": {"type": "dance"}}, None, 400),
        ("act", {"version": version, "action": {"type": "choose"}}, None, 400),
        ("act", {"version": version, "action": {"type": "choose", "choice": 5}}, None, 400),
        ("act", {"version": version, "action": {"type": "choose", "choice": ""}}, None, 400),
        ("act", {"version": version, "action": {"type": "choose", "choice": ["c_allies"]}}, None, 400),
        ("act", {"version": version, "action": {"type": "choose", "choice": "x" * 201}}, None, 400),
        # every choice not offered now is answered alike (no oracle of the scenario's ids)
        ("act", {"version": version, "action": choose("nope")}, None, 409),  # unknown id
        ("act", {"version": version, "action": choose("c_listen")}, None, 409),  # an earlier node's
        ("act", {"version": version, "action": choose("c_pilot")}, None, 409),  # a later node's
        ("act", {"version": version, "action": choose("r_check")}, None, 409),  # a router is no choice
        ("act", {"version": version, "action": choose("e_success")}, None, 409),
        ("act", {"version": version - 1, "action": allies}, None, 409),  # stale
        ("act", {"version": version + 1, "action": allies}, None, 409),  # from the future
        ("draft", {"version": version, "draft": {"choice": "c_allies"}}, None, 400),  # no drafts
        ("draft", {"version": version, "draft": "x"}, None, 400),
        ("retry", {"version": version}, None, 409),  # the attempt is not finished
        ("retry", {}, None, 400),
        ("act", {"version": version, "action": allies, "pad": "x" * 300_000}, None, 413),
        ("studio_save", {"olx": sim_xml().replace("Kick-off", "Hijacked")}, None, 403),
    ]


def test_bad_requests_change_nothing(block):
    version = block.state()["version"]
    before = block.raw_state()
    assert before
    for handler, payload, raw, expected in bad_calls(version):
        status, data = block.call(handler, payload, raw=raw)
        assert status == expected, (handler, payload, raw, data)
        assert isinstance(data, dict) and isinstance(data.get("error"), str) and data["error"], data
        assert block.raw_state() == before, (handler, payload)
    state = block.state()
    assert state["version"] == version and state["view"]["node"]["id"] == "n2"
    assert state["view"]["node"]["title"] == "Building allies"  # not "hijacked" by a learner


def test_get_is_refused(block):
    status, data = block.call("act", method="get")
    assert status == 405 and data["error"]


def test_a_replayed_action_counts_once(block):
    version = block.state()["version"]
    first = block.call("act", {"version": version, "action": choose("c_allies")})
    after_first = block.raw_state()
    second = block.call("act", {"version": version, "action": choose("c_allies")})
    assert first[0] == 200 and second[0] == 409 and second[1]["error"]
    assert block.raw_state() == after_first
    state = block.state()
    assert state["view"]["node"]["id"] == "n3" and state["view"]["step_count"] == 2
    # a stale click meant for n2 cannot land on n3 either
    status, data = block.call("act", {"version": version, "action": choose("c_alone")})
    assert status == 409 and block.raw_state() == after_first


def test_a_double_click_on_the_last_choice_finishes_once(block):
    play(block, ["c_allies"])
    version = block.state()["version"]
    first = block.call("act", {"version": version, "action": choose("c_pilot")})
    second = block.call("act", {"version": version, "action": choose("c_pilot")})
    assert first[0] == 200 and second[0] == 409
    assert AttemptRecord.objects.count() == 1
    assert LearnerReview.objects.get(usage_key=str(block.usage_id)).attempts == 1


def test_choosing_after_the_ending_is_refused(block):
    data = play(block, ["c_allies", "c_pilot"])
    assert data["view"]["finished"]
    before = block.raw_state()
    for choice in ("c_pilot", "c_rush", "c_listen", "nope"):
        status, reply = block.act(choose(choice))
        assert status in (400, 409) and reply["error"], (choice, reply)
        assert block.raw_state() == before
    status, reply = block.act(choose("c_rush"))
    assert status == 409 and "finished" in reply["error"]
    assert AttemptRecord.objects.count() == 1


def test_the_first_action_of_a_fresh_learner_validates_too(make_block):
    block = make_block(sim_xml())
    block.state()
    before = block.raw_state()
    assert before in ([], [{}])  # nothing stored for this learner yet
    for action, expected in ((choose("c_pilot"), 409), (choose("nope"), 409), ({"type": "x"}, 400)):
        status, data = block.act(action)
        assert status == expected and data["error"]
        assert block.raw_state() == before
    assert block.state()["attempt"] == {"number": 1, "finished": False}
    assert not LearnerReview.objects.exists()


def test_due_date_passed_refuses_choices(make_block):
    block = make_block(sim_xml(extra='due="2020-01-01T00:00:00Z"'))
    status, data = block.act(choose("c_listen"), version=0)
    assert status == 409 and "due date" in data["error"]
    assert block.raw_state() == []
    assert block.state()["past_due"] is True


def test_error_messages_say_what_was_wrong(block):
    version = block.state()["version"]
    status, data = block.call("act", {"version": version, "action": choose("nope")})
    assert status == 409 and "no longer available" in data["error"]
    status, data = block.call("act", {"version": version, "action": choose("c_pilot")})
    assert status == 409 and "no longer available" in data["error"]
    status, data = block.call("act", {"version": version - 1, "action": choose("c_allies")})
    assert status == 409 and "another window" in data["error"]
    status, data = block.call("draft", {"version": version, "draft": {}})
    assert status == 400 and "no drafts" in data["error"]


@pytest.mark.workbench_only
def test_errors_are_translated(block):
    import json

    from django.test import Client

    body = json.dumps({"version": block.state()["version"], "action": choose("nope")})
    english = block.call("act", raw=body.encode())[1]["error"]
    response = Client().post(f"/handler/{block.usage_id}/act/?student=learner&lang=id",
                             data=body, content_type="application/json")
    assert response.status_code == 409
    indonesian = response.json()["error"]
    assert indonesian != english and "nope" not in indonesian
