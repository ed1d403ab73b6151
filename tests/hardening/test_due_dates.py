"""Due dates, grace periods and every ``show_answer`` value at their boundaries.

Time is controlled by where the due date lies relative to ``datetime.now(timezone.utc)``:
the block is imported with a due date an hour ahead, and "time passing" is the block's
``due`` / ``graceperiod`` settings moved (as the LMS's inheritance would hand them on) —
"due an hour ago with a 2-hour grace period" is still open, "due an hour ago" is closed.
No sleeps.

For each block and each ``show_answer`` (``finished``, ``attempts_used``, ``past_due``,
``never``), one learner goes through two attempts while the due date moves back and forth,
and at every step the learner payload is checked for exactly when the answer key appears —
the case study's option keys and model answers, the simulation's best path, the service
desk's expected decisions — and for ``past_due``, ``can_retry`` and whether actions are
accepted.
"""
from __future__ import annotations

import datetime as dt
import json

import pytest

from tests.integration import case_fixtures, desk_fixtures, sim_fixtures

from .conftest import TAGS

MODES = ("finished", "attempts_used", "past_due", "never")
GRACE = "1 day 2 hours"


def when(hours: float) -> dt.datetime:
    return dt.datetime.now(dt.UTC) + dt.timedelta(hours=hours)


def olx_date(moment: dt.datetime) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M:%S+00:00")


def block_xml(tag: str, mode: str, due_hours: float | None = 1.0, grace: str | None = None,
              max_attempts: int = 2) -> str:
    extra = ""
    if due_hours is not None:
        extra += f' due="{olx_date(when(due_hours))}"'
    if grace is not None:
        extra += f' graceperiod="{grace}"'
    if tag == "asn_case_study":
        return case_fixtures.case_xml(max_attempts=max_attempts, show_answer=mode, extra=extra)
    if tag == "asn_change_simulation":
        return sim_fixtures.SIM.format(scoring="path", show_answer=mode,
                                       extra=f'max_attempts="{max_attempts}"{extra}')
    return desk_fixtures.desk_xml(max_attempts=max_attempts, show_answer=mode, extra=extra,
                                  requests=("rA", "rB"))


# One step into an attempt, then the step that finishes it.
STEPS = {
    "asn_case_study": ([case_fixtures.STAGE1_BEST], [case_fixtures.STAGE2_GOOD]),
    "asn_change_simulation": ([{"type": "choose", "choice": "c_listen"}],
                              [{"type": "choose", "choice": "c_allies"},
                               {"type": "choose", "choice": "c_pilot"}]),
    "asn_digital_service": ([desk_fixtures.submit("rA", desk_fixtures.PERFECT["rA"])],
                            [desk_fixtures.submit("rB", desk_fixtures.PERFECT["rB"])]),
}
DRAFTS = {"asn_case_study": {"reflection": "r1", "text": "draf"},
          "asn_digital_service": {"request": "rB", "form": {"note": "draf"}}}


def answers_shown(payload: dict) -> list[str]:
    """Which parts of the answer key the learner payload holds."""
    found = []

    def walk(value):
        if isinstance(value, dict):
            if "key" in value:
                found.append("option key")
            if value.get("model_answer_html"):
                found.append("model answer")
            if value.get("best_path") is not None:
                found.append("best path")
            if value.get("expected") is not None:
                found.append("expected decision")
            for item in value.values():
                walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)

    walk(payload.get("view"))
    return sorted(set(found))


def expected_visible(mode: str, finished: bool, left: int, closed: bool) -> bool:
    """shell/grading.py's rule, restated: when the key may be shown."""
    return {"never": False, "finished": finished, "attempts_used": finished and left == 0,
            "past_due": closed}[mode]


def has_place(tag: str, phase: str) -> bool:
    """Whether the view has somewhere to show the key: the case study's current and
    submitted questions always; the desk's submitted requests; the simulation's ending."""
    return {"asn_case_study": True, "asn_digital_service": phase != "fresh",
            "asn_change_simulation": phase == "finished"}[tag]


def move_due(block, hours: float | None, grace: str | None) -> None:
    """Time passes: the block's due date (and grace period) now lie where they would."""
    staff = block.xblock("staff")
    staff.due = None if hours is None else when(hours)
    staff.graceperiod = grace
    staff.save()


