"""Workbench integration fixtures: real scenarios, real handlers, real edx-submissions."""
from __future__ import annotations

import itertools
import json
from pathlib import Path
from typing import Any

import pytest
from django.core.cache import cache
from django.test import Client

SCENARIO_DIR = Path(__file__).resolve().parents[2] / "asn_xblocks" / "demo" / "scenarios"
_counter = itertools.count()


@pytest.fixture(autouse=True)
def workbench(db):
    """Each test starts from an empty workbench: no stored field data, fresh ids, no
    scenarios. The workbench's own reset (``runtime_util.reset_global_state``) also parses
    every installed block's demo scenarios, 0.4 s a test; here they load, as the workbench
    loads them, on the first ``get_scenarios()`` of a test that has added none of its own
    (the seed command, the workbench's pages)."""
    from workbench.runtime import ID_MANAGER, WORKBENCH_KVS
    from workbench.scenarios import SCENARIOS, get_scenarios

    WORKBENCH_KVS.clear()
    ID_MANAGER.clear()
    SCENARIOS.clear()
    get_scenarios.initialized = False
    cache.clear()
    yield


def demo_xml(tag: str, name: str) -> str:
    return (SCENARIO_DIR / tag / name).read_text(encoding="utf-8")


class Block:
    """One scenario's block, driven over HTTP as a browser would."""

    def __init__(self, xml: str):
        from workbench.scenarios import SCENARIOS, add_xml_scenario

        self.name = f"test.{next(_counter)}"
        add_xml_scenario(self.name, self.name, xml)
        self.usage_id = SCENARIOS[self.name].usage_id
        self.client = Client()

    def call(self, handler: str, payload: Any = None, student: str = "learner",
             raw: bytes | None = None, method: str = "post") -> tuple[int, Any]:
        url = f"/handler/{self.usage_id}/{handler}/?student={student}"
        body = raw if raw is not None else json.dumps(payload if payload is not None else {})
        if method == "get":
            response = self.client.get(url)
        else:
            response = self.client.post(url, data=body, content_type="application/json")
        try:
            data = json.loads(response.content.decode("utf-8"))
        except ValueError:
            data = response.content.decode("utf-8", "replace")
        return response.status_code, data

    def state(self, student: str = "learner") -> dict:
        status, data = self.call("state", {}, student)
        assert status == 200, data
        return data

    def act(self, action: dict, student: str = "learner", version: int | None = None) -> tuple[int, Any]:
        if version is None:
            version = self.state(student)["version"]
        return self.call("act", {"version": version, "action": action}, student)

    def page(self, student: str = "learner", view: str = "student_view", lang: str = "") -> str:
        from workbench.scenarios import SCENARIOS

        scenario = next(key for key, value in SCENARIOS.items() if value.usage_id == self.usage_id)
        query = f"?student={student}" + (f"&lang={lang}" if lang else "")
        path = f"/view/{scenario}/" if view == "bare" else f"/scenario/{scenario}/{view}/"
        response = self.client.get(path + query)
        assert response.status_code == 200
        return response.content.decode("utf-8")

    def raw_state(self, student: str = "learner") -> list:
        """The stored learner state, straight from the workbench's key-value store."""
        from workbench.models import XBlockState

        rows = XBlockState.objects.filter(scope="usage", scope_id=self.usage_id, user_id=student)
        return [json.loads(row.state) for row in rows]

    def download(self, handler: str, query: str = "", student: str = "staff",
                 method: str = "get", body: bytes = b""):
        """A handler's whole answer over the workbench's HTTP, streamed bodies joined."""
        from tests.platform.driver import Download

        return Download.over_http(self.client, self.usage_id, handler, query, student, method,
                                  body)

    course_id = "workbench"  # the course the workbench's student items name

    def xblock(self, student: str = "learner"):
        """The block object as a request of ``student`` gets it."""
        from workbench.runtime import WorkbenchRuntime

        return WorkbenchRuntime(student).get_block(self.usage_id)

    @staticmethod
    def capture_publish():
        """Every ``runtime.publish(block, event_type, data)`` call, on a mock (grade events
        still reach the demo's gradebook)."""
        from unittest import mock

        from asn_xblocks.demo.gradebook import on_publish

        return mock.patch("workbench.runtime.WorkbenchRuntime.publish", side_effect=on_publish)

    def gradebook(self, student: str = "learner"):
        """(earned, possible) as the LMS's gradebook holds them for ``student``."""
        from asn_xblocks.demo.gradebook import weighted

        return weighted(self.xblock(student))


RUNTIMES = ("workbench", "platform")


@pytest.fixture(params=RUNTIMES)
def runtime_name(request):
    """Each integration test runs on the workbench and on the runtimes reproduced from
    the platform's code (tests/platform/runtimes.py); a test that reads the workbench's
    own internals says so with ``@pytest.mark.workbench_only``."""
    if request.param != "workbench" and request.node.get_closest_marker("workbench_only"):
        pytest.skip("reads the workbench's own storage or runtime")
    return request.param


@pytest.fixture
def make_block(runtime_name):
    if runtime_name == "workbench":
        return Block
    from tests.platform.driver import PlatformBlock

    made = []

    def make(xml: str):
        made.append(PlatformBlock(xml))
        return made[-1]

    return make


@pytest.fixture
def learner_anon(runtime_name):
    """The learner's anonymous id as the runtime under test computes it."""
    if runtime_name == "workbench":
        from asn_xblocks.demo.services import anonymous_id

        return anonymous_id
    from tests.platform.runtimes import anonymous_id_for, user_id_for

    return lambda student: anonymous_id_for(user_id_for(student))
