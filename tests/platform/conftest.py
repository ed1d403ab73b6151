"""Fixtures for the platform-faithful runtimes (``runtimes.py``)."""
from __future__ import annotations

import pytest
from django.core.cache import cache

from tests.hardening.conftest import DEMO, TAGS, demo_xml  # noqa: F401  (one list of demo blocks)


@pytest.fixture
def site(db):
    from .runtimes import PlatformSite

    cache.clear()
    yield PlatformSite()
    cache.clear()
