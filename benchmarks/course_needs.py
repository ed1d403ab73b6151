#!/usr/bin/env python
"""Course-level training needs: does the course view cost the same for 10,000 learners as for 100?

Two case studies of one course (the workbench's course) are loaded as scenarios; learners'
facts are written in bulk (review rows, attempt records, facts) and their running totals
rebuilt with the package's own ``rebuild_tallies`` — the totals the learners' own requests
keep in step one by one, made here in one pass so that 10,000 learners take seconds to
load. Each learner has a result in both exercises, in one of four cohorts, some with a
reflection awaiting a staff grade.

The course view (``staff_course_needs``, as staff, in-process through the workbench
runtime as the workbench's handler view runs it) is timed at 100 learners and again at
10,000 (median of repeated calls, after one warm-up), and its SQL statements counted. Two
lines, in the format benchmarks/run.py reads:

    bench: course_needs_10000_vs_100 ratio=X target<=3 ok|FAIL (…)
    bench: course_needs_sql_10000_vs_100 statements=N target<=M ok|FAIL (…)

The second's target is the statement count at 100 learners: it must not grow.
Options: ``--quick`` (fewer timed calls). Run: ``.venv/bin/python benchmarks/course_needs.py``.
"""
from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks import harness

SMALL, LARGE = 100, 10_000
TARGET_RATIO = 3.0
COURSE = "workbench"  # the course key the workbench's blocks carry (course_id_str)
STAFF = "staff"


def case_olx(name: str) -> str:
    from tests.integration.case_fixtures import case_xml

    return case_xml(grading="staff").replace('display_name="Tiny case"', f'display_name="{name}"')


def learner_facts(i: int) -> list[dict]:
    """Learner ``i``'s facts on one exercise: two competencies, three scored items, a score;
    every seventh learner's reflection awaits a staff grade."""
    waiting = i % 7 == 0
    q1, q2 = (i % 3), (i % 4)
    reflection = None if waiting else float(i % 5)
    integritas_earned = q1 + (reflection or 0.0)
    integritas_possible = 2 + (0 if waiting else 4)
    return [
        {"kind": "competency", "item_id": "integritas", "value": "awaiting" if waiting else "",
         "earned": integritas_earned, "possible": integritas_possible},
        {"kind": "competency", "item_id": "akuntabel", "value": "", "earned": q2 * 0.75, "possible": 3},
        {"kind": "question", "item_id": "q1", "value": "partial", "earned": q1, "possible": 2,
         "competency": "integritas"},
        {"kind": "question", "item_id": "q2", "value": "partial", "earned": q2 * 0.75, "possible": 3,
         "competency": "akuntabel"},
        {"kind": "reflection", "item_id": "r1", "value": "awaiting" if waiting else "graded",
         "earned": reflection, "possible": 4, "competency": "integritas"},
        {"kind": "score", "item_id": "", "value": "pending" if waiting else "final",
         "earned": 5.0, "possible": 10.0, "step": i % 10},
    ]


def seed(usage_keys: list[str], start: int, stop: int) -> None:
    """Learners ``start``…``stop - 1`` on every block, in bulk, then the totals rebuilt."""
    from django.db import transaction
    from django.utils import timezone

    from asn_xblocks.review.api.facts import clean_fact, rebuild_tallies
    from asn_xblocks.review.models import AttemptFact, AttemptRecord, LearnerReview

    now = timezone.now()
    for usage_key in usage_keys:
        with transaction.atomic():
            reviews = LearnerReview.objects.bulk_create(
                [LearnerReview(usage_key=usage_key, course_key=COURSE, block_type="asn_case_study",
                               learner_id=f"anon-{i}", username=f"learner{i}", cohort=f"Angkatan {i % 4}",
                               attempts=1, status="finished", last_activity=now)
                 for i in range(start, stop)], batch_size=500)
            if reviews and reviews[0].pk is None:  # a backend that returns no ids
                reviews = list(LearnerReview.objects.filter(usage_key=usage_key,
                                                            learner_id__in=[f"anon-{i}" for i in range(start, stop)])
                               .order_by("pk"))
            records = AttemptRecord.objects.bulk_create(
                [AttemptRecord(review=review, number=1, finished_at=now, raw_earned=5, raw_possible=10,
                               fraction=0.5) for review in reviews], batch_size=500)
            facts = []
            for offset, (review, record) in enumerate(zip(reviews, records)):
                for item in learner_facts(start + offset):
                    facts.append(AttemptFact(usage_key=usage_key, cohort=review.cohort, review=review,
                                             attempt=record, **clean_fact(item)))
            AttemptFact.objects.bulk_create(facts, batch_size=1000)
        rebuild_tallies(usage_key)


def measure(usage_id: str, calls: int) -> tuple[float, int, dict]:
    """Median seconds of the course view, its SQL statements, and its answer."""
    from django.db import connection

    for _warm_up in range(3):  # caches: the parsed content, the translations
        status, data = harness.call(usage_id, STAFF, "staff_course_needs", {})
        if status != 200:
            raise SystemExit(f"bench: staff_course_needs failed: {status} {str(data)[:300]}")
    counter = harness.SqlCounter()
    with connection.execute_wrapper(counter):
        harness.call(usage_id, STAFF, "staff_course_needs", {})
    times = []
    for _ in range(calls):
        start = time.perf_counter()
        harness.call(usage_id, STAFF, "staff_course_needs", {})
        times.append(time.perf_counter() - start)
    return statistics.median(times), counter.total, data


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer timed calls")
    args = parser.parse_args()
    calls = 9 if args.quick else 31
    harness.setup("course_needs.db")
    blocks = [harness.add_scenario(case_olx(f"Exercise {n}")) for n in (1, 2)]
    seed(blocks, 0, SMALL)
    small_time, small_sql, small = measure(blocks[0], calls)
    seed(blocks, SMALL, LARGE)
    large_time, large_sql, large = measure(blocks[0], calls)
    results = {c["id"]: c["results"] for c in large["competencies"]}
    expected = {"integritas": 2 * LARGE, "akuntabel": 2 * LARGE}
    if results != expected or {c["id"]: c["results"] for c in small["competencies"]} != \
            {cid: 2 * SMALL for cid in expected}:
        raise SystemExit(f"bench: course_needs counted {results}, expected {expected}")
    ratio = large_time / small_time if small_time else float("inf")
    verdict = "ok" if ratio <= TARGET_RATIO else "FAIL"
    print(f"bench: course_needs_10000_vs_100 ratio={ratio:.2f} target<={TARGET_RATIO:g} {verdict} "
          f"(staff_course_needs median {small_time * 1000:.1f} ms at {SMALL} learners, "
          f"{large_time * 1000:.1f} ms at {LARGE}; 2 exercises, 4 cohorts; {calls} calls each)")
    verdict = "ok" if large_sql <= small_sql else "FAIL"
    print(f"bench: course_needs_sql_10000_vs_100 statements={large_sql} target<={small_sql} {verdict} "
          f"(SQL statements per course view at {LARGE} learners; {small_sql} at {SMALL})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
