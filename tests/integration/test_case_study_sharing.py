"""Shared reflection answers through the real handlers: consent, peers' answers (never the
learner's own, never hidden ones, none before the learner submitted), "Helpful" once per
reflection, withdrawal until the answer is graded, and every refusal (400/403/409) leaving
the tables as they were; learner text reaches the page only as JSON-escaped data.

Peers are of the learner's cohort: the learners here are all in one cohort on the workbench
(ids ending in an odd digit, or no digit at all: none) and in none on the platform's runtimes."""
from __future__ import annotations

import pytest

from asn_xblocks.review.models import HelpfulMark, SharedAnswer

from .case_fixtures import STAGE1_BEST, case_xml


def shared_xml(grading="staff", extra="", max_attempts=1):
    return case_xml(grading=grading, extra=extra, max_attempts=max_attempts).replace(
        '<reflection id="r1"', '<reflection id="r1" share="optional"', 1)


def answer(text):
    return {"type": "submit_stage", "stage": "s2", "answers": {"r1": text, "q3": "a"}}


def submit(block, student, text, share=True, started=False):
    for action in ((STAGE1_BEST,) if not started else ()) + (answer(text),):
        status, data = block.act(action, student=student)
        assert status == 200, data
    if share:
        status, data = block.call("share_answer", {"reflection": "r1"}, student)
        assert status == 200, data
    return data


def reflection(payload):
    stage = payload["view"]["stages"][1]
    return next(item for item in stage["items"] if item["id"] == "r1")


def tables():
    return (sorted(SharedAnswer.objects.values_list("learner_id", "item_id", "text", "helpful",
                                                    "hidden", "featured")),
            sorted(HelpfulMark.objects.values_list("answer_id", "learner_id")))


@pytest.fixture
def block(make_block):
    return make_block(shared_xml())


def test_offered_before_submission_and_peers_only_after(block):
    submit(block, "andi_01", "Andi would refuse the gift and report it")
    status, data = block.act(STAGE1_BEST, student="eko_05")
    assert status == 200
    current = reflection(data)
    assert current["share"] == {"offered": True}  # the checkbox, no peers yet
    assert "Andi" not in str(data)
    data = submit(block, "eko_05", "Eko would ask the inspectorate first", started=True)
    share = reflection(data)["share"]
    assert share["shared"] is True and share["can_withdraw"] is True
    assert [p["text"] for p in share["peers"]] == ["Andi would refuse the gift and report it"]
    assert set(share["peers"][0]) == {"id", "text", "featured", "helpful", "helpful_text", "marked"}


def test_no_names_or_ids_of_peers_in_the_payload(block, learner_anon):
    submit(block, "andi_01", "Andi would refuse the gift and report it")
    data = submit(block, "eko_05", "Eko would ask first")
    text = str(reflection(data)["share"])
    for needle in ("andi_01", learner_anon("andi_01"), "Angkatan"):
        assert needle not in text


def test_never_own_never_hidden_featured_first_at_most_three(block):
    # ids without a digit: no cohort on the workbench either, so all compare with the course
    for index, student in enumerate(["ana", "ben", "cat", "dan", "eve"]):
        submit(block, student, f"Answer number {index} is mine")
    SharedAnswer.objects.filter(text="Answer number 4 is mine").update(hidden=True)
    SharedAnswer.objects.filter(text="Answer number 0 is mine").update(featured=True)
    peers = reflection(block.state("dan"))["share"]["peers"]
    texts = [p["text"] for p in peers]
    assert len(texts) == 3 and texts[0] == "Answer number 0 is mine"
    assert "Answer number 3 is mine" not in texts  # dan's own
    assert "Answer number 4 is mine" not in texts  # hidden by staff
    assert peers[0]["featured"] is True


def test_unchecked_box_shares_nothing(block):
    submit(block, "andi_01", "Andi keeps this private", share=False)
    data = submit(block, "eko_05", "Eko shares it too")
    assert reflection(data)["share"]["peers"] == []
    assert reflection(block.state("andi_01"))["share"]["shared"] is False


def test_helpful_once_per_reflection_never_own(block):
    submit(block, "andi_01", "Andi answer here")
    submit(block, "citra_03", "Citra answer here")
    data = submit(block, "eko_05", "Eko answer here")
    peers = {p["text"]: p["id"] for p in reflection(data)["share"]["peers"]}
    status, data = block.call("mark_helpful", {"reflection": "r1", "answer": peers["Andi answer here"]},
                              "eko_05")
    assert status == 200, data
    share = reflection(data)["share"]
    marked = next(p for p in share["peers"] if p["text"] == "Andi answer here")
    assert marked["helpful"] == 1 and marked["marked"] is True and share["marked"] is True
    assert marked["helpful_text"] == "1 learner found this helpful"
    before = tables()
    status, data = block.call("mark_helpful", {"reflection": "r1", "answer": peers["Citra answer here"]},
                              "eko_05")
    assert status == 409 and "already marked" in data["error"]
    own = SharedAnswer.objects.get(text="Eko answer here").pk
    status, data = block.call("mark_helpful", {"reflection": "r1", "answer": own}, "eko_05")
    assert status == 403 and "your own answer" in data["error"]
    assert tables() == before
    assert SharedAnswer.objects.get(text="Andi answer here").helpful == 1


