"""The harness itself: every demo scenario renders in real Chromium without errors."""
import pytest
from workbench.scenarios import get_scenarios


def demo_scenarios():
    from asn_xblocks.shell.base import AsnBlock  # noqa: F401  (loads entry points)

    return sorted(get_scenarios())


@pytest.mark.parametrize("tag", ["asn_case_study", "asn_change_simulation", "asn_digital_service"])
def test_demo_pages_render_and_are_accessible(page, tag):
    names = [name for name in get_scenarios() if name.startswith(tag + ".")]
    assert names, f"no demo scenarios for {tag}"
    for name in names:
        page.open(f"/view/{name}/?student=smoke")
        assert page.find(".asn-body").text.strip()
        errors = [entry for entry in page.driver.get_log("browser")
                  if entry["level"] == "SEVERE" and "favicon" not in entry["message"]]
        assert not errors, (name, errors)
        page.assert_accessible()
