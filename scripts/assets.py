"""The files the browser loads, built from the readable sources: ``static/`` → ``static/min/``.

Two kinds of source:

* a single file, ``static/<path>`` (CSS, the compiled catalogues, the JavaScript files that
  need no split): its minified copy is ``static/min/<path>``;
* a bundle, ``static/js/src/<bundle>/NN-name.js``: modules of one concern each (two-digit
  prefixes give their order), concatenated in file-name order and minified into
  ``static/min/js/<bundle>.js``. The views name a bundle as if it were a single file,
  ``static/js/<bundle>.js`` (shell/assets.py maps the name to the built copy), so the runtimes
  load one request per bundle as before.

``make assets`` writes the copies (``make compile_translations`` too, after the catalogues);
``scripts/assets.py check`` lists copies that are missing or stale (and orphans), and a test
runs it, so a source edited without ``make assets`` fails CI instead of reaching a learner.
The copies are committed, like the compiled catalogues: every runtime serves them as they are
from the installed package — the workbench's resource handler and the LMS's (its
``xblock_resource`` view opens them with the block's ``open_local_resource``) and, in
production, the LMS's static collection (``XBlockPipelineFinder`` collects the package's
files; ``xblock_local_resource_url`` then links the collected copy).

rjsmin and rcssmin (the minifiers django-compressor uses) strip comments and layout: about a
fifth fewer gzip bytes, for learners on phones and weak networks. They are pinned in
requirements/test.txt so the check compares like with like. A minifier that also renames
local names (esbuild) would take another 10–14 % off the gzip bytes, at the price of Node in
every build and check of the Python package; that was measured and judged not worth it.
"""
from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
STATIC = ROOT / "static"
MIN = STATIC / "min"
BUNDLES = STATIC / "js" / "src"


def sources() -> list[Path]:
    """Every JS and CSS file under static/ copied one to one (the compiled catalogues
    included; not the bundles' modules, which :func:`bundles` builds)."""
    return sorted(p for p in STATIC.rglob("*")
                  if p.suffix in (".js", ".css") and MIN not in p.parents and BUNDLES not in p.parents)


def bundles() -> dict[str, list[Path]]:
    """Each bundle under static/js/src/ and its modules, in the order they are joined."""
    if not BUNDLES.is_dir():
        return {}
    return {folder.name: sorted(folder.glob("*.js"), key=lambda p: p.name)
            for folder in sorted(BUNDLES.iterdir()) if folder.is_dir()}


def minify(path: Path | str, text: str) -> str:
    if str(path).endswith(".js"):
        import rjsmin

        return rjsmin.jsmin(text) + "\n"
    import rcssmin

    return rcssmin.cssmin(text) + "\n"


def target(source: Path) -> Path:
    return MIN / source.relative_to(STATIC)


def bundle_target(name: str) -> Path:
    return MIN / "js" / f"{name}.js"


def joined(modules: list[Path]) -> str:
    """The modules of a bundle as one script: each is a complete script of its own (a
    function that runs at once), so joining them is all the linking there is."""
    return "\n".join(m.read_text(encoding="utf-8").rstrip("\n") + "\n" for m in modules)


def expected() -> dict[Path, str]:
    """Every copy that should exist under static/min/ and its exact text."""
    wanted = {target(s): minify(s, s.read_text(encoding="utf-8")) for s in sources()}
    for name, modules in bundles().items():
        copy = bundle_target(name)
        if copy in wanted:
            raise SystemExit(f"static/js/{name}.js and static/js/src/{name}/ both exist: keep one")
        if not modules:
            raise SystemExit(f"static/js/src/{name}/ has no module")
        wanted[copy] = minify(copy, joined(modules))
    return wanted


def stale() -> list[str]:
    """Copies that are missing or differ from their sources' minified form, and orphans."""
    wanted = expected()
    wrong = [str(copy.relative_to(ROOT)) for copy, text in sorted(wanted.items())
             if not copy.is_file() or copy.read_text(encoding="utf-8") != text]
    wrong += [str(p.relative_to(ROOT)) + " (no source)" for p in sorted(MIN.rglob("*"))
              if p.is_file() and p not in wanted]
    return wrong


def build() -> None:
    wanted = expected()
    for copy, text in wanted.items():
        copy.parent.mkdir(parents=True, exist_ok=True)
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
