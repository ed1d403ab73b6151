"""Learner and staff text with a lone surrogate (what ``JSON.stringify`` sends for half of a
surrogate pair) and a 4-byte emoji, saved and read back. ``make test-mysql`` runs this on
MariaDB with utf8mb4: the emoji must survive every column as typed, and the lone
surrogate, which no UTF-8 column can hold, is stored as U+FFFD (the rule of
``shell/handlers.json_action``)."""
from __future__ import annotations

import json

from .case_fixtures import STAGE1_BEST, case_xml
from .desk_fixtures import PERFECT, desk_xml, submit

LONE = "\ud800"
EMOJI = "\U0001F600\U0001F1EE\U0001F1E9"  # a face and a flag: 4-byte UTF-8 each
TYPED = f"saya {LONE} akan menolak {EMOJI} dan melapor"
STORED = f"saya \ufffd akan menolak {EMOJI} dan melapor"


def ascii_body(payload) -> bytes:
    return json.dumps(payload).encode("ascii")  # as a browser escapes it


def _strings(value):
    if isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)
    elif isinstance(value, str):
        yield value


def test_a_reflection_with_a_lone_surrogate_and_an_emoji_is_saved_and_read_back(make_block):
    from asn_xblocks.review.models import AttemptRecord, LearnerReview

    block = make_block(case_xml(max_attempts=1, grading="staff"))
    assert block.act(STAGE1_BEST, version=0)[0] == 200
    status, answer = block.call("draft", raw=ascii_body({"version": 1, "draft": {
        "reflection": "r1", "text": TYPED}}))
    assert status == 200, answer
    state = block.state()
    assert STORED in _strings(state), "the draft did not come back"
    # submitted, it goes to the attempt record and a staff comment to its grade
    step = {"type": "submit_stage", "stage": "s2", "answers": {"r1": TYPED, "q3": "a"}}
    status, answer = block.call("act", raw=ascii_body({"version": 1, "action": step}))
    assert status == 200, answer
    record = AttemptRecord.objects.get()
    record.refresh_from_db()
    assert STORED in _strings(record.answer)
    row = LearnerReview.objects.get()
    status, answer = block.call("staff_grade", raw=ascii_body({
        "learner": row.pk, "attempt": 1, "item": "r1", "version": 0,
        "criteria": {"c1": 2, "c2": 2}, "comment": TYPED}), student="staff")
    assert status == 200, answer
    row.refresh_from_db()
    status, answer = block.call("staff_override", raw=ascii_body({
        "learner": row.pk, "version": row.version, "points": 3, "reason": TYPED}),
        student="staff")
    assert status == 200, answer
    row = LearnerReview.objects.get()
    assert row.override_reason == STORED
    assert record.grades.get().comment == STORED
    status, detail = block.call("staff_reflections", {"learner": row.pk}, student="staff")
    assert status == 200 and STORED in _strings(detail)


def test_a_desk_note_with_a_lone_surrogate_and_an_emoji_is_saved_and_read_back(make_block):
    block = make_block(desk_xml(max_attempts=1, requests=("rA",)))
    status, answer = block.call("draft", raw=ascii_body({"version": 0, "draft": {
        "request": "rA", "form": {"note": TYPED}}}))
    assert status == 200, answer
    assert STORED in _strings(block.state())
    form = dict(PERFECT["rA"], note=TYPED)
    status, answer = block.call("act", raw=ascii_body({"version": 0,
                                                       "action": submit("rA", form)}))
    assert status == 200, answer
    assert STORED in _strings(block.state())
