"""The transformers are registered in event-routing-backends' ``XApiTransformersRegistry``
by the plugin app's ``ready()`` where ERB is an installed app (as in an LMS running Open edX
Aspects), and silently absent where it is not; ERB sends only the events its allow-list
names."""
from __future__ import annotations

import logging
import subprocess
import sys
from pathlib import Path

import pytest

import asn_xblocks.xapi as xapi
from asn_xblocks.xapi import EVENT_NAMES

from . import xapi_events as xe
from .test_platform_grading import act

# event-routing-backends needs Python 3.12 (the test requirements install it there only)
pytest.importorskip("event_routing_backends")

ROOT = Path(__file__).resolve().parents[2]


def test_every_event_the_package_emits_has_a_name_in_the_list():
    """The list is what the shell publishes: ``asn_xblocks.<block type>.<action>``."""
    import re

    emitted = set()
    for path in (ROOT / "asn_xblocks").rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        emitted.update(re.findall(r'emit_event\(\s*"(\w+)"', text))
        emitted.update(re.findall(r'\(\s*"(\w+)",\s*\{"(?:stage|request|record|node|ending)"', text))
    actions = {name.rsplit(".", 1)[-1] for name in EVENT_NAMES}
    assert emitted == actions, emitted ^ actions
    assert len(EVENT_NAMES) == len(set(EVENT_NAMES)) == 12


def test_ready_registers_every_event_when_erb_is_installed(db):
    from event_routing_backends.processors.xapi.registry import XApiTransformersRegistry

    for name in EVENT_NAMES:
        XApiTransformersRegistry.mapping.pop(name, None)
    with xe.erb_installed():  # Django populates the apps again: every ready() runs
        for name in EVENT_NAMES:
            transformer = XApiTransformersRegistry.mapping[name]
            assert transformer.__module__.startswith("asn_xblocks.xapi."), name
        assert XApiTransformersRegistry.mapping["problem_check"].__module__.startswith(
            "event_routing_backends")  # ERB's own stay


def test_without_erb_nothing_is_registered_and_nothing_fails(monkeypatch, caplog):
    from event_routing_backends.processors.xapi.registry import XApiTransformersRegistry

    from asn_xblocks.review.apps import ReviewConfig

    monkeypatch.setattr(XApiTransformersRegistry, "mapping", {})
    # not an installed app (the demo and these tests' own settings): not registered
    assert xapi.erb_available() is False and xapi.register() is False
    # not installed at all: its import fails
    monkeypatch.setitem(sys.modules, "event_routing_backends.processors.xapi.registry", None)
    with caplog.at_level(logging.INFO):
        assert xapi.register() is False
        import asn_xblocks.review as review_package

        ReviewConfig("asn_xblocks.review", review_package).ready()
    assert XApiTransformersRegistry.mapping == {}
    assert not [r for r in caplog.records if r.levelno >= logging.INFO and r.name.startswith("asn_xblocks")]


def test_a_fault_in_registering_never_stops_the_app(monkeypatch, caplog):
    import asn_xblocks.review as review_package
    from asn_xblocks.review.apps import ReviewConfig

    def explode():
        raise RuntimeError("broken registry")

    monkeypatch.setattr(xapi, "register", explode)
    with caplog.at_level(logging.ERROR):
        ReviewConfig("asn_xblocks.review", review_package).ready()
    assert any("Could not register the xAPI transformers" in r.getMessage() for r in caplog.records)


def test_the_package_imports_without_erb():
    """``asn_xblocks.xapi`` and the event payloads import nothing of ERB, tincan or Django:
    a site without ERB never loads it."""
    script = (
        "import importlib.abc, sys\n"
        "class Block(importlib.abc.MetaPathFinder):\n"
        "    def find_spec(self, name, path=None, target=None):\n"
        "        if name.split('.')[0] in ('event_routing_backends', 'tincan', 'eventtracking', 'django'):\n"
        "            raise ImportError(name)\n"
        "sys.meta_path.insert(0, Block())\n"
        "import asn_xblocks.xapi, asn_xblocks.xapi.payload, asn_xblocks.xapi.vocabulary\n"
        "assert asn_xblocks.xapi.register() is False\n"
        "print('ok')\n")
    done = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True,
                          timeout=120, check=False)
    assert done.stdout.strip() == "ok", done.stderr[-2000:]


@pytest.fixture
def erb(site, monkeypatch):
    with xe.erb_installed():
        xe.fake_platform(monkeypatch)
        yield site


def _events_of_one_attempt(site):
    from tests.integration.case_fixtures import STAGE1_BEST, STAGE2_GOOD, case_xml

    usage = site.import_block(case_xml())
    xe.django_users(site, "ani")
    act(site, usage, "ani", STAGE1_BEST)
    act(site, usage, "ani", STAGE2_GOOD)
    return xe.tracker_events(site, usage, site.store.events, "Tiny case")


