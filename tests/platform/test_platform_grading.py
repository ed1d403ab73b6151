"""The gradebook as the LMS computes it (``PlatformSite.gradebook`` reproduces
lms/djangoapps/grades/scores.py ``get_score``: submissions first, as already weighted; then the
student module's raw score from a ``grade`` event, weighted once; else 0 of ``max_score()``),
and the LMS's own flows on the blocks: override, rescore, reset attempts, delete state
(``PlatformSite.*_task`` reproduce instructor_task/tasks_helper/module_state.py and
instructor/enrollment.py)."""
from __future__ import annotations

import json

import pytest
from submissions import api as submissions_api

from tests.hardening import payloads
from tests.integration.case_fixtures import STAGE1_BEST, STAGE1_PARTIAL, STAGE2_GOOD, case_xml

from .conftest import TAGS, demo_xml

WEIGHTS = (None, 1, 2, 10, 100)


def act(site, usage, username, action):
    state = site.lms_handler(usage, username, "state").json()
    body = json.dumps({"version": state["version"], "action": action}).encode()
    reply = site.lms_handler(usage, username, "act", body)
    assert reply.status == 200, reply.body[:300]
    return reply.json()


def play_to_the_end(site, usage, username, wrong_first=True):
    """Finish an attempt, answering some steps wrong so the fraction is not 0 or 1."""
    tag = usage.block_type
    while True:
        state = site.lms_handler(usage, username, "state").json()
        action = payloads.next_action(tag, state)
        if action is None:
            return state
        if wrong_first and tag == "asn_case_study":
            action["answers"] = {k: ("c" if v == "a" else v) for k, v in action["answers"].items()}
        act(site, usage, username, action)


def with_weight(xml: str, weight) -> str:
    if weight is None:
        return xml
    head, rest = xml.split(">", 1)
    return f'{head} weight="{weight}">{rest}'


@pytest.mark.parametrize("weight", WEIGHTS)
@pytest.mark.parametrize("tag", TAGS)
def test_the_gradebook_fraction_is_the_blocks_own(site, tag, weight):
    usage = site.import_block(with_weight(demo_xml(tag), weight))
    play_to_the_end(site, usage, "ani")
    block = site.lms_block(usage, "ani")
    own = block.get_score()
    assert own is not None and own.raw_possible == block.max_score()  # raw, not weighted
    fraction = own.raw_earned / own.raw_possible
    earned, possible = site.gradebook(usage, "ani")
    assert possible == (weight if weight is not None else block.max_score())  # weighted once
    assert earned / possible == pytest.approx(fraction, abs=0.005)
    grades = [event for _user, event in site.store.grades if event["type"] == "grade"]
    assert len(grades) == 1 and grades[0]["max_value"] == block.max_score()


def test_max_score_is_asked_with_no_learner(site):
    """The grades transformer collects ``max_score()`` on a block with no user."""
    usage = site.import_block(case_xml())
    assert site.studio_block(usage, "nobody").max_score() == 10.0


def test_an_unattempted_block_counts_its_possible_points(site):
    usage = site.import_block(with_weight(case_xml(), 4))
    assert site.gradebook(usage, "ani") == (0.0, 4.0)


@pytest.mark.parametrize("weight", (None, 1, 4))
def test_the_lms_override_sets_and_publishes_the_score(site, weight):
    usage = site.import_block(with_weight(case_xml(max_attempts=2), weight))
    act(site, usage, "ani", STAGE1_PARTIAL)
    act(site, usage, "ani", STAGE2_GOOD)  # 6 of 10
    assert site.override_task(usage, "ani", 7.5) == "succeeded"  # the instructor's 7.5 of 10
    earned, possible = site.gradebook(usage, "ani")
    assert earned / possible == pytest.approx(0.75)
    staff = site.lms_handler(usage, "staff", "staff_learners").json()
    assert staff["rows"][0]["override"] is not None if "override" in staff["rows"][0] else True
    # an override stands: a later rescore keeps it
    site.rescore_task(usage, "ani")
    assert site.gradebook(usage, "ani")[0] / possible == pytest.approx(0.75)


def test_an_override_out_of_range_is_refused_and_changes_nothing(site):
    usage = site.import_block(case_xml())
    act(site, usage, "ani", STAGE1_BEST)
    act(site, usage, "ani", STAGE2_GOOD)
    before = site.gradebook(usage, "ani")
    for bad in (-1, 10.5):
        with pytest.raises(ValueError):
            site.override_task(usage, "ani", bad)
    assert site.gradebook(usage, "ani") == before


FIXABLE = """<asn_case_study display_name="Key fixed later" max_attempts="1">
  <stage id="s1" title="Only">
    <question id="q1" kind="single" points="4"><prompt><p>Which?</p></prompt>
      <option id="a" score="{a}"><text>Option A</text></option>
      <option id="b" score="{b}"><text>Option B</text></option>
    </question>
  </stage>
</asn_case_study>"""


def test_rescore_regrades_the_stored_answers_against_the_fixed_key(site):
    usage = site.import_block(FIXABLE.format(a=4, b=0))  # the author's key is wrong
    act(site, usage, "ani", {"type": "submit_stage", "stage": "s1", "answers": {"q1": "b"}})
    assert site.gradebook(usage, "ani") == (0.0, 4.0)
    fixed = json.dumps({"olx": FIXABLE.format(a=0, b=4)}).encode()
    assert site.studio_handler(usage, "staff", "studio_save", fixed).status == 200
    assert site.gradebook(usage, "ani") == (0.0, 4.0)  # nothing changes until a rescore
    assert site.rescore_task(usage, "ani") == "succeeded"
    assert site.gradebook(usage, "ani") == (4.0, 4.0)
    assert site.rescore_task(usage, "budi") == "skipped"  # never answered


