"""The key never leaks: nothing the learner's browser gets before a task is submitted tells
the truth of a request (document validity and issues, eligibility, decision, a route
elsewhere, the due date) or of a record (its code, access class, JRA row, retention,
disposition or explanation); and submitting one task reveals nothing about the others."""
import json

import pytest
from test_ds_support import DEMO_FILES, desk, file_record, parse_text, records_desk, submit, submit_task

from asn_xblocks.core.engine_api import Reveal
from asn_xblocks.core.formatting import format_date
from asn_xblocks.digital_service import archive, rules
from asn_xblocks.digital_service.core import CORE
from asn_xblocks.digital_service.model import DECISIONS

GENEROUS = Reveal(correctness=True, answers=True)
SECRET_KEYS = ('"valid"', '"issue"', '"eligible"', '"expected"', '"expected_label"',
               '"ok"', '"earned"', '"message"', '"route"', '"due"', '"decision"')
RECORD_SECRET_KEYS = ('"code"', '"access"', '"active"', '"inactive"', '"disposition"',
                      '"expected"', '"ok"', '"earned"', '"message"', '"row"')


def _contents():
    yield "fixture", desk()
    yield "fixture-end", desk('feedback="end"')
    yield "records", records_desk()
    yield "records-end", records_desk('feedback="end"')
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


AUTHOR_TEXT = ("documents", "title", "name", "applicant", "note_html", "sender", "recipient")


def _assert_record_secret(content, view_json: str, record_id: str):
    """A record's own view names none of its answers: the code (not even inside the letter's
    text), its label, the access class, the retention or the explanation (the desk-wide
    scheme and schedule are the same for every record and are checked apart). A label's
    words may of course occur in the letter the author wrote ("Undangan ..."): the label
    is looked for in what the engine adds."""
    record = content.record(record_id)
    for key in RECORD_SECRET_KEYS:
        assert key not in view_json, key
    assert record.code not in view_json
    added = json.dumps({k: v for k, v in json.loads(view_json).items() if k not in AUTHOR_TEXT},
                       ensure_ascii=False)
    label = content.scheme().get(record.code)
    if label:
        assert label not in added
    assert f'"{record.access}"' not in view_json
    for label in archive.ACCESS_LABELS.values():
        assert label not in added
    assert "explain" not in view_json or '"explain_html": ""' in view_json
    for secret in ("SECRET-EXPLAIN",):
        assert secret not in view_json


def _assert_desk_references_neutral(view, content):
    """The scheme and the JRA are sent once for the desk and point at no record."""
    references = json.dumps(view.get("archive") or {}, ensure_ascii=False)
    for record in content.records:
        assert record.id not in {row.get("record") for row in (view.get("archive") or {}).get("scheme", [])}
        assert record.title not in references
    assert "SECRET-EXPLAIN" not in references


@pytest.mark.parametrize("name,content", list(_contents()))
@pytest.mark.parametrize("locale", ["en", "id"])
def test_nothing_leaks_before_submission(name, content, locale):
    attempt = CORE.new_attempt(content, 7)
    view = CORE.learner_view(content, attempt, GENEROUS, locale=locale)
    whole = json.dumps(view, ensure_ascii=False)
    for doc in (d for r in content.requests for d in r.documents):
        if doc.issue:
            assert doc.issue not in whole
    assert "SECRET-EXPLAIN" not in whole
    for record in content.records:
        assert not record.explain_html or record.explain_html not in whole
    assert view["score"] is None and view["totals"] is None and view["competencies"] is None
    _assert_desk_references_neutral(view, content)
    for tid, task_view in view["requests"].items():
        assert task_view["result"] is None and task_view["submitted"] is None
        task_json = json.dumps(task_view, ensure_ascii=False)
        if task_view["kind"] == "record":
            _assert_record_secret(content, task_json, tid)
        else:
            _assert_request_secret(content, task_json, tid, locale)
    for entry in view["queue"]:
        if entry["kind"] == "record":
            _assert_record_secret(content, json.dumps(entry, ensure_ascii=False), entry["id"])


@pytest.mark.parametrize("name,content", list(_contents()))
def test_other_tasks_stay_secret_after_one_submission(name, content):
    attempt = CORE.new_attempt(content, 7)
    assert len(attempt["order"]) >= 2, "needs two tasks or it proves nothing"
    first = attempt["order"][0]
    attempt = submit_task(content, attempt, first).attempt
    view = CORE.learner_view(content, attempt, GENEROUS, locale="id")
    checked = 0
    for tid, task_view in view["requests"].items():
        if tid == first:
            continue
        task_json = json.dumps(task_view, ensure_ascii=False)
        if task_view["kind"] == "record":
            _assert_record_secret(content, task_json, tid)
        else:
            _assert_request_secret(content, task_json, tid, "id")
        checked += 1
    assert checked >= 1


def test_a_second_requests_key_would_be_caught():
    """The check above can fail: a second request's view carrying its key is refused."""
    content = desk()
    attempt = submit(content, CORE.new_attempt(content, 7), "a").attempt
    view = CORE.learner_view(content, attempt, GENEROUS, locale="id")
    other = dict(view["requests"]["b"], result={"items": [{"expected": "request_completion"}]})
    with pytest.raises(AssertionError):
        _assert_request_secret(content, json.dumps(other, ensure_ascii=False), "b", "id")


def test_a_second_records_key_would_be_caught():
    content = records_desk()
    attempt = file_record(content, CORE.new_attempt(content, 7), "x1").attempt
    view = CORE.learner_view(content, attempt, GENEROUS, locale="id")
    _assert_record_secret(content, json.dumps(view["requests"]["x2"], ensure_ascii=False), "x2")
    for leak in ({"code": "800.2"}, {"explain_html": "SECRET-EXPLAIN-X2"}, {"hint": "Mutasi"},
                 {"access": "terbatas"}):
        other = dict(view["requests"]["x2"], **leak)
        with pytest.raises(AssertionError):
            _assert_record_secret(content, json.dumps(other, ensure_ascii=False), "x2")


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


def test_end_feedback_hides_a_filed_records_result_and_explanation():
    content = records_desk('feedback="end"')
    wrong = {"code": "800.1", "access": "biasa", "active": 1, "inactive": 1,
             "disposition": "musnah"}
    attempt = file_record(content, CORE.new_attempt(content, 1), "x2", wrong).attempt
    view = CORE.learner_view(content, attempt, GENEROUS)
    record_json = json.dumps(view["requests"]["x2"], ensure_ascii=False)
    for secret in ("800.2", "terbatas", "SECRET-EXPLAIN", '"ok"', '"earned"', '"expected"'):
        assert secret not in record_json, secret
    assert view["requests"]["x2"]["submitted"]["code"] == "800.1"


def test_record_explanation_waits_for_the_answers():
    content = records_desk()
    wrong = {"code": "800.1", "access": "biasa", "active": 1, "inactive": 1,
             "disposition": "musnah"}
    attempt = file_record(content, CORE.new_attempt(content, 1), "x2", wrong).attempt
    view = CORE.learner_view(content, attempt, Reveal(correctness=True, answers=False))
    record_json = json.dumps(view["requests"]["x2"], ensure_ascii=False)
    for secret in ("800.2", "Mutasi", "terbatas", "Limited", "SECRET-EXPLAIN", "inactive retention 5"):
        assert secret not in record_json, secret
    shown = CORE.learner_view(content, attempt, GENEROUS)["requests"]["x2"]
    assert "SECRET-EXPLAIN-X2" in shown["explain_html"]
    assert "800.2" in json.dumps(shown["result"], ensure_ascii=False)


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
