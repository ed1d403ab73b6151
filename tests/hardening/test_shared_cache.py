"""Two server processes sharing one cache and one database, the per-learner lock expiring
while a request still works.

Django's locmem cache lives in one process, so the LMS's lock (memcached, Redis) is played
by Django's ``FileBasedCache`` in a temporary directory, which every process sees. Each
server is a real OS process (``multiprocessing``, ``spawn`` context) that sets Django up with
the test settings, points at this test's SQLite database file and answers one learner
request through the workbench's handler view, as a second LMS worker would. The test
database is committed (``transaction=True``) so the processes see each other's writes.

The expiry is simulated, not waited for (no sleeps): a process's view of the cache's clock
is moved — process B lives 1,000 s after process A, so A's lock (``LOCK_SECONDS`` patched to
5) has expired for B. A's own clock is either frozen (A believes its lock is young: it tries
to release it and must not delete B's) or moved past ``LOCK_SECONDS`` too (A leaves the key
to expire). Requests pause inside the engine's ``apply_action`` — after the lock is taken
and the state read, before any write — on ``multiprocessing`` events, so every interleaving
is fixed.

What must hold: the second request gets either 409 or a consistent write, never two
competing writes (the review row's compare-and-set refuses the stale one); the token-owned
lock is never deleted by a process that no longer owns it; a third request while the lock is
validly held gets 409.
"""
from __future__ import annotations

import json
import multiprocessing
import os
import traceback

import pytest

from tests.integration import case_fixtures

from .conftest import Block

pytestmark = pytest.mark.django_db(transaction=True)

WAIT = 120  # seconds: a bound on a child's start-up, never a timing assertion
LOCK_SECONDS = 5
LOCK_HELD = "Another request for this exercise is still being saved."


def shared_caches(directory: str) -> dict:
    return {"default": {"BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
                        "LOCATION": directory}}


