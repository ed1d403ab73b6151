"""The service desk through the workbench's real handlers, edx-submissions and review rows.

Numbers come from desk_fixtures.py (three requests of 6 points each, checked by hand there).
"""
import json

from asn_xblocks.review.models import AttemptRecord, LearnerReview

from .desk_fixtures import APPLICANTS, B_HALF, C_ALL_WRONG, EXPECTED_DUE, PERFECT, SECRETS, desk_xml, form, submit


def gradebook(block, learner_anon, student="learner"):
    """The learner's score as the LMS's gradebook holds it (weighted once)."""
    score = block.gradebook(student)
    return None if score is None else {"points_earned": score[0], "points_possible": score[1]}


def work_queue(block, forms, student="learner"):
    """Submit the requests in ``forms`` in order; returns the last reply."""
    data = None
    for request_id, the_form in forms.items():
        status, data = block.act(submit(request_id, the_form), student)
        assert status == 200, (request_id, data)
    return data


def items_of(result):
    return {(item["kind"], item["id"]): item for item in result["items"]}


def test_a_whole_queue_scores_through_a_grade_event(make_block, learner_anon):
    block = make_block(desk_xml())
    with block.capture_publish() as publish:
        status, data = block.act(submit("rA", PERFECT["rA"]))
        assert status == 200, data
        assert data["view"]["finished"] is False
        # nothing published mid-queue: the gradebook shows 0 of the block's maximum
        assert gradebook(block, learner_anon) == {"points_earned": 0, "points_possible": 18}
        assert not LearnerReview.objects.get(usage_key=str(block.usage_id)).attempt_records.exists()
        data = work_queue(block, {"rB": B_HALF, "rC": C_ALL_WRONG})
    view = data["view"]
    assert view["finished"] is True
    # 6 + 3 + 0 = 9 of 18
    score = gradebook(block, learner_anon)
    assert (score["points_earned"], score["points_possible"]) == (9, 18)
    assert data["score"]["label"] == "Score: 9 / 18"
    assert view["totals"] == {"earned": 9, "possible": 18}
    assert [(s["id"], s["earned"], s["possible"]) for s in view["scores"]] == [
        ("rA", 6, 6), ("rB", 3, 6), ("rC", 0, 6)]
    assert [s["applicant"] for s in view["scores"]] == [APPLICANTS[r] for r in ("rA", "rB", "rC")]
    # competencies: akuntabel = the 6 requirement points (rA 2, rB 2, rC 0 of 2);
    # pelayanan_publik = decision/route/due of rA and rB (4 + 1 of 8);
    # pengambilan_keputusan = rC's process points (0 of 4)
    competencies = {c["id"]: (c["earned"], c["possible"]) for c in view["competencies"]}
    assert competencies == {"akuntabel": (4, 6), "pelayanan_publik": (5, 8),
                            "pengambilan_keputusan": (0, 4)}

    events = [c.args[1] for c in publish.call_args_list]
    assert events.count("asn_xblocks.asn_digital_service.request_submitted") == 3
    assert events.count("asn_xblocks.asn_digital_service.attempt_finished") == 1
    assert "completion" in events and events.count("grade") == 1

    row = LearnerReview.objects.get(usage_key=str(block.usage_id))
    assert row.attempts == 1 and row.status == "finished"
    assert (row.points_earned, row.points_possible) == (9, 18)
    assert row.best_fraction == 0.5
    assert row.competencies["akuntabel"] == [4.0, 6.0]
    record = AttemptRecord.objects.get(review=row)
    assert record.number == 1 and record.fraction == 0.5 and record.attempt_state["finished"]
    assert record.answer["requests"]["rB"]["form"]["decision"] == "approve"
    assert record.answer["requests"]["rB"]["earned"] == 3
    assert record.answer["requests"]["rC"]["earned"] == 0


def test_every_miss_is_explained(make_block):
    block = make_block(desk_xml())
    status, data = block.act(submit("rB", B_HALF))
    assert status == 200, data
    result = data["view"]["requests"]["rB"]["result"]
    assert (result["earned"], result["possible"]) == (3, 6)
    items = items_of(result)
    assert items[("requirement", "dom")]["ok"] is True
    assert "ISSUE-EXPIRED-DOMICILE" in items[("requirement", "dom")]["message"]
    assert "Domicile letter of Budi" in items[("requirement", "dom")]["message"]
    decision = items[("decision", "decision")]
    assert decision["ok"] is False and decision["earned"] == 0 and decision["possible"] == 2
    assert "Not met: Domicile letter" in decision["message"]
    due = items[("due", "due")]
    assert due["ok"] is False
    assert "18 March 2026" in due["message"] and "19 March 2026" in due["message"]
    # the expected values wait for show_answer="finished"
    assert all(item["expected"] is None and item["expected_label"] is None
               for item in result["items"])
    assert EXPECTED_DUE["rB"] not in json.dumps(data)


