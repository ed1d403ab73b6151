#!/usr/bin/env python
"""``make bench``: our blocks against the floor block and the anchors, one process, one run.

Everything compared is measured side by side in this process, round-robin (every round
times each block once, in a rotating order), so machine drift hits all alike. Each compared
figure prints as one line ``bench: NAME ratio=X target<=Y ok|FAIL`` (or ``reference`` for a
figure printed without a target) followed by the absolute numbers; a markdown table of them
goes to ``var/bench/results.md`` (for the README).

Targets: a learner handler ÷ the floor's handler ≤ 1.5 and a render ÷ the floor's render
≤ 2.5, with LMS-like field data (``*_lmsfd``; with the stock workbench's field data the
ratios are printed for reference); ``vs_anchor.FIGURE[ours]`` = ours ÷ the best anchor's
figure ≤ 1 for every figure the anchors have too (handler and render in both field-data
modes, SQL statements, JS+CSS bytes; the first usable view is benchmarks/first_view.py's).
The no-op baseline's times are printed in each figure's detail, without a target.

Sections (``--only`` picks some): ``handlers`` (typical learner call, SQL statements),
``renders`` (student_view, plus any handler a block's JS calls on load before it shows its
content), ``assets`` (JS+CSS a learner downloads), ``simulation`` (validation + best path,
5,000 vs 500 nodes), ``desk`` (parse + render, 500 vs 50 requests), ``records`` (parse +
render, 500 vs 50 records on a 1,000-code scheme), ``report`` (generate_report_data,
100,000 vs 10,000 learner states, memory), ``staff`` (staff panel first page and cohort
analytics, 10,000 vs 100 learners), ``cohort`` (SQL statements of the learner's call with
``show_cohort="true"`` vs without, ≤ without + 1), ``course_needs`` (runs
benchmarks/course_needs.py when it exists; last, as it makes its own database).

Options: ``--quick`` (fewer repetitions, for trying the script; not for the README),
``--profile`` (cProfile every failing figure and print what dominates).
"""
from __future__ import annotations

import argparse
import cProfile
import datetime as dt
import gc
import gzip
import io
import json
import os
import platform
import pstats
import statistics
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks import harness

SECTIONS = ("handlers", "renders", "assets", "simulation", "desk", "records", "report", "staff",
            "cohort", "course_needs")


# --- results -----------------------------------------------------------------------------

@dataclass
class Result:
    name: str
    value: float | None  # the ratio (or count) compared; None = not available
    target: float | None  # None = printed for reference, no target
    detail: str
    unit: str = "ratio"  # "ratio" | "statements" | "MB"

    @property
    def ok(self) -> bool:
        return self.value is not None and (self.target is None or self.value <= self.target)

    @property
    def judged(self) -> bool:
        """A figure with a target (reference figures are neither ok nor FAIL)."""
        return self.value is not None and self.target is not None

    def shown(self) -> str:
        return f"{self.value:.2f}" if self.unit == "ratio" else f"{self.value:g}"

    def line(self) -> str:
        if self.value is None:
            return f"bench: {self.name} not available — {self.detail}"
        if self.target is None:
            return f"bench: {self.name} {self.unit}={self.shown()} reference  ({self.detail})"
        return (f"bench: {self.name} {self.unit}={self.shown()} target<={self.target:g} "
                f"{'ok' if self.ok else 'FAIL'}  ({self.detail})")


RESULTS: list[Result] = []
PROFILES: dict[str, Callable[[], Any]] = {}


def report(result: Result, profile: Callable[[], Any] | None = None) -> None:
    RESULTS.append(result)
    if profile is not None:
        PROFILES[result.name] = profile
    print(result.line(), flush=True)


def info(text: str) -> None:
    print(f"  {text}", flush=True)


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.2f} ms"


def median(values: list[float]) -> float:
    return statistics.median(values)


def p90(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(0.9 * (len(ordered) - 1))))]


# --- machine -------------------------------------------------------------------------------

def machine() -> dict[str, str]:
    cpu = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        cpu = platform.processor()
    import django
    import xblock

    return {"date": dt.datetime.now(dt.UTC).date().isoformat() + " (UTC)", "nproc": str(os.cpu_count()),
            "cpu": cpu or "unknown", "python": platform.python_version(),
            "django": django.get_version(), "xblock": getattr(xblock, "__version__", "?")}


# --- learner handlers and renders --------------------------------------------------------------

def rotated(items: list, i: int) -> list:
    k = i % len(items)
    return items[k:] + items[:k]


MODES = (("workbench", ""), ("lms", "_lmsfd"))
MODE_NOTE = {"workbench": "stock workbench field data",
             "lms": "LMS-like field data: one query per learner row, settings/content in memory"}


def student_name(mode: str, i: int) -> str:
    return f"{mode[0]}{i}"


