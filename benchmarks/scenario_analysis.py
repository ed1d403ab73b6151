#!/usr/bin/env python
"""Adversarial simulations: what an author's scenario costs the studio and learner calls.

The attack this measures: a scenario whose reachable (node, metric values) states explode —
``metrics`` metrics with range 0–1000, one node with ``choices`` self-looping conditional
choices (each adds to one metric while it is below 1000) and one way out, ``scoring="path"``
and ``show_answer="finished"`` (so a finished attempt needs the best path). The scenario
analysis (reachable states, best path, validation) is bounded in work and memory and runs
when the author saves; learners read its stored result (README, "The Change-Management
Simulation").

For the worst case (40 metrics, 300 choices: a 46 KB OLX) and a generated family (metrics ×
choices), one process, the stock workbench runtime (benchmarks/harness.py), handlers called
in-process as the workbench's views do: a block is made from a small valid scenario, then
the course team's ``studio_check`` and ``studio_save`` of the adversarial OLX, then a
learner's ``state`` and ``act`` calls to the end (three loops, then the way out: the last
``act`` finishes the attempt and scores it). Each call is timed once (the point is minutes
versus milliseconds, not a few per cent); ``peak_rss`` is the growth of the process's peak
RSS over the scenario's calls (Linux ``clear_refs``; "n/a" elsewhere), and the stored
analysis's counters (work, states, why it stopped) are printed when there are any.

Output: one line per figure, ``bench: NAME value=... unit`` (times in ms); the worst case's
studio and learner calls and its memory carry ``target<=Y ok|FAIL`` (``TARGETS``). Runs alone:

    .venv/bin/python benchmarks/scenario_analysis.py            # worst case + family
    .venv/bin/python benchmarks/scenario_analysis.py --quick    # worst case + 2 of the family
    .venv/bin/python benchmarks/scenario_analysis.py --cases 12x13,20x30   # only these
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks import harness

WORST = (40, 300)
FAMILY = [(4, 13), (12, 13), (12, 50), (20, 100), (40, 13), (40, 100), (2, 300), (40, 300)]
QUICK_FAMILY = [(12, 13), (20, 100)]
LOOPS_BEFORE_EXIT = 3
SMALL = """<asn_change_simulation display_name="Small" start="n1" show_answer="finished">
  <metric id="m" label="M" initial="1"/>
  <node id="n1" title="Start"><choice id="c1" goto="e1"><text>Go</text></choice></node>
  <ending id="e1" title="End" score="1" outcome="success"><p>Done</p></ending>
