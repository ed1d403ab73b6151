"""An author's scenario cannot stall the workers that serve learners.

The attack (found on the live demo): a 46 KB simulation — 40 metrics with range 0–1000, one
node with 300 self-looping conditional choices, ``scoring="path"`` — whose reachable-state
search took minutes and hundreds of MB, in ``studio_save`` and again in the next learner's
finishing ``act`` (the best path was searched on the learner's request). Now the analysis
is bounded in work and memory, runs when content is saved or imported, and is stored with
the content; learners only read it.

No timings: the work is counted. Every condition the engine evaluates and every choice it
applies goes through a counter (``engine.Scenario`` instrumented), which refuses to go past
a ceiling (so the unbounded search fails at once instead of running for minutes), and the
learner's calls run with the search patched to raise.
"""
from __future__ import annotations

from contextlib import contextmanager
from unittest import mock

from asn_xblocks.simulation import analysis, engine
from tests.integration.sim_fixtures import PARTIAL, SUCCESS, sim_xml

METRICS, CHOICES = 40, 300
# The most condition evaluations / applied choices one save may do: the analysis's work
# budget (each evaluation is at least one unit, each applied choice more than eight).
SAVE_EVALUATIONS = 5_000_000
SAVE_APPLIED = 1_000_000
# A learner's whole attempt: a few scans of the node's choices per request.
LEARNER_EVALUATIONS = 30 * (CHOICES + 1)

SMALL = """<asn_change_simulation display_name="Small" start="n1">
  <metric id="m" label="M" initial="1"/>
  <node id="n1" title="Start"><choice id="c1" goto="e1"><text>Go</text></choice></node>
  <ending id="e1" title="End" score="1" outcome="success"><p>Done</p></ending>
</asn_change_simulation>"""


def attack_xml(metrics: int = METRICS, choices: int = CHOICES) -> str:
    out = ['<asn_change_simulation display_name="Attack" start="n1" scoring="path" '
           'show_answer="finished" max_attempts="0">']
    out += [f'<metric id="m{i}" label="Metric {i}" initial="0" min="0" max="1000"/>'
            for i in range(metrics)]
    out.append('<node id="n1" title="Loop"><content><p>Again?</p></content>')
    for j in range(choices):
        metric = f"m{j % metrics}"
        out.append(f'<choice id="c{j}" goto="n1" when="{metric} &lt; 1000" points="1">'
                   f'<text>Push {metric} a little further (option {j})</text>'
                   f'<effect metric="{metric}" add="{1 + j // metrics}"/></choice>')
    out.append('<choice id="out" goto="e1" points="1"><text>Stop here</text></choice></node>')
    out.append('<ending id="e1" title="End" score="1" outcome="success"><p>Done.</p></ending>')
    out.append("</asn_change_simulation>")
    return "\n".join(out)


class Overrun(Exception):
    """More work than the ceiling: the search is not bounded."""


class Work:
    def __init__(self, evaluations: int, applied: int):
        self.ceiling = (evaluations, applied)
        self.evaluations = 0
        self.applied = 0
        self.searches = 0


@contextmanager
def counted(evaluations: int, applied: int, searches_allowed: bool = True):
    """Count (and cap) the engine's real work; with ``searches_allowed`` False any call of
    the state search or the analysis raises."""
    work = Work(evaluations, applied)
    original_condition = engine.Scenario.condition
    original_apply = engine.Scenario.apply
    original_explore = analysis.explore

    def condition(self, when):
        inner = original_condition(self, when)

        def evaluate(values):
            work.evaluations += 1
            if work.evaluations > work.ceiling[0]:
                raise Overrun(f"more than {work.ceiling[0]} condition evaluations")
            return inner(values)
        return evaluate

    def apply(transition, values):
        work.applied += 1
        if work.applied > work.ceiling[1]:
            raise Overrun(f"more than {work.ceiling[1]} choices applied")
        return original_apply(transition, values)

    def explore(*args, **kwargs):
        if not searches_allowed:
            raise AssertionError("a learner's request searched the scenario's states")
        work.searches += 1
        return original_explore(*args, **kwargs)

    def refuse(*_args, **_kwargs):
        raise AssertionError("a learner's request ran the scenario analysis")

    patches = [mock.patch.object(engine.Scenario, "condition", condition),
               mock.patch.object(engine.Scenario, "apply", staticmethod(apply)),
               mock.patch.object(analysis, "explore", explore)]
    if not searches_allowed:
        patches += [mock.patch.object(analysis, "analyse", refuse, create=True),
                    mock.patch.object(analysis, "best_path", refuse)]
    for patch in patches:
        patch.start()
    try:
        yield work
    finally:
        for patch in reversed(patches):
            patch.stop()


def act(block, choice: str, version: int, student: str = "learner"):
    return block.call("act", {"version": version, "action": {"type": "choose", "choice": choice}},
                      student)


def play(block, choices, student: str = "learner") -> dict:
    version = block.state(student)["version"]
    data = None
    for choice in choices:
        status, data = act(block, choice, version, student)
        assert status == 200, (choice, data)
        version = data["version"]
    return data


def stored_content(block) -> dict:
    return block.xblock("staff").content


