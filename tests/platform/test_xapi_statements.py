"""Every event the blocks emit, from real learner and staff requests on the platform
runtime, through event-routing-backends' real xAPI pipeline (``xapi_events.py``): the
statements checked field by field and validated as xAPI 1.0.3."""
from __future__ import annotations

import json

import pytest

from asn_xblocks.xapi import EVENT_NAMES
from asn_xblocks.xapi import vocabulary as voc
from tests.hardening import payloads
from tests.integration.case_fixtures import STAGE1_PARTIAL, case_xml

from . import xapi_events as xe
from .conftest import demo_xml
from .runtimes import COURSE_KEY
from .test_platform_grading import act

# event-routing-backends needs Python 3.12 (the test requirements install it there only)
pytest.importorskip("event_routing_backends")

SECRET = "RAHASIA-PRIBADI-NIK-3174"  # learner text: must never reach a statement
ANSWERED = "http://adlnet.gov/expapi/verbs/answered"
COMPLETED = "http://adlnet.gov/expapi/verbs/completed"
STAGE2_WITH_SECRET = {"type": "submit_stage", "stage": "s2",
                      "answers": {"r1": f"Saya menolak {SECRET} lalu lapor", "q3": "a"}}


@pytest.fixture
def erb(site, monkeypatch):
    with xe.erb_installed():
        xe.fake_platform(monkeypatch)
        xe.fake_student_models(monkeypatch, site)
        yield site


def statements(site, usage, display_name, published=None):
    events = xe.tracker_events(site, usage, published if published is not None else site.store.events,
                               display_name)
    found = xe.statements_of(events, xe.allowed_xapi_events(EVENT_NAMES))
    for statement in found:
        xe.assert_valid_xapi(statement)
    assert len({s["id"] for s in found}) == len(found)  # one id per statement
    assert SECRET not in json.dumps(found)
    return found


def block_iri(usage) -> str:
    return f"{xe.LMS_ROOT_URL}/xblock/{usage}"


def ext(statement, name):
    return statement["context"]["extensions"].get(name)


def actor_of(site, username):
    return {"objectType": "Agent",
            "account": {"homePage": xe.LMS_ROOT_URL, "name": xe.external_id(site.person(username).user_id)}}


def check_common(site, statement, usage, username, *, item: str | None, staff_action=False):
    """Actor, the block / course activities, the attempt and block type every statement has."""
    assert statement["actor"] == actor_of(site, username)
    assert statement["version"] == "1.0.3"
    course = {"id": f"{xe.LMS_ROOT_URL}/course/{COURSE_KEY}", "objectType": "Activity",
              "definition": {"name": {"en-US": xe.COURSE_NAME},
                             "type": "http://adlnet.gov/expapi/activities/course"}}
    activities = statement["context"]["contextActivities"]
    if item is None:
        assert statement["object"]["id"] == block_iri(usage)
        assert activities == {"parent": [course]}
    else:
        assert statement["object"]["id"] == f"{block_iri(usage)}/{item}"
        assert [a["id"] for a in activities["parent"]] == [block_iri(usage)]
        assert activities["grouping"] == [course]
    assert ext(statement, voc.EXT_BLOCK_TYPE) == usage.block_type
    session = ext(statement, "https://w3id.org/xapi/openedx/extensions/session-id")
    assert session == (f"session-{username}" if staff_action is False else None)


# --- the case study ---------------------------------------------------------------------------

