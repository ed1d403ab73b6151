"""Cohort analytics through the real handlers: facts written when attempts finish and when
staff grade, the numbers staff see per block (worked out by hand from the small fixtures),
the cohort filter, bad input, the CSV, a query count that does not grow with the cohort,
and the seeded demo cohort on every demo block.

Demo cohorts: a student id ending in an odd digit is in "Angkatan I", even in "Angkatan II",
no digit in no cohort (demo/services.py)."""
from __future__ import annotations

import csv
import io
import json

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from asn_xblocks.review.models import AttemptFact, AttemptRecord, LearnerReview

from .case_fixtures import STAGE1_BEST, STAGE1_PARTIAL, STAGE2_GOOD, case_xml
from .desk_fixtures import B_HALF, C_ALL_WRONG, PERFECT, desk_xml, submit
from .sim_fixtures import FAIL, SUCCESS, sim_xml

STAFF = "staff"


def analytics(block, payload=None, student=STAFF):
    status, data = block.call("staff_analytics", payload or {}, student=student)
    assert status == 200, data
    return data


def section(data, sid):
    return next(s for s in data["sections"] if s["id"] == sid)


def rows(figure):
    """The figure's table with numbers where the cell has one, text otherwise."""
    return [[c["v"] if isinstance(c, dict) and c.get("v") is not None else
             (c["t"] if isinstance(c, dict) else c) for c in row] for row in figure["table"]["rows"]]


def competency_row(data, label):
    figure = section(data, "competencies")["figures"][0]
    return next(r for r in rows(figure) if r[0].lstrip("⚠ ") == label)


def finish_case(block, student, *stages):
    for action in stages:
        status, data = block.act(action, student=student)
        assert status == 200, data


def choose(block, student, choices):
    for choice in choices:
        status, data = block.act({"type": "choose", "choice": choice}, student=student)
        assert status == 200, data


def csv_rows(block, query="", student=STAFF):
    response = block.download("staff_analytics_csv", query, student)
    return response, response.content


# --- case study ------------------------------------------------------------------------------

@pytest.mark.workbench_only
def test_case_study_answers_competencies_needs_and_grading(make_block, learner_anon):
    block = make_block(case_xml(grading="staff"))
    finish_case(block, "andi_01", STAGE1_BEST, STAGE2_GOOD)  # q1 a 2/2, q2 3/3, q3 1/1
    finish_case(block, "budi_02", STAGE1_PARTIAL, STAGE2_GOOD)  # q1 b 1/2, q2 0/3, q3 1/1
    finish_case(block, "citra_03", STAGE1_PARTIAL)  # stops before stage 2
    data = analytics(block)
    assert data["counts"] == {"total": 3, "finished": 2, "active": 1}

    q1 = section(data, "answers")["figures"][0]
    assert [r[:3] for r in rows(q1)] == [["✓ Alpha", 1, 50.0], ["Beta", 1, 50.0], ["Gamma", 0, 0.0]]
    assert "<svg" in q1["svg"] and 'role="img"' in q1["svg"]
    # both reflections wait for a grade: no final score yet, and integritas counts q1 only
    scores = section(data, "scores")
    assert scores["figures"] == [] and scores["intro"].startswith("2 attempts are waiting")
    # integritas: andi 2/2, budi 1/2 → 75 %; akuntabel: andi 3/3, budi 0/3 → 50 % (a need)
    assert competency_row(data, "Integrity")[1:3] == [75.0, 2]
    akuntabel = competency_row(data, "Accountable")
    assert akuntabel[1:3] == [50.0, 2]
    assert akuntabel[3:] == [100.0, 1, 0.0, 1, 0]  # Angkatan I (andi), Angkatan II (budi)
    # the last column: learners whose integritas items await grading (not counted yet)
    assert competency_row(data, "Integrity")[-1] == 2
    assert [item["id"] for item in data["needs"]["items"]] == ["akuntabel"]
    assert data["needs"]["items"][0]["evidence"][0]["label"] == "Question “Pick many”"
    stops = section(data, "stops")["figures"][0]
    assert rows(stops) == [["Stage 2: Second", 1, 100.0]]

    # staff grade andi's reflection 2 of 4: the facts are rebuilt with the grade
    row = LearnerReview.objects.get(usage_key=block.usage_id, learner_id=learner_anon("andi_01"))
    status, answer = block.call("staff_grade", {"learner": row.pk, "attempt": 1, "item": "r1",
                                                "criteria": {"c1": 2, "c2": 0}, "version": 0,
                                                "comment": ""}, student=STAFF)
    assert status == 200, answer
    data = analytics(block)
    rubric = section(data, "rubric")["figures"][0]
    assert [r[:4] for r in rows(rubric)] == [["R1 Rule", 2.0, 2.0, 100.0], ["R1 Action", 0.0, 2.0, 0.0]]
    # andi now has a final score: q1 2 + q2 3 + r1 2 + q3 1 = 8 of 10
    scores = section(data, "scores")
    assert [r[:2] for r in rows(scores["figures"][0]) if r[1]] == [["80–89%", 1]]
    # integritas: andi (2 + 2) / (2 + 4), budi 1/2 → (66.7 + 50) / 2 = 58.3 %
    assert competency_row(data, "Integrity")[1] == pytest.approx(58.3, abs=0.05)
    assert {item["id"] for item in data["needs"]["items"]} == {"akuntabel", "integritas"}
    assert AttemptFact.objects.filter(usage_key=block.usage_id, kind="score").count() == 2


