"""Learner actions, drafts, drift and shuffling: the attempt state machine."""
from __future__ import annotations

import copy
import json

import pytest

from asn_xblocks.case_study import engine
from asn_xblocks.case_study.core import CORE
from asn_xblocks.core.actions import ActionError
from asn_xblocks.core.engine_api import BlockCore, Reveal
from asn_xblocks.core.text import MAX_TEXT_CHARS


def refuse(content, attempt, action, status):
    before = copy.deepcopy(attempt)
    with pytest.raises(ActionError) as info:
        CORE.apply_action(content, attempt, action)
    assert info.value.status == status, info.value.text()
    assert attempt == before  # never mutated
    assert "{" not in info.value.text()
    return info.value


def submit_action(stage, answers):
    return {"type": "submit_stage", "stage": stage, "answers": answers}


def test_core_implements_the_protocol():
    for name in [n for n in dir(BlockCore) if not n.startswith("_")]:
        assert hasattr(CORE, name), name
    assert CORE.tag == "asn_case_study"


def test_new_attempt_is_json(content):
    attempt = CORE.new_attempt(content, 7)
    assert json.loads(json.dumps(attempt)) == attempt
    assert attempt["finished"] is False and attempt["current"] == 0
    assert attempt["order"] == {}  # no shuffle


def test_happy_path(content, attempt, kit):
    before = copy.deepcopy(attempt)
    first = CORE.apply_action(content, attempt, submit_action("s1", {"q1": "b", "q2": ["d", "a"]}))
    assert attempt == before
    assert first.finished is False
    assert first.attempt["current"] == 1
    assert first.attempt["submitted"] == ["s1"]
    assert first.attempt["answers"]["s1"] == {"q1": "b", "q2": ["a", "d"]}  # document order
    second = CORE.apply_action(content, first.attempt, submit_action("s2", kit.S2_ANSWERS))
    assert second.finished is True
    assert second.attempt["finished"] is True
    assert second.attempt["answers"]["s2"]["r1"] == "one two three four"
    assert json.loads(json.dumps(second.attempt)) == second.attempt


def test_reflection_text_kept_as_typed(content, attempt, kit):
    first = kit.submit(content, attempt, "s1", kit.S1_ANSWERS).attempt
    text = "  < Rp500.000 & <b>bold</b>  "
    done = kit.submit(content, first, "s2", {"q3": "y", "r1": text}).attempt
    assert done["answers"]["s2"]["r1"] == text


def test_version_key_is_tolerated(content, attempt):
    action = submit_action("s1", {"q1": "a", "q2": ["a"]})
    action["version"] = 3
    assert CORE.apply_action(content, attempt, action).attempt["current"] == 1


@pytest.mark.parametrize("action", [
    None, [], "submit", 3,
    {},
    {"type": "finish"},
    {"type": "submit_stage"},
    {"type": "submit_stage", "stage": 1, "answers": {}},
    {"type": "submit_stage", "stage": ["s1"], "answers": {}},
    {"type": "submit_stage", "stage": "s1"},
    {"type": "submit_stage", "stage": "s1", "answers": []},
    {"type": "submit_stage", "stage": "s1", "answers": "q1=a"},
    {"type": "submit_stage", "stage": "nope", "answers": {"q1": "a", "q2": ["a"]}},
    {"type": "submit_stage", "stage": "s1", "answers": {"q1": "a", "q2": ["a"]}, "extra": 1},
])
def test_malformed_actions(content, attempt, action):
    refuse(content, attempt, action, 400)


@pytest.mark.parametrize("answers", [
    {"q1": "a"},                                   # missing item
    {"q1": "a", "q2": ["a"], "q3": "x"},           # item of a later stage
    {"q1": "a", "q2": ["a"], "zz": "a"},           # unknown item
    {"q1": "a", "q2": ["a"], "r1": "text"},        # reflection of a later stage
    {"q1": "z", "q2": ["a"]},                      # unknown option
    {"q1": ["a"], "q2": ["a"]},                    # list for single
    {"q1": 1, "q2": ["a"]},
    {"q1": None, "q2": ["a"]},
    {"q1": "a", "q2": "a"},                        # string for multiple
    {"q1": "a", "q2": []},                         # nothing checked
    {"q1": "a", "q2": ["a", "a"]},                 # duplicate
    {"q1": "a", "q2": ["a", "z"]},                 # unknown option
    {"q1": "a", "q2": ["a", 1]},
    {"q1": "a", "q2": [["a"]]},
    {"q1": "a", "q2": {"a": True}},
])
def test_bad_answers(content, attempt, answers):
    refuse(content, attempt, submit_action("s1", answers), 400)


