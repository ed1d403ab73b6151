"""Translation catalogues: extract, merge, compile (``make extract_translations`` /
``make compile_translations``), with the tools the Open edX XBlocks use.

* extract: Django's ``makemessages`` (the extractor behind edx-i18n-tools' ``i18n_tool
  extract``): domain ``django`` over the package's Python (``-e py``), domain ``djangojs``
  over the JavaScript (``static/js/*.js`` and the bundles' modules ``static/js/src/<bundle>/``),
  joined with ``msgcat`` as the ecosystem's ``extract_translations`` targets join
  ``django-partial.po`` and ``djangojs-partial.po``, then merged into each locale's
  ``translations/<locale>/LC_MESSAGES/text.po`` (``en`` is the source: msgstr = msgid).
  Django's command knows ``_``/``gettext``/``ngettext`` but not the package's ``N_`` marker
  (a no-op that marks a message for a later ``gettext``), so it runs with that keyword added,
  the way Django documents extending it (a subclass's ``xgettext_options``).
  The two extracted files stay as ``asn_xblocks/conf/locale/en/LC_MESSAGES/django.po`` and
  ``djangojs.po``: the English sources where and as edx-i18n-tools leaves them, which is
  where openedx-translations collects a module's sources for Atlas
  (``<module>/conf/locale/en/LC_MESSAGES/``).
* compile: ``text.mo`` per locale (what the runtime's i18n service reads), and the
  JavaScript catalogue with django-statici18n's ``compilejsi18n``: Django's own JavaScript
  catalogue of the strings the JavaScript uses, wrapped in the blocks' ``i18n_js_namespace``
  (``AsnXBlocksI18n``), written to ``static/js/translations/<locale>/text.js`` (``make
  compile_translations`` then minifies it into ``static/min`` with the other assets). English,
  the source language, needs none.

One catalogue per front-end bundle, each under its own namespace: a learner downloads the
strings of the view in front of them (their block's, and the shared ``asn_common.js``'s),
not the staff panel's or the editor's. Measured on the Indonesian catalogues as the browser
gets them (compilejsi18n's output, minified, ``gzip -9``): one ``text.js`` of every string
would be 9,036 bytes; per bundle, 2,681 for the case study's learner view, 2,468 for the
simulation's, 3,697 for the service desk's, 3,676 for the staff panel and 2,483 for the
editor, so a learner of one kind of block saves 5.3 to 6.6 KB on a weak network. compilejsi18n
writes a namespaced catalogue as a new global object, replacing one of the same name, so
each bundle's has its own name (``AsnXBlocksI18n_<bundle>``); ``asn_common.js``'s
``gettext`` reads the platform's catalogue (``AsnXBlocksI18n``, which the platform compiles
for the blocks' ``i18n_js_namespace`` from a site's Atlas catalogue, every string in one file)
first, then each bundle's.

The service desk has two learner catalogues: ``asn_digital_service`` for a desk of requests
only and ``asn_digital_service_records``, every string of the desk and of its records'
bundle, for a desk with records (digital_service/block.py loads one or the other, never both,
and builds it ahead of the desk's script in one file: shell/assets.py WITH_CATALOGUE). Each
compiled catalogue is written without the parts of Django's JS runtime the blocks never call
(:func:`slim_runtime`). Measured as above: 2,388 bytes for a desk of requests (3,711 before
the records' strings and the unused runtime went), 3,162 for a desk with records.
"""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TRANSLATIONS = ROOT / "translations"
JS_OUT = ROOT / "static" / "js" / "translations"
LOCALES = ["en", "id"]
JS_LOCALES = [locale for locale in LOCALES if locale != "en"]  # the source language needs none
DOMAIN = "text"  # the package's catalogue: translations/<locale>/LC_MESSAGES/text.mo
# English sources as edx-i18n-tools leaves them (django.po: Python, djangojs.po: JavaScript)
# for openedx-translations, which collects <module>/conf/locale/en/LC_MESSAGES/*.po
SOURCE_FOLDER = ROOT / "asn_xblocks" / "conf" / "locale" / "en" / "LC_MESSAGES"
NAMESPACE = "AsnXBlocksI18n"  # the blocks' i18n_js_namespace (shell/i18n_catalog.py)
JS_SOURCES = ["static/js/*", "static/js/src/*/*"]  # references of the JavaScript's strings
# The front-end bundles as the views load them (shell/base.py ``bundles``: a block's learner
# view, the staff panel, the editor; digital_service/block.py: a desk with records) and the
# sources whose strings each one shows; every view also loads asn_common.js, so every
# bundle's catalogue has its strings.
BUNDLES = {
    "asn_case_study": ["static/js/src/case_study/*"],
    "asn_change_simulation": ["static/js/simulation.js"],
    "asn_digital_service": ["static/js/src/digital_service/*"],
    # a desk with records loads this catalogue instead of the one above (the desk's strings
    # and the records' bundle's: one copy of Django's JS i18n runtime per page)
    "asn_digital_service_records": ["static/js/src/digital_service/*", "static/js/src/digital_service_records/*"],
    "staff": ["static/js/src/staff/*", "static/js/analytics.js"],
    "studio": ["static/js/src/studio/*"],
}
COMMON_JS = ["static/js/asn_common.js"]
# what makemessages walks (links in a scratch folder, so its references read as they always
# have: asn_xblocks/…, static/js/…), and what it must skip there
SOURCE_TREES = ["asn_xblocks", "static"]
IGNORE = ["asn_xblocks/static", "asn_xblocks/translations", "migrations", "static/min",
          "static/js/translations", "static/css", "__pycache__"]
