"""Helpers of the xAPI tests: event-routing-backends (ERB) as the LMS runs it, and events
shaped exactly as the LMS's tracker hands them to ERB.

* The envelope: common/djangoapps/track/views/__init__.py ``server_track`` (the LMS's
  ``track_function`` for a block's ``runtime.publish``, xmodule/services.py) emits through
  eventtracking's ``Tracker.emit`` (eventtracking/tracker.py: ``{name, timestamp, data,
  context}``, the context the union of the entered ones): the request's user context (its
  keys as in the LMS events ERB's own tests replay, processors/tests/fixtures/current/*.json:
  user_id, username, session, ip, agent, host, path, referer …), the handler's
  ``module_callback_handler`` context (lms/djangoapps/courseware/block_render.py: course,
  ``module`` {display_name, usage_key}), the publishing service's context under the
  event's name (xmodule/services.py ``EventPublishingService.publish``: course, user id,
  asides), and ``edx.course.server`` {username, event_source, page}. Here a real
  ``Tracker`` builds it; eventtracking's ``AsyncRoutingBackend`` then hands it to a Celery
  task (JSON: the timestamp becomes an ISO string), as ``as_celery_hands_it`` does.
* The pipeline: ERB's ``event_tracking_backends_config`` (utils/settings.py) — the allow-list
  (``NameWhitelistProcessor``) then ``XApiProcessor`` — inside ERB's ``EventsRouter``
  (backends/events_router.py), with no LRS configured (``RouterConfiguration`` has none):
  statements are what ``process_event`` returns, and what ``send`` logs to ``xapi_tracking``.
* ERB's platform look-ups (event_routing_backends/helpers.py imports them from the LMS):
  ``ExternalId`` (the learner's anonymous xAPI id) and ``get_course_overviews`` (the course
  name) are replaced by fakes with the same interface, as ERB's own tests do.
"""
from __future__ import annotations

import contextlib
import json
import re
import sys
import types
import uuid
from collections.abc import Iterator
from datetime import datetime
from typing import Any

from django.test import override_settings

from .runtimes import COURSE_KEY

LMS_ROOT_URL = "https://lms.example.org"
COURSE_NAME = "Latsar CPNS Angkatan 2026"
XAPI_NAMESPACE = uuid.UUID("0b9c3f0e-0c4d-4d8e-9f2a-7f1e6b3a5c21")

ERB_SETTINGS = {
    "LMS_ROOT_URL": LMS_ROOT_URL,
    "XAPI_AGENT_IFI_TYPE": "external_id",
    "XAPI_EVENTS_ENABLED": True,
    "XAPI_EVENT_LOGGING_ENABLED": True,
    "RUNNING_WITH_TEST_SETTINGS": True,
    "EVENT_ROUTING_BACKEND_BATCHING_ENABLED": False,
    "CALIPER_EVENTS_ENABLED": False,
}


def external_id(user_id: int) -> str:
    return str(uuid.uuid5(XAPI_NAMESPACE, f"xapi|{user_id}"))


@contextlib.contextmanager
def erb_installed() -> Iterator[None]:
    """ERB as an installed app (the LMS installs it as a plugin app), with its settings;
    Django runs every app's ``ready()`` again, ours included, which registers the
    transformers."""
    from django.conf import settings

    apps = [*settings.INSTALLED_APPS]
    if "event_routing_backends" not in apps:
        apps.append("event_routing_backends")
    with override_settings(INSTALLED_APPS=apps, **ERB_SETTINGS):
        yield


def fake_platform(monkeypatch) -> None:
    """The LMS functions ERB's helpers call, with their interface."""
    from event_routing_backends import helpers

    class ExternalId:
        @staticmethod
        def add_new_user_id(user, type_name):
            return types.SimpleNamespace(external_user_id=external_id(user.id)), True

    monkeypatch.setattr(helpers, "ExternalId", ExternalId)
    monkeypatch.setattr(helpers, "ExternalIdType", types.SimpleNamespace(XAPI="xapi", LTI="lti"))
    monkeypatch.setattr(helpers, "get_course_overviews", lambda keys: [{"display_name": COURSE_NAME}])
    monkeypatch.setattr(helpers, "get_potentially_retired_user_by_username", lambda username: None)
    helpers.get_anonymous_user_id.cache_clear()
    helpers.get_course_from_id.cache_clear()


