"""Fixtures for the platform-faithful runtimes (``runtimes.py``)."""
from __future__ import annotations

from pathlib import Path

import pytest
from django.core.cache import cache

SCENARIO_DIR = Path(__file__).resolve().parents[2] / "asn_xblocks" / "demo" / "scenarios"

DEMO = {
    "asn_case_study": "02_konflik_kepentingan.xml",
    "asn_change_simulation": "03_e_performance_en.xml",
    "asn_digital_service": "03_business_permit_en.xml",
}
TAGS = tuple(DEMO)


def demo_xml(tag: str, name: str | None = None) -> str:
    return (SCENARIO_DIR / tag / (name or DEMO[tag])).read_text(encoding="utf-8")


@pytest.fixture
def site(db):  # pylint: disable=unused-argument
    from .runtimes import PlatformSite

    cache.clear()
    yield PlatformSite()
    cache.clear()