EXTRA_KEYWORDS = ["--keyword=N_"]


def run(cmd: list[str], cwd: Path = ROOT) -> None:
    subprocess.run(cmd, cwd=cwd, check=True)


def django_setup(locale_paths: list[str]) -> None:
    """A minimal Django for the two management commands (no project settings needed)."""
    import django
    from django.conf import settings

    if not settings.configured:
        settings.configure(
            INSTALLED_APPS=["statici18n"], USE_I18N=True, LANGUAGE_CODE="en",
            LANGUAGES=[(code, code) for code in LOCALES], LOCALE_PATHS=locale_paths,
            STATICI18N_DOMAIN=DOMAIN, STATICI18N_NAMESPACE=NAMESPACE)
        django.setup()
    else:
        settings.LOCALE_PATHS = locale_paths


def makemessages(domain: str, work: Path) -> Path:
    """Django's ``makemessages -l en -d <domain>`` over the package's sources, into ``work``;
    returns the extracted .po (msgstr empty)."""
    from django.core.management import call_command
    from django.core.management.commands import makemessages as base

    class Command(base.Command):
        xgettext_options = base.Command.xgettext_options + EXTRA_KEYWORDS

    tree = work / "tree"
    if not tree.exists():
        tree.mkdir()
        for name in SOURCE_TREES:
            (tree / name).symlink_to(ROOT / name)
    locale = work / "locale"
    locale.mkdir(exist_ok=True)
    django_setup([str(locale)])
    here = os.getcwd()
    os.chdir(tree)
    try:
        call_command(Command(), locale=["en"], domain=domain, symlinks=True, ignore_patterns=IGNORE,
                     extensions=["py"] if domain == "django" else ["js"], no_wrap=True,
                     add_location="file", no_obsolete=True, verbosity=0)
    finally:
        os.chdir(here)
    return locale / "en" / "LC_MESSAGES" / f"{domain}.po"


