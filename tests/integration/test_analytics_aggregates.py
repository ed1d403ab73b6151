"""Each analytics aggregate (SQL GROUP BY over fact rows, then the numbers staff see)
against a fixture of four learners whose results are worked out by hand here.

    learner  cohort  integritas      akuntabel  score (final/pending)  position
    A        X       1/2 = 0.50      3/3 = 1.0  5.5/10 final           n2
    B        X       2/2 = 1.00      —          10/10 final            n2
    C        Y       0/4 = 0.00      2/4 = 0.5  3/10 pending           n1
    D        (none)  3/4 = 0.75      —          6/10 final             —

integritas items: q1 A 1/2, B 2/2, C 0/2 (mean 0.5, 3 learners); r1 A awaiting a grade
(not counted), C 0/2, D 3/4 (mean 0.375, 2 learners).
"""
from __future__ import annotations

import pytest
from django.utils import timezone

from asn_xblocks.core.charts import Ctx
from asn_xblocks.core.engine_api import AnalyticsFacts
from asn_xblocks.review.api.facts import Totals, forget_facts, rebuild_tallies, store_facts
from asn_xblocks.review.models import AttemptFact, AttemptRecord, LearnerReview
from asn_xblocks.shell.analytics import AnalyticsMixin

pytestmark = pytest.mark.django_db
KEY = "block-v1:test+analytics+type@asn_case_study+block@one"


class FakeBlock(AnalyticsMixin):
    usage_key = KEY
    language = "en"

    @staticmethod
    def gettext(message):
        return message

    @staticmethod
    def ngettext(singular, plural, number):
        return singular if number == 1 else plural

    @staticmethod
    def _competency_label(cid):
        return cid.capitalize()


STUB_FACTS = AnalyticsFacts(
    groups={}, scored_kinds=("question", "reflection"), facts=lambda *args: [],
    position=lambda content, attempt: "", sections=lambda *args: [],
    item_label=lambda content, kind, item_id, gettext: f"{kind} {item_id}",
    position_label=lambda content, position, gettext: f"node {position}")


def learner(name, cohort, position=""):
    review = LearnerReview.objects.create(usage_key=KEY, block_type="asn_case_study",
                                          learner_id=name, username=name, cohort=cohort,
                                          attempts=1, last_activity=timezone.now(), position=position)
    record = AttemptRecord.objects.create(review=review, number=1, finished_at=timezone.now(),
                                          raw_earned=0, raw_possible=10, fraction=0)
    return review, record


def fact(kind, item_id="", value="", earned=None, possible=None, competency="", **extra):
    return {"kind": kind, "item_id": item_id, "value": value, "earned": earned,
            "possible": possible, "competency": competency, **extra}


FACTS = {
    "A": [fact("competency", "integritas", earned=1, possible=2),
          fact("competency", "akuntabel", earned=3, possible=3),
          fact("question", "q1", earned=1, possible=2, competency="integritas"),
          fact("reflection", "r1", "awaiting", earned=None, possible=4, competency="integritas"),
          fact("option", "q1", "a"), fact("score", "", "final", 5.5, 10, step=5),
          fact("path", "", "p1", detail="[p1]", expected="end-p1")],
    "B": [fact("competency", "integritas", earned=2, possible=2),
          fact("question", "q1", earned=2, possible=2, competency="integritas"),
          fact("option", "q1", "a"), fact("score", "", "final", 10, 10, step=9),
          fact("path", "", "p1", detail="[p1]", expected="end-p1")],
    "C": [fact("competency", "integritas", earned=0, possible=4),
          fact("competency", "akuntabel", earned=2, possible=4),
          fact("question", "q1", earned=0, possible=2, competency="integritas"),
          fact("reflection", "r1", "graded", earned=0, possible=2, competency="integritas"),
          fact("option", "q1", "b"), fact("score", "", "pending", 3, 10, step=2),
          fact("path", "", "p1", detail="[p1]", expected="end-p1")],
    "D": [fact("competency", "integritas", earned=3, possible=4),
          fact("reflection", "r1", "graded", earned=3, possible=4, competency="integritas"),
          fact("score", "", "final", 6, 10, step=5),
          fact("path", "", "p2", detail="[p2]", expected="end-p2")],
}


@pytest.fixture(name="cohort")
def fixture_cohort():
    people = {"A": learner("A", "X", "n2"), "B": learner("B", "X", "n2"),
              "C": learner("C", "Y", "n1"), "D": learner("D", "")}
    for name, (review, record) in people.items():
        store_facts(KEY, review.cohort, review.pk, record.pk, FACTS[name])
    return people


def facts(cohort=None):
    return Totals(KEY, cohort)


def totals():
    return sorted((t.key, t.n, t.scored, round(t.earned, 6), round(t.possible, 6),
                   round(t.ratio_sum, 6), t.ratio_n) for t in facts().tallies if t.n)


def test_kind_stats_counts_sums_and_mean_ratio(cohort):
    options = {(r["item_id"], r["value"]): r["n"] for r in facts().kind("option", ("item_id", "value"))}
    assert options == {("q1", "a"): 2, ("q1", "b"): 1}
    (q1,) = facts().kind("question", ("item_id",))
    assert (q1["n"], q1["scored"], q1["earned"], q1["possible"]) == (3, 3, 3.0, 6.0)
    assert q1["ratio"] == pytest.approx((0.5 + 1.0 + 0.0) / 3)
    reflections = {r["value"]: r for r in facts().kind("reflection", ("item_id", "value"))}
    assert reflections["awaiting"]["scored"] == 0 and reflections["awaiting"]["ratio"] is None
    assert reflections["graded"]["ratio"] == pytest.approx((0.0 + 0.75) / 2)