def bench_handlers(subjects, calls: int) -> None:
    from django.db import connection

    print(f"\n== Typical learner handler call ({calls} calls per block and field-data mode, "
          f"round-robin) ==", flush=True)
    payloads: dict[tuple[str, str], list[Any]] = {}
    for mode, _suffix in MODES:
        harness.FIELD_DATA["mode"] = mode
        for s in subjects:
            payloads[(s.name, mode)] = []
        for i in range(calls):
            for s in subjects:
                student = student_name(mode, i)
                s.warmup(s, student)
                payloads[(s.name, mode)].append(s.next_payload(s, student))
    times: dict[tuple[str, str], list[float]] = {key: [] for key in payloads}
    sql: dict[tuple[str, str], list[SqlSample]] = {key: [] for key in payloads}
    gc.collect()
    for i in range(calls):
        for s in rotated(subjects, i):
            for mode, _suffix in MODES:
                harness.FIELD_DATA["mode"] = mode
                counter = harness.SqlCounter()
                with connection.execute_wrapper(counter):
                    start = time.perf_counter()
                    status, data = harness.call(s.usage_id, student_name(mode, i), s.handler,
                                                payloads[(s.name, mode)][i])
                    elapsed = time.perf_counter() - start
                if status != 200 or (isinstance(data, dict) and (
                        data.get("error") or data.get("success") is False)):
                    raise SystemExit(f"bench: {s.name} {s.handler} failed: {status} "
                                     f"{str(data)[:300]}")
                times[(s.name, mode)].append(elapsed)
                sql[(s.name, mode)].append(SqlSample(counter.total, counter.field_data,
                                                     counter.field_reads, counter.writes))
    harness.FIELD_DATA["mode"] = "workbench"
    for mode, suffix in MODES:
        base = median(times[("baseline", mode)])
        floor = median(times[("floor", mode)])
        info(f"baseline noop handler ({MODE_NOTE[mode]}): median {ms(base)}, "
             f"p90 {ms(p90(times[('baseline', mode)]))}")
        info(f"floor handler ({MODE_NOTE[mode]}): median {ms(floor)}, "
             f"p90 {ms(p90(times[('floor', mode)]))}")
        medians: dict[str, float] = {}
        statements: dict[str, float] = {}
        for s in subjects:
            if s.kind in ("baseline", "floor"):
                continue
            t = times[(s.name, mode)]
            samples = sql[(s.name, mode)]
            total = median([x.total for x in samples])
            reads = median([x.field_reads for x in samples])
            field = median([x.field_data for x in samples])
            writes = median([x.writes for x in samples])
            medians[s.name] = median(t)
            statements[s.name] = total
            ours = s.kind == "ours"
            tag = "" if ours else f" ({s.kind})"
            report(Result(f"handler{suffix}[{s.name}]{tag}", median(t) / floor,
                          floor_target(mode, ours, HANDLER_FLOOR_TARGET),
                          f"÷ floor; {s.handler}: median {ms(median(t))}, p90 {ms(p90(t))}; floor "
                          f"median {ms(floor)}; baseline (no-op) median {ms(base)}, ours ÷ "
                          f"baseline {median(t) / base:.1f}; {MODE_NOTE[mode]}; {s.note}"),
                   profile=_profile_calls(s, mode) if ours else None)
            report(Result(f"handler_sql{suffix}[{s.name}]{tag}", total, 8,
                          f"median per call: {total:g} statements = {reads:g} field-data reads + "
                          f"{field - reads:g} field-data writes + {total - field:g} review/"
                          f"submissions statements ({writes:g} writes in all); {MODE_NOTE[mode]}",
                          unit="statements"))
        versus_anchors(f"handler{suffix}", subjects, medians, ms, MODE_NOTE[mode])
        versus_anchors(f"handler_sql{suffix}", subjects, statements, lambda v: f"{v:g} statements",
                       MODE_NOTE[mode])


# Targets against the floor (the least a block that keeps learner state must do), with
# LMS-like field data only: the stock workbench's one query per field read is not the LMS's.
HANDLER_FLOOR_TARGET = 1.5
RENDER_FLOOR_TARGET = 2.5


def floor_target(mode: str, ours: bool, target: float) -> float | None:
    return target if ours and mode == "lms" else None


def versus_anchors(figure: str, subjects, values: dict[str, float], fmt: Callable[[float], str],
                   note: str = "") -> None:
    """``vs_anchor.FIGURE[ours]``: ours ÷ the best (lowest) anchor on the same figure, ≤ 1."""
    anchors = {s.name: values[s.name] for s in subjects if s.kind == "anchor" and s.name in values}
    for s in subjects:
        if s.kind != "ours" or s.name not in values:
            continue
        name = f"vs_anchor.{figure}[{s.name}]"
        if not anchors:
            report(Result(name, None, 1.0, "no anchor installed"))
            continue
        best = min(anchors, key=anchors.get)
        listing = ", ".join(f"{a} {fmt(v)}" for a, v in anchors.items())
        ratio = values[s.name] / anchors[best] if anchors[best] else float("inf")
        report(Result(name, ratio, 1.0, f"ours {fmt(values[s.name])} ÷ best anchor {best} "
                      f"{fmt(anchors[best])}; anchors: {listing}" + (f"; {note}" if note else "")))


@dataclass
class SqlSample:
    total: int
    field_data: int
    field_reads: int
    writes: int


def _profile_calls(subject, mode):
    """A profiling closure: 60 more calls of the same kind on fresh learners."""
    def run():
        harness.FIELD_DATA["mode"] = mode
        students = [f"prof{mode}{subject.name}{k}" for k in range(60)]
        prepared = []
        for student in students:
            subject.warmup(subject, student)
            prepared.append((student, subject.next_payload(subject, student)))
        profiler = _profile_of(lambda: [harness.call(subject.usage_id, student, subject.handler,
                                                     payload) for student, payload in prepared])()
        harness.FIELD_DATA["mode"] = "workbench"
        return profiler
    return run