def test_erb_sends_the_events_only_once_the_allow_list_names_them(erb):
    events = _events_of_one_attempt(erb)
    assert {e["name"] for e in events} <= set(EVENT_NAMES)
    assert xe.statements_of(events, xe.allowed_xapi_events()) == []  # ERB's defaults only
    assert len(xe.statements_of(events, xe.allowed_xapi_events(EVENT_NAMES))) == 5


def test_without_the_transformers_erb_cannot_transform_them(erb, monkeypatch, caplog):
    """What the package gives ERB: without the registrations every event is dropped with
    "Could not get transformer"."""
    from event_routing_backends.processors.xapi.registry import XApiTransformersRegistry

    events = _events_of_one_attempt(erb)
    mapping = {k: v for k, v in XApiTransformersRegistry.mapping.items() if k not in EVENT_NAMES}
    monkeypatch.setattr(XApiTransformersRegistry, "mapping", mapping)
    with caplog.at_level(logging.ERROR):
        assert xe.statements_of(events, xe.allowed_xapi_events(EVENT_NAMES)) == []
    assert sum("Could not get transformer" in r.getMessage() for r in caplog.records) == len(events)


@pytest.mark.parametrize("order", ["before_erb", "after_erb", "settings_file"])
def test_allow_xapi_events_names_them_whatever_the_order(erb, order):
    """``asn_xblocks.xapi.settings``: the names reach ERB's setting, the whitelists it built
    from it (the ``event_transformer`` backend's and the xAPI router's) and the event bus."""
    import types

    from event_routing_backends.settings import common

    from asn_xblocks.xapi.settings import allow_xapi_events, plugin_settings

    events = _events_of_one_attempt(erb)
    holder = types.SimpleNamespace(LMS_ROOT_URL=xe.LMS_ROOT_URL, EVENT_TRACKING_BACKENDS={})
    assert xe.statements_through(_erb_settings(common, types.SimpleNamespace(
        LMS_ROOT_URL=xe.LMS_ROOT_URL, EVENT_TRACKING_BACKENDS={})).EVENT_TRACKING_BACKENDS, events) == []
    if order == "before_erb":
        plugin_settings(holder)
        common.plugin_settings(holder)
    elif order == "after_erb":
        common.plugin_settings(holder)
        plugin_settings(holder)
    else:  # a settings file (Tutor's openedx-common-settings patch) after the plugins
        common.plugin_settings(holder)
        namespace = dict(vars(holder))
        allow_xapi_events(namespace)
        holder = types.SimpleNamespace(**namespace)
    for name in EVENT_NAMES:
        assert holder.EVENT_TRACKING_BACKENDS_ALLOWED_XAPI_EVENTS.count(name) == 1
        assert name in holder.EVENT_BUS_TRACKING_LOGS
    assert "problem_check" in holder.EVENT_TRACKING_BACKENDS_ALLOWED_XAPI_EVENTS  # ERB's stay
    assert len(xe.statements_through(holder.EVENT_TRACKING_BACKENDS, events)) == 5
    caliper = holder.EVENT_TRACKING_BACKENDS["event_transformer"]["OPTIONS"]["backends"]["caliper"]
    assert EVENT_NAMES[0] not in caliper["OPTIONS"]["processors"][0]["OPTIONS"]["whitelist"]


def _erb_settings(common, holder):
    common.plugin_settings(holder)
    return holder


def test_the_lms_plugin_loader_names_the_events_with_no_settings_of_the_sites(erb, monkeypatch):
    """edx-django-utils' own loader (what the LMS and Studio settings call for every plugin
    app: ``add_plugins(__name__, ProjectType.LMS, SettingsType.COMMON)``) finds the review
    app's ``plugin_app["settings_config"]`` through the installed ``lms.djangoapp`` entry
    point and runs ``review/settings.py``, in whatever order it meets ERB's own."""
    import types

    from edx_django_utils.plugins import add_plugins

    for project in ("lms.djangoapp", "cms.djangoapp"):
        settings_module = types.ModuleType("asn_test_lms_settings")
        settings_module.LMS_ROOT_URL = xe.LMS_ROOT_URL
        settings_module.EVENT_TRACKING_BACKENDS = {}
        monkeypatch.setitem(sys.modules, "asn_test_lms_settings", settings_module)
        add_plugins("asn_test_lms_settings", project, "common")
        for name in EVENT_NAMES:
            assert settings_module.EVENT_TRACKING_BACKENDS_ALLOWED_XAPI_EVENTS.count(name) == 1
