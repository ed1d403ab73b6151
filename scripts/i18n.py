"""Translation catalogues: extract, merge, compile (``make extract_translations`` /
``make compile_translations``).

* extract: GNU xgettext over the Python sources (``_``, ``N_``, ``gettext``, ``ngettext``)
  and the JavaScript (``_``, ``gettext``, ``ngettext``: ``static/js/*.js`` and the bundles'
  modules ``static/js/src/<bundle>/*.js``), merged into each locale's
  ``translations/<locale>/LC_MESSAGES/text.po`` (``en`` is the source: msgstr = msgid).
* compile: ``text.mo`` per locale, and ``static/js/translations/<locale>/<bundle>.js`` for
  each front-end bundle (a block's learner view, the staff panel, the editor): only the
  strings that bundle's JavaScript uses, merged into the ``AsnXBlocksI18n`` namespace, so a
  learner downloads just their block's strings.
"""
from __future__ import annotations

import json
import re
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TRANSLATIONS = ROOT / "translations"
JS_OUT = ROOT / "static" / "js" / "translations"
LOCALES = ["en", "id"]
# front-end bundles (the names AsnBlock.bundles() uses) and the scripts whose strings each
# needs, named as the views name them: static/js/<name>.js is that file, or the modules of
# static/js/src/<name>/ that scripts/assets.py joins into it
JS_BUNDLES = {
    "asn_case_study": ["static/js/asn_common.js", "static/js/case_study.js"],
    "asn_change_simulation": ["static/js/asn_common.js", "static/js/simulation.js"],
    "asn_digital_service": ["static/js/asn_common.js", "static/js/digital_service.js"],
    "staff": ["static/js/staff.js", "static/js/analytics.js"],
    "studio": ["static/js/studio.js"],
}
NAMESPACE = "AsnXBlocksI18n"
PY_KEYWORDS = ["_", "N_", "gettext", "ngettext:1,2"]
JS_KEYWORDS = ["_", "gettext", "ngettext:1,2"]


def sources(kind: str) -> list[str]:
    if kind == "py":
        files = [p for p in (ROOT / "asn_xblocks").rglob("*.py")
                 if "migrations" not in p.parts and "demo" not in p.parts[-2:-1]]
        files += list((ROOT / "asn_xblocks" / "demo").glob("*.py"))
    else:
        files = list((ROOT / "static" / "js").glob("*.js"))
        files += list((ROOT / "static" / "js" / "src").glob("*/*.js"))  # the bundles' modules
    return sorted(str(p.relative_to(ROOT)) for p in files)


def run(cmd: list[str]) -> None:
    subprocess.run(cmd, cwd=ROOT, check=True)


def extract() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        pot = Path(tmp) / "text.pot"
        common = ["xgettext", "--from-code=UTF-8", "--add-location=file", "--sort-by-file",
                  "--no-wrap", "--package-name=asn-xblocks", "-o", str(pot)]
        run(common + ["--language=Python"] + [f"--keyword={k}" for k in PY_KEYWORDS] + sources("py"))
        run(common + ["--join-existing", "--language=JavaScript"]
            + [f"--keyword={k}" for k in JS_KEYWORDS] + sources("js"))
        text = pot.read_text(encoding="utf-8").replace("charset=CHARSET", "charset=UTF-8")
        pot.write_text(text, encoding="utf-8")
        for locale in LOCALES:
            po = TRANSLATIONS / locale / "LC_MESSAGES" / "text.po"
            po.parent.mkdir(parents=True, exist_ok=True)
            if locale == "en":
                run(["msgen", "--no-wrap", "-o", str(po), str(pot)])
            elif po.exists():
                run(["msgmerge", "--quiet", "--no-wrap", "--no-fuzzy-matching", "--update",
                     "--backup=none", str(po), str(pot)])
                run(["msgattrib", "--no-wrap", "--no-obsolete", "-o", str(po), str(po)])
            else:
                run(["msginit", "--no-translator", "--no-wrap", f"--locale={locale}",
                     "-i", str(pot), "-o", str(po)])
            fix_header(po, locale)


def fix_header(po: Path, locale: str) -> None:
    text = po.read_text(encoding="utf-8")
    plural = "nplurals=1; plural=0;" if locale == "id" else "nplurals=2; plural=(n != 1);"
    text = re.sub(r'"Plural-Forms: [^"]*\\n"', f'"Plural-Forms: {plural}\\\\n"', text)
    text = text.replace('"Language: \\n"', f'"Language: {locale}\\n"')
    text = re.sub(r'"POT-Creation-Date: [^"]*\\n"\n', "", text)  # keep diffs to real changes
    text = re.sub(r'"PO-Revision-Date: [^"]*\\n"\n', "", text)
    po.write_text(text, encoding="utf-8")


def parse_po(po: Path) -> list[dict]:
    """Entries of a .po file: msgid, msgid_plural, msgstr[n], references, flags."""
    entries, entry, key = [], None, None

    def unquote(s: str) -> str:
        return json.loads(s)

    for line in po.read_text(encoding="utf-8").splitlines() + [""]:
        if not line.strip():
            if entry and "msgid" in entry:
                entries.append(entry)
            entry, key = None, None
            continue
        entry = entry if entry is not None else {"refs": [], "flags": "", "msgstr": {}}
        if line.startswith("#:"):
            entry["refs"].extend(line[2:].split())
        elif line.startswith("#,"):
            entry["flags"] += line[2:]
        elif line.startswith("#"):
            continue
        elif line.startswith("msgid_plural "):
            key = ("msgid_plural", None)
            entry["msgid_plural"] = unquote(line[13:])
        elif line.startswith("msgid "):
            key = ("msgid", None)
            entry["msgid"] = unquote(line[6:])
        elif line.startswith("msgstr["):
            index = int(line[7:line.index("]")])
            key = ("msgstr", index)
            entry["msgstr"][index] = unquote(line[line.index("]") + 2:])
        elif line.startswith("msgstr "):
            key = ("msgstr", 0)
            entry["msgstr"][0] = unquote(line[7:])
        elif line.startswith('"') and key:
            if key[0] == "msgstr":
                entry["msgstr"][key[1]] += unquote(line)
            else:
                entry[key[0]] += unquote(line)
    return entries


