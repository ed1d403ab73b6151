"""The shared shell: locking, versioning, review rows, rescore, clearing state, services."""
import json

import pytest
from django.core.cache import cache
from submissions import api as submissions_api

from asn_xblocks.review.models import LearnerReview

from .case_fixtures import STAGE1_BEST, STAGE1_PARTIAL, STAGE2_GOOD, case_xml


def runtime_block(block, student="learner"):
    return block.xblock(student)


def test_a_held_lock_refuses_a_concurrent_write(make_block, learner_anon):
    block = make_block(case_xml())
    before = block.raw_state()
    key = f"asn_xblocks:lock:{block.usage_id}:{learner_anon('learner')}"
    assert cache.add(key, 1, 10)
    status, data = block.act(STAGE1_BEST, version=0)
    assert status == 409 and "still being saved" in data["error"]
    assert block.raw_state() == before
    cache.delete(key)
    assert block.act(STAGE1_BEST, version=0)[0] == 200
    assert cache.get(key) is None  # released after the write


def test_a_request_that_read_an_old_state_is_refused_by_the_review_row(make_block):
    """The LMS may load a learner's state before taking the lock: the row's state_version
    is the compare-and-set that catches it."""
    block = make_block(case_xml())
    assert block.act(STAGE1_BEST, version=0)[0] == 200
    row = LearnerReview.objects.get()
    assert row.state_version == 1
    LearnerReview.objects.filter(pk=row.pk).update(state_version=2)  # another request won
    status, data = block.act(STAGE2_GOOD, version=1)
    assert status == 409
    assert block.state()["view"]["finished"] is False


def test_review_row_tracks_the_learner(make_block):
    block = make_block(case_xml(max_attempts=2))
    block.act(STAGE1_PARTIAL)
    row = LearnerReview.objects.get()
    assert (row.status, row.attempts, row.username) == ("in_progress", 0, "learner")
    block.act(STAGE2_GOOD)
    row.refresh_from_db()
    assert (row.status, row.attempts, row.best_fraction, row.last_fraction) == ("finished", 1, 0.6, 0.6)
    assert row.student_item["item_type"] == "asn_case_study"
    assert row.attempt_records.count() == 1


def test_rescore_publishes_the_raw_score_once(make_block, learner_anon):
    block = make_block(case_xml(max_attempts=1))
    block.act(STAGE1_BEST)
    block.act(STAGE2_GOOD)
    xblock = runtime_block(block)
    assert xblock.has_submitted_answer()
    assert xblock.get_score().raw_earned == 10
    with block.capture_publish() as publish:
        xblock.weight = 20
        xblock.rescore(only_if_higher=False)
    grades = [call.args[2] for call in publish.call_args_list if call.args[1] == "grade"]
    assert grades == [{"value": 10.0, "max_value": 10.0, "only_if_higher": False}]  # raw
    assert block.gradebook() == (10, 10)  # the stored block's weight (unset) weighs it


def test_rescore_only_if_higher_keeps_a_better_score(make_block):
    block = make_block(case_xml(max_attempts=1))
    block.act(STAGE1_BEST)
    block.act(STAGE2_GOOD)
    xblock = runtime_block(block)
    row = LearnerReview.objects.get()
    record = row.attempt_records.get()
    record.fraction = 0.1
    record.save()
    xblock.rescore(only_if_higher=True)
    assert xblock.get_score().raw_earned == 10


def test_unanswered_cannot_be_rescored(make_block):
    xblock = runtime_block(make_block(case_xml()))
    with pytest.raises(ValueError):
        xblock.rescore(only_if_higher=False)


def test_clear_student_state_resets_gradebook_and_review(make_block, learner_anon):
    block = make_block(case_xml())
    block.act(STAGE1_BEST)
    block.act(STAGE2_GOOD)
    xblock = runtime_block(block)
    item = xblock.student_item()
    xblock.clear_student_state(user_id=item["student_id"], course_id=item["course_id"],
                               item_id=item["item_id"], requesting_user_id="staff")
    assert submissions_api.get_score(item) is None
    assert not LearnerReview.objects.exists()


