"""How the cohort chose, through the real handlers on both runtimes: a seeded cohort finishes
the tiny simulation (sim_fixtures), and each learner's payload is checked against a recount
done here by brute force over who took which path (their latest finished attempt)."""
import json
import random
from collections import Counter

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from asn_xblocks.shell.staff import UserMixin

from .sim_fixtures import FAIL, PARTIAL, SUCCESS, play, sim_xml

NODE_OF = {"c_listen": "n1", "c_order": "n1", "c_allies": "n2", "c_alone": "n2",
           "c_pilot": "n3", "c_rush": "n3"}
PATHS = (SUCCESS, PARTIAL, FAIL)
TEXT = {"c_listen": "Listen first", "c_order": "Give orders", "c_allies": "Find allies",
        "c_alone": "Go it alone", "c_pilot": "Run a pilot", "c_rush": "Roll out everywhere at once"}
TITLE = {"n1": "Kick-off", "n2": "Building allies", "n3": "First results"}


@pytest.fixture
def cohorts(monkeypatch):
    """Learner name → cohort, as the LMS's cohort service would tell it (both runtimes ask
    ``UserMixin.cohort_name``); names not in the map have no cohort."""
    table: dict[str, str] = {}
    monkeypatch.setattr(UserMixin, "cohort_name", lambda block: table.get(block.learner_name, ""))
    return table


def xml(minimum=2, show=True):
    return sim_xml(extra=f'show_cohort="{"true" if show else "false"}" cohort_min="{minimum}"')


def finish(block, student, path):
    """Play ``path`` to its end (starting a new attempt when the last one is finished)."""
    state = block.state(student)
    if state["attempt"]["finished"]:
        status, state = block.call("retry", {"version": state["version"]}, student)
        assert status == 200, state
    return play(block, path, student)


def entries(view):
    return [entry for group in view["debrief"]["timeline"] for entry in group["entries"]]


def whole_percent(part, whole):
    return int(100 * part / whole + 0.5)


def recount(latest, cohort_of, learner, minimum):
    """What the learner should see, counted from scratch: per decision of their path the
    share (or None), and the note on the most common path (or None)."""
    scope = cohort_of.get(learner, "")
    others = [path for name, path in latest.items()
              if name != learner and (not scope or cohort_of.get(name, "") == scope)]
    own = latest[learner]
    shares = []
    for choice in own:
        node = NODE_OF[choice]
        made = [c for path in others for c in path if NODE_OF[c] == node]
        shares.append(whole_percent(made.count(choice), len(made)) if len(made) >= minimum else None)
    counts = Counter(tuple(path) for path in others)
    best = max(counts.values(), default=0)
    if best < minimum:
        note = None
    else:
        tied = sorted(list(path) for path, n in counts.items() if n == best)
        common = own if own in tied else tied[0]
        index = next((i for i, (a, b) in enumerate(zip(own, common)) if a != b), None)
        if index is None and len(own) == len(common):
            note = {"same": True}
        else:
            index = min(len(own), len(common)) if index is None else index
            note = {"same": False, "step": index + 1, "node_title": TITLE[NODE_OF[common[index]]],
                    "choice_text": TEXT[common[index]]}
    return shares, note, ("cohort" if scope else "course")


def seeded(block, cohorts, seed=7, learners=14):
    """Learners in two cohorts and none, each finishing a random path; a few finish twice
    (only their latest finished attempt counts)."""
    rng = random.Random(seed)
    latest, cohort_of = {}, {}
    for i in range(learners):
        name = f"learner_{chr(97 + i)}"
        cohort_of[name] = ("Angkatan I", "Angkatan II", "")[i % 3]
        cohorts[name] = cohort_of[name]
        latest[name] = rng.choice(PATHS)
        finish(block, name, latest[name])
        if i % 4 == 1:
            latest[name] = rng.choice(PATHS)
            finish(block, name, latest[name])
    return latest, cohort_of


@pytest.mark.parametrize("minimum", [1, 2, 4])
def test_shares_and_path_match_a_brute_force_recount(make_block, cohorts, minimum):
    block = make_block(xml(minimum))
    latest, cohort_of = seeded(block, cohorts)
    shown = 0
    for learner in latest:
        view = block.state(learner)["view"]
        shares, note, scope = recount(latest, cohort_of, learner, minimum)
        got = [entry.get("cohort", {}).get("percent") for entry in entries(view)]
        assert got == shares, (learner, cohort_of[learner], latest[learner])
        assert view["cohort"]["scope"] == scope
        assert view["cohort"]["path"] == note, learner
        for entry in entries(view):
            if "cohort" in entry:
                assert entry["cohort"]["percent_text"] == f'{entry["cohort"]["percent"]}%'
        shown += sum(share is not None for share in shares)
    assert shown  # the seed gives every minimum something to show