def fake_student_models(monkeypatch, site) -> None:
    """``common.djangoapps.student.models.user_by_anonymous_id`` answering as the LMS's
    would for this site's people (the package imports it to name a graded learner)."""
    for name in ("common", "common.djangoapps", "common.djangoapps.student"):
        monkeypatch.setitem(sys.modules, name, types.ModuleType(name))
    models = types.ModuleType("common.djangoapps.student.models")
    models.user_by_anonymous_id = site.user_by_anonymous_id
    monkeypatch.setitem(sys.modules, "common.djangoapps.student.models", models)


def django_users(site, *usernames: str) -> None:
    """The auth_user rows ERB reads the actor from (``helpers.get_user``)."""
    from django.contrib.auth import get_user_model

    user_model = get_user_model()
    for username in usernames:
        person = site.person(username)
        user_model.objects.get_or_create(id=person.user_id, defaults={"username": username})


# --- the envelope -----------------------------------------------------------------------------

class _Capture:
    def __init__(self):
        self.events: list[dict[str, Any]] = []

    def send(self, event):
        self.events.append(event)


def as_celery_hands_it(event: dict[str, Any]) -> dict[str, Any]:
    from eventtracking.backends.logger import DateTimeJSONEncoder

    return json.loads(json.dumps(event, cls=DateTimeJSONEncoder))


def tracker_events(site, usage, published: list[tuple[str, str, dict]], display_name: str) -> list[dict]:
    """The published ``(username, event_type, data)`` as the LMS's tracker emits them."""
    from eventtracking.tracker import Tracker

    capture = _Capture()
    tracker = Tracker(backends={"capture": capture})
    for username, name, data in published:
        person = site.person(username)
        contexts = {
            "edx.request": {
                "user_id": person.user_id, "username": username, "session": f"session-{username}",
                "ip": "10.0.0.7", "agent": "Mozilla/5.0", "host": "lms.example.org",
                "path": f"/courses/{COURSE_KEY}/xblock/{usage}/handler/act",
                "referer": f"{LMS_ROOT_URL}/learning/course/{COURSE_KEY}/home",
                "accept_language": "id-ID,id;q=0.9", "client_id": None, "org_id": COURSE_KEY.org,
            },
            "module_callback_handler": {
                "course_id": str(COURSE_KEY), "org_id": COURSE_KEY.org, "enterprise_uuid": "",
                "course_user_tags": {}, "module": {"display_name": display_name, "usage_key": str(usage)},
            },
            # xmodule/services.py EventPublishingService.publish: the course context, the
            # user id and the asides' context, under the event's name
            name: {"course_id": str(COURSE_KEY), "org_id": COURSE_KEY.org, "enterprise_uuid": "",
                   "user_id": person.user_id, "asides": {}},
            "edx.course.server": {"username": username, "event_source": "server", "page": "x_module"},
        }
        for context_name, context in contexts.items():
            tracker.enter_context(context_name, context)
        try:
            tracker.emit(name, data)
        finally:
            for context_name in contexts:
                tracker.exit_context(context_name)
    return [as_celery_hands_it(event) for event in capture.events]


# --- the pipeline -----------------------------------------------------------------------------

def allowed_xapi_events(extra: tuple[str, ...] = ()) -> list[str]:
    """ERB's default allow-list plus ``extra``, as an operator's settings give it."""
    from event_routing_backends.settings import common

    holder = types.SimpleNamespace(LMS_ROOT_URL=LMS_ROOT_URL, EVENT_TRACKING_BACKENDS={})
    common.plugin_settings(holder)
    return [*holder.EVENT_TRACKING_BACKENDS_ALLOWED_XAPI_EVENTS, *extra]


def xapi_router(allowed: list[str]):
    """ERB's xAPI router built from ``event_tracking_backends_config``'s own processors."""
    from event_routing_backends.backends.events_router import EventsRouter
    from event_routing_backends.processors.xapi.transformer_processor import XApiProcessor
    from event_routing_backends.utils.settings import event_tracking_backends_config
    from eventtracking.processors.whitelist import NameWhitelistProcessor

    config = event_tracking_backends_config(types.SimpleNamespace(LMS_ROOT_URL=LMS_ROOT_URL), allowed, [])
    xapi = config["event_transformer"]["OPTIONS"]["backends"]["xapi"]["OPTIONS"]
    whitelist = xapi["processors"][0]["OPTIONS"]["whitelist"]
    assert xapi["processors"][1]["ENGINE"].endswith("XApiProcessor")
    return EventsRouter(processors=[NameWhitelistProcessor(whitelist=whitelist), XApiProcessor()],
                        backend_name="xapi")


def statements_of(events: list[dict], allowed: list[str]) -> list[dict]:
    router = xapi_router(allowed)
    out: list[dict] = []
    for event in events:
        out.extend(router.process_event(event))
    return out


