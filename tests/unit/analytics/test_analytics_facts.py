"""The three blocks' analytics facts (pure): rows of a finished attempt against numbers
computed by hand from the small fixtures in tests/integration/*_fixtures.py."""
from __future__ import annotations

from collections import Counter

import pytest

from asn_xblocks.case_study import facts as case_facts
from asn_xblocks.case_study.core import CORE as CASE
from asn_xblocks.core.olx import parse_olx
from asn_xblocks.digital_service import facts as desk_facts
from asn_xblocks.digital_service.core import CORE as DESK
from asn_xblocks.review.api.facts import clean_fact
from asn_xblocks.shell.analytics import score_position
from asn_xblocks.simulation import engine
from asn_xblocks.simulation import facts as sim_facts
from asn_xblocks.simulation.core import CORE as SIM
from tests.integration.case_fixtures import STAGE1_BEST, STAGE1_PARTIAL, STAGE2_GOOD, case_xml
from tests.integration.desk_fixtures import B_HALF, C_ALL_WRONG, PERFECT, desk_xml, submit
from tests.integration.sim_fixtures import FAIL, PARTIAL, SUCCESS, sim_xml


def of(rows, kind):
    return [{k: v for k, v in r.items() if k != "kind"} for r in rows if r["kind"] == kind]


def competencies(rows):
    return {r["item_id"]: (r["earned"], r["possible"]) for r in rows if r["kind"] == "competency"}


# --- case study ----------------------------------------------------------------------------

def case_attempt(content, *actions):
    attempt = CASE.new_attempt(content, 7)
    for action in actions:
        attempt = CASE.apply_action(content, attempt, action).attempt
    assert attempt["finished"]
    return attempt


@pytest.fixture(name="staff_case")
def fixture_staff_case():
    return CASE.parse(parse_olx(case_xml(grading="staff")))


def test_case_study_options_questions_and_pending_reflection(staff_case):
    rows = case_facts.facts(staff_case, case_attempt(staff_case, STAGE1_PARTIAL, STAGE2_GOOD))
    # q1 "b" scores 1 of 2; q2 [a, c]: 3 × max(0, 1 right − 1 wrong) / 2 = 0; q3 "a" 1 of 1
    assert of(rows, "option") == [{"item_id": "q1", "value": "b"}, {"item_id": "q2", "value": "a"},
                                  {"item_id": "q2", "value": "c"}, {"item_id": "q3", "value": "a"}]
    assert of(rows, "question") == [
        {"item_id": "q1", "value": "partial", "earned": 1.0, "possible": 2.0, "competency": "integritas"},
        {"item_id": "q2", "value": "incorrect", "earned": 0.0, "possible": 3.0, "competency": "akuntabel"},
        {"item_id": "q3", "value": "correct", "earned": 1.0, "possible": 1.0, "competency": ""},
    ]
    assert of(rows, "reflection") == [{"item_id": "r1", "value": "awaiting", "earned": None,
                                       "possible": 4.0, "competency": "integritas"}]
    assert of(rows, "criterion") == []
    # the reflection waits for a grade, so integritas counts q1 only
    assert competencies(rows) == {"integritas": (1.0, 2.0), "akuntabel": (0.0, 3.0)}


def test_case_study_graded_reflection_adds_criteria_and_competency_points(staff_case):
    record = CASE.answer_record(staff_case, case_attempt(staff_case, STAGE1_BEST, STAGE2_GOOD))
    grades = {"r1": {"points": 3.0, "criteria": {"c1": 2.0, "c2": 1.0}, "comment": "ok"}}
    rows = case_facts.facts(staff_case, record, grades)
    assert of(rows, "reflection") == [{"item_id": "r1", "value": "graded", "earned": 3.0,
                                       "possible": 4.0, "competency": "integritas"}]
    assert of(rows, "criterion") == [
        {"item_id": "r1", "value": "c1", "earned": 2.0, "possible": 2.0},
        {"item_id": "r1", "value": "c2", "earned": 1.0, "possible": 2.0}]
    # integritas: q1 2/2 + r1 3/4 = 5/6; akuntabel: q2 3/3
    assert competencies(rows) == {"integritas": (5.0, 6.0), "akuntabel": (3.0, 3.0)}


def test_case_study_facts_are_the_same_from_the_attempt_and_from_its_record(staff_case):
    attempt = case_attempt(staff_case, STAGE1_PARTIAL, STAGE2_GOOD)
    assert case_facts.facts(staff_case, attempt) == case_facts.facts(
        staff_case, CASE.answer_record(staff_case, attempt))


