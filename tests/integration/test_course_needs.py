"""The course view of training needs ("Course training needs") through the real handlers:
numbers over every block of the course checked against a brute-force recount of the
learners' facts, a block of another course left out, results awaiting grading left out
and counted, the cohort filter, the CSV (BOM, formula escaping, no learner in it), staff
only, and an SQL statement count that does not grow with the number of learners.

Learners are played through the real handlers (two case studies of one course) and, for
cohorts and scale, seeded through the review API as the learners' own requests write them
(``store_facts``)."""
from __future__ import annotations

import csv
import io
from collections import defaultdict

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from asn_xblocks.review.api.facts import store_facts
from asn_xblocks.review.models import AttemptFact, AttemptRecord, LearnerReview
from asn_xblocks.shell.course_needs import scored_kinds

from .case_fixtures import STAGE1_BEST, STAGE1_PARTIAL, STAGE2_GOOD, case_xml

STAFF = "staff"
OTHER_COURSE = "course-v1:Other+C1+2026"
OTHER_BLOCK = "block-v1:Other+C1+2026+type@asn_case_study+block@elsewhere"


def course_needs(block, payload=None, student=STAFF):
    status, data = block.call("staff_course_needs", payload or {}, student=student)
    assert status == 200, data
    return data


def finish(block, student, *stages):
    for action in stages:
        status, data = block.act(action, student=student)
        assert status == 200, data


def seed(usage_key, course_key, name, cohort, facts):
    """A learner with a finished attempt and its facts, as their request writes them."""
    review = LearnerReview.objects.create(usage_key=usage_key, course_key=course_key,
                                          block_type="asn_case_study", learner_id=f"anon-{name}",
                                          username=name, cohort=cohort, attempts=1,
                                          last_activity=timezone.now())
    record = AttemptRecord.objects.create(review=review, number=1, finished_at=timezone.now(),
                                          raw_earned=0, raw_possible=10, fraction=0)
    store_facts(usage_key, cohort, review.pk, record.pk, facts, course_key=course_key)


def comp(cid, earned, possible, awaiting=False):
    return {"kind": "competency", "item_id": cid, "value": "awaiting" if awaiting else "",
            "earned": earned, "possible": possible}


def item(kind, item_id, cid, earned, possible):
    return {"kind": kind, "item_id": item_id, "competency": cid, "earned": earned, "possible": possible}


def score(value="final"):
    return {"kind": "score", "value": value, "earned": 1, "possible": 2, "step": 5}


def brute_force(course_key, cohort=None):
    """Per competency, from the learners' own facts: the mean of their results, how many
    results, how many with items awaiting grading, how many distinct scored items."""
    facts = AttemptFact.objects.filter(review__course_key=course_key)
    if cohort is not None:
        facts = facts.filter(cohort=cohort)
    results, awaiting, items = defaultdict(list), defaultdict(int), defaultdict(set)
    for fact in facts.filter(kind="competency"):
        if fact.earned is not None and fact.possible:
            results[fact.item_id].append(fact.earned / fact.possible)
        if fact.value == "awaiting":
            awaiting[fact.item_id] += 1
    for fact in facts.filter(kind__in=scored_kinds()).exclude(competency=""):
        if fact.earned is not None and fact.possible:
            items[fact.competency].add((fact.usage_key, fact.kind, fact.item_id))
    pending = facts.filter(kind="score", value="pending").count()
    return {cid: (round(sum(values) / len(values) * 100, 1), len(values), awaiting[cid],
                  len(items[cid])) for cid, values in results.items()}, pending


def shown(data):
    return {c["id"]: (c["percent"], c["results"], c["awaiting"], c["items"]) for c in data["competencies"]}


@pytest.fixture
def course(make_block):
    """Two case studies of one course played by four learners (the first grades reflections
    by staff: its learners' reflections await grading), and a block of another course."""
    graded = make_block(case_xml(grading="staff"))
    plain = make_block(case_xml(grading="completion"))
    finish(graded, "andi_01", STAGE1_BEST, STAGE2_GOOD)
    finish(graded, "budi_02", STAGE1_PARTIAL, STAGE2_GOOD)
    finish(plain, "citra_03", STAGE1_BEST, STAGE2_GOOD)
    finish(plain, "dewi_04", STAGE1_PARTIAL, STAGE2_GOOD)
    seed(OTHER_BLOCK, OTHER_COURSE, "eko", "", [comp("integritas", 0, 4), score()])
    return graded, plain


def test_the_course_view_matches_a_brute_force_recount_of_every_block(course):
    graded, plain = course
    data = course_needs(plain)
    expected, pending = brute_force(graded.course_id)
    assert shown(data) == expected
    assert set(expected) == {"integritas", "akuntabel"}
    assert data["exercises"] == 2  # the other course's block is not counted
    assert expected["integritas"][1] == 4  # one result per learner and exercise
    # the first block's two reflections await a staff grade: left out and counted
    assert pending == 2 and data["awaiting"] == 2
    assert expected["integritas"][2] == 2
    assert "2 learner results are left out" in data["awaiting_text"]
    # the same numbers whichever block of the course staff ask from
    assert shown(course_needs(graded)) == expected