def serve(role, db_name, cache_dir, usage_id, body, cache_clock_offset, own_clock, pause,
          ready, start, inside, go, results):
    """One server process answering one learner request (runs in a spawned child)."""
    try:
        os.environ["DJANGO_SETTINGS_MODULE"] = "tests.settings"
        os.environ["WORKBENCH_DATABASES"] = json.dumps(
            {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": db_name}})
        import time
        from types import SimpleNamespace

        import django

        django.setup()
        from django.core.cache.backends import base as cache_base
        from django.core.cache.backends import filebased
        from django.test import Client
        from django.test.utils import override_settings, setup_test_environment
        from xblock.core import XBlock

        from asn_xblocks.shell import state

        setup_test_environment()
        # This process knows the course as every LMS process does (the workbench resolves
        # usage ids from an in-memory registry that the parent process filled).
        from workbench.runtime import ID_MANAGER

        definition = usage_id.rsplit(".u", 1)[0]
        ID_MANAGER._definitions[definition] = "asn_case_study"
        ID_MANAGER._usages[usage_id] = definition
        # this process's view of the cache's clock (expiry is computed and checked with it)
        cache_clock = SimpleNamespace(time=lambda: time.time() + cache_clock_offset)
        cache_base.time = cache_clock
        filebased.time = cache_clock
        # this process's own clock, which _release consults before touching the lock
        started = time.monotonic()
        moved = {"by": 0.0}
        state.time = SimpleNamespace(monotonic=lambda: started + moved["by"])
        state.LOCK_SECONDS = LOCK_SECONDS
        release_calls = []
        original_release = state._release

        class Recording:
            def __init__(self, cache):
                self.cache = cache

            def get(self, key):
                value = self.cache.get(key)
                release_calls.append(("get", value))
                return value

            def delete(self, key):
                release_calls.append(("delete", key))
                return self.cache.delete(key)

        def release(cache, key, token, taken):
            return original_release(Recording(cache), key, token, taken)

        state._release = release
        if pause:
            core_class = type(XBlock.load_class("asn_case_study").core)
            original_apply = core_class.apply_action

            def apply_action(self, *args, **kwargs):
                inside.set()
                if not go.wait(WAIT):
                    raise RuntimeError(f"{role}: never told to go on")
                if own_clock == "past the lock":
                    moved["by"] = LOCK_SECONDS + 1000
                return original_apply(self, *args, **kwargs)

            core_class.apply_action = apply_action
        with override_settings(CACHES=shared_caches(cache_dir)):
            ready.set()
            if not start.wait(WAIT):
                raise RuntimeError(f"{role}: never started")
            response = Client().post(f"/handler/{usage_id}/act/?student=learner", data=body,
                                     content_type="application/json")
        try:
            answer = json.loads(response.content)
        except ValueError:
            answer = response.content.decode("utf-8", "replace")[:2000]
        results.put({"role": role, "status": response.status_code, "answer": answer,
                     "release": release_calls})
    except BaseException:
        results.put({"role": role, "error": traceback.format_exc()})
        for event in (ready, inside):
            event.set()


class Server:
    """A spawned server process and the events that steer its one request."""

    def __init__(self, ctx, role: str, block: Block, cache_dir: str, action: dict,
                 cache_clock_offset: float = 0.0, own_clock: str = "frozen",
                 pause: bool = True):
        from django.db import connection

        self.role = role
        self.ready, self.start, self.inside, self.go = (ctx.Event() for _ in range(4))
        self.results = ctx.Queue()
        body = json.dumps({"version": 0, "action": action})
        self.process = ctx.Process(target=serve, args=(
            role, connection.settings_dict["NAME"], cache_dir, block.usage_id, body,
            cache_clock_offset, own_clock, pause, self.ready, self.start, self.inside, self.go,
            self.results), daemon=True)
        self.process.start()
        self._answer = None

    def _failed(self):
        if not self.results.empty():
            found = self.results.get()
            if "error" in found:
                pytest.fail(f"server {self.role} failed:\n{found['error']}")
            self._answer = found

    def wait(self, event) -> None:
        for _second in range(WAIT):  # a bound, checking now and then that it is still alive
            if event.wait(1):
                break
            if not self.results.empty():
                pytest.fail(f"server {self.role} answered early: {self.results.get()}")
        else:
            pytest.fail(f"server {self.role} did not get there")
        self._failed()

    def answer(self) -> dict:
        if self._answer is None:
            found = self.results.get(timeout=WAIT)
            if "error" in found:
                pytest.fail(f"server {self.role} failed:\n{found['error']}")
            self._answer = found
        return self._answer

    def stop(self) -> None:
        self.process.join(WAIT)
        if self.process.is_alive():
            self.process.kill()
            self.process.join()


@pytest.fixture
def servers(tmp_path):
    ctx = multiprocessing.get_context("spawn")
    started: list[Server] = []
    cache_dir = str(tmp_path / "shared-cache")

    def make(*args, **kwargs) -> Server:
        server = Server(ctx, *args, cache_dir=cache_dir, **kwargs)
        started.append(server)
        return server

    make.cache_dir = cache_dir
    yield make
    for server in started:
        server.go.set()
        server.start.set()
        server.stop()


def shared_cache_value(cache_dir: str, key: str):
    from django.core.cache import caches
    from django.test.utils import override_settings

    with override_settings(CACHES=shared_caches(cache_dir)):
        return caches["default"].get(key)


def first_answer(block: Block):
    state = block.state("learner")
    stage = state["view"]["stages"][0]
    return state["version"], next(i["answer"] for i in stage["items"] if i["id"] == "q1")


def stored_versions(block: Block) -> tuple[int, int]:
    from workbench.models import XBlockState

    from asn_xblocks.review.models import LearnerReview

    row = LearnerReview.objects.get(usage_key=block.usage_id)
    states = [json.loads(s.state).get("learner_state") for s in
              XBlockState.objects.filter(scope_id=block.usage_id)
              if json.loads(s.state).get("learner_state")]
    assert len(states) == 1, states
    return row.state_version, states[0]["version"]


def lock_key_of(block: Block) -> str:
    from asn_xblocks.shell.state import lock_key

    return lock_key(block.usage_id, block.xblock("learner").learner_id)


def test_an_expired_lock_taken_by_another_process_is_not_released_by_its_old_owner(servers):
    block = Block(case_fixtures.case_xml(max_attempts=1))
    key = lock_key_of(block)
    a = servers("A", block, action=case_fixtures.STAGE1_BEST)
    b = servers("B", block, action=case_fixtures.STAGE1_PARTIAL, cache_clock_offset=1000)
    c = servers("C", block, action=case_fixtures.STAGE1_PARTIAL, pause=False)
    for server in (a, b, c):
        server.wait(server.ready)

    a.start.set()
    a.wait(a.inside)  # A holds the lock, has read version 0, has not written
    token_a = shared_cache_value(servers.cache_dir, key)
    assert token_a
    b.start.set()
    b.wait(b.inside)  # for B the lock had expired: B took it and read version 0 as well
    token_b = shared_cache_value(servers.cache_dir, key)
    assert token_b and token_b != token_a

    a.go.set()
    answer_a = a.answer()
    assert answer_a["status"] == 200, answer_a  # A's compare-and-set came first
    # A's release saw B's token and left it: only the lock's owner deletes it
    assert answer_a["release"] == [("get", token_b)], answer_a["release"]
    assert shared_cache_value(servers.cache_dir, key) == token_b

    c.start.set()
    answer_c = c.answer()  # B still holds the lock
    assert answer_c["status"] == 409 and LOCK_HELD in answer_c["answer"]["error"], answer_c

    b.go.set()
    answer_b = b.answer()
    assert answer_b["status"] == 409 and answer_b["answer"]["error"], answer_b  # stale read
    assert answer_b["release"] == [("get", token_b), ("delete", key)]
    assert shared_cache_value(servers.cache_dir, key) is None
    for server in (a, b, c):
        server.stop()

    # one write: A's. B's answers (q1 "b") were never stored.
    assert stored_versions(block) == (1, 1)
    assert first_answer(block) == (1, "a")


def test_a_request_that_outlived_its_lock_leaves_it_and_loses_to_the_new_holder(servers):
    block = Block(case_fixtures.case_xml(max_attempts=1))
    key = lock_key_of(block)
    a = servers("A", block, action=case_fixtures.STAGE1_BEST, own_clock="past the lock")
    b = servers("B", block, action=case_fixtures.STAGE1_PARTIAL, cache_clock_offset=1000)
    for server in (a, b):
        server.wait(server.ready)

    a.start.set()
    a.wait(a.inside)
    b.start.set()
    b.wait(b.inside)
    token_b = shared_cache_value(servers.cache_dir, key)

    b.go.set()  # the new holder writes first ...
    answer_b = b.answer()
    assert answer_b["status"] == 200, answer_b
    assert answer_b["release"] == [("get", token_b), ("delete", key)]
    a.go.set()  # ... and the request that outlived its lock is refused
    answer_a = a.answer()
    assert answer_a["status"] == 409 and answer_a["answer"]["error"], answer_a
    assert answer_a["release"] == []  # past LOCK_SECONDS by its own clock: left alone
    for server in (a, b):
        server.stop()

    assert stored_versions(block) == (1, 1)
    assert first_answer(block) == (1, "b")