def bench_renders(subjects, renders: int, learners: int) -> None:
    print(f"\n== student_view render ({renders} renders per block and field-data mode, "
          f"round-robin) ==", flush=True)
    # learners w0.. / l0.. are mid-attempt: the handler section made them
    times: dict[tuple[str, str], list[float]] = {(s.name, m): [] for s in subjects for m, _ in MODES}
    gc.collect()
    for i in range(renders):
        for s in rotated(subjects, i):
            for mode, _suffix in MODES:
                harness.FIELD_DATA["mode"] = mode
                student = student_name(mode, i % learners)
                start = time.perf_counter()
                first_view(s, student)
                times[(s.name, mode)].append(time.perf_counter() - start)
    harness.FIELD_DATA["mode"] = "workbench"
    for mode, suffix in MODES:
        base_t = times[("baseline", mode)]
        base = median(base_t)
        floor_t = times[("floor", mode)]
        floor = median(floor_t)
        info(f"baseline render ({MODE_NOTE[mode]}): median {ms(base)}, p90 {ms(p90(base_t))}")
        info(f"floor render ({MODE_NOTE[mode]}): median {ms(floor)}, p90 {ms(p90(floor_t))}")
        medians: dict[str, float] = {}
        for s in subjects:
            if s.kind in ("baseline", "floor"):
                continue
            t = times[(s.name, mode)]
            medians[s.name] = median(t)
            ours = s.kind == "ours"

            def run(s=s, mode=mode):
                harness.FIELD_DATA["mode"] = mode
                profiler = _profile_of(lambda: [first_view(s, student_name(mode, k % learners))
                                                for k in range(200)])()
                harness.FIELD_DATA["mode"] = "workbench"
                return profiler

            extra = (f"; the view and its load-time requests ({', '.join(s.render_calls)})"
                     if s.render_calls else "")
            report(Result(f"render{suffix}[{s.name}]" + ("" if ours else f" ({s.kind})"),
                          median(t) / floor, floor_target(mode, ours, RENDER_FLOOR_TARGET),
                          f"÷ floor; median {ms(median(t))}, p90 {ms(p90(t))}; floor median "
                          f"{ms(floor)}; baseline median {ms(base)}, ours ÷ baseline "
                          f"{median(t) / base:.1f}; {MODE_NOTE[mode]}{extra}"),
                   profile=run if ours else None)
        versus_anchors(f"render{suffix}", subjects, medians, ms, MODE_NOTE[mode])


def first_view(subject, student: str) -> None:
    """What the learner's first view costs the server: the render, plus every handler the
    block's JS calls on load before it shows anything (``Subject.render_calls``)."""
    harness.render(subject.usage_id, student)
    for handler in subject.render_calls:
        status, data = harness.call(subject.usage_id, student, handler, {})
        if status != 200:
            raise SystemExit(f"bench: {subject.name} {handler} failed: {status} {str(data)[:300]}")


# --- what a learner downloads ------------------------------------------------------------------

