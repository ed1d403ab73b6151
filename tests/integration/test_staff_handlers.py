"""Staff handlers: access, the learners table (SQL paging/sorting/filtering), drill-down and
bad input — for all three blocks, driven through the workbench's real handlers."""
from __future__ import annotations

import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from asn_xblocks.review.models import AttemptRecord, LearnerReview, StaffGrade

from .case_fixtures import STAGE1_BEST, STAGE1_PARTIAL, STAGE2_GOOD, case_xml
from .conftest import demo_xml

STAFF = "staff"
JSON_HANDLERS = ["staff_learners", "staff_learner", "staff_queue", "staff_reflections",
                 "staff_grade", "staff_override", "staff_clear_override"]


# --- helpers shared by the staff test modules ---------------------------------------------

def finish_case(block, student, stage1=STAGE1_BEST, stage2=STAGE2_GOOD):
    for action in (stage1, stage2):
        status, data = block.act(action, student=student)
        assert status == 200, data
    return data


def row_of(block, student, learner_anon):
    return LearnerReview.objects.get(usage_key=str(block.usage_id), learner_id=learner_anon(student))


def play_simulation(block, student, picks):
    """Choose by index in the offered choices until the attempt ends (or picks run out)."""
    data = block.state(student)
    for pick in picks:
        node = data["view"]["node"]
        if node is None:
            break
        choices = node["choices"]
        status, data = block.act({"type": "choose", "choice": choices[pick % len(choices)]["id"]},
                                 student=student)
        assert status == 200, data
        if data["view"]["finished"]:
            break
    return data


def play_service(block, student, right=True, note=""):
    """Submit every request; ``right`` decides whether the forms are careful or careless."""
    data = block.state(student)
    view = data["view"]
    units = [u["id"] for u in view["units"]]
    for item in view["queue"]:
        request = view["requests"][item["id"]]
        form = {"requirements": {r["id"]: {"met": right} for r in request["service"]["requirements"]},
                "decision": "approve" if right else "reject",
                "route": request["service"]["unit"] if right else units[-1],
                "due": "2026-03-20", "note": note}
        status, data = block.act({"type": "submit_request", "request": item["id"], "form": form},
                                 student=student)
        assert status == 200, data
        view = data["view"]
    assert view["finished"]
    return data


def staff(block, handler, payload, student=STAFF):
    return block.call(handler, payload, student=student)


# --- access --------------------------------------------------------------------------------

@pytest.mark.parametrize("handler", JSON_HANDLERS)
def test_learners_get_403_from_every_staff_handler(make_block, learner_anon, handler):
    block = make_block(case_xml(grading="staff"))
    finish_case(block, "learner")
    row = row_of(block, "learner", learner_anon)
    before = LearnerReview.objects.filter(pk=row.pk).values().get()
    payload = {"learner": row.pk, "attempt": 1, "item": "r1", "version": 0,
               "criteria": {"c1": 2, "c2": 2}, "comment": "x", "points": 1, "reason": "r"}
    status, data = block.call(handler, payload, student="learner")
    assert status == 403, data
    assert data["error"] == "Only course staff can do this."
    assert LearnerReview.objects.filter(pk=row.pk).values().get() == before
    assert not StaffGrade.objects.exists()


def test_learners_get_403_from_the_csv(make_block):
    block = make_block(case_xml())
    status, data = block.call("staff_csv", method="get", student="learner")
    assert status == 403
    assert "staff" in data["error"]


def test_the_panel_script_loads_only_for_staff(make_block):
    block = make_block(case_xml())
    assert "staff.js" not in block.page("learner", view="bare")
    assert "staff.js" in block.page(STAFF, view="bare")
    assert block.state(STAFF)["staff"] is True and block.state("learner")["staff"] is False


# --- the learners table ---------------------------------------------------------------------

@pytest.fixture
def cohort_block(make_block):
    """A case study with 12 learners: 4 finished well, 4 partly, 4 mid-attempt."""
    block = make_block(case_xml(grading="completion", max_attempts=1))
    for i in range(12):
        student = f"peserta_{i:02d}"  # ids ending in an odd digit are in Angkatan I
        if i < 4:
            finish_case(block, student)
        elif i < 8:
            finish_case(block, student, stage1=STAGE1_PARTIAL)
        else:
            status, _data = block.act(STAGE1_BEST, student=student)
            assert status == 200
    return block