def test_case_study_completion_mode_counts_the_reflection_at_once():
    content = CASE.parse(parse_olx(case_xml(grading="completion")))
    rows = case_facts.facts(content, case_attempt(content, STAGE1_BEST, STAGE2_GOOD))
    assert of(rows, "reflection") == [{"item_id": "r1", "value": "complete", "earned": 4.0,
                                       "possible": 4.0, "competency": "integritas"}]
    assert competencies(rows)["integritas"] == (6.0, 6.0)


def test_case_study_position_is_the_current_stage(staff_case):
    attempt = CASE.new_attempt(staff_case, 1)
    assert case_facts.position(staff_case, attempt) == "s1"
    attempt = CASE.apply_action(staff_case, attempt, STAGE1_BEST).attempt
    assert case_facts.position(staff_case, attempt) == "s2"
    assert case_facts.position_label(staff_case, "s2", str) == "Stage 2: Second"


# --- simulation ------------------------------------------------------------------------------

@pytest.fixture(name="sim")
def fixture_sim():
    return SIM.parse(parse_olx(sim_xml()))


def sim_attempt(content, choices):
    return engine.replay(content, choices)[-1]


def test_simulation_facts_of_the_success_path(sim):
    rows = sim_facts.facts(sim, sim_attempt(sim, SUCCESS))
    assert of(rows, "ending") == [{"item_id": "e_success", "value": "success", "earned": 100.0,
                                   "possible": 100.0}]
    assert of(rows, "choice") == [{"item_id": "n1", "value": "c_listen", "step": 0},
                                  {"item_id": "n2", "value": "c_allies", "step": 1},
                                  {"item_id": "n3", "value": "c_pilot", "step": 2}]
    # morale 50 → 60 → 60 → 65; support 30 → 30 → 50 → 50; hidden 5 → 6 → 6 → 6
    metrics = {(r["item_id"], r["step"]): r["earned"] for r in of(rows, "metric")}
    assert [metrics[("morale", s)] for s in range(4)] == [50, 60, 60, 65]
    assert [metrics[("support", s)] for s in range(4)] == [30, 30, 50, 50]
    assert [metrics[("zz_hidden", s)] for s in range(4)] == [5, 6, 6, 6]
    assert competencies(rows) == {"komunikasi": (4.0, 4.0), "kerja_sama": (3.0, 3.0),
                                  "mengelola_perubahan": (3.0, 3.0)}


def test_simulation_missed_chances_count_against_competencies(sim):
    # PARTIAL: c_alone (0 points) where c_allies (3, kerja_sama) was offered; at n3 support is
    # 20, so c_pilot is not offered and nothing counts there
    partial = sim_facts.facts(sim, sim_attempt(sim, PARTIAL))
    assert competencies(partial) == {"komunikasi": (4.0, 4.0), "kerja_sama": (0.0, 3.0)}
    assert of(partial, "node") == [
        {"item_id": "n1", "value": "c_listen", "earned": 4.0, "possible": 4.0, "competency": "komunikasi"},
        {"item_id": "n2", "value": "c_alone", "earned": 0.0, "possible": 3.0, "competency": "kerja_sama"}]
    fail = sim_facts.facts(sim, sim_attempt(sim, FAIL))
    assert competencies(fail) == {"komunikasi": (0.0, 4.0)}
    assert of(fail, "ending")[0]["item_id"] == "e_fail"
    assert of(fail, "ending")[0]["earned"] == pytest.approx(20.0)


@pytest.mark.parametrize("path", [SUCCESS, PARTIAL, FAIL])
def test_simulation_competencies_match_the_engine_and_the_record_replays(sim, path):
    attempt = sim_attempt(sim, path)
    rows = sim_facts.facts(sim, attempt)
    tally = engine.competency_tally(engine.Scenario(sim), attempt["path"])
    assert competencies(rows) == {cid: (e, p) for cid, (e, p) in tally.to_dict().items()}
    assert sim_facts.facts(sim, SIM.answer_record(sim, attempt)) == rows


def test_simulation_same_path_same_digest_and_the_ids_in_detail(sim):
    one = of(sim_facts.facts(sim, sim_attempt(sim, SUCCESS)), "path")[0]
    two = of(sim_facts.facts(sim, sim_attempt(sim, SUCCESS)), "path")[0]
    other = of(sim_facts.facts(sim, sim_attempt(sim, PARTIAL)), "path")[0]
    assert one == two and one["value"] != other["value"]
    assert one["detail"] == '["c_listen","c_allies","c_pilot"]'
    assert one["expected"] == "e_success" and one["step"] == 3


