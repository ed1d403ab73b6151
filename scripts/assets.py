"""The files the browser loads, built from the readable sources: ``static/`` → ``static/min/``.

Two kinds of source:

* a single file, ``static/<path>`` (CSS, the compiled catalogues, the JavaScript files that
  need no split): its minified copy is ``static/min/<path>``;
* a bundle, ``static/js/src/<bundle>/NN-name.js``: modules of one concern each (two-digit
  prefixes give their order), concatenated in file-name order and minified into
  ``static/min/js/<bundle>.js``. The views name a bundle as if it were a single file,
  ``static/js/<bundle>.js`` (shell/assets.py maps the name to the built copy), so the runtimes
  load one request per bundle as before.

A bundle of ``WITH_CATALOGUE`` is also built with each of its compiled JS catalogues ahead of
it, ``static/min/js/i18n/<lang>/<bundle>.js``: one file for a view in that language.

A bundle or stylesheet of ``INCLUDES_COMMON`` begins with asn_common.js (asn.css): the
service desk's learner view then loads one script and one stylesheet (shell/assets.py says
why, and what it costs a page that holds other blocks too).

A bundle or stylesheet may extend another (``EXTENDS``, from asn_xblocks/shell/assets.py,
which serves them): its copy is the other's modules and its own, joined in name order (a
stylesheet: the other's rules, then its own), so a view that needs both loads one file.

``make assets`` writes the copies (``make compile_translations`` too, after the catalogues);
``scripts/assets.py check`` lists copies that are missing or stale (and orphans), and a test
runs it, so a source edited without ``make assets`` fails CI instead of reaching a learner.
The copies are committed, like the compiled catalogues: every runtime serves them as they are
from the installed package — the workbench's resource handler and the LMS's (its
``xblock_resource`` view opens them with the block's ``open_local_resource``) and, in
production, the LMS's static collection (``XBlockPipelineFinder`` collects the package's
files; ``xblock_local_resource_url`` then links the collected copy).

The scripts are minified by terser (pinned in package.json and package-lock.json, installed
by ``npm ci``, which ``make test`` runs first for eslint), all in one Node process: it strips
comments and layout, compresses, and renames local names — a function's parameters and
variables, never a name a script declares at its top level (the initializers the fragments
name: AsnCaseStudy, AsnDigitalService, AsnStudioInit...) nor a property (``AsnXBlocks.*``),
which other scripts, the runtimes and the tests call. The one exception: a bundle whose
modules meet on a context object (:data:`CONTEXTS`, the service desk's ``D``) has the
properties of that object renamed too when nothing else can name them
(:func:`context_names`). Against rjsmin (layout only) that is 8–17 % fewer gzip bytes per
script (the desk with records in Indonesian: 1,610 bytes, and 115 more for ``D``). A
bundle's copy with its catalogue is the two copies joined, so the bundle part is the very
text of its own copy. Stylesheets go through rcssmin (requirements/test.txt). Both are
pinned so ``check`` compares like with like: terser's output depends only on its version and
:data:`TERSER_OPTIONS`, so ``check`` gives the same answer on every machine and Python.
"""
from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
STATIC = ROOT / "static"
MIN = STATIC / "min"
BUNDLES = STATIC / "js" / "src"
sys.path.insert(0, str(ROOT))
from asn_xblocks.shell.assets import (  # noqa: E402  (the package serves what is built here)
    COMMON_SCRIPT,
    EXTENDS,
    INCLUDES_COMMON,
    WITH_CATALOGUE,
    stylesheets,
)


def sources() -> list[Path]:
    """Every JS and CSS file under static/ copied one to one (the compiled catalogues
    included; not the bundles' modules, which :func:`bundles` builds)."""
    return sorted(p for p in STATIC.rglob("*")
                  if p.suffix in (".js", ".css") and MIN not in p.parents and BUNDLES not in p.parents)


def bundles() -> dict[str, list[Path]]:
    """Each bundle under static/js/src/ and its modules, in the order they are joined."""
    if not BUNDLES.is_dir():
        return {}
    found = {folder.name: sorted(folder.glob("*.js"), key=lambda p: p.name)
             for folder in sorted(BUNDLES.iterdir()) if folder.is_dir()}
    for name, base in EXTENDS.items():
        if name in found and base in found:
            modules = found[base] + found[name]
            if len({m.name for m in modules}) != len(modules):
                raise SystemExit(f"static/js/src/{name}/ and {base}/ share a module name: the order "
                                 "of the joined bundle would be ambiguous")
            found[name] = sorted(modules, key=lambda p: p.name)
    for name in INCLUDES_COMMON & set(found):  # what every block shares, first
        found[name] = [ROOT / COMMON_SCRIPT] + found[name]
    return found


