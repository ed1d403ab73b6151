import datetime as dt

from test_ds_support import desk

from asn_xblocks.digital_service import rules
from asn_xblocks.digital_service.model import Document, Request, Requirement


def test_expected_outcomes():
    content = desk()
    a = rules.expected(content, content.request("a"))
    assert a.decision == "approve" and a.route == "dpm" and a.due_date == dt.date(2026, 3, 23)
    assert [t.met for t in a.requirements] == [True, True]
    b = rules.expected(content, content.request("b"))
    assert b.decision == "request_completion"
    assert [(t.requirement.id, t.met) for t in b.requirements] == [("ktp", True), ("npwp", False)]
    assert b.requirements[1].document.title == "NPWP Budi"
    assert b.due_date == dt.date(2026, 3, 18)
    c = rules.expected(content, content.request("c"))
    assert c.decision == "reject" and c.route == "dinkop"
    assert c.requirements[1].met is False and c.requirements[1].document is None
    assert c.due_date == dt.date(2026, 3, 25)


def test_requirement_met_when_any_valid_document_of_type():
    req = Requirement("ktp", "KTP", "ktp")
    request = Request("x", documents=[Document("d1", "ktp", "old", valid=False),
                                      Document("d2", "ktp", "new")])
    truth = rules.judge_requirement(req, request)
    assert truth.met and truth.document.id == "d2"
    only_bad = Request("y", documents=[Document("d1", "ktp", "old", valid=False)])
    truth = rules.judge_requirement(req, only_bad)
    assert not truth.met and truth.document.id == "d1"


def test_ineligible_rejected_even_when_complete():
    content = desk()
    request = content.request("a")
    request.eligible = False
    assert rules.expected(content, request).decision == "reject"


def test_unusable_dates_give_no_due():
    content = desk()
    request = content.request("a")
    request.submitted = "2026-02-30"
    assert rules.expected(content, request).due is None
    content.services[0].sla_days = "abc"
    assert rules.expected(content, content.request("b")).due is None


def test_unknown_service_tolerated():
    content = desk()
    request = content.request("a")
    request.service = "nope"
    truth = rules.expected(content, request)
    assert truth.requirements == [] and truth.decision == "approve" and truth.route == ""
    assert rules.request_maximum(content, request) == 4


def test_request_maximum():
    content = desk()
    assert rules.request_maximum(content, content.request("a")) == 2 + 2 + 1 + 1