def test_the_attack_saves_and_finishes_with_bounded_work(make_block):
    block = make_block(SMALL)
    xml = attack_xml()
    assert 40_000 < len(xml.encode("utf-8")) < 60_000  # the 46 KB of the report

    with counted(SAVE_EVALUATIONS, SAVE_APPLIED) as work:
        status, data = block.call("studio_save", {"olx": xml}, student="staff")
    assert status == 200 and data["saved"] is True, data
    codes = {p["code"] for p in data["problems"]}
    assert "state-search-cut-off" in codes  # the author is told the check stopped
    assert work.searches == 1  # checked and stored in one search, not one per step
    assert work.evaluations <= SAVE_EVALUATIONS and work.applied <= SAVE_APPLIED
    stored = stored_content(block)["analysis"]
    assert stored["cut"] in ("work", "states", "memory")
    assert stored["work"] <= analysis.BUDGET.work and stored["states"] <= analysis.BUDGET.states
    assert stored["best"]["found"] is True

    # The next learner: state, three loops, then the finishing act (scored by path), with
    # the search refused and the engine's work counted.
    with counted(LEARNER_EVALUATIONS, 100, searches_allowed=False) as work:
        assert block.state()["view"]["node"]["id"] == "n1"
        data = play(block, ["c0", "c1", "c2", "out"])
    view = data["view"]
    assert view["finished"] is True and view["ending"]["id"] == "e1"
    assert 0 < view["ending"]["score_percent"] <= 100
    assert view["best_path"]  # read from what the save stored
    assert work.searches == 0 and work.evaluations <= LEARNER_EVALUATIONS


def test_studio_check_of_the_attack_is_bounded_too(make_block):
    block = make_block(SMALL)
    with counted(SAVE_EVALUATIONS, SAVE_APPLIED) as work:
        status, data = block.call("studio_check", {"olx": attack_xml()}, student="staff")
    assert status == 200 and "state-search-cut-off" in {p["code"] for p in data["problems"]}
    assert work.searches == 1 and work.evaluations <= SAVE_EVALUATIONS


def test_importing_the_attack_is_bounded_and_learners_never_search(make_block):
    from asn_xblocks.shell import content as content_mod

    content_mod._ANALYSES.clear()  # the analysis of a content is kept per process
    with counted(SAVE_EVALUATIONS, SAVE_APPLIED) as work:
        block = make_block(attack_xml(12, 13))
    assert work.searches == 1 and stored_content(block)["analysis"]["cut"]
    with counted(SAVE_EVALUATIONS, SAVE_APPLIED) as work:  # the same content again: reused
        again = make_block(attack_xml(12, 13))
    assert work.searches == 0 and stored_content(again)["analysis"] == stored_content(block)["analysis"]
    with counted(LEARNER_EVALUATIONS, 100, searches_allowed=False):
        data = play(block, ["c0", "out"])
    assert data["view"]["finished"] is True


def test_a_learner_request_never_calls_the_search(make_block):
    """Every learner-facing path of a path-scored scenario, search patched to raise."""
    block = make_block(sim_xml(scoring="path", extra='max_attempts="2"'))
    with counted(10_000, 1_000, searches_allowed=False):
        block.page()  # student_view
        first = play(block, SUCCESS)
        assert first["view"]["ending"]["score_percent"] == 100
        assert [s["choice_text_html"] for s in first["view"]["best_path"]] == [
            "Listen first", "Find allies", "Run a pilot"]
        status, retry = block.call("retry", {"version": first["version"]})
        assert status == 200, retry
        second = play(block, PARTIAL)
        assert second["view"]["ending"]["score_percent"] == 50  # 5 of the best 10 points
        block.state()
        block.page(student="staff")  # the staff view of the same learner page
        staff = block.xblock("staff")
        learner_state = block.xblock("learner").learner_state
        rows = list(staff.generate_report_data(iter([
            type("UserState", (), {"username": "learner", "state": {"learner_state": learner_state}})()])))
        assert rows
        # Studio's validate() reads the stored result too (nothing to search)
        assert not [m for m in staff.validate().messages if "stopped at its bound" in m.text]
    assert stored_content(block)["analysis"]["cut"] is None  # analysed completely on import


def test_content_stored_without_an_analysis_is_not_analysed_until_saved(make_block):
    """Content an older version stored: learners are scored by the ending and shown no best
    path (never a search on their request); Studio asks the author to save once."""
    xml = sim_xml(scoring="path")
    block = make_block(xml)
    staff = block.xblock("staff")
    content = dict(staff.content)
    del content["analysis"]
    staff.content = content
    staff.save()
    assert "analysis" not in stored_content(block)

    with counted(10_000, 1_000, searches_allowed=False):
        data = play(block, PARTIAL)
        validation = block.xblock("staff").validate()
    assert data["view"]["ending"]["score_percent"] == 60  # the ending's score, not 5/10
    assert not data["view"].get("best_path")
    assert any("save it once" in m.text for m in validation.messages)

    status, saved = block.call("studio_save", {"olx": xml}, student="staff")
    assert status == 200 and saved["saved"], saved
    assert "analysis-missing" not in {p["code"] for p in saved["problems"]}
    assert stored_content(block)["analysis"]["best"]["points"] == 10
    with counted(10_000, 1_000, searches_allowed=False):
        data = play(block, PARTIAL, student="another")
    assert data["view"]["ending"]["score_percent"] == 50
