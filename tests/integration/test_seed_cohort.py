"""The seeded demo cohort's "learning together" part (``demo/seed_cohort.py`` through the
``asn_seed_demo`` command): every cohort has enough learners at every decision of the
pentahelix simulation for the shares to show, lone learners on a rare branch retry around
it, the analytics totals stay the sum of the facts, and a shareable reflection gets shared
answers with staff moderation and helpful marks.

Demo cohorts: a student id ending in an odd digit is in "Angkatan I", even in "Angkatan II"
(demo/services.py)."""
from __future__ import annotations

import io
import re
from collections import Counter

from django.core.management import call_command
from lxml import etree

from asn_xblocks.demo import seed_cohort
from asn_xblocks.demo.seed_texts import SHARED_ANSWERS
from asn_xblocks.demo.services import DEMO_COHORTS
from asn_xblocks.review.models import (
    AnalyticsTally,
    AttemptFact,
    AttemptRecord,
    HelpfulMark,
    LearnerReview,
    SharedAnswer,
)

from .conftest import Block, demo_xml

PENTAHELIX = "11_pentahelix_stunting.xml"
CASE = "02_konflik_kepentingan.xml"
SIM_TAG, CASE_TAG = "asn_change_simulation", "asn_case_study"
FINISHERS_PER_COHORT = 8


def seed(*only: str) -> None:
    call_command("asn_seed_demo", only=list(only), stdout=io.StringIO())


def usage_of(title_part: str) -> str:
    from workbench.scenarios import get_scenarios

    found = [sc.usage_id for sc in get_scenarios().values() if title_part in sc.description]
    assert len(found) == 1, found
    return found[0]


def root_of(tag: str, name: str) -> etree._Element:
    return etree.fromstring(demo_xml(tag, name).encode("utf-8"))


def tally_counts(usage_id: str, kind: str) -> dict[tuple[str, str, str], int]:
    out: Counter = Counter()
    for row in AnalyticsTally.objects.filter(usage_key=usage_id, kind=kind):
        out[(row.cohort, row.item_id, row.value)] += row.n
    return {key: n for key, n in out.items() if n}


def fact_counts(usage_id: str, kind: str) -> dict[tuple[str, str, str], int]:
    return dict(Counter(AttemptFact.objects.filter(usage_key=usage_id, kind=kind)
                        .values_list("cohort", "item_id", "value")))


# --- the pentahelix simulation --------------------------------------------------------------------

def test_the_demo_asks_for_cohort_shares_with_a_minimum_of_five():
    root = root_of(SIM_TAG, PENTAHELIX)
    assert root.get("show_cohort") == "true" and root.get("cohort_min") == "5"


def test_every_cohort_has_enough_learners_at_every_decision_it_reached():
    seed("Pentahelix")
    usage = usage_of("Pentahelix")
    minimum = int(root_of(SIM_TAG, PENTAHELIX).get("cohort_min"))
    finished = Counter(LearnerReview.objects.filter(usage_key=usage, status="finished")
                       .values_list("cohort", flat=True))
    assert all(finished[cohort] >= FINISHERS_PER_COHORT for cohort in DEMO_COHORTS), finished

    # the totals staff analytics and the learners' shares read are the sum of the facts
    choices = tally_counts(usage, "choice")
    assert choices == fact_counts(usage, "choice")
    assert AnalyticsTally.objects.filter(usage_key=usage).exclude(course_key="").exists()
    reached: dict[tuple[str, str], int] = Counter()
    for (cohort, node, _choice), n in choices.items():
        reached[(cohort, node)] += n
    # every learner of a cohort sees, at every decision of their path, at least cohort_min others
    for cohort, node, _choice in AttemptFact.objects.filter(usage_key=usage, kind="choice") \
            .values_list("cohort", "item_id", "value"):
        assert cohort in DEMO_COHORTS
        assert reached[(cohort, node)] - 1 >= minimum, (cohort, node, reached[(cohort, node)])
    # the decisions of the main line are reached by every finisher
    for cohort in DEMO_COHORTS:
        assert reached[(cohort, "n1")] == finished[cohort]
        assert reached[(cohort, "n12")] >= FINISHERS_PER_COHORT
    # and the choices differ: some decisions show more than one share
    spread = [node for (cohort, node) in reached
              if sum(1 for (c, n, _v) in choices if (c, n) == (cohort, node)) > 1]
    assert len(spread) >= 8

    # what one finished learner of each cohort is shown, through the review app's own reading
    from asn_xblocks.review.api import cohort as cohort_api

    for name in DEMO_COHORTS:
        row = LearnerReview.objects.filter(usage_key=usage, cohort=name, status="finished") \
            .order_by("pk").first()
        path = dict(AttemptFact.objects.filter(review=row, kind="choice").values_list("item_id", "value"))
        shown = cohort_api.shares(usage, row.cohort, row.learner_id, list(path), minimum,
                                  kinds=("choice",), denominator_kind=None)
        assert set(shown) == set(path), (name, set(path) - set(shown))
        for node, percents in shown.items():
            assert 98 <= sum(percents.values()) <= 102, (node, percents)