def test_the_weight_is_applied_once_and_exactly(make_block, learner_anon):
    block = make_block(desk_xml(extra='weight="5"'))
    work_queue(block, {"rA": PERFECT["rA"], "rB": B_HALF, "rC": C_ALL_WRONG})
    score = gradebook(block, learner_anon)
    # 9 / 18 × 5 = 2.5, not rounded to whole points
    assert (score["points_earned"], score["points_possible"]) == (2.5, 5)
    row = LearnerReview.objects.get(usage_key=str(block.usage_id))
    assert (row.points_earned, row.points_possible) == (2.5, 5)


def test_a_perfect_queue_earns_everything_and_shows_the_expected_answers(make_block, learner_anon):
    block = make_block(desk_xml(show_answer="finished"))
    data = work_queue(block, PERFECT)
    assert gradebook(block, learner_anon)["points_earned"] == 18
    due = items_of(data["view"]["requests"]["rC"]["result"])[("due", "due")]
    assert due["expected"] == EXPECTED_DUE["rC"] and due["expected_label"] == "26 March 2026"
    route = items_of(data["view"]["requests"]["rC"]["result"])[("route", "route")]
    assert route["expected_label"] == "Cooperatives Office"


def test_show_answer_never_keeps_the_expected_answers_back(make_block):
    block = make_block(desk_xml(show_answer="never"))
    data = work_queue(block, {"rA": PERFECT["rA"], "rB": B_HALF, "rC": C_ALL_WRONG})
    text = json.dumps(data)
    assert '"expected": null' in text and EXPECTED_DUE["rB"] not in text
    assert "Cooperatives Office" not in json.dumps(data["view"]["requests"]["rC"]["result"])
    # the explanations (correctness) still show
    assert "ISSUE-EXPIRED-DOMICILE" in text


def test_immediate_feedback_explains_each_request_at_once(make_block):
    block = make_block(desk_xml(feedback="immediate"))
    status, data = block.act(submit("rA", PERFECT["rA"]))
    view = data["view"]
    assert view["requests"]["rA"]["result"]["earned"] == 6
    assert view["score"] == {"earned": 6, "possible": 6}
    assert view["requests"]["rB"]["result"] is None
    assert [q["status"] for q in view["queue"]] == ["submitted", "new", "new"]


def test_end_feedback_waits_for_the_whole_queue(make_block):
    block = make_block(desk_xml(feedback="end"))
    status, data = block.act(submit("rB", B_HALF))
    assert status == 200
    view = data["view"]
    assert view["feedback"] == "end"
    assert view["requests"]["rB"]["result"] is None
    assert view["requests"]["rB"]["submitted"]["decision"] == "approve"  # the learner's own answer
    assert view["score"] is None and view["totals"] is None and data["score"] is None
    text = json.dumps(data) + json.dumps(block.state()) + block.page(view="bare")
    assert "ISSUE-EXPIRED-DOMICILE" not in text and '"earned"' not in text
    assert "Not met: Domicile letter" not in text
    status, data = block.act(submit("rA", PERFECT["rA"]))
    assert data["view"]["requests"]["rA"]["result"] is None
    status, data = block.act(submit("rC", PERFECT["rC"]))
    view = data["view"]
    assert view["finished"] is True
    assert view["requests"]["rB"]["result"]["earned"] == 3
    assert "ISSUE-EXPIRED-DOMICILE" in json.dumps(view["requests"]["rB"]["result"])
    assert view["totals"] == {"earned": 15, "possible": 18}


