"""The seeded cohort's "learning together" part: shared reflection answers, and paths through
a simulation that shows learners how their cohort chose.

Used by the seeding command (``management/commands/asn_seed_demo.py``). Everything here, as
there, goes through the blocks' real handlers (the workbench runtime's ``handle``), so the
review rows, the facts, the analytics totals (``AnalyticsTally``) and the shared answers are
what the LMS would hold.

Two things a cohort of randomly playing learners would not give the demo on its own:

* **Shared answers.** On a case-study reflection marked ``share="optional"`` whose block
  has curated answers (``seed_texts.SHARED_ANSWERS``), the first learners of each cohort
  to reach it write one of those answers as their reflection and, once finished, share it
  (the ``share_answer`` handler: a ``SharedAnswer`` row each). Staff feature one and hide
  one (``staff_moderate_answer``), and some peers of the same cohort mark an answer
  "Helpful" (``mark_helpful``: ``HelpfulMark`` rows, counted in ``helpful``).
* **Enough learners at every decision.** A simulation with ``show_cohort`` shows the
  shares at a decision only when at least ``cohort_min`` OTHER learners of the cohort
  reached it in their latest finished attempt. Randomly played paths leave a few
  learners alone on a rare branch, who would then see no shares there. Those learners
  retry (as a learner unhappy with a bad ending would) along a path that avoids the rare
  node, keeping their earlier choices where that is possible; a node then holds either
  no learner of the cohort or more than ``cohort_min``.
"""
from __future__ import annotations

import datetime as dt
import random
from collections import defaultdict
from collections.abc import Callable
from typing import Any

from .seed_texts import SHARED_ANSWERS
from .services import DEMO_COHORTS, demo_cohort

SHARE_OPTIONAL = "optional"
STAFF = "staff"
BALANCE_ROUNDS = 4  # rounds of retries; each round re-reads the cohort's visits

Handler = Callable[[str, dict[str, Any]], tuple[int, Any]]


# --- shared answers --------------------------------------------------------------------------

def shareable_reflections(content) -> list[Any]:
    """The case study's reflections a learner may share (``share="optional"``)."""
    return [item for stage in content.stages for item in stage.items
            if getattr(item, "share", "off") == SHARE_OPTIONAL]


class SharePlan:
    """Which seeded learner writes which curated answer, decided as learners reach the
    reflection: the curated answers of a reflection are dealt alternately to the demo's
    two cohorts (even positions to the first, odd to the second), so that each cohort has
    peers' answers to read; learners after the last answer write as everyone else does."""

    def __init__(self) -> None:
        self._queues: dict[tuple[str, str, str], list[int]] = {}
        self.given: dict[str, dict[tuple[str, str], int]] = defaultdict(dict)  # usage → (learner, item) → index

    def answers_for(self, usage_id: str, title: str, stage, learner_id: str) -> dict[str, str]:
        """Curated reflection texts this learner writes in ``stage`` (may be empty)."""
        pools = SHARED_ANSWERS.get(title, {})
        out: dict[str, str] = {}
        for item in stage.items:
            pool = pools.get(item.id)
            if not pool or getattr(item, "share", "off") != SHARE_OPTIONAL:
                continue
            index = self.given[usage_id].get((learner_id, item.id))
            if index is None:
                cohort = demo_cohort(learner_id)
                key = (usage_id, item.id, cohort)
                if key not in self._queues:
                    offset = DEMO_COHORTS.index(cohort) if cohort in DEMO_COHORTS else 0
                    self._queues[key] = list(range(offset, len(pool), len(DEMO_COHORTS)))
                if not self._queues[key]:
                    continue
                index = self._queues[key].pop(0)
                self.given[usage_id][(learner_id, item.id)] = index
            out[item.id] = str(pool[index]["text"])
        return out


