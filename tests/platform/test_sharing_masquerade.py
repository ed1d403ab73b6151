"""Staff viewing the case study as a learner (the LMS's masquerade, runtimes.py): the
shared-answer handlers refuse with the masquerade message and write nothing, while the
learner's own requests go through."""
from __future__ import annotations

import json

from tests.integration.case_fixtures import STAGE1_BEST, case_xml

MESSAGE = "You are viewing as this learner; actions are not recorded."
XML = case_xml(grading="staff").replace('<reflection id="r1"', '<reflection id="r1" share="optional"', 1)
ANSWER = {"type": "submit_stage", "stage": "s2", "answers": {"r1": "Saya akan melaporkannya segera", "q3": "a"}}


def tables():
    from asn_xblocks.review.models import HelpfulMark, SharedAnswer

    return (sorted(map(repr, SharedAnswer.objects.values())),
            sorted(map(repr, HelpfulMark.objects.values())))


def act(site, usage, username, action):
    state = site.lms_handler(usage, username, "state").json()
    body = json.dumps({"version": state["version"], "action": action}).encode()
    reply = site.lms_handler(usage, username, "act", body)
    assert reply.status == 200, reply.body[:200]


def call(site, usage, username, handler, body, masquerade_as=None):
    return site.lms_handler(usage, username, handler, json.dumps(body).encode(),
                            masquerade_as=masquerade_as)


def test_sharing_handlers_refuse_a_masquerade_and_change_nothing(site):
    from asn_xblocks.review.models import SharedAnswer

    usage = site.import_block(XML)
    for username in ("ani", "budi"):
        act(site, usage, username, STAGE1_BEST)
        act(site, usage, username, ANSWER)
    assert call(site, usage, "budi", "share_answer", {"reflection": "r1"}).status == 200
    budi = SharedAnswer.objects.get().pk
    before = tables()
    for handler, body in (("share_answer", {"reflection": "r1"}),
                          ("withdraw_answer", {"reflection": "r1"}),
                          ("mark_helpful", {"reflection": "r1", "answer": budi})):
        reply = call(site, usage, "staff", handler, body, masquerade_as="ani")
        assert reply.status == 403 and reply.json()["error"] == MESSAGE, handler
        reply = call(site, usage, "staff", handler, body, masquerade_as="budi")
        assert reply.status == 403 and reply.json()["error"] == MESSAGE, handler
    assert tables() == before
    # the learner's own requests are not refused
    assert call(site, usage, "ani", "mark_helpful", {"reflection": "r1", "answer": budi}).status == 200
    assert call(site, usage, "budi", "withdraw_answer", {"reflection": "r1"}).status == 200
    assert not SharedAnswer.objects.exists()