def test_each_case_study_question_answered_is_one_statement(erb):
    site = erb
    usage = site.import_block(case_xml(grading="staff"))
    xe.django_users(site, "ani")
    act(site, usage, "ani", STAGE1_PARTIAL)
    act(site, usage, "ani", STAGE2_WITH_SECRET)
    found = statements(site, usage, "Tiny case")
    by_object = {s["object"]["id"].rsplit("/", 1)[-1]: s for s in found}
    assert [s["verb"]["id"] for s in found] == [ANSWERED] * 4 + [COMPLETED]
    registration = found[0]["context"]["registration"]
    for statement in found:
        assert statement["context"]["registration"] == registration  # one attempt
        assert ext(statement, voc.EXT_ATTEMPT) == 1

    q1 = by_object["q1"]
    check_common(site, q1, usage, "ani", item="question/q1")
    assert q1["object"]["definition"] == {"type": "http://adlnet.gov/expapi/activities/cmi.interaction",
                                          "interactionType": "choice"}
    assert q1["result"] == {"score": {"raw": 1.0, "min": 0.0, "max": 2.0, "scaled": 0.5},
                            "success": False, "response": "b"}
    assert ext(q1, voc.EXT_COMPETENCY) == "integritas"
    assert ext(q1, voc.EXT_COMPETENCIES) == [{"id": "integritas", "earned": 1.0, "possible": 2.0}]
    assert ext(q1, voc.EXT_STAGE) == "s1"

    q2 = by_object["q2"]
    assert q2["result"] == {"score": {"raw": 0.0, "min": 0.0, "max": 3.0, "scaled": 0.0},
                            "success": False, "response": "a[,]c"}
    assert ext(q2, voc.EXT_COMPETENCY) == "akuntabel"

    r1 = by_object["r1"]  # awaiting a staff grade: no score, no text
    check_common(site, r1, usage, "ani", item="question/r1")
    assert r1["object"]["definition"]["interactionType"] == "long-fill-in"
    assert r1["result"] == {"completion": True, "extensions": {voc.EXT_STATUS: "awaiting"}}
    assert ext(r1, voc.EXT_COMPETENCY) == "integritas" and ext(r1, voc.EXT_STAGE) == "s2"
    assert ext(r1, voc.EXT_COMPETENCIES) is None  # nothing counted yet

    q3 = by_object["q3"]  # untagged: no competency
    assert q3["result"]["success"] is True and q3["result"]["response"] == "a"
    assert ext(q3, voc.EXT_COMPETENCY) is None

    finished = found[-1]
    check_common(site, finished, usage, "ani", item=None)
    assert finished["object"]["definition"] == {"name": {"en-US": "Tiny case"},
                                                "type": voc.ACTIVITY_ASSESSMENT}
    assert finished["result"] == {"score": {"raw": 2.0, "min": 0.0, "max": 10.0, "scaled": 0.2},
                                  "completion": True, "extensions": {voc.EXT_PENDING: True}}
    assert ext(finished, voc.EXT_COMPETENCIES) == [
        {"id": "integritas", "earned": 1.0, "possible": 2.0, "pending": 1},
        {"id": "akuntabel", "earned": 0.0, "possible": 3.0, "pending": 0}]


def test_a_graded_reflection_and_an_override_are_about_the_learner(erb):
    site = erb
    usage = site.import_block(case_xml(grading="staff"))
    xe.django_users(site, "ani", "staff")
    act(site, usage, "ani", STAGE1_PARTIAL)
    act(site, usage, "ani", STAGE2_WITH_SECRET)
    row_id = site.lms_handler(usage, "staff", "staff_learners").json()["rows"][0]["id"]
    body = {"learner": row_id, "attempt": 1, "item": "r1", "version": 0,
            "criteria": {"c1": 2, "c2": 0}, "comment": f"Komentar {SECRET}"}
    assert site.lms_handler(usage, "staff", "staff_grade", json.dumps(body).encode()).status == 200
    version = site.lms_handler(usage, "staff", "staff_learner", json.dumps({"learner": row_id}).encode()
                               ).json()["learner"]["version"]
    body = {"learner": row_id, "points": 7.5, "reason": f"Alasan {SECRET}", "version": version}
    assert site.lms_handler(usage, "staff", "staff_override", json.dumps(body).encode()).status == 200
    staff_events = [e for e in site.store.events if e[0] == "staff"]
    assert [name.rsplit(".", 1)[-1] for _u, name, _d in staff_events] == ["reflection_graded",
                                                                           "score_overridden"]
    graded, overridden = statements(site, usage, "Tiny case", staff_events)

    check_common(site, graded, usage, "ani", item="question/r1", staff_action=True)  # the learner, not staff
    assert graded["verb"] == {"id": "https://w3id.org/xapi/acrossx/verbs/evaluated",
                              "display": {"en": "evaluated"}}
    assert graded["result"] == {"score": {"raw": 2.0, "min": 0.0, "max": 4.0, "scaled": 0.5},
                                "success": False, "completion": True,
                                "extensions": {voc.EXT_REGRADE: False}}
    assert ext(graded, voc.EXT_ATTEMPT) == 1 and ext(graded, voc.EXT_COMPETENCY) == "integritas"
    answered = statements(site, usage, "Tiny case", [e for e in site.store.events if e[0] == "ani"])
    assert graded["context"]["registration"] == answered[0]["context"]["registration"]

    check_common(site, overridden, usage, "ani", item=None, staff_action=True)
    assert overridden["verb"]["id"] == "http://id.tincanapi.com/verb/earned"
    assert overridden["result"]["score"] == {"raw": 7.5, "min": 0.0, "max": 10.0, "scaled": 0.75}
    assert overridden["result"]["extensions"] == {voc.EXT_CLEARED: False}
    assert actor_of(site, "staff") not in [graded["actor"], overridden["actor"]]