def write_shared_answers(usage_id: str, title: str, plan: SharePlan, rng: random.Random,
                         open_session: Callable[[str, str], Handler]) -> int:
    """The learners who finished an attempt with a curated answer share it, staff feature
    one and hide one, and about half of each cohort's other finishers mark one of their
    cohort's visible answers "Helpful" -- all through the blocks' real handlers
    (``share_answer``, ``staff_moderate_answer``, ``mark_helpful``), as the learners and
    staff would. Returns how many answers are shared."""
    from asn_xblocks.review.models import LearnerReview, SharedAnswer

    pools = SHARED_ANSWERS.get(title, {})
    given = plan.given.get(usage_id, {})
    if not given:
        return 0
    rows = {row.username: row for row in LearnerReview.objects.filter(
        usage_key=usage_id, username__in={learner for learner, _item in given}, attempts__gt=0)}
    shared: list[Any] = []
    for (learner_id, item_id), index in sorted(given.items(), key=lambda entry: entry[1]):
        row = rows.get(learner_id)
        if row is None:
            continue  # stopped before finishing: nothing to share
        _call(open_session(usage_id, learner_id), "share_answer", {"reflection": item_id})
        answer = SharedAnswer.objects.get(usage_key=usage_id, learner_id=row.learner_id, item_id=item_id)
        entry = pools[item_id][index]
        for flag, action in (("featured", "feature"), ("hidden", "hide")):
            if entry.get(flag):
                _call(open_session(usage_id, STAFF), "staff_moderate_answer",
                      {"id": answer.pk, "action": action})
        shared.append(answer)
    _mark_helpful(usage_id, shared, rng, open_session)
    return len(shared)


def _call(session: Handler, handler: str, payload: dict[str, Any]) -> Any:
    status, data = session(handler, payload)
    if status != 200:
        raise RuntimeError(f"{handler}: {status} {data}")
    return data


def _mark_helpful(usage_id: str, shared: list[Any], rng: random.Random,
                  open_session: Callable[[str, str], Handler]) -> None:
    """About half of each cohort's other finishers mark one visible answer of their own
    cohort "Helpful" (the featured one is the likeliest)."""
    from asn_xblocks.review.models import LearnerReview, SharedAnswer

    hidden = set(SharedAnswer.objects.filter(usage_key=usage_id, hidden=True).values_list("pk", flat=True))
    sharers = {answer.learner_id for answer in shared}
    by_cohort: dict[tuple[str, str], list[Any]] = defaultdict(list)
    for answer in shared:
        if answer.pk not in hidden:
            by_cohort[(answer.cohort, answer.item_id)].append(answer)
    featured = set(SharedAnswer.objects.filter(usage_key=usage_id, featured=True).values_list("pk", flat=True))
    readers = (LearnerReview.objects.filter(usage_key=usage_id, attempts__gt=0)
               .exclude(learner_id__in=sharers).order_by("pk"))
    for reader in readers:
        for (cohort, item_id), answers in sorted(by_cohort.items()):
            if cohort != reader.cohort or rng.random() < 0.5:
                continue
            weights = [3 if answer.pk in featured else 1 for answer in answers]
            chosen = rng.choices(answers, weights=weights)[0]
            _call(open_session(usage_id, reader.username), "mark_helpful",
                  {"reflection": item_id, "answer": chosen.pk})


def date_shared_answers(usage_id: str) -> None:
    """After the command spread the activity over past days: each shared answer dated a
    few minutes after the attempt it was shared from finished."""
    from asn_xblocks.review.models import AttemptRecord, LearnerReview, SharedAnswer

    for answer in SharedAnswer.objects.filter(usage_key=usage_id):
        row = LearnerReview.objects.filter(usage_key=usage_id, learner_id=answer.learner_id).first()
        record = (AttemptRecord.objects.filter(review=row, number=answer.attempt_number).first()
                  if row is not None else None)
        if record is not None:
            SharedAnswer.objects.filter(pk=answer.pk).update(
                created=record.finished_at + dt.timedelta(minutes=2))


# --- enough learners at every decision of a simulation ------------------------------------------

def choice_value(scn, choice_id: str) -> float:
    """How attractive a choice looks to a seeded learner who plays well: its metric gains
    plus ten per point (the same measure the command's simulation player uses)."""
    found = scn.choices.get(choice_id)
    if found is None:
        return 0.0
    choice = found[1]
    gain = sum(e.value for e in choice.effects if e.op == "add" and e.value is not None)
    return gain + 10 * choice.points


