"""How the cohort chose, through the real handlers: the shares on a learner's submitted
stages against a brute-force recount of what the seeded learners answered, the
``cohort_min`` threshold, the learner's own answers left out, nothing on unsubmitted
stages, and one SQL statement more at most on the learner's state call.

Cohorts: on the workbench a student id ending in an odd digit is in "Angkatan I", an even
one in "Angkatan II", none without a digit (demo/services.py); on the platform's runtimes
nobody has one, so everyone is compared with the course. The recount reads each learner's
cohort from their review row, so it holds on both."""
from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from asn_xblocks.review.models import LearnerReview

from .case_fixtures import STAGE2_GOOD, case_xml

# who answered what in stage 1: q1 (single), q2 (multiple)
SEEDED = {
    "andi_01": ("a", ["a", "b"]),
    "citra_03": ("b", ["a", "c"]),
    "eko_05": ("a", ["b"]),
    "gede_07": ("c", ["a", "b", "c"]),
    "budi_02": ("b", ["a"]),
    "dewi_04": ("a", ["c"]),
    "learner": ("c", ["a", "b"]),
}
OPTIONS = {"q1": ["a", "b", "c"], "q2": ["a", "b", "c"]}


def stage1(q1, q2):
    return {"type": "submit_stage", "stage": "s1", "answers": {"q1": q1, "q2": q2}}


def finish(block, student, answers):
    for action in (stage1(*answers), STAGE2_GOOD):
        status, data = block.act(action, student=student)
        assert status == 200, data


def cohort_block(make_block, minimum=3, show=True):
    extra = f'show_cohort="{"true" if show else "false"}" cohort_min="{minimum}"'
    return make_block(case_xml(extra=extra))


def cohorts_of(block) -> dict[str, str]:
    """Each learner's cohort as their review row holds it (learner id → cohort)."""
    return dict(LearnerReview.objects.filter(usage_key=str(block.usage_id))
                .values_list("learner_id", "cohort"))


def recount(block, viewer_id, finished_ids, minimum, stages=2):
    """The shares by brute force: the other finished learners in the viewer's cohort (all of
    them when the viewer has none), what each of them chose, whole percents rounded half up;
    q3 (stage 2, everyone answered "a") once the viewer submitted stage 2."""
    cohorts = cohorts_of(block)
    mine = cohorts.get(viewer_id, "")
    others = [student for student, learner_id in finished_ids.items()
              if learner_id != viewer_id and (not mine or cohorts[learner_id] == mine)]
    if len(others) < minimum:
        return {}
    out = {}
    for index, question in enumerate(("q1", "q2")):
        chose = [SEEDED[s][index] if isinstance(SEEDED[s][index], list) else [SEEDED[s][index]]
                 for s in others]
        out[question] = {option: int(100 * sum(option in c for c in chose) / len(others) + 0.5)
                         for option in OPTIONS[question]}
    if stages == 2:
        out["q3"] = {"a": 100, "b": 0}
    return out


def shown(payload) -> dict[str, dict[str, int]]:
    """The percents the payload shows per question of the submitted stages."""
    out = {}
    for stage in payload["view"]["stages"]:
        for item in stage["items"]:
            if item.get("options") and any("cohort" in o for o in item["options"]):
                assert stage["status"] == "submitted"
                out[item["id"]] = {o["id"]: o["cohort"]["percent"] for o in item["options"]}
    return out


@pytest.fixture
def seeded(make_block, learner_anon):
    block = cohort_block(make_block)
    for student, answers in SEEDED.items():
        finish(block, student, answers)
    block.ids = {student: learner_anon(student) for student in SEEDED}
    return block


def test_shares_match_a_brute_force_recount_for_every_learner(seeded, learner_anon):
    checked = 0
    for student in SEEDED:
        payload = seeded.state(student)
        expected = recount(seeded, learner_anon(student), seeded.ids, 3)
        assert shown(payload) == expected, student
        checked += bool(expected)
    assert checked >= 2  # the threshold does not hide everything


def test_labels_name_the_cohort_or_the_course(seeded, learner_anon):
    cohorts = cohorts_of(seeded)
    payload = seeded.state("learner")  # no cohort anywhere: the course
    option = payload["view"]["stages"][0]["items"][0]["options"][0]
    assert option["cohort"]["text"].endswith("of learners in this course chose this")
    assert option["cohort"]["text"].startswith(f'{option["cohort"]["percent"]}%')
    if cohorts[learner_anon("andi_01")]:
        option = seeded.state("andi_01")["view"]["stages"][0]["items"][0]["options"][0]
        assert option["cohort"]["text"].endswith("of your cohort chose this")


