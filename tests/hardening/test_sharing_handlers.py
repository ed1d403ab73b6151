"""The shared-answer handlers (share_answer, withdraw_answer, mark_helpful) under hostile
input: every hostile body, and fuzzed payloads (ids from elsewhere, XSS, unicode, huge
text, wrong types), get 400/403/404/405/409/413 with a message, never a 500, and change
nothing stored: field data, review rows, shared answers and helpful marks."""
from __future__ import annotations

import json

from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from tests.integration.case_fixtures import STAGE1_BEST, case_xml

from . import payloads
from .conftest import ALLOWED_STATUSES

HANDLERS = ("share_answer", "withdraw_answer", "mark_helpful")
XML = case_xml(grading="staff").replace('<reflection id="r1"', '<reflection id="r1" share="optional"', 1)
ANSWER = {"type": "submit_stage", "stage": "s2", "answers": {"r1": "Saya akan menolak hadiah itu", "q3": "a"}}
fuzz_settings = settings(max_examples=40, deadline=None,
                         phases=[Phase.explicit, Phase.reuse, Phase.generate],
                         suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                HealthCheck.too_slow, HealthCheck.data_too_large])


def tables():
    from asn_xblocks.review.models import HelpfulMark, SharedAnswer

    return (sorted(map(repr, SharedAnswer.objects.values())),
            sorted(map(repr, HelpfulMark.objects.values())))


def act(block, action, student):
    status, current = block.call("state", {}, student)
    assert status == 200, current
    return block.call("act", {"version": current["version"], "action": action}, student)


def seeded(make_block):
    """Two learners who shared, one who marked the other's answer helpful, one who has
    submitted nothing."""
    from asn_xblocks.review.models import SharedAnswer

    block = make_block(XML)
    for student in ("ani", "budi"):
        for action in (STAGE1_BEST, ANSWER):
            status, data = act(block, action, student)
            assert status == 200, data
        assert block.call("share_answer", {"reflection": "r1"}, student)[0] == 200
    ani = SharedAnswer.objects.filter(usage_key=str(block.usage_id)).order_by("pk").first().pk  # ani first
    assert block.call("mark_helpful", {"reflection": "r1", "answer": ani}, "budi")[0] == 200
    return block, ani


def refused(status, data) -> bool:
    assert status in ALLOWED_STATUSES and status != 500, (status, data)
    if status != 200:
        assert isinstance(data, dict) and isinstance(data.get("error"), str) and data["error"]
    return status != 200


def test_hostile_bodies_change_nothing(make_block, snapshot):
    block, _ani = seeded(make_block)
    before, shared = snapshot(), tables()
    for handler in HANDLERS:
        for student in ("ani", "budi", "cici"):
            for body in payloads.HOSTILE_BODIES:
                status, data = block.call(handler, raw=body, student=student)
                assert refused(status, data), (handler, body[:40])
    assert snapshot() == before and tables() == shared


@fuzz_settings
@given(data=st.data())
def test_fuzzed_payloads_never_fail_and_refusals_change_nothing(make_block, snapshot, data):
    block, ani = seeded(make_block)
    ids = ["r1", "q1", "q2", "s1", "s2", "c1", str(ani), "ani"]
    for _step in range(3):
        handler = data.draw(st.sampled_from(HANDLERS), label="handler")
        student = data.draw(st.sampled_from(["ani", "budi", "cici"]), label="student")
        valid = {"reflection": "r1", "answer": ani} if handler == "mark_helpful" else {"reflection": "r1"}
        body = data.draw(st.one_of(
            st.just(valid),
            st.fixed_dictionaries({"reflection": payloads.interesting_strings(ids) | payloads.json_values(4),
                                   "answer": st.integers(min_value=-5, max_value=2**40) | payloads.json_values(4)}),
            payloads.json_values(6)), label="body")
        before, shared = snapshot(), tables()
        status, reply = block.call(handler, raw=json.dumps(body).encode(), student=student)
        if refused(status, reply):
            assert snapshot() == before and tables() == shared, (handler, body, reply)
        else:
            assert isinstance(reply, dict) and "view" in reply