def node_visits(usage_id: str) -> dict[tuple[str, str], set[int]]:
    """(cohort, node) → review rows whose latest finished attempt decided at that node."""
    from asn_xblocks.review.models import AttemptFact

    out: dict[tuple[str, str], set[int]] = defaultdict(set)
    for cohort, node, review in (AttemptFact.objects.filter(usage_key=usage_id, kind="choice")
                                 .values_list("cohort", "item_id", "review_id")):
        out[(cohort, node)].add(review)
    return out


def thin_nodes(usage_id: str, minimum: int) -> dict[tuple[str, str], set[int]]:
    """Decisions where a learner of the cohort would see no shares: reached by someone, but
    by no more than ``minimum`` learners (each of them has fewer than ``minimum`` others)."""
    return {key: reviews for key, reviews in node_visits(usage_id).items()
            if 0 < len(reviews) <= minimum}


def plan_path(scn, avoid: str, prefer: dict[str, str]) -> list[str] | None:
    """Choice ids from the start to an ending that never decide at ``avoid``: the learner's
    earlier choice first at each node, then the most attractive; None if there is none.
    A depth-first search over (node, metric values), each state tried once."""
    from asn_xblocks.simulation.scenario import RouteError

    seen: set[tuple[str, tuple[float, ...]]] = set()

    def walk(kind: str, place: str, values: tuple[float, ...]) -> list[str] | None:
        if kind == "ending":
            return []
        if place == avoid or (place, values) in seen:
            return None
        seen.add((place, values))
        options = [t for t in scn.transitions(scn.nodes[place]) if t.available(values)]
        options.sort(key=lambda t: (t.choice.id != prefer.get(place), -choice_value(scn, t.choice.id)))
        for transition in options:
            after = scn.apply(transition, values)
            try:
                kind2, place2 = scn.resolve(transition.choice.goto, after)
            except RouteError:
                continue
            rest = walk(kind2, place2, after)
            if rest is not None:
                return [transition.choice.id] + rest
        return None

    values = scn.initial_values()
    try:
        kind, place = scn.resolve(scn.content.start, values)
    except RouteError:
        return None
    return walk(kind, place, values)


def replay(session: Handler, path: list[str]) -> bool:
    """A new attempt along ``path`` through the real handlers; False when the learner has
    no attempt left or the block offers another choice than planned."""
    status, data = session("state", {})
    if status != 200:
        return False
    if data["view"].get("finished") or data["view"].get("node") is None:
        status, data = session("retry", {"version": data["version"]})
        if status != 200:
            return False
    for choice_id in path:
        offered = [c["id"] for c in (data["view"].get("node") or {}).get("choices", [])]
        if choice_id not in offered:
            return False
        status, data = session("act", {"version": data["version"],
                                       "action": {"type": "choose", "choice": choice_id}})
        if status != 200:
            return False
    return bool(data["view"].get("finished"))


def balance_paths(usage_id: str, content, open_session: Callable[[str, str], Handler]) -> int:
    """Let the few learners alone on a rare branch retry around it (see the module's
    docstring); returns how many retried. Stops when no decision is thin, when a round
    moves no one, or after ``BALANCE_ROUNDS`` rounds."""
    from asn_xblocks.review.models import AttemptFact, LearnerReview
    from asn_xblocks.simulation import engine

    minimum = getattr(content, "cohort_min", None) or 5
    scn = engine.Scenario(content)
    moved = 0
    for _round in range(BALANCE_ROUNDS):
        thin = thin_nodes(usage_id, minimum)
        if not thin:
            break
        moved_now = 0
        done: set[int] = set()
        for (_cohort, node), reviews in sorted(thin.items()):
            for review_id in sorted(reviews - done):
                done.add(review_id)
                row = LearnerReview.objects.get(pk=review_id)
                prefer = dict(AttemptFact.objects.filter(review_id=review_id, kind="choice")
                              .values_list("item_id", "value"))
                path = plan_path(scn, node, prefer)
                if path and replay(open_session(usage_id, row.username), path):
                    moved_now += 1
        moved += moved_now
        if not moved_now:
            break
    return moved