def test_a_rescore_whose_answers_no_longer_fit_keeps_the_score(site):
    usage = site.import_block(FIXABLE.format(a=4, b=0))
    act(site, usage, "ani", {"type": "submit_stage", "stage": "s1", "answers": {"q1": "a"}})
    changed = FIXABLE.format(a=4, b=0).replace('id="q1"', 'id="q9"')
    assert site.studio_handler(usage, "staff", "studio_save",
                               json.dumps({"olx": changed}).encode()).status == 200
    assert site.rescore_task(usage, "ani") == "succeeded"
    assert site.gradebook(usage, "ani") == (4.0, 4.0)


def test_staff_grading_reaches_the_gradebook_through_the_platforms_rescore(site):
    usage = site.import_block(case_xml(grading="staff"))
    act(site, usage, "ani", STAGE1_BEST)
    act(site, usage, "ani", STAGE2_GOOD)  # 6 of 10, the reflection awaits grading
    assert site.gradebook(usage, "ani") == (6.0, 10.0)
    queue = site.lms_handler(usage, "staff", "staff_learners").json()
    row_id = queue["rows"][0]["id"]
    body = {"learner": row_id, "attempt": 1, "item": "r1", "version": 0,
            "criteria": {"c1": 2, "c2": 0}, "comment": "Name the action too."}
    reply = site.lms_handler(usage, "staff", "staff_grade", json.dumps(body).encode())
    assert reply.status == 200, reply.body[:300]
    assert site.gradebook(usage, "ani") == (8.0, 10.0)  # published by ani's own block
    assert [u for u, e in site.store.grades if e["type"] == "grade"] == ["ani", "ani"]


def test_reset_attempts_lets_the_learner_try_again(site):
    usage = site.import_block(case_xml(max_attempts=1))
    act(site, usage, "ani", STAGE1_BEST)
    act(site, usage, "ani", STAGE2_GOOD)
    assert site.lms_handler(usage, "ani", "state").json()["attempts"]["left"] == 0
    site.reset_attempts(usage, "ani")
    state = site.lms_handler(usage, "ani", "state").json()
    assert state["attempts"]["left"] == 1 and state["can_retry"]


def test_delete_state_lets_the_lms_recompute_and_retires_old_scores(site):
    from submissions.models import ScoreSummary

    usage = site.import_block(case_xml())
    act(site, usage, "ani", STAGE1_BEST)
    act(site, usage, "ani", STAGE2_GOOD)
    # a score an older version kept in edx-submissions, which would win over every event;
    # those versions recorded the submission on the learner's review row
    from asn_xblocks.review.models import LearnerReview

    item = site.lms_block(usage, "ani").student_item()
    submission = submissions_api.create_submission(item, {"old": True})
    submissions_api.set_score(submission["uuid"], 3, 10)
    LearnerReview.objects.filter(usage_key=str(usage)).update(submission_uuid=submission["uuid"])
    assert site.gradebook(usage, "ani") == (3.0, 10.0)
    site.rescore_task(usage, "ani")  # the next publish retires it
    assert site.gradebook(usage, "ani") == (10.0, 10.0)
    assert LearnerReview.objects.get(usage_key=str(usage)).submission_uuid == ""
    site.delete_state(usage, "ani")
    assert site.gradebook(usage, "ani") == (0.0, 10.0)
    assert not ScoreSummary.objects.filter(student_item__student_id=item["student_id"],
                                           latest__points_possible__gt=0).exists()


def test_a_finished_attempt_is_shown_as_taken_after_the_author_edits(site):
    usage = site.import_block(FIXABLE.format(a=4, b=0))
    act(site, usage, "ani", {"type": "submit_stage", "stage": "s1", "answers": {"q1": "a"}})
    before = site.lms_handler(usage, "ani", "state").json()
    assert before["score"]["label"] == "Score: 4 / 4"
    editor = site.render(usage, "staff", "studio_view", "studio")
    assert "1 learner has started or finished this block" in editor
    edited = FIXABLE.format(a=4, b=0).replace("Which?", "A NEW QUESTION TEXT").replace(
        "</stage>", '<question id="q2" kind="single" points="8"><prompt><p>Added later</p>'
        '</prompt><option id="x" score="8"><text>X</text></option>'
        '<option id="y" score="0"><text>Y</text></option></question></stage>')
    assert site.studio_handler(usage, "staff", "studio_save",
                               json.dumps({"olx": edited}).encode()).status == 200
    after = site.lms_handler(usage, "ani", "state").json()
    text = json.dumps(after["view"])
    assert "Which?" in text and "A NEW QUESTION TEXT" not in text and "Added later" not in text
    assert after["score"]["label"] == "Score: 4 / 4"  # not "4 / 12" on the new maximum
    assert after["view"] == before["view"]
    # a learner who starts now gets the new content
    fresh = json.dumps(site.lms_handler(usage, "budi", "state").json()["view"])
    assert "A NEW QUESTION TEXT" in fresh and "Added later" in fresh
