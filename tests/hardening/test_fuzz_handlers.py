"""Property-based fuzzing of every learner JSON handler (state, act, draft, retry) of the
three blocks, on their demo content, over HTTP.

Each example is a fresh learner taking 1–5 steps; a step calls a handler with a valid
payload (which advances the attempt, so later steps reach deeper states), a mutated valid
payload (types, ids from elsewhere, sizes, unicode, nesting, versions), random JSON or a
hostile raw body. Invariants after every step:

* the answer is one of 200/400/403/404/405/409/413, never a 500, and JSON with a message
  when refused;
* a refused call, and any ``state`` call, leaves everything stored byte-for-byte unchanged
  (field data, review rows, attempt records, grades, submissions and scores);
* an accepted call leaves a state the block can still render and score: ``state`` answers
  200, the learner view renders, the engine scores the attempt within [0, maximum], and
  finished attempts never exceed ``max_attempts``.
"""
from __future__ import annotations

import itertools
import json

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from . import payloads
from .conftest import ALLOWED_STATUSES, TAGS, demo_xml

LEARNER_HANDLERS = ("state", "act", "draft", "retry")
_students = itertools.count()

# No shrinking: a failing example is printed as found (shrinking HTTP round trips through
# the workbench takes minutes); derandomized by the "ci" profile (tests/conftest.py).
fuzz_settings = settings(max_examples=30, deadline=None,
                         phases=[Phase.explicit, Phase.reuse, Phase.generate],
                         suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                HealthCheck.too_slow,
                                                HealthCheck.data_too_large])


def check_renders_and_scores(block, student: str) -> None:
    status, payload = block.call("state", {}, student)
    assert status == 200, payload
    xblock = block.xblock(student)
    fragment = xblock.render("student_view", {})
    assert "asn-init" in fragment.content
    attempt = xblock._state()["attempt"]
    if attempt is not None and not xblock.core.drift(xblock.content_model, attempt):
        score = xblock.core.score(xblock.content_model, attempt, {})
        assert -1e-9 <= score.earned <= score.possible + 1e-9, score
        assert 0.0 <= score.fraction <= 1.0, score
    limit = xblock.attempt_limit
    assert limit == 0 or (xblock.attempts or 0) <= limit, (xblock.attempts, limit)


def body_for(data, block, student: str, handler: str) -> tuple[object, bytes | None]:
    """(payload, raw body) for one step, drawn by Hypothesis."""
    status, current = block.call("state", {}, student)
    assert status == 200, current
    version = current["version"]
    valid = {"state": {},
             "act": ({"version": version, "action": payloads.next_action(block.tag, current)}
                     if payloads.next_action(block.tag, current) else None),
             "draft": ({"version": version, "draft": payloads.next_draft(block.tag, current)}
                       if payloads.next_draft(block.tag, current) else None),
             "retry": {"version": version}}[handler]
    kind = data.draw(st.sampled_from(["valid", "mutated", "mutated", "random", "raw"]),
                     label="kind")
    if kind == "valid" and valid is not None:
        return valid, None
    if kind in ("valid", "mutated"):
        base = valid or {"version": version, "action": {}, "draft": {}}
        return payloads.mutate(data, base, payloads.ids_in(current)), None
    if kind == "random":
        return data.draw(payloads.json_values(), label="random payload"), None
    return None, data.draw(st.sampled_from(payloads.HOSTILE_BODIES) | st.binary(max_size=64),
                           label="raw body")


@pytest.fixture
def blocks(make_block):
    return {tag: make_block(demo_xml(tag)) for tag in TAGS}


@pytest.mark.parametrize("tag", TAGS)
@fuzz_settings
@given(data=st.data())
def test_learner_handlers_hold_their_invariants(blocks, snapshot, tag, data):
    block = blocks[tag]
    student = f"fuzz{next(_students)}"
    for _step in range(data.draw(st.integers(1, 5), label="steps")):
        handler = data.draw(st.sampled_from(LEARNER_HANDLERS), label="handler")
        payload, raw = body_for(data, block, student, handler)
        before = snapshot()
        status, answer = block.call(handler, payload, student, raw=raw)
        assert status in ALLOWED_STATUSES, (handler, payload, raw and raw[:80], status, answer)
        assert isinstance(answer, dict), answer
        if status != 200:
            assert isinstance(answer.get("error"), str) and answer["error"].strip(), answer
        if status != 200 or handler == "state":
            assert snapshot() == before, (handler, payload, raw and raw[:80], status, answer)
        else:
            check_renders_and_scores(block, student)


@pytest.mark.parametrize("tag", TAGS)
def test_hostile_bodies_to_every_handler_change_nothing(make_block, snapshot, tag):
    """Every handler of the block (learner, staff and studio alike), as a learner and as
    staff, against bodies that are not JSON, not objects, too deep or too big."""
    block = make_block(demo_xml(tag))
    for student in ("learner", "staff"):
        status, current = block.call("state", {}, student)
        assert status == 200
        step = payloads.next_action(tag, current)
        assert block.call("act", {"version": current["version"], "action": step}, student)[0] == 200
    for handler in block.handlers():
        staff_only = handler.startswith(("staff_", "studio_"))
        for student in ("learner", "staff") if staff_only else ("learner",):
            before = snapshot()
            for raw in payloads.HOSTILE_BODIES:
                status, answer = block.call(handler, student=student, raw=raw)
                assert status in ALLOWED_STATUSES, (handler, student, raw[:60], status, answer)
                assert status != 200 or handler == "state" or (
                    staff_only and student == "staff"), (handler, raw[:60], answer)
            assert snapshot() == before, (handler, student)


@pytest.mark.parametrize("tag", TAGS)
def test_get_is_refused_by_json_handlers(make_block, snapshot, tag):
    block = make_block(demo_xml(tag))
    before = snapshot()
    for handler in block.handlers():
        status, _answer = block.call(handler, method="get")
        assert status in ALLOWED_STATUSES, (handler, status)
        if not handler.endswith("_csv"):  # the GET handlers (downloads)
            assert status == 405, (handler, status)
    assert snapshot() == before


def test_a_finished_learner_cannot_exceed_max_attempts_by_any_sequence(make_block, snapshot):
    """Retry + act in every order after the last attempt: nothing more is recorded."""
    block = make_block(demo_xml("asn_change_simulation"))
    xblock = block.xblock("learner")
    limit = xblock.attempt_limit
    for _attempt in range(limit):
        while True:
            current = block.state()
            step = payloads.next_action(block.tag, current)
            if step is None:
                break
            status, answer = block.call("act", {"version": current["version"], "action": step})
            assert status == 200, answer
        current = block.state()
        block.call("retry", {"version": current["version"]})
    before = snapshot()
    current = block.state()
    for handler, payload in (("retry", {"version": current["version"]}),
                             ("act", {"version": current["version"],
                                      "action": {"type": "choose", "choice": "c1"}}),
                             ("retry", {"version": current["version"] + 1})):
        status, answer = block.call(handler, payload)
        assert status == 409, (handler, status, answer)
    assert snapshot() == before
    assert block.xblock("learner").attempts == limit
    from asn_xblocks.review.models import AttemptRecord

    assert AttemptRecord.objects.filter(review__usage_key=block.usage_id).count() == limit
    assert json.dumps(block.state())  # still renders
