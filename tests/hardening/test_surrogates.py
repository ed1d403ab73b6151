"""Lone surrogates: what ``JSON.stringify`` sends for text holding half of a surrogate pair
(``"\\ud800"``). Python decodes it to a ``str`` that cannot be encoded as UTF-8, so every
database write, SQL filter or ``str.encode`` of it raised (a 500). The one rule, in
``shell/handlers.json_action``: every string of a JSON body, keys included, is read with
each lone surrogate replaced by U+FFFD; text is stored and answered with the replacement
character, ids holding one are simply unknown ids (4xx).

Assertion messages here are tuples (shown as reprs, which escape a surrogate) or go
through ``ascii()``: pytest-xdist cannot send a report holding a raw lone surrogate back
from its worker."""
from __future__ import annotations

import json

import pytest

from tests.integration import case_fixtures

from .conftest import ALLOWED_STATUSES, TAGS, demo_xml

LONE = "\ud800"
LONE_LOW = "\udfff"
EMOJI = "\U0001F600"  # a valid astral character must survive untouched
REPLACED = "\ufffd"


def body(payload) -> bytes:
    """The body a browser sends: JSON.stringify writes a lone surrogate as an escape."""
    return json.dumps(payload).encode("ascii")


def finish_case(block, student: str) -> None:
    assert block.call("act", {"version": 0, "action": case_fixtures.STAGE1_BEST}, student)[0] == 200
    assert block.call("act", {"version": 1, "action": case_fixtures.STAGE2_GOOD}, student)[0] == 200


def test_json_action_replaces_lone_surrogates_everywhere_in_the_body():
    from asn_xblocks.shell.handlers import replace_lone_surrogates

    data = json.loads(body({"a" + LONE: [LONE_LOW + "x", {"k": "y" + LONE, "n": 1}],
                            "pair": EMOJI, "ok": "kata", "deep": [[[["z" + LONE]]]]}))
    clean = replace_lone_surrogates(data)
    assert clean == {"a" + REPLACED: [REPLACED + "x", {"k": "y" + REPLACED, "n": 1}],
                     "pair": EMOJI, "ok": "kata", "deep": [[[["z" + REPLACED]]]]}
    json.dumps(clean, ensure_ascii=False).encode("utf-8")  # encodable everywhere now


@pytest.mark.parametrize("tag", TAGS)
def test_every_handler_answers_lone_surrogates_without_a_500(make_block, tag):
    """Every handler, as staff and as a learner, with a lone surrogate in every text field
    the staff panel, the Studio editor and the learner front end send."""
    from asn_xblocks.review.models import LearnerReview

    xml = demo_xml(tag)
    block = make_block(xml)
    if tag == "asn_case_study":
        block = make_block(case_fixtures.case_xml(max_attempts=2, grading="staff"))
        finish_case(block, "ani")
    row = LearnerReview.objects.filter(usage_key=block.usage_id).first()
    row_id = row.pk if row else 1
    olx = (case_fixtures.case_xml() if tag == "asn_case_study" else xml)
    olx = olx.replace(">", ">" + LONE, 3)  # in the root's attributes' neighbourhood and text
    texts = {"search": LONE, "cohort": LONE, "reason": "alasan " + LONE, "comment": LONE,
             "display_name": "nama " + LONE, "olx": olx, "sort": LONE, "status": LONE,
             "direction": LONE, "item": LONE, "text": LONE, "note": LONE}
    candidates = [
        texts,
        {"learner": row_id, "version": row.version if row else 1, "points": 1,
         "reason": "alasan " + LONE},
        {"learner": row_id, "attempt": 1, "item": "r1", "version": 0, "points": 1,
         "criteria": {"c1": 2, "c2": 2}, "comment": "bagus " + LONE},
        {"olx": olx, "display_name": "diubah " + LONE},
        {"cohort": LONE},
        {"search": LONE, "cohort": LONE},
        {LONE: LONE},
        {"version": 0, "action": {"type": "choose", "choice": LONE}},
        {"version": 0, "draft": {"reflection": "r1", "text": LONE, "request": LONE,
                                 "form": {"note": LONE}}},
    ]
    for handler in block.handlers():
        for student in ("staff", "learner"):
            for payload in candidates:
                status, answer = block.call(handler, raw=body(payload), student=student)
                assert status in ALLOWED_STATUSES, (handler, student, payload, status, answer)
                if status != 200 and isinstance(answer, dict):
                    assert isinstance(answer.get("error"), str) and answer["error"], answer