def crisis_path() -> list[str]:
    """Weak early choices: the community's support falls under 40, so the router sends
    the learner to the posyandu crisis (n7b)."""
    return ["n1_dinkes", "n2_opd", "n3_narsum", "n4_pemda", "n5_terima", "n6_instruksi",
            "n7b_tegur", "n8_diam", "n9_bupati", "n10_serentak", "n11_pribadi", "n12_klaim"]


def best_path() -> list[str]:
    return ["n1_data", "n2_forum", "n3_pks", "n4_bersama", "n5_selaras", "n6_kader",
            "n7_satu_data", "n8_terbuka", "n9_apresiasi", "n10_replikasi", "n11_perbup",
            "n12_bersama"]


def play(block: Block, student: str, path: list[str]) -> dict:
    state = block.state(student)
    for choice in path:
        status, state = block.act({"type": "choose", "choice": choice}, student, state["version"])
        assert status == 200, state
    assert state["view"]["finished"]
    return state


def test_lone_learners_on_a_rare_branch_retry_around_it():
    from workbench.runtime import WorkbenchRuntime

    from asn_xblocks.demo.management.commands.asn_seed_demo import Session

    block = Block(demo_xml(SIM_TAG, PENTAHELIX))
    lonely = ["rara_1", "sari_3", "tono_5"]  # Angkatan I
    for student in lonely:
        play(block, student, crisis_path())
    for student in ["ani_7", "budi_9", "citra_11", "dodi_13", "eka_15", "fani_17"]:
        play(block, student, best_path())
    thin = seed_cohort.thin_nodes(block.usage_id, 5)
    assert {node for (_cohort, node) in thin} == {"n7b"}
    assert thin[("Angkatan I", "n7b")] == set(LearnerReview.objects.filter(
        usage_key=block.usage_id, username__in=lonely).values_list("pk", flat=True))

    content = WorkbenchRuntime("staff").get_block(block.usage_id).content_model
    assert seed_cohort.balance_paths(block.usage_id, content, Session) == 3
    assert seed_cohort.thin_nodes(block.usage_id, 5) == {}
    for student in lonely:
        row = LearnerReview.objects.get(usage_key=block.usage_id, username=student)
        assert row.attempts == 2
        path = [value for value, _step in AttemptFact.objects.filter(review=row, kind="choice")
                .order_by("step").values_list("value", "step")]
        assert "n7b" not in {c.split("_")[0] for c in path}
        # the learner kept the earlier choices the router allows and changed the fewest
        assert path[:5] == crisis_path()[:5]
    assert tally_counts(block.usage_id, "choice") == fact_counts(block.usage_id, "choice")


def test_plan_path_finds_none_when_every_path_passes_the_node():
    from asn_xblocks.core.olx import parse_olx
    from asn_xblocks.simulation.core import CORE
    from asn_xblocks.simulation.scenario import Scenario

    scn = Scenario(CORE.parse(parse_olx(demo_xml(SIM_TAG, PENTAHELIX).encode("utf-8"))))
    assert seed_cohort.plan_path(scn, "n1", {}) is None
    assert seed_cohort.plan_path(scn, "n7b", {}) == best_path()


# --- shared reflection answers ----------------------------------------------------------------------

def shareable_case_xml() -> str:
    """The demo case study as the lead marks it: cohort shares, and its reflection shared."""
    xml = demo_xml(CASE_TAG, CASE)
    if 'share="optional"' not in xml:
        xml = xml.replace('<reflection id="r1"', '<reflection id="r1" share="optional"', 1)
    if 'show_cohort="true"' not in xml:
        xml = xml.replace("<asn_case_study ", '<asn_case_study show_cohort="true" ', 1)
    return xml


