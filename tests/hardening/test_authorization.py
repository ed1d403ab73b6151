"""Authorization: staff handlers refuse learners; no handler hands a learner another
learner's data, or the answer key before the learner has submitted the step.

Handlers are discovered on the block class (``_is_xblock_handler``), so staff or Studio
handlers added later are covered: any handler whose name starts with ``staff_`` or
``studio_`` must answer a learner 403 and change nothing.
"""
from __future__ import annotations

import pytest

from tests.integration import case_fixtures, desk_fixtures

from . import payloads
from .conftest import TAGS, demo_xml

LEARNER_HANDLERS = {"state", "act", "draft", "retry"}
# learner handlers only a block with shareable reflections has (the case study)
SHARING_HANDLERS = {"share_answer", "withdraw_answer", "mark_helpful"}
STAFF_PREFIXES = ("staff_", "studio_")

SIM_XML = """<asn_change_simulation display_name="Tiny simulation" start="n1" max_attempts="2">
  <metric id="m" label="Morale" initial="50"/>
  <node id="n1" title="Start"><content><p>START-TEXT</p></content>
    <choice id="c1" goto="n2" points="2"><text>Go on</text><effect metric="m" add="7"/>
      <feedback><p>SECRET-FEEDBACK-C1</p></feedback></choice>
    <choice id="c2" goto="r1"><text>Wait</text><effect metric="m" add="-31"/></choice>
  </node>
  <node id="n2" title="SECRET-LATER-TITLE"><content><p>SECRET-LATER-NODE</p></content>
    <choice id="c3" goto="e1" when="m &gt;= 57"><text>SECRET-HIDDEN-CHOICE</text></choice>
    <choice id="c4" goto="e2"><text>Stop</text></choice>
  </node>
  <router id="r1"><route when="m &lt; 30" goto="e2"/><route goto="e1"/></router>
  <ending id="e1" title="SECRET-ENDING-GOOD" score="1"><p>SECRET-ENDING-BODY</p></ending>
  <ending id="e2" title="SECRET-ENDING-BAD" score="0.2"><p>SECRET-ENDING-BODY-2</p></ending>
</asn_change_simulation>"""
SIM_SECRETS = ["SECRET-", "m &gt;= 57", "m >= 57", "\"add\"", "\"effects\"", "-31"]

KEYED = {
    "asn_case_study": (case_fixtures.case_xml(max_attempts=2, grading="staff"),
                       [s for s in case_fixtures.SECRETS if s != "Reflect"]),
    "asn_change_simulation": (SIM_XML, SIM_SECRETS),
    "asn_digital_service": (desk_fixtures.desk_xml(max_attempts=2), desk_fixtures.SECRETS),
}


def staff_payloads(row_id: int, olx: str) -> list[dict]:
    """Plausible staff requests (what the staff panel and Studio editor send)."""
    return [
        {},
        {"learner": row_id},
        {"learner": row_id, "version": 1, "points": 1, "reason": "alasan"},
        {"learner": row_id, "attempt": 1, "item": "r1", "version": 0, "points": 1,
         "criteria": {"c1": 2, "c2": 2}, "comment": "bagus"},
        {"olx": olx, "display_name": "diubah"},
        {"page": 1, "page_size": 100, "sort": "learner", "status": "finished"},
    ]


@pytest.mark.parametrize("tag", TAGS)
def test_every_handler_is_a_learner_or_a_staff_handler(make_block, tag):
    block = make_block(demo_xml(tag))
    handlers = set(block.handlers())
    assert LEARNER_HANDLERS <= handlers
    unclassified = [h for h in handlers - LEARNER_HANDLERS - SHARING_HANDLERS
                    if not h.startswith(STAFF_PREFIXES)]
    assert not unclassified, (
        f"handlers {unclassified} are neither learner handlers nor named staff_/studio_: "
        "name staff handlers staff_* (checked for 403 here) or add them to LEARNER_HANDLERS")


@pytest.mark.parametrize("tag", TAGS)
def test_staff_handlers_refuse_learners_and_change_nothing(make_block, snapshot, tag):
    from asn_xblocks.review.models import LearnerReview

    xml = demo_xml(tag)
    block = make_block(xml)
    # a learner with a finished attempt, so staff payloads name a real row and attempt
    while True:
        current = block.state("victim")
        step = payloads.next_action(tag, current)
        if step is None:
            break
        assert block.call("act", {"version": current["version"], "action": step}, "victim")[0] == 200
    row = LearnerReview.objects.get(usage_key=block.usage_id)
    staff = [h for h in block.handlers() if h.startswith(STAFF_PREFIXES)]
    assert {"staff_learners", "studio_save"} <= set(staff)
    before = snapshot()
    for handler in staff:
        for payload in staff_payloads(row.pk, xml):
            status, answer = block.call(handler, payload, student="intruder")
            assert status == 403, (handler, payload, status, answer)
            assert isinstance(answer, dict) and answer.get("error"), answer
        status, answer = block.call(handler, student="intruder", method="get",
                                    query="&sep=%3B&anonymise=1")
        assert status in (403, 405), (handler, status)
    assert snapshot() == before
    # and the same requests as staff are not refused for lack of rights
    status, _answer = block.call("staff_learners", {}, student="staff")
    assert status == 200


@pytest.mark.parametrize("tag", TAGS)
def test_no_handler_gives_a_learner_another_learners_data_or_the_key(make_block, tag):
    from asn_xblocks.review.models import LearnerReview

    xml, secrets = KEYED[tag]
    block = make_block(xml)
    anonymous_id = block.anonymous_id
    marker = "PRIVATE-TEXT-OF-ANI"
    # learner "ani" works with private text (a draft, then a finished attempt where the block
    # takes free text), so there is something to leak
    current = block.state("ani")
    draft = payloads.next_draft(tag, current, marker)
    if draft:
        assert block.call("draft", {"version": current["version"], "draft": draft}, "ani")[0] == 200
    while True:
        current = block.state("ani")
        step = payloads.next_action(tag, current)
        if step is None:
            break
        if tag == "asn_case_study":
            step["answers"] = {k: (f"{marker} kata kata" if isinstance(v, str) and " " in v else v)
                               for k, v in step["answers"].items()}
        if tag == "asn_digital_service":
            step["form"]["note"] = marker
        assert block.call("act", {"version": current["version"], "action": step}, "ani")[0] == 200
    row = LearnerReview.objects.get(usage_key=block.usage_id, learner_id=anonymous_id("ani"))
    private = [marker, anonymous_id("ani"), f'"id": {row.pk},']

    fresh = block.state("budi")
    answers = [("state", fresh)]
    naming_ani = {"learner": row.pk, "student": "ani", "user_id": "ani",
                  "learner_id": anonymous_id("ani"), "username": "ani"}
    for handler in block.handlers():
        for payload in ({}, naming_ani, {"version": fresh["version"], **naming_ani},
                        {"version": fresh["version"], "action": {"type": "x", **naming_ani},
                         "draft": naming_ani}):
            answers.append((handler, block.call(handler, payload, student="budi")))
    answers.append(("page", block.page("budi", view="bare")))
    for handler, answer in answers:
        text = str(answer)
        for value in private:
            assert value not in text, (handler, value)
        for secret in secrets:
            assert secret not in text, (handler, secret)