def test_staff_text_with_a_lone_surrogate_is_stored_replaced(make_block):
    """The override reason and a grader's comment (database text columns) are stored with
    the replacement character; a 4-byte emoji beside it stays as typed."""
    from asn_xblocks.review.models import LearnerReview, StaffGrade

    block = make_block(case_fixtures.case_xml(max_attempts=1, grading="staff"))
    finish_case(block, "ani")
    row = LearnerReview.objects.get(usage_key=block.usage_id)
    status, answer = block.call("staff_grade", raw=body({
        "learner": row.pk, "attempt": 1, "item": "r1", "version": 0,
        "criteria": {"c1": 2, "c2": 2}, "comment": f"bagus {LONE} {EMOJI}"}), student="staff")
    assert status == 200, answer
    row.refresh_from_db()
    status, answer = block.call("staff_override", raw=body({
        "learner": row.pk, "version": row.version, "points": 3,
        "reason": f"alasan {LONE}{EMOJI}"}), student="staff")
    assert status == 200, answer
    row.refresh_from_db()
    assert row.override_reason == f"alasan {REPLACED}{EMOJI}"
    assert StaffGrade.objects.get().comment == f"bagus {REPLACED} {EMOJI}"
    for search in (LONE, "an" + LONE):
        status, answer = block.call("staff_learners", raw=body({"search": search,
                                                                "cohort": LONE}), student="staff")
        assert status == 200 and answer["total"] == 0, answer
    status, answer = block.call("staff_analytics", raw=body({"cohort": LONE}), student="staff")
    assert status == 400 and REPLACED in answer["error"], answer


@pytest.mark.parametrize("handler", ["studio_check", "studio_from_olx", "studio_save"])
def test_olx_with_a_lone_surrogate_is_read_with_the_replacement_character(make_block, handler):
    xml = case_fixtures.case_xml().replace("INTRO-TEXT", f"INTRO {LONE} {EMOJI}")
    block = make_block(case_fixtures.case_xml())
    status, answer = block.call(handler, raw=body({"olx": xml}), student="staff")
    assert status == 200, answer
    if handler != "studio_check":  # the content read back (the editor's form, the saved model)
        assert f"INTRO {REPLACED} {EMOJI}" in json.dumps(answer["content"], ensure_ascii=False)


@pytest.mark.parametrize("tag", ["asn_case_study", "asn_digital_service"])
def test_learner_drafts_with_lone_surrogates_come_back_replaced(make_block, tag):
    from . import payloads

    block = make_block(demo_xml(tag))
    while payloads.next_draft(tag, block.state()) is None:
        current = block.state()
        status, answer = block.call("act", {"version": current["version"],
                                            "action": payloads.next_action(tag, current)})
        assert status == 200, answer
    for typed, stored in ((f"a{LONE}b {EMOJI}", f"a{REPLACED}b {EMOJI}"),
                          (LONE_LOW + LONE, REPLACED * 2),
                          ("\ud83d", REPLACED)):  # half of the emoji
        current = block.state()
        draft = payloads.next_draft(tag, current, typed)
        status, answer = block.call("draft", raw=body({"version": current["version"],
                                                       "draft": draft}))
        assert status == 200, (typed, answer)
        strings = json.dumps(block.state(), ensure_ascii=False)
        assert json.dumps(stored, ensure_ascii=False)[1:-1] in strings, ascii(typed)
