"""Grading reflections on the rubric, regrading, the two-graders conflict, overrides — and
that each of them reaches the gradebook through edx-submissions."""
from __future__ import annotations

from unittest import mock

import pytest

from asn_xblocks.review.models import AttemptRecord, LearnerReview, StaffGrade

from .case_fixtures import STAGE1_BEST, STAGE1_PARTIAL, case_xml
from .test_staff_handlers import finish_case, play_simulation, row_of, staff


def gradebook(block, learner_anon, student="learner", tag="asn_case_study"):
    """The learner's score as the LMS's gradebook holds it (weighted once)."""
    return block.gradebook(student)


@pytest.fixture
def graded_block(make_block, learner_anon):
    """Staff grading; the learner finished with the reflection waiting (6 of 10 so far)."""
    block = make_block(case_xml(grading="staff"))
    finish_case(block, "learner")
    block.row = row_of(block, "learner", learner_anon)
    return block


def grade(block, criteria, comment="", version=0, student="staff", attempt=1, item="r1"):
    return staff(block, "staff_grade", {"learner": block.row.pk, "attempt": attempt, "item": item,
                                        "criteria": criteria, "comment": comment,
                                        "version": version}, student=student)


def test_queue_lists_waiting_reflections_and_the_form(graded_block, make_block, learner_anon):
    block = graded_block
    finish_case(block, "other_1")
    status, queue = staff(block, "staff_queue", {})
    assert status == 200, queue
    assert queue["grading"] is True and queue["waiting"] == 2
    assert [r["learner"] for r in queue["rows"]] == ["learner", "other_1"]  # oldest first
    assert all(r["pending"] == 1 for r in queue["rows"])
    status, form = staff(block, "staff_reflections", {"learner": block.row.pk})
    assert status == 200, form
    assert form["attempt"] == 1
    (item,) = form["items"]
    assert item["item_id"] == "r1" and item["text"] == "I would refuse and report it"
    assert item["grade"] is None and item["version"] == 0
    assert [c["id"] for c in item["rubric"]] == ["c1", "c2"]
    assert [lv["points"] for lv in item["rubric"][0]["levels"]] == [0, 2]
    assert "Reflect" in item["prompt_html"]


def test_grading_sets_the_gradebook_and_the_learner_sees_it(graded_block, learner_anon):
    block = graded_block
    assert gradebook(block, learner_anon) == (6, 10)
    with block.capture_publish() as publish:
        status, data = grade(block, {"c1": 2, "c2": 0}, comment="Name the regulation < Rp500.000")
    assert status == 200, data
    assert data["items"][0]["grade"]["points"] == 2 and data["items"][0]["version"] == 1
    assert data["items"][0]["grade"]["graded_by"] == "staff"
    assert "8 / 10" in data["message"]
    assert gradebook(block, learner_anon) == (8, 10)
    row = LearnerReview.objects.get(pk=block.row.pk)
    assert row.status == "finished" and row.pending_reflections == 0 and row.points_earned == 8
    assert row.competencies["integritas"] == [4.0, 6.0]  # q1 2/2 + r1 2/4
    record = AttemptRecord.objects.get(review=row)
    assert record.pending is False and record.raw_earned == 8.0
    (event,) = [c.args[2] for c in publish.call_args_list
                if c.args[1] == "asn_xblocks.asn_case_study.reflection_graded"]
    assert event["points"] == 2 and event["reflection"] == "r1" and event["regrade"] is False
    assert "Rp500" not in str(event)  # no learner or staff text in events

    learner = block.state("learner")
    assert learner["score"]["label"] == "Score: 8 / 10" and learner["score"]["pending"] is False
    reflection = learner["view"]["stages"][1]["items"][0]
    assert reflection["status"] == "graded"
    assert reflection["grade"]["comment"] == "Name the regulation < Rp500.000"
    assert {c["id"]: c["points"] for c in reflection["grade"]["criteria"]} == {"c1": 2, "c2": 0}