@pytest.mark.workbench_only
def test_learners_table_pages_sorts_and_filters(cohort_block):
    block = cohort_block
    status, data = staff(block, "staff_learners", {"sort": "learner", "direction": "asc",
                                                   "page_size": 5})
    assert status == 200, data
    assert data["total"] == 12 and data["pages"] == 3 and len(data["rows"]) == 5
    assert [r["learner"] for r in data["rows"]] == [f"peserta_{i:02d}" for i in range(5)]
    assert data["counts"] == {"in_progress": 4, "awaiting_grading": 0, "finished": 8}
    assert data["cohorts"] == ["Angkatan I", "Angkatan II"]
    assert data["grading"] is False
    row = data["rows"][0]
    assert row["status_label"] == "Finished" and row["best_text"] == "100%"
    assert row["score_text"] == "10 / 10" and row["attempts"] == 1
    assert row["last_activity_text"]

    status, page3 = staff(block, "staff_learners", {"sort": "learner", "direction": "asc",
                                                    "page_size": 5, "page": 3})
    assert [r["learner"] for r in page3["rows"]] == ["peserta_10", "peserta_11"]
    # a page past the end shows the last page
    status, beyond = staff(block, "staff_learners", {"sort": "learner", "page_size": 5, "page": 99})
    assert status == 200 and beyond["page"] == 3

    status, best = staff(block, "staff_learners", {"sort": "best", "direction": "desc"})
    fractions = [r["best_text"] for r in best["rows"]]
    assert fractions[:4] == ["100%"] * 4 and fractions[-4:] == ["—"] * 4  # nulls last

    status, waiting = staff(block, "staff_learners", {"status": "in_progress"})
    assert {r["learner"] for r in waiting["rows"]} == {f"peserta_{i:02d}" for i in range(8, 12)}

    status, angkatan1 = staff(block, "staff_learners", {"cohort": "Angkatan I"})
    assert angkatan1["total"] == 6 and len(angkatan1["rows"]) == 6
    assert all(r["cohort"] == "Angkatan I" for r in angkatan1["rows"])
    assert all(int(r["learner"][-1]) % 2 == 1 for r in angkatan1["rows"])

    status, search = staff(block, "staff_learners", {"search": "TA_1"})
    assert {r["learner"] for r in search["rows"]} == {"peserta_10", "peserta_11"}


def test_learners_table_pages_in_sql(cohort_block):
    """The page query is a LIMIT: a page of 5 never reads the other rows."""
    with CaptureQueriesContext(connection) as queries:
        status, data = staff(cohort_block, "staff_learners", {"page_size": 5, "page": 2})
    assert status == 200 and len(data["rows"]) == 5
    selects = [q["sql"] for q in queries.captured_queries
               if "asn_xblocks_review_learnerreview" in q["sql"] and "LIMIT" in q["sql"]]
    assert any("LIMIT 5 OFFSET 5" in sql for sql in selects), selects


@pytest.mark.parametrize("payload", [
    {"sort": "password"},
    {"sort": "learner", "direction": "sideways"},
    {"status": "bogus"},
    {"page": 0},
    {"page": "2"},
    {"page_size": 101},
    {"page_size": True},
    {"cohort": ["x"]},
])
def test_learners_table_bad_input(cohort_block, payload):
    status, data = staff(cohort_block, "staff_learners", payload)
    assert status == 400, data
    assert data["error"]


def test_staff_handlers_refuse_malformed_requests(cohort_block):
    for handler in JSON_HANDLERS:
        status, data = cohort_block.call(handler, raw=b"{nope", student=STAFF)
        assert status == 400 and data["error"] == "The request is not valid JSON.", handler
        status, data = cohort_block.call(handler, raw=b"[1]", student=STAFF)
        assert status == 400, handler
        status, data = cohort_block.call(handler, method="get", student=STAFF)
        assert status == 405, handler


@pytest.mark.parametrize("learner", [999999, -1, "1", None, True])
def test_unknown_learner_ids(cohort_block, learner):
    for handler in ("staff_learner", "staff_reflections"):
        status, data = staff(cohort_block, handler, {"learner": learner})
        assert status in (400, 404), (handler, data)
        assert data["error"]


def test_a_learner_of_another_block_is_unknown(make_block, cohort_block, learner_anon):
    other = make_block(case_xml())
    finish_case(other, "someone")
    row = row_of(other, "someone", learner_anon)
    status, data = staff(cohort_block, "staff_learner", {"learner": row.pk})
    assert status == 404, data


# --- drill-down ------------------------------------------------------------------------------

def test_drill_down_shows_each_attempt_readably(make_block, learner_anon):
    block = make_block(case_xml(grading="completion", max_attempts=2, policy="best"))
    finish_case(block, "learner", stage1=STAGE1_PARTIAL)
    version = block.state("learner")["version"]
    status, _data = block.call("retry", {"version": version}, student="learner")
    assert status == 200
    finish_case(block, "learner")
    row = row_of(block, "learner", learner_anon)
    status, data = staff(block, "staff_learner", {"learner": row.pk})
    assert status == 200, data
    assert data["learner"]["learner"] == "learner" and data["learner"]["attempts"] == 2
    first, second = data["attempts"]
    assert first["number"] == 1 and second["number"] == 2
    assert second["counts"] is True and first["counts"] is False
    assert first["raw_text"] == "6 / 10" and second["raw_text"] == "10 / 10"
    steps = first["steps"]
    assert [s["question"] for s in steps] == ["Pick one", "Pick many", "Reflect", "Last"]
    assert steps[0]["answer"] == "Beta" and steps[0]["points"] == "1 / 2"
    assert steps[0]["mark"] == "partial" and "FEEDBACK-BETA" in steps[0]["feedback_html"]
    assert steps[1]["answer"] == "Right one; Wrong one" and steps[1]["points"] == "0 / 3"
    assert steps[2]["answer"] == "I would refuse and report it" and steps[2]["points"] == "4 / 4"
    labels = {c["label"]: c["percent_text"] for c in second["competencies"]}
    assert labels == {"Integrity": "100%", "Accountable": "100%"}
    assert "{" not in json.dumps(steps[0]["answer"])  # readable, not raw JSON


