"""What validate() says about a records desk: codes outside the scheme, codes with no JRA row
on them or their ancestors, a classification whose parent is missing, unknown access or
disposition values, duplicate codes, bad years; and that a records-only desk needs no units
or services."""
import pytest
from test_ds_support import RECORDS, parse_text, records_desk

from asn_xblocks.digital_service.core import CORE


def _problems(old, new):
    text = RECORDS.format(root_attrs="")
    assert old in text, old
    return {p.code: p.severity for p in CORE.validate(parse_text(text.replace(old, new, 1)))}


def test_the_fixture_is_clean_and_needs_no_units_or_services():
    assert CORE.validate(records_desk()) == []


@pytest.mark.parametrize("old,new,code,severity", [
    ('code="000.5.2" access="biasa"', 'code="000.7" access="biasa"', "record-unknown-code", "error"),
    ('code="000.5.2" access="biasa"', 'code="" access="biasa"', "record-no-code", "error"),
    ('<classification code="000.5" label="Ketatausahaan"/>',
     '<classification code="000.5" label="Ketatausahaan"/><classification code="000.5" label="Lagi"/>',
     "duplicate-code", "error"),
    ('<classification code="000.5" label="Ketatausahaan"/>', '', "classification-no-parent", "error"),
    ('<classification code="800.2" label="Mutasi"/>', '<classification code="800.2" label=""/>',
     "classification-no-label", "error"),
    ('access="terbatas"', 'access="public"', "bad-access", "error"),
    ('disposition="permanen"', 'disposition="burn"', "bad-disposition", "error"),
    ('active="5" inactive="10"', 'active="five" inactive="10"', "bad-retention-years", "error"),
    ('active="5" inactive="10"', 'active="5" inactive="101"', "bad-retention-years", "error"),
    ('<retention code="000" active="1" inactive="1" disposition="musnah"/>',
     '<retention code="000" active="1" inactive="1" disposition="musnah"/>'
     '<retention code="000" active="1" inactive="1" disposition="musnah"/>',
     "duplicate-retention", "error"),
    ('<retention code="000" active="1" inactive="1" disposition="musnah"/>',
     '<retention code="700" active="1" inactive="1" disposition="musnah"/>',
     "retention-unknown-code", "error"),
    ('kind="incoming" dated="2026-03-16"', 'kind="memo" dated="2026-03-16"', "bad-record-kind", "error"),
    ('kind="incoming" dated="2026-03-16"', 'kind="incoming" dated="16/03/2026"', "bad-record-date", "error"),
    ('access="terbatas" priority="urgent"', 'access="terbatas" priority="high"', "bad-priority", "error"),
    ('<explain><p>SECRET-EXPLAIN-X1 undangan, baris JRA pada induk.</p></explain>', '',
     "record-no-explain", "warning"),
    ('<record id="x2"', '<record id="x1"', "duplicate-id", "error"),
    ('code="800.1" access="rahasia"', 'code="800.1" access="rahasia" competency="nope"',
     "unknown-competency", "error"),
])
def test_each_problem_is_reported(old, new, code, severity):
    assert _problems(old, new).get(code) == severity


def test_a_code_with_no_row_on_it_or_its_ancestors():
    found = _problems('<retention code="000" active="1" inactive="1" disposition="musnah"/>', "")
    # 000.5 still has its row; 000 and 000.9 have none any more
    assert found.get("code-no-retention") == "warning"
    text = RECORDS.format(root_attrs="").replace(
        '<retention code="000.5" active="2" inactive="3" disposition="musnah"/>', "").replace(
        '<retention code="000" active="1" inactive="1" disposition="musnah"/>', "")
    codes = {p.code for p in CORE.validate(parse_text(text))}
    assert "record-no-retention" in codes  # x1 (000.5.2) has no row anywhere up its line


def test_a_desk_with_nothing_to_work_on():
    codes = {p.code for p in CORE.validate(parse_text("<asn_digital_service/>"))}
    assert {"no-requests", "no-units", "no-services"} <= codes
