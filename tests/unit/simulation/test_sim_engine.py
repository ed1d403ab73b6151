"""Engine: steps, clamping, routers, bad actions, scoring, best path, replay, drift."""
import copy
import json
import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from asn_xblocks.core.actions import ActionError
from asn_xblocks.core.engine_api import Reveal
from asn_xblocks.core.olx import parse_olx
from asn_xblocks.simulation import engine
from asn_xblocks.simulation import expressions as ex
from asn_xblocks.simulation.core import CORE
from asn_xblocks.simulation.longest_path import best_path
from asn_xblocks.simulation.scenario import RouteError, Scenario, path_points
from asn_xblocks.simulation.state_search import explore

BASE = """
<asn_change_simulation start="n1" scoring="{scoring}" framework="kotter">
  <metric id="moral" label="Moral" initial="50"/>
  <metric id="dukungan" label="Dukungan" initial="30" max="60"/>
  <metric id="rahasia" label="Rahasia" initial="5" visible="false"/>
  <node id="n1" title="Awal" step="urgency">
    <content><p>Mulai</p></content>
    <choice id="c1" goto="r1" points="2" competency="komunikasi">
      <text>Bicara</text>
      <effect metric="moral" add="60"/>
      <effect metric="moral" add="-20"/>
      <effect metric="rahasia" set="9"/>
      <feedback><p>FB-c1</p></feedback>
    </choice>
    <choice id="c2" goto="n2" points="1">
      <text>Tunggu</text>
      <effect metric="dukungan" set="10"/>
      <effect metric="moral" add="-70"/>
    </choice>
  </node>
  <node id="n2" title="Dua" step="coalition">
    <content><p>Dua</p></content>
    <choice id="c3" goto="e1" when="dukungan &gt;= 20" points="5" competency="kerja_sama">
      <text>Dorong</text>
    </choice>
    <choice id="c4" goto="e2" points="1"><text>Menyerah</text></choice>
    <choice id="c5" goto="n2b" when="moral &lt; 10"><text>Diam</text></choice>
  </node>
  <node id="n2b" title="Dua-b" step="coalition">
    <choice id="c6" goto="e2"><text>Lanjut</text></choice>
  </node>
  <router id="r1">
    <route when="moral &lt; 30" goto="e2"/>
    <route when="moral &gt;= 80" goto="n2"/>
    <route goto="r2"/>
  </router>
  <router id="r2">
    <route goto="n2"/>
  </router>
  <ending id="e1" title="Sukses" score="1" outcome="success"><p>END-SUCCESS</p></ending>
  <ending id="e2" title="Gagal" score="0.25" outcome="failure"><p>END-FAIL</p></ending>
</asn_change_simulation>
"""


def load(xml: str):
    return CORE.parse(parse_olx(xml))


@pytest.fixture
def content():
    return load(BASE.format(scoring="ending"))


@pytest.fixture
def path_content():
    return load(BASE.format(scoring="path"))


def choose(content, attempt, choice):
    return CORE.apply_action(content, attempt, {"type": "choose", "choice": choice})


def test_new_attempt(content):
    attempt = CORE.new_attempt(content, 42)
    assert attempt["position"] == "n1"
    assert attempt["metrics"] == {"moral": 50, "dukungan": 30, "rahasia": 5}
    assert attempt["finished"] is False and attempt["path"] == []
    json.dumps(attempt)


def test_effects_apply_in_order_and_clamp_after_each(content):
    attempt = CORE.new_attempt(content, 1)
    out = choose(content, attempt, "c1")
    # 50 + 60 → clamped to 100, then − 20 → 80 (not 90: clamping happens after each effect)
    assert out.attempt["metrics"]["moral"] == 80
    assert out.attempt["metrics"]["rahasia"] == 9
    step = out.attempt["path"][0]
    assert step["node"] == "n1" and step["choice"] == "c1"
    assert step["before"]["moral"] == 50 and step["after"]["moral"] == 80
    # router r1: moral 80 → second route → n2
    assert out.attempt["position"] == "n2"
    assert out.events == [("choice_made", {"node": "n1", "choice": "c1"})]
    assert out.finished is False


def test_clamp_at_min_and_set(content):
    out = choose(content, CORE.new_attempt(content, 1), "c2")
    assert out.attempt["metrics"]["moral"] == 0
    assert out.attempt["metrics"]["dukungan"] == 10


