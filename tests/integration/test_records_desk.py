"""The records desk through the real handlers: nothing of a record's key reaches the browser
before it is filed, a filed record is scored and explained, the attempt finishes and grades
like a request desk, and bad input (unknown codes, out-of-range years, wrong types) gets a
4xx and leaves the stored state unchanged."""
import json

from .desk_fixtures import PERFECT_RECORDS, POINTS_PER_RECORD, RECORD_SECRETS, RECORD_TITLES, file_record, records_xml


def test_state_and_page_hold_no_key_before_filing(make_block):
    block = make_block(records_xml())
    state = block.state()
    view = state["view"]
    assert [q["name"] for q in view["queue"]] == [RECORD_TITLES["kA"], RECORD_TITLES["kB"]]
    tasks = json.dumps(view["requests"], ensure_ascii=False)
    for secret in RECORD_SECRETS:
        assert secret not in tasks, secret
    # the scheme and the JRA are the desk's references, shown once for every record
    assert [c["code"] for c in view["archive"]["scheme"]] == ["000", "000.5", "000.5.2", "800", "800.5"]
    page = block.page(view="bare")
    assert "Meeting invitation" in page or "asn" in page
    for secret in ("EXPLAIN-KA-SECRET", "EXPLAIN-KB-SECRET", "Findings on an officer\" access"):
        assert secret not in page


def test_filing_scores_explains_and_finishes(make_block):
    block = make_block(records_xml(show_answer="finished"))
    wrong = dict(PERFECT_RECORDS["kB"], access="terbatas", inactive=3)
    status, data = block.act(file_record("kB", wrong))
    assert status == 200, data
    result = data["view"]["requests"]["kB"]["result"]
    assert (result["earned"], result["possible"]) == (3, POINTS_PER_RECORD)
    assert "EXPLAIN-KB-SECRET" not in json.dumps(data, ensure_ascii=False)  # answers not yet
    status, data = block.act(file_record("kA", PERFECT_RECORDS["kA"]))
    assert status == 200 and data["view"]["finished"]
    assert data["view"]["totals"] == {"earned": 8.0, "possible": 10.0}
    record = data["view"]["requests"]["kB"]
    assert "EXPLAIN-KB-SECRET" in record["explain_html"]
    items = {i["kind"]: i for i in record["result"]["items"]}
    assert items["access"]["expected"] == "rahasia" and not items["access"]["ok"]


def test_drafts_survive_a_reload(make_block):
    block = make_block(records_xml())
    version = block.state()["version"]
    status, data = block.call("draft", {"version": version,
                                        "draft": {"record": "kA", "form": {"code": "000.5.2", "active": 2}}})
    assert status == 200, data
    again = block.state()["view"]["requests"]["kA"]
    assert again["draft"] == {"code": "000.5.2", "active": 2} and again["status"] == "draft"


def _bad_actions():
    good = PERFECT_RECORDS["kA"]
    return [
        ("unknown code", file_record("kA", dict(good, code="999.9")), 400),
        ("code by its label", file_record("kA", dict(good, code="Invitations")), 400),
        ("code not text", file_record("kA", dict(good, code=5)), 400),
        ("year above the range", file_record("kA", dict(good, active=101)), 400),
        ("negative year", file_record("kA", dict(good, inactive=-1)), 400),
        ("year as text", file_record("kA", dict(good, active="2")), 400),
        ("year as a boolean", file_record("kA", dict(good, active=True)), 400),
        ("year as a fraction", file_record("kA", dict(good, inactive=1.5)), 400),
        ("unknown access", file_record("kA", dict(good, access="public")), 400),
        ("access by its label", file_record("kA", dict(good, access="Regular")), 400),
        ("unknown disposition", file_record("kA", dict(good, disposition="burn")), 400),
        ("missing disposition", file_record("kA", {k: v for k, v in good.items() if k != "disposition"}), 400),
        ("unknown field", file_record("kA", dict(good, points=5)), 400),
        ("unknown record", file_record("kZ", good), 400),
        ("record id not text", file_record(["kA"], good), 400),
        ("a record as a request", {"type": "submit_request", "request": "kA", "form": good}, 400),
        ("form not an object", file_record("kA", "000.5.2"), 400),
    ]


