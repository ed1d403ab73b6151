"""The README's Aspects query (``asn_xblocks.xapi.aspects``) run for real on ClickHouse's
engine in-process (chDB), over the statements ERB makes of a seeded cohort's events, in a
table shaped as Aspects' ``xapi.xapi_events_all``: its per-competency averages per cohort
equal the block's own analytics (``AnalyticsMixin._competency_stats``, the figures the
staff panel shows) for the same learners — with reflections credited on completion, and
graded by staff (some awaiting, one regraded)."""
from __future__ import annotations

import json
import os
import tempfile

import pytest

from asn_xblocks.xapi import EVENT_NAMES
from asn_xblocks.xapi.aspects import competency_averages
from tests.integration.case_fixtures import case_xml

from . import xapi_events as xe
from .runtimes import COURSE_KEY
from .test_platform_grading import act

# event-routing-backends needs Python 3.12 (the test requirements install it there only)
pytest.importorskip("event_routing_backends")

chdb = pytest.importorskip("chdb")

# learner → (cohort, answers per attempt): stage 1 (q1, q2), stage 2 q3; two take it twice
SEED = {
    "ani": ("Angkatan I", [("a", ["a", "b"], "a")]),
    "budi": ("Angkatan I", [("b", ["a", "c"], "b"), ("a", ["a"], "a")]),
    "citra": ("Angkatan I", [("c", ["c"], "a")]),
    "dewi": ("Angkatan II", [("b", ["a", "b", "c"], "b")]),
    "eko": ("Angkatan II", [("a", ["b"], "a"), ("c", ["a", "b"], "b")]),
    "fajar": ("", [("b", ["a", "b"], "a")]),
}


def seed(site, usage):
    for learner, (_cohort, attempts) in SEED.items():
        for number, (q1, q2, q3) in enumerate(attempts):
            if number:
                state = site.lms_handler(usage, learner, "state").json()
                body = json.dumps({"version": state["version"]}).encode()
                assert site.lms_handler(usage, learner, "retry", body).status == 200
            act(site, usage, learner, {"type": "submit_stage", "stage": "s1",
                                       "answers": {"q1": q1, "q2": q2}})
            act(site, usage, learner, {"type": "submit_stage", "stage": "s2",
                                       "answers": {"r1": "saya menolak dan melapor", "q3": q3}})


def aspects_table(statements):
    """The statements in ``xapi.xapi_events_all`` as Aspects creates it."""
    from chdb import session

    db = session.Session()
    db.query("CREATE DATABASE IF NOT EXISTS xapi")
    db.query("CREATE TABLE xapi.xapi_events_all (event_id UUID, emission_time DateTime64(6), "
             "event String) ENGINE = ReplacingMergeTree ORDER BY (emission_time, event_id)")
    handle, path = tempfile.mkstemp(suffix=".jsonl")
    with os.fdopen(handle, "w", encoding="utf-8") as out:
        for statement in statements:
            out.write(json.dumps({"event_id": statement["id"],
                                  "emission_time": statement["timestamp"][:26].replace("T", " "),
                                  "event": json.dumps(statement)}) + "\n")
    db.query(f"INSERT INTO xapi.xapi_events_all SELECT * FROM file('{path}', 'JSONEachRow', "
             "'event_id UUID, emission_time DateTime64(6), event String')")
    os.unlink(path)
    return db


# staff grades of reflections (learner → [(attempt, criteria)]): dewi's is regraded
GRADES = {"ani": [(1, {"c1": 2, "c2": 2})], "budi": [(2, {"c1": 2, "c2": 0})],
          "dewi": [(1, {"c1": 0, "c2": 0}), (1, {"c1": 2, "c2": 2})]}


def grade(site, usage):
    table = site.lms_handler(usage, "staff", "staff_learners").json()
    rows = {row["learner"]: row["id"] for row in table["rows"]}
    for learner, grades in GRADES.items():
        for version, (attempt, criteria) in enumerate(grades):
            body = {"learner": rows[learner], "attempt": attempt, "item": "r1", "version": version,
                    "criteria": criteria, "comment": ""}
            reply = site.lms_handler(usage, "staff", "staff_grade", json.dumps(body).encode())
            assert reply.status == 200, reply.body[:300]


@pytest.mark.parametrize("grading", ["completion", "staff"])
def test_the_aspects_query_gives_the_blocks_own_competency_averages(site, monkeypatch, grading):
    from asn_xblocks.review import api
    from asn_xblocks.shell.staff import UserMixin

    # the LMS's course_groups cohort of each learner (UserMixin.cohort_name asks it there)
    monkeypatch.setattr(UserMixin, "cohort_name", lambda block: SEED.get(block.learner_name, ("",))[0])
    usage = site.import_block(case_xml(max_attempts=2, grading=grading))
    seed(site, usage)
    if grading == "staff":
        grade(site, usage)
    with xe.erb_installed():
        xe.fake_platform(monkeypatch)
        xe.fake_student_models(monkeypatch, site)
        xe.django_users(site, *SEED, "staff")
        events = xe.tracker_events(site, usage, site.store.events, "Tiny case")
        statements = xe.statements_of(events, xe.allowed_xapi_events(EVENT_NAMES))
    db = aspects_table(statements)
    rows = [json.loads(line) for line in
            db.query(competency_averages(), "JSONEachRow").data().splitlines() if line]
    assert rows and {r["course_key"] for r in rows} == {str(COURSE_KEY)}
    got = {(r["cohort"], r["competency"]): (r["average"], r["learners"]) for r in rows}

    staff = site.lms_block(usage, "staff")
    staff._ensure_tallies()
    own = staff._competency_stats(api.facts.Totals(staff.usage_id_str, None), None)
    expected = {(cohort, cid): (round(ratio, 4), n)
                for cohort, figures in own["cohorts"].items() for cid, (ratio, n) in figures.items()}
    assert set(own["cohorts"]) == {"Angkatan I", "Angkatan II", ""}
    assert got == expected
    if grading == "staff":  # the graded reflections count (integritas: q1 and r1)
        # ani: q1 a (2/2) + r1 4/4; budi's latest: q1 a (2/2) + r1 2/4; citra: q1 c, r1 awaiting
        assert got[("Angkatan I", "integritas")] == (round((6 / 6 + 4 / 6 + 0 / 2) / 3, 4), 3)
    # and the same by hand for one figure: Angkatan II on akuntabel (q2, 3 points):
    # dewi a,b,c → 3×(2−1)/2 = 1.5; eko's latest a,b → 3 → mean of 0.5 and 1.0
    assert got[("Angkatan II", "akuntabel")] == (0.75, 2)