def extract(translations: Path = TRANSLATIONS, sources: Path = SOURCE_FOLDER) -> None:
    """The sources' messages into the .po files under ``translations`` (each locale's
    ``text.po``, merged) and ``sources`` (what openedx-translations collects)."""
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        python, javascript = makemessages("django", work), makemessages("djangojs", work)
        pot = work / "text.pot"
        run(["msgcat", "--no-wrap", "--sort-by-file", "-o", str(pot),
             str(python), str(javascript)])
        for extracted in (python, javascript):  # the source files openedx-translations collects
            source = sources / extracted.name
            source.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(extracted, source)
            fix_header(source, "en")
        for locale in LOCALES:
            po = translations / locale / "LC_MESSAGES" / "text.po"
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
    text = re.sub(r'"Language: [^"]*\\n"', f'"Language: {locale}\\\\n"', text)
    text = text.replace("Project-Id-Version: PACKAGE VERSION", "Project-Id-Version: asn-xblocks")
    text = text.replace("license as the PACKAGE package", "license as the asn-xblocks package")
    text = re.sub(r'"(POT-Creation|PO-Revision)-Date: [^"]*\\n"\n', "", text)  # diffs show real changes
    po.write_text(text, encoding="utf-8")


def compile_all() -> None:
    """``text.mo`` per locale, then the JS catalogues."""
    for locale in LOCALES:
        po = TRANSLATIONS / locale / "LC_MESSAGES" / "text.po"
        run(["msgfmt", "--check-format", "-o", str(po.with_suffix(".mo")), str(po)])
    shutil.rmtree(JS_OUT, ignore_errors=True)
    compile_js(JS_OUT)


def compile_js(out: Path) -> None:
    """``compilejsi18n`` per locale and bundle over a scratch ``text`` catalogue that holds
    only the entries the bundle's JavaScript uses, under the bundle's namespace, written to
    ``<out>/<locale>/<bundle>.js`` (compilejsi18n names its output after the domain)."""
    from django.core.management import call_command

    with tempfile.TemporaryDirectory() as tmp:
        django_setup([str(Path(tmp) / bundle) for bundle in BUNDLES])
        for bundle, sources in BUNDLES.items():
            for locale in JS_LOCALES:
                folder = Path(tmp) / bundle / locale / "LC_MESSAGES"
                folder.mkdir(parents=True)
                subset = folder / f"{DOMAIN}.po"
                run(["msggrep", "--no-wrap", *[f"--location={glob}" for glob in COMMON_JS + sources],
                     "-o", str(subset), str(TRANSLATIONS / locale / "LC_MESSAGES" / "text.po")])
                run(["msgfmt", "--check-format", "-o", str(subset.with_suffix(".mo")), str(subset)])
        for bundle in BUNDLES:
            for locale in JS_LOCALES:
                scratch = Path(tmp) / "out" / bundle
                _compile_one(call_command, Path(tmp) / bundle, locale, bundle, scratch)
                target = out / locale / f"{bundle}.js"
                target.parent.mkdir(parents=True, exist_ok=True)
                compiled = scratch / locale / f"{DOMAIN}.js"
                target.write_text(slim_runtime(compiled.read_text(encoding="utf-8")), encoding="utf-8")


# What Django's JavaScript catalogue defines that the blocks never call: asn_common.js reads
# only a catalogue's ``gettext`` and ``ngettext`` (which use ``catalog`` and ``pluralidx``).
UNUSED_RUNTIME = ("gettext_noop", "pgettext", "npgettext", "interpolate", "get_format")


def slim_runtime(text: str) -> str:
    """A compiled catalogue without the parts of Django's JS i18n runtime the blocks never
    call: ``gettext_noop``, ``pgettext``, ``npgettext``, ``interpolate`` and the formats
    (``django.formats``, a language's date and number formats, and ``get_format``). Each
    namespaced catalogue carries its own copy of the runtime and the page loads only the
    catalogue of its bundle, so this is paid per view: 552 of the service desk's 3,121 gzip
    bytes in Indonesian (measured on the minified copy, ``gzip -9``). The platform's own
    catalogue (``AsnXBlocksI18n``, from an Atlas catalogue) is not built here and keeps
    everything. Fails loudly when Django's template no longer has the expected shape."""
    start = text.find("    django.gettext_noop = ")
    end = text.find("    /* add to global namespace */")
    if start < 0 or end < start:
        raise SystemExit("compilejsi18n's catalogue changed shape: update slim_runtime")
    text = text[:start] + text[end:]
    for name in UNUSED_RUNTIME:
        line = f"    globals.{name} = django.{name};\n"
        if line not in text:
            raise SystemExit(f"compilejsi18n's catalogue changed shape ({name}): update slim_runtime")
        text = text.replace(line, "")
    return text