def _local_urls(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        if value.startswith("/resource/") and value.endswith((".js", ".css")):
            yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _local_urls(item)
    elif isinstance(value, list):
        for item in value:
            yield from _local_urls(item)


def learner_assets(subject, language: str) -> list[tuple[str, bytes]]:
    """(name, bytes) of every JS and CSS file or inline block the learner view brings, the
    runtime's own (jQuery, the workbench runtime JS) excluded; URLs handed to the block's
    JS in its init arguments (loaded by it) included."""
    from django.utils import translation

    with translation.override(language):
        block = harness.block_for(subject.usage_id, f"assets-{language}")
        frag = block.student_view({})
    found: list[tuple[str, bytes]] = []
    seen = set()
    urls = []
    for resource in frag.resources:
        if resource.mimetype not in ("application/javascript", "text/javascript", "text/css"):
            continue
        if resource.kind == "url":
            urls.append(resource.data)
        else:
            data = resource.data.encode("utf-8") if isinstance(resource.data, str) else resource.data
            found.append((f"inline {resource.mimetype}", data))
    urls += list(_local_urls(frag.json_init_args or {}))
    for url in urls:
        if url in seen:
            continue
        seen.add(url)
        if not url.startswith("/resource/"):
            found.append((f"{url} (not counted: not the block's file)", b""))
            continue
        _prefix, _resource, _tag, path = url.split("/", 3)
        from xblock.core import XBlock

        with XBlock.load_class(subject.tag).open_local_resource(path) as handle:
            found.append((path, handle.read()))
    return found


def records_desks(subjects) -> list:
    """The service desk measured again with records (its demo desk of records and requests):
    a desk with records loads the records' bundle, a desk of requests only (the subject's
    demo) does not, and both are held to the same budget. Measured for its assets only."""
    import dataclasses

    from benchmarks import subjects as subjects_mod

    desks = [s for s in subjects if s.tag == "asn_digital_service"]
    if not desks:
        return []
    with_records = dataclasses.replace(
        desks[0], name=f"{desks[0].name}_records",
        xml=subjects_mod._demo("asn_digital_service", "13_records_desk_en.xml"),
        note="demo 13_records_desk_en (4 records, 2 requests)")
    with_records.load()
    return [with_records]


def bench_assets(subjects) -> None:
    print("\n== JS + CSS a learner downloads per block (gzip -9) ==", flush=True)
    gzipped: dict[str, float] = {}
    for s in subjects + records_desks(subjects):
        if s.kind in ("baseline", "floor"):
            continue
        sizes = {}
        for language in ("en", "id"):
            files = learner_assets(s, language)
            sizes[language] = (sum(len(gzip.compress(data, 9)) for _name, data in files),
                               sum(len(data) for _name, data in files), files)
        worst = max(("en", "id"), key=lambda lang: sizes[lang][0])
        gz, raw, files = sizes[worst]
        gzipped[s.name] = gz
        listing = ", ".join(f"{name} {len(gzip.compress(data, 9)):,}" for name, data in files
                            if data)
        report(Result(f"assets[{s.name}]" + ("" if s.kind == "ours" else " (anchor)"),
                      gz / 15000, 1.0,
                      f"{gz:,} B gzip ({raw:,} B raw) in the learner's language '{worst}'; "
                      f"'en' {sizes['en'][0]:,} B, 'id' {sizes['id'][0]:,} B; files: {listing}"))
    versus_anchors("assets", subjects, gzipped, lambda v: f"{v:,.0f} B",
                   "gzip -9, the worse of en/id; CDN stylesheets an anchor's JS adds not counted")


# --- scale: simulation analysis, desk parse+render ----------------------------------------------

def _repeat(func: Callable[[], Any], times: int) -> list[float]:
    out = []
    for _ in range(times):
        gc.collect()
        start = time.perf_counter()
        func()
        out.append(time.perf_counter() - start)
    return out


def bench_simulation(quick: bool) -> None:
    from asn_xblocks.core import olx
    from asn_xblocks.simulation import analysis
    from asn_xblocks.simulation.core import CORE
    from asn_xblocks.simulation.engine import Scenario
    from benchmarks import gen_simulation

    print("\n== Simulation: validation + best-path scoring, 5,000 vs 500 nodes ==", flush=True)
    contents = {}
    for n in (500, 5000):
        xml = gen_simulation.generate(n, 1)
        start = time.perf_counter()
        contents[n] = CORE.parse(olx.parse_olx(xml))
        info(f"{n} nodes: OLX {len(xml):,} B, parse {ms(time.perf_counter() - start)}")
        problems = CORE.validate(contents[n])
        if any(p.is_error for p in problems):
            info(f"  (the generated scenario has errors: {[p.code for p in problems][:5]})")

    def work(n):
        def run():
            CORE.validate(contents[n])
            analysis.best_path(Scenario(contents[n]))
        return run

    small, large = [], []
    for _ in range(2 if quick else 5):  # alternate, so drift hits both
        small += _repeat(work(500), 2)
        large += _repeat(work(5000), 1)
    best = analysis.best_path(Scenario(contents[5000]))
    info(f"best path on 5,000 nodes: {len(best.steps)} steps")

    report(Result("simulation_5000_vs_500", median(large) / median(small), 12.0,
                  f"5,000 nodes median {ms(median(large))}, 500 nodes median {ms(median(small))}"),
           profile=_profile_of(work(5000)))


def _desk_scale(quick: bool, generator, what: str, check: bool = False) -> tuple[list[float], list[float], Callable]:
    """A desk's parse and learner view (as JSON) for 50 and 500 tasks from ``generator``,
    alternated so drift hits both: (times for 50, times for 500, the work for n)."""
    from asn_xblocks.core import olx
    from asn_xblocks.core.engine_api import Reveal
    from asn_xblocks.digital_service.core import CORE
    from asn_xblocks.shell.base import safe_json

    xml = {n: generator.generate(n, 7) for n in (50, 500)}
    if check:
        for n, text in xml.items():
            errors = [p.code for p in CORE.validate(CORE.parse(olx.parse_olx(text))) if p.is_error]
            assert not errors, f"generated desk of {n} {what} has errors: {errors[:5]}"

    def work(n):
        def run():
            content = CORE.parse(olx.parse_olx(xml[n]))
            attempt = CORE.new_attempt(content, 12345)
            view = CORE.learner_view(content, attempt, Reveal(), {}, locale="id")
            return safe_json(view)
        return run

    info(f"OLX: 50 {what} {len(xml[50]):,} B, 500 {what} {len(xml[500]):,} B; "
         f"learner JSON: 50 {what} {len(work(50)()):,} B, 500 {what} {len(work(500)()):,} B")
    small, large = [], []
    for _ in range(3 if quick else 7):
        small += _repeat(work(50), 2)
        large += _repeat(work(500), 1)
    return small, large, work


def _profile_of(run: Callable[[], Any]) -> Callable[[], cProfile.Profile]:
    """A profiling closure (``report(..., profile=)``): ``run`` once under cProfile."""
    def run_profile():
        profiler = cProfile.Profile()
        profiler.enable()
        run()
        profiler.disable()
        return profiler
    return run_profile


def bench_desk(quick: bool) -> None:
    from benchmarks import gen_desk

    print("\n== Service desk: parse + render, 500 vs 50 requests ==", flush=True)
    small, large, work = _desk_scale(quick, gen_desk, "requests")
    report(Result("desk_500_vs_50", median(large) / median(small), 12.0,
                  f"500 requests median {ms(median(large))}, 50 requests median {ms(median(small))}"),
           profile=_profile_of(work(500)))


def bench_records(quick: bool) -> None:
    """Records to file: the learner view of 500 vs 50 records on the same 1,000-code
    classification scheme and its JRA (rows on parent codes), measured as ``bench_desk``."""
    from benchmarks import gen_records

    print("\n== Records desk: parse + render, 500 vs 50 records, 1,000 codes ==", flush=True)
    small, large, work = _desk_scale(quick, gen_records, "records", check=True)
    report(Result("records_500_vs_50", median(large) / median(small), 12.0,
                  f"500 records median {ms(median(large))}, 50 records median {ms(median(small))}; "
                  f"1,000-code scheme"), profile=_profile_of(work(500)))


# --- generate_report_data ------------------------------------------------------------------------

@dataclass
class UserState:
    """What the LMS's user_state_iterator yields (XBlockUserState's fields that matter)."""
    username: str
    state: dict
    block_key: str = ""
    updated: Any = None
    scope: Any = None


def finished_states(subject, count: int) -> list[dict]:
    """Real learner states: ``count`` learners run through a whole attempt by the handlers."""
    from workbench.models import XBlockState

    states = []
    for k in range(count):
        student = f"rep{k}"
        harness.render(subject.usage_id, student)
        for _step in range(200):
            from benchmarks.subjects import learner_payload, ours_next

            if learner_payload(subject, student)["attempt"]["finished"]:
                break
            status, data = harness.call(subject.usage_id, student, "act", ours_next(subject, student))
            assert status == 200, data
        row = XBlockState.objects.get(scope="usage", scope_id=subject.usage_id, user_id=student)
        states.append(json.loads(row.state))
    return states


def synthetic_states(samples: list[dict], count: int, offset: int = 0) -> Iterator[UserState]:
    for i in range(offset, offset + count):
        yield UserState(username=f"learner{i:06d}", state=samples[i % len(samples)])


def make_review_rows(subject, start: int, stop: int, prototype) -> None:
    """Review rows for the synthetic learners: in the LMS every learner with a state has
    one (the learner's own requests write it)."""
    from asn_xblocks.review.models import LearnerReview

    batch = []
    for i in range(start, stop):
        batch.append(LearnerReview(
            usage_key=subject.usage_id, course_key=prototype.course_key,
            block_type=prototype.block_type, learner_id=f"anon{i:06d}",
            username=f"learner{i:06d}", cohort=("Angkatan I", "Angkatan II", "")[i % 3],
            attempts=1, status=prototype.status, best_fraction=(i % 97) / 97,
            last_fraction=(i % 97) / 97, points_earned=prototype.points_earned,
            points_possible=prototype.points_possible, competencies=prototype.competencies,
            student_item=prototype.student_item, last_activity=prototype.last_activity,
            state_version=2))
        if len(batch) >= 5000:
            LearnerReview.objects.bulk_create(batch)
            batch = []
    if batch:
        LearnerReview.objects.bulk_create(batch)


def reset_peak_rss() -> int | None:
    """Reset the kernel's peak-RSS mark to the current RSS (Linux); returns the RSS now."""
    try:
        Path("/proc/self/clear_refs").write_text("5")
        return _status_kb("VmRSS") * 1024
    except OSError:
        return None


def peak_rss() -> int:
    return _status_kb("VmHWM") * 1024


def _status_kb(field_name: str) -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field_name + ":"):
            return int(line.split()[1])
    return 0