def test_nothing_before_finishing_nor_in_a_new_attempt(make_block, cohorts):
    block = make_block(xml(1))
    for name in ("p1", "p2", "p3"):
        finish(block, name, SUCCESS)
    midway = play(block, SUCCESS[:2], "p4")
    assert midway["view"]["finished"] is False
    assert "cohort" not in json.dumps(midway["view"])
    finished = play(block, SUCCESS[2:], "p4")
    assert finished["view"]["cohort"]["path"] == {"same": True}
    assert [e["cohort"]["percent"] for e in entries(finished["view"])] == [100, 100, 100]
    status, again = block.call("retry", {"version": finished["version"]}, "p4")
    assert status == 200 and again["view"]["finished"] is False
    assert "cohort" not in json.dumps(again["view"])
    assert "cohort" not in json.dumps(block.state("p4")["view"])


def test_nothing_below_the_minimum_of_other_learners(make_block, cohorts):
    block = make_block(xml(3))
    finish(block, "q1", PARTIAL)
    finish(block, "q2", PARTIAL)
    view = finish(block, "q3", PARTIAL)["view"]  # two others: below 3
    assert all("cohort" not in entry for entry in entries(view))
    assert view["cohort"]["path"] is None
    view = finish(block, "q4", PARTIAL)["view"]  # three others: shown
    assert [e["cohort"]["percent"] for e in entries(view)] == [100, 100, 100]
    assert view["cohort"]["path"] == {"same": True}
    # q3 now has three others (q1, q2, q4): shown to them too, from the same totals
    assert [e["cohort"]["percent"] for e in entries(block.state("q3")["view"])] == [100, 100, 100]


def test_the_learners_own_path_is_excluded(make_block, cohorts):
    block = make_block(xml(2))
    finish(block, "r1", FAIL)
    finish(block, "r2", FAIL)
    view = finish(block, "r3", PARTIAL)["view"]
    first = entries(view)[0]
    assert first["choice"] == "c_listen" and first["cohort"]["percent"] == 0  # not 33
    assert "cohort" not in entries(view)[1]  # nobody else reached n2
    assert view["cohort"]["path"] == {"same": False, "step": 1, "node_title": "Kick-off",
                                      "choice_text": "Give orders"}
    # r1 sees r2 only beside r3: one learner per path, none on 2
    view = block.state("r1")["view"]
    assert entries(view)[0]["cohort"]["percent"] == 50
    assert view["cohort"]["path"] is None


def test_cohort_scope_and_course_scope(make_block, cohorts):
    block = make_block(xml(2))
    cohorts.update({"s1": "A", "s2": "A", "s3": "A", "s4": "B", "s5": "B", "s6": "B"})
    for name in ("s1", "s2"):
        finish(block, name, SUCCESS)
    for name in ("s4", "s5", "s7", "s8"):
        finish(block, name, FAIL)
    in_cohort = finish(block, "s3", SUCCESS)["view"]
    assert in_cohort["cohort"]["scope"] == "cohort"
    assert entries(in_cohort)[0]["cohort"]["percent"] == 100  # s1, s2 only
    assert in_cohort["cohort"]["path"] == {"same": True}
    course = finish(block, "s9", SUCCESS)["view"]  # no cohort: every learner of the block
    assert course["cohort"]["scope"] == "course"
    assert entries(course)[0]["cohort"]["percent"] == 43  # 3 of 7 listened first
    assert course["cohort"]["path"]["same"] is False
    assert course["cohort"]["path"]["choice_text"] == "Give orders"


def test_off_by_default_and_when_switched_off(make_block, cohorts):
    for source in (sim_xml(), xml(1, show=False)):
        block = make_block(source)
        for name in ("t1", "t2"):
            data = finish(block, name, SUCCESS)
        assert "cohort" not in data["view"]
        assert all("cohort" not in entry for entry in entries(data["view"]))


def test_one_statement_more_than_without(make_block, cohorts):
    counts = {}
    for show in (False, True):
        block = make_block(xml(1, show=show))
        for i in range(6):
            finish(block, f"u{i}", PATHS[i % 3])
        block.state("u0")  # warm caches alike
        with CaptureQueriesContext(connection) as queries:
            data = block.state("u0")
        assert ("cohort" in data["view"]) is show
        counts[show] = len(queries.captured_queries)
    assert counts[True] <= counts[False] + 1, counts


def test_choice_counts_are_option_shares_and_paths_a_recount(make_block, cohorts):
    """The one statement's choice counts are ``cohort.option_shares`` over kind "choice" (the
    general function, run here as the reference), its paths the recount's."""
    from asn_xblocks.review import api
    from asn_xblocks.review.models import LearnerReview

    block = make_block(xml(2))
    latest, cohort_of = seeded(block, cohorts, seed=3, learners=9)
    for row in LearnerReview.objects.all():
        scope = row.cohort or None
        counts, paths = api.cohort_paths.choices_and_paths(row.usage_key, scope, row.learner_id,
                                                           ["n1", "n2", "n3"], 2)
        reference = api.cohort.option_shares(row.usage_key, scope, row.learner_id, kinds=("choice",),
                                             denominator_kind=None, items=["n1", "n2", "n3"])
        def answered(found):
            return {node: entry for node, entry in found.items() if entry["answered"]}

        assert answered(counts) == answered(reference) and answered(counts)
        others = Counter(tuple(path) for name, path in latest.items()
                         if name != row.username and (not scope or cohort_of[name] == scope))
        assert sorted((n, list(p)) for p, n in others.items() if n >= 2) == sorted(paths)