def test_bad_input_is_refused_and_changes_nothing(block):
    submit(block, "andi_01", "Andi answer here")
    andi = SharedAnswer.objects.get().pk
    before = tables()
    cases = [
        ("share_answer", {}, "citra_03", 400),
        ("share_answer", {"reflection": 5}, "citra_03", 400),
        ("share_answer", {"reflection": "nope"}, "citra_03", 400),
        ("share_answer", {"reflection": "q1"}, "citra_03", 400),
        ("share_answer", {"reflection": "r1"}, "citra_03", 409),  # nothing submitted
        ("mark_helpful", {"reflection": "r1", "answer": andi}, "citra_03", 409),  # not submitted
        ("mark_helpful", {"reflection": "r1", "answer": "1"}, "citra_03", 400),
        ("mark_helpful", {"reflection": "r1", "answer": True}, "citra_03", 400),
        ("withdraw_answer", {"reflection": "r1"}, "citra_03", 409),  # nothing shared
        ("withdraw_answer", {"reflection": ["r1"]}, "citra_03", 400),
    ]
    for handler, body, student, expected in cases:
        status, data = block.call(handler, body, student)
        assert status == expected, (handler, body, data)
        assert isinstance(data["error"], str) and data["error"]
    assert block.call("share_answer", raw=b"{nope", student="citra_03")[0] == 400
    assert block.call("share_answer", {"reflection": "r1"}, "andi_01", method="get")[0] == 405
    submit(block, "citra_03", "Citra answer here", share=False)
    status, data = block.call("mark_helpful", {"reflection": "r1", "answer": 10 ** 6}, "citra_03")
    assert status == 409 and "no longer shared" in data["error"]
    assert tables() == before


def test_withdraw_deletes_at_once_until_graded(block, learner_anon):
    submit(block, "andi_01", "Andi answer here")
    data = submit(block, "eko_05", "Eko answer here")
    andi = reflection(data)["share"]["peers"][0]["id"]
    assert block.call("mark_helpful", {"reflection": "r1", "answer": andi}, "eko_05")[0] == 200
    status, data = block.call("withdraw_answer", {"reflection": "r1"}, "andi_01")
    assert status == 200, data
    assert reflection(data)["share"]["shared"] is False
    assert not SharedAnswer.objects.filter(text="Andi answer here").exists()
    assert not HelpfulMark.objects.exists()  # its marks went with it
    assert reflection(block.state("eko_05"))["share"]["peers"] == []
    # graded by staff: consent can no longer be withdrawn
    from asn_xblocks.review.models import AttemptRecord, LearnerReview, StaffGrade

    row = LearnerReview.objects.get(usage_key=str(block.usage_id), learner_id=learner_anon("eko_05"))
    record = AttemptRecord.objects.get(review=row, number=1)
    StaffGrade.objects.create(attempt=record, item_id="r1", points=4, graded_by="staff",
                              graded_at=record.finished_at)
    assert reflection(block.state("eko_05"))["share"]["can_withdraw"] is False
    before = tables()
    status, data = block.call("withdraw_answer", {"reflection": "r1"}, "eko_05")
    assert status == 409 and "graded" in data["error"]
    assert tables() == before


def test_completion_grading_withdrawal_ends_with_the_attempt(make_block):
    block = make_block(shared_xml(grading="completion", max_attempts=2))
    submit(block, "andi_01", "Andi first words here")  # the last stage: the attempt finished
    assert reflection(block.state("andi_01"))["share"]["can_withdraw"] is False
    status, data = block.call("withdraw_answer", {"reflection": "r1"}, "andi_01")
    assert status == 409


def test_sharing_again_from_a_later_attempt_replaces_the_text(make_block):
    block = make_block(shared_xml(grading="completion", max_attempts=2))
    submit(block, "andi_01", "Andi first words here")
    status, data = block.call("retry", {"version": block.state("andi_01")["version"]}, "andi_01")
    assert status == 200, data
    submit(block, "andi_01", "Andi second better words")
    rows = list(SharedAnswer.objects.values_list("text", "attempt_number"))
    assert rows == [("Andi second better words", 2)]


def test_past_due_refuses_sharing(make_block):
    block = make_block(shared_xml(extra='due="2020-01-01T00:00:00Z"'))
    status, data = block.call("share_answer", {"reflection": "r1"}, "andi_01")
    assert status == 409 and "due date" in data["error"]
    assert not SharedAnswer.objects.exists()


def test_script_text_is_data_not_markup(block):
    text = "<script>alert(1)</script> I would report it"
    submit(block, "andi_01", text)
    submit(block, "eko_05", "Eko answer here")
    assert reflection(block.state("eko_05"))["share"]["peers"][0]["text"] == text
    page = block.page(student="eko_05")
    assert "<script>alert(1)</script>" not in page
    assert "\\u003cscript\\u003ealert(1)" in page