def test_a_new_attempt_replaces_the_learners_facts(make_block):
    block = make_block(case_xml(max_attempts=2))
    finish_case(block, "andi_01", STAGE1_PARTIAL, STAGE2_GOOD)
    status, data = block.call("retry", {"version": block.state("andi_01")["version"]}, "andi_01")
    assert status == 200, data
    finish_case(block, "andi_01", STAGE1_BEST, STAGE2_GOOD)
    q1 = section(analytics(block), "answers")["figures"][0]
    assert [r[:2] for r in rows(q1)] == [["✓ Alpha", 1], ["Beta", 0], ["Gamma", 0]]
    numbers = set(AttemptFact.objects.filter(usage_key=block.usage_id)
                  .values_list("attempt__number", flat=True))
    assert numbers == {2}


# --- simulation -------------------------------------------------------------------------------

def test_simulation_endings_choices_paths_trajectories_and_stops(make_block):
    block = make_block(sim_xml())
    choose(block, "andi_01", SUCCESS)
    choose(block, "budi_02", SUCCESS)
    choose(block, "citra_03", FAIL)
    choose(block, "dewi_04", ["c_listen"])  # waits at n2
    data = analytics(block)
    endings = rows(section(data, "endings")["figures"][0])
    assert [(r[0], r[2]) for r in endings] == [("ENDING-SUCCESS-TITLE", 2), ("ENDING-PARTIAL-TITLE", 0),
                                               ("ENDING-FAIL-TITLE", 1)]
    n1 = section(data, "choices")["figures"][0]
    assert [r[:3] for r in rows(n1)] == [["Listen first", 2, pytest.approx(66.7, abs=0.05)],
                                         ["Give orders", 1, pytest.approx(33.3, abs=0.05)]]
    paths = rows(section(data, "paths")["figures"][0])
    assert paths[0][1:4] == ["Listen first → Find allies → Run a pilot", "ENDING-SUCCESS-TITLE", 2]
    assert paths[1][1:4] == ["Give orders", "ENDING-FAIL-TITLE", 1]
    metrics = section(data, "metrics")["figures"][0]
    assert metrics["table"]["columns"][1:4] == ["Morale", "Support", "HIDDEN-METRIC-LABEL (hidden)"]
    trajectory = rows(metrics)
    # morale: start 50; after one decision (60 + 60 + 20) / 3; after two 60 (the successes)
    assert [r[1] for r in trajectory] == [50.0, pytest.approx(46.67, abs=0.01), 60.0, 65.0]
    assert [r[-1] for r in trajectory] == [3, 3, 2, 2]
    assert rows(section(data, "stops")["figures"][0]) == [["Building allies", 1, 100.0]]
    # komunikasi: andi, budi 4/4, citra 0/4 → 66.7 % (below 70 %)
    assert competency_row(data, "Communication")[1:3] == [pytest.approx(66.7, abs=0.05), 3]
    assert "komunikasi" in [item["id"] for item in data["needs"]["items"]]


# --- digital service --------------------------------------------------------------------------

def test_digital_service_misses_decisions_process_and_requests(make_block):
    block = make_block(desk_xml())
    for rid, form in PERFECT.items():
        assert block.act(submit(rid, form), student="andi_01")[0] == 200
    for rid, form in (("rA", PERFECT["rA"]), ("rB", B_HALF), ("rC", C_ALL_WRONG)):
        assert block.act(submit(rid, form), student="budi_02")[0] == 200
    assert block.act(submit("rA", PERFECT["rA"]), student="citra_03")[0] == 200  # stops
    data = analytics(block)
    decisions = rows(section(data, "decisions")["figures"][0])
    # expected approve: 2 × approve; return: andi right, budi approve; reject: andi right, budi approve
    assert [r[:4] for r in decisions] == [["Approve", 2, 0, 0], ["Return to be completed", 1, 1, 0],
                                          ["Reject", 1, 0, 1]]
    process = {r[0]: r[1:] for r in rows(section(data, "process")["figures"][0])}
    assert process["Routing"] == [6, 1, pytest.approx(16.7, abs=0.05)]  # budi's rC
    assert process["Due date"] == [6, 2, pytest.approx(33.3, abs=0.05)]  # budi's rB and rC
    requests = rows(section(data, "requests")["figures"][0])
    assert [(r[0], r[2]) for r in requests] == [("Budi Hartono — Shop permit", 1),
                                                ("Citra Dewi — Shop permit", 1),
                                                ("Ani Lestari — Shop permit", 0)]
    misses = {r[0]: r[1:] for r in rows(section(data, "misses")["figures"][0])}
    # budi's rC: ktp judged not met (missed), dom judged met where none is attached (missed)
    assert misses["ID card (Shop permit)"] == [6, 1, pytest.approx(16.7, abs=0.05)]
    assert rows(section(data, "stops")["figures"][0]) == [["1 of 3 requests submitted", 1, 100.0]]


