"""How an answer is written as an xAPI response: ids and numbers only, never text."""
from __future__ import annotations

import pytest

from asn_xblocks.xapi.payload import _response


@pytest.mark.parametrize("kind,answer,expected", [
    ("single", "b", "b"),
    ("multiple", ["a", "c"], "a[,]c"),
    ("multiple", ["a", 3], None),
    ("classify", {"i1": "hasil", "i2": "kegiatan"}, "i1[.]hasil[,]i2[.]kegiatan"),
    ("classify", {"i1": ["hasil"]}, None),
    ("classify", "hasil", None),
    ("numeric", 87.5, "87.5"),
    ("numeric", 1500000.0, "1500000"),
    ("numeric", 0.1, "0.1"),
    ("numeric", float("nan"), None),
    ("numeric", True, None),
    ("reflection", "Saya akan menolak parsel itu.", None),
])
def test_responses_are_ids_or_numbers(kind, answer, expected):
    assert _response(kind, answer) == expected