</asn_change_simulation>"""


def adversarial(metrics: int, choices: int) -> str:
    """``metrics`` metrics 0–1000; node n1 with ``choices`` conditional self-loops (choice
    j adds 1 + j // metrics to metric j % metrics while it is below 1000) and one way out."""
    out = [f'<asn_change_simulation display_name="Adversarial {metrics}x{choices}" start="n1" '
           'scoring="path" show_answer="finished" max_attempts="0">']
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


def _rss_kb(field_name: str) -> int | None:
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith(field_name + ":"):
                return int(line.split()[1])
    except OSError:
        return None
    return None


def reset_peak() -> int | None:
    try:
        Path("/proc/self/clear_refs").write_text("5")
    except OSError:
        return None
    return _rss_kb("VmRSS")


# Targets for the worst case (WORST): every studio and learner call of it. The course team
# waits for a save (bounded analysis: seconds, not minutes); a learner's call must stay a
# page-speed call even on the finishing act (which scores with the stored best path); the
# memory bound is the report's (run.py's report_memory).
TARGETS = {"studio_check": (2000.0, "ms"), "studio_save": (2000.0, "ms"),
           "learner_state": (100.0, "ms"), "learner_act_mid": (100.0, "ms"),
           "learner_act_finish": (500.0, "ms"), "peak_rss": (64.0, "MB")}
JUDGED: list[tuple[str, bool]] = []


def line(name: str, value: str, detail: str = "") -> None:
    """``bench: NAME value=X`` — with ``target<=Y ok|FAIL`` for the worst case's calls."""
    figure, _bracket, case = name.partition("[")
    target = TARGETS.get(figure) if case.rstrip("]") == f"{WORST[0]}x{WORST[1]}" else None
    verdict = ""
    if target is not None:
        limit, unit = target
        try:
            number = float(value.removesuffix(unit))
        except ValueError:
            number = None
        ok = number is not None and value.endswith(unit) and number <= limit
        JUDGED.append((name, ok))
        verdict = f" target<={limit:g}{unit} {'ok' if ok else 'FAIL'}"
    print(f"bench: {name} value={value}{verdict}" + (f"  ({detail})" if detail else ""), flush=True)


def timed(func):
    start = time.perf_counter()
    result = func()
    return time.perf_counter() - start, result


def run_case(metrics: int, choices: int) -> None:
    xml = adversarial(metrics, choices)
    name = f"{metrics}x{choices}"
    usage = harness.add_scenario(SMALL)
    before = reset_peak()

    seconds, (status, data) = timed(lambda: harness.call(usage, "staff", "studio_check", {"olx": xml}))
    line(f"studio_check[{name}]", f"{seconds * 1000:.1f}ms", f"status {status}, OLX {len(xml):,} B")
    seconds, (status, data) = timed(lambda: harness.call(usage, "staff", "studio_save", {"olx": xml}))
    saved = status == 200 and isinstance(data, dict) and data.get("saved")
    codes = sorted({p["code"] for p in (data.get("problems") or [])}) if isinstance(data, dict) else []
    line(f"studio_save[{name}]", f"{seconds * 1000:.1f}ms",
         f"status {status}, saved {bool(saved)}, problems {codes}")
    stored = harness.block_for(usage, "staff").content.get("analysis")
    if isinstance(stored, dict):
        line(f"analysis[{name}]", f"{stored.get('work')}work",
             f"{stored.get('states')} states, {stored.get('edges')} edges, stopped by "
             f"{stored.get('cut') or 'nothing (complete)'}; budget {stored.get('budget')}")

    learner = f"bench-{name}"
    seconds, (status, data) = timed(lambda: harness.call(usage, learner, "state", {}))
    line(f"learner_state[{name}]", f"{seconds * 1000:.1f}ms", f"status {status}")
    version = data.get("version", 0) if isinstance(data, dict) else 0
    acts = [f"c{i}" for i in range(LOOPS_BEFORE_EXIT)] + ["out"]
    times = []
    for choice in acts:
        seconds, (status, data) = timed(lambda choice=choice, version=version: harness.call(
            usage, learner, "act", {"version": version, "action": {"type": "choose", "choice": choice}}))
        times.append(seconds)
        if status != 200:
            line(f"learner_act[{name}]", "failed", f"status {status}: {str(data)[:200]}")
            return
        version = data.get("version", version)
    view = data.get("view", {}) if isinstance(data, dict) else {}
    line(f"learner_act_mid[{name}]", f"{max(times[:-1]) * 1000:.1f}ms",
         f"slowest of the {len(times) - 1} acts before the last")
    line(f"learner_act_finish[{name}]", f"{times[-1] * 1000:.1f}ms",
         f"finished {bool(view.get('finished'))}, score "
         f"{view.get('ending', {}).get('score_percent')} %, best path shown "
         f"{len(view.get('best_path') or [])} steps")
    peak = _rss_kb("VmHWM")
    if before is None or peak is None:
        line(f"peak_rss[{name}]", "n/a", "peak RSS cannot be reset here")
    else:
        line(f"peak_rss[{name}]", f"{(peak - before) / 1024:.1f}MB",
             "growth of the peak RSS over the calls above")


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="the worst case and two of the family")
    parser.add_argument("--cases", default="", help="only these, e.g. 12x13,40x300")
    args = parser.parse_args(argv)
    if args.cases:
        cases = [tuple(int(n) for n in item.split("x")) for item in args.cases.split(",")]
    else:
        cases = ([WORST] + QUICK_FAMILY) if args.quick else \
            [WORST] + [case for case in FAMILY if case != WORST]
    harness.setup()
    from django.conf import settings

    settings.ASN_DEMO_STAFF_IDS = ["staff"]
    print("== Scenario analysis: adversarial simulations (metrics x choices), studio and "
          "learner calls ==", flush=True)
    start = time.perf_counter()
    for metrics, choices in cases:
        run_case(metrics, choices)
    failed = [name for name, ok in JUDGED if not ok]
    print(f"  total {time.perf_counter() - start:.1f} s; worst case: {len(JUDGED)} figures with "
          f"targets, {len(failed)} FAIL{(': ' + ', '.join(failed)) if failed else ''}", flush=True)


if __name__ == "__main__":
    main()
