"""Browser JSON can be anything: apply_action and save_draft only ever raise ActionError,
and never touch the attempt they were given."""
from __future__ import annotations

import copy

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from asn_xblocks.case_study.core import CORE
from asn_xblocks.core.actions import ActionError
from asn_xblocks.core.engine_api import ActionOutcome

IDS = st.sampled_from(["s1", "s2", "q1", "q2", "q3", "r1", "a", "b", "c", "d", "x", "y", "zz", ""])
JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True) | IDS | st.text(max_size=30),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(IDS | st.text(max_size=5), inner,
                                                                max_size=4),
    max_leaves=12,
)
ANSWER = IDS | st.lists(IDS, max_size=4) | st.text(max_size=80) | JSON
ACTIONS = st.one_of(
    JSON,
    st.fixed_dictionaries({"type": st.sampled_from(["submit_stage", "x"]) | JSON,
                           "stage": IDS | JSON,
                           "answers": st.dictionaries(IDS, ANSWER, max_size=5) | JSON}),
    st.fixed_dictionaries({"type": st.just("submit_stage"), "stage": st.sampled_from(["s1", "s2"]),
                           "answers": st.fixed_dictionaries({"q1": ANSWER, "q2": ANSWER},
                                                            optional={"q3": ANSWER, "r1": ANSWER})}),
)
FUZZ = settings(max_examples=300, deadline=None,
                suppress_health_check=[HealthCheck.function_scoped_fixture])


def attempts(kit):
    content = kit.build()
    fresh = CORE.new_attempt(content, 3)
    middle = kit.submit(content, fresh, "s1", kit.S1_ANSWERS).attempt
    done = kit.submit(content, middle, "s2", kit.S2_ANSWERS).attempt
    return content, [fresh, middle, done]


@FUZZ
@given(action=ACTIONS, which=st.integers(0, 2))
def test_apply_action_only_raises_action_error(kit, action, which):
    content, states = attempts(kit)
    attempt = states[which]
    before = copy.deepcopy(attempt)
    try:
        outcome = CORE.apply_action(content, attempt, action)
    except ActionError as error:
        assert error.status in (400, 409)
        assert isinstance(error.text(), str)
    else:
        assert isinstance(outcome, ActionOutcome)
        assert CORE.drift(content, outcome.attempt) is False or outcome.finished
    assert attempt == before


@FUZZ
@given(draft=JSON | st.fixed_dictionaries({"reflection": IDS | JSON, "text": JSON}), which=st.integers(0, 2))
def test_save_draft_only_raises_action_error(kit, draft, which):
    content, states = attempts(kit)
    attempt = states[which]
    before = copy.deepcopy(attempt)
    try:
        CORE.save_draft(content, attempt, draft)
    except ActionError as error:
        assert error.status in (400, 409)
    assert attempt == before
