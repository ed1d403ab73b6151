"""Seed the demo with a realistic cohort, so the staff panel shows something real at once.

About 40 learners in two cohorts ("Angkatan I": ids ending in an odd digit, "Angkatan II":
even; see ``demo/services.py``) play every demo scenario through the blocks' REAL handlers
(the workbench runtime's ``handle``: versions, locks, review rows, grade events, all as
in the LMS), with varied, deterministic answers (``random.Random`` with a fixed seed): some
strong, some weak, some retrying, some stopping mid-attempt, some not starting. On case
studies graded by staff, about half of the finished reflections are graded through the
staff handler and the rest wait in the grading queue; one learner has a score override.
Where a block shows learners how their cohort chose or lets them share reflections,
``demo/seed_cohort.py`` seeds that part (shared answers, enough learners at every decision).
Names and texts are in ``demo/seed_texts.py``.

Idempotent: nothing happens when the demo learners already exist (``--force`` seeds again
on top, for a database whose learner states were reset).
"""
from __future__ import annotations

import datetime as dt
import json
import random
import time
from typing import Any

from django.core.management.base import BaseCommand
from django.db import transaction

from asn_xblocks.demo import seed_cohort
from asn_xblocks.demo.seed_texts import COMMENTS, NAMES, SENTENCES

SEED = 20260316


class Session:
    """One person at one block: real handler calls through the workbench runtime, as its
    handler view makes them. The block instance is kept between calls (as field values are
    cached within one request), which makes seeding several times faster."""

    def __init__(self, usage_id: str, student: str):
        from workbench.runtime import WorkbenchRuntime

        self.runtime = WorkbenchRuntime(student)
        self.block = self.runtime.get_block(usage_id)

    def __call__(self, handler: str, payload: dict[str, Any]) -> tuple[int, Any]:
        import webob

        request = webob.Request.blank("/", method="POST",
                                      body=json.dumps(payload).encode("utf-8"),
                                      content_type="application/json")
        response = self.runtime.handle(self.block, handler, request)
        try:
            data = json.loads(response.body.decode("utf-8"))
        except ValueError:
            data = None
        return response.status_code, data


def _handle(usage_id: str, student: str, handler: str, payload: dict[str, Any]) -> tuple[int, Any]:
    """One handler call with a fresh runtime (staff actions)."""
    return Session(usage_id, student)(handler, payload)


def _block(usage_id: str):
    from workbench.runtime import WorkbenchRuntime

    return WorkbenchRuntime("staff").get_block(usage_id)


def _content(usage_id: str):
    return _block(usage_id).content_model


class Learner:
    def __init__(self, index: int, name: str):
        self.index = index
        self.id = f"{name}_{index + 1:02d}"
        rng = random.Random(SEED + index)
        self.skill = 0.25 + 0.7 * rng.random()
        self.diligence = rng.random()


