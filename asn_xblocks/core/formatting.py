"""Locale formatting done on the server: dates, numbers, percentages and Rupiah amounts —
the one place every output formats a number for people (the browser shows the text the
server sends; ``static/js/asn_common.js`` ``fmtNum`` / ``fmtPercent`` follow the same rule
for the few numbers the browser computes itself).

* Indonesian: decimal comma, "." between thousands, a space before "%": ``1.234,5``,
  ``33,3 %``.
* English (and any other locale): decimal point, "," between thousands, no space:
  ``1,234.5``, ``33.3%``.

Whole numbers drop their decimals (``10``, ``100 %``). Kept dependency-free (no Babel)
because it is a few small functions. Data files (CSV) are not for reading in a language:
``format_csv_number`` writes plain numbers there, with a decimal comma when the file is
separated by ";" (the spreadsheet convention).
"""
from __future__ import annotations

import datetime as _dt
import math
from decimal import ROUND_HALF_UP, Decimal, localcontext
from typing import Any

from .i18n import N_
from .scoring import round_half_up

MONTHS = (N_("January"), N_("February"), N_("March"), N_("April"), N_("May"), N_("June"),
          N_("July"), N_("August"), N_("September"), N_("October"), N_("November"),
          N_("December"))
_MONTHS_ID = ("Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus",
              "September", "Oktober", "November", "Desember")
_MONTHS_EN = tuple(MONTHS)


def _is_id(locale: str | None) -> bool:
    return bool(locale and locale.lower().replace("_", "-").split("-")[0] == "id")


def format_date(value: _dt.date, locale: str | None) -> str:
    """'16 Maret 2026' (id) / '16 March 2026' (en)."""
    months = _MONTHS_ID if _is_id(locale) else _MONTHS_EN
    return f"{value.day} {months[value.month - 1]} {value.year}"


def _exact(value: float, decimals: int) -> Decimal:
    """|value| rounded half up to ``decimals`` places on the float's exact value, with the
    precision every digit needs (the default 28 digits cannot hold 1e308's)."""
    with localcontext() as context:
        context.prec = max(28, int(math.log10(abs(value) or 1)) + decimals + 3)
        return Decimal(abs(value)).quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)


def round_to(value: float, decimals: int = 1) -> float:
    """``value`` rounded as every formatted number is: to ``decimals`` places, a tie (on the
    float's exact value) away from zero — what JavaScript's ``toFixed`` does, so the
    browser's helpers write the same digits."""
    if not math.isfinite(value):
        return value
    exact = _exact(value, decimals)
    return float(-exact if value < 0 else exact)


def _digits(value: float, decimals: int, grouping: str) -> str:
    """'1,234.5' (grouped) or '1234.5': at most ``decimals`` places, no trailing zeros,
    never '-0'."""
    if not math.isfinite(value):
        return str(value)
    exact = _exact(value, decimals)
    text = f"{exact:{grouping}.{decimals}f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return ("-" + text) if value < 0 and exact != 0 else text


def format_number(value: float, locale: str | None, decimals: int = 1) -> str:
    """'1.234,5' (id) / '1,234.5' (en): at most ``decimals`` places (whole numbers drop
    them), thousands grouped."""
    text = _digits(value, decimals, ",")
    if _is_id(locale):
        text = text.replace(",", "\0").replace(".", ",").replace("\0", ".")
    return text


def format_rupiah(amount: float, locale: str | None) -> str:
    """'Rp1.500.000' in both locales (Rupiah is written the Indonesian way), 'Rp0' for free."""
    whole = round_half_up(amount)
    return "Rp" + f"{whole:,}".replace(",", ".")


def format_percent(fraction: float, locale: str | None, decimals: int = 1) -> str:
    """A fraction (0.333) as a percentage: '33,3 %' (id) / '33.3%' (en)."""
    number = format_number(fraction * 100, locale, decimals)
    return number + (" %" if _is_id(locale) else "%")


def format_csv_number(value: float | None, decimal_comma: bool, decimals: int = 1) -> str:
    """A number for a CSV cell: no grouping, at most ``decimals`` places, '' for None."""
    if value is None:
        return ""
    text = _digits(value, decimals, "")
    return text.replace(".", ",") if decimal_comma else text


def json_number(value: Any) -> float | None:
    """A number read from stored JSON (a record, an attempt), or None for anything else
    (booleans included: JSON's true is not 1)."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    return float(value)


def plain_number(value: float, decimals: int = 2) -> str:
    """'2' or '2.5': rounded as every formatted number is, no grouping, a point — the form
    authors write in OLX, used in messages to them and in OLX values."""
    return _digits(value, decimals, "")