def test_a_shareable_reflection_gets_shared_answers_moderated_and_marked_helpful():
    from workbench.scenarios import SCENARIOS, add_xml_scenario

    add_xml_scenario(f"{CASE_TAG}.sharetest", "seed-share-test", shareable_case_xml())
    usage = SCENARIOS[f"{CASE_TAG}.sharetest"].usage_id
    seed("seed-share-test")
    title = root_of(CASE_TAG, CASE).get("display_name")
    curated = {str(entry["text"]): entry for entry in SHARED_ANSWERS[title]["r1"]}

    finished = Counter(LearnerReview.objects.filter(usage_key=usage, status="finished")
                       .values_list("cohort", flat=True))
    assert all(finished[cohort] >= FINISHERS_PER_COHORT for cohort in DEMO_COHORTS), finished
    shared = list(SharedAnswer.objects.filter(usage_key=usage).order_by("pk"))
    assert 5 <= len(shared) <= 8
    assert len({answer.text for answer in shared}) == len(shared)
    assert [a.featured for a in shared].count(True) == 1 and [a.hidden for a in shared].count(True) == 1
    visible: Counter = Counter()
    min_words = 30
    for answer in shared:
        entry = curated[answer.text]  # one of the curated answers, as written
        assert answer.featured == bool(entry.get("featured")) and answer.hidden == bool(entry.get("hidden"))
        assert answer.moderated_by == ("staff" if answer.featured or answer.hidden else "")
        assert len(answer.text.split()) >= min_words
        row = LearnerReview.objects.get(usage_key=usage, learner_id=answer.learner_id)
        assert (answer.cohort, answer.course_key, answer.item_id) == (row.cohort, row.course_key, "r1")
        record = AttemptRecord.objects.filter(review=row).order_by("-number").first()
        assert answer.attempt_number == record.number
        # the learner wrote exactly that answer in the attempt it was shared from
        items = {item["id"]: item for stage in record.answer["stages"] for item in stage["items"]}
        assert items["r1"]["answer"] == answer.text
        assert answer.created >= record.finished_at
        if not answer.hidden:
            visible[answer.cohort] += 1
    # each cohort reads up to three peers' answers: every cohort has some to read
    assert all(visible[cohort] >= 3 for cohort in DEMO_COHORTS), visible

    marks = list(HelpfulMark.objects.filter(usage_key=usage))
    assert marks
    by_answer: Counter = Counter(mark.answer_id for mark in marks)
    cohort_of = {row.learner_id: row.cohort for row in LearnerReview.objects.filter(usage_key=usage)}
    sharers = {answer.learner_id for answer in shared}
    for answer in shared:
        assert answer.helpful == by_answer[answer.pk]
    for mark in marks:
        answer = next(a for a in shared if a.pk == mark.answer_id)
        assert not answer.hidden and mark.learner_id not in sharers
        assert cohort_of[mark.learner_id] == answer.cohort and mark.item_id == "r1"
    assert len({(m.item_id, m.learner_id) for m in marks}) == len(marks)


def test_a_reflection_that_is_not_shareable_gets_no_shared_answers():
    from workbench.scenarios import add_xml_scenario

    add_xml_scenario(f"{CASE_TAG}.plain", "seed-plain-test",
                     re.sub(r'\s+share="optional"', "", demo_xml(CASE_TAG, CASE)))
    call_command("asn_seed_demo", only=["seed-plain-test"], learners=12, stdout=io.StringIO())
    assert LearnerReview.objects.exists()
    assert not SharedAnswer.objects.exists() and not HelpfulMark.objects.exists()


def test_the_shared_answers_are_in_indonesian_from_several_agencies():
    pool = SHARED_ANSWERS[root_of(CASE_TAG, CASE).get("display_name")]["r1"]
    assert 5 <= len(pool) <= 8
    text = " ".join(str(entry["text"]) for entry in pool)
    for agency in ("Bappeda", "PDAM", "dosen", "Dinas Kesehatan", "BKPSDM", "kecamatan", "Diskominfo"):
        assert agency in text, agency
    assert len([e for e in pool if e.get("featured")]) == 1 == len([e for e in pool if e.get("hidden")])

