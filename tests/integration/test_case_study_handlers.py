"""The case study through the workbench's real handlers, edx-submissions and review rows."""
import json

import pytest
from submissions import api as submissions_api

from asn_xblocks.review.models import AttemptRecord, LearnerReview

from .case_fixtures import SECRETS, STAGE1_BEST, STAGE1_PARTIAL, STAGE2_GOOD, case_xml


def gradebook(block, learner_anon, student="learner"):
    """The learner's score as the LMS's gradebook holds it (weighted once)."""
    score = block.gradebook(student)
    return None if score is None else {"points_earned": score[0], "points_possible": score[1]}


def test_a_complete_attempt_scores_through_a_grade_event(make_block, learner_anon):
    block = make_block(case_xml(grading="completion"))
    with block.capture_publish() as publish:
        status, data = block.act(STAGE1_BEST)
        assert status == 200, data
        assert data["view"]["stages"][0]["status"] == "submitted"
        assert data["view"]["stages"][1]["status"] == "current"
        status, data = block.act(STAGE2_GOOD)
        assert status == 200, data
    assert data["view"]["finished"] is True
    # 2 + 3 + 4 (completion) + 1 = 10 of 10
    score = gradebook(block, learner_anon)
    assert (score["points_earned"], score["points_possible"]) == (10, 10)
    assert data["score"]["label"] == "Score: 10 / 10"
    events = [c.args[1] for c in publish.call_args_list]
    assert "completion" in events
    grades = [c.args[2] for c in publish.call_args_list if c.args[1] == "grade"]
    assert grades == [{"value": 10.0, "max_value": 10.0, "only_if_higher": None}]  # raw, once
    assert "asn_xblocks.asn_case_study.stage_submitted" in events
    assert "asn_xblocks.asn_case_study.attempt_finished" in events
    for call in publish.call_args_list:
        assert "refuse and report" not in json.dumps(call.args[2])  # no learner text in events
    row = LearnerReview.objects.get(usage_key=str(block.usage_id))
    assert row.attempts == 1 and row.status == "finished" and row.points_earned == 10
    assert row.competencies == {"integritas": [6.0, 6.0], "akuntabel": [3.0, 3.0]}
    record = AttemptRecord.objects.get(review=row)
    assert record.fraction == 1.0 and record.attempt_state["finished"]
    assert not submissions_api.get_score(block.xblock().student_item())  # one source only


def test_the_weight_is_applied_once_and_exactly(make_block, learner_anon):
    block = make_block(case_xml(grading="completion", extra='weight="7"'))
    block.act(STAGE1_PARTIAL)  # q1: 1 of 2; q2: right 1 - wrong 1 = 0 of 3
    block.act(STAGE2_GOOD)  # 4 + 1
    score = gradebook(block, learner_anon)
    # raw 6 / 10 = 0.6 × 7 = 4.2, not rounded to whole points
    assert score["points_earned"] == pytest.approx(4.2) and score["points_possible"] == 7


def test_staff_graded_reflection_counts_zero_and_waits(make_block, learner_anon):
    block = make_block(case_xml(grading="staff"))
    block.act(STAGE1_BEST)
    status, data = block.act(STAGE2_GOOD)
    assert status == 200
    reflection = data["view"]["stages"][1]["items"][0]
    assert reflection["status"] == "awaiting_grading"
    score = gradebook(block, learner_anon)
    assert (score["points_earned"], score["points_possible"]) == (6, 10)
    row = LearnerReview.objects.get(usage_key=str(block.usage_id))
    assert row.status == "awaiting_grading" and row.pending_reflections == 1
    assert data["score"]["pending"] is True


def test_nothing_secret_before_submission(make_block):
    block = make_block(case_xml(grading="staff"))
    page = block.page(view="bare")
    state = json.dumps(block.state())
    for secret in SECRETS:
        assert secret not in page, secret
        assert secret not in state, secret
    assert "NARRATIVE-ONE" in state and "INTRO-TEXT" in state
    for item in block.state()["view"]["stages"][0]["items"]:
        for option in item["options"]:
            assert set(option) == {"id", "text_html"}, option
    # after stage 1: its feedback, still nothing of stage 2's key or the model answer
    status, data = block.act(STAGE1_BEST)
    text = json.dumps(data)
    assert "FEEDBACK-ALPHA" in text and "NARRATIVE-TWO" in text
    assert "MODEL-ANSWER" not in text and "DEBRIEF-TEXT" not in text


def test_show_answer_never_keeps_model_answers_back(make_block):
    block = make_block(case_xml(show_answer="never"))
    block.act(STAGE1_BEST)
    status, data = block.act(STAGE2_GOOD)
    assert status == 200
    assert "MODEL-ANSWER" not in json.dumps(data)
    assert "DEBRIEF-TEXT" in json.dumps(data)


def test_attempt_policy_best_and_last(make_block, learner_anon):
    for policy, expected in (("best", 10), ("last", 6)):
        block = make_block(case_xml(max_attempts=2, policy=policy))
        assert block.act(STAGE1_BEST)[0] == 200
        assert block.act(STAGE2_GOOD)[0] == 200
        version = block.state()["version"]
        status, data = block.call("retry", {"version": version})
        assert status == 200, data
        assert data["attempt"]["number"] == 2 and not data["attempt"]["finished"]
        assert block.act(STAGE1_PARTIAL)[0] == 200
        status, data = block.act(STAGE2_GOOD)
        assert status == 200, data
        assert data["attempts"]["left"] == 0 and data["can_retry"] is False
        assert gradebook(block, learner_anon)["points_earned"] == expected, policy
        status, data = block.call("retry", {"version": data["version"]})
        assert status == 409