def consume(block, states: Iterator[UserState], deadline: float | None = None) -> tuple[int, int, bool]:
    rows = 0
    learners = 0
    last = None
    for username, _row in block.generate_report_data(states):
        rows += 1
        if username != last:
            learners += 1
            last = username
            if deadline is not None and learners % 500 == 0 and time.perf_counter() > deadline:
                return rows, learners, False
    return rows, learners, True


def interleaved_report(block, samples, large_n: int, small_n: int, budget: float):
    """The large report timed in segments of ``small_n`` learners; between two segments,
    with its clock stopped, one whole small report (round-robin, so the machine's drift —
    ±15 % over tens of seconds here — hits both sizes alike). Returns (large seconds, rows,
    learners, finished, small-run seconds)."""
    clock = {"large": 0.0, "since": 0.0}
    small_runs: list[float] = []

    def states() -> Iterator[UserState]:
        for i, user_state in enumerate(synthetic_states(samples, large_n)):
            if i and i % small_n == 0:
                clock["large"] += time.perf_counter() - clock["since"]
                if clock["large"] > budget:
                    return
                start = time.perf_counter()
                consume(block, synthetic_states(samples, small_n))
                small_runs.append(time.perf_counter() - start)
                clock["since"] = time.perf_counter()
            yield user_state

    clock["since"] = time.perf_counter()
    rows, learners, _done = consume(block, states())
    clock["large"] += time.perf_counter() - clock["since"]
    if not small_runs:  # the large run stopped before its first segment ended
        start = time.perf_counter()
        consume(block, synthetic_states(samples, small_n))
        small_runs.append(time.perf_counter() - start)
    return clock["large"], rows, learners, learners >= large_n, small_runs


