import pytest
from test_ds_support import DESK, desk, parse_text

from asn_xblocks.core.olx import OlxError, parse_olx
from asn_xblocks.digital_service.core import CORE


def _problems(text):
    return CORE.validate(parse_text(text))


def _codes(text):
    return {(p.code, p.severity) for p in _problems(text)}


def _variant(old, new, root_attrs=""):
    base = DESK.format(root_attrs=root_attrs)
    assert old in base, old
    return base.replace(old, new, 1)


def test_fixture_is_clean():
    assert CORE.validate(desk()) == []


@pytest.mark.parametrize("old,new,code,severity", [
    ('<unit id="dpm" name="DPMPTSP"/>\n  <unit id="dinkop" name="Dinas Koperasi"/>', "",
     "no-units", "error"),
    ('unit="dpm" fee', 'unit="nowhere" fee', "unknown-unit", "error"),
    ('route="dinkop"', 'route="nowhere"', "unknown-route", "error"),
    ('<request id="a" service="izin"', '<request id="a" service="nope"', "unknown-service", "error"),
    ('<request id="a" service="izin"', '<request id="a" service=""', "request-no-service", "error"),
    ('type="npwp" title="NPWP Siti"', 'type="pas_foto" title="NPWP Siti"',
     "unused-document-type", "warning"),
    ('<unit id="dinkop"', '<unit id="dpm"', "duplicate-id", "error"),
    ('<request id="b"', '<request id="a"', "duplicate-id", "error"),
    ('<requirement id="npwp"', '<requirement id="ktp"', "duplicate-id", "error"),
    ('<document id="d2" type="npwp" title="NPWP Siti"', '<document id="d1" type="npwp" title="NPWP Siti"',
     "duplicate-id", "error"),
    ('<unit id="dinkop"', '<unit id=""', "missing-id", "error"),
    ('<holiday date="2026-03-19"/>', '<holiday date="2026-02-30"/>', "bad-holiday-date", "error"),
    ('<holiday date="2026-03-19"/>', '<holiday date="19/03/2026"/>', "bad-holiday-date", "error"),
    ('<holiday date="2026-03-19"/>', '<holiday date="1999-03-19"/>', "bad-holiday-date", "error"),
    ('<holiday date="2026-03-19"/>', '<holiday date="2026-03-20"/>', "duplicate-holiday", "warning"),
    ('submitted="2026-03-16"', 'submitted="kemarin"', "bad-submitted-date", "error"),
    ('submitted="2026-03-16"', 'submitted="2101-01-03"', "bad-submitted-date", "error"),
    ('sla_days="3"', 'sla_days="0"', "bad-sla-days", "error"),
    ('sla_days="3"', 'sla_days="2.5"', "bad-sla-days", "error"),
    ('sla_days="3"', 'sla_days="-1"', "bad-sla-days", "error"),
    ('sla_days="3"', 'sla_days="tiga"', "bad-sla-days", "error"),
    ('sla_days="3"', 'sla_days="9999"', "bad-sla-days", "error"),
    ('sla_days="3"', '', "bad-sla-days", "error"),
    ('fee="150000"', 'fee="gratis"', "bad-fee", "error"),
    ('fee="150000"', 'fee="-5"', "bad-fee", "error"),
    ('<document id="d1" type="ktp" title="KTP Ketua"><field name="NIK">3299000000000003</field></document>',
     "", "request-no-documents", "error"),
    ('competency="akuntabel"', 'competency="terbang"', "unknown-competency", "error"),
    ('competency="pengambilan_keputusan"', 'competency="terbang"', "unknown-competency", "error"),
    ('priority="urgent"', 'priority="asap"', "bad-priority", "error"),
    ('applicant="Siti"', 'applicant=""', "request-no-applicant", "error"),
    ('<unit id="dpm" name="DPMPTSP"/>', '<unit id="dpm"/>', "unit-no-name", "error"),
    ('name="Izin Usaha Mikro"', '', "service-no-name", "error"),
    ('unit="dpm" fee', 'fee', "service-no-unit", "error"),
    ('label="KTP-el" ', '', "requirement-no-label", "error"),
    ('document="ktp" competency', 'competency', "requirement-no-document", "error"),
    ('document="npwp"', 'document="ktp"', "requirement-same-document", "warning"),
    ('type="ktp" title="KTP Siti"', 'title="KTP Siti"', "document-no-type", "error"),
    ('title="KTP Siti"', '', "document-no-title", "error"),
    ('<field name="NIK">3299000000000001</field>', '<field>3299000000000001</field>',
     "field-no-name", "error"),
])
def test_each_rule(old, new, code, severity):
    assert (code, severity) in _codes(_variant(old, new))


def test_root_enums():
    assert ("bad-feedback", "error") in _codes(DESK.format(root_attrs='feedback="later"'))
    assert ("bad-lang", "warning") in _codes(DESK.format(root_attrs='lang="fr"'))
    assert _codes(DESK.format(root_attrs='feedback="end" lang="en" shuffle="true"')) == set()


def test_no_services_and_no_requests():
    text = """<asn_digital_service><unit id="u" name="U"/></asn_digital_service>"""
    codes = _codes(text)
    assert ("no-services", "error") in codes and ("no-requests", "error") in codes


def test_service_without_requirements_warns():
    text = _variant('<requirement id="ktp" label="KTP-el" document="ktp" competency="akuntabel"/>\n'
                    '    <requirement id="npwp" label="NPWP" document="npwp"/>', "")
    assert ("service-no-requirements", "warning") in _codes(text)


def test_declared_competency_accepted_and_unlabelled_warned():
    text = _variant('<intro>', '<competency id="terbang" label="Terbang"/><intro>')
    text = text.replace('competency="akuntabel"', 'competency="terbang"')
    assert _codes(text) == set()
    text2 = text.replace('label="Terbang"', '')
    assert ("competency-no-label", "warning") in _codes(text2)


def test_messages_name_the_item():
    problems = _problems(_variant('route="dinkop"', 'route="nowhere"'))
    [problem] = [p for p in problems if p.code == "unknown-route"]
    assert problem.item_id == "c" and "nowhere" in problem.text()


def test_parse_keeps_invalid_content():
    content = parse_text(_variant('sla_days="3"', 'sla_days="tiga"'))
    assert content.services[0].sla_days == "tiga"
    assert content.services[0].sla_value is None


def test_foreign_root_refused():
    with pytest.raises(OlxError):
        CORE.parse(parse_olx("<asn_case_study/>"))


def test_named_entity_refused():
    with pytest.raises(OlxError) as info:
        parse_olx(DESK.format(root_attrs="").replace("fiktif).</p>", "fiktif).&nbsp;</p>"))
    assert "&#160;" in str(info.value)


def test_routing_that_is_no_decision_is_a_warning():
    """The learner sees each request's service unit, the expected route of every request
    without a route of its own: when no request routes elsewhere the route point is free."""
    assert "routing-not-a-decision" not in {code for code, _s in _codes(DESK.format(root_attrs=""))}
    no_route = _variant('route="dinkop"', "")
    assert ("routing-not-a-decision", "warning") in _codes(no_route)
    problem = next(p for p in _problems(no_route) if p.code == "routing-not-a-decision")
    assert problem.item_id is None and "Routing is not a decision" in problem.text()
    # a route naming the service's own unit is no decision either
    assert ("routing-not-a-decision", "warning") in _codes(_variant('route="dinkop"', 'route="dpm"'))
