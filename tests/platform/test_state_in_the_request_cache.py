"""The learner's state in the LMS's user-state cache.

lms/djangoapps/courseware/model_data.py ``UserStateCache.set_many`` hands the values a block
saves to the student-module client (which writes their JSON to the row) and then keeps the
very value objects in its cache (``self._cache.update(pending_updates)``): every later read
in the same request — another instance of the block, the grades app — gets those objects
back, not a copy. The shell saves the state as a ``StoredState``, which XBlock's dirty
tracking does not deep-copy (it is never changed in place). ``RequestCachingKvs`` below
reproduces that cache over the platform runtime's tables; the tests hold the shell to never
changing a saved state afterwards, whichever block instance reads it.
"""
from __future__ import annotations

import json

import pytest

from tests.hardening import payloads

from . import runtimes
from .conftest import TAGS, demo_xml


class RequestCachingKvs(runtimes.PlatformKvs):
    """PlatformKvs plus UserStateCache's cache of saved objects (one request's: ``kept``)."""

    kept: dict[tuple, object] = {}

    def get(self, key):
        k = self._key(key)
        if k in self.kept:
            return self.kept[k]
        return super().get(key)

    def set(self, key, value):
        super().set(key, value)  # the row gets the JSON text
        if self._table(key) is self.store.csm:
            self.kept[self._key(key)] = value


def _call(site, block, handler, body):
    reply = site._handle(block, handler, json.dumps(body).encode(), "post")
    assert reply.status == 200, reply.body[:300]
    return reply.json()


@pytest.mark.parametrize("tag", TAGS)
def test_a_saved_state_read_again_in_the_same_request_is_never_changed(site, monkeypatch, tag):
    monkeypatch.setattr(runtimes, "PlatformKvs", RequestCachingKvs)
    monkeypatch.setattr(RequestCachingKvs, "kept", {})
    usage = site.import_block(demo_xml(tag))
    with site._request_user("budi"):
        first = site.lms_block(usage, "budi")
        payload = _call(site, first, "state", {})
        action = payloads.next_action(tag, payload)
        _call(site, first, "act", {"version": payload["version"], "action": action})
        saved = [v for k, v in RequestCachingKvs.kept.items() if k[-1] == "learner_state"]
        assert len(saved) == 1 and isinstance(saved[0], dict)
        saved_object = saved[0]
        snapshot = json.loads(json.dumps(saved_object))
        row = next(v for k, v in site.store.csm.items() if k[-1] == "learner_state")
        assert json.loads(row) == snapshot  # the row holds what was saved

        # another instance in the same request reads the kept object, renders and acts on it
        second = site.lms_block(usage, "budi")
        again = _call(site, second, "state", {})
        assert again["version"] == payload["version"] + 1
        second.render("student_view", {})
        action = payloads.next_action(tag, again)
        if action is not None:
            _call(site, second, "act", {"version": again["version"], "action": action})
        assert json.loads(json.dumps(saved_object)) == snapshot  # untouched by all of it
        latest = next(v for k, v in RequestCachingKvs.kept.items() if k[-1] == "learner_state")
        assert (latest is saved_object) == (action is None)
