"""Locale formatting done on the server: dates, numbers and Rupiah amounts.

Only the two locales the product ships are special-cased; any other falls back to English
conventions. Kept dependency-free (no Babel) because it is three small functions.
"""
from __future__ import annotations

import datetime as _dt

from .i18n import N_
from .scoring import round_half_up

MONTHS = (N_("January"), N_("February"), N_("March"), N_("April"), N_("May"), N_("June"),
          N_("July"), N_("August"), N_("September"), N_("October"), N_("November"),
          N_("December"))
_MONTHS_ID = ("Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus",
              "September", "Oktober", "November", "Desember")
_MONTHS_EN = tuple(MONTHS)


def _is_id(locale: str | None) -> bool:
    return bool(locale) and locale.lower().replace("_", "-").split("-")[0] == "id"


def format_date(value: _dt.date, locale: str | None) -> str:
    """'16 Maret 2026' (id) / '16 March 2026' (en)."""
    months = _MONTHS_ID if _is_id(locale) else _MONTHS_EN
    return f"{value.day} {months[value.month - 1]} {value.year}"


def format_number(value: float, locale: str | None, decimals: int = 1) -> str:
    """'87,5' (id) / '87.5' (en); whole numbers drop the decimals; thousands grouped."""
    if abs(value - round(value)) < 10 ** -(decimals + 2):
        text = f"{int(round(value)):,}"
    else:
        text = f"{value:,.{decimals}f}".rstrip("0").rstrip(".")
    if _is_id(locale):
        text = text.replace(",", "\0").replace(".", ",").replace("\0", ".")
    return text


def format_rupiah(amount: float, locale: str | None) -> str:
    """'Rp1.500.000' in both locales (Rupiah is written the Indonesian way), 'Rp0' for free."""
    whole = round_half_up(amount)
    return "Rp" + f"{whole:,}".replace(",", ".")


def format_percent(fraction: float, locale: str | None) -> str:
    return format_number(fraction * 100, locale) + "%"