def test_drill_down_of_a_simulation_replays_the_path(make_block, learner_anon):
    block = make_block(demo_xml("asn_change_simulation", "03_e_performance_en.xml"))
    data = play_simulation(block, "learner", [0] * 40)
    assert data["view"]["finished"]
    row = row_of(block, "learner", learner_anon)
    status, detail = staff(block, "staff_learner", {"learner": row.pk})
    assert status == 200, detail
    steps = detail["attempts"][0]["steps"]
    path = AttemptRecord.objects.get(review=row).answer["path"]
    choices = [s for s in steps if s["kind"] == "choice"]
    assert path and [s["item_id"] for s in choices] == path
    assert all(s["question"] and s["answer"] for s in choices)
    assert any("→" in note for s in choices for note in s["notes"])  # metric changes replayed
    assert steps[-1]["kind"] == "ending" and steps[-1]["answer"]


def test_drill_down_of_a_service_desk_explains_each_request(make_block, learner_anon):
    xml = demo_xml("asn_digital_service", "03_business_permit_en.xml")
    block = make_block(xml)
    play_service(block, "learner", right=False, note="=HYPERLINK(\"x\")")
    row = row_of(block, "learner", learner_anon)
    status, detail = staff(block, "staff_learner", {"learner": row.pk})
    assert status == 200, detail
    steps = detail["attempts"][0]["steps"]
    assert len(steps) == xml.count("<request ") > 0  # one step per request of the queue
    assert all(s["kind"] == "request" for s in steps)
    assert all(" — " in s["question"] for s in steps)
    assert all(s["answer"].startswith("Decision: Reject;") for s in steps)
    assert any("✗" in note and "expected" in note for s in steps for note in s["notes"])
    assert any(note == 'Note: =HYPERLINK("x")' for s in steps for note in s["notes"])


def test_drill_down_of_a_learner_without_a_finished_attempt(cohort_block, learner_anon):
    row = row_of(cohort_block, "peserta_09", learner_anon)
    status, detail = staff(cohort_block, "staff_learner", {"learner": row.pk})
    assert status == 200
    assert detail["attempts"] == [] and detail["learner"]["status"] == "in_progress"


def test_a_10000_learner_block_pages_with_a_constant_number_of_queries(make_block):
    """Big cohorts: the table's work does not grow with the cohort (no per-row queries,
    nothing loaded beyond the page), and the CSV streams all rows."""
    import datetime as dt

    from django.utils import timezone

    block = make_block(case_xml(grading="staff"))
    usage = str(block.usage_id)
    now = timezone.now()
    LearnerReview.objects.bulk_create([
        LearnerReview(usage_key=usage, block_type="asn_case_study", learner_id=f"anon{i:05d}",
                      username=f"user{i:05d}", cohort=("Angkatan I", "Angkatan II")[i % 2],
                      attempts=1, status=("finished", "awaiting_grading", "in_progress")[i % 3],
                      best_fraction=(i % 101) / 100, last_fraction=(i % 101) / 100,
                      points_earned=i % 11, points_possible=10,
                      last_activity=now - dt.timedelta(minutes=i))
        for i in range(10_000)], batch_size=1000)
    with CaptureQueriesContext(connection) as queries:
        status, data = staff(block, "staff_learners", {"sort": "best", "direction": "desc",
                                                       "status": "finished", "page": 7,
                                                       "cohort": "Angkatan II"})
    assert status == 200, data
    assert data["total"] == 1667 and len(data["rows"]) == 25 and data["page"] == 7
    assert [r["best_text"] for r in data["rows"]] == sorted(
        (r["best_text"] for r in data["rows"]), key=lambda t: -float(t.rstrip("%")))
    review_queries = [q["sql"] for q in queries.captured_queries
                      if "asn_xblocks_review_learnerreview" in q["sql"]]
    assert 0 < len(review_queries) <= 5, review_queries  # count, page, cohorts, status counts
    assert all("LIMIT" in q or "COUNT" in q or "DISTINCT" in q for q in review_queries)

    with CaptureQueriesContext(connection) as queries:
        status, queue = staff(block, "staff_queue", {"page": 3})
    assert status == 200 and queue["total"] == 3333 and len(queue["rows"]) == 25
    assert 0 < len([q for q in queries.captured_queries
                    if "asn_xblocks_review_learnerreview" in q["sql"]]) <= 4

    response = block.download("staff_csv")
    assert response.status_code == 200
    assert response.content.decode("utf-8-sig").count("\r\n") == 10_001