def source_text(source: Path) -> str:
    """A single file's text as built: a stylesheet of ``INCLUDES_COMMON`` follows asn.css's
    rules, one that extends another follows that one's (shell/assets.py ``stylesheets``)."""
    if source.suffix == ".css" and source.parent == STATIC / "css":
        parts = [ROOT / path for path in stylesheets(str(source.relative_to(ROOT)))]
        return "".join(p.read_text(encoding="utf-8").rstrip("\n") + "\n" for p in parts[:-1]) + \
            parts[-1].read_text(encoding="utf-8")
    return source.read_text(encoding="utf-8")


# terser's options: compress and rename local names; names a script declares at its top
# level (AsnCaseStudy, AsnStudioInit...) and every property (AsnXBlocks.*; but CONTEXTS) keep
# theirs, as other scripts, the runtimes' initializers and the tests call them by name.
TERSER_OPTIONS: dict = {"compress": {"passes": 2}, "mangle": True,
                        "format": {"comments": False, "quote_style": 2}}
TERSER = ROOT / "node_modules" / "terser"  # `npm ci`, as package-lock.json pins it
RUN_TERSER = """
const {minify} = require(process.argv[1]);
const base = JSON.parse(process.argv[2]);
let input = "";
process.stdin.setEncoding("utf8").on("data", (c) => { input += c; }).on("end", async () => {
  const out = {};
  for (const [name, [code, own]] of Object.entries(JSON.parse(input))) {
    const options = JSON.parse(JSON.stringify(base));
    if (own.length) { options.mangle = {properties: {regex: new RegExp("^(" + own.join("|") + ")$")}}; }
    try { out[name] = (await minify(code, options)).code; }
    catch (e) { process.stderr.write(name + ": " + e.message + "\\n"); process.exit(1); }
  }
  process.stdout.write(JSON.stringify(out));
});
"""
# Bundles whose modules meet on a context object (the service desk's ``D``: 90-desk.js): its
# properties are renamed too when nothing can reach them by name (:func:`context_names`).
CONTEXTS = {"digital_service": "D", "digital_service_records": "D"}
COMMON = ROOT / COMMON_SCRIPT


def context_names(text: str, context: str, common: str) -> list[str]:
    """The properties set on ``context`` (``D.name = ...``) that the bundle's text names only
    as ``D.name`` — in no string, object key, comment or other object's property — and
    asn_common.js not at all: renaming them everywhere in the one file cannot change what
    the script does. Any other mention keeps a name as it is."""
    def word(name: str) -> str:
        return r"(?<![\w$])" + re.escape(name) + r"(?![\w$])"

    member = r"(?<![\w$.])" + re.escape(context) + r"\."
    defined = set(re.findall(member + r"([A-Za-z_$][\w$]*)\s*=(?!=)", text))
    return sorted(name for name in defined
                  if len(re.findall(word(name), text)) == len(re.findall(member + word(name), text))
                  and not re.search(word(name), common))


def minify_scripts(scripts: dict[str, tuple[str, list[str]]]) -> dict[str, str]:
    """Every script minified by terser, in one Node process (name -> (text, the properties
    it may rename)) -> name -> minified text."""
    if not scripts:
        return {}
    if not (TERSER / "package.json").is_file():
        raise SystemExit("terser is missing: run `npm ci` (package-lock.json pins it)")
    result = subprocess.run(["node", "-e", RUN_TERSER, str(TERSER), json.dumps(TERSER_OPTIONS)],
                            input=json.dumps(scripts), capture_output=True, text=True, encoding="utf-8")
    if result.returncode:
        raise SystemExit("terser failed: " + result.stderr.strip())
    return {name: code + "\n" for name, code in json.loads(result.stdout).items()}


def minify_css(text: str) -> str:
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
    wanted: dict[Path, str] = {target(s): source_text(s) for s in sources()}
    joined_copies: dict[Path, tuple[Path, Path]] = {}  # catalogue + bundle: their copies, joined
    for name, modules in bundles().items():
        copy = bundle_target(name)
        if copy in wanted:
            raise SystemExit(f"static/js/{name}.js and static/js/src/{name}/ both exist: keep one")
        if not modules:
            raise SystemExit(f"static/js/src/{name}/ has no module")
        wanted[copy] = joined(modules)
        catalogue = WITH_CATALOGUE.get(name)
        for source in sorted((STATIC / "js" / "translations").glob(f"*/{catalogue}.js")) if catalogue else ():
            joined_copies[MIN / "js" / "i18n" / source.parent.name / f"{name}.js"] = (target(source), copy)
    common = COMMON.read_text(encoding="utf-8") if COMMON.is_file() else ""
    scripts = minify_scripts({str(copy): (text, context_names(text, CONTEXTS[copy.stem], common)
                                           if copy.parent == MIN / "js" and copy.stem in CONTEXTS else [])
                              for copy, text in wanted.items() if copy.suffix == ".js"})
    built = {copy: scripts[str(copy)] if copy.suffix == ".js" else minify_css(text) for copy, text in wanted.items()}
    for copy, (catalogue_copy, bundle_copy) in joined_copies.items():
        built[copy] = built[catalogue_copy] + built[bundle_copy]
    return built


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
