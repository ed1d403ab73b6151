import datetime as dt

import pytest

from asn_xblocks.digital_service.calendar import compute, due_date, is_working_day

D = dt.date
NONE: set = set()


def test_plain_week():
    # Monday 16 March 2026 + 3 working days = Thursday 19 March
    assert due_date(D(2026, 3, 16), 3, NONE) == D(2026, 3, 19)


def test_sla_one_next_working_day():
    assert due_date(D(2026, 3, 16), 1, NONE) == D(2026, 3, 17)


def test_friday_submission_skips_weekend():
    assert due_date(D(2026, 3, 13), 1, NONE) == D(2026, 3, 16)
    assert due_date(D(2026, 3, 13), 3, NONE) == D(2026, 3, 18)


def test_saturday_and_sunday_submission():
    assert due_date(D(2026, 3, 14), 1, NONE) == D(2026, 3, 16)
    assert due_date(D(2026, 3, 15), 1, NONE) == D(2026, 3, 16)


def test_holidays_skipped():
    holidays = {D(2026, 3, 19), D(2026, 3, 20)}
    result = compute(D(2026, 3, 16), 3, holidays)
    assert result.due == D(2026, 3, 23)
    assert result.skipped_holidays == [D(2026, 3, 19), D(2026, 3, 20)]
    assert result.working_days == [D(2026, 3, 17), D(2026, 3, 18), D(2026, 3, 23)]
    assert result.skipped_weekend_days == 2


def test_holiday_on_weekend_not_listed_as_skipped():
    result = compute(D(2026, 3, 20), 1, {D(2026, 3, 21)})
    assert result.due == D(2026, 3, 23)
    assert result.skipped_holidays == []


def test_submission_on_holiday_not_counted():
    assert due_date(D(2026, 3, 19), 1, {D(2026, 3, 19)}) == D(2026, 3, 20)
    assert due_date(D(2026, 3, 19), 1, {D(2026, 3, 19), D(2026, 3, 20)}) == D(2026, 3, 23)


def test_month_boundary():
    assert due_date(D(2026, 3, 30), 3, NONE) == D(2026, 4, 2)
    assert due_date(D(2026, 2, 26), 2, NONE) == D(2026, 3, 2)


def test_year_boundary_with_new_year_holiday():
    assert due_date(D(2025, 12, 30), 2, {D(2026, 1, 1)}) == D(2026, 1, 2)
    assert due_date(D(2025, 12, 31), 1, {D(2026, 1, 1)}) == D(2026, 1, 2)


def test_leap_day():
    assert due_date(D(2028, 2, 28), 1, NONE) == D(2028, 2, 29)


def test_long_sla():
    assert due_date(D(2026, 1, 5), 10, NONE) == D(2026, 1, 19)


def test_is_working_day():
    assert is_working_day(D(2026, 3, 16), NONE)
    assert not is_working_day(D(2026, 3, 14), NONE)
    assert not is_working_day(D(2026, 3, 19), {D(2026, 3, 19)})


def test_zero_sla_refused():
    with pytest.raises(ValueError):
        due_date(D(2026, 3, 16), 0, NONE)