def compile_all() -> None:
    for locale in LOCALES:
        po = TRANSLATIONS / locale / "LC_MESSAGES" / "text.po"
        run(["msgfmt", "--check-format", "-o", str(po.with_suffix(".mo")), str(po)])
        out = JS_OUT / locale
        if out.exists():
            for old in out.glob("*.js"):
                old.unlink()
        if locale == "en":
            continue  # the source language needs no catalogue
        entries = parse_po(po)
        for bundle, files in JS_BUNDLES.items():
            write_js(locale, bundle, [e for e in entries if any(in_bundle(ref, files) for ref in e["refs"])])
    empty = JS_OUT / "en"
    if empty.exists() and not any(empty.iterdir()):
        empty.rmdir()


def in_bundle(ref: str, scripts: list[str]) -> bool:
    """Whether the source file ``ref`` (a catalogue reference) is one of ``scripts`` or a
    module of one (``static/js/src/<name>/NN-x.js`` of ``static/js/<name>.js``)."""
    for script in scripts:
        folder = script[:-len(".js")].replace("static/js/", "static/js/src/", 1) + "/"
        if ref == script or (ref.startswith(folder) and "/" not in ref[len(folder):]):
            return True
    return False


def write_js(locale: str, bundle: str, entries: list[dict]) -> None:
    catalog = {}
    for entry in entries:
        if not entry["msgid"] or "fuzzy" in entry["flags"]:
            continue
        if "msgid_plural" in entry:
            forms = [entry["msgstr"][i] for i in sorted(entry["msgstr"])]
            if all(forms):
                catalog[entry["msgid"]] = forms
        elif entry["msgstr"].get(0):
            catalog[entry["msgid"]] = entry["msgstr"][0]
    plural = "0" if locale == "id" else "(n != 1)"
    body = json.dumps(catalog, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    out = JS_OUT / locale / f"{bundle}.js"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(
        "/* Generated by scripts/i18n.py compile from translations/" + locale
        + "/LC_MESSAGES/text.po: do not edit. */\n"
        "(function (g) {\n  \"use strict\";\n"
        f"  var ns = g.{NAMESPACE} = g.{NAMESPACE} || {{catalog: {{}}}};\n"
        f"  var add = {body};\n"
        "  Object.keys(add).forEach(function (k) { ns.catalog[k] = add[k]; });\n"
        f"  ns.pluralidx = function (n) {{ var v = {plural}; return typeof v === \"boolean\" ? (v ? 1 : 0) : v; }};\n"
        "  ns.gettext = function (s) { var v = ns.catalog[s]; return v === undefined ? s :"
        " (typeof v === \"string\" ? v : v[0]); };\n"
        "  ns.ngettext = function (s, p, n) { var v = ns.catalog[s]; if (v === undefined) { return n === 1 ? s : p; }"
        " return typeof v === \"string\" ? v : v[Math.min(ns.pluralidx(n), v.length - 1)]; };\n"
        "}(window));\n",
        encoding="utf-8")


def check() -> int:
    """Non-zero when id is incomplete or out of date with the sources."""
    problems = []
    with tempfile.TemporaryDirectory() as tmp:
        snapshot = {}
        for locale in LOCALES:
            po = TRANSLATIONS / locale / "LC_MESSAGES" / "text.po"
            snapshot[locale] = po.read_text(encoding="utf-8") if po.exists() else ""
        try:
            extract()
            for locale in LOCALES:
                po = TRANSLATIONS / locale / "LC_MESSAGES" / "text.po"
                ids_now = {e["msgid"] for e in parse_po(po)}
                old = Path(tmp) / f"{locale}.po"
                old.write_text(snapshot[locale], encoding="utf-8")
                ids_then = {e["msgid"] for e in parse_po(old)}
                if ids_now != ids_then:
                    problems.append(f"{locale}: catalogue out of date with the sources "
                                    f"(missing {sorted(ids_now - ids_then)[:5]}, "
                                    f"stale {sorted(ids_then - ids_now)[:5]})")
        finally:
            for locale in LOCALES:
                po = TRANSLATIONS / locale / "LC_MESSAGES" / "text.po"
                po.write_text(snapshot[locale], encoding="utf-8")
    for entry in parse_po(TRANSLATIONS / "id" / "LC_MESSAGES" / "text.po"):
        if entry["msgid"] and ("fuzzy" in entry["flags"] or not all(entry["msgstr"].values())):
            problems.append(f"id: untranslated or fuzzy: {entry['msgid']!r}")
    for problem in problems:
        print(problem)
    return 1 if problems else 0


if __name__ == "__main__":
    command = sys.argv[1] if len(sys.argv) > 1 else "check"
    if command == "extract":
        extract()
    elif command == "compile":
        compile_all()
    elif command == "check":
        sys.exit(check())
    else:
        sys.exit(f"unknown command {command}")