def test_later_stage_first(content, attempt, kit):
    error = refuse(content, attempt, submit_action("s2", kit.S2_ANSWERS), 409)
    assert "not open yet" in error.text()


def test_resubmit_frozen_stage(content, attempt, kit):
    first = kit.submit(content, attempt, "s1", kit.S1_ANSWERS).attempt
    error = refuse(content, first, submit_action("s1", {"q1": "a", "q2": ["a", "b", "c"]}), 409)
    assert "already submitted" in error.text()


@pytest.mark.parametrize("text, status", [
    ("one two", 400),                                   # under min_words (3)
    (" ".join(["w"] * 11), 400),                        # over max_words (10)
    ("x" * (MAX_TEXT_CHARS + 1), 400),                  # oversize
    (42, 400),
    (["one two three"], 400),
    (None, 400),
])
def test_bad_reflection(content, attempt, kit, text, status):
    first = kit.submit(content, attempt, "s1", kit.S1_ANSWERS).attempt
    refuse(content, first, submit_action("s2", {"q3": "x", "r1": text}), status)


def test_word_limits_are_inclusive(content, attempt, kit):
    first = kit.submit(content, attempt, "s1", kit.S1_ANSWERS).attempt
    assert kit.submit(content, first, "s2", {"q3": "x", "r1": "a b c"}).finished
    assert kit.submit(content, first, "s2", {"q3": "x", "r1": " ".join("w" * 10)}).finished


def test_finished_attempt(content, finished, kit):
    error = refuse(content, finished, submit_action("s2", kit.S2_ANSWERS), 409)
    assert "finished" in error.text()


def test_error_messages_translate(content, attempt):
    with pytest.raises(ActionError) as info:
        CORE.apply_action(content, attempt, submit_action("s1", {"q1": "zzz", "q2": ["a"]}))
    assert info.value.text(lambda s: s.replace("is not", "bukan")).startswith('"zzz" bukan')


# --- drafts ----------------------------------------------------------------------------

def test_drafts(content, attempt, kit):
    first = kit.submit(content, attempt, "s1", kit.S1_ANSWERS).attempt
    before = copy.deepcopy(first)
    long_draft = " ".join(["word"] * 50)  # over max_words is fine for a draft
    drafted = CORE.save_draft(content, first, {"reflection": "r1", "text": long_draft})
    assert first == before
    assert drafted["drafts"] == {"r1": long_draft}
    again = CORE.save_draft(content, drafted, {"reflection": "r1", "text": "new", "version": 2})
    assert again["drafts"] == {"r1": "new"}
    done = kit.submit(content, again, "s2", kit.S2_ANSWERS).attempt
    assert done["drafts"] == {}  # submitted text replaces the draft


@pytest.mark.parametrize("draft, status", [
    (None, 400), ("text", 400), ({}, 400),
    ({"reflection": "r1"}, 400),
    ({"reflection": "r1", "text": 5}, 400),
    ({"reflection": 1, "text": "t"}, 400),
    ({"reflection": "r1", "text": "t", "other": 1}, 400),
    ({"reflection": "nope", "text": "t"}, 400),
    ({"reflection": "r1", "text": "x" * (MAX_TEXT_CHARS + 1)}, 400),
    ({"reflection": "r1", "text": "t"}, 409),   # r1's stage is not open yet
])
def test_bad_drafts(content, attempt, draft, status):
    before = copy.deepcopy(attempt)
    with pytest.raises(ActionError) as info:
        CORE.save_draft(content, attempt, draft)
    assert info.value.status == status
    assert attempt == before


def test_draft_after_submission_and_finish(content, finished):
    with pytest.raises(ActionError) as info:
        CORE.save_draft(content, finished, {"reflection": "r1", "text": "t"})
    assert info.value.status == 409


def test_draft_for_submitted_stage(kit):
    content = kit.build()
    # a three-stage variant: the reflection in stage 2, then one more stage
    from asn_xblocks.case_study.model import Stage
    content.stages.append(Stage(id="s3", title="t", items=[content.stages[0].items[0]]))
    attempt = kit.submit(content, CORE.new_attempt(content, 1), "s1", kit.S1_ANSWERS).attempt
    attempt = kit.submit(content, attempt, "s2", kit.S2_ANSWERS).attempt
    with pytest.raises(ActionError) as info:
        CORE.save_draft(content, attempt, {"reflection": "r1", "text": "t"})
    assert info.value.status == 409