def js_namespace(bundle: str) -> str:
    """The global a bundle's catalogue defines (shell/i18n_catalog.py names it the same)."""
    return f"{NAMESPACE}_{bundle}"


def _compile_one(call_command, locale_path: Path, locale: str, bundle: str, out: Path) -> None:
    """One catalogue: Django's JavaScript catalogue reads ``text`` from ``locale_path`` only
    (LOCALE_PATHS is set per call; it builds a new translation object on each call)."""
    from django.conf import settings

    settings.LOCALE_PATHS = [str(locale_path)]
    call_command("compilejsi18n", locale=locale, domain=DOMAIN, namespace=js_namespace(bundle),
                 outputdir=str(out), verbosity=0)


def stale_js_catalogues() -> list[str]:
    """The committed JS catalogues that differ from what ``compile`` makes of the .po files."""
    with tempfile.TemporaryDirectory() as tmp:
        compile_js(Path(tmp))
        fresh = {p.relative_to(tmp).as_posix(): p.read_bytes() for p in Path(tmp).rglob("*.js")}
    committed = {p.relative_to(JS_OUT).as_posix(): p.read_bytes() for p in JS_OUT.rglob("*.js")}
    return sorted(name for name in fresh.keys() | committed.keys()
                  if fresh.get(name) != committed.get(name))


def po_entries(po: Path) -> list[dict]:
    """msgid, whether translated (every form), fuzzy: what the check needs of a .po file."""
    import polib

    return [{"msgid": e.msgid, "translated": e.translated(), "fuzzy": "fuzzy" in e.flags}
            for e in polib.pofile(str(po), wrapwidth=0) if not e.obsolete]


def check() -> int:
    """Non-zero when id is incomplete, a catalogue is out of date with the sources, or a JS
    catalogue with its .po file."""
    problems = []
    # extracted into copies: the repository's files are only read (tests run this beside
    # others that compile the same .po files)
    with tempfile.TemporaryDirectory() as tmp:
        copies = Path(tmp) / "translations", Path(tmp) / "sources"
        pairs = [(TRANSLATIONS / locale / "LC_MESSAGES" / "text.po",
                  copies[0] / locale / "LC_MESSAGES" / "text.po") for locale in LOCALES]
        pairs += [(SOURCE_FOLDER / name, copies[1] / name) for name in ("django.po", "djangojs.po")]
        for committed, copy in pairs:
            copy.parent.mkdir(parents=True, exist_ok=True)
            if committed.exists():
                shutil.copyfile(committed, copy)
        extract(*copies)
        for committed, copy in pairs:
            ids_now = {e["msgid"] for e in po_entries(copy)}
            ids_then = {e["msgid"] for e in po_entries(committed)} if committed.exists() else set()
            if ids_now != ids_then:
                problems.append(f"{committed.relative_to(ROOT)}: out of date with the sources "
                                f"(missing {sorted(ids_now - ids_then)[:5]}, "
                                f"stale {sorted(ids_then - ids_now)[:5]})")
    for entry in po_entries(TRANSLATIONS / "id" / "LC_MESSAGES" / "text.po"):
        if entry["fuzzy"] or not entry["translated"]:
            problems.append(f"id: untranslated or fuzzy: {entry['msgid']!r}")
    for name in stale_js_catalogues():
        problems.append(f"static/js/translations/{name}: not what `make compile_translations` "
                        "makes of the .po files")
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
