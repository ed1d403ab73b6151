"""Faults: an event with missing or malformed fields is logged and skipped by
event-routing-backends (its router logs the ValueError and goes on with the next event),
and nothing of it reaches the learner's request — neither a fault in ERB's pipeline nor one
in computing the event's details."""
from __future__ import annotations

import copy
import json
import logging

import pytest

from asn_xblocks.shell.events import clean_event_data
from asn_xblocks.xapi import EVENT_NAMES
from tests.integration.case_fixtures import STAGE1_BEST, STAGE2_GOOD, case_xml

from . import xapi_events as xe
from .test_platform_grading import act

# event-routing-backends needs Python 3.12 (the test requirements install it there only)
pytest.importorskip("event_routing_backends")


@pytest.fixture
def erb(site, monkeypatch):
    with xe.erb_installed():
        from event_routing_backends.models import RouterConfiguration

        xe.fake_platform(monkeypatch)
        # no LRS configured (the statements go to the ``xapi_tracking`` log only)
        monkeypatch.setattr(RouterConfiguration, "get_enabled_routers", classmethod(lambda cls, name: None))
        yield site


def recorded(site):
    usage = site.import_block(case_xml())
    xe.django_users(site, "ani")
    act(site, usage, "ani", STAGE1_BEST)
    act(site, usage, "ani", STAGE2_GOOD)
    return usage, xe.tracker_events(site, usage, site.store.events, "Tiny case")


def sent(events, caplog) -> list[dict]:
    """``EventsRouter.send`` for each event (what ERB's Celery task runs); the statements it
    logs to ``xapi_tracking``."""
    router = xe.xapi_router(xe.allowed_xapi_events(EVENT_NAMES))
    with caplog.at_level(logging.INFO, logger="xapi_tracking"):
        for event in events:
            router.send(event)
    return [json.loads(r.getMessage()) for r in caplog.records if r.name == "xapi_tracking"]


BROKEN = [
    ("stage_submitted", lambda d: d.pop("stage")),
    ("attempt_finished", lambda d: d.pop("attempt")),
    ("stage_submitted", lambda d: d.update(items="not a list", stage=None)),
    ("attempt_finished", lambda d: (d.pop("usage_id"))),
]


@pytest.mark.parametrize("action, breaking", BROKEN)
def test_an_event_missing_fields_is_logged_and_skipped(erb, caplog, action, breaking):
    _usage, events = recorded(erb)
    broken = copy.deepcopy(next(e for e in events if e["name"].endswith(action)))
    breaking(broken["data"])
    if "usage_id" not in broken["data"]:
        broken["context"].pop("module")
    good = sent(events, caplog)
    caplog.clear()
    assert len(sent([broken, *events], caplog)) == len(good) == 5  # the others go on
    errors = [r for r in caplog.records if r.levelno >= logging.ERROR]
    assert any(f'Could not process edx event "{broken["name"]}"' in r.getMessage() for r in errors)


def test_malformed_items_never_raise_anything_but_value_error(erb, caplog):
    from event_routing_backends.processors.xapi.registry import XApiTransformersRegistry

    _usage, events = recorded(erb)
    for event in events:
        for junk in ([{"id": None, "earned": "x", "possible": []}], [1, "a"], {"a": 1}, None):
            mutated = copy.deepcopy(event)
            mutated["data"]["items"] = junk
            mutated["data"]["competencies"] = junk
            try:
                statement = XApiTransformersRegistry.get_transformer(mutated).transform()
            except ValueError:
                continue
            for one in statement if isinstance(statement, list) else [statement]:
                xe.assert_valid_xapi(json.loads(one.to_json()))


def test_a_graded_learner_who_cannot_be_found_is_skipped(erb, caplog, monkeypatch):
    from asn_xblocks.xapi import base

    site = erb
    usage = site.import_block(case_xml())
    event = xe.tracker_events(site, usage, [("staff", "asn_xblocks.asn_case_study.score_overridden",
                                             {"learner_id": "0" * 32, "points": 3, "possible": 10,
                                              "cleared": False, "usage_id": str(usage)})], "Tiny case")
    xe.django_users(site, "staff")
    monkeypatch.setattr(base, "lookup_user_by_anonymous_id", lambda anonymous_id: None)
    assert sent(event, caplog) == []
    assert any("Could not process edx event" in r.getMessage() for r in caplog.records)


def test_a_pipeline_fault_never_reaches_the_learners_request(erb, monkeypatch, caplog):
    """The LMS publishes through eventtracking (``server_track`` → ``Tracker.emit``), whose
    routing backend logs and swallows a backend's error: even a transformer raising
    something else than ValueError leaves the learner's request answered."""
    from eventtracking.tracker import Tracker

    from asn_xblocks.xapi.case_study import StageSubmittedTransformer

    from .runtimes import PlatformRuntime

    site = erb
    usage = site.import_block(case_xml())
    xe.django_users(site, "ani")
    tracker = Tracker(backends={"xapi": xe.xapi_router(xe.allowed_xapi_events(EVENT_NAMES))})
    original = PlatformRuntime.publish

    def publish(runtime, block, event_type, data):
        original(runtime, block, event_type, data)
        if event_type.startswith("asn_xblocks."):
            tracker.emit(event_type, data)

    def explode(self):
        raise RuntimeError("a bug in a transformer")

    monkeypatch.setattr(PlatformRuntime, "publish", publish)
    monkeypatch.setattr(StageSubmittedTransformer, "transform", explode)
    with caplog.at_level(logging.ERROR):
        reply = act(site, usage, "ani", STAGE1_BEST)  # asserts 200
    assert reply["view"]["stages"][0]["status"] != "current"
    assert any("a bug in a transformer" in r.getMessage() or (r.exc_info and "a bug" in str(r.exc_info[1]))
               for r in caplog.records)


def test_a_fault_in_the_event_details_leaves_the_event_and_the_request(erb, monkeypatch, caplog):
    from asn_xblocks.xapi import payload

    def explode(*args):
        raise RuntimeError("details")

    site = erb
    usage = site.import_block(case_xml())
    monkeypatch.setattr(payload, "details", explode)
    with caplog.at_level(logging.ERROR, logger="asn_xblocks.shell.events"):
        act(site, usage, "ani", STAGE1_BEST)
    (_user, name, data), = site.store.events
    assert name == "asn_xblocks.asn_case_study.stage_submitted" and "items" not in data
    assert data["attempt"] == 1  # what did not fail is still there
    assert any("Could not add the statement details" in r.getMessage() for r in caplog.records)
    xe.django_users(site, "ani")
    caplog.clear()
    (statement,) = sent(xe.tracker_events(site, usage, site.store.events, "Tiny case"), caplog)
    assert statement["object"]["id"].endswith("/stage/s1")  # one statement for the stage
    assert statement["result"]["score"] == {"raw": 5.0, "min": 0.0, "max": 5.0, "scaled": 1.0}


def test_event_data_keeps_ids_and_numbers_only():
    data = {"stage": "s1", "n": 2, "ok": True, "none": None, "text": "x" * 256,
            "nested": {"a": 1}, "items": [{"id": "q1", "earned": 1.0}],
            "bad_items": [{"id": "q1", "deep": {"a": 1}}], "many": [{"id": "x"}] * 101}
    assert clean_event_data(data) == {"stage": "s1", "n": 2, "ok": True, "none": None,
                                      "items": [{"id": "q1", "earned": 1.0}]}