# --- the simulation ---------------------------------------------------------------------------

def play(site, usage, username):
    tag = usage.block_type
    while True:
        state = site.lms_handler(usage, username, "state").json()
        action = payloads.next_action(tag, state)
        if action is None:
            return state
        if tag == "asn_digital_service":
            action["form"]["note"] = f"Catatan {SECRET}"
            for entry in action["form"]["requirements"].values():
                entry["reason"] = f"Alasan {SECRET}"
        act(site, usage, username, action)


def test_each_simulation_choice_and_the_ending(erb):
    site = erb
    usage = site.import_block(demo_xml("asn_change_simulation"))
    xe.django_users(site, "budi")
    play(site, usage, "budi")
    published = site.store.events
    choices = [d for _u, name, d in published if name.endswith(".choice_made")]
    ending = next(d for _u, name, d in published if name.endswith(".ending_reached"))
    found = statements(site, usage, "E-Performance")
    assert len(found) == len(choices) + 2  # each choice, the ending, the attempt

    for statement, data in zip(found, choices):
        check_common(site, statement, usage, "budi", item=f"decision/{data['node']}")
        assert statement["verb"]["id"] == ANSWERED
        assert statement["object"]["definition"]["interactionType"] == "choice"
        assert statement["result"]["response"] == data["choice"]
        items = data["items"]
        if items:  # the decision counts for competencies: their points are the score
            earned = sum(i["earned"] for i in items)
            possible = sum(i["possible"] for i in items)
            assert statement["result"]["score"]["raw"] == earned
            assert statement["result"]["score"]["max"] == possible
            assert statement["result"]["success"] is (earned >= possible)
            assert ext(statement, voc.EXT_COMPETENCIES) == [
                {"id": i["competency"], "earned": i["earned"], "possible": i["possible"]} for i in items]
        else:
            assert "score" not in statement["result"]
        assert ext(statement, voc.EXT_STEP) == data["step"]
    assert any(choice["items"] for choice in choices)  # the demo scores some decisions

    reached = found[len(choices)]
    check_common(site, reached, usage, "budi", item=f"ending/{ending['ending']}")
    expected_verb = {"success": "passed", "failure": "failed"}.get(ending["outcome"], "completed")
    assert reached["verb"]["display"] == {"en": expected_verb}
    assert reached["object"]["definition"]["type"] == voc.ACTIVITY_OBJECTIVE
    assert reached["result"]["score"] == {"raw": round(ending["score"] * 100, 4), "min": 0.0,
                                          "max": 100.0, "scaled": round(ending["score"], 4)}
    assert reached["result"]["response"] == ending["ending"]
    assert ext(reached, voc.EXT_OUTCOME) == ending["outcome"]

    finished = found[-1]
    assert finished["verb"]["id"] == COMPLETED and finished["object"]["id"] == block_iri(usage)
    assert finished["object"]["definition"]["type"] == voc.ACTIVITY_SIMULATION
    parents = {s["context"]["contextActivities"]["parent"][0]["definition"]["type"] for s in found[:-1]}
    assert parents == {voc.ACTIVITY_SIMULATION}  # the block is one activity everywhere
    block = site.lms_block(usage, "budi")
    assert finished["result"]["score"]["max"] == block.max_score()
    tally = {e["id"]: (e["earned"], e["possible"]) for e in ext(finished, voc.EXT_COMPETENCIES)}
    summed: dict[str, list[float]] = {}
    for choice in choices:
        for item in choice["items"]:
            pair = summed.setdefault(item["competency"], [0.0, 0.0])
            pair[0] += item["earned"]
            pair[1] += item["possible"]
    assert tally == {cid: tuple(pair) for cid, pair in summed.items()}  # decisions add up