@pytest.mark.workbench_only
def test_reset_attempts_by_staff_allows_a_new_attempt(make_block):
    block = make_block(case_xml(max_attempts=1))
    assert block.act(STAGE1_BEST)[0] == 200
    status, data = block.act(STAGE2_GOOD)
    assert status == 200 and data["view"]["finished"], data
    assert block.call("retry", {"version": data["version"]})[0] == 409
    # what the LMS's "reset attempts" does: attempts = 0 in the learner's state
    from workbench.models import XBlockState

    row = XBlockState.objects.get(scope="usage", scope_id=str(block.usage_id), user_id="learner")
    stored = json.loads(row.state)
    stored["attempts"] = 0
    row.state = json.dumps(stored)
    row.save()
    assert block.call("retry", {"version": data["version"]})[0] == 200


def test_drafts_survive_a_reload(make_block):
    block = make_block(case_xml())
    block.act(STAGE1_BEST)
    version = block.state()["version"]
    status, data = block.call("draft", {"version": version, "draft": {"reflection": "r1", "text": "half a thought"}})
    assert status == 200, data
    reflection = block.state()["view"]["stages"][1]["items"][0]
    assert reflection["draft"] == "half a thought"
    assert block.state()["version"] == version  # drafts are not steps


def test_learner_text_is_kept_as_typed_and_inert(make_block):
    block = make_block(case_xml())
    block.act(STAGE1_BEST)
    text = "</script><script>alert(1)</script> gift < Rp500.000 & more"
    status, data = block.act({"type": "submit_stage", "stage": "s2", "answers": {"r1": text, "q3": "a"}})
    assert status == 200, data
    assert data["view"]["stages"][1]["items"][0]["answer"] == text
    page = block.page()
    assert "<script>alert(1)</script>" not in page
    assert "\\u003c/script\\u003e" in page


def test_due_date_passed_refuses_actions(make_block):
    block = make_block(case_xml(extra='due="2020-01-01T00:00:00Z"'))
    before = block.raw_state()
    status, data = block.act(STAGE1_BEST, version=0)
    assert status == 409 and "due date" in data["error"]
    assert block.raw_state() == before


def test_the_page_works_in_bahasa_indonesia(make_block):
    block = make_block(case_xml())
    page = block.page(lang="id")
    assert "Memuat" in page  # "Loading…" from the package's own catalogue
    assert "/static/min/js/translations/id/asn_case_study.js" in page


def test_student_view_data_is_metadata_only(make_block):
    """What the mobile apps collect once, with no learner: the title, the introduction
    (sanitized as on import), counts and competencies; nothing of a stage, an option, a
    score, feedback or a model answer."""
    hostile = ('<intro><p onclick="steal()">INTRO-TEXT <b>bold</b></p>'
               '<script>alert("INTRO-SCRIPT")</script></intro>')
    block = make_block(case_xml().replace("<intro><p>INTRO-TEXT</p></intro>", hostile))
    data = block.xblock("learner").student_view_data()
    assert data == {"display_name": "Tiny case", "intro_html": "<p>INTRO-TEXT <b>bold</b></p>",
                    "max_attempts": 1, "weight": None, "stages": 2, "questions": 3,
                    "reflections": 1, "max_points": 10, "competencies": ["integritas", "akuntabel"]}
    text = json.dumps(data)
    for secret in SECRETS + ["NARRATIVE-ONE", "onclick", "INTRO-SCRIPT"]:
        assert secret not in text, secret


def test_checked_options_survive_a_reload_as_drafts(make_block):
    block = make_block(case_xml())
    version = block.state()["version"]
    for draft in ({"question": "q1", "choice": "b"}, {"question": "q2", "choice": ["c", "a"]}):
        status, data = block.call("draft", {"version": version, "draft": draft})
        assert status == 200, data
    state = block.state()
    assert state["version"] == version  # drafts are not steps
    q1, q2 = state["view"]["stages"][0]["items"]
    assert q1["draft"] == "b" and q2["draft"] == ["a", "c"]
    assert "FEEDBACK" not in json.dumps(state)  # a draft reveals nothing
    # refusals: an unknown option (400), a question of a later stage (409)
    status, data = block.call("draft", {"version": version, "draft": {"question": "q1", "choice": "zz"}})
    assert status == 400 and data["error"]
    status, data = block.call("draft", {"version": version, "draft": {"question": "q3", "choice": "a"}})
    assert status == 409 and data["error"]
    # the submitted answers replace the drafts
    assert block.act(STAGE1_BEST)[0] == 200
    q1 = block.state()["view"]["stages"][0]["items"][0]
    assert "draft" not in q1 and q1["answer"] == "a"
    assert "choice_drafts" not in json.dumps(block.raw_state())


def test_the_server_refuses_a_short_reflection_with_the_word_limit(make_block):
    block = make_block(case_xml())
    assert block.act(STAGE1_BEST)[0] == 200
    before = block.state()
    short = {"type": "submit_stage", "stage": "s2", "answers": {"r1": "too short", "q3": "a"}}
    status, data = block.act(short, version=before["version"])
    assert status == 400
    assert data["error"] == "Write at least 3 words (you wrote 2)."
    assert data.get("item") == "r1", data  # the browser shows the error at this field
    # refused: nothing recorded, the stage is still open
    after = block.state()
    assert after["version"] == before["version"]
    assert after["view"]["stages"][1]["status"] == "current"