class Command(BaseCommand):
    help = "Seed the demo workbench with a cohort of learners on each demo block."

    def add_arguments(self, parser):
        parser.add_argument("--learners", type=int, default=len(NAMES),
                            help=f"How many demo learners (at most {len(NAMES)}).")
        parser.add_argument("--force", action="store_true",
                            help="Seed even if the demo learners already exist.")
        parser.add_argument("--only", action="append", default=[], metavar="TEXT",
                            help="Seed only the scenarios whose id or title contains TEXT "
                                 "(may be given several times).")

    def handle(self, *args, **options):
        from workbench.scenarios import get_scenarios

        from asn_xblocks.review.models import LearnerReview

        count = max(1, min(len(NAMES), options["learners"]))
        learners = [Learner(i, name) for i, name in enumerate(NAMES[:count])]
        if not options["force"] and LearnerReview.objects.filter(
                username__in=[lr.id for lr in learners]).exists():
            self.stdout.write("The demo learners are already seeded: nothing to do.")
            return
        started = time.monotonic()
        only = [text.lower() for text in options["only"]]
        scenarios = sorted((name, sc.usage_id) for name, sc in get_scenarios().items()
                           if name.split(".")[0] in self.PLAYERS
                           and (not only or any(text in f"{name} {sc.description}".lower()
                                                for text in only)))
        for name, usage_id in scenarios:
            tag = name.split(".")[0]
            rng = random.Random(f"{SEED}:{name}")
            with transaction.atomic():
                self.PLAYERS[tag](self, usage_id, learners, rng)
                self._spread_activity(usage_id, rng)
                seed_cohort.date_shared_answers(usage_id)
            self.stdout.write(f"  {name}: {len(learners)} learners")
        self.stdout.write(self.style.SUCCESS(
            f"Seeded {len(learners)} learners on {len(scenarios)} blocks in "
            f"{time.monotonic() - started:.1f} s. Open any block with ?student=staff."))

    # --- who does what -------------------------------------------------------------------
    @staticmethod
    def _engagement(learner: Learner, rng: random.Random) -> str:
        """'none' (not started), 'partial' (stopped mid-attempt) or 'finish'."""
        roll = rng.random()
        if roll < 0.06:
            return "none"
        if roll < 0.06 + 0.10 * (1.2 - learner.diligence):
            return "partial"
        return "finish"

    # --- case study ----------------------------------------------------------------------
    def _case_answers(self, stage, skill: float, rng: random.Random, lang: str) -> dict:
        from asn_xblocks.case_study.model import CLASSIFY, MULTIPLE, NUMERIC, Question

        answers: dict[str, Any] = {}
        for item in stage.items:
            if isinstance(item, Question) and item.kind == CLASSIFY:
                categories = [c.id for c in item.categories]
                answers[item.id] = {s.id: (s.category if rng.random() < skill and s.category
                                           else rng.choice(categories)) for s in item.items}
            elif isinstance(item, Question) and item.kind == NUMERIC:
                # a JSON number (the engine takes it as it is, in any language); a wrong one
                # is off by 5 to 20 per cent, as a slip in the working would be
                key = item.answer_value or 0.0
                off = 0.0 if rng.random() < skill else rng.choice((-1, 1)) * rng.uniform(0.05, 0.2)
                answers[item.id] = round(key * (1 + off), 2)
            elif isinstance(item, Question):
                options = item.options
                if item.kind == MULTIPLE:
                    chosen = [o.id for o in options if (rng.random() < skill) == o.is_correct]
                    answers[item.id] = chosen or [rng.choice(options).id]
                else:
                    best = max(options, key=lambda o: o.score_value)
                    pick = best if rng.random() < skill else rng.choice(options)
                    answers[item.id] = pick.id
            else:
                answers[item.id] = self._reflection_text(item, skill, rng, lang)
        return answers

    @staticmethod
    def _reflection_text(reflection, skill: float, rng: random.Random, lang: str) -> str:
        pool = SENTENCES.get(lang, SENTENCES["en"])
        target = max(reflection.min_words + 5, int(reflection.min_words * (1.2 + skill)))
        target = min(target, max(reflection.min_words, reflection.max_words - 20))
        sentences = list(pool)
        rng.shuffle(sentences)
        words: list[str] = []
        chosen: list[str] = []
        for sentence in sentences * 3:
            if len(words) >= target:
                break
            if len(words) + len(sentence.split()) > reflection.max_words:
                continue
            chosen.append(sentence)
            words.extend(sentence.split())
        return " ".join(chosen)

    def play_case_study(self, usage_id: str, learners: list[Learner], rng: random.Random) -> None:
        block = _block(usage_id)
        content, title = block.content_model, block.display_name
        plan = seed_cohort.SharePlan() if seed_cohort.shareable_reflections(content) else None
        lang = content.lang or "en"
        staff_grading = content.reflection_grading == "staff"
        for learner in learners:
            engagement = self._engagement(learner, rng)
            if engagement == "none":
                continue
            attempts = 1
            if not staff_grading and learner.skill < 0.55 and rng.random() < 0.7:
                attempts = 2
            session = Session(usage_id, learner.id)
            for number in range(attempts):
                status, data = session("state", {})
                version = data["version"]
                if number > 0:
                    status, data = session("retry", {"version": version})
                    version = data["version"]
                skill = min(0.97, learner.skill + 0.25 * number)
                stages = content.stages
                if engagement == "partial":
                    stages = stages[:max(1, len(stages) // 2)]
                for stage in stages:
                    answers = self._case_answers(stage, skill, rng, lang)
                    if plan is not None:
                        answers.update(plan.answers_for(usage_id, title, stage, learner.id))
                    status, data = session("act", {
                        "version": version,
                        "action": {"type": "submit_stage", "stage": stage.id, "answers": answers}})
                    if status != 200:
                        raise RuntimeError(f"{usage_id} {learner.id}: {status} {data}")
                    version = data["version"]
                if engagement == "partial":
                    break
        if staff_grading:
            self._grade_some(usage_id, content, rng)
            self._override_one(usage_id, rng)
        if plan is not None:
            seed_cohort.write_shared_answers(usage_id, title, plan, rng, Session)

    def _grade_some(self, usage_id: str, content, rng: random.Random) -> None:
        from asn_xblocks.review.models import LearnerReview

        lang = content.lang or "en"
        waiting = list(LearnerReview.objects.filter(usage_key=usage_id, status="awaiting_grading")
                       .order_by("pk").values_list("pk", flat=True))
        for row_id in waiting:
            if rng.random() < 0.45:
                continue  # stays in the grading queue
            status, form = _handle(usage_id, "staff", "staff_reflections", {"learner": row_id})
            if status != 200:
                continue
            for item in form["items"]:
                if item["missing"]:
                    continue
                quality = rng.random()
                criteria = {}
                for criterion in item["rubric"]:
                    levels = [lv["points"] for lv in criterion["levels"]]
                    position = min(len(levels) - 1, int(quality * len(levels) + rng.random() * 0.8))
                    criteria[criterion["id"]] = levels[position]
                payload = {"learner": row_id, "attempt": form["attempt"], "item": item["item_id"],
                           "version": item["version"],
                           "comment": COMMENTS.get(lang, COMMENTS["en"])[
                               0 if quality > 0.66 else 1 if quality > 0.33 else 2]}
                if criteria:
                    payload["criteria"] = criteria
                else:
                    payload["points"] = round(quality * item["points"])
                _handle(usage_id, "staff", "staff_grade", payload)

    def _override_one(self, usage_id: str, rng: random.Random) -> None:
        from asn_xblocks.review.models import LearnerReview

        row = (LearnerReview.objects.filter(usage_key=usage_id, status="finished")
               .order_by("points_earned", "pk").first())
        if row is None or not row.points_possible:
            return
        reason = ("Mengikuti ujian susulan lisan karena sakit (surat dokter terlampir)."
                  if rng.random() < 0.5 else
                  "Nilai disesuaikan setelah diskusi kelompok dengan widyaiswara pengampu.")
        _handle(usage_id, "staff", "staff_override", {
            "learner": row.pk, "points": max(0, row.points_possible - 2), "reason": reason,
            "version": row.version})

    # --- simulation ----------------------------------------------------------------------
    def play_simulation(self, usage_id: str, learners: list[Learner], rng: random.Random) -> None:
        from asn_xblocks.simulation import engine

        content = _content(usage_id)
        scn = engine.Scenario(content)

        def value(choice_id: str) -> float:
            return seed_cohort.choice_value(scn, choice_id)

        for learner in learners:
            engagement = self._engagement(learner, rng)
            if engagement == "none":
                continue
            attempts = 1 + (rng.random() < 0.35) + (rng.random() < 0.15 * (1.3 - learner.skill))
            session = Session(usage_id, learner.id)
            status, data = session("state", {})
            for number in range(attempts):
                if number > 0:
                    status, data = session("retry", {"version": data["version"]})
                    if status != 200:
                        break
                skill = min(0.97, learner.skill + 0.15 * number)
                steps = 0
                while data["view"]["node"] is not None and steps < 60:
                    choices = [c["id"] for c in data["view"]["node"]["choices"]]
                    if not choices:
                        break
                    pick = max(choices, key=value) if rng.random() < skill else rng.choice(choices)
                    status, data = session("act", {
                        "version": data["version"], "action": {"type": "choose", "choice": pick}})
                    if status != 200:
                        raise RuntimeError(f"{usage_id} {learner.id}: {status} {data}")
                    steps += 1
                    if engagement == "partial" and steps >= 2:
                        break
                if engagement == "partial" or not data["view"]["finished"]:
                    break
        if getattr(content, "show_cohort", False):
            seed_cohort.balance_paths(usage_id, content, Session)

    # --- digital service ------------------------------------------------------------------
    def play_service(self, usage_id: str, learners: list[Learner], rng: random.Random) -> None:
        from asn_xblocks.digital_service import rules
        from asn_xblocks.digital_service.model import DECISIONS

        content = _content(usage_id)
        units = [u.id for u in content.units]
        for learner in learners:
            engagement = self._engagement(learner, rng)
            if engagement == "none":
                continue
            attempts = 2 if (learner.skill < 0.5 and rng.random() < 0.6) else 1
            session = Session(usage_id, learner.id)
            status, data = session("state", {})
            for number in range(attempts):
                if number > 0:
                    status, data = session("retry", {"version": data["version"]})
                    if status != 200:
                        break
                skill = min(0.97, learner.skill + 0.2 * number)
                queue = [q["id"] for q in data["view"]["queue"]]
                if engagement == "partial":
                    queue = queue[:max(1, len(queue) // 2)]
                for request_id in queue:
                    record = content.record(request_id)
                    if record is not None:
                        action = self._filing(content, record, skill, rng)
                        status, data = session("act", {"version": data["version"], "action": action})
                        if status != 200:
                            raise RuntimeError(f"{usage_id} {learner.id}: {status} {data}")
                        continue
                    request = content.request(request_id)
                    truth = rules.expected(content, request)
                    requirements = {}
                    for item in truth.requirements:
                        met = item.met if rng.random() < skill else not item.met
                        entry: dict[str, Any] = {"met": met}
                        if not met and rng.random() < 0.5:
                            entry["reason"] = ("Dokumen tidak lengkap atau kedaluwarsa"
                                               if (content.lang or "id") == "id"
                                               else "Document missing or expired")
                        requirements[item.requirement.id] = entry
                    decision = truth.decision if rng.random() < skill else rng.choice(DECISIONS)
                    route = truth.route if (rng.random() < skill and truth.route) else rng.choice(units)
                    due = truth.due_date or dt.date(2026, 3, 20)
                    if rng.random() > skill:
                        due = due + dt.timedelta(days=rng.choice([-2, -1, 1, 2]))
                    form = {"requirements": requirements, "decision": decision, "route": route,
                            "due": due.isoformat()}
                    status, data = session("act", {
                        "version": data["version"],
                        "action": {"type": "submit_request", "request": request_id, "form": form}})
                    if status != 200:
                        raise RuntimeError(f"{usage_id} {learner.id}: {status} {data}")
                if engagement == "partial":
                    break

    @staticmethod
    def _filing(content, record, skill: float, rng: random.Random) -> dict[str, Any]:
        """A learner's filing of one record: each part right with probability ``skill``,
        else a plausible slip (another code, access class or disposition; a year off)."""
        from asn_xblocks.digital_service import archive

        codes = sorted(content.scheme())
        row = archive.retention_for(record.code, content.schedule())
        active = archive.years_value(row.active) if row else 1
        inactive = archive.years_value(row.inactive) if row else 1

        def maybe(right, wrong):
            return right if rng.random() < skill else wrong

        form = {"code": maybe(record.code, rng.choice(codes)),
                "access": maybe(record.access, rng.choice(archive.ACCESS_CLASSES)),
                "active": maybe(active or 0, (active or 0) + 1),
                "inactive": maybe(inactive or 0, (inactive or 0) + 1),
                "disposition": maybe(row.disposition if row else archive.MUSNAH,
                                     rng.choice(archive.DISPOSITIONS))}
        return {"type": "submit_record", "record": record.id, "form": form}

    PLAYERS = {
        "asn_case_study": play_case_study,
        "asn_change_simulation": play_simulation,
        "asn_digital_service": play_service,
    }

    # --- make the timeline look lived-in ------------------------------------------------------
    @staticmethod
    def _spread_activity(usage_id: str, rng: random.Random) -> None:
        """Spread the seeded learners' activity over the last ten days (the handlers all ran
        within seconds): cosmetic, so the "last activity" column and sort mean something."""
        from django.utils import timezone

        from asn_xblocks.review.models import AttemptRecord, LearnerReview

        now = timezone.now()
        for row in LearnerReview.objects.filter(usage_key=usage_id).only("pk"):
            moment = now - dt.timedelta(days=rng.randint(0, 9), hours=rng.randint(0, 9),
                                        minutes=rng.randint(0, 59))
            LearnerReview.objects.filter(pk=row.pk).update(last_activity=moment)
            records = list(AttemptRecord.objects.filter(review_id=row.pk).order_by("-number")
                           .only("pk"))
            for offset, record in enumerate(records):
                AttemptRecord.objects.filter(pk=record.pk).update(
                    finished_at=moment - dt.timedelta(days=offset, minutes=rng.randint(1, 50)))
