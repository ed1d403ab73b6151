"""Every bad request to the service desk gets a clear 4xx and leaves the stored state
byte-for-byte unchanged."""
import copy

import pytest

from asn_xblocks.review.models import AttemptRecord

from .desk_fixtures import PERFECT, desk_xml, form, submit


@pytest.fixture
def block(make_block):
    """A desk mid-queue: rA submitted, a draft on rB, rB and rC open; one attempt only."""
    block = make_block(desk_xml(max_attempts=1))
    status, data = block.act(submit("rA", PERFECT["rA"]))
    assert status == 200, data
    status, data = block.call("draft", {"version": data["version"],
                                        "draft": {"request": "rB", "form": {"route": "u_main"}}})
    assert status == 200, data
    return block


def with_(base, **changes):
    result = copy.deepcopy(base)
    result.update(changes)
    return result


GOOD_B = PERFECT["rB"]


def bad_acts():
    """(name, action, expected status): actions that must be refused."""
    reqs = GOOD_B["requirements"]
    return [
        ("not an object", "submit", 400),
        ("unknown type", {"type": "dance", "request": "rB", "form": GOOD_B}, 400),
        ("no type", {"request": "rB", "form": GOOD_B}, 400),
        ("unknown request", submit("rZ", GOOD_B), 400),
        ("request id not text", submit(["rB"], GOOD_B), 400),
        ("no request", {"type": "submit_request", "form": GOOD_B}, 400),
        ("submitted twice", submit("rA", PERFECT["rA"]), 409),
        ("form not an object", submit("rB", "approve"), 400),
        ("no form", {"type": "submit_request", "request": "rB"}, 400),
        ("unknown form field", submit("rB", with_(GOOD_B, score=6)), 400),
        ("unknown requirement", submit("rB", with_(GOOD_B, requirements=dict(reqs, npwp={"met": True}))), 400),
        ("requirement missing", submit("rB", with_(GOOD_B, requirements={"ktp": {"met": True}})), 400),
        ("requirements as a list", submit("rB", with_(GOOD_B, requirements=[True, False])), 400),
        ("met not a boolean", submit("rB", with_(GOOD_B, requirements=dict(reqs, ktp={"met": "yes"}))), 400),
        ("met missing", submit("rB", with_(GOOD_B, requirements=dict(reqs, ktp={"reason": "x"}))), 400),
        ("unknown requirement key",
         submit("rB", with_(GOOD_B, requirements=dict(reqs, ktp={"met": True, "ok": 1}))), 400),
        ("reason too long",
         submit("rB", with_(GOOD_B, requirements=dict(reqs, ktp={"met": True, "reason": "x" * 501}))), 400),
        ("reason not text", submit("rB", with_(GOOD_B, requirements=dict(reqs, ktp={"met": True, "reason": 5}))), 400),
        ("decision outside the three", submit("rB", with_(GOOD_B, decision="maybe")), 400),
        ("decision by its label", submit("rB", with_(GOOD_B, decision="Approve")), 400),
        ("decision missing", submit("rB", {k: v for k, v in GOOD_B.items() if k != "decision"}), 400),
        ("decision not text", submit("rB", with_(GOOD_B, decision=1)), 400),
        ("unknown unit", submit("rB", with_(GOOD_B, route="u_nowhere")), 400),
        ("unit by its name", submit("rB", with_(GOOD_B, route="Main Office")), 400),
        ("route missing", submit("rB", with_(GOOD_B, route="")), 400),
        ("route not text", submit("rB", with_(GOOD_B, route={"id": "u_main"})), 400),
        ("30 February", submit("rB", with_(GOOD_B, due="2026-02-30")), 400),
        ("month 13", submit("rB", with_(GOOD_B, due="2026-13-01")), 400),
        ("day first", submit("rB", with_(GOOD_B, due="24-03-2026")), 400),
        ("with a time", submit("rB", with_(GOOD_B, due="2026-03-24T00:00:00")), 400),
        ("year 1200", submit("rB", with_(GOOD_B, due="1200-03-24")), 400),
        ("year 9999", submit("rB", with_(GOOD_B, due="9999-03-24")), 400),
        ("due missing", submit("rB", with_(GOOD_B, due="")), 400),
        ("due as a number", submit("rB", with_(GOOD_B, due=20260324)), 400),
        ("oversize note", submit("rB", with_(GOOD_B, note="n" * 2001)), 400),
        ("note not text", submit("rB", with_(GOOD_B, note=["n"])), 400),
    ]


