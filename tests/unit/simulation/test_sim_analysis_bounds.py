"""The bounded scenario analysis: the budget is respected and says when it was hit, the
results equal an unbounded reference search on small scenarios, and the stored result
(with the content) is what scoring, the debrief and validation read — never a search."""
from __future__ import annotations

import json
from collections import deque
from contextlib import ExitStack, contextmanager
from pathlib import Path
from unittest import mock

import pytest

from asn_xblocks.core.engine_api import Reveal
from asn_xblocks.core.olx import parse_olx
from asn_xblocks.shell.i18n_catalog import load_catalog
from asn_xblocks.simulation import (
    analysis,
    engine,
    longest_path,
    path_check,
    state_search,
    structural_graph,
    validation,
)
from asn_xblocks.simulation.core import CORE
from asn_xblocks.simulation.scenario import RouteError, Scenario, path_points
from asn_xblocks.simulation.state_search import Budget
from benchmarks import gen_simulation

ROOT = Path(__file__).resolve().parents[3]
DEMOS = sorted((ROOT / "asn_xblocks" / "demo" / "scenarios" / "asn_change_simulation").glob("*.xml"))
HUGE = Budget(work=10**15, states=10**9, memory=10**15)


@contextmanager
def no_search():
    """Any state search or analysis fails the test: the search's entry point wherever a
    module bound it, and the analysis that runs it."""
    refuse = AssertionError("searched")
    with ExitStack() as stack:
        for module in (state_search, longest_path, analysis):
            stack.enter_context(mock.patch.object(module, "explore", side_effect=refuse))
        stack.enter_context(mock.patch.object(analysis, "analyse", side_effect=refuse))
        yield

BASE = """
<asn_change_simulation start="n1" scoring="path">
  <metric id="moral" label="Moral" initial="50"/>
  <metric id="dukungan" label="Dukungan" initial="30" max="60"/>
  <node id="n1" title="Awal">
    <choice id="c1" goto="r1" points="2"><text>Bicara</text>
      <effect metric="moral" add="60"/><effect metric="moral" add="-20"/></choice>
    <choice id="c2" goto="n2" points="1"><text>Tunggu</text>
      <effect metric="dukungan" set="10"/><effect metric="moral" add="-70"/></choice>
  </node>
  <node id="n2" title="Dua">
    <choice id="c3" goto="e1" when="dukungan &gt;= 20" points="5"><text>Dorong</text></choice>
    <choice id="c4" goto="e2" points="1"><text>Menyerah</text></choice>
    <choice id="c5" goto="n2b" when="moral &lt; 10"><text>Diam</text></choice>
  </node>
  <node id="n2b" title="Dua-b"><choice id="c6" goto="e2"><text>Lanjut</text></choice></node>
  <router id="r1">
    <route when="moral &lt; 30" goto="e2"/>
    <route when="moral &gt;= 80" goto="n2"/>
    <route goto="r2"/>
  </router>
  <router id="r2"><route goto="n2"/></router>
  <ending id="e1" title="Sukses" score="1"/>
  <ending id="e2" title="Gagal" score="0.25"/>
</asn_change_simulation>"""

COUNTER = """<asn_change_simulation start="n1" scoring="path">
  <metric id="m" label="M" initial="0" max="6"/>
  <metric id="k" label="K" initial="1" max="3"/>
  <node id="n1" title="Loop">
    <choice id="up" goto="n1" when="m &lt; 6 and not (k == 3)" points="3"><text>Up</text>
      <effect metric="m" add="2"/></choice>
    <choice id="kk" goto="r1" when="k &lt; 3" points="1"><text>K</text><effect metric="k" add="1"/></choice>
    <choice id="out" goto="e1" points="1"><text>Out</text></choice>
  </node>
  <router id="r1"><route when="m &gt;= 4 and k &gt;= 2" goto="e2"/><route goto="n1"/></router>
  <ending id="e1" title="E1" score="0.5"/>
  <ending id="e2" title="E2" score="1"/>
</asn_change_simulation>"""

BROKEN_ROUTES = """<asn_change_simulation start="r0">
  <metric id="m" label="M" initial="1" max="3"/>
  <router id="r0"><route goto="n1"/></router>
  <node id="n1" title="A">
    <choice id="a" goto="rx" when="m &lt; 3"><text>a</text><effect metric="m" add="1"/></choice>
    <choice id="b" goto="ry"><text>b</text></choice>
    <choice id="c" goto="e1" when="m &gt; 5"><text>never</text></choice>
  </node>
  <router id="rx"><route when="m == 3" goto="e1"/><route when="m == 2" goto="n1"/></router>
  <router id="ry"><route when="m &gt; 0" goto="rz"/><route goto="e1"/></router>
  <router id="rz"><route goto="ry"/></router>
  <ending id="e1" title="E" score="1"/>
  <ending id="e2" title="Unreached" score="0"/>
</asn_change_simulation>"""