def test_own_answers_are_left_out_and_a_new_learner_sees_the_others(seeded, learner_anon):
    """A learner who has not finished sees everyone else in scope; one who finished sees
    the same others minus themselves (their facts are in the totals)."""
    status, data = seeded.act(stage1("a", ["a"]), student="hadi_09")
    assert status == 200, data
    viewer = learner_anon("hadi_09")
    assert shown(data) == recount(seeded, viewer, seeded.ids, 3, stages=1)
    # after finishing, hadi's own answer is in the totals but not in what hadi sees
    status, data = seeded.act(STAGE2_GOOD, student="hadi_09")
    assert status == 200, data
    assert shown(seeded.state("hadi_09")) == recount(seeded, viewer, seeded.ids, 3)
    ids = {**seeded.ids, "hadi_09": viewer}
    SEEDED["hadi_09"] = ("a", ["a"])
    try:
        for student in ("andi_01", "learner"):
            assert shown(seeded.state(student)) == recount(seeded, learner_anon(student), ids, 3)
    finally:
        del SEEDED["hadi_09"]


def test_nothing_below_cohort_min(make_block, learner_anon):
    block = cohort_block(make_block, minimum=7)
    for student, answers in SEEDED.items():
        finish(block, student, answers)
    for student in SEEDED:  # at most six others: below seven
        assert shown(block.state(student)) == {}, student
    status, data = block.act(stage1("a", ["a"]), student="hadi_09")
    assert status == 200
    ids = {s: learner_anon(s) for s in SEEDED}
    assert shown(data) == recount(block, learner_anon("hadi_09"), ids, 7, stages=1)


def test_nothing_for_unsubmitted_stages_or_when_off(make_block):
    block = cohort_block(make_block, minimum=1)
    finish(block, "andi_01", SEEDED["andi_01"])
    payload = block.state("citra_03")  # nothing submitted yet
    assert shown(payload) == {}
    assert "cohort" not in str(payload["view"])
    status, data = block.act(stage1("b", ["c"]), student="citra_03")
    assert status == 200
    stages = data["view"]["stages"]
    assert stages[1]["status"] == "current"
    assert all("cohort" not in option for item in stages[1]["items"]
               for option in item.get("options") or [])
    assert set(shown(data)) == {"q1", "q2"}
    off = cohort_block(make_block, minimum=1, show=False)
    finish(off, "andi_01", SEEDED["andi_01"])
    status, data = off.act(stage1("b", ["c"]), student="citra_03")
    assert status == 200 and shown(data) == {}


def test_one_statement_more_at_most_on_the_state_call(make_block):
    blocks = [cohort_block(make_block, minimum=1, show=show) for show in (False, True)]
    counts = []
    for block in blocks:
        for student, answers in list(SEEDED.items())[:4]:
            finish(block, student, answers)
        status, _data = block.act(stage1("a", ["b"]), student="hadi_09")
        assert status == 200
        block.state("hadi_09")  # warm caches (content model, revision)
        with CaptureQueriesContext(connection) as queries:
            payload = block.state("hadi_09")
        counts.append(len(queries.captured_queries))
    assert shown(payload)  # the shares are there
    assert counts[1] <= counts[0] + 1, counts


def test_the_general_api_counts_any_kind_in_one_statement(db):
    """``option_shares`` for another block's kinds (the simulation's "choice" facts, one per
    learner and node, so the item's own total is the denominator): others only, per cohort
    or the whole block, one SQL statement."""
    from django.utils import timezone

    from asn_xblocks.review import models
    from asn_xblocks.review.api import cohort, facts

    picks = {"l1": ("A", "c1"), "l2": ("A", "c2"), "l3": ("A", "c1"), "l4": ("", "c2"), "me": ("A", "c1")}
    for learner, (group, choice) in picks.items():
        row = models.LearnerReview.objects.create(usage_key="u", learner_id=learner, block_type="sim",
                                                  cohort=group, last_activity=timezone.now())
        record = models.AttemptRecord.objects.create(review=row, number=1, finished_at=timezone.now(),
                                                     raw_earned=0, raw_possible=1, fraction=0)
        facts.store_facts("u", group, row.pk, record.pk,
                          [{"kind": "choice", "item_id": "n1", "value": choice},
                           {"kind": "option", "item_id": "n1", "value": "noise"}])
    with CaptureQueriesContext(connection) as queries:
        mine = cohort.option_shares("u", "A", "me", kinds=("choice",), denominator_kind=None, items=["n1"])
    assert len(queries.captured_queries) == 1
    assert mine == {"n1": {"answered": 3, "values": {"c1": 2, "c2": 1}}}
    everyone = cohort.option_shares("u", None, "me", kinds=("choice",), denominator_kind=None)
    assert everyone == {"n1": {"answered": 4, "values": {"c1": 2, "c2": 2}}}
    assert cohort.percents(mine, 3) == {"n1": {"c1": 67, "c2": 33}}
    assert cohort.percents(mine, 4) == {}
    assert cohort.option_shares("u", "A", "me", kinds=("choice",), items=[]) == {}
    assert cohort.whole_percent(1, 8) == 13  # 12.5 rounds half up
