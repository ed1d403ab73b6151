"""The staff learners table in real headless Chromium: it fits a 1366 px window without
sideways scrolling, the column it is sorted by is always in sight (also on a 360 px phone,
where the table scrolls sideways), and the filter row's labels and controls line up."""
from __future__ import annotations

import pytest
from selenium.webdriver.common.keys import Keys

from tests.browser.test_staff_browser import active_attr, add_case, learner_finishes, open_panel
from tests.integration.case_fixtures import STAGE1_PARTIAL, case_xml


def layout(page) -> dict:
    return page.driver.execute_script("""
        var region = document.querySelector('.asn-staff .asn-scroll'), table = region.querySelector('table');
        var r = region.getBoundingClientRect(), sorted = table.querySelector('thead th.asn-sorted');
        var s = sorted.getBoundingClientRect(), first = table.querySelector('thead th').getBoundingClientRect();
        var fields = Array.from(document.querySelectorAll('.asn-staff-filters .asn-field'));
        return {tableWidth: table.getBoundingClientRect().width, regionWidth: r.width,
                scrolls: region.scrollWidth > region.clientWidth + 1,
                sortedLeft: s.left, sortedRight: s.right, regionLeft: r.left, regionRight: r.right,
                stuckRight: first.right,
                labelTops: fields.map(function (f) {
                    return Math.round(f.querySelector('label').getBoundingClientRect().top); }),
                controlBottoms: fields.map(function (f) {
                    return Math.round(f.querySelector('select, input').getBoundingClientRect().bottom); }),
                buttonBottom: Math.round(
                    document.querySelector('.asn-staff-filters button').getBoundingClientRect().bottom)};""")


def sort_by(page, key: str) -> None:
    page.find(f".asn-staff-table button.asn-sort[data-key='{key}']").send_keys(Keys.ENTER)
    page.wait_until(lambda: active_attr(page, "data-key") == key
                    and page.find_all(f".asn-staff-table th.asn-sorted button[data-key='{key}']")
                    and not page.find_all(".asn-staff [aria-busy='true']"))


@pytest.fixture
def staff_case():
    usage_id = add_case("stafftable.case", case_xml(grading="staff"))
    learner_finishes(usage_id, "andi_wibisono_pratama_01")
    learner_finishes(usage_id, "budi_02", stage1=STAGE1_PARTIAL)
    return "stafftable.case"


def test_learners_table_fits_1366_and_filters_line_up(page, staff_case):
    page.driver.set_window_size(1366, 768)
    open_panel(page, staff_case)
    found = layout(page)
    assert not found["scrolls"], found
    assert found["tableWidth"] <= found["regionWidth"] + 1, found
    # in one row: labels share a top, controls and the button share a bottom
    assert len(set(found["labelTops"])) == 1, found
    assert len(set(found["controlBottoms"] + [found["buttonBottom"]])) == 1, found
    sort_by(page, "activity")
    found = layout(page)
    assert found["regionLeft"] - 1 <= found["sortedLeft"] and found["sortedRight"] <= found["regionRight"] + 1
    page.assert_accessible(".asn-staff")
    page.screenshot("staff-table-1366")


def test_sorted_column_stays_in_sight_on_a_phone(page, staff_case):
    page.driver.set_window_size(360, 640)
    open_panel(page, staff_case)
    for key in ("activity", "pending", "cohort"):
        sort_by(page, key)
        found = layout(page)
        assert found["scrolls"], found  # the phone scrolls the table sideways...
        # ...and the sorted column is in sight, right of the learner column stuck at the left
        assert found["stuckRight"] - 1 <= found["sortedLeft"], f"{key} {found}"
        assert found["sortedRight"] <= found["regionRight"] + 1, (key, found)
    sort_by(page, "activity")
    page.driver.execute_script(
        "document.querySelector('.asn-staff .asn-scroll').scrollIntoView({block: 'start'})")
    page.assert_accessible(".asn-staff")
    page.screenshot("staff-table-360")