def bad_drafts():
    return [
        ("draft not an object", "rB", 400),
        ("unknown request", {"request": "rZ", "form": {}}, 400),
        ("submitted request", {"request": "rA", "form": {"route": "u_main"}}, 409),
        ("form not an object", {"request": "rB", "form": "x"}, 400),
        ("unknown unit", {"request": "rB", "form": {"route": "u_nowhere"}}, 400),
        ("unknown requirement", {"request": "rB", "form": {"requirements": {"zz": {"met": True}}}}, 400),
        ("impossible date", {"request": "rB", "form": {"due": "2026-02-29"}}, 400),
        ("decision outside the three", {"request": "rB", "form": {"decision": "later"}}, 400),
        ("oversize note", {"request": "rB", "form": {"note": "n" * 2001}}, 400),
        ("oversize reason", {"request": "rB", "form": {"requirements": {"ktp": {"reason": "r" * 501}}}}, 400),
    ]


def test_bad_actions_change_nothing(block):
    version = block.state()["version"]
    before = block.raw_state()
    assert before
    for name, action, expected in bad_acts():
        status, data = block.call("act", {"version": version, "action": action})
        assert status == expected, (name, data)
        assert isinstance(data, dict) and data.get("error"), (name, data)
        assert block.raw_state() == before, name
    # the good form is accepted afterwards: the refusals were about the input, not the state
    status, data = block.call("act", {"version": version, "action": submit("rB", GOOD_B)})
    assert status == 200, data


def test_bad_drafts_change_nothing(block):
    version = block.state()["version"]
    before = block.raw_state()
    for name, draft, expected in bad_drafts():
        status, data = block.call("draft", {"version": version, "draft": draft})
        assert status == expected, (name, data)
        assert isinstance(data, dict) and data.get("error"), (name, data)
        assert block.raw_state() == before, name


def test_malformed_requests_change_nothing(block):
    version = block.state()["version"]
    before = block.raw_state()
    good = submit("rB", GOOD_B)
    calls = [
        ("act", None, b"{not json", 400),
        ("act", None, b"\xff\xfe", 400),
        ("act", None, b"", 400),
        ("act", [1, 2], None, 400),
        ("act", "submit", None, 400),
        ("act", {"action": good}, None, 400),  # no version
        ("act", {"version": "1", "action": good}, None, 400),
        ("act", {"version": True, "action": good}, None, 400),
        ("act", {"version": version}, None, 400),  # no action
        ("act", {"version": version - 1, "action": good}, None, 409),  # stale
        ("act", {"version": version + 1, "action": good}, None, 409),  # from the future
        ("draft", None, b"{draft", 400),
        ("draft", {"draft": {"request": "rB", "form": {}}}, None, 400),
        ("draft", {"version": version - 1, "draft": {"request": "rB", "form": {}}}, None, 409),
        ("draft", {"version": version}, None, 400),
        ("retry", {"version": version}, None, 409),  # the attempt is not finished
        ("retry", {}, None, 400),
        ("act", {"version": version, "action": good, "pad": "x" * 300_000}, None, 413),
    ]
    for handler, payload, raw, expected in calls:
        status, data = block.call(handler, payload, raw=raw)
        assert status == expected, (handler, payload, raw, data)
        assert isinstance(data, dict) and data.get("error"), data
        assert block.raw_state() == before, (handler, payload)


def test_get_is_refused(block):
    status, data = block.call("act", method="get")
    assert status == 405 and data["error"]


def test_a_retried_submission_counts_once(block):
    version = block.state()["version"]
    first = block.call("act", {"version": version, "action": submit("rB", GOOD_B)})
    after_first = block.raw_state()
    second = block.call("act", {"version": version, "action": submit("rB", GOOD_B)})
    assert first[0] == 200 and second[0] == 409 and second[1]["error"]
    assert block.raw_state() == after_first


