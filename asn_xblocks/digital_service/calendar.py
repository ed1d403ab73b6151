"""Working-day calendar for service time limits (*jangka waktu* in a service standard).

A service standard promises an answer within N working days. The day the file is received
is not counted; counting starts the next day and skips Saturdays, Sundays and the desk's
declared holidays (national holidays and *cuti bersama*). A file received on a weekend or
holiday is therefore due N working days after it, like any other.
"""
from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field
from typing import Iterable

_ONE_DAY = _dt.timedelta(days=1)


def is_working_day(day: _dt.date, holidays: Iterable[_dt.date] | set[_dt.date]) -> bool:
    return day.weekday() < 5 and day not in holidays


@dataclass(frozen=True)
class DueDate:
    """The computed due date and what was skipped to reach it (for explanations)."""

    due: _dt.date
    working_days: list[_dt.date] = field(default_factory=list)  # the days counted, in order
    skipped_holidays: list[_dt.date] = field(default_factory=list)  # weekday holidays skipped
    skipped_weekend_days: int = 0


def compute(submitted: _dt.date, sla_days: int, holidays: set[_dt.date]) -> DueDate:
    """The ``sla_days``-th working day after ``submitted``, with the days counted/skipped."""
    if sla_days < 1:
        raise ValueError("sla_days must be at least 1")
    holidays = set(holidays)
    counted: list[_dt.date] = []
    skipped_holidays: list[_dt.date] = []
    weekend = 0
    day = submitted
    while len(counted) < sla_days:
        day += _ONE_DAY
        if day.weekday() >= 5:
            weekend += 1
        elif day in holidays:
            skipped_holidays.append(day)
        else:
            counted.append(day)
    return DueDate(due=day, working_days=counted, skipped_holidays=skipped_holidays,
                   skipped_weekend_days=weekend)


def due_date(submitted: _dt.date, sla_days: int, holidays: set[_dt.date]) -> _dt.date:
    """The ``sla_days``-th working day after ``submitted`` (the submission day not counted;
    Saturdays, Sundays and ``holidays`` skipped)."""
    return compute(submitted, sla_days, holidays).due
