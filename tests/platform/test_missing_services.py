"""A runtime that lacks a wanted service (no user service, no Studio permissions) gets
answers, never a 500: learner handlers work for the runtime's user, and rights that only a
service can grant are refused with a clear message."""
from __future__ import annotations

import pytest

from .conftest import TAGS, demo_xml
from .runtimes import PlatformRuntime


@pytest.mark.parametrize("tag", TAGS)
def test_without_user_or_permissions_services(site, tag):
    usage = site.import_block(demo_xml(tag))
    block = site._block(site._runtime(PlatformRuntime, site.person("x"), {}), usage)
    answers = {handler: site._handle(block, handler, b'{"version": 0}', "post")
               for handler in ("state", "act", "staff_learners", "studio_check", "studio_save")}
    assert answers["state"].status == 200
    assert answers["act"].status == 400 and b"action" in answers["act"].body
    assert answers["staff_learners"].json()["error"] == "Only course staff can do this."
    for handler in ("studio_check", "studio_save"):
        assert answers[handler].status == 403, handler