def test_nothing_secret_before_submission(make_block):
    block = make_block(desk_xml())
    page = block.page(view="bare")
    state = block.state()
    text = json.dumps(state)
    assert "DESK-INTRO" in page and "Budi Hartono" in page  # the page does carry the desk
    for secret in SECRETS:
        assert secret not in page, secret
        assert secret not in text, secret
    for request in state["view"]["requests"].values():
        assert set(request) == {"id", "kind", "applicant", "submitted_iso", "submitted_label",
                                "priority", "priority_label", "status", "service", "holidays",
                                "documents", "note_html", "draft", "submitted", "due_label",
                                "result"}
        assert request["result"] is None and request["submitted"] is None
        assert request["due_label"] == ""
        for doc in request["documents"]:
            assert set(doc) == {"id", "type", "type_label", "title", "fields"}
    # the request routed elsewhere says nothing of it: only the service's own unit appears
    assert "u_coop" not in json.dumps(state["view"]["requests"]["rC"])
    # after one request: its explanation, still nothing of the others' key
    status, data = block.act(submit("rA", PERFECT["rA"]))
    text = json.dumps(data)
    assert "Eligible applicants with complete requirements are approved" in text
    for secret in ("ISSUE-EXPIRED-DOMICILE", EXPECTED_DUE["rB"], EXPECTED_DUE["rC"], "eligible"):
        assert secret not in text, secret
    assert "u_coop" not in json.dumps(data["view"]["requests"]["rC"])


def test_student_view_data_is_metadata_only(make_block):
    """What the mobile apps collect once, with no learner: the title, the introduction
    (sanitized as on import), counts and competencies; nothing of a request, a document,
    its truth or the expected decision, route or due date."""
    hostile = ('<intro><p onclick="steal()">DESK-INTRO <b>bold</b></p>'
               '<script>alert("INTRO-SCRIPT")</script></intro>')
    block = make_block(desk_xml().replace("<intro><p>DESK-INTRO</p></intro>", hostile))
    data = block.xblock("learner").student_view_data()
    assert data == {"display_name": "Tiny desk", "intro_html": "<p>DESK-INTRO <b>bold</b></p>",
                    "max_attempts": 1, "weight": None, "requests": 3, "services": 1, "urgent": 1,
                    "max_points": 18,
                    "competencies": ["akuntabel", "pelayanan_publik", "pengambilan_keputusan"]}
    text = json.dumps(data)
    for secret in SECRETS + ["Budi Hartono", "NOTE-TEXT-C", "onclick", "INTRO-SCRIPT"]:
        assert secret not in text, secret


def test_drafts_survive_a_reload(make_block):
    block = make_block(desk_xml())
    version = block.state()["version"]
    partial = {"requirements": {"ktp": {"met": True}, "dom": {"reason": "expired < 2026 & \"old\""}},
               "route": "u_main", "due": "2026-03-23", "note": "call the applicant"}
    status, data = block.call("draft", {"version": version, "draft": {"request": "rB", "form": partial}})
    assert status == 200, data
    state = block.state()
    assert state["version"] == version  # a draft is not a step
    request = state["view"]["requests"]["rB"]
    assert request["draft"] == partial
    assert [q["status"] for q in state["view"]["queue"]] == ["new", "draft", "new"]
    # what a reload of the page gets: the draft, as typed, inert inside the init JSON
    page = block.page(view="bare")
    assert "call the applicant" in page and "expired \\u003c 2026 \\u0026" in page
    # a second draft replaces the first; submitting drops it
    status, data = block.call("draft", {"version": version,
                                        "draft": {"request": "rB", "form": {"decision": "reject"}}})
    assert status == 200
    assert block.state()["view"]["requests"]["rB"]["draft"] == {"requirements": {}, "decision": "reject"}
    status, data = block.act(submit("rB", B_HALF))
    assert status == 200
    assert data["view"]["requests"]["rB"]["draft"] is None
    assert data["view"]["requests"]["rB"]["submitted"]["decision"] == "approve"


def test_a_draft_on_a_fresh_desk_starts_the_attempt(make_block):
    block = make_block(desk_xml(max_attempts=2))
    status, data = block.call("draft", {"version": 0, "draft": {"request": "rA", "form": {"route": "u_main"}}})
    assert status == 200, data
    state = block.state()
    assert state["attempt"]["number"] == 1
    assert state["view"]["requests"]["rA"]["draft"]["route"] == "u_main"


def test_attempt_policy_best_and_last(make_block, learner_anon):
    weak = {"rA": PERFECT["rA"], "rB": B_HALF, "rC": C_ALL_WRONG}  # 9 / 18
    for policy, expected in (("best", 18), ("last", 9)):
        block = make_block(desk_xml(max_attempts=2, policy=policy))
        data = work_queue(block, PERFECT)
        assert data["can_retry"] is True and data["attempts"]["left"] == 1
        status, data = block.call("retry", {"version": data["version"]})
        assert status == 200, data
        assert data["attempt"] == {"number": 2, "finished": False}
        assert all(q["status"] == "new" for q in data["view"]["queue"])
        data = work_queue(block, weak)
        assert data["attempts"]["left"] == 0 and data["can_retry"] is False
        assert gradebook(block, learner_anon)["points_earned"] == expected, policy
        row = LearnerReview.objects.get(usage_key=str(block.usage_id))
        assert row.attempts == 2 and row.attempt_records.count() == 2
        assert (row.best_fraction, row.last_fraction) == (1.0, 0.5)
        status, data = block.call("retry", {"version": data["version"]})
        assert status == 409 and data["error"]


