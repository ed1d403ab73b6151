"""The integration and hardening tests' ``Block`` driver, on the platform-faithful
runtimes: the same methods as the workbench driver (``call``, ``state``, ``act``, ``page``,
``raw_state``, ``xblock``, ``handlers``), so one test runs on both.

Requests go where Open edX sends them: ``studio_*`` handlers through Studio's
``component_handler`` (``via="studio"``) or its ``preview_handler`` (``via="preview"``),
every other handler through the LMS's ``handle_xblock_callback``; ``studio_view`` and
``author_view`` render in the chosen Studio runtime, other views in the LMS.
"""
from __future__ import annotations

import json
from typing import Any
from urllib.parse import unquote

from .runtimes import COURSE_KEY, PlatformSite

# Every site a test made, so the hardening suite's snapshot of "everything stored" sees
# the platform's tables too.
ACTIVE_SITES: list[PlatformSite] = []

STUDIO_VIEWS = {"studio_view", "author_view"}


class Download:
    """A handler's whole answer, as a browser downloading a file gets it."""

    streaming = False

    def __init__(self, status_code: int, content: bytes, headers: dict[str, str]):
        self.status_code, self.content, self.headers = status_code, content, headers

    def __getitem__(self, name: str) -> str:
        return self.headers[name]

    def json(self):
        return json.loads(self.content.decode("utf-8"))

    @classmethod
    def over_http(cls, client, usage_id: str, handler: str, query: str, student: str,
                  method: str, body: bytes) -> Download:
        """The workbench's handler URL through Django's test client."""
        url = f"/handler/{usage_id}/{handler}/?student={student}&{query.lstrip('&?')}"
        if method == "get":
            return cls.from_django(client.get(url))
        return cls.from_django(client.post(url, data=body, content_type="application/json"))

    @classmethod
    def from_django(cls, response) -> Download:
        body = b"".join(response.streaming_content) if getattr(response, "streaming", False) \
            else response.content
        return cls(response.status_code, body, {k: v for k, v in response.items()})


class PlatformBlock:
    runtime_name = "platform"

    def __init__(self, xml: str, via: str = "studio"):
        self.site = PlatformSite()
        ACTIVE_SITES.append(self.site)
        self.via = via
        self.usage_key = self.site.import_block(xml)
        self.usage_id = str(self.usage_key)
        self.tag = self.usage_key.block_type
        self.course_id = str(COURSE_KEY)
        self.name = self.usage_key.block_id

    def anonymous_id(self, student: str) -> str:
        return self.site.anonymous_id(student)

    def call(self, handler: str, payload: Any = None, student: str = "learner",
             raw: bytes | None = None, method: str = "post", query: str = "") -> tuple[int, Any]:
        student = unquote(student)  # the workbench's ids travel quoted in URLs: the same names
        body = raw if raw is not None else json.dumps(payload if payload is not None else {}).encode()
        if method == "get":
            body = b""
        if handler.startswith("studio_"):
            send = self.site.studio_handler if self.via == "studio" else self.site.preview_handler
            reply = send(self.usage_key, student, handler, body, method)
        else:
            reply = self.site.lms_handler(self.usage_key, student, handler, body, method)
        try:
            data = json.loads(reply.body.decode("utf-8"))
        except (ValueError, UnicodeDecodeError):
            data = reply.body.decode("utf-8", "replace")
        return reply.status, data

    def download(self, handler: str, query: str = "", student: str = "staff",
                 method: str = "get", body: bytes = b"") -> Download:
        """GET (or POST) a handler with a query string through the LMS, as a browser
        downloading the staff CSV does."""
        from webob import Request

        student = unquote(student)
        with self.site._request_user(student):
            block = self.site.lms_block(self.usage_key, student)
            request = Request.blank("/?" + query.lstrip("&?"), method=method.upper(), body=body)
            if body:
                request.content_type = "application/json"
            response = block.runtime.handle(block, handler, request)
        content = b"".join(response.app_iter) if response.app_iter is not None else response.body
        return Download(response.status_code, content, dict(response.headers))

    def state(self, student: str = "learner") -> dict:
        status, data = self.call("state", {}, student)
        assert status == 200, data
        return data

    def act(self, action: dict, student: str = "learner", version: int | None = None):
        if version is None:
            version = self.state(student)["version"]
        return self.call("act", {"version": version, "action": action}, student)

    def page(self, student: str = "learner", view: str = "student_view", lang: str = "") -> str:
        from django.utils import translation

        view = "student_view" if view == "bare" else view
        where = self.via if view in STUDIO_VIEWS else "lms"
        with translation.override(lang or "en"):
            return self.site.render(self.usage_key, student, view, where)

    def raw_state(self, student: str = "learner") -> list:
        """The learner's stored user-state fields (the LMS's student module row)."""
        person = self.site.person(student)
        fields = {key[3]: json.loads(value) for key, value in self.site.store.csm.items()
                  if key[1] == str(person.user_id) and key[2] == self.usage_id}
        return [fields] if fields else []

    def xblock(self, student: str = "learner"):
        return self.site.lms_block(self.usage_key, student)

    def gradebook(self, student: str = "learner"):
        """(earned, possible) as the LMS's grades app computes them for ``student``."""
        return self.site.gradebook(self.usage_key, student)

    @staticmethod
    def capture_publish():
        """Every ``runtime.publish(block, event_type, data)`` call, on a mock."""
        from unittest import mock

        from .runtimes import PlatformRuntime

        original = PlatformRuntime.publish
        calls = []

        def side_effect(block, event_type, data):
            calls.append((block, event_type, data))
            return original(block.runtime, block, event_type, data)

        return mock.patch.object(PlatformRuntime, "publish", side_effect=side_effect)

    def handlers(self) -> list[str]:
        cls = type(self.xblock("inspector"))
        return sorted(name for name in dir(cls)
                      if getattr(getattr(cls, name, None), "_is_xblock_handler", False))


def stored() -> dict[str, Any]:
    """What every platform site made so far holds (modulestore, student modules, sessions,
    grade events): the hardening snapshot compares it before and after."""
    return {"sites": [(dict(site.store.modulestore), dict(site.store.csm),
                       {k: dict(v) for k, v in site.store.sessions.items()},
                       list(site.store.grades)) for site in ACTIVE_SITES]}
