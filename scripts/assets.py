"""Minified copies of the files the browser loads: ``static/<path>`` → ``static/min/<path>``.

``make assets`` writes them (``make compile_translations`` too, after the catalogues);
``scripts/assets.py check`` lists copies that are missing or stale, and a test runs it, so a
source edited without ``make assets`` fails CI instead of reaching a learner. The copies are
committed, like the compiled catalogues: every runtime serves them as they are, the
workbench's and the LMS's resource handlers and the LMS's static collection alike.

rjsmin and rcssmin (the minifiers django-compressor uses) strip comments and layout: about a
fifth fewer gzip bytes, for learners on phones and weak networks. They are pinned in
requirements/test.txt so the check compares like with like.
"""
from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
STATIC = ROOT / "static"
MIN = STATIC / "min"


def sources() -> list[Path]:
    """Every JS and CSS file under static/ (the compiled catalogues included)."""
    return sorted(p for p in STATIC.rglob("*")
                  if p.suffix in (".js", ".css") and MIN not in p.parents)


def minify(path: Path | str, text: str) -> str:
    if str(path).endswith(".js"):
        import rjsmin

        return rjsmin.jsmin(text) + "\n"
    import rcssmin

    return rcssmin.cssmin(text) + "\n"


def target(source: Path) -> Path:
    return MIN / source.relative_to(STATIC)


def stale() -> list[str]:
    """Copies that are missing or differ from their source's minified form, and orphans."""
    wrong = []
    for source in sources():
        copy = target(source)
        expected = minify(source, source.read_text(encoding="utf-8"))
        if not copy.is_file() or copy.read_text(encoding="utf-8") != expected:
            wrong.append(str(copy.relative_to(ROOT)))
    wanted = {target(s) for s in sources()}
    wrong += [str(p.relative_to(ROOT)) + " (no source)" for p in MIN.rglob("*")
              if p.is_file() and p not in wanted]
    return wrong


def build() -> None:
    wanted = set()
    for source in sources():
        copy = target(source)
        wanted.add(copy)
        copy.parent.mkdir(parents=True, exist_ok=True)
        text = minify(source, source.read_text(encoding="utf-8"))
        if not copy.is_file() or copy.read_text(encoding="utf-8") != text:
            copy.write_text(text, encoding="utf-8")
    for orphan in [p for p in MIN.rglob("*") if p.is_file() and p not in wanted]:
        orphan.unlink()


def main(argv: list[str]) -> int:
    if argv[1:] == ["check"]:
        wrong = stale()
        for line in wrong:
            print(f"stale: {line} (run `make assets`)")
        return 1 if wrong else 0
    if argv[1:] in ([], ["build"]):
        build()
        return 0
    print("usage: scripts/assets.py [build|check]", file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
