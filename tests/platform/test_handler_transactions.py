"""A learner's write keeps the review row and the state together on its own.

lms/djangoapps/courseware/block_render.py runs XBlock handlers outside any request
transaction (``@transaction.non_atomic_requests`` on ``handle_xblock_callback`` and
``handle_xblock_callback_noauth``): autocommit is on when a learner's write begins, so the
write's own transaction is all that joins the review row's compare-and-set to the state's
save. Reproduced here with a database that is not wrapped in a test transaction, and a state
save that fails after the compare-and-set: the row keeps its version and the learner's next
action at the version their browser holds goes through.
"""
from __future__ import annotations

import json

import pytest
from django.core.cache import cache
from django.db import OperationalError, transaction

from asn_xblocks.review.models import LearnerReview
from tests.hardening import payloads

from . import runtimes
from .conftest import TAGS, demo_xml


@pytest.fixture
def lms(transactional_db):
    cache.clear()
    yield runtimes.PlatformSite()
    cache.clear()


@pytest.mark.parametrize("tag", TAGS)
def test_a_state_save_failing_after_the_compare_and_set_changes_nothing(lms, monkeypatch, tag):
    usage = lms.import_block(demo_xml(tag))

    def call(handler, body):
        reply = lms.lms_handler(usage, "budi", handler, json.dumps(body).encode())
        return reply.status, reply.json()

    _status, payload = call("state", {})
    status, payload = call("act", {"version": payload["version"],
                                   "action": payloads.next_action(tag, payload)})
    assert status == 200, payload
    version = payload["version"]
    assert LearnerReview.objects.get(usage_key=str(usage)).state_version == version
    stored = dict(lms.store.csm)
    action = payloads.next_action(tag, payload)
    assert action is not None

    write_row = runtimes.PlatformKvs.set_many

    def failing(self, update_dict):
        # the LMS writes a block's user-state fields as one student-module row
        # (model_data.UserStateCache.set_many): the row's write fails as a whole
        if any(key.field_name == "learner_state" for key in update_dict):
            raise OperationalError("the connection to the database was lost")
        return write_row(self, update_dict)

    monkeypatch.setattr(runtimes.PlatformKvs, "set_many", failing)
    assert not transaction.get_connection().in_atomic_block  # as block_render's handlers run
    with pytest.raises(OperationalError):
        call("act", {"version": version, "action": action})
    monkeypatch.undo()

    assert LearnerReview.objects.get(usage_key=str(usage)).state_version == version
    assert lms.store.csm == stored
    status, again = call("act", {"version": version, "action": action})
    assert status == 200, again
    assert again["version"] == version + 1