def bench_report(subjects, quick: bool) -> None:
    from asn_xblocks.review.models import LearnerReview

    small_n, large_n = (2_000, 20_000) if quick else (10_000, 100_000)
    print(f"\n== generate_report_data: {large_n:,} vs {small_n:,} synthetic learner states ==",
          flush=True)
    for s in subjects:
        if s.kind != "ours":
            continue
        block = harness.block_for(s.usage_id, "staff")
        if not hasattr(block, "generate_report_data"):
            report(Result(f"report[{s.name}]", None, 11.0, "generate_report_data does not exist yet"))
            continue
        samples = finished_states(s, 6)
        prototype = LearnerReview.objects.filter(usage_key=s.usage_id, attempts__gt=0).first()
        LearnerReview.objects.filter(usage_key=s.usage_id).delete()
        make_review_rows(s, 0, large_n, prototype)
        gc.collect()
        budget = 180.0
        rss_before = reset_peak_rss()
        t_large, rows, learners, done, small_runs = interleaved_report(
            block, samples, large_n, small_n, budget)
        growth = (peak_rss() - rss_before) / 2**20 if rss_before is not None else None
        t_small = statistics.median(small_runs)
        info(f"{s.name}: {small_n:,} learners in {', '.join(f'{t:.2f}' for t in small_runs)} s "
             f"(median {t_small:.2f} s), between the segments of the {large_n:,}-learner run")
        if done:
            ratio = t_large / t_small
            detail = (f"{large_n:,} learners {t_large:.2f} s ({rows:,} rows); {small_n:,} "
                      f"learners median {t_small:.2f} s over {len(small_runs)} runs "
                      f"interleaved with its segments")
        else:
            # stopped at the budget: extrapolate linearly from what was done (a lower bound)
            ratio = (t_large / learners * large_n) / t_small
            detail = (f"stopped after {budget:.0f} s at {learners:,} of {large_n:,} learners "
                      f"({learners / t_large:,.0f} learners/s, vs {small_n / t_small:,.0f}/s at "
                      f"{small_n:,}, median of {len(small_runs)} interleaved runs); ratio "
                      f"extrapolated linearly, a lower bound")

        profile_n = min(small_n, 3000)

        run_profile = _profile_of(lambda block=block, samples=samples, n=profile_n:
                                  consume(block, synthetic_states(samples, n)))
        report(Result(f"report_time[{s.name}]", ratio, 11.0, detail), profile=run_profile)
        if growth is None:
            report(Result(f"report_memory[{s.name}]", None, 64.0,
                          "peak RSS cannot be reset here (/proc/self/clear_refs)"))
        else:
            report(Result(f"report_memory[{s.name}]", round(growth, 1), 64.0,
                          f"peak RSS growth while reporting {learners:,} learners "
                          f"(the states are generated lazily; the rows are consumed, not kept)",
                          unit="MB"))
        LearnerReview.objects.filter(usage_key=s.usage_id).delete()


# --- staff panel at scale ------------------------------------------------------------------------

ANALYTICS_NAMES = ("staff_analytics", "staff_cohort_analytics", "staff_cohorts", "staff_competencies")


def find_handler(block, names: tuple[str, ...], contains: str = "") -> str | None:
    handlers = [n for n in dir(type(block))
                if getattr(getattr(type(block), n, None), "_is_xblock_handler", False)]
    for name in names:
        if name in handlers:
            return name
    if contains:
        for name in sorted(handlers):
            if contains in name and name.startswith("staff_"):
                return name
    return None


def bench_staff(subjects, quick: bool) -> None:
    from asn_xblocks.review.models import AttemptRecord, LearnerReview

    print("\n== Staff panel: 10,000 vs 100 learners ==", flush=True)
    case = next(s for s in subjects if s.name == "case_study")
    big = harness.Subject("staff_big", case.tag, "ours", case.xml)
    small = harness.Subject("staff_small", case.tag, "ours", case.xml)
    big.load()
    small.load()
    block = harness.block_for(big.usage_id, "staff")
    samples = finished_states(big, 3)
    prototype = LearnerReview.objects.filter(usage_key=big.usage_id, attempts__gt=0).first()
    record = AttemptRecord.objects.filter(review=prototype).first()
    for subject, n in ((big, 10_000), (small, 100)):
        LearnerReview.objects.filter(usage_key=subject.usage_id).delete()
        make_review_rows(subject, 0, n, prototype)
        rows = list(LearnerReview.objects.filter(usage_key=subject.usage_id).only("id"))
        AttemptRecord.objects.bulk_create([AttemptRecord(
            review_id=row.id, number=1, finished_at=record.finished_at, raw_earned=record.raw_earned,
            raw_possible=record.raw_possible, fraction=record.fraction, pending=record.pending,
            answer=record.answer, competencies=record.competencies) for row in rows],
            batch_size=2000)
    del samples
    probes = [("first_page", "staff_learners", {})]
    analytics = find_handler(block, ANALYTICS_NAMES, contains="analytic")
    if analytics:
        probes.append(("analytics", analytics, {}))
    reps = 10 if quick else 40
    for label, handler, payload in probes:
        if not hasattr(block, handler):
            report(Result(f"staff_{label}_10000_vs_100", None, 3.0, f"no handler {handler} yet"))
            continue
        times = {big.name: [], small.name: []}
        for i in range(reps):
            for subject in rotated([big, small], i):
                start = time.perf_counter()
                status, data = harness.call(subject.usage_id, "staff", handler, payload)
                times[subject.name].append(time.perf_counter() - start)
                if status != 200:
                    raise SystemExit(f"bench: {handler} failed: {status} {str(data)[:300]}")

        def five_calls(handler=handler, payload=payload):
            for _ in range(5):
                harness.call(big.usage_id, "staff", handler, payload)
        run_profile = _profile_of(five_calls)

        t_big, t_small = median(times[big.name]), median(times[small.name])
        report(Result(f"staff_{label}_10000_vs_100", t_big / t_small, 3.0,
                      f"{handler}: 10,000 learners median {ms(t_big)} (p90 "
                      f"{ms(p90(times[big.name]))}), 100 learners median {ms(t_small)}"),
               profile=run_profile)
    if not analytics:
        report(Result("staff_analytics_10000_vs_100", None, 3.0,
                      "no cohort-analytics staff handler yet (looked for "
                      f"{', '.join(ANALYTICS_NAMES)} or a staff_*analytic* handler)"))