def test_router_chain_and_default(content):
    # moral 50+60→100-20=80 → r1 second route; make a variant where moral ends at 40
    xml = BASE.format(scoring="ending").replace('add="-20"', 'add="-60"')
    variant = load(xml)
    out = choose(variant, CORE.new_attempt(variant, 1), "c1")
    assert out.attempt["metrics"]["moral"] == 40
    assert out.attempt["position"] == "n2"  # r1 default → r2 → n2


def test_router_to_ending_finishes(content):
    xml = BASE.format(scoring="ending").replace('add="-20"', 'add="-90"')
    variant = load(xml)
    out = choose(variant, CORE.new_attempt(variant, 1), "c1")
    assert out.finished and out.attempt["ending"] == "e2"
    assert out.events[-1] == ("ending_reached", {"ending": "e2", "score": 0.25})
    assert CORE.score(variant, out.attempt).earned == 25


def test_when_controls_available_choices(content):
    attempt = choose(content, CORE.new_attempt(content, 1), "c2").attempt  # dukungan 10, moral 0
    with pytest.raises(ActionError) as info:
        choose(content, attempt, "c3")
    assert info.value.status == 409
    out = choose(content, attempt, "c5")  # moral < 10 → offered
    assert out.attempt["position"] == "n2b"


def test_full_run_to_ending(content):
    attempt = CORE.new_attempt(content, 1)
    a1 = choose(content, attempt, "c1").attempt
    out = choose(content, a1, "c3")
    assert out.finished and out.attempt["finished"]
    assert out.attempt["ending"] == "e1" and out.attempt["position"] == "e1"
    assert out.events == [("choice_made", {"node": "n2", "choice": "c3"}),
                          ("ending_reached", {"ending": "e1", "score": 1.0})]
    score = CORE.score(content, out.attempt)
    assert (score.earned, score.possible) == (100, 100)
    record = CORE.answer_record(content, out.attempt)
    assert record == {"path": ["c1", "c3"], "ending": "e1",
                      "metrics": {"moral": 80, "dukungan": 30, "rahasia": 9}}
    json.dumps(record)


@pytest.mark.parametrize("action,status", [
    (None, 400), ([], 400), ("choose", 400), (42, 400), ({}, 400),
    ({"type": "jump", "choice": "c1"}, 400), ({"type": None, "choice": "c1"}, 400),
    ({"type": "choose"}, 400), ({"type": "choose", "choice": 1}, 400),
    ({"type": "choose", "choice": ""}, 400), ({"type": "choose", "choice": ["c1"]}, 400),
    ({"type": "choose", "choice": {"id": "c1"}}, 400),
    ({"type": "choose", "choice": "x" * 10_000}, 400),
    ({"type": "choose", "choice": "nope"}, 409),  # unknown: answered as "not available"
    ({"type": "choose", "choice": "c3"}, 409),  # exists, but not in the current node
    ({"type": "choose", "choice": "c6"}, 409),
])
def test_bad_actions_change_nothing(content, action, status):
    attempt = CORE.new_attempt(content, 1)
    before = copy.deepcopy(attempt)
    with pytest.raises(ActionError) as info:
        CORE.apply_action(content, attempt, action)
    assert info.value.status == status
    assert info.value.text()
    assert attempt == before


def test_not_available_message(content):
    attempt = choose(content, CORE.new_attempt(content, 1), "c2").attempt
    with pytest.raises(ActionError) as info:
        choose(content, attempt, "c3")
    assert "no longer available" in info.value.text()


def test_after_the_ending_is_409(content):
    attempt = choose(content, choose(content, CORE.new_attempt(content, 1), "c1").attempt,
                     "c3").attempt
    before = copy.deepcopy(attempt)
    for choice in ("c1", "c3", "nope"):
        with pytest.raises(ActionError) as info:
            choose(content, attempt, choice)
        assert info.value.status == 409
    assert attempt == before


def test_corrupt_attempts_are_409(content):
    for attempt in (None, [], {}, {"metrics": [], "path": []},
                    {"metrics": {}, "path": [], "finished": "no"},
                    {"metrics": {}, "path": [], "position": 5}):
        with pytest.raises(ActionError) as info:
            choose(content, attempt, "c1")
        assert info.value.status == 409


def test_broken_goto_is_409_not_a_crash():
    xml = BASE.format(scoring="ending").replace('goto="n2" points="1"', 'goto="ghost" points="1"')
    content = load(xml)
    attempt = CORE.new_attempt(content, 1)
    with pytest.raises(ActionError) as info:
        choose(content, attempt, "c2")
    assert info.value.status == 409


