"""Reading a typed number in the page's language: both separators, both languages, the
unit, and refusal of what cannot be read."""
from __future__ import annotations

from decimal import Decimal

import pytest

from asn_xblocks.case_study.numbers import examples, parse_number, separators, with_unit, within


@pytest.mark.parametrize("text, locale, expected", [
    ("87,5", "id", "87.5"),
    ("1.500.000", "id", "1500000"),
    ("1.500.000,25", "id", "1500000.25"),
    ("1500000", "id", "1500000"),
    ("12.345,67", "id", "12345.67"),
    ("0,75", "id", "0.75"),
    (",5", "id", "0.5"),
    ("-3,25", "id", "-3.25"),
    ("\u2212 3,25", "id", "-3.25"),
    ("  87,5  ", "id", "87.5"),
    ("1.500", "id", "1500"),
    ("87.5", "en", "87.5"),
    ("1,500,000", "en", "1500000"),
    ("1,500,000.25", "en", "1500000.25"),
    ("1.500", "en", "1.5"),
    ("+2", "en", "2"),
    ("87,5", "id-ID", "87.5"),
    ("87.5", "en-GB", "87.5"),
    ("87.5", None, "87.5"),
])
def test_reads_the_locale_format(text, locale, expected):
    assert parse_number(text, locale) == Decimal(expected)


@pytest.mark.parametrize("text, locale", [
    ("87.5", "id"),          # an English decimal on an Indonesian page: neither 87,5 nor 875
    ("1.5", "id"),
    ("1,500,000", "id"),
    ("1,5", "en"),
    ("87,5", "en"),
    ("1.500.000", "en"),
    ("1.23.456", "id"),      # groups of three only
    ("12.34,5", "id"),
    ("1 500 000", "id"),     # spaces inside the digits
    ("1e5", "en"),
    ("abc", "id"),
    ("", "id"),
    ("-", "id"),
    (",", "id"),
    ("87,5,1", "id"),
    ("NaN", "en"),
    ("Infinity", "en"),
    ("1" * 41, "en"),        # longer than any number a question asks for
])
def test_refuses_what_cannot_be_read(text, locale):
    assert parse_number(text, locale) is None


def test_the_unit_may_be_typed_before_or_after():
    assert parse_number("87,5 %", "id", "%") == Decimal("87.5")
    assert parse_number("87,5%", "id", "%") == Decimal("87.5")
    assert parse_number("Rp1.500.000", "id", "Rp") == Decimal("1500000")
    assert parse_number("rp 1.500.000", "id", "Rp") == Decimal("1500000")
    assert parse_number("12 hari", "id", "hari") == Decimal("12")
    assert parse_number("87,5 %", "id", None) is None  # no unit: the % is not a number
    assert parse_number("87,5 kg", "id", "%") is None


def test_separators_and_examples_follow_the_language():
    assert separators("id") == (",", ".") and separators("en") == (".", ",")
    assert examples("id") == ("87,5", "1.500.000")
    assert examples("en") == ("87.5", "1,500,000")


def test_examples_never_show_a_key():
    decimal, thousands = examples("id", [87.5, 1500000.0])
    assert decimal != "87,5" and thousands != "1.500.000"
    assert examples("en", [87.0]) == ("3.25", "1,500,000")  # 87 is next to 87.5


@pytest.mark.parametrize("given, answer, tolerance, right", [
    (87.5, 87.5, 0.0, True),
    (87.4, 87.5, 0.1, True),        # exactly on the edge counts (decimal, not float, maths)
    (87.6, 87.5, 0.1, True),
    (87.39, 87.5, 0.1, False),
    (87.61, 87.5, 0.1, False),
    (0.3, 0.1, 0.2, True),
    (1.1, 1.0, 0.1, True),          # 1.1 − 1.0 is 0.10000000000000009 in floats
    (Decimal("1500000"), 1500000.0, 0.0, True),
    (1500001, 1500000.0, 0.0, False),
    (-2.5, -2.0, 0.5, True),
])
def test_tolerance_edges(given, answer, tolerance, right):
    assert within(given, answer, tolerance) is right


def test_a_currency_is_written_before_the_number_other_units_after():
    assert with_unit("1.500.000", "Rp") == "Rp1.500.000"
    assert with_unit("87,5", "%") == "87,5 %"
    assert with_unit("12", "hari") == "12 hari"
    assert with_unit("12", None) == "12"