# --- the service desk -------------------------------------------------------------------------

def test_each_service_desk_request_decision(erb):
    site = erb
    usage = site.import_block(demo_xml("asn_digital_service"))
    xe.django_users(site, "citra")
    play(site, usage, "citra")
    requests = [d for _u, name, d in site.store.events if name.endswith(".request_submitted")]
    found = statements(site, usage, "Business permits")
    assert len(found) == len(requests) + 1 and len(requests) >= 3

    for statement, data in zip(found, requests):
        check_common(site, statement, usage, "citra", item=f"request/{data['request']}")
        assert statement["verb"]["id"] == ANSWERED
        result = statement["result"]
        assert result["response"] == "approve"  # what the learner decided
        assert result["score"]["raw"] == data["earned"] and result["score"]["max"] == data["possible"]
        assert result["success"] is (data["earned"] >= data["possible"])
        parts = result["extensions"][voc.EXT_ITEMS]
        assert {p["kind"] for p in parts} == {"requirement", "decision", "route", "due"}
        assert sum(p["earned"] for p in parts) == data["earned"]
        assert all(set(p) <= {"id", "kind", "status", "earned", "possible", "competency", "response"}
                   for p in parts)
        assert [p.get("response") for p in parts if p["kind"] == "requirement"] == \
            ["met"] * sum(1 for p in parts if p["kind"] == "requirement")
        assert not any("response" in p for p in parts if p["kind"] == "due")  # a typed date
        assert ext(statement, voc.EXT_ROUTE) == data["route"]
        competencies = ext(statement, voc.EXT_COMPETENCIES)
        assert sum(c["possible"] for c in competencies) == sum(
            p["possible"] for p in parts if p.get("competency"))
    assert found[-1]["verb"]["id"] == COMPLETED


def test_the_events_stay_small(erb):
    """Events per learner action and their size: one event per action, plus the finish."""
    site = erb
    usage = site.import_block(demo_xml("asn_case_study"))
    play(site, usage, "dewi")
    events = [d for _u, _n, d in site.store.events]
    actions = sum(1 for _u, n, _d in site.store.events if n.endswith(".stage_submitted"))
    assert len(events) == actions + 1
    assert max(len(json.dumps(d)) for d in events) < 4000


def test_each_record_filed(erb):
    from tests.integration.desk_fixtures import PERFECT_RECORDS, file_record, records_xml

    site = erb
    usage = site.import_block(records_xml())
    xe.django_users(site, "gita")
    wrong = dict(PERFECT_RECORDS["kB"], code="800", access="biasa")  # near code, wrong access
    act(site, usage, "gita", file_record("kA", PERFECT_RECORDS["kA"]))
    act(site, usage, "gita", file_record("kB", wrong))
    found = statements(site, usage, "Records desk")
    assert [s["verb"]["id"] for s in found] == [ANSWERED, ANSWERED, COMPLETED]
    filed_a, filed_b, _finished = found

    check_common(site, filed_a, usage, "gita", item="record/kA")
    assert filed_a["result"]["score"] == {"raw": 5.0, "min": 0.0, "max": 5.0, "scaled": 1.0}
    assert filed_a["result"]["success"] is True and filed_a["result"]["response"] == "000.5.2"
    parts = {p["kind"]: p for p in filed_a["result"]["extensions"][voc.EXT_ITEMS]}
    assert set(parts) == {"code", "access", "retention", "disposition"}
    assert parts["retention"]["response"] == "2[,]1" and parts["access"]["response"] == "biasa"
    assert ext(filed_a, voc.EXT_ACCESS) == "biasa" and ext(filed_a, voc.EXT_DISPOSITION) == "musnah"

    check_common(site, filed_b, usage, "gita", item="record/kB")
    assert filed_b["result"]["response"] == "800" and filed_b["result"]["success"] is False
    parts = {p["kind"]: p for p in filed_b["result"]["extensions"][voc.EXT_ITEMS]}
    assert parts["code"]["status"] == "miss" and parts["code"]["earned"] == 1.0  # the parent code
    assert parts["access"]["status"] == "miss" and parts["retention"]["status"] == "ok"
    assert filed_b["result"]["score"]["raw"] == 1.0 + 1.0 + 1.0  # code 1 of 2, retention, disposition