# --- drift -----------------------------------------------------------------------------

def test_no_drift_normally(content, attempt, kit, finished):
    assert CORE.drift(content, attempt) is False
    first = kit.submit(content, attempt, "s1", kit.S1_ANSWERS).attempt
    assert CORE.drift(content, first) is False
    drafted = CORE.save_draft(content, first, {"reflection": "r1", "text": "x"})
    assert CORE.drift(content, drafted) is False
    assert CORE.drift(content, finished) is False


def test_drift_when_ids_change(content, attempt, kit):
    first = kit.submit(content, attempt, "s1", kit.S1_ANSWERS).attempt
    drafted = CORE.save_draft(content, first, {"reflection": "r1", "text": "x"})

    renamed_stage = copy.deepcopy(content)
    renamed_stage.stages[0].id = "s1b"
    assert CORE.drift(renamed_stage, first)

    renamed_question = copy.deepcopy(content)
    renamed_question.stages[0].items[0].id = "q1b"
    assert CORE.drift(renamed_question, first)

    removed_option = copy.deepcopy(content)
    removed_option.stages[0].items[1].options.pop(3)  # "d", which the learner checked
    assert CORE.drift(removed_option, first)

    chosen_single = copy.deepcopy(content)
    chosen_single.stages[0].items[0].options.pop(1)  # "b", the learner's choice
    assert CORE.drift(chosen_single, first)

    renamed_reflection = copy.deepcopy(content)
    renamed_reflection.stages[1].items[1].id = "r9"
    assert CORE.drift(renamed_reflection, drafted)
    assert not CORE.drift(renamed_reflection, first)  # no draft refers to it

    one_stage = copy.deepcopy(content)
    one_stage.stages.pop()
    assert CORE.drift(one_stage, first)  # current index past the end

    reordered = copy.deepcopy(content)
    reordered.stages.reverse()
    assert CORE.drift(reordered, first)
    assert CORE.drift(reordered, attempt) is False  # nothing submitted yet: still fits


def test_drift_blocks_actions(content, attempt, kit):
    first = kit.submit(content, attempt, "s1", kit.S1_ANSWERS).attempt
    changed = copy.deepcopy(content)
    changed.stages[0].items[0].id = "q1b"
    refuse(changed, first, submit_action("s2", kit.S2_ANSWERS), 409)


def test_content_change_elsewhere_is_not_drift(content, attempt, kit):
    first = kit.submit(content, attempt, "s1", kit.S1_ANSWERS).attempt
    changed = copy.deepcopy(content)
    changed.stages[1].items[0].options[1].id = "z"  # in the current, unanswered stage
    changed.stages[0].items[0].prompt_html = "<p>Reworded</p>"
    assert CORE.drift(changed, first) is False


# --- shuffle ---------------------------------------------------------------------------

def test_shuffle_is_seeded_and_stable(kit):
    content = kit.build(shuffle="true")
    a = CORE.new_attempt(content, 12345)
    b = CORE.new_attempt(content, 12345)
    assert a["order"] == b["order"]
    assert set(a["order"]) == {"q1", "q2", "q3"}
    for question in content.questions():
        assert sorted(a["order"][question.id]) == sorted(o.id for o in question.options)
    orders = {tuple(CORE.new_attempt(content, seed)["order"]["q2"]) for seed in range(40)}
    assert len(orders) > 1  # different learners, different orders
    view = CORE.learner_view(content, a, engine.Reveal())
    assert [o["id"] for o in view["stages"][0]["items"][0]["options"]] == a["order"]["q1"]
    # the stored order is reproduced from the seed alone
    from asn_xblocks.core.shuffle import seed_for, seeded_order
    assert a["order"]["q2"] == seeded_order(["a", "b", "c", "d"], seed_for(12345, "q2"))


def test_shuffle_order_survives_submission(kit):
    content = kit.build(shuffle="true")
    attempt = CORE.new_attempt(content, 99)
    first = kit.submit(content, attempt, "s1", kit.S1_ANSWERS).attempt
    assert first["order"] == attempt["order"]
    view = CORE.learner_view(content, first, engine.Reveal())
    assert [o["id"] for o in view["stages"][0]["items"][1]["options"]] == attempt["order"]["q2"]