def test_weak_competencies_name_their_blocks_and_items(course):
    graded, plain = course
    # a third block of the course with a weak competency, seeded
    key = "third" if graded.course_id == "workbench" else \
        f"block-v1:{graded.course_id.split(':', 1)[1]}+type@asn_case_study+block@third"
    for n, ratio in enumerate((0, 2, 0)):
        seed(key, graded.course_id, f"weak{n}", "",
             [comp("kolaborasi", ratio, 2), item("question", "qx", "kolaborasi", ratio, 2), score()])
    data = course_needs(plain)
    need = next(i for i in data["needs"]["items"] if i["id"] == "kolaborasi")
    assert (need["percent"], need["results"], need["items"]) == (33.3, 3, 1)
    (evidence,) = need["evidence"]
    assert evidence["exercise"] == "third"  # the usage key's block id: no title known here
    assert evidence["item"] == "qx" and evidence["answers"] == 3 and evidence["percent"] == 33.3
    assert data["needs"]["items"][0]["id"] == "kolaborasi"  # weakest first
    table = data["figure"]["table"]
    assert table["rows"][0][0] == "⚠ Kolaborasi" or table["rows"][0][0].endswith("kolaborasi")


def test_the_cohort_filter_and_its_bad_input(course):
    graded, plain = course
    for name, cohort, ratio in (("x1", "X", 1), ("x2", "X", 0), ("y1", "Y", 1)):
        seed(plain.usage_id, plain.course_id, name, cohort,
             [comp("integritas", ratio, 2), score()])
    data = course_needs(plain, {"cohort": "X"})
    expected, _pending = brute_force(plain.course_id, "X")
    assert shown(data) == expected == {"integritas": (25.0, 2, 0, 0)}
    assert data["scope"] == {"cohort": "X", "label": "X"}
    assert "X" in data["cohorts"] and "Y" in data["cohorts"]
    everyone = course_needs(plain)
    columns = everyone["figure"]["table"]["columns"]
    assert "X: average" in columns and "Y: learner results" in columns
    status, body = plain.call("staff_course_needs", {"cohort": "Nowhere"}, student=STAFF)
    assert status == 400 and "Nowhere" in body["error"]
    status, body = plain.call("staff_course_needs", {"learner": "x"}, student=STAFF)
    assert status == 400 and "learner" in body["error"]
    status, body = plain.call("staff_course_needs", {"cohort": 7}, student=STAFF)
    assert status == 400


def test_learners_get_403(course):
    _graded, plain = course
    status, body = plain.call("staff_course_needs", {}, student="andi_01")
    assert status == 403 and body["error"]
    response = plain.download("staff_course_needs_csv", "sep=,", student="andi_01")
    assert response.status_code == 403


def test_the_csv_has_a_bom_escapes_formulas_and_names_no_learner(course):
    graded, plain = course
    seed(plain.usage_id, plain.course_id, "=evil", "=HYPERLINK(1)",
         [comp("=cmd|x", 0, 2), item("question", "@SUM(1)", "=cmd|x", 0, 2), score()])
    response = plain.download("staff_course_needs_csv", "sep=%3B")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert response.content.startswith("\ufeff".encode())
    text = response.content.decode("utf-8-sig")
    lines = list(csv.reader(io.StringIO(text), delimiter=";"))
    assert lines[0] == ["Section", "Table", "Row", "Column", "Value"]
    cells = [cell for line in lines for cell in line]
    assert "'=cmd|x" in cells and "=cmd|x" not in cells
    assert "'=HYPERLINK(1): average" in cells  # a cohort named like a formula, in a column name
    assert not any(cell.startswith(("=", "+", "@")) for cell in cells)
    for learner in ("andi_01", "budi_02", "citra_03", "dewi_04", "=evil", "anon-"):
        assert learner not in text
    assert any(line[2] == "Results awaiting grading" and line[4] == "2" for line in lines)


def test_sql_statements_do_not_grow_with_the_learners(course):
    graded, plain = course
    facts = [comp("integritas", 1, 2), comp("akuntabel", 2, 3, awaiting=True),
             item("question", "q1", "integritas", 1, 2), score("pending")]
    for n in range(5):
        seed(plain.usage_id, plain.course_id, f"s{n}", "ABCD"[n % 4], facts)
    with CaptureQueriesContext(connection) as small:
        course_needs(plain)
    for n in range(5, 120):
        seed(graded.usage_id, graded.course_id, f"s{n}", "ABCD"[n % 4], facts)
    with CaptureQueriesContext(connection) as large:
        data = course_needs(plain)
    assert data["awaiting"] >= 120
    assert len(large.captured_queries) == len(small.captured_queries) <= 10
    tally_reads = [q["sql"] for q in large.captured_queries if "analyticstally" in q["sql"].lower()]
    assert len(tally_reads) == 3
    assert not any("attemptfact" in q["sql"].lower() or "learnerreview" in q["sql"].lower()
                   for q in large.captured_queries)
