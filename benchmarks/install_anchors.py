"""Install the anchor XBlocks for benchmarking only, where only the benchmark sees them.

The anchors (xblock-drag-and-drop-v2, xblock-poll, branching-xblock) are *not* installed
into the project's virtualenv: an installed XBlock registers ``xblock.v1`` entry points, and
the workbench loads every registered block's scenarios on each reset, so ``make test`` and
``make demo`` would run with them. They go into ``var/bench/anchors`` (``pip install
--target``), which ``benchmarks/run.py`` alone puts on ``sys.path``.

pip resolves them against the project's virtualenv (``--dry-run --report``, with the
project's constraints), and only what the virtualenv lacks is installed, with
``--no-deps``: the anchors run on the very Django/XBlock the blocks under test use.
An anchor that cannot be installed from the package index is reported and skipped.

Usage: ``python benchmarks/install_anchors.py`` (``make bench`` runs it).
"""
from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TARGET = ROOT / "var" / "bench" / "anchors"
CONSTRAINTS = ROOT / "requirements" / "constraints.txt"
ANCHORS = ("xblock-drag-and-drop-v2", "xblock-poll", "branching-xblock")
STAMP = TARGET / ".installed.json"


def _pip(*args: str, quiet: bool = True) -> subprocess.CompletedProcess:
    command = [sys.executable, "-m", "pip", "--disable-pip-version-check", *args]
    if quiet:
        command.append("-q")
    return subprocess.run(command, capture_output=True, text=True, check=False)


def plan(anchor: str) -> list[str] | None:
    """``name==version`` of everything ``anchor`` needs that the virtualenv lacks."""
    with tempfile.TemporaryDirectory() as tmp:
        report = Path(tmp) / "report.json"
        result = _pip("install", "--dry-run", "--report", str(report), "-c", str(CONSTRAINTS),
                      anchor)
        if result.returncode != 0 or not report.exists():
            tail = (result.stderr or result.stdout).strip().splitlines()[-1:]
            print(f"bench: anchor {anchor} NOT INSTALLABLE from the package index "
                  f"({tail[0] if tail else 'pip failed'})")
            return None
        data = json.loads(report.read_text(encoding="utf-8"))
    return [f"{item['metadata']['name']}=={item['metadata']['version']}"
            for item in data.get("install", [])]


def main() -> int:
    wanted: dict[str, list[str]] = {}
    for anchor in ANCHORS:
        needs = plan(anchor)
        if needs is not None:
            wanted[anchor] = needs
    requirements = sorted({req for needs in wanted.values() for req in needs})
    if STAMP.exists() and json.loads(STAMP.read_text(encoding="utf-8")) == requirements:
        print(f"bench: anchors already in {TARGET.relative_to(ROOT)}: {', '.join(wanted)}")
        return 0
    if not requirements:
        print("bench: no anchor could be installed; the benchmark runs without them")
        return 0
    TARGET.mkdir(parents=True, exist_ok=True)
    result = _pip("install", "--no-deps", "--upgrade", "--target", str(TARGET), *requirements)
    if result.returncode != 0:
        print(result.stdout[-2000:], result.stderr[-2000:], sep="\n")
        print("bench: installing the anchors failed; the benchmark runs without them")
        return 0
    STAMP.write_text(json.dumps(requirements), encoding="utf-8")
    print(f"bench: anchors installed in {TARGET.relative_to(ROOT)} (only the benchmark sees "
          f"them): {', '.join(requirements)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
