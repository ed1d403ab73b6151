"""Every bad request gets a clear 4xx and leaves the stored state byte-for-byte unchanged."""
import pytest

from .case_fixtures import STAGE1_BEST, STAGE2_GOOD, case_xml


@pytest.fixture
def block(make_block):
    block = make_block(case_xml(max_attempts=1))
    status, _data = block.act(STAGE1_BEST)
    assert status == 200
    return block


def bad_calls(version):
    long_text = "word " * 21
    return [
        ("act", None, b"{not json", 400),
        ("act", None, b"\xff\xfe", 400),
        ("act", [1, 2], None, 400),
        ("act", {"action": STAGE2_GOOD}, None, 400),  # no version
        ("act", {"version": "1", "action": STAGE2_GOOD}, None, 400),
        ("act", {"version": version, "action": "submit"}, None, 400),
        ("act", {"version": version - 1, "action": STAGE2_GOOD}, None, 409),  # stale
        ("act", {"version": version, "action": {"type": "dance"}}, None, 400),
        ("act", {"version": version, "action": STAGE1_BEST}, None, 409),  # frozen stage
        ("act", {"version": version, "action": {"type": "submit_stage", "stage": "nope", "answers": {}}}, None, 400),
        ("act", {"version": version, "action": {"type": "submit_stage", "stage": "s2",
                                                 "answers": {"r1": "one two three", "q3": "zzz"}}}, None, 400),
        ("act", {"version": version, "action": {"type": "submit_stage", "stage": "s2",
                                                 "answers": {"r1": "one two three"}}}, None, 400),
        ("act", {"version": version, "action": {"type": "submit_stage", "stage": "s2",
                                                 "answers": {"r1": long_text, "q3": "a"}}}, None, 400),
        ("act", {"version": version, "action": {"type": "submit_stage", "stage": "s2",
                                                 "answers": {"r1": "x " * 30000, "q3": "a"}}}, None, 400),
        ("act", {"version": version, "action": {"type": "submit_stage", "stage": "s2",
                                                 "answers": {"r1": ["list"], "q3": "a"}}}, None, 400),
        ("draft", {"version": version, "draft": {"reflection": "r1", "text": 5}}, None, 400),
        ("draft", {"version": version, "draft": {"reflection": "zz", "text": "x"}}, None, 400),
        ("retry", {"version": version}, None, 409),  # attempt not finished
        ("act", {"version": version, "action": STAGE2_GOOD, "pad": "x" * 300_000}, None, 413),
    ]


def test_bad_requests_change_nothing(block):
    version = block.state()["version"]
    before = block.raw_state()
    for handler, payload, raw, expected in bad_calls(version):
        status, data = block.call(handler, payload, raw=raw)
        assert status == expected, (handler, payload, raw, data)
        assert isinstance(data, dict) and data.get("error"), data
        assert block.raw_state() == before, (handler, payload)


def test_get_is_refused(block):
    status, data = block.call("act", method="get")
    assert status == 405


def test_after_the_last_attempt_nothing_more_is_accepted(block):
    status, data = block.act(STAGE2_GOOD)
    assert status == 200 and data["view"]["finished"]
    before = block.raw_state()
    status, data = block.act(STAGE2_GOOD)
    assert status == 409
    status, data = block.call("retry", {"version": block.state()["version"]})
    assert status == 409 and data["error"]
    assert block.raw_state() == before


def test_a_retried_request_counts_once(block):
    version = block.state()["version"]
    first = block.call("act", {"version": version, "action": STAGE2_GOOD})
    second = block.call("act", {"version": version, "action": STAGE2_GOOD})
    assert first[0] == 200 and second[0] == 409
    from asn_xblocks.review.models import AttemptRecord

    assert AttemptRecord.objects.count() == 1


@pytest.mark.workbench_only
def test_errors_are_translated(block):
    status, data = block.call("act", raw=b"{oops", student="learner")
    assert status == 400
    from django.test import Client

    response = Client().post(f"/handler/{block.usage_id}/act/?student=learner&lang=id",
                             data=b"{oops", content_type="application/json")
    assert response.status_code == 400
    assert response.json()["error"] != data["error"]