def test_simulation_position_is_the_node_waiting(sim):
    states = engine.replay(sim, ["c_listen"])
    assert sim_facts.position(sim, states[0]) == "n1"
    assert sim_facts.position(sim, states[1]) == "n2"
    assert sim_facts.position_label(sim, "n2", str) == "Building allies"


# --- digital service ---------------------------------------------------------------------------

@pytest.fixture(name="desk")
def fixture_desk():
    return DESK.parse(parse_olx(desk_xml()))


def desk_attempt(content, forms):
    attempt = DESK.new_attempt(content, 3)
    for rid, form in forms.items():
        attempt = DESK.apply_action(content, attempt, submit(rid, form)).attempt
    return attempt


def test_digital_service_facts_of_a_half_right_request(desk):
    forms = {"rA": PERFECT["rA"], "rB": B_HALF, "rC": PERFECT["rC"]}
    rows = desk_facts.facts(desk, desk_attempt(desk, forms))
    rb = [r for r in rows if r.get("item_id") == "rB"]
    # rB: requirements right (2), decision approve instead of return (0), route right (1),
    # due 23 March instead of 24 (the 19th is a holiday) (0): 3 of 6
    assert {r["kind"]: r["value"] for r in rb} == {"decision": "approve", "route": "ok",
                                                   "due": "miss", "request": "miss"}
    assert [r["expected"] for r in rb if r["kind"] == "decision"] == ["request_completion"]
    assert [(r["earned"], r["possible"]) for r in rb if r["kind"] == "request"] == [(3.0, 6.0)]
    requirements = Counter((r["item_id"], r["value"], r["expected"]) for r in of(rows, "requirement"))
    assert requirements == Counter({("svc:ktp", "ok", "met"): 3, ("svc:dom", "ok", "met"): 1,
                                    ("svc:dom", "ok", "not_met"): 2})
    rules = Counter((r["item_id"], r["value"]) for r in of(rows, "rule"))
    assert rules[("decision-completion", "miss")] == 1
    assert rules[("due-rule-holidays", "miss")] == 1  # rB's period skips the 19th
    assert rules[("req-invalid", "ok")] == 1 and rules[("req-missing", "ok")] == 1
    assert sum(rules.values()) == 3 * 2 + 3 * 3  # 2 requirements + decision/route/due, 3 requests
    # akuntabel: 6 requirements right of 6; pelayanan_publik (decision 2, route 1, due 1 of
    # rA and rB): 4 + 1 of 8; pengambilan_keputusan (rC's own competency): 4 of 4
    assert competencies(rows) == {"akuntabel": (6.0, 6.0), "pelayanan_publik": (5.0, 8.0),
                                  "pengambilan_keputusan": (4.0, 4.0)}


def test_digital_service_all_wrong_and_the_record_gives_the_same_facts(desk):
    attempt = desk_attempt(desk, {"rA": PERFECT["rA"], "rB": PERFECT["rB"], "rC": C_ALL_WRONG})
    rows = desk_facts.facts(desk, attempt)
    rc = {r["kind"]: r for r in rows if r.get("item_id") == "rC"}
    assert rc["decision"]["value"] == "approve" and rc["decision"]["expected"] == "reject"
    assert rc["route"]["value"] == "miss" and rc["route"]["expected"] == "u_coop"
    assert rc["request"]["earned"] == 0.0
    assert desk_facts.facts(desk, DESK.answer_record(desk, attempt)) == rows


def test_digital_service_position_counts_submitted_requests(desk):
    attempt = desk_attempt(desk, {"rA": PERFECT["rA"]})
    assert desk_facts.position(desk, attempt) == "1"
    assert desk_facts.position_label(desk, "1", str) == "1 of 3 requests submitted"


# --- the shell's cleaning of fact rows ------------------------------------------------------

def test_clean_fact_fits_the_columns_and_the_score_buckets():
    row = clean_fact({"kind": "option", "item_id": "x" * 400, "value": 5, "earned": True,
                      "possible": 2, "step": "3", "competency": None})
    assert len(row["item_id"]) == 255 and row["value"] == "5" and row["competency"] == ""
    assert row["earned"] is None and row["possible"] == 2.0 and row["step"] == 0
    assert [score_position(f) for f in (0.0, 0.099, 0.1, 0.55, 0.9, 0.999, 1.0)] == [0, 0, 1, 5, 9, 9, 9]