def test_router_loop_is_an_error_state_not_a_hang():
    xml = BASE.format(scoring="ending").replace('<route goto="n2"/>\n  </router>',
                                                '<route goto="r1"/>\n  </router>')
    xml = xml.replace('add="-20"', 'add="-60"')  # moral 40 → r1 default → r2 → r1 …
    content = load(xml)
    with pytest.raises(ActionError) as info:
        choose(content, CORE.new_attempt(content, 1), "c1")
    assert info.value.status == 409
    with pytest.raises(RouteError):
        Scenario(content).resolve("r1", (40.0, 30.0, 5.0))


def test_unstartable_scenario():
    content = load(BASE.format(scoring="ending").replace('start="n1"', 'start="ghost"'))
    attempt = CORE.new_attempt(content, 1)
    assert attempt["error"] == "start" and attempt["position"] is None
    with pytest.raises(ActionError) as info:
        choose(content, attempt, "c1")
    assert info.value.status == 409
    view = CORE.learner_view(content, attempt, engine_reveal())
    assert view["error"] and view["node"] is None


def engine_reveal():
    return Reveal()


def test_save_draft_is_refused(content):
    with pytest.raises(ActionError) as info:
        CORE.save_draft(content, CORE.new_attempt(content, 1), {"x": 1})
    assert info.value.status == 400


# --- scoring ---------------------------------------------------------------------------

def test_path_scoring_with_when_limiting_the_best_path(path_content):
    scn = Scenario(path_content)
    best = best_path(scn)
    # c2 then c3 would be 1 + 5 = 6, but c2 sets dukungan to 10, so c3's when is false:
    # the best reachable path is c1 (2) → c3 (5) = 7, not c2 → c3.
    assert best.found and best.points == 7
    assert [c for _n, c in best.steps] == ["c1", "c3"]
    assert best.ending == "e1"
    worse = choose(path_content, choose(path_content, CORE.new_attempt(path_content, 1),
                                        "c2").attempt, "c4").attempt
    assert CORE.score(path_content, worse).earned == pytest.approx(100 * 2 / 7)
    best_attempt = choose(path_content, choose(path_content, CORE.new_attempt(path_content, 1),
                                               "c1").attempt, "c3").attempt
    assert CORE.score(path_content, best_attempt).earned == pytest.approx(100)


def test_points_count_once_per_path():
    xml = """<asn_change_simulation start="n1" scoring="path">
      <metric id="m" label="M" initial="0"/>
      <node id="n1" title="Loop">
        <choice id="again" goto="n1" points="3" when="m &lt; 2"><text>Again</text>
          <effect metric="m" add="1"/></choice>
        <choice id="out" goto="e1" points="1"><text>Out</text></choice>
      </node>
      <ending id="e1" title="E" score="0.5"/>
    </asn_change_simulation>"""
    content = load(xml)
    attempt = CORE.new_attempt(content, 1)
    for choice in ("again", "again", "out"):
        attempt = choose(content, attempt, choice).attempt
    assert path_points(Scenario(content), engine.path_choice_ids(attempt)) == 4
    best = best_path(Scenario(content))
    assert best.points == 4  # recounted once per choice on the best path
    assert CORE.score(content, attempt).earned == pytest.approx(100)


def test_path_scoring_zero_best_uses_ending_score():
    xml = BASE.format(scoring="path")
    for pts in ('points="2" ', 'points="1"', 'points="5" ', 'points="1"'):
        xml = xml.replace(pts, "")
    content = load(xml)
    assert best_path(Scenario(content)).points == 0
    attempt = choose(content, choose(content, CORE.new_attempt(content, 1), "c2").attempt,
                     "c4").attempt
    assert CORE.score(content, attempt).earned == 25


def test_ending_scoring_ignores_points(content):
    attempt = choose(content, choose(content, CORE.new_attempt(content, 1), "c2").attempt,
                     "c4").attempt
    assert CORE.score(content, attempt).earned == 25
    assert CORE.raw_maximum(content) == 100


def test_unfinished_scores_zero(content):
    score = CORE.score(content, CORE.new_attempt(content, 1))
    assert (score.earned, score.possible) == (0, 100)