# --- cohort shares on the learner's request ------------------------------------------------------

COHORT_PEERS = 6  # more than the default cohort_min (5) other learners answered


def _with_show_cohort(xml: str, tag: str) -> str:
    return xml.replace(f"<{tag} ", f'<{tag} show_cohort="true" ', 1)


def _play_until(subject, student: str, acts: int | None) -> None:
    """Untimed: the learner's first ``acts`` actions (None: all but the finishing one)."""
    from benchmarks.subjects import learner_payload, ours_next

    harness.render(subject.usage_id, student)
    done = 0
    while acts is None or done < acts:
        payload = learner_payload(subject, student)
        if acts is None:
            nxt = ours_next(subject, student)
            if _finishes(subject, student, nxt):
                return
        status, data = harness.call(subject.usage_id, student, "act", ours_next(subject, student))
        assert status == 200, data
        done += 1
        if payload["attempt"]["finished"]:
            return


def _finishes(subject, student: str, action) -> bool:
    """Whether ``action`` would finish the attempt (tried on a copy of the learner's row)."""
    from django.db import transaction

    class Rollback(Exception):
        pass

    finished = {"value": False}
    try:
        with transaction.atomic():
            status, data = harness.call(subject.usage_id, student, "act", action)
            view = data.get("view", {}) if isinstance(data, dict) else {}
            attempt = data.get("attempt", {}) if isinstance(data, dict) else {}
            finished["value"] = bool(attempt.get("finished") or view.get("finished"))
            raise Rollback
    except Rollback:
        pass
    return finished["value"]


def bench_cohort(subjects, quick: bool) -> None:
    """SQL statements of the learner's call that shows cohort shares (``show_cohort="true"``)
    against the same call today: the case study's stage-2 submission (shares show once a
    stage is submitted) and the simulation's finishing choice (they show at the end), and the
    ``state`` call that follows each; ``COHORT_PEERS`` learners finished first."""
    from django.db import connection

    from benchmarks.subjects import ours_next

    print("\n== Cohort shares on the learner's request: SQL statements, show_cohort vs today ==",
          flush=True)
    learners = 3 if quick else 7
    for base in subjects:
        if base.name not in ("case_study", "simulation"):
            continue
        variants = {"today": harness.Subject(f"{base.name}_cohort_off", base.tag, "ours", base.xml),
                    "show_cohort": harness.Subject(f"{base.name}_cohort_on", base.tag, "ours",
                                                   _with_show_cohort(base.xml, base.tag))}
        for sub in variants.values():
            sub.load()
        model = harness.block_for(variants["show_cohort"].usage_id, "setup").content_model
        if getattr(model, "show_cohort", None) is not True:
            for call in ("act", "state"):
                report(Result(f"cohort_sql_{call}[{base.name}]", None, None,
                              f'show_cohort="true" is not supported by {base.tag} yet '
                              "(its content model has no show_cohort)"))
            continue
        counts: dict[tuple[str, str, str], list[int]] = {}
        for label, sub in variants.items():
            finished_states(sub, COHORT_PEERS)
            for mode, _suffix in MODES:
                harness.FIELD_DATA["mode"] = mode
                for k in range(learners):
                    student = f"cohort{label}{mode}{k}"
                    _play_until(sub, student, 1 if base.name == "case_study" else None)
                    for call in ("act", "state"):
                        payload = ours_next(sub, student) if call == "act" else {}
                        counter = harness.SqlCounter()
                        with connection.execute_wrapper(counter):
                            status, data = harness.call(sub.usage_id, student, call, payload)
                        assert status == 200, data
                        counts.setdefault((label, mode, call), []).append(counter.total)
            harness.FIELD_DATA["mode"] = "workbench"
        which = "stage-2 submission" if base.name == "case_study" else "finishing choice"
        for mode, suffix in MODES:
            for call in ("act", "state"):
                today = median(counts[("today", mode, call)])
                shown = median(counts[("show_cohort", mode, call)])
                report(Result(f"cohort_sql_{call}{suffix}[{base.name}]", shown, today + 1,
                              f'median per call with show_cohort="true": {shown:g} statements, '
                              f"today {today:g}; {call} = "
                              f"{which if call == 'act' else 'the state read after it'}; "
                              f"{COHORT_PEERS} peers finished, {learners} learners each; "
                              f"{MODE_NOTE[mode]}", unit="statements"))


# --- course-level training needs (benchmarks/course_needs.py, when it exists) ---------------------

