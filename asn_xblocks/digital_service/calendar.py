"""Working-day calendar for service time limits (*jangka waktu* in a service standard).

A service standard promises an answer within N working days. The day the file is received
is not counted; counting starts the next day and skips Saturdays, Sundays and the desk's
declared holidays (national holidays and *cuti bersama*). A file received on a weekend or
holiday is therefore due N working days after it, like any other.
"""
from __future__ import annotations

import datetime as _dt
import functools
from collections.abc import Iterable
from dataclasses import dataclass, field

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


def compute(submitted: _dt.date, sla_days: int, holidays: Iterable[_dt.date]) -> DueDate:
    """The ``sla_days``-th working day after ``submitted``, with the days counted/skipped."""
    if sla_days < 1:
        raise ValueError("sla_days must be at least 1")
    if not isinstance(holidays, (set, frozenset, type({}.keys()))):
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


# --- official calendars --------------------------------------------------------------------
# A desk may take a country's official holidays from the ``holidays`` library instead of
# listing them by hand: an author who forgets Idul Fitri or Nyepi would teach a wrong due
# date. The author's ``<holiday>`` dates add days (cuti bersama, regional holidays) and
# ``<workday>`` dates take a day off the list (a holiday the agency's office keeps open).

# desk attribute value → the library's country code and holiday categories: "id" takes
# Indonesia's national holidays; "id_cuti" also the *cuti bersama* days the government sets
# for its employees (the library's "government" category)
CALENDARS = {"id": ("ID", ("public",)), "id_cuti": ("ID", ("public", "government"))}
_LANGUAGES = {"id": "id", "en": "en_US"}  # UI language → the library's name language
_ESTIMATED = ("perkiraan", "estimated")


def _library_year(calendar_id: str, year: int, language: str) -> dict[_dt.date, str]:
    import holidays as _holidays  # lazy: its import costs ~0.1 s, paid by desks that use it

    country, categories = CALENDARS[calendar_id]
    return dict(_holidays.country_holidays(country, years=year, language=language,
                                           categories=categories).items())


_CACHE: dict[tuple[str, int, str], dict[_dt.date, str]] = {}


def official(calendar_id: str, year: int, locale: str = "id") -> dict[_dt.date, str]:
    """The official holidays of ``year`` with their names in the UI language (Indonesian
    names for ``id``, English otherwise); empty for an unknown calendar or a year outside
    the library's range. The library's tables do not change while the process runs, so
    each (calendar, year, language) is computed once."""
    if calendar_id not in CALENDARS or coverage(calendar_id, year) == COVER_NONE:
        return {}
    language = _LANGUAGES.get((locale or "id").split("-")[0].split("_")[0].lower(), "en_US")
    key = (calendar_id, year, language)
    if key not in _CACHE:
        _CACHE[key] = _library_year(calendar_id, year, language)
    return _CACHE[key]


@functools.cache
def library_range(calendar_id: str) -> tuple[int, int]:
    """The first and last year the library has the calendar's holidays for."""
    import holidays as _holidays

    cls = type(_holidays.country_holidays(CALENDARS[calendar_id][0]))
    return int(cls.start_year), int(cls.end_year)


def library_version() -> str:
    import holidays as _holidays

    return str(_holidays.__version__)


COVER_CONFIRMED = "confirmed"
COVER_ESTIMATED = "estimated"
COVER_NONE = "none"


def coverage(calendar_id: str, year: int) -> str:
    """How well the library knows ``year``: ``confirmed`` dates, ``estimated`` ones (lunar
    holidays the government has not fixed yet; the library marks them "perkiraan"), or
    ``none`` (outside its range)."""
    first, last = library_range(calendar_id)
    if not first <= year <= last:
        return COVER_NONE
    key = (calendar_id, year, "id")
    if key not in _CACHE:
        _CACHE[key] = _library_year(calendar_id, year, "id")
    names = _CACHE[key].values()
    if any(marker in name.lower() for name in names for marker in _ESTIMATED):
        return COVER_ESTIMATED
    return COVER_CONFIRMED


def desk_holidays(calendar_id: str, added: dict[_dt.date, str], removed: set[_dt.date],
                  years: Iterable[int], locale: str = "id") -> dict[_dt.date, str]:
    """The desk's holidays in ``years`` with names: the official calendar's (when the desk
    names one), plus the author's additions, minus the author's working days."""
    out: dict[_dt.date, str] = {}
    wanted = set(years)
    if calendar_id:
        for year in sorted(wanted):
            out.update(official(calendar_id, year, locale))
    for day, name in added.items():
        if day.year in wanted:
            out[day] = name or out.get(day, "")
    for day in removed:
        out.pop(day, None)
    return out


def span_years(submitted: _dt.date, sla_days: int) -> range:
    """Years a time limit of ``sla_days`` working days counted from ``submitted`` can touch
    (at most MAX_SLA_DAYS working days: a little under a year and a half)."""
    return range(submitted.year, submitted.year + 2 + sla_days // 200)


def window(submitted: _dt.date, sla_days: int) -> tuple[_dt.date, _dt.date]:
    """The calendar days a learner needs the holidays of to set the due date: from the day
    after submission to well past the date the time limit reaches (twice the working days
    plus three weeks: room for weekends and a long Lebaran break). Its length depends only
    on ``sla_days``, never on where the due date falls, so listing the holidays in it tells
    the learner nothing a wall calendar would not."""
    span = sla_days * 2 + 21
    return submitted + _ONE_DAY, submitted + _dt.timedelta(days=span)