def load(xml: str):
    return CORE.parse(parse_olx(xml))


def adversarial(metrics: int, choices: int) -> str:
    """The attack, scaled: metrics 0–1000, one node of self-looping conditional choices."""
    out = ['<asn_change_simulation start="n1" scoring="path" show_answer="finished">']
    out += [f'<metric id="m{i}" label="M{i}" initial="0" min="0" max="1000"/>' for i in range(metrics)]
    out.append('<node id="n1" title="Loop">')
    out += [f'<choice id="c{j}" goto="n1" when="m{j % metrics} &lt; 1000" points="1"><text>x</text>'
            f'<effect metric="m{j % metrics}" add="{1 + j // metrics}"/></choice>' for j in range(choices)]
    out.append('<choice id="out" goto="e1" points="1"><text>out</text></choice></node>')
    out.append('<ending id="e1" title="E" score="1"/></asn_change_simulation>')
    return "".join(out)


def small_scenarios():
    items = [("base", BASE), ("counter", COUNTER), ("broken_routes", BROKEN_ROUTES),
             ("gen12", gen_simulation.generate(12, 3)), ("gen40", gen_simulation.generate(40, 1))]
    items += [(path.stem, path.read_text(encoding="utf-8")) for path in DEMOS]
    return items


SMALL = small_scenarios()


# --- an unbounded reference search, written independently of state_search.py ----------

def reference(scn: Scenario):
    """Every reachable (kind, place, values), every edge, and what validation derives."""
    values = scn.initial_values()
    kind, place = scn.resolve(scn.content.start, values)
    start = (kind, place, values)
    seen, queue = {start}, deque([start])
    edges, available, stuck, errors = set(), set(), set(), set()
    while queue:
        kind, place, vals = queue.popleft()
        if kind == "ending":
            continue
        offered = False
        for transition in scn.transitions(scn.nodes[place]):
            if not transition.available(vals):
                continue
            offered = True
            available.add(transition.choice.id)
            after = scn.apply(transition, vals)
            try:
                kind2, place2 = scn.resolve(transition.choice.goto, after)
            except RouteError as exc:
                errors.add((transition.choice.id, exc.reason, exc.place))
                edges.add(((place, vals), transition.choice.id, None))
                continue
            target = (kind2, place2, after)
            edges.add(((place, vals), transition.choice.id, (place2, after)))
            if target not in seen:
                seen.add(target)
                queue.append(target)
        if not offered:
            stuck.add(place)
    return seen, edges, available, stuck, errors


def brute_best(scn: Scenario, limit: int = 200_000):
    """(points counted once per choice, ending score) of the best play, by enumerating
    every play that never repeats a state; None when there are too many."""
    values = scn.initial_values()
    kind, place = scn.resolve(scn.content.start, values)
    scores = {e.id: (e.score or 0.0) for e in scn.content.endings}
    best, count = None, 0
    stack = [(kind, place, values, (), frozenset())]
    while stack:
        kind, place, vals, path, on_path = stack.pop()
        count += 1
        if count > limit:
            return None
        if kind == "ending":
            candidate = (path_points(scn, path), scores.get(place, 0.0))
            best = candidate if best is None or candidate > best else best
            continue
        for transition in scn.transitions(scn.nodes[place]):
            if not transition.available(vals):
                continue
            after = scn.apply(transition, vals)
            try:
                kind2, place2 = scn.resolve(transition.choice.goto, after)
            except RouteError:
                continue
            if (place2, after) in on_path:
                continue
            stack.append((kind2, place2, after, path + (transition.choice.id,),
                          on_path | {(place, vals)}))
    return best


# --- equal to the unbounded search on small scenarios ------------------------------------

@pytest.mark.parametrize("name,xml", SMALL, ids=[name for name, _xml in SMALL])
def test_bounded_search_equals_the_unbounded_reference(name, xml):
    scn = Scenario(load(xml))
    expl = state_search.explore(scn)
    assert expl.cut is None and not expl.truncated, name
    assert 0 < expl.work <= state_search.BUDGET.work
    seen, edges, available, stuck, errors = reference(scn)
    states = {(expl.kinds[s], expl.places[s], expl.values[s]) for s in range(expl.size)}
    assert states == seen
    found_edges = {((expl.places[s], expl.values[s]), choice,
                    None if t < 0 else (expl.places[t], expl.values[t]))
                   for s in range(expl.size) for choice, t in expl.out(s)}
    assert found_edges == edges
    assert expl.available == available and expl.stuck_nodes == stuck
    assert {(c, e.reason, e.place) for _n, c, e in expl.route_errors} <= errors
    assert {(c, r) for c, r, _p in errors} == {(c, e.reason) for _n, c, e in expl.route_errors}
    # the same search with no bound at all finds exactly the same
    free = state_search.explore(Scenario(load(xml)), budget=HUGE)
    assert (free.size, free.edge_count, free.work) == (expl.size, expl.edge_count, expl.work)