# --- filters, bad input, CSV --------------------------------------------------------------------

@pytest.mark.workbench_only
def test_cohort_filter_and_no_cohort(make_block):
    block = make_block(case_xml())
    finish_case(block, "andi_01", STAGE1_BEST, STAGE2_GOOD)
    finish_case(block, "budi_02", STAGE1_PARTIAL, STAGE2_GOOD)
    finish_case(block, "learner", STAGE1_PARTIAL, STAGE2_GOOD)  # no digit: no cohort
    everyone = analytics(block)
    assert everyone["cohorts"] == ["Angkatan I", "Angkatan II"] and everyone["counts"]["total"] == 3
    first = analytics(block, {"cohort": "Angkatan I"})
    assert first["scope"] == {"cohort": "Angkatan I", "label": "Angkatan I"}
    assert first["counts"]["total"] == 1
    assert [r[1] for r in rows(section(first, "answers")["figures"][0])] == [1, 0, 0]
    none = analytics(block, {"cohort": "__none__"})
    assert none["counts"]["total"] == 1 and none["scope"]["label"] == "Learners without a cohort"
    assert [r[1] for r in rows(section(none, "answers")["figures"][0])] == [0, 1, 0]


@pytest.mark.workbench_only
def test_bad_input_is_refused_and_changes_nothing(make_block):
    block = make_block(case_xml())
    finish_case(block, "andi_01", STAGE1_BEST, STAGE2_GOOD)

    def snapshot():
        return (list(AttemptFact.objects.values().order_by("pk")),
                list(LearnerReview.objects.values().order_by("pk")))

    before = snapshot()
    assert block.call("staff_analytics", {}, student="andi_01")[0] == 403
    status, data = block.call("staff_analytics", {"cohort": "Angkatan IX"}, student=STAFF)
    assert status == 400 and data["error"] == 'There is no cohort "Angkatan IX" in this exercise.'
    status, data = block.call("staff_analytics", {"learner": 5}, student=STAFF)
    assert status == 400 and "Unknown filter" in data["error"]
    assert block.call("staff_analytics", {"cohort": ["Angkatan I"]}, student=STAFF)[0] == 400
    assert block.call("staff_analytics", raw=b"{nope", student=STAFF)[0] == 400
    assert block.call("staff_analytics", {}, student=STAFF, method="get")[0] == 405
    response, body = csv_rows(block, student="andi_01")
    assert response.status_code == 403
    response, body = csv_rows(block, "&cohort=Angkatan%20IX")
    assert response.status_code == 400 and b"Angkatan IX" in body
    assert csv_rows(block, "&sep=%7C")[0].status_code == 400
    assert snapshot() == before


@pytest.mark.workbench_only  # cohorts come from the demo's user service
@pytest.mark.parametrize("separator", [",", ";"])
def test_csv_is_utf8_with_bom_numbers_and_escaped_formulas(make_block, separator):
    xml = case_xml().replace("<intro>", '<competency id="akuntabel" label="=SUM(A1)"/><intro>', 1)
    block = make_block(xml)
    finish_case(block, "andi_01", STAGE1_PARTIAL, STAGE2_GOOD)
    response, body = csv_rows(block, f"&sep={'%3B' if separator == ';' else ','}&cohort=Angkatan%20I")
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    assert 'filename="asn_case_study-analytics.csv"' in response["Content-Disposition"]
    assert body.startswith(b"\xef\xbb\xbf")
    lines = list(csv.reader(io.StringIO(body.decode("utf-8-sig")), delimiter=separator))
    assert lines[0] == ["Section", "Table", "Row", "Column", "Value"]
    assert ["Scope", "", "Cohort", "", "Angkatan I"] in lines
    cells = [cell for line in lines for cell in line]
    assert "=SUM(A1)" not in cells and "'=SUM(A1)" in cells
    need = next(line for line in lines if line[0] == "Training needs" and line[3] == "Average (%)")
    assert need[2] == "'=SUM(A1)" and need[4] == "0"  # akuntabel 0 of 3
    # q1 answered "Beta" by the one learner: a share of 100 %
    share = next(line for line in lines if line[2] == "Beta" and line[3] == "Share")
    assert share[4] == "100"
    integrity = next(line for line in lines if line[2] == "Integrity" and line[3].endswith("average"))
    assert integrity[4] == ("83,3" if separator == ";" else "83.3")  # q1 1/2 + r1 4/4 = 5/6


