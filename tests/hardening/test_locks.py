"""The per-learner lock is a fast path, not the guarantee: a request can outlive it
(``LOCK_SECONDS``) while another one takes it. Then the lock must not be released by the
request that lost it, and every write — a draft too — must compare and set the review
row's state version, so a stale request gets 409 and changes nothing.

The expiry is simulated: the lock key is deleted from the cache while a request is inside
its critical section, and the overlapping request runs right there (the draft's
``save_draft`` is patched to run it between the draft's read and its write)."""
from __future__ import annotations

from types import SimpleNamespace

import pytest
from django.core.cache import cache

from . import payloads
from .conftest import demo_xml

TWO_REFLECTIONS = """<asn_case_study display_name="Reflections first" max_attempts="1"
    reflection_grading="completion">
  <stage id="s1" title="Only">
    <narrative><p>N</p></narrative>
    <reflection id="r1" points="2" max_words="50"><prompt><p>First</p></prompt></reflection>
  </stage>
</asn_case_study>"""


def test_the_lock_is_released_only_by_its_holder():
    from asn_xblocks.shell import state

    key = state.lock_key("block", "ani")
    with state.learner_lock("block", "ani"):
        assert cache.get(key)  # a token, not a bare flag
        cache.delete(key)  # the lock expired while this request still worked ...
        assert cache.add(key, "token-of-the-next-request", 30)  # ... and another took it
    assert cache.get(key) == "token-of-the-next-request"
    # the newer holder is still refused to others, and releases its own lock normally
    with pytest.raises(Exception) as refused:
        with state.learner_lock("block", "ani"):
            pass
    assert getattr(refused.value, "status", None) == 409
    cache.delete(key)
    with state.learner_lock("block", "ani"):
        pass
    assert cache.get(key) is None


def test_a_lock_near_its_expiry_is_left_to_expire(monkeypatch):
    """Between our get and our delete the key could expire and be taken: near the end of
    the lock's life the holder does not delete it at all."""
    from asn_xblocks.shell import state

    clock = [1000.0]
    monkeypatch.setattr(state, "time", SimpleNamespace(monotonic=lambda: clock[0]))
    key = state.lock_key("block", "budi")
    with state.learner_lock("block", "budi"):
        clock[0] += state.LOCK_SECONDS - 1
    assert cache.get(key) is not None  # left to its timeout
    cache.delete(key)
    with state.learner_lock("block", "budi"):
        clock[0] += 1
    assert cache.get(key) is None  # released early in its life


def _overlap_with_draft(monkeypatch, block, snapshot, draft_body, concurrent):
    """Send ``draft_body``; inside it, after the draft read the state, the lock expires and
    ``concurrent()`` runs as an overlapping request. Returns (draft status, draft answer,
    what the overlapping request answered, everything stored right after it)."""
    core_class = type(block.xblock("learner").core)
    original = core_class.save_draft
    seen = {}

    def save_draft(self, content, attempt, draft):
        if not seen:
            cache.clear()  # the draft's lock expired (LOCK_SECONDS passed) ...
            seen["concurrent"] = concurrent()  # ... and a second request went through
            seen["after"] = snapshot()
        return original(self, content, attempt, draft)

    monkeypatch.setattr(core_class, "save_draft", save_draft)
    status, answer = block.call("draft", draft_body)
    monkeypatch.setattr(core_class, "save_draft", original)
    assert seen, "the draft never reached its write"
    return status, answer, seen["concurrent"], seen["after"]


@pytest.mark.parametrize("tag", ["asn_case_study", "asn_digital_service"])
def test_a_stale_draft_does_not_overwrite_a_concurrent_action(make_block, snapshot, monkeypatch,
                                                              tag):
    block = make_block(demo_xml(tag))
    while payloads.next_draft(tag, block.state()) is None:
        current = block.state()
        assert block.call("act", {"version": current["version"],
                                  "action": payloads.next_action(tag, current)})[0] == 200
    current = block.state()
    version = current["version"]
    step = payloads.next_action(tag, current)
    draft = payloads.next_draft(tag, current, "draf lama yang terlambat")
    status, answer, acted, after_action = _overlap_with_draft(
        monkeypatch, block, snapshot, {"version": version, "draft": draft},
        lambda: block.call("act", {"version": version, "action": step}))
    assert acted[0] == 200, acted
    assert status == 409, answer  # the draft read `version`; the action moved it on
    assert isinstance(answer, dict) and answer.get("error")
    assert snapshot() == after_action  # the action's state survived, byte for byte
    after = block.state()
    assert after["version"] == version + 1
    assert "draf lama yang terlambat" not in str(after)


def test_a_first_draft_racing_the_first_action_gets_409(make_block, snapshot, monkeypatch):
    """No review row yet when the draft reads: the draft makes it (or finds the action's)
    and compares and sets on it like any write."""
    block = make_block(TWO_REFLECTIONS)
    step = {"type": "submit_stage", "stage": "s1", "answers": {"r1": "jawaban saya yang lengkap"}}
    status, answer, acted, after_action = _overlap_with_draft(
        monkeypatch, block, snapshot, {"version": 0, "draft": {"reflection": "r1", "text": "lama"}},
        lambda: block.call("act", {"version": 0, "action": step}))
    assert acted[0] == 200, acted
    assert status == 409, answer
    assert snapshot() == after_action
    state = block.state()
    assert state["version"] == 1 and state["view"]["finished"]


def test_drafts_still_save_and_keep_the_version(make_block):
    block = make_block(TWO_REFLECTIONS)
    for k in range(3):
        status, answer = block.call("draft", {"version": 0, "draft": {"reflection": "r1",
                                                                      "text": f"ketikan {k}"}})
        assert status == 200 and answer == {"saved": True, "version": 0}, answer
    state = block.state()
    assert state["version"] == 0
    items = {i["id"]: i for s in state["view"]["stages"] for i in s["items"]}
    assert items["r1"]["draft"] == "ketikan 2"
    step = {"type": "submit_stage", "stage": "s1", "answers": {"r1": "jawaban akhir saya"}}
    assert block.call("act", {"version": 0, "action": step})[0] == 200