def test_regrade_replaces_the_grade_and_rescores(graded_block, learner_anon):
    block = graded_block
    status, first = grade(block, {"c1": 2, "c2": 0})
    assert status == 200
    status, second = grade(block, {"c1": 2, "c2": 2}, comment="Better on re-reading",
                           version=first["items"][0]["version"])
    assert status == 200, second
    assert second["items"][0]["version"] == 2
    assert StaffGrade.objects.count() == 1
    assert gradebook(block, learner_anon) == (10, 10)
    record = AttemptRecord.objects.get(review_id=block.row.pk)
    assert record.raw_earned == 10.0 and record.fraction == 1.0
    # grading down again goes back down: the base is the finish-time score, not the last one
    status, third = grade(block, {"c1": 0, "c2": 0}, version=2)
    assert status == 200
    assert gradebook(block, learner_anon) == (6, 10)


def test_two_staff_grading_at_once_the_second_is_told_who_was_first(graded_block, learner_anon):
    block = graded_block
    status, form_a = staff(block, "staff_reflections", {"learner": block.row.pk}, student="staff")
    status, form_b = staff(block, "staff_reflections", {"learner": block.row.pk}, student="staff")
    assert form_a["items"][0]["version"] == form_b["items"][0]["version"] == 0
    with mock.patch("asn_xblocks.shell.staff.UserMixin.learner_name",
                    new_callable=mock.PropertyMock, return_value="Ibu Sari"):
        status, saved = grade(block, {"c1": 2, "c2": 2}, comment="first")
    assert status == 200
    status, refused = grade(block, {"c1": 0, "c2": 0}, comment="second", version=0)
    assert status == 409, refused
    assert "Ibu Sari graded this reflection first" in refused["error"]
    grade_row = StaffGrade.objects.get()
    assert (grade_row.points, grade_row.comment, grade_row.version) == (4.0, "first", 1)
    assert gradebook(block, learner_anon) == (10, 10)
    # a regrade from a stale version is refused the same way
    status, saved2 = grade(block, {"c1": 2, "c2": 0}, version=1)
    assert status == 200
    status, refused2 = grade(block, {"c1": 0, "c2": 0}, version=1)
    assert status == 409 and "graded this reflection first" in refused2["error"]


@pytest.mark.parametrize("payload, expected", [
    ({"criteria": {"c1": 1, "c2": 2}}, 400),  # 1 is not a level of c1
    ({"criteria": {"c1": 2}}, 400),  # c2 missing
    ({"criteria": {"c1": 2, "c2": 2, "c9": 0}}, 400),  # unknown criterion
    ({"criteria": {"c1": "2", "c2": 2}}, 400),
    ({"criteria": {"c1": True, "c2": 2}}, 400),
    ({"criteria": [2, 2]}, 400),
    ({"criteria": {"c1": 2, "c2": 2}, "item": "q1"}, 400),  # not a staff-graded item
    ({"criteria": {"c1": 2, "c2": 2}, "item": "zz"}, 400),
    ({"criteria": {"c1": 2, "c2": 2}, "attempt": 7}, 404),  # unknown attempt
    ({"criteria": {"c1": 2, "c2": 2}, "attempt": "1"}, 400),
    ({"criteria": {"c1": 2, "c2": 2}, "version": -1}, 400),
    ({"criteria": {"c1": 2, "c2": 2}, "version": 3}, 409),  # stale / invented version
    ({"criteria": {"c1": 2, "c2": 2}, "comment": 5}, 400),
    ({"criteria": {"c1": 2, "c2": 2}, "comment": "x" * 5001}, 400),
    ({"criteria": {"c1": 2, "c2": 2}, "learner": 424242}, 404),
])
def test_bad_grades_change_nothing(graded_block, learner_anon, payload, expected):
    block = graded_block
    body = {"learner": block.row.pk, "attempt": 1, "item": "r1", "version": 0, "comment": ""}
    body.update(payload)
    before_row = LearnerReview.objects.filter(pk=block.row.pk).values().get()
    before_record = AttemptRecord.objects.filter(review_id=block.row.pk).values().get()
    status, data = staff(block, "staff_grade", body)
    assert status == expected, data
    assert data["error"]
    assert not StaffGrade.objects.exists()
    assert LearnerReview.objects.filter(pk=block.row.pk).values().get() == before_row
    assert AttemptRecord.objects.filter(review_id=block.row.pk).values().get() == before_record
    assert gradebook(block, learner_anon) == (6, 10)