def test_query_count_does_not_grow_with_the_cohort(make_block):
    block = make_block(case_xml())
    students = ["andi_01", "budi_02", "citra_03", "dewi_04", "eko_05", "fitri_06", "gede_07"]
    stage1 = [STAGE1_BEST, STAGE1_PARTIAL] * 4
    for student, first in zip(students[:2], stage1):
        finish_case(block, student, first, STAGE2_GOOD)
    with CaptureQueriesContext(connection) as small:
        analytics(block)
    for student, first in zip(students[2:], stage1):
        finish_case(block, student, first, STAGE2_GOOD)
    with CaptureQueriesContext(connection) as large:
        analytics(block)
    assert len(large.captured_queries) == len(small.captured_queries) <= 25


# --- the seeded demo cohort ------------------------------------------------------------------------

def test_every_demo_block_on_the_seeded_demo_cohort():
    from workbench.scenarios import get_scenarios

    call_command("asn_seed_demo", learners=8, stdout=io.StringIO())
    scenarios = sorted((name, sc.usage_id) for name, sc in get_scenarios().items()
                       if name.split(".")[0] in ("asn_case_study", "asn_change_simulation",
                                                 "asn_digital_service"))
    assert len(scenarios) >= 9
    from django.test import Client

    client = Client()
    for name, usage_id in scenarios:
        response = client.post(f"/handler/{usage_id}/staff_analytics/?student={STAFF}", "{}",
                               content_type="application/json")
        assert response.status_code == 200, (name, response.content[:300])
        data = json.loads(response.content)
        reviews = LearnerReview.objects.filter(usage_key=usage_id)
        finished = reviews.filter(attempts__gt=0).count()
        assert data["counts"]["total"] == reviews.count() and data["counts"]["finished"] == finished
        # one latest finished attempt per learner carries the facts
        scored = AttemptFact.objects.filter(usage_key=usage_id, kind="score")
        assert scored.count() == finished
        latest = {r.pk: max(r.attempt_records.values_list("number", flat=True)) for r in
                  reviews.filter(attempts__gt=0)}
        assert all(latest[f.review_id] == AttemptRecord.objects.get(pk=f.attempt_id).number
                   for f in scored)
        competencies = section(data, "competencies")["figures"]
        if finished:
            assert competencies, name
            assert all(0 < r[2] <= finished for r in rows(competencies[0])), name
            assert data["needs"]["text"]
        for sec in data["sections"]:
            for figure in sec["figures"]:
                assert figure["svg"].startswith("<svg") and figure["table"]["rows"], (name, figure["id"])
        if name.startswith("asn_case_study"):
            for figure in section(data, "answers")["figures"]:
                shares = [r[2] for r in rows(figure)]
                assert sum(shares) >= 99.5, (name, figure["title"])  # ≥ 100 % with multiple choice
        if name.startswith("asn_change_simulation") and finished:
            endings = rows(section(data, "endings")["figures"][0])
            assert sum(r[2] for r in endings) == finished


def test_deleting_a_learners_state_takes_them_out_of_the_analytics(make_block):
    block = make_block(case_xml())
    finish_case(block, "andi_01", STAGE1_BEST, STAGE2_GOOD)
    finish_case(block, "budi_02", STAGE1_PARTIAL, STAGE2_GOOD)
    xblock = block.xblock("andi_01")
    item = xblock.student_item()
    xblock.clear_student_state(user_id=item["student_id"], course_id=item["course_id"],
                               item_id=item["item_id"], requesting_user_id=STAFF)
    data = analytics(block)
    assert data["counts"]["total"] == 1
    assert [r[1] for r in rows(section(data, "answers")["figures"][0])] == [0, 1, 0]
    assert competency_row(data, "Accountable")[1:3] == [0.0, 1]  # budi's 0 of 3 only


def test_totals_rebuild_themselves_after_review_rows_are_deleted_in_bulk(make_block):
    block = make_block(case_xml())
    finish_case(block, "andi_01", STAGE1_BEST, STAGE2_GOOD)
    finish_case(block, "budi_02", STAGE1_PARTIAL, STAGE2_GOOD)
    LearnerReview.objects.filter(usage_key=block.usage_id, username="andi_01").delete()  # an admin
    data = analytics(block)
    assert [r[1] for r in rows(section(data, "answers")["figures"][0])] == [0, 1, 0]
    assert competency_row(data, "Accountable")[1:3] == [0.0, 1]
