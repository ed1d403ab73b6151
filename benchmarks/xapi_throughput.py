#!/usr/bin/env python
"""``make bench``: xAPI events per learner action and transformer throughput (statements/s).

Every demo block is played to the end by one learner through the platform runtime of the
tests (tests/platform/runtimes.py: the LMS's handler path, ``runtime.publish`` recorded);
the published events are wrapped as the LMS's tracker hands them to event-routing-backends
and run through ERB's own xAPI router (allow-list, then ``XApiProcessor``), all as
tests/platform/xapi_events.py does for the xAPI tests (read it for the platform files each
step follows). Two figures, no target:

* ``xapi_events_per_action``: events published per learner ``act`` call (and statements);
* ``xapi_statements_per_s``: ERB's router turning the recorded events into statements,
  median of repeated passes (the tracker envelope is built once, outside the timing).

ERB is installed as an app only inside this script (``override_settings``, as the tests do);
benchmarks/settings.py is unchanged. Without event-routing-backends it prints a skip line.
Options: ``--quick`` (fewer passes).
"""
from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks import harness


def play(site, usage, username: str) -> int:
    """One learner to the end of an attempt; the number of ``act`` calls it took."""
    from tests.hardening import payloads

    actions = 0
    for _ in range(500):
        state = site.lms_handler(usage, username, "state").json()
        action = payloads.next_action(usage.block_type, state)
        if action is None:
            return actions
        body = json.dumps({"version": state["version"], "action": action}).encode()
        reply = site.lms_handler(usage, username, "act", body)
        if reply.status != 200:
            raise SystemExit(f"bench: xapi act failed: {reply.status} {reply.body[:300]!r}")
        actions += 1
    raise SystemExit(f"bench: {usage.block_type} did not finish in 500 actions")


def measure(quick: bool) -> None:
    import pytest
    from django.core.cache import cache

    from asn_xblocks.xapi import EVENT_NAMES
    from tests.hardening.conftest import TAGS, demo_xml
    from tests.platform import xapi_events as xe
    from tests.platform.runtimes import PlatformSite

    monkeypatch = pytest.MonkeyPatch()
    cache.clear()
    site = PlatformSite()
    events: list[dict] = []
    actions = 0
    per_tag = []
    with xe.erb_installed():
        try:
            xe.fake_platform(monkeypatch)
            xe.fake_student_models(monkeypatch, site)
            allowed = xe.allowed_xapi_events(EVENT_NAMES)
            for k, tag in enumerate(TAGS):
                username = f"learner{k}"
                xe.django_users(site, username)
                usage = site.import_block(demo_xml(tag))
                before = len(site.store.events)
                count = play(site, usage, username)
                published = site.store.events[before:]
                tag_events = xe.tracker_events(site, usage, published, f"Demo {tag}")
                tag_statements = xe.statements_of(tag_events, allowed)
                per_tag.append(f"{tag}: {count} actions, {len(published)} events, "
                               f"{len(tag_statements)} statements")
                events += tag_events
                actions += count
            router = xe.xapi_router(allowed)
            statements = [s for event in events for s in router.process_event(event)]
            for statement in statements[:50]:
                xe.assert_valid_xapi(statement)
            passes = []
            for _ in range(5 if quick else 30):
                start = time.perf_counter()
                for event in events:
                    router.process_event(event)
                passes.append(time.perf_counter() - start)
        finally:
            monkeypatch.undo()
    mid = statistics.median(passes)
    print(f"bench: xapi_events_per_action value={len(events) / actions:.2f}  "
          f"({len(events)} events and {len(statements)} xAPI statements from {actions} learner "
          f"actions over the demo blocks, {len(statements) / actions:.2f} statements per action; "
          f"{'; '.join(per_tag)})", flush=True)
    print(f"bench: xapi_statements_per_s value={len(statements) / mid:.0f}  "
          f"({len(statements)} statements from {len(events)} events through ERB's xAPI router "
          f"(allow-list + XApiProcessor): median pass {mid * 1000:.2f} ms over {len(passes)} "
          f"passes, {mid / len(events) * 1e6:.0f} µs per event; no LRS, one process)", flush=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="fewer passes")
    args = parser.parse_args(argv)
    try:
        import event_routing_backends  # noqa: F401
    except ImportError:
        print("bench: xapi_statements_per_s skipped — event-routing-backends is not installed "
              "(the test requirements install it on Python 3.12)")
        print("bench: xapi_events_per_action skipped — event-routing-backends is not installed")
        return 0
    harness.setup()
    measure(args.quick)
    return 0


if __name__ == "__main__":
    sys.exit(main())