def test_only_the_latest_finished_attempt_is_graded(make_block, learner_anon):
    block = make_block(case_xml(grading="staff", max_attempts=2))
    finish_case(block, "learner", stage1=STAGE1_PARTIAL)
    version = block.state("learner")["version"]
    assert block.call("retry", {"version": version}, student="learner")[0] == 200
    finish_case(block, "learner", stage1=STAGE1_BEST)
    block.row = row_of(block, "learner", learner_anon)
    status, data = grade(block, {"c1": 2, "c2": 2}, attempt=1)
    assert status == 409 and "latest" in data["error"]
    status, form = staff(block, "staff_reflections", {"learner": block.row.pk})
    assert form["attempt"] == 2
    status, data = grade(block, {"c1": 2, "c2": 2}, attempt=2)
    assert status == 200
    assert gradebook(block, learner_anon) == (10, 10)


def test_override_and_clear_reach_the_gradebook(graded_block, learner_anon):
    block = graded_block
    version = LearnerReview.objects.get(pk=block.row.pk).version
    with block.capture_publish() as publish:
        status, data = staff(block, "staff_override", {"learner": block.row.pk, "points": 9,
                                                       "reason": "Medical leave; oral exam",
                                                       "version": version})
    assert status == 200, data
    assert data["learner"]["override"]["points"] == 9
    assert data["learner"]["override"]["by"] == "staff" and data["learner"]["override"]["at_text"]
    assert data["learner"]["score_text"] == "9 / 10" and data["learner"]["overridden"] is True
    assert gradebook(block, learner_anon) == (9, 10)
    row = LearnerReview.objects.get(pk=block.row.pk)
    assert (row.override_points, row.override_reason, row.override_by) == (
        9, "Medical leave; oral exam", "staff")
    assert row.override_at is not None
    events = [c.args for c in publish.call_args_list
              if c.args[1] == "asn_xblocks.asn_case_study.score_overridden"]
    assert events and events[0][2]["points"] == 9 and "Medical" not in str(events[0][2])
    assert block.state("learner")["score"]["label"] == "Score: 9 / 10"

    # grading under an override keeps the override in the gradebook
    status, _graded = grade(block, {"c1": 2, "c2": 2})
    assert status == 200
    assert gradebook(block, learner_anon) == (9, 10)

    # a stale version is refused, nothing changes
    status, stale = staff(block, "staff_clear_override", {"learner": block.row.pk,
                                                          "version": version})
    assert status == 409, stale
    assert gradebook(block, learner_anon) == (9, 10)

    current = LearnerReview.objects.get(pk=block.row.pk).version
    status, cleared = staff(block, "staff_clear_override", {"learner": block.row.pk,
                                                            "version": current})
    assert status == 200, cleared
    assert cleared["learner"]["override"] is None
    assert gradebook(block, learner_anon) == (10, 10)  # back to the policy score (graded)
    row = LearnerReview.objects.get(pk=block.row.pk)
    assert row.override_points is None and row.points_earned == 10
    status, again = staff(block, "staff_clear_override", {"learner": block.row.pk,
                                                          "version": row.version})
    assert status == 409


