"""Content drift: learners are mid-attempt (and others finished) on each block when the
author edits the content in Studio — ids renamed, items removed, items reordered. The
learner who was mid-attempt gets a clear message and can start again (or simply goes on
when the edit does not touch their attempt); finished attempts keep their scores."""
from __future__ import annotations

import json
import re

import pytest

from . import payloads
from .conftest import demo_xml


def _rename(xml: str, element: str, references: tuple[str, ...] = ()) -> str:
    ids = re.findall(rf'<{element} id="([^"]+)"', xml)
    for old in ids:
        xml = xml.replace(f'<{element} id="{old}"', f'<{element} id="{old}_v2"')
        for attribute in references:
            xml = xml.replace(f'{attribute}="{old}"', f'{attribute}="{old}_v2"')
    return xml


def _blocks(xml: str, element: str) -> list[str]:
    return re.findall(rf"\s*<{element} id=.*?</{element}>", xml, flags=re.S)


def _remove_first(xml: str, element: str) -> str:
    return xml.replace(_blocks(xml, element)[0], "", 1)


def _swap_first_two(xml: str, element: str) -> str:
    first, second = _blocks(xml, element)[:2]
    return xml.replace(first + second, second + first, 1)


# (edit name, edited OLX, whether the mid-attempt learner's attempt no longer fits)
def edits(tag: str) -> list[tuple[str, str, bool]]:
    xml = demo_xml(tag)
    if tag == "asn_case_study":
        return [("stages renamed", _rename(xml, "stage"), True),
                ("first stage removed", _remove_first(xml, "stage"), True),
                ("stages reordered", _swap_first_two(xml, "stage"), True)]
    if tag == "asn_change_simulation":
        return [("nodes renamed", _rename(xml, "node", ("goto", "start")), True),
                ("nodes reordered", _swap_first_two(xml, "node"), False)]
    return [("requests renamed", _rename(xml, "request"), True),
            ("first request removed", _remove_first(xml, "request"), True),
            ("requests reordered", _swap_first_two(xml, "request"), False)]


def step(block, student: str) -> int:
    current = block.state(student)
    action = payloads.next_action(block.tag, current)
    assert action is not None, current
    status, answer = block.call("act", {"version": current["version"], "action": action}, student)
    return status


def finish(block, student: str) -> None:
    while payloads.next_action(block.tag, block.state(student)) is not None:
        assert step(block, student) == 200


CASES = [(tag, name, edited, drifts)
         for tag in ("asn_case_study", "asn_change_simulation", "asn_digital_service")
         for name, edited, drifts in edits(tag)]


@pytest.mark.parametrize("tag,edit,edited,drifts", CASES, ids=[f"{c[0]}:{c[1]}" for c in CASES])
def test_learners_recover_and_finished_attempts_keep_scores(make_block, tag, edit, edited,
                                                             drifts):
    from asn_xblocks.review.models import LearnerReview

    block = make_block(demo_xml(tag))
    assert step(block, "midway") == 200
    finish(block, "done")
    done_row = LearnerReview.objects.get(usage_key=block.usage_id, username="done")
    score_before = block.gradebook("done")
    view_before = block.state("done")["view"]
    assert score_before is not None and score_before[1] > 0  # finished: in the gradebook

    status, answer = block.call("studio_save", {"olx": edited}, student="staff")
    assert status == 200, (edit, answer)

    state = block.state("midway")
    assert state["drift"] is drifts, (edit, state.get("drift"))
    if drifts:
        assert state["view"] is None and len(state["drift_message"]) > 20
        current_version = state["version"]
        status, answer = block.call("act", {"version": current_version,
                                            "action": {"type": "anything"}}, "midway")
        assert status == 409 and answer["error"], answer
        assert block.state("midway")["version"] == current_version  # refused, not recorded
        status, restarted = block.call("retry", {"version": current_version}, "midway")
        assert status == 200, restarted
        assert restarted["drift"] is False and restarted["view"] is not None
    # either way the learner can go on, on the new content
    assert step(block, "midway") == 200
    finish(block, "midway")
    assert block.state("midway")["attempt"]["finished"] is True

    # the finished learner: same score in the review row and the gradebook; still renders
    done_row_after = LearnerReview.objects.get(pk=done_row.pk)
    assert (done_row_after.points_earned, done_row_after.points_possible) == \
        (done_row.points_earned, done_row.points_possible), edit
    assert block.gradebook("done") == score_before, edit
    done_state = block.state("done")
    assert done_state["attempt"]["finished"] is True and done_state["drift"] is False
    assert done_state["score"]["earned"] == done_row.points_earned
    assert done_state["view"] == view_before, edit  # shown as it was taken
    # ... and so is the page the learner loads (the state the block's script starts from)
    page = block.page("done", view="bare")
    found = re.search(r'<script type="application/json" class="asn-init">(.*?)</script>', page,
                      flags=re.S)
    assert found, page[:500]
    assert json.loads(found.group(1))["view"] == view_before, edit
