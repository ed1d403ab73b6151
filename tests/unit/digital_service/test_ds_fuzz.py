"""Random browser JSON never crashes the engine: only ActionError, and no state change."""
import copy

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_ds_support import desk

from asn_xblocks.core.actions import ActionError
from asn_xblocks.digital_service.core import CORE

CONTENT = desk()
ATTEMPT = CORE.new_attempt(CONTENT, 3)

scalars = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True),
                    st.text(max_size=30),
                    st.sampled_from(["a", "b", "c", "ktp", "npwp", "dpm", "dinkop", "approve",
                                     "reject", "request_completion", "2026-03-23", "2026-02-30",
                                     "submit_request"]))
json_values = st.recursive(scalars, lambda inner: st.one_of(
    st.lists(inner, max_size=4),
    st.dictionaries(st.one_of(st.text(max_size=10),
                              st.sampled_from(["met", "reason", "requirements", "decision",
                                               "route", "due", "note", "ktp", "npwp"])),
                    inner, max_size=5)), max_leaves=20)
forms = st.fixed_dictionaries({}, optional={
    "requirements": st.one_of(json_values, st.dictionaries(
        st.sampled_from(["ktp", "npwp", "zzz"]),
        st.fixed_dictionaries({}, optional={"met": scalars, "reason": scalars}), max_size=3)),
    "decision": scalars, "route": scalars, "due": scalars, "note": scalars})
actions = st.one_of(json_values, st.fixed_dictionaries(
    {"type": st.one_of(st.just("submit_request"), scalars)},
    optional={"request": scalars, "form": st.one_of(forms, json_values)}))


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(actions)
def test_apply_action_only_raises_action_error(action):
    before = copy.deepcopy(ATTEMPT)
    try:
        outcome = CORE.apply_action(CONTENT, ATTEMPT, action)
    except ActionError as exc:
        assert exc.status in (400, 409)
        assert isinstance(exc.text(), str)
    else:
        assert outcome.attempt["submitted"]
    assert ATTEMPT == before


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(json_values, st.fixed_dictionaries(
    {"request": st.sampled_from(["a", "b", "zzz"])}, optional={"form": st.one_of(forms, json_values)})))
def test_save_draft_only_raises_action_error(draft):
    before = copy.deepcopy(ATTEMPT)
    try:
        CORE.save_draft(CONTENT, ATTEMPT, draft)
    except ActionError as exc:
        assert exc.status in (400, 409)
    assert ATTEMPT == before