@pytest.mark.parametrize("payload", [
    {"points": 9},  # no reason
    {"points": 9, "reason": "   "},
    {"points": 9, "reason": "x" * 1001},
    {"points": 11, "reason": "too many"},
    {"points": -1, "reason": "negative"},
    {"points": 7.125, "reason": "more than two decimals"},
    {"points": float("nan"), "reason": "not a number"},
    {"points": "9", "reason": "text"},
    {"points": 9, "reason": "ok", "version": "1"},
    {"points": 9, "reason": "ok", "learner": 0},
])
def test_bad_overrides_change_nothing(graded_block, learner_anon, payload):
    block = graded_block
    body = {"learner": block.row.pk, "version": LearnerReview.objects.get(pk=block.row.pk).version}
    body.update(payload)
    before = LearnerReview.objects.filter(pk=block.row.pk).values().get()
    status, data = staff(block, "staff_override", body)
    assert status == 400, data
    assert data["error"]
    assert LearnerReview.objects.filter(pk=block.row.pk).values().get() == before
    assert gradebook(block, learner_anon) == (6, 10)


def test_override_on_a_simulation(make_block, learner_anon):
    from .conftest import demo_xml

    block = make_block(demo_xml("asn_change_simulation", "03_e_performance_en.xml"))
    play_simulation(block, "learner", [1] * 40)
    row = row_of(block, "learner", learner_anon)
    policy = gradebook(block, learner_anon, tag="asn_change_simulation")
    assert policy is not None and policy[1] == 100
    status, data = staff(block, "staff_override", {"learner": row.pk, "points": 77,
                                                   "reason": "Group work counted",
                                                   "version": row.version})
    assert status == 200, data
    assert gradebook(block, learner_anon, tag="asn_change_simulation") == (77, 100)
    status, data = staff(block, "staff_clear_override", {"learner": row.pk,
                                                         "version": data["learner"]["version"]})
    assert status == 200, data
    assert gradebook(block, learner_anon, tag="asn_change_simulation") == policy
    # the simulation has nothing to grade by staff
    status, queue = staff(block, "staff_queue", {})
    assert status == 200 and queue["grading"] is False
    status, form = staff(block, "staff_reflections", {"learner": row.pk})
    assert status == 200 and form["items"] == []
    status, refused = staff(block, "staff_grade", {"learner": row.pk, "attempt": 1, "item": "r1",
                                                    "criteria": {}, "version": 0})
    assert status == 400


def test_reflection_without_rubric_takes_points(make_block, learner_anon):
    xml = case_xml(grading="staff").replace(
        '<rubric>', '<!--').replace('</rubric>', '-->')
    block = make_block(xml)
    finish_case(block, "learner")
    block.row = row_of(block, "learner", learner_anon)
    body = {"learner": block.row.pk, "attempt": 1, "item": "r1", "version": 0, "comment": "ok"}
    status, data = staff(block, "staff_grade", {**body, "points": 5})
    assert status == 400
    status, data = staff(block, "staff_grade", {**body, "points": 3})
    assert status == 200, data
    assert gradebook(block, learner_anon) == (9, 10)


def test_override_for_a_learner_without_a_finished_attempt(make_block, learner_anon):
    block = make_block(case_xml(grading="staff"))
    assert block.act(STAGE1_BEST, student="learner")[0] == 200  # mid-attempt: no score yet
    row = row_of(block, "learner", learner_anon)
    assert gradebook(block, learner_anon) == (0, 10)  # nothing published: 0 of the maximum
    status, data = staff(block, "staff_override", {"learner": row.pk, "points": 5,
                                                   "reason": "Excused: assessed in class",
                                                   "version": row.version})
    assert status == 200, data
    assert gradebook(block, learner_anon) == (5, 10)
    assert LearnerReview.objects.get(pk=row.pk).override_points == 5
    status, data = staff(block, "staff_clear_override", {"learner": row.pk,
                                                         "version": data["learner"]["version"]})
    assert status == 200, data
    assert gradebook(block, learner_anon) == (0, 10)  # back to nothing earned
    assert data["learner"]["score_text"] == "—"