def act(block, action: dict) -> tuple[int, dict]:
    version = block.state("learner")["version"]
    return block.call("act", {"version": version, "action": action})


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("tag", TAGS)
def test_the_answer_key_appears_exactly_when_show_answer_allows(make_block, tag, mode):
    start, finish = STEPS[tag]
    block = make_block(block_xml(tag, mode, due_hours=1.0))
    seen = []

    def check(phase: str, finished: bool, left: int, closed: bool, label: str) -> dict:
        payload = block.state("learner")
        shown = bool(answers_shown(payload))
        expected = expected_visible(mode, finished, left, closed) and has_place(tag, phase)
        assert shown == expected, (label, answers_shown(payload), payload["attempts"])
        assert payload["past_due"] == closed, label
        assert payload["attempt"]["finished"] == finished, label
        assert payload["attempts"]["left"] == left, label
        assert payload["can_retry"] == (finished and left > 0 and not closed), label
        seen.append((label, shown))
        return payload

    check("fresh", False, 2, False, "fresh, due in an hour")
    for step in start:
        assert act(block, step)[0] == 200
    check("in_progress", False, 2, False, "first attempt under way")
    for step in finish:
        assert act(block, step)[0] == 200
    check("finished", True, 1, False, "first attempt finished, one left")

    move_due(block, -1, "2 hours")
    check("finished", True, 1, False, "due an hour ago, 2-hour grace period")
    move_due(block, -1, None)
    check("finished", True, 1, True, "due an hour ago, no grace period")
    version = block.state("learner")["version"]
    assert block.call("retry", {"version": version})[0] == 409  # closed: no new attempt
    move_due(block, -1, "30 minutes")
    check("finished", True, 1, True, "due an hour ago, 30-minute grace period")
    move_due(block, -25, GRACE)
    check("finished", True, 1, False, "due 25 hours ago, grace '1 day 2 hours'")
    assert block.call("retry", {"version": version})[0] == 200
    check("fresh", False, 1, False, "second attempt, not started")

    move_due(block, -1, "2 hours")  # still within the grace period: accepted
    for step in start:
        assert act(block, step)[0] == 200
    check("in_progress", False, 1, False, "second attempt under way, in the grace period")
    move_due(block, -27, GRACE)
    payload = check("in_progress", False, 1, True, "due 27 hours ago, grace '1 day 2 hours'")
    status, answer = block.call("act", {"version": payload["version"], "action": finish[0]})
    assert status == 409 and answer["error"], answer
    if tag in DRAFTS:
        status, answer = block.call("draft", {"version": payload["version"],
                                              "draft": DRAFTS[tag]})
        assert status == 409 and answer["error"], answer
    assert block.state("learner") == payload  # refused past the due date: nothing changed

    move_due(block, -25, GRACE)
    for step in finish:
        assert act(block, step)[0] == 200
    check("finished", True, 0, False, "all attempts used, in the grace period")
    move_due(block, -1, None)
    check("finished", True, 0, True, "all attempts used, closed")
    assert len(seen) == 12
    # the key did appear somewhere (the marker search itself works), except with "never"
    assert any(shown for _label, shown in seen) == (mode != "never"), seen


@pytest.mark.parametrize("tag", TAGS)
def test_past_due_without_a_due_date_never_shows_the_key(make_block, tag):
    start, finish = STEPS[tag]
    block = make_block(block_xml(tag, "past_due", due_hours=None, max_attempts=1))
    for step in start + finish:
        assert act(block, step)[0] == 200
    payload = block.state("learner")
    assert payload["attempt"]["finished"] and payload["attempts"]["left"] == 0
    assert not payload["past_due"] and answers_shown(payload) == []


@pytest.mark.parametrize("grace, open_", [("1 day 2 hours", True), ("26 hours", True),
                                          ("1 day 1 hour", False), ("1 day", False),
                                          ("", False), ("nonsense", False)])
def test_grace_period_strings_at_the_boundary(make_block, grace, open_):
    """Due 25 hours and 30 minutes ago: open exactly when the grace period is longer."""
    block = make_block(block_xml("asn_case_study", "past_due", due_hours=-25.5, grace=grace))
    status, _answer = act(block, case_fixtures.STAGE1_BEST)
    assert status == (200 if open_ else 409), grace
    assert block.state("learner")["past_due"] == (not open_)


def _correctness_shown(payload: dict) -> bool:
    text = json.dumps(payload.get("view"))
    return payload.get("score") is not None or '"mark"' in text or '"earned": ' in \
        text.replace('"earned": null', "")


def test_show_correctness_past_due_outside_the_grace_period(make_block):
    for due_hours, grace, closed in ((1.0, None, False), (-1.0, None, True),
                                     (-1.0, "30 minutes", True)):
        xml = case_fixtures.case_xml(extra=f'show_correctness="past_due" '
                                           f'due="{olx_date(when(1))}"')
        block = make_block(xml)
        assert act(block, case_fixtures.STAGE1_BEST)[0] == 200
        move_due(block, due_hours, grace)
        assert _correctness_shown(block.state("learner")) == closed, (due_hours, grace)


def test_show_correctness_past_due_waits_for_the_grace_period(make_block):
    block = make_block(case_fixtures.case_xml(
        max_attempts=2, extra=f'show_correctness="past_due" due="{olx_date(when(-1))}" '
                              f'graceperiod="2 hours"'))
    assert act(block, case_fixtures.STAGE1_BEST)[0] == 200  # still open
    assert not _correctness_shown(block.state("learner"))
    assert act(block, case_fixtures.STAGE2_GOOD)[0] == 200
    payload = block.state("learner")
    assert payload["can_retry"]  # a second attempt may still be taken ...
    assert not _correctness_shown(payload)  # ... so the first one's marks stay hidden
