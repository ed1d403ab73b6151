"""The key never leaks: nothing in learner_view tells the truth of a request before it is
submitted (PRODUCT.md "The key never leaks")."""
import json

import pytest

from asn_xblocks.core.engine_api import Reveal
from asn_xblocks.core.formatting import format_date
from asn_xblocks.digital_service import rules
from asn_xblocks.digital_service.core import CORE
from asn_xblocks.digital_service.model import DECISIONS

from test_ds_support import DEMO_FILES, desk, parse_text, submit

GENEROUS = Reveal(correctness=True, answers=True)
SECRET_KEYS = ('"valid"', '"issue"', '"eligible"', '"expected"', '"expected_label"',
               '"ok"', '"earned"', '"message"', '"route"', '"due"', '"decision"')


def _contents():
    yield "fixture", desk()
    yield "fixture-end", desk('feedback="end"')
    for path in DEMO_FILES:
        yield path.name, parse_text(path.read_text(encoding="utf-8"))


def _assert_request_secret(content, view_json: str, request_id: str, locale: str):
    request = content.request(request_id)
    truth = rules.expected(content, request)
    for key in SECRET_KEYS:
        assert key not in view_json, key
    for doc in request.documents:
        if doc.issue:
            assert doc.issue not in view_json
    for decision in DECISIONS:
        assert decision not in view_json
    service = content.service(request.service)
    if truth.route and truth.route != service.unit:
        assert truth.route not in view_json
        assert content.unit(truth.route).name not in view_json
    if truth.due_date:
        assert truth.due_date.isoformat() not in view_json
        assert format_date(truth.due_date, locale) not in view_json


@pytest.mark.parametrize("name,content", list(_contents()))
@pytest.mark.parametrize("locale", ["en", "id"])
def test_nothing_leaks_before_submission(name, content, locale):
    attempt = CORE.new_attempt(content, 7)
    view = CORE.learner_view(content, attempt, GENEROUS, locale=locale)
    whole = json.dumps(view, ensure_ascii=False)
    for doc in (d for r in content.requests for d in r.documents):
        if doc.issue:
            assert doc.issue not in whole
    assert view["score"] is None and view["totals"] is None and view["competencies"] is None
    for rid, request_view in view["requests"].items():
        assert request_view["result"] is None and request_view["submitted"] is None
        _assert_request_secret(content, json.dumps(request_view, ensure_ascii=False), rid, locale)


@pytest.mark.parametrize("name,content", list(_contents()))
def test_other_requests_stay_secret_after_one_submission(name, content):
    attempt = CORE.new_attempt(content, 7)
    first = attempt["order"][0]
    attempt = submit(content, attempt, first).attempt
    view = CORE.learner_view(content, attempt, GENEROUS, locale="id")
    for rid, request_view in view["requests"].items():
        if rid == first:
            continue
        _assert_request_secret(content, json.dumps(request_view, ensure_ascii=False), rid, "id")


def test_end_feedback_reveals_nothing_until_finished():
    content = desk('feedback="end"')
    attempt = CORE.new_attempt(content, 1)
    attempt = submit(content, attempt, "b", {
        "requirements": {"ktp": {"met": True}, "npwp": {"met": True}},
        "decision": "approve", "route": "dpm", "due": "2026-03-20"}).attempt
    view = CORE.learner_view(content, attempt, GENEROUS)
    whole = json.dumps(view, ensure_ascii=False)
    for secret in ("SECRET-ISSUE-B", '"ok"', '"earned"', '"expected"'):
        assert secret not in whole, secret
    request_json = json.dumps(view["requests"]["b"], ensure_ascii=False)
    assert "request_completion" not in request_json and "2026-03-18" not in request_json
    assert view["requests"]["b"]["submitted"]["decision"] == "approve"


def test_answers_hidden_without_reveal_answers():
    content = desk()
    attempt = CORE.new_attempt(content, 1)
    attempt = submit(content, attempt, "c", {
        "requirements": {"ktp": {"met": True}, "npwp": {"met": True}},
        "decision": "approve", "route": "dpm", "due": "2026-03-20"}).attempt
    view = CORE.learner_view(content, attempt, Reveal(correctness=True, answers=False))
    request_json = json.dumps(view["requests"]["c"], ensure_ascii=False)
    assert "dinkop" not in request_json and "Dinas Koperasi" not in request_json
    assert "2026-03-25" not in request_json and "25 March 2026" not in request_json
    assert all(item["expected"] is None for item in view["requests"]["c"]["result"]["items"])