@pytest.mark.parametrize("name,xml", SMALL, ids=[name for name, _xml in SMALL])
def test_best_path_equals_the_unbounded_one_and_brute_force_where_exact(name, xml):
    scn = Scenario(load(xml))
    best = longest_path.best_path(scn)
    free = longest_path.best_path(scn, state_search.explore(scn, budget=HUGE))
    assert (best.found, best.points, best.steps, best.ending) == \
        (free.found, free.points, free.steps, free.ending)
    assert not best.truncated
    if best.found:  # the path shown is a real play: replaying it reaches that ending
        states = engine.replay(scn.content, [c for _n, c in best.steps])
        assert states[-1]["finished"] and states[-1]["ending"] == best.ending
    # Exact where the node graph has no cycles (longest_path.py: with cycles the DP is a
    # documented approximation); there it equals enumerating every play.
    if structural_graph.cyclic_components(structural_graph.structural_edges(scn)) or name == "01_oss_perizinan":
        return  # (the first demo has too many plays to enumerate)
    expected = brute_best(scn)
    assert expected is not None, name
    assert best.found and (best.points, scn.endings[best.ending].score) == expected


def test_stored_analysis_gives_the_same_findings_as_a_fresh_validation():
    for _name, xml in SMALL:
        fresh = load(xml)
        problems = validation.validate(fresh)
        stored = json.loads(json.dumps(CORE.stored_analysis(fresh)))
        again = CORE.from_dict(CORE.to_dict(fresh))
        CORE.attach_stored_analysis(again, stored)
        with no_search():
            assert validation.validate(again) == problems


def test_router_walk_counts_like_the_engine_resolves():
    scn = Scenario(load(BROKEN_ROUTES))
    for target in ("r0", "rx", "ry", "rz", "n1", "e1", "nowhere"):
        for m in (0.0, 1.0, 2.0, 3.0):
            try:
                expected = scn.resolve(target, (m,))
            except RouteError as exc:
                expected = (exc.reason, exc.place)
            spent = [0]
            try:
                got = state_search.resolve_counted(scn, target, (m,), state_search.ConditionCosts(),
                                               spent, 10**9)
            except RouteError as exc:
                got = (exc.reason, exc.place)
            assert got == expected and spent[0] >= 1
    with pytest.raises(state_search.OutOfBudget):
        state_search.resolve_counted(scn, "ry", (1.0,), state_search.ConditionCosts(), [0], 3)


def test_condition_size_counts_comparisons_and_operators():
    assert state_search.condition_size("") == 1
    assert state_search.condition_size("a < 1") == 1
    assert state_search.condition_size("a < 1 and not (b > 2 or c == 3)") == 6
    assert state_search.condition_size("a <") == 1  # unparsable: never true, one unit


# --- the budget is respected, and says so ----------------------------------------------------

class CountingScenario(Scenario):
    """Counts every condition evaluated and every choice applied (the real work)."""

    def __init__(self, content):
        super().__init__(content)
        self.evaluations = 0
        self.applied = 0

    def condition(self, when):
        inner = super().condition(when)

        def counted(values):
            self.evaluations += 1
            return inner(values)
        return counted

    def apply(self, transition, values):
        self.applied += 1
        return Scenario.apply(transition, values)


@pytest.mark.parametrize("budget,reason", [
    (Budget(work=20_000, states=10**9, memory=10**12), "work"),
    (Budget(work=10**12, states=700, memory=10**12), "states"),
    (Budget(work=10**12, states=10**9, memory=30_000), "memory"),
    (state_search.BUDGET, None),  # whichever bound the attack hits first
])
def test_the_attack_stops_at_its_budget_and_says_which_bound(budget, reason):
    content = load(adversarial(40, 300))
    scn = CountingScenario(content)
    expl = state_search.explore(scn, budget=budget)
    assert expl.truncated and expl.cut in ("work", "states", "memory")
    if reason:
        assert expl.cut == reason
    assert expl.work <= budget.work
    assert expl.size <= budget.states
    words = expl.size * (state_search.STATE_WORDS + len(content.metrics)) + expl.edge_count
    assert words == expl.words <= budget.memory
    # the counter is not flattering: every condition evaluated and every choice taken
    # (with its metric values built and hashed) is in it
    assert scn.evaluations + scn.applied * state_search.take_units(40, 1) <= expl.work
    assert scn.evaluations <= budget.work


