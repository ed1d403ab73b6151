"""Staff "view as a specific learner": the LMS builds the block for the learner (no staff
flag), keeps the learner-state writes in the staff member's session and drops grade and
completion events (runtimes.py names the platform files read). The blocks must write
nothing cross-learner or gradebook-side: actions are refused with a clear message.
"""
from __future__ import annotations

import json

import pytest

from tests.hardening import payloads

from .conftest import TAGS, demo_xml

MESSAGE = "You are viewing as this learner; actions are not recorded."


def tables():
    from submissions.models import Score, Submission

    from asn_xblocks.review.models import AttemptRecord, LearnerReview

    return [sorted(map(repr, model.objects.values())) for model in
            (LearnerReview, AttemptRecord, Submission, Score)]


def step(site, usage, username, masquerade_as=None):
    state = site.lms_handler(usage, username, "state", masquerade_as=masquerade_as).json()
    action = payloads.next_action(usage.block_type, state)
    body = json.dumps({"version": state["version"], "action": action}).encode()
    return state, site.lms_handler(usage, username, "act", body, masquerade_as=masquerade_as)


@pytest.mark.parametrize("tag", TAGS)
def test_staff_viewing_as_a_learner_record_nothing_and_the_learner_goes_on(site, tag):
    usage = site.import_block(demo_xml(tag))
    _state, reply = step(site, usage, "ani")  # the learner's own first step
    assert reply.status == 200
    before, csm_before = tables(), dict(site.store.csm)
    grades_before = list(site.store.grades)

    state, reply = step(site, usage, "staff", masquerade_as="ani")
    assert state["notice"] == MESSAGE  # the view says so before anything is tried
    assert reply.status == 403 and reply.json()["error"] == MESSAGE
    for handler, body in (("draft", {"version": state["version"], "draft": {}}),
                          ("retry", {"version": state["version"]})):
        reply = site.lms_handler(usage, "staff", handler, json.dumps(body).encode(),
                                 masquerade_as="ani")
        assert reply.status == 403 and reply.json()["error"] == MESSAGE
    assert tables() == before and site.store.csm == csm_before
    assert site.store.grades == grades_before

    # the learner's own next step is not refused as stale (no version moved ahead)
    own, reply = step(site, usage, "ani")
    assert own["notice"] == ""
    assert reply.status == 200, reply.body[:200]


def test_the_masquerade_is_seen_from_the_request_user_alone(site):
    """Without the ``real_user`` mark, the request's real user (crum) differs from the
    user the service is bound to: still a masquerade."""
    from crum import impersonate

    from asn_xblocks.shell.masquerade import is_masquerading

    usage = site.import_block(demo_xml("asn_case_study"))
    block = site.lms_block(usage, "ani")
    with impersonate(site.person("ani").django_user()):
        assert not is_masquerading(block)
    with impersonate(site.person("staff").django_user()):
        assert is_masquerading(block)
    assert not is_masquerading(block)  # no request (a background task): not a masquerade