def test_bad_filings_change_nothing(make_block):
    block = make_block(records_xml())
    status, data = block.act(file_record("kB", PERFECT_RECORDS["kB"]))
    assert status == 200
    version = data["version"]
    before = block.raw_state()
    for name, action, expected in _bad_actions() + [
            ("filed twice", file_record("kB", PERFECT_RECORDS["kB"]), 409)]:
        status, data = block.call("act", {"version": version, "action": action})
        assert status == expected, (name, data)
        assert isinstance(data, dict) and data.get("error"), (name, data)
        assert block.raw_state() == before, name
    for name, draft in (("unknown code", {"record": "kA", "form": {"code": "999"}}),
                        ("year above the range", {"record": "kA", "form": {"active": 1000}}),
                        ("year as text", {"record": "kA", "form": {"inactive": "3"}}),
                        ("unknown record", {"record": "kZ", "form": {}})):
        status, data = block.call("draft", {"version": version, "draft": draft})
        assert status == 400 and data.get("error"), (name, data)
        assert block.raw_state() == before, name
    status, data = block.call("act", {"version": version,
                                      "action": file_record("kA", PERFECT_RECORDS["kA"])})
    assert status == 200, data




def _finish(block, student="learner"):
    wrong = dict(PERFECT_RECORDS["kB"], access="terbatas", inactive=3)
    for record_id, the_form in (("kA", PERFECT_RECORDS["kA"]), ("kB", wrong)):
        status, data = block.act(file_record(record_id, the_form), student)
        assert status == 200, (record_id, data)
    return data


def test_a_finished_records_desk_reaches_the_gradebook_once(make_block):
    block = make_block(records_xml())
    with block.capture_publish() as publish:
        status, data = block.act(file_record("kA", PERFECT_RECORDS["kA"]))
        assert status == 200 and not data["view"]["finished"]
        assert block.gradebook("learner") == (0, 10)  # nothing published mid-queue
        data = _finish_rest(block)
    assert data["view"]["finished"] and data["score"]["label"] == "Score: 8 / 10"
    assert block.gradebook("learner") == (8, 10)
    events = [c.args[1] for c in publish.call_args_list]
    assert events.count("asn_xblocks.asn_digital_service.record_submitted") == 2
    assert events.count("grade") == 1 and "completion" in events
    competencies = {c["id"]: (c["earned"], c["possible"]) for c in data["view"]["competencies"]}
    assert competencies == {"akuntabel": (8, 10)}


def _finish_rest(block):
    wrong = dict(PERFECT_RECORDS["kB"], access="terbatas", inactive=3)
    status, data = block.act(file_record("kB", wrong))
    assert status == 200, data
    return data


def test_staff_see_each_record_explained_and_in_the_csv(make_block, learner_anon):
    from asn_xblocks.review.models import LearnerReview

    block = make_block(records_xml())
    _finish(block)
    row = LearnerReview.objects.get(usage_key=str(block.usage_id), learner_id=learner_anon("learner"))
    status, detail = block.call("staff_learner", {"learner": row.pk}, student="staff")
    assert status == 200, detail
    steps = detail["attempts"][0]["steps"]
    assert [s["kind"] for s in steps] == ["record", "record"]
    assert steps[1]["question"] == "Inspection report (kB)"
    assert steps[1]["answer"].startswith("Code: 800.5 Staff discipline; Access: Limited;")
    assert steps[1]["points"] == "3 / 5" and steps[1]["mark"] == "partial"
    assert any("(expected: Secret)" in note for note in steps[1]["notes"])
    assert "EXPLAIN-KB-SECRET" in steps[1]["feedback_html"]
    response = block.download("staff_csv", "", "staff")
    assert response.status_code == 200
    text = response.content.decode("utf-8-sig")
    assert "Competency: Accountable (%)" in text and ",8,10," in text
    # the LMS's Problem Responses report: one readable row per record
    from types import SimpleNamespace

    states = [SimpleNamespace(username="learner", state=block.raw_state("learner")[0])]
    rows = [r for _user, r in block.xblock("staff").generate_report_data(iter(states))]
    assert [r["Question"] for r in rows][:2] == ["Meeting invitation (kA)", "Inspection report (kB)"]
    assert rows[1]["Answer"].startswith("Code: 800.5 Staff discipline; Access: Limited;")