def test_unlimited_attempts_keep_offering_a_retry(make_block):
    block = make_block(desk_xml(max_attempts=0, requests=("rA",)))
    for number in (1, 2, 3):
        status, data = block.act(submit("rA", PERFECT["rA"]))
        assert status == 200 and data["view"]["finished"], data
        assert data["attempts"]["limit"] == 0 and data["can_retry"] is True
        status, data = block.call("retry", {"version": data["version"]})
        assert status == 200 and data["attempt"]["number"] == number + 1


def test_the_default_allows_two_attempts(make_block):
    xml = desk_xml(requests=("rA",)).replace('max_attempts="1"', "")
    block = make_block(xml)
    state = block.state()
    assert state["attempts"]["limit"] == 2


def test_shuffle_is_stable_per_learner(make_block):
    block = make_block(desk_xml(extra='shuffle="true"'))
    orders = {}
    for student in ("s1", "s2", "s3", "s4", "s5", "s6"):
        first = [q["id"] for q in block.state(student)["view"]["queue"]]
        assert first == [q["id"] for q in block.state(student)["view"]["queue"]]
        assert sorted(first) == ["rA", "rB", "rC"]
        orders[student] = tuple(first)
    assert len(set(orders.values())) > 1  # six learners do not all see one order


def test_learner_text_is_kept_as_typed_and_inert(make_block):
    block = make_block(desk_xml())
    note = "</script><script>alert(1)</script> fee < Rp500.000 & more"
    the_form = form(True, False, "request_completion", "u_main", "2026-03-24", note=note)
    the_form["requirements"]["dom"]["reason"] = "<b>expired</b>"
    status, data = block.act(submit("rB", the_form))
    assert status == 200, data
    submitted = data["view"]["requests"]["rB"]["submitted"]
    assert submitted["note"] == note and submitted["requirements"]["dom"]["reason"] == "<b>expired</b>"
    page = block.page(view="bare")
    assert "<script>alert(1)</script>" not in page and "<b>expired</b>" not in page
    assert "\\u003c/script\\u003e" in page


def test_no_learner_text_in_events(make_block):
    block = make_block(desk_xml(requests=("rB",)))
    the_form = dict(B_HALF, note="SECRET-NOTE")
    the_form["requirements"] = {"ktp": {"met": True, "reason": "SECRET-REASON"},
                                "dom": {"met": False}}
    with block.capture_publish() as publish:
        status, data = block.act(submit("rB", the_form))
    assert status == 200
    for call in publish.call_args_list:
        text = json.dumps(call.args[2])
        assert "SECRET-NOTE" not in text and "SECRET-REASON" not in text


def test_report_rows_read_like_answers(make_block):
    from asn_xblocks.digital_service.core import CORE

    block = make_block(desk_xml())
    work_queue(block, {"rA": PERFECT["rA"], "rB": B_HALF, "rC": C_ALL_WRONG})
    xblock = block.xblock("learner")
    attempt = block.state()  # the finished attempt's view
    assert attempt["view"]["finished"]
    stored = xblock.learner_state["attempt"]
    rows = CORE.report_rows(xblock.content_model, stored)
    assert [r.points for r in rows] == ["6 / 6", "3 / 6", "0 / 6"]
    assert "Decision: Approve" in rows[1].answer and "Route: Main Office" in rows[1].answer


def test_the_page_loads_the_front_end(make_block, settings):
    block = make_block(desk_xml())
    page = block.page(view="bare")
    assert "static/min/js/digital_service.js" in page and "static/min/css/digital_service.css" in page
    assert "static/js/digital_service.js" not in page
    assert "AsnDigitalService" in page
    settings.ASN_XBLOCKS_DEBUG_ASSETS = True  # the readable sources, for a browser's debugger
    page = block.page(view="bare")
    # the script is a bundle (static/js/src/digital_service/): its readable modules when the
    # shell links them one by one, else its built copy; the stylesheet is a single file
    assert ("static/js/src/digital_service/00-kit.js" in page
            or "static/min/js/digital_service.js" in page)
    assert "static/css/digital_service.css" in page and "static/min/css/" not in page