def test_kind_stats_top_keeps_the_most_common_with_their_extra_columns(cohort):
    top = facts().kind("path", ("value",), ("detail", "expected"), top=1)
    assert top == [{"value": "p1", "n": 3, "scored": 0, "earned": 0.0, "possible": 0.0,
                    "ratio": None, "detail": "[p1]", "expected": "end-p1"}]


def test_competency_averages_per_learner_and_per_cohort(cohort):
    stats = FakeBlock()._competency_stats(facts(), None)
    ratio, learners = stats["overall"]["integritas"]
    assert learners == 4 and ratio == pytest.approx((0.5 + 1.0 + 0.0 + 0.75) / 4)
    assert stats["overall"]["akuntabel"][0] == pytest.approx(0.75)
    assert stats["overall"]["akuntabel"][1] == 2
    per = {name: {cid: (round(r, 4), n) for cid, (r, n) in values.items()}
           for name, values in stats["cohorts"].items()}
    assert per == {"X": {"integritas": (0.75, 2), "akuntabel": (1.0, 1)},
                   "Y": {"integritas": (0.0, 1), "akuntabel": (0.5, 1)},
                   "": {"integritas": (0.75, 1)}}
    assert FakeBlock()._competency_stats(facts("X"), "X")["cohorts"] == {}  # one scope only


def test_training_needs_name_the_weak_competency_with_its_weakest_items(cohort):
    block = FakeBlock()
    needs = block._needs(None, STUB_FACTS, facts(), None, block._competency_stats(facts(), None))
    assert [item["id"] for item in needs["items"]] == ["integritas"]  # akuntabel 75% ≥ 70%
    item = needs["items"][0]
    assert (item["percent"], item["learners"]) == (56.3, 4)  # 56.25: a tie, rounded up
    evidence = [(e["label"], e["percent"], e["learners"]) for e in item["evidence"]]
    assert evidence == [("reflection r1", 37.5, 2), ("question q1", 50.0, 3)]  # weakest first
    assert item["evidence"][0]["text"] == "reflection r1: 37.5% on average (2 answers)"
    assert "1 competency is below 70%" in needs["text"] and "Integritas" in needs["text"]


def test_training_needs_when_nothing_is_below_the_threshold(cohort):
    block = FakeBlock()
    needs = block._needs(None, STUB_FACTS, facts("X"), "X", block._competency_stats(facts("X"), "X"))
    assert needs["items"] == []
    assert needs["text"] == ("X: no competency is below 70%. The weakest is Integritas at 75% "
                             "(2 learners).")


def test_score_distribution_leaves_pending_attempts_out(cohort):
    section = FakeBlock()._score_section(Ctx(str), facts())
    rows = {row[0]: row[1]["v"] for row in section["figures"][0]["table"]["rows"]}
    assert rows["50–59%"] == 2 and rows["90–100%"] == 1 and rows["20–29%"] == 0
    assert sum(rows.values()) == 3
    assert section["intro"] == "1 attempt is waiting for a staff grade and is not counted here."
    # (0.55 + 1.0 + 0.6) / 3 = 71.7 %
    assert section["figures"][0]["note"] == "3 learners; average score 71.7%."


def test_where_learners_stop_counts_unfinished_positions(cohort):
    section = FakeBlock()._stops_section(Ctx(str), None, STUB_FACTS, facts())
    table = [(row[0], row[1]["v"]) for row in section["figures"][0]["table"]["rows"]]
    assert table == [("node n2", 2), ("node n1", 1)]
    # in cohort "" only D, who has no attempt under way
    empty = FakeBlock()._stops_section(Ctx(str), None, STUB_FACTS, facts(""))
    assert empty["figures"] == [] and empty["empty"]


def test_a_new_attempt_moves_the_totals_by_the_difference(cohort):
    review, record = cohort["A"]
    # A's second attempt: option b instead of a, integritas 2/2, no akuntabel any more
    store_facts(KEY, "X", review.pk, record.pk,
                [fact("option", "q1", "b"), fact("competency", "integritas", earned=2, possible=2),
                 fact("score", "", "final", 9, 10, step=9)])
    options = {r["value"]: r["n"] for r in facts().kind("option", ("item_id", "value"))}
    assert options == {"a": 1, "b": 2}
    competencies = {r["item_id"]: (r["n"], round(r["ratio"], 4))
                    for r in facts().kind("competency", ("item_id",))}
    assert competencies == {"integritas": (4, round((1.0 + 1.0 + 0.0 + 0.75) / 4, 4)),
                            "akuntabel": (1, 0.5)}
    assert AttemptFact.objects.filter(review=review).count() == 3


def test_totals_equal_a_rebuild_from_the_facts_and_forgetting_takes_a_learner_out(cohort):
    incremental = totals()
    rebuild_tallies(KEY)
    assert totals() == incremental
    forget_facts(KEY, [cohort["C"][0].pk])
    options = {r["value"]: r["n"] for r in facts().kind("option", ("item_id", "value"))}
    assert options == {"a": 2}  # C's "b" is gone (its total row is 0 and left out)
    assert not AttemptFact.objects.filter(review=cohort["C"][0]).exists()
    remaining = totals()
    rebuild_tallies(KEY)
    assert totals() == remaining
