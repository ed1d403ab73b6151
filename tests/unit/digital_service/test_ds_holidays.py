"""The official holiday calendar (calendar="id"): Indonesia's holidays from the ``holidays``
library, the author's additions (<holiday>) and removals (<workday>), the names the learner
reads in the UI language, and the years the library does not know."""
import datetime as dt
import json

import pytest
from test_ds_support import parse_text

from asn_xblocks.core.engine_api import Reveal
from asn_xblocks.digital_service import calendar, rules
from asn_xblocks.digital_service.core import CORE

D = dt.date


def _desk(root="", extra="", submitted="2026-03-16", sla="3"):
    return parse_text(f"""<asn_digital_service {root}>
      <unit id="u" name="Loket"/>{extra}
      <service id="s" name="Izin" sla_days="{sla}" unit="u">
        <requirement id="k" label="KTP-el" document="ktp"/></service>
      <request id="r" service="s" applicant="Ani" submitted="{submitted}">
        <document id="d" type="ktp" title="KTP-el"/></request>
      <request id="r2" service="s" applicant="Budi" submitted="{submitted}" route="u2">
        <document id="d" type="ktp" title="KTP-el"/></request>
      <unit id="u2" name="Dinas"/>
    </asn_digital_service>""")


def test_library_pins_known_dates_of_2026():
    """Nyepi on Thursday 19 March and Idul Fitri on Saturday 21 March 2026 (holidays 0.109)."""
    named = calendar.official("id", 2026, "id")
    assert named[D(2026, 3, 19)] == "Hari Suci Nyepi"
    assert named[D(2026, 3, 21)] == "Hari Raya Idul Fitri"
    assert named[D(2026, 8, 17)] == "Hari Kemerdekaan Republik Indonesia"
    english = calendar.official("id", 2026, "en")
    assert english[D(2026, 3, 19)] == "Day of Silence"
    assert "Eid al-Fitr" in english[D(2026, 3, 21)]
    # cuti bersama only with the id_cuti calendar
    assert D(2026, 3, 20) not in named
    assert calendar.official("id_cuti", 2026, "id")[D(2026, 3, 20)].startswith("Cuti Bersama")


def test_due_date_follows_the_official_calendar():
    # Mon 16 March 2026 + 3 working days: 17, 18, [19 Nyepi], 20 → Friday 20 March
    plain = _desk()
    official = _desk('calendar="id"')
    assert rules.expected(plain, plain.request("r")).due_date == D(2026, 3, 19)
    truth = rules.expected(official, official.request("r"))
    assert truth.due_date == D(2026, 3, 20)
    assert truth.due.skipped_holidays == [D(2026, 3, 19)]
    # with cuti bersama (Wed 18, Fri 20, Mon 23, Tue 24 March): 17, 25, 26 → Thursday 26
    cuti = _desk('calendar="id_cuti"')
    assert rules.expected(cuti, cuti.request("r")).due_date == D(2026, 3, 26)


def test_author_adds_and_removes_days():
    added = _desk('calendar="id"', '<holiday date="2026-03-20"/>')
    assert rules.expected(added, added.request("r")).due_date == D(2026, 3, 23)
    removed = _desk('calendar="id"', '<workday date="2026-03-19"/>')
    assert rules.expected(removed, removed.request("r")).due_date == D(2026, 3, 19)
    both = _desk('calendar="id"', '<holiday date="2026-03-18"/><workday date="2026-03-19"/>')
    assert rules.expected(both, both.request("r")).due_date == D(2026, 3, 20)  # 17, 19, 20


def test_calendar_and_workdays_round_trip():
    content = _desk('calendar="id"', '<holiday date="2026-03-20"/><workday date="2026-03-19"/>')
    again = CORE.parse(CORE.export(content))
    assert CORE.to_dict(again) == CORE.to_dict(content)
    assert again.calendar == "id" and again.workdays == ["2026-03-19"]
    assert CORE.to_dict(CORE.from_dict(json.loads(json.dumps(CORE.to_dict(content))))) == \
        CORE.to_dict(content)


@pytest.mark.parametrize("locale,name", [("id", "Hari Suci Nyepi"), ("en", "Day of Silence")])
def test_learner_sees_the_named_holidays_of_each_window(locale, name):
    content = _desk('calendar="id"', '<holiday date="2026-03-26"/>')
    view = CORE.learner_view(content, CORE.new_attempt(content, 1), Reveal(), locale=locale)
    days = view["requests"]["r"]["holidays"]
    by_iso = {d["iso"]: d for d in days}
    assert by_iso["2026-03-19"]["name"] == name
    assert by_iso["2026-03-19"]["label"] == ("19 Maret 2026" if locale == "id" else "19 March 2026")
    assert by_iso["2026-03-26"]["name"] in ("Holiday set by the desk",)  # no catalogue here
    assert all("2026-03-16" < d["iso"] for d in days)  # from the day after submission
    assert "2026-08-17" not in by_iso  # far outside a 3-day limit's window
    assert view["calendar"] == "id"


def test_window_does_not_depend_on_the_due_date():
    """The list is the same length of calendar for any due date: it cannot point at it."""
    start, end = calendar.window(D(2026, 3, 16), 3)
    assert (end - start).days == 3 * 2 + 21 - 1
    content = _desk('calendar="id"')
    due = rules.expected(content, content.request("r")).due_date
    assert start <= due <= end


def test_validate_warns_for_years_the_library_does_not_cover():
    assert calendar.coverage("id", 2026) == calendar.COVER_CONFIRMED
    assert calendar.coverage("id", 2027) == calendar.COVER_ESTIMATED  # lunar dates estimated
    assert calendar.coverage("id", 2101) == calendar.COVER_NONE
    codes = [p.code for p in CORE.validate(_desk('calendar="id"'))]
    assert "calendar-year-estimated" not in codes and "calendar-year-not-covered" not in codes
    late = [p for p in CORE.validate(_desk('calendar="id"', submitted="2026-12-28", sla="10"))
            if p.code.startswith("calendar-")]
    assert [p.code for p in late] == ["calendar-year-estimated"]  # said once for 2027
    assert [p.code for p in CORE.validate(_desk('calendar="id"', submitted="2100-12-28", sla="10"))
            if p.code.startswith("calendar-")] == ["calendar-year-estimated",
                                                   "calendar-year-not-covered"]


def test_validate_calendar_values_and_workdays():
    codes = {p.code: p.severity for p in CORE.validate(_desk('calendar="my"'))}
    assert codes["bad-calendar"] == "error"
    codes = {p.code: p.severity for p in CORE.validate(
        _desk('calendar="id"', '<workday date="19/03/2026"/><holiday date="2026-03-20"/>'
                               '<workday date="2026-03-20"/>'))}
    assert codes["bad-workday-date"] == "error"
    assert codes["workday-and-holiday"] == "warning"


def test_editor_shows_the_calendar_in_effect():
    from asn_xblocks.digital_service import editor_schema

    content = _desk('calendar="id"', '<workday date="2026-03-19"/>')
    sections = editor_schema.insights(content, [], lambda s: s, "id")["sections"]
    assert [s["id"] for s in sections] == ["calendar"]
    text = " ".join(e["text"] for e in sections[0]["list"])
    assert "Hari Raya Idul Fitri" not in text  # Saturday 21 March: not a working day
    assert "Nyepi" not in text  # taken off by <workday>
    assert "Hari Kemerdekaan Republik Indonesia" in text
    assert calendar.library_version() in sections[0]["help"]