def test_completion_is_emitted_once(make_block):
    block = make_block(case_xml(max_attempts=2))
    with block.capture_publish() as publish:
        block.act(STAGE1_BEST)
        block.act(STAGE2_GOOD)
        block.call("retry", {"version": block.state()["version"]})
        block.act(STAGE1_BEST)
        block.act(STAGE2_GOOD)
    completions = [c for c in publish.call_args_list if c.args[1] == "completion"]
    assert len(completions) == 1 and completions[0].args[2] == {"completion": 1.0}


def test_demo_user_service_is_stable_and_knows_staff(make_block):
    xblock = runtime_block(make_block(case_xml()), "alice")
    assert xblock.learner_id == runtime_block(make_block(case_xml()), "alice").learner_id
    assert xblock.learner_id != runtime_block(make_block(case_xml()), "bob").learner_id
    assert not xblock.is_course_staff
    assert runtime_block(make_block(case_xml()), "staff").is_course_staff


def test_staff_only_handlers_refuse_learners(make_block):
    block = make_block(case_xml())
    status, data = block.call("studio_save", {"olx": case_xml()}, student="learner")
    assert status == 403 and data["error"]


def test_block_class_declares_the_contract():
    from asn_xblocks.case_study.block import CaseStudyBlock
    from asn_xblocks.digital_service.block import DigitalServiceBlock
    from asn_xblocks.simulation.block import ChangeSimulationBlock

    for cls in (CaseStudyBlock, ChangeSimulationBlock, DigitalServiceBlock):
        assert cls.has_score and cls.has_custom_completion
        assert cls.i18n_js_namespace == "AsnXBlocksI18n"
        assert "multi_device" in getattr(cls.student_view, "_supports", {}) or \
            cls.student_view._supports.get("multi_device")
    assert (CaseStudyBlock.DEFAULT_MAX_ATTEMPTS, ChangeSimulationBlock.DEFAULT_MAX_ATTEMPTS,
            DigitalServiceBlock.DEFAULT_MAX_ATTEMPTS) == (1, 3, 2)


def test_olx_export_round_trips_through_the_block(make_block):
    block = make_block(case_xml(max_attempts=2, extra='weight="5"'))
    xblock = runtime_block(block)
    exported = xblock.export_olx()
    assert 'max_attempts="2"' in exported and 'weight="5' in exported
    again = runtime_block(make_block(exported))
    assert again.content == xblock.content
    assert again.export_olx() == exported


def test_hostile_olx_from_studio_is_refused(make_block):
    block = make_block(case_xml())
    before = json.dumps(runtime_block(block).content, sort_keys=True)
    for hostile in ('<!DOCTYPE a [<!ENTITY x "y">]><asn_case_study/>', "<asn_case_study>&nbsp;</asn_case_study>",
                    "<wrong/>", "not xml"):
        status, data = block.call("studio_save", {"olx": hostile}, student="staff")
        assert status == 400 and data["error"], hostile
    assert json.dumps(runtime_block(block).content, sort_keys=True) == before


def test_studio_save_blocks_errors_and_keeps_warnings(make_block):
    block = make_block(case_xml())
    broken = case_xml().replace('score="2"', 'score="1"', 1)  # q1 has no full-score option
    status, data = block.call("studio_save", {"olx": broken}, student="staff")
    assert status == 400, data
    assert data["problems"][0]["severity"] == "error", data
    warned = case_xml(grading="staff", max_attempts=2)
    status, data = block.call("studio_save", {"olx": warned}, student="staff")
    assert status == 200 and data["saved"], data
    assert any(p["severity"] == "warning" for p in data["problems"])
    messages = runtime_block(block).validate().to_json()["messages"]
    assert any(m["type"] == "warning" for m in messages)
