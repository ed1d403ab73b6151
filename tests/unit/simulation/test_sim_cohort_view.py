"""The pure side of "how the cohort chose": where two paths part, which path is the most
common, and what the learner's timeline and debrief get from the counts."""
import pytest

from asn_xblocks.core.olx import parse_olx
from asn_xblocks.simulation import cohort_view
from asn_xblocks.simulation.core import CORE
from asn_xblocks.simulation.scenario import Scenario

XML = """<asn_change_simulation start="n1">
  <node id="n1" title="Kick-off"><choice id="a" goto="n2"><text><b>Listen</b> first</text></choice>
    <choice id="b" goto="n2"><text>Order</text></choice></node>
  <node id="n2" title=""><choice id="c" goto="e1"><text>Pilot</text></choice>
    <choice id="d" goto="e1"><text>Rush</text></choice></node>
  <ending id="e1" title="End" score="1"/>
</asn_change_simulation>"""


@pytest.fixture(name="scn")
def fixture_scn():
    return Scenario(CORE.parse(parse_olx(XML)))


@pytest.mark.parametrize("own,common,expected", [
    (["a", "c"], ["a", "c"], None),
    (["a", "c"], ["b", "c"], 0),
    (["a", "c"], ["a", "d"], 1),
    (["a"], ["a", "d"], 1),
    (["a", "d"], ["a"], 1),
    ([], [], None),
    ([], ["a"], 0),
])
def test_divergence(own, common, expected):
    assert cohort_view.divergence(own, common) == expected


def test_most_common_needs_the_minimum_and_breaks_ties_the_same_way():
    paths = [(3, ["b", "d"]), (3, ["a", "c"]), (1, ["a", "d"])]
    assert cohort_view.most_common(paths, ["a", "d"], 3) == (3, ["a", "c"])  # smaller ids
    assert cohort_view.most_common(list(reversed(paths)), ["a", "d"], 3) == (3, ["a", "c"])
    assert cohort_view.most_common(paths, ["b", "d"], 3) == (3, ["b", "d"])  # own tie: followed
    assert cohort_view.most_common(paths, ["a", "d"], 4) is None
    assert cohort_view.most_common([], ["a"], 1) is None
    assert cohort_view.most_common([(5, ["a"])], ["a"], 0) == (5, ["a"])  # minimum at least 1


def timeline():
    return [{"step": None, "entries": [{"node": "n1", "choice": "a"}, {"node": "n2", "choice": "d"}]},
            {"step": "x", "entries": [{"node": "n9", "choice": None}]}]


def test_annotate_puts_shares_on_entries_with_enough_learners_only():
    groups = timeline()
    count = cohort_view.annotate_timeline(groups, {"n1": {"b": 60, "a": 40}, "n9": {"z": 100}}, "en")
    assert count == 1
    assert groups[0]["entries"][0]["cohort"] == {"percent": 40, "percent_text": "40%"}
    assert "cohort" not in groups[0]["entries"][1] and "cohort" not in groups[1]["entries"][0]


def test_a_choice_no_other_learner_made_reads_zero_and_locale_formats_it():
    groups = timeline()
    cohort_view.annotate_timeline(groups, {"n2": {"c": 100}}, "id")
    assert groups[0]["entries"][1]["cohort"] == {"percent": 0, "percent_text": "0 %"}


def test_path_note(scn):
    assert cohort_view.path_note(scn, ["a", "c"], None) is None
    assert cohort_view.path_note(scn, ["a", "c"], (5, ["a", "c"])) == {"same": True}
    assert cohort_view.path_note(scn, ["b", "c"], (5, ["a", "c"])) == {
        "same": False, "step": 1, "node_title": "Kick-off", "choice_text": "Listen first"}
    # a node without a title is named by its id
    assert cohort_view.path_note(scn, ["a", "c"], (5, ["a", "d"]))["node_title"] == "n2"
    # the others stopped where the learner went on; a choice the content no longer has
    assert cohort_view.path_note(scn, ["a", "c"], (5, ["a"])) is None
    assert cohort_view.path_note(scn, ["a", "c"], (5, ["gone", "c"])) is None


def test_cohort_view_scope_and_in_place_timeline(scn):
    groups = timeline()
    view = cohort_view.cohort_view(scn, groups, ["a", "d"], {"n1": {"a": 50}},
                                   [(2, ["a", "d"]), (1, ["b", "c"])], 2, True, "en")
    assert view == {"scope": "cohort", "path": {"same": True}}
    assert groups[0]["entries"][0]["cohort"]["percent"] == 50
    view = cohort_view.cohort_view(scn, timeline(), ["a", "d"], {}, [(1, ["b", "c"])], 2, False, "en")
    assert view == {"scope": "course", "path": None}
