"""Limits that answer like the rest (a 4xx with a message, before the work grows), limits
that agree with each other, and the LMS report never mixing two learners.

* 20,000 attributes on one element cost seconds per call (lxml reads attribute values in
  time quadratic in their number): elements are capped at ``olx.MAX_ATTRIBUTES`` before
  any value is read, with an ``OlxError`` / 400 like the other OLX limits.
* The 2 MB OLX limit was unreachable: the 256 KB body limit answered first. ``studio_*``
  handlers now take a body up to the OLX limit plus JSON overhead, from someone who may
  read the content; learner and staff handlers keep 256 KB.
* ``generate_report_data`` keys review rows by username (all the LMS's
  ``user_state_iterator`` gives): two rows under one name, an empty name, or a name twice
  in the iterator must never hand one learner's answers to another.
"""
from __future__ import annotations

import json
import time
from types import SimpleNamespace

import pytest

from tests.integration import case_fixtures


def _attributes(count: int) -> str:
    return " ".join(f'a{i}="v"' for i in range(count))


def test_many_attributes_are_refused_before_the_work_grows(make_block, snapshot):
    from asn_xblocks.core import olx

    xml = case_fixtures.case_xml().replace("<asn_case_study ",
                                           f"<asn_case_study {_attributes(20_000)} ", 1)
    block = make_block(case_fixtures.case_xml())
    before = snapshot()
    for handler in ("studio_check", "studio_save", "studio_from_olx"):
        started = time.perf_counter()
        status, answer = block.call(handler, {"olx": xml}, student="staff")
        elapsed = time.perf_counter() - started
        assert status == 400, (handler, answer)
        assert "too many attributes" in answer["error"], answer
        assert elapsed < 1.0, (handler, elapsed)  # was 1-2.5 s per call
    assert snapshot() == before
    # a nested element too, and the import path (the runtime parsed the node for us)
    nested = case_fixtures.case_xml().replace('<question id="q1"',
                                              f'<question {_attributes(65)} id="q1"', 1)
    status, answer = block.call("studio_check", {"olx": nested}, student="staff")
    assert status == 400 and "more than 64" in answer["error"], answer
    from lxml import etree

    node = etree.fromstring(xml.encode())
    started = time.perf_counter()
    with pytest.raises(olx.OlxError):
        olx.check_element(node)
    assert time.perf_counter() - started < 0.5
    ok = case_fixtures.case_xml().replace("<asn_case_study ",
                                          f"<asn_case_study {_attributes(50)} ", 1)
    assert olx.parse_olx(ok).get("a49") == "v"  # 64 attributes and fewer are fine


