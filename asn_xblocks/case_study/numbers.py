"""Reading a number a learner typed, in the format of the page's language.

Indonesian writes a decimal comma and a point between thousands ("87,5", "1.500.000");
English the other way round ("87.5", "1,500,000"). A learner types what their language
writes, so the answer of a numeric question is read in the locale the page was shown in.
What cannot be read in that format is refused (the learner is told the format), never
guessed at and never scored as a wrong answer: "1.5" on an Indonesian page is neither one
and a half nor fifteen hundred, so the learner is asked again.

Accepted: an optional sign, digits grouped by threes with the locale's thousands separator
(or not grouped at all), an optional decimal part after the locale's decimal separator, and
around it spaces and the question's unit before or after ("87,5 %", "Rp1.500.000"). Nothing else: no
exponents, no words, nothing longer than ``MAX_CHARS``. Numbers are returned as
``Decimal`` so a comparison with the key and its tolerance is exact.
"""
from __future__ import annotations

import re
from collections.abc import Iterable
from decimal import Decimal, InvalidOperation

from ..core.formatting import format_number

MAX_CHARS = 40
LOCALES = ("id", "en")
_SPACES = re.compile(r"[\s\u00a0\u202f\u2009]+")
_MINUS = str.maketrans({"\u2212": "-", "\u2013": "-"})


def number_locale(locale: str | None) -> str:
    """"id" for Indonesian (any region), "en" for everything else."""
    text = (locale or "").lower().replace("_", "-")
    return "id" if text.split("-")[0] == "id" else "en"


def separators(locale: str | None) -> tuple[str, str]:
    """(decimal separator, thousands separator) of the locale."""
    return (",", ".") if number_locale(locale) == "id" else (".", ",")


def _pattern(decimal: str, group: str) -> re.Pattern[str]:
    d, g = re.escape(decimal), re.escape(group)
    return re.compile(rf"^([+-]?)(\d{{1,3}}(?:{g}\d{{3}})+|\d+)?(?:{d}(\d+))?$")


_PATTERNS = {locale: _pattern(*separators(locale)) for locale in LOCALES}


def _strip_unit(text: str, unit: str | None) -> str:
    if not unit:
        return text
    folded, mark = text.casefold(), unit.strip().casefold()
    if mark and folded.endswith(mark):
        return text[:len(text) - len(mark)]
    if mark and folded.startswith(mark):
        return text[len(mark):]
    return text


def parse_number(text: str, locale: str | None, unit: str | None = None) -> Decimal | None:
    """The number ``text`` writes in ``locale``'s format, or None when it cannot be read
    (see the module docstring)."""
    if not isinstance(text, str) or len(text) > MAX_CHARS:
        return None
    text = _strip_unit(_SPACES.sub(" ", text).strip(), unit).strip().translate(_MINUS)
    text = re.sub(r"^([+-]) ", r"\1", text)  # "- 5"; spaces inside the digits are refused
    match = _PATTERNS[number_locale(locale)].match(text)
    if not match or not (match.group(2) or match.group(3)):
        return None
    sign, whole, fraction = match.group(1), match.group(2) or "0", match.group(3) or "0"
    _decimal, group = separators(locale)
    try:
        value = Decimal(f"{sign}{whole.replace(group, '')}.{fraction}")
    except InvalidOperation:  # pragma: no cover - the pattern admits only digits
        return None
    return value


def exact(value: float | int) -> Decimal:
    """A stored number as the decimal it was written as (87.5 → Decimal("87.5"))."""
    return Decimal(repr(float(value)))


def within(given: float | int | Decimal, answer: float, tolerance: float) -> bool:
    """|answer − given| ≤ tolerance, exactly (decimal arithmetic on the written digits)."""
    given_d = given if isinstance(given, Decimal) else exact(given)
    return abs(exact(answer) - given_d) <= exact(tolerance)


# Candidates for the examples in hints and messages: a value a question expects is never
# shown as an example (a learner would take it for a hint).
_DECIMAL_EXAMPLES = (87.5, 3.25, 0.75, 12.5)
_THOUSANDS_EXAMPLES = (1500000, 2750000, 12000, 4500)


def examples(locale: str | None, avoid: Iterable[float | None] = ()) -> tuple[str, str]:
    """Two numbers written in the locale's format, for hints and error messages:
    ("87,5", "1.500.000") in Indonesian, ("87.5", "1,500,000") in English — other ones
    when a value in ``avoid`` (the keys of the content's numeric questions) is one of them."""
    keys = [exact(v) for v in avoid if v is not None]

    def pick(candidates: tuple[float, ...]) -> float:
        for value in candidates:
            if all(abs(exact(value) - key) >= 1 for key in keys):
                return value
        return candidates[-1]  # pragma: no cover - four keys near all four candidates

    return (format_number(pick(_DECIMAL_EXAMPLES), locale, 2),
            format_number(pick(_THOUSANDS_EXAMPLES), locale, 0))


# Currency units written before the number ("Rp1.500.000"); every other unit after it,
# with a space ("87,5 %", "12 hari").
CURRENCY_UNITS = frozenset({"rp", "$", "us$", "€", "idr"})


def unit_first(unit: str | None) -> bool:
    return bool(unit and unit.strip().casefold() in CURRENCY_UNITS)


def with_unit(number_text: str, unit: str | None) -> str:
    """A formatted number with its unit on the side the unit is written."""
    if not unit:
        return number_text
    return f"{unit}{number_text}" if unit_first(unit) else f"{number_text} {unit}"