def bench_course_needs(quick: bool) -> None:
    """Runs ``benchmarks/course_needs.py`` in its own process (it makes its own database) and
    takes its ``bench:`` lines into the table; reports "not available" without it."""
    import re
    import subprocess

    script = Path(__file__).resolve().parent / "course_needs.py"
    print("\n== Course-level training needs (benchmarks/course_needs.py) ==", flush=True)
    if not script.exists():
        report(Result("course_needs_10000_vs_100", None, None, "benchmarks/course_needs.py does "
                      "not exist yet"))
        return
    # last section: the script's own setup remakes var/bench/bench.db (this process is done
    # with it)
    proc = subprocess.run([sys.executable, str(script)] + (["--quick"] if quick else []),
                          capture_output=True, text=True, cwd=harness.ROOT)
    pattern = re.compile(r"^bench: (\S+) (ratio|value|statements)=([0-9.]+)\S* "
                         r"target<=([0-9.]+) (ok|FAIL)\s*(.*)$")
    found = False
    for text in proc.stdout.splitlines():
        match = pattern.match(text)
        if not match:
            print(text, flush=True)
            continue
        found = True
        name, _unit, value, target, _verdict, rest = match.groups()
        report(Result(name, float(value), float(target), rest.strip().strip("()") or "course_needs.py"))
    if proc.returncode or not found:
        report(Result("course_needs_10000_vs_100", None, None,
                      f"course_needs.py exited {proc.returncode} without a bench: figure with a "
                      f"target; {proc.stderr.strip()[-300:]}"))


# --- output -----------------------------------------------------------------------------------

def print_profile(name: str, profiler: cProfile.Profile, limit: int = 18) -> None:
    stream = io.StringIO()
    stats = pstats.Stats(profiler, stream=stream)
    stats.sort_stats("cumulative").print_stats(limit)
    lines = [ln for ln in stream.getvalue().splitlines() if ln.strip()]
    print(f"\n-- cProfile of {name} (cumulative, top {limit}) --")
    start = next((k for k, ln in enumerate(lines) if "ncalls" in ln), 0)
    for line in lines[start:start + limit + 1]:
        print("   " + line[:160])
    stream = io.StringIO()
    stats = pstats.Stats(profiler, stream=stream)
    stats.sort_stats("tottime").print_stats(10)
    lines = [ln for ln in stream.getvalue().splitlines() if ln.strip()]
    start = next((k for k, ln in enumerate(lines) if "ncalls" in ln), 0)
    print(f"-- {name}: own time (tottime, top 10) --")
    for line in lines[start:start + 11]:
        print("   " + line[:160])


def markdown(meta: dict[str, str], args) -> str:
    out = [f"Measured {meta['date']} on {meta['nproc']} × {meta['cpu']}, Python "
           f"{meta['python']}, Django {meta['django']}, XBlock {meta['xblock']}; workbench "
           f"runtime on on-disk SQLite, DEBUG off, asides resolved once"
           f"{' (--quick run)' if args.quick else ''}.", "",
           "| figure | value | target | result | measured |", "|---|---|---|---|---|"]
    for r in RESULTS:
        target = "—" if r.target is None else f"≤ {r.target:g}"
        if r.value is None:
            out.append(f"| `{r.name}` | — | {target} | not available | {r.detail} |")
        else:
            unit = "" if r.unit == "ratio" else f" {r.unit}"
            verdict = "reference" if r.target is None else ("ok" if r.ok else "**FAIL**")
            out.append(f"| `{r.name}` | {r.shown()}{unit} | {target} | "
                       f"{verdict} | {r.detail.replace('|', '/')} |")
    return "\n".join(out) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="fewer repetitions")
    parser.add_argument("--only", default=",".join(SECTIONS), help="comma-separated sections")
    parser.add_argument("--profile", action="store_true", help="cProfile each failing figure")
    args = parser.parse_args(argv)
    only = [name.strip() for name in args.only.split(",") if name.strip()]

    harness.setup()
    meta = machine()
    print(f"bench: {meta['date']} · {meta['nproc']} × {meta['cpu']} · Python {meta['python']} · "
          f"Django {meta['django']} · XBlock {meta['xblock']}")
    from benchmarks import subjects as subjects_mod

    for package in subjects_mod.missing_anchors():
        print(f"bench: anchor {package} not installed (make bench installs it into "
              f"var/bench/anchors; if pip could not, it is not on the package index here)")
    subjects = subjects_mod.subjects()
    for s in subjects:
        s.load()
    calls = 60 if args.quick else 300
    renders = 100 if args.quick else 500
    started = time.perf_counter()
    if "handlers" in only or "renders" in only:
        bench_handlers(subjects, calls)
    if "renders" in only:
        bench_renders(subjects, renders, calls)
    if "assets" in only:
        bench_assets(subjects)
    if "simulation" in only:
        bench_simulation(args.quick)
    if "desk" in only:
        bench_desk(args.quick)
    if "records" in only:
        bench_records(args.quick)
    if "report" in only:
        bench_report(subjects, args.quick)
    if "staff" in only:
        bench_staff(subjects, args.quick)
    if "cohort" in only:
        bench_cohort(subjects, args.quick)
    if "course_needs" in only:
        bench_course_needs(args.quick)

    failed = [r for r in RESULTS if r.judged and not r.ok
              and "(anchor)" not in r.name and "(floor)" not in r.name]
    missing = [r for r in RESULTS if r.value is None]
    print(f"\nbench: {len(RESULTS)} figures, {len(failed)} FAIL (ours), {len(missing)} not "
          f"available, in {time.perf_counter() - started:.0f} s")
    if args.profile:
        for r in failed:
            if r.name in PROFILES:
                print_profile(r.name, PROFILES[r.name]())
    out = harness.ROOT / "var" / "bench" / "results.md"
    out.write_text(markdown(meta, args), encoding="utf-8")
    print(f"bench: table written to {out.relative_to(harness.ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