def test_competencies(content):
    # n1 offers c1 (komunikasi, 2); n2 offers c3 (kerja_sama, 5) when dukungan >= 20
    good = choose(content, choose(content, CORE.new_attempt(content, 1), "c1").attempt,
                  "c3").attempt
    tally = CORE.score(content, good).competencies
    assert tally.results() == {"komunikasi": 1.0, "kerja_sama": 1.0}
    weak = choose(content, choose(content, CORE.new_attempt(content, 1), "c1").attempt,
                  "c4").attempt
    tally = CORE.score(content, weak).competencies
    assert tally.to_dict() == {"komunikasi": [2.0, 2.0], "kerja_sama": [0.0, 5.0]}
    # c2 then c4: komunikasi missed (0/2); kerja_sama was never offered (dukungan 10)
    other = choose(content, choose(content, CORE.new_attempt(content, 1), "c2").attempt,
                   "c4").attempt
    assert CORE.score(content, other).competencies.to_dict() == {"komunikasi": [0.0, 2.0]}


def test_finished_attempt_keeps_recorded_score_when_ending_removed(content):
    attempt = choose(content, choose(content, CORE.new_attempt(content, 1), "c1").attempt,
                     "c3").attempt
    xml = BASE.format(scoring="ending").replace('<ending id="e1"', '<ending id="e1x"')
    changed = load(xml)
    assert CORE.score(changed, attempt).earned == 100


def test_best_path_bound_is_reported():
    xml = """<asn_change_simulation start="n1">
      <metric id="m" label="M" initial="0" max="1000"/>
      <node id="n1" title="Count">
        <choice id="up" goto="n1" when="m &lt; 1000"><text>Up</text><effect metric="m" add="1"/></choice>
        <choice id="stop" goto="e1"><text>Stop</text></choice>
      </node>
      <ending id="e1" title="E" score="1"/>
    </asn_change_simulation>"""
    scn = Scenario(load(xml))
    expl = explore(scn, limit=50)
    assert expl.truncated and expl.size == 50
    assert best_path(scn, expl).truncated


# --- replay and drift --------------------------------------------------------------------

def test_replay_is_deterministic(content):
    live = CORE.new_attempt(content, 9)
    live = choose(content, live, "c1").attempt
    live = choose(content, live, "c3").attempt
    states = CORE.replay(content, ["c1", "c3"], seed=9)
    assert states[-1] == live
    assert CORE.replay(content, ["c1", "c3"], seed=9) == states
    assert [s["position"] for s in states] == ["n1", "n2", "e1"]


def test_replay_refuses_unavailable_choice(content):
    with pytest.raises(ActionError):
        CORE.replay(content, ["c2", "c3"])


def test_drift(content):
    attempt = choose(content, CORE.new_attempt(content, 1), "c1").attempt
    assert CORE.drift(content, attempt) is False
    renamed = load(BASE.format(scoring="ending").replace('id="n2"', 'id="n2_new"')
                   .replace('goto="n2"', 'goto="n2_new"'))
    assert CORE.drift(renamed, attempt) is True
    no_choice = load(BASE.format(scoring="ending").replace('id="c1"', 'id="c1_new"'))
    assert CORE.drift(no_choice, attempt) is True
    finished = choose(content, attempt, "c3").attempt
    assert CORE.drift(renamed, finished) is False


def test_view_after_drift_recovers(content):
    attempt = choose(content, CORE.new_attempt(content, 1), "c1").attempt
    renamed = load(BASE.format(scoring="ending").replace('id="n2"', 'id="n2_new"')
                   .replace('goto="n2"', 'goto="n2_new"'))
    view = CORE.learner_view(renamed, attempt, engine_reveal())
    assert view["node"] is None and view["error"]
    with pytest.raises(ActionError) as info:
        choose(renamed, attempt, "c3")
    assert info.value.status == 409


# --- fuzz ---------------------------------------------------------------------------------

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=30),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=10), inner,
                                                                 max_size=4),
    max_leaves=12)
actions = st.one_of(
    json_values,
    st.fixed_dictionaries({"type": st.sampled_from(["choose", "x", ""]) | json_values,
                           "choice": st.sampled_from(["c1", "c2", "c3", "c4", "c5", "c6",
                                                      "nope", ""]) | json_values}),
)


CHOICE_IDS = ["c1", "c2", "c3", "c4", "c5", "c6"]
# well-formed choices half of the time, so that accepted steps are checked as often as
# refusals
some_actions = st.one_of(st.fixed_dictionaries({"type": st.just("choose"),
                                                "choice": st.sampled_from(CHOICE_IDS)}),
                         actions)
HIDDEN_FROM_LEARNERS = ("rahasia", "Rahasia", '"goto"', '"when"', '"effects"', '"points"')


def fuzz_content():
    return load(BASE.format(scoring="path"))