def test_the_attack_costs_a_bounded_amount_end_to_end():
    content = load(adversarial(40, 300))
    scn = CountingScenario(content)
    found = analysis.analyse(content, scn=scn)
    assert found.truncated and found.work <= state_search.BUDGET.work
    assert scn.evaluations <= state_search.BUDGET.work
    stored = found.to_dict()
    assert stored["cut"] in ("work", "states", "memory") and stored["budget"] == state_search.BUDGET.to_list()
    assert len(json.dumps(stored)) < 10_000  # what is stored with the content stays small
    assert found.best.found and found.best.truncated


def test_cut_off_is_a_translated_warning_with_an_id_and_no_unsure_findings():
    content = load(adversarial(12, 13))
    found = {p.code: p for p in validation.validate(content)}
    warning = found["state-search-cut-off"]
    assert warning.severity == "warning" and not [p for p in found.values() if p.is_error]
    english = warning.text()
    indonesian = warning.text(load_catalog("id").gettext)
    assert english != indonesian and str(analysis.attached(content).states) in indonesian
    assert "ending-unreachable" not in found and "choice-never-available" not in found
    assert analysis.attached(content).to_dict()["cut"]


def test_check_all_paths_plays_within_their_own_budget():
    content = load(adversarial(12, 13))
    report = path_check.check_paths(content, plays=10_000, play_work=50_000)
    assert report.method == "partial" and report.cut
    assert 0 < report.plays < 10_000  # stopped by the play budget, not the play count


# --- the stored result: what learners read ---------------------------------------------------

def test_stored_result_round_trips_and_bad_data_is_not_analysed():
    content = load(BASE)
    stored = CORE.stored_analysis(content)
    assert analysis.Analysis.from_dict(json.loads(json.dumps(stored))).to_dict() == stored
    for bad in (None, {}, [], {"v": 99}, dict(stored, best="x"), dict(stored, budget=[1])):
        again = CORE.from_dict(CORE.to_dict(content))
        CORE.attach_stored_analysis(again, bad)
        assert analysis.attached(again) is analysis.NOT_ANALYSED


def test_the_stored_best_path_keeps_a_bounded_number_of_steps():
    steps = [("n1", f"c{i}") for i in range(analysis.MAX_BEST_STEPS + 5)]
    found = analysis.analyse(load(BASE))
    found.best = longest_path.BestPath(True, 9.0, steps, "e1", False)
    stored = found.to_dict()
    assert len(stored["best"]["steps"]) == analysis.MAX_BEST_STEPS and stored["best"]["steps_cut"]
    assert analysis.Analysis.from_dict(stored).best.points == 9.0


def finish(content, choices):
    attempt = CORE.new_attempt(content, 1)
    for choice in choices:
        attempt = CORE.apply_action(content, attempt, {"type": "choose", "choice": choice}).attempt
    return attempt


def test_learner_calls_read_the_attached_result_and_never_search():
    content = load(BASE)
    CORE.stored_analysis(content)  # as on save: analysed and attached
    with no_search():
        attempt = finish(content, ["c2", "c4"])
        view = CORE.learner_view(content, attempt, Reveal(True, True))
        assert CORE.score(content, attempt).earned == pytest.approx(100 * 2 / 7)
        assert [s["choice_text_html"] for s in view["best_path"]] == ["Bicara", "Dorong"]


def test_not_analysed_content_falls_back_without_searching():
    content = load(BASE)
    again = CORE.from_dict(CORE.to_dict(content))
    CORE.attach_stored_analysis(again, None)  # stored by an older version
    with no_search():
        attempt = finish(again, ["c2", "c4"])
        assert CORE.score(again, attempt).earned == 25  # the ending's score
        view = CORE.learner_view(again, attempt, Reveal(True, True))
        assert view["best_path"] == []
        found = {p.code: p for p in validation.validate(again)}
    assert found[validation.NOT_ANALYSED].severity == "warning"
    assert "save" in found[validation.NOT_ANALYSED].text()
    text_id = found[validation.NOT_ANALYSED].text(load_catalog("id").gettext)
    assert text_id != found[validation.NOT_ANALYSED].text()


def test_no_per_process_cache_of_best_paths_is_left():
    assert not hasattr(analysis, "best_path_for") and not hasattr(analysis, "_BEST_CACHE")