def statements_through(backends: dict, events: list[dict]) -> list[dict]:
    """The events through an ``EVENT_TRACKING_BACKENDS`` setting as eventtracking loads it
    (each ``ENGINE`` with its ``OPTIONS``): the ``event_transformer`` backend's processors,
    then its xAPI router's (the Celery hop between them is left out)."""
    from django.utils.module_loading import import_string
    from event_routing_backends.backends.events_router import EventsRouter
    from eventtracking.processors.exceptions import EventEmissionExit

    def build(processors):
        return [import_string(p["ENGINE"])(**p.get("OPTIONS", {})) for p in processors]

    top = backends["event_transformer"]["OPTIONS"]
    xapi = top["backends"]["xapi"]["OPTIONS"]
    router = EventsRouter(processors=build(xapi["processors"]), backend_name="xapi")
    out: list[dict] = []
    for event in events:
        try:
            for processor in build(top.get("processors", [])):
                event = processor(event)
        except EventEmissionExit:
            continue
        out.extend(router.process_event(as_celery_hands_it(event)))
    return out


# --- xAPI 1.0.3 validation --------------------------------------------------------------------

_IRI = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:[^\s]+$")
_UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[1-5][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$")
INTERACTION_TYPES = {"true-false", "choice", "fill-in", "long-fill-in", "matching", "performance",
                     "sequencing", "likert", "numeric", "other"}


def _iri(value: Any, where: str) -> None:
    assert isinstance(value, str) and _IRI.match(value), f"{where}: not an IRI: {value!r}"


def _language_map(value: Any, where: str) -> None:
    assert isinstance(value, dict) and value, f"{where}: empty language map"
    for tag, text in value.items():
        assert re.match(r"^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})*$", tag), f"{where}: bad language tag {tag}"
        assert isinstance(text, str)


def _activity(activity: dict, where: str) -> None:
    assert activity.get("objectType", "Activity") == "Activity", where
    _iri(activity.get("id"), f"{where}.id")
    definition = activity.get("definition") or {}
    if "type" in definition:
        _iri(definition["type"], f"{where}.definition.type")
    if "name" in definition:
        _language_map(definition["name"], f"{where}.definition.name")
    if "interactionType" in definition:
        assert definition["interactionType"] in INTERACTION_TYPES, where
    for key in definition.get("extensions") or {}:
        _iri(key, f"{where}.definition.extensions")


def assert_valid_xapi(statement: dict) -> None:
    """The rules of xAPI 1.0.3 (Data, part two) a statement must meet, and a round trip
    through TinCanPython's ``Statement`` (the object model ERB builds statements with)."""
    from tincan import Statement

    assert _UUID.match(statement["id"]), statement["id"]
    assert re.match(r"^1\.0\.\d+$", statement["version"])
    datetime.fromisoformat(statement["timestamp"].replace("Z", "+00:00"))
    actor = statement["actor"]
    assert actor.get("objectType", "Agent") == "Agent"
    ifis = [key for key in ("mbox", "mbox_sha1sum", "openid", "account") if key in actor]
    assert len(ifis) == 1, actor
    if "account" in actor:
        assert set(actor["account"]) == {"homePage", "name"} and actor["account"]["name"]
        _iri(actor["account"]["homePage"], "actor.account.homePage")
    _iri(statement["verb"]["id"], "verb.id")
    _language_map(statement["verb"]["display"], "verb.display")
    _activity(statement["object"], "object")
    result = statement.get("result") or {}
    score = result.get("score")
    if score is not None:
        assert set(score) <= {"raw", "min", "max", "scaled"}
        assert -1 <= score["scaled"] <= 1
        assert score["min"] < score["max"] and score["min"] <= score["raw"] <= score["max"]
    for key in ("success", "completion"):
        if key in result:
            assert isinstance(result[key], bool)
    if "response" in result:
        assert isinstance(result["response"], str)
    for key in result.get("extensions") or {}:
        _iri(key, "result.extensions")
    context = statement.get("context") or {}
    if "registration" in context:
        assert _UUID.match(context["registration"])
    for kind, activities in (context.get("contextActivities") or {}).items():
        assert kind in {"parent", "grouping", "category", "other"}
        assert isinstance(activities, list)
        for activity in activities:
            _activity(activity, f"context.contextActivities.{kind}")
    for key in context.get("extensions") or {}:
        _iri(key, "context.extensions")
    again = json.loads(Statement.from_json(json.dumps(statement)).to_json())
    assert again == statement
