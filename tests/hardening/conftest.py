"""Hardening fixtures: blocks on real content in the workbench, every stored byte of a
learner observable, handlers called over HTTP as a browser (or an attacker) would.

Blocks are added as fresh scenarios (unique names), so the workbench's global state is not
reset per test: the per-test database rollback removes their rows, and nothing here reuses
a block across tests.
"""
from __future__ import annotations

import http.server
import itertools
import json
import threading
from pathlib import Path
from typing import Any

import pytest
from django.core.cache import cache
from django.test import Client

SCENARIO_DIR = Path(__file__).resolve().parents[2] / "asn_xblocks" / "demo" / "scenarios"
_counter = itertools.count()

# Answers a handler may give: success, bad input, forbidden, unknown id, wrong method,
# out of order / stale / locked, too large. Anything else (a 500) is a defect.
ALLOWED_STATUSES = {200, 400, 403, 404, 405, 409, 413}

DEMO = {
    "asn_case_study": "02_konflik_kepentingan.xml",
    "asn_change_simulation": "03_e_performance_en.xml",
    "asn_digital_service": "03_business_permit_en.xml",
}
TAGS = tuple(DEMO)


def demo_xml(tag: str, name: str | None = None) -> str:
    return (SCENARIO_DIR / tag / (name or DEMO[tag])).read_text(encoding="utf-8")


@pytest.fixture(autouse=True)
def fresh_cache(db):
    cache.clear()
    yield
    cache.clear()


class Block:
    """One block in the workbench, driven over HTTP; its stored data observable."""

    def __init__(self, xml: str, client: Client | None = None, base_url: str = ""):
        from workbench.scenarios import SCENARIOS, add_xml_scenario

        self.name = f"hard{next(_counter)}"
        add_xml_scenario(self.name, self.name, xml)
        self.usage_id = SCENARIOS[self.name].usage_id
        self.tag = self.usage_id.split(".")[1]
        self.client = client or Client()
        self.base_url = base_url

    # --- HTTP ---------------------------------------------------------------------------
    def url(self, handler: str, student: str, query: str = "") -> str:
        return f"/handler/{self.usage_id}/{handler}/?student={student}{query}"

    def call(self, handler: str, payload: Any = None, student: str = "learner",
             raw: bytes | None = None, method: str = "post", query: str = "") -> tuple[int, Any]:
        url = self.url(handler, student, query)
        if method == "get":
            response = self.client.get(url)
        else:
            body = raw if raw is not None else json.dumps(payload if payload is not None else {})
            response = self.client.post(url, data=body, content_type="application/json")
        content = b"".join(response.streaming_content) if getattr(response, "streaming", False) \
            else response.content
        try:
            data = json.loads(content.decode("utf-8"))
        except (ValueError, UnicodeDecodeError):
            data = content.decode("utf-8", "replace")
        return response.status_code, data

    def state(self, student: str = "learner") -> dict:
        status, data = self.call("state", {}, student)
        assert status == 200, data
        return data

    def page(self, student: str = "learner", view: str = "student_view") -> str:
        """The page as the learner gets it: the bare block view (the scenario page of the
        workbench also prints the scenario's OLX source, which no LMS page does)."""
        path = f"/view/{self.name}/" if view == "bare" else f"/scenario/{self.name}/{view}/"
        response = self.client.get(f"{path}?student={student}")
        assert response.status_code == 200
        return response.content.decode("utf-8")

    # --- the block object, as a request for ``student`` sees it ------------------------------
    def xblock(self, student: str = "learner"):
        from workbench.runtime import WorkbenchRuntime

        return WorkbenchRuntime(student).get_block(self.usage_id)

    def download(self, handler: str, query: str = "", student: str = "staff",
                 method: str = "get", body: bytes = b""):
        """A handler's whole answer over the workbench's HTTP, streamed bodies joined."""
        from tests.platform.driver import Download

        return Download.over_http(self.client, self.usage_id, handler, query, student, method,
                                  body)

    def gradebook(self, student: str = "learner"):
        """(earned, possible) as the LMS's gradebook holds them for ``student``."""
        from asn_xblocks.demo.gradebook import weighted

        return weighted(self.xblock(student))

    @staticmethod
    def anonymous_id(student: str) -> str:
        from asn_xblocks.demo.services import anonymous_id

        return anonymous_id(student)

    def handlers(self) -> list[str]:
        cls = type(self.xblock("inspector"))
        return sorted(name for name in dir(cls)
                      if getattr(getattr(cls, name, None), "_is_xblock_handler", False))


def stored() -> dict[str, Any]:
    """Everything stored that a handler could change: workbench field data (rows holding
    something), review rows, attempt records, staff grades, submissions and scores."""
    from submissions.models import Score, ScoreSummary, StudentItem, Submission
    from workbench.models import XBlockState

    from asn_xblocks.review.models import AttemptRecord, LearnerReview, StaffGrade

    def rows(model, *exclude):
        return sorted(
            (tuple((k, repr(v)) for k, v in sorted(row.items()) if k not in exclude)
             for row in model.objects.values()), key=repr)

    return {
        "fields": {(r.scope, r.scope_id, r.user_id): r.state
                   for r in XBlockState.objects.exclude(state="{}")},
        "review": rows(LearnerReview),
        "attempts": rows(AttemptRecord),
        "grades": rows(StaffGrade),
        "submissions": rows(Submission),
        "scores": rows(Score),
        "summaries": rows(ScoreSummary),
        "items": rows(StudentItem),
    }


@pytest.fixture(params=("workbench", "platform"))
def runtime_name(request):
    """Each hardening test runs on the workbench and on the runtimes reproduced from the
    platform's code (tests/platform/runtimes.py: Studio's handlers for ``studio_*``, the
    LMS for the rest); ``@pytest.mark.workbench_only`` marks those that need the live
    workbench server or its storage."""
    if request.param != "workbench" and request.node.get_closest_marker("workbench_only"):
        pytest.skip("needs the workbench's server or storage")
    return request.param


@pytest.fixture
def make_block(runtime_name):
    if runtime_name == "workbench":
        return Block
    from tests.platform.driver import PlatformBlock

    return lambda xml, *args, **kwargs: PlatformBlock(xml)


@pytest.fixture
def snapshot():
    from tests.platform import driver

    return lambda: {**stored(), **driver.stored()}


# a string no legitimate import can produce: its presence means a local file was read
FILE_MARKER = "FILE-MARKER-7f3a9c"


@pytest.fixture
def local_server():
    """A local HTTP server that records every request made to it."""
    hits: list[str] = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            hits.append(self.path)
            body = b'<!ENTITY x "FETCHED">'
            self.send_response(200)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}", hits
    server.shutdown()
    server.server_close()


@pytest.fixture
def marker_file(tmp_path):
    path = tmp_path / "secret.txt"
    path.write_text(FILE_MARKER, encoding="utf-8")
    return path