def walk(content, picks):
    """A learner's attempt after choosing, at each step, the offered choice ``pick`` names
    (modulo the choices offered), until the picks or the scenario end."""
    scn = Scenario(content)
    attempt = CORE.new_attempt(content, 3)
    for pick in picks:
        if attempt["finished"]:
            break
        offered = scn.available(scn.nodes[attempt["position"]], scn.to_values(attempt["metrics"]))
        attempt = choose(content, attempt, offered[pick % len(offered)].id).attempt
    return attempt


def offered_ids(content, node_id, metrics) -> list[str]:
    """The choices offered at ``node_id`` given stored ``metrics``, worked out here from the
    content and the condition language alone, not through the engine's compiled transitions:
    a stored value that is not a finite number counts as the metric's initial value."""
    values = {}
    for metric in content.metrics:
        value = metrics.get(metric.id)
        try:
            usable = (isinstance(value, (int, float)) and not isinstance(value, bool)
                      and math.isfinite(float(value)))
        except OverflowError:
            usable = False
        values.setdefault(metric.id, float(value) if usable
                          else min(max(metric.initial, metric.min), metric.max))
    node = next(n for n in content.nodes if n.id == node_id)

    def holds(when):
        if not when:
            return True
        try:
            return ex.evaluate(ex.parse(when), values)
        except ex.ParseError:
            return False
    return [c.id for c in node.choices if holds(c.when)]


def assert_refused_cleanly(content, attempt, action):
    """An action either fails with a 400/409 ActionError or returns an outcome; either way
    the attempt it was given is unchanged. Returns the outcome (None when refused)."""
    before = repr(attempt)
    try:
        out = CORE.apply_action(content, attempt, action)
    except ActionError as exc:
        assert exc.status in (400, 409), exc.status
        assert str(exc), "a refusal says why"
        out = None
    assert repr(attempt) == before, "the input attempt was changed"
    return out


def assert_one_valid_step(content, before, action, out):
    """What any accepted step guarantees, whatever the attempt it started from: the chosen
    choice was offered there, the path grew by exactly that choice, the position is a node
    or an ending, every metric is a finite number, and the outcome, its events and its
    score agree with one another."""
    scn = Scenario(content)
    new = out.attempt
    engine.check_attempt(new)  # the shape the engine reads back
    json.dumps(new)  # storable (junk it was given elsewhere is carried as it was)
    chosen = action["choice"]
    node = scn.nodes[before["position"]]
    offered = offered_ids(content, node.id, before["metrics"])
    assert chosen in offered, (chosen, offered)
    assert len(new["path"]) == len(before["path"]) + 1
    entry = new["path"][-1]
    assert json.loads(json.dumps(entry)) == entry  # what the step wrote is plain JSON
    assert (entry["node"], entry["choice"], entry["to"]) == (node.id, chosen, new["position"])
    assert entry["after"] == new["metrics"]
    assert set(new["metrics"]) == {m.id for m in content.metrics}
    assert all(isinstance(v, float | int) and math.isfinite(v) for v in new["metrics"].values())
    assert out.events[0] == ("choice_made", {"node": node.id, "choice": chosen})
    assert out.finished is new["finished"] is (new["position"] in scn.endings)
    if new["finished"]:
        assert new["ending"] == new["position"] and 0.0 <= new["result"]["fraction"] <= 1.0
        assert out.events[-1][0] == "ending_reached"
    else:
        assert new["position"] in scn.nodes and len(out.events) == 1
        assert new.get("ending") == before.get("ending")  # a step to a node does not touch it
    score = CORE.score(content, new)
    assert 0.0 <= score.earned <= score.possible == engine.RAW_MAXIMUM


def assert_learner_sees_only_what_is_offered(content, attempt):
    """A valid attempt's metrics stay within their bounds, and the learner's view of it
    shows no hidden metric, no condition, effect, goto or points, and exactly the choices
    offered now."""
    for metric in content.metrics:
        assert metric.min <= attempt["metrics"][metric.id] <= metric.max, metric.id
    view = CORE.learner_view(content, attempt, Reveal(correctness=False, answers=False))
    blob = json.dumps(view)
    for secret in HIDDEN_FROM_LEARNERS:
        assert secret not in blob, secret
    if attempt["finished"]:
        assert view["node"] is None and view["ending"]["id"] == attempt["ending"]
        other = {"e1": "END-FAIL", "e2": "END-SUCCESS"}[attempt["ending"]]
        assert other not in blob  # the ending not reached stays unknown
    else:
        offered = offered_ids(content, attempt["position"], attempt["metrics"])
        assert [c["id"] for c in view["node"]["choices"]] == offered