def test_after_the_last_attempt_nothing_more_is_accepted(block):
    status, data = block.act(submit("rB", GOOD_B))
    status, data = block.act(submit("rC", PERFECT["rC"]))
    assert status == 200 and data["view"]["finished"] and data["attempts"]["left"] == 0
    before = block.raw_state()
    version = data["version"]
    for handler, payload in (
            ("act", {"version": version, "action": submit("rC", PERFECT["rC"])}),
            ("act", {"version": version, "action": submit("rA", PERFECT["rA"])}),
            ("draft", {"version": version, "draft": {"request": "rC", "form": {}}}),
            ("retry", {"version": version})):
        status, data = block.call(handler, payload)
        assert status == 409 and data["error"], (handler, data)
        assert block.raw_state() == before, handler
    assert AttemptRecord.objects.count() == 1


def test_a_reset_learner_with_no_attempts_left_is_refused(make_block):
    """A fresh state with the attempt count already used up (max_attempts lowered)."""
    block = make_block(desk_xml(max_attempts=1, requests=("rA",)))
    status, data = block.act(submit("rA", PERFECT["rA"]))
    assert status == 200 and data["view"]["finished"]
    status, data = block.call("retry", {"version": data["version"]})
    assert status == 409 and "attempts" in data["error"]


def test_after_the_due_date_nothing_is_accepted(make_block):
    block = make_block(desk_xml(extra='due="2020-01-01T00:00:00Z"'))
    state = block.state()
    assert state["past_due"] is True
    before = block.raw_state()
    for handler, payload in (
            ("act", {"version": 0, "action": submit("rA", PERFECT["rA"])}),
            ("draft", {"version": 0, "draft": {"request": "rA", "form": {"route": "u_main"}}}),
            ("retry", {"version": 0})):
        status, data = block.call(handler, payload)
        assert status == 409 and "due date" in data["error"], (handler, data)
        assert block.raw_state() == before, handler


def test_content_drift_is_refused_with_a_message(make_block):
    """A draft that names a request the author has since removed: the next action is 409."""
    block = make_block(desk_xml(max_attempts=2))
    status, data = block.call("draft", {"version": 0, "draft": {"request": "rC", "form": {"route": "u_coop"}}})
    assert status == 200
    # the author removes rC: rebuild the block's content in the same usage
    from asn_xblocks.core.olx import parse_olx
    from asn_xblocks.digital_service.core import CORE

    xblock = block.xblock("learner")
    xblock.set_content_model(CORE.parse(parse_olx(desk_xml(max_attempts=2, requests=("rA", "rB")))))
    xblock.save()
    state = block.state()
    assert state["drift"] is True and state["drift_message"]
    before = block.raw_state()
    status, data = block.act(submit("rA", PERFECT["rA"]), version=state["version"])
    assert status == 409 and data["error"]
    assert block.raw_state() == before
    status, data = block.call("retry", {"version": state["version"]})
    assert status == 200 and data["drift"] is False


def test_errors_name_the_problem(block):
    version = block.state()["version"]
    cases = [
        (submit("rZ", GOOD_B), "rZ"),
        (submit("rB", with_(GOOD_B, route="u_nowhere")), "u_nowhere"),
        (submit("rB", with_(GOOD_B, due="2026-02-30")), "2026-02-30"),
        (submit("rB", with_(GOOD_B, requirements={"ktp": {"met": True}})), "Domicile letter"),
        (submit("rB", with_(GOOD_B, decision="maybe")), "approve"),
        (submit("rA", PERFECT["rA"]), "already been submitted"),
        (submit("rB", with_(GOOD_B, note="n" * 2001)), "2000"),
    ]
    for action, fragment in cases:
        status, data = block.call("act", {"version": version, "action": action})
        assert fragment in data["error"], (action, data)


def test_a_form_with_only_reasons_is_a_draft_not_a_submission(block):
    version = block.state()["version"]
    partial = form(True, False, "request_completion", "u_main", "")
    status, data = block.call("act", {"version": version, "action": submit("rB", partial)})
    assert status == 400 and "due date" in data["error"].lower()
    status, data = block.call("draft", {"version": version, "draft": {"request": "rB", "form": partial}})
    assert status == 200, data