def test_shuffle_drift_when_options_change(kit):
    content = kit.build(shuffle="true")
    attempt = CORE.new_attempt(content, 99)
    changed = copy.deepcopy(content)
    changed.stages[0].items[0].options.pop()
    assert CORE.drift(changed, attempt)


# --- choice drafts (unsent selections of the current stage) --------------------------------

def test_choice_drafts_are_kept_shown_and_cleared_on_submit(content, attempt, kit):
    before = copy.deepcopy(attempt)
    one = CORE.save_draft(content, attempt, {"question": "q1", "choice": "b", "version": 3})
    assert attempt == before  # never mutated
    two = CORE.save_draft(content, one, {"question": "q2", "choice": ["d", "a"]})
    assert two["choice_drafts"] == {"q1": "b", "q2": ["a", "d"]}  # document order
    view = CORE.learner_view(content, two, Reveal())
    items = view["stages"][0]["items"]
    assert items[0]["draft"] == "b" and items[1]["draft"] == ["a", "d"]
    # a draft is not an answer: nothing about correctness or feedback comes with it
    assert all(set(o) == {"id", "text_html"} for item in items for o in item["options"])
    assert not engine.drift(content, two)
    unchecked = CORE.save_draft(content, two, {"question": "q2", "choice": []})
    assert unchecked["choice_drafts"] == {"q1": "b"}
    assert "draft" not in CORE.learner_view(content, unchecked, Reveal())["stages"][0]["items"][1]
    forgot = CORE.save_draft(content, unchecked, {"question": "q1", "choice": None})
    assert forgot["choice_drafts"] == {}
    done = kit.submit(content, two, "s1", kit.S1_ANSWERS).attempt
    assert "choice_drafts" not in done  # the submitted answers replace them
    assert "draft" not in CORE.learner_view(content, done, Reveal())["stages"][0]["items"][0]


@pytest.mark.parametrize("draft, status", [
    ({"question": 1, "choice": "a"}, 400),
    ({"question": "q1", "choice": "zz"}, 400),            # not an option
    ({"question": "q1", "choice": ["a"]}, 400),           # single: one id
    ({"question": "q2", "choice": "a"}, 400),             # multiple: a list
    ({"question": "q2", "choice": ["a", "a"]}, 400),
    ({"question": "q1", "choice": "a", "other": 1}, 400),
    ({"question": "nope", "choice": "a"}, 400),
    ({"question": "q3", "choice": "x"}, 409),             # q3's stage is not open yet
])
def test_bad_choice_drafts(content, attempt, draft, status):
    before = copy.deepcopy(attempt)
    with pytest.raises(ActionError) as info:
        CORE.save_draft(content, attempt, draft)
    assert info.value.status == status, info.value.text()
    assert attempt == before
    assert "{" not in info.value.text()


def test_choice_draft_of_a_submitted_stage_or_finished_attempt(content, attempt, kit, finished):
    first = kit.submit(content, attempt, "s1", kit.S1_ANSWERS).attempt
    with pytest.raises(ActionError) as info:
        CORE.save_draft(content, first, {"question": "q1", "choice": "a"})
    assert info.value.status == 409
    with pytest.raises(ActionError) as info:
        CORE.save_draft(content, finished, {"question": "q3", "choice": "x"})
    assert info.value.status == 409


def test_a_stale_choice_draft_is_ignored_not_shown(content, attempt):
    attempt = dict(attempt, choice_drafts={"q1": "gone", "q2": "not-a-list"})
    items = CORE.learner_view(content, attempt, Reveal())["stages"][0]["items"]
    assert "draft" not in items[0] and "draft" not in items[1]
    assert not engine.drift(content, attempt)


# --- refusals name the item, so the browser can point at the field --------------------------

@pytest.mark.parametrize("text, words", [("one two", 2), (" ".join(["w"] * 11), 11)])
def test_word_limit_refusal_names_the_reflection(content, attempt, kit, text, words):
    first = kit.submit(content, attempt, "s1", kit.S1_ANSWERS).attempt
    error = refuse(content, first, submit_action("s2", {"q3": "x", "r1": text}), 400)
    assert error.params["id"] == "r1"
    assert f"(you wrote {words})" in error.text()


def test_missing_or_bad_choice_refusal_names_the_question(content, attempt):
    error = refuse(content, attempt, submit_action("s1", {"q1": "a", "q2": []}), 400)
    assert error.params["id"] == "q2"
    error = refuse(content, attempt, submit_action("s1", {"q2": ["a"]}), 400)
    assert error.params["id"] == "q1"