@settings(max_examples=300, deadline=None)
@given(action=some_actions, picks=st.lists(st.integers(0, 5), max_size=3))
def test_fuzz_apply_action_keeps_the_attempt_valid(action, picks):
    content = fuzz_content()
    attempt = walk(content, picks)
    out = assert_refused_cleanly(content, attempt, action)
    if out is not None:
        assert_one_valid_step(content, attempt, action, out)
        assert_learner_sees_only_what_is_offered(content, out.attempt)


@settings(max_examples=100, deadline=None)
@given(picks=st.lists(st.integers(0, 5), min_size=1, max_size=6),
       choice=st.sampled_from(CHOICE_IDS))
def test_fuzz_every_offered_choice_is_a_valid_step(picks, choice):
    """Not only refusals: a choice that is offered is always accepted, and its outcome
    satisfies every invariant."""
    content = fuzz_content()
    attempt = walk(content, picks)
    action = {"type": "choose", "choice": choice}
    out = assert_refused_cleanly(content, attempt, action)
    if attempt["finished"]:
        assert out is None
        return
    offered = offered_ids(content, attempt["position"], attempt["metrics"])
    assert offered and (out is not None) is (choice in offered)
    if out is not None:
        assert_one_valid_step(content, attempt, action, out)
        assert_learner_sees_only_what_is_offered(content, out.attempt)


ATTEMPT_KEYS = ["seed", "position", "metrics", "path", "finished", "ending", "error", "result"]
junk_attempts = st.one_of(
    json_values,
    # a real attempt with some of its keys replaced by junk (or by plausible ids)
    st.builds(lambda picks, overrides: {**walk(fuzz_content(), picks), **overrides},
              st.lists(st.integers(0, 5), max_size=2),
              st.dictionaries(st.sampled_from(ATTEMPT_KEYS),
                              json_values | st.sampled_from(["n1", "n2", "n2b", "e1", "r1"]),
                              max_size=3)),
    # a real attempt whose stored metric values are junk (to_values must not trust them)
    st.builds(lambda picks, metrics: {**walk(fuzz_content(), picks), "metrics": metrics},
              st.lists(st.integers(0, 5), max_size=2),
              st.dictionaries(st.sampled_from(["moral", "dukungan", "rahasia", "zz"]),
                              st.sampled_from([math.nan, math.inf, -math.inf, 10**400, -1e308,
                                               True, "50"]) | json_values,
                              min_size=1, max_size=4)),
    # a real attempt whose recorded path is junk, entries and all (finished or not)
    st.builds(lambda picks, path, finished: {**walk(fuzz_content(), picks), "path": path,
                                             **({"finished": True, "ending": finished}
                                                if finished is not None else {})},
              st.lists(st.integers(0, 5), max_size=2),
              st.lists(st.fixed_dictionaries({}, optional={
                  key: st.sampled_from(["n1", "n2", "c1", "c3"]) | json_values
                  for key in ("node", "choice", "before", "after", "to")}), max_size=3)
              | json_values,
              st.none() | st.sampled_from(["e1", "e2", "gone"]) | json_values),
)


@settings(max_examples=200, deadline=None)
@given(attempt=junk_attempts, action=some_actions)
def test_fuzz_junk_attempts(attempt, action):
    """Stored state is never trusted blindly: whatever the attempt holds, drift, fit and
    score are answered (a bool, a score within 0–100), the learner view and the report are
    made (JSON the browser can read; one row per recorded step at most), an action is
    refused with a 400/409 or makes one valid step from it, and the junk is left as it was."""
    content = fuzz_content()
    before = repr(attempt)
    assert isinstance(CORE.drift(content, attempt), bool)
    assert isinstance(CORE.fits(content, attempt), bool)
    score = CORE.score(content, attempt)
    assert 0.0 <= score.earned <= score.possible == engine.RAW_MAXIMUM
    for reveal in (Reveal(False, False), Reveal(True, True)):
        json.dumps(CORE.learner_view(content, attempt, reveal), allow_nan=False)
    if isinstance(attempt, dict):  # the shell hands the report a dict, always
        path = attempt.get("path")
        steps = len(path) if isinstance(path, list) else 0
        assert len(CORE.report_rows(content, attempt)) <= steps + bool(attempt.get("finished"))
    assert repr(attempt) == before
    out = assert_refused_cleanly(content, attempt, action)
    if out is not None:
        assert_one_valid_step(content, attempt, action, out)