def big_case_olx(size: int) -> str:
    """A valid case study of about ``size`` bytes: a long narrative."""
    base = case_fixtures.case_xml()
    paragraph = "<p>Paragraf narasi yang panjang tentang konflik kepentingan di kantor.</p>"
    count = max(0, (size - len(base.encode())) // len(paragraph))
    return base.replace("<p>NARRATIVE-ONE</p>", "<p>NARRATIVE-ONE</p>" + paragraph * count, 1)


def test_a_one_megabyte_olx_saves(make_block):
    from asn_xblocks.shell import handlers

    xml = big_case_olx(1024 * 1024)
    assert len(xml.encode()) > 1_000_000
    body = json.dumps({"olx": xml}).encode()
    assert handlers.MAX_BODY_BYTES < len(body) < handlers.STUDIO_MAX_BODY_BYTES
    block = make_block(case_fixtures.case_xml())
    for handler in ("studio_check", "studio_from_olx", "studio_save"):
        status, answer = block.call(handler, raw=body, student="staff")
        assert status == 200, (handler, str(answer)[:300])
    assert answer["saved"] is True
    state = block.state("learner")
    stage = state["view"]["stages"][0]
    assert stage["narrative_html"].count("Paragraf narasi") > 10_000


def test_body_limits_agree_with_the_olx_limit(make_block, snapshot):
    from asn_xblocks.core import olx
    from asn_xblocks.shell import handlers

    assert olx.MAX_OLX_BYTES < handlers.STUDIO_MAX_BODY_BYTES
    assert handlers.STUDIO_MAX_BODY_BYTES < 2_621_440  # Django's DATA_UPLOAD_MAX_MEMORY_SIZE
    block = make_block(case_fixtures.case_xml())
    before = snapshot()
    # over the Studio body limit: 413 before anything is parsed
    over = json.dumps({"olx": "x" * handlers.STUDIO_MAX_BODY_BYTES}).encode()
    assert len(over) > handlers.STUDIO_MAX_BODY_BYTES
    status, answer = block.call("studio_save", raw=over, student="staff")
    assert status == 413 and answer["error"], answer
    # an OLX just over its own limit in a body the handler accepts: the OLX's message
    too_big = big_case_olx(olx.MAX_OLX_BYTES + 4096)
    assert len(too_big.encode()) > olx.MAX_OLX_BYTES
    body = json.dumps({"olx": too_big}).encode()
    assert len(body) <= handlers.STUDIO_MAX_BODY_BYTES
    status, answer = block.call("studio_save", raw=body, student="staff")
    assert status == 400 and ("too large" in answer["error"] or "too long" in answer["error"]), \
        answer
    # someone without rights never gets a large body parsed; learner and staff handlers
    # keep 256 KB
    one_mb = json.dumps({"olx": big_case_olx(1024 * 1024)}).encode()
    status, answer = block.call("studio_save", raw=one_mb, student="learner")
    assert status == 403 and answer["error"], answer
    padded = json.dumps({"version": 0, "pad": "x" * handlers.MAX_BODY_BYTES}).encode()
    for handler, student in (("act", "learner"), ("draft", "learner"),
                             ("staff_learners", "staff"), ("staff_override", "staff")):
        status, answer = block.call(handler, raw=padded, student=student)
        assert status == 413, (handler, answer)
    assert snapshot() == before


# --- the LMS report: review rows by username, never another learner's -------------------------

def _finish(block, student: str, text: str) -> None:
    assert block.call("act", {"version": 0, "action": case_fixtures.STAGE1_BEST}, student)[0] == 200
    step = {"type": "submit_stage", "stage": "s2", "answers": {"r1": text, "q3": "a"}}
    assert block.call("act", {"version": 1, "action": step}, student)[0] == 200


def _retry(block, student: str) -> None:
    """After "Try again" the state holds no attempt: the report reads the review row."""
    version = block.state(student)["version"]
    assert block.call("retry", {"version": version}, student)[0] == 200


def _state_of(block, student: str) -> dict:
    return {"learner_state": block.xblock(student).learner_state}


def _report(block, states) -> list:
    rows = list(block.xblock("staff").generate_report_data(iter(states)))
    for _name, row in rows:
        assert set(row) == {"Question", "Answer", "Points"}
    return rows


@pytest.mark.parametrize("shared", ["sama", ""])
def test_two_learners_under_one_username_are_never_mixed(make_block, shared):
    from asn_xblocks.review.models import LearnerReview

    block = make_block(case_fixtures.case_xml(max_attempts=2, grading="staff"))
    _finish(block, "budi", "TEKS-BUDI saya akan menolak")
    _finish(block, "ani", "TEKS-ANI saya akan melapor")  # ani's row is made last
    _retry(block, "budi")
    _retry(block, "ani")
    rows = LearnerReview.objects.filter(usage_key=block.usage_id)
    assert rows.count() == 2
    # a rename, or a runtime without usernames: both rows now carry one name
    rows.update(username=shared)
    report = _report(block, [SimpleNamespace(username=shared, state=_state_of(block, "budi"))])
    assert "TEKS-ANI" not in json.dumps(report)
    # with one row per name each learner still gets their own recorded answers
    LearnerReview.objects.filter(usage_key=block.usage_id,
                                 learner_id=block.anonymous_id("ani")).update(username="ani")
    LearnerReview.objects.filter(usage_key=block.usage_id,
                                 learner_id=block.anonymous_id("budi")).update(username="budi")
    report = _report(block, [SimpleNamespace(username="budi", state=_state_of(block, "budi")),
                             SimpleNamespace(username="ani", state=_state_of(block, "ani"))])
    answers = {name: " ".join(r["Answer"] for n, r in report if n == name) for name in ("ani", "budi")}
    assert "TEKS-BUDI" in answers["budi"] and "TEKS-ANI" not in answers["budi"]
    assert "TEKS-ANI" in answers["ani"] and "TEKS-BUDI" not in answers["ani"]


def test_a_name_given_twice_by_the_iterator_gets_no_row(make_block):
    from asn_xblocks.review.models import LearnerReview

    block = make_block(case_fixtures.case_xml(max_attempts=2, grading="staff"))
    _finish(block, "ani", "TEKS-ANI saya akan melapor")
    _retry(block, "ani")
    LearnerReview.objects.filter(usage_key=block.usage_id).update(username="sama")
    # two learners named alike in one chunk; one review row under that name
    fresh = _state_of(block, "ani")
    report = _report(block, [SimpleNamespace(username="sama", state=fresh),
                             SimpleNamespace(username="sama", state=fresh)])
    assert "TEKS-ANI" not in json.dumps(report)


def test_an_empty_username_is_never_looked_up(make_block):
    from asn_xblocks.review.models import LearnerReview

    block = make_block(case_fixtures.case_xml(max_attempts=2))
    _finish(block, "ani", "TEKS-ANI saya akan melapor")
    _retry(block, "ani")
    LearnerReview.objects.filter(usage_key=block.usage_id).update(username="")
    # "" is the name of every learner a runtime could not name: no row is theirs alone
    states = [SimpleNamespace(username="", state=_state_of(block, "ani")),
              SimpleNamespace(username=None, state=_state_of(block, "ani"))]
    assert "TEKS-ANI" not in json.dumps(_report(block, states))
