"""The Bahasa Indonesia catalogue is complete and up to date with the sources, and the
compiled catalogues (.mo, and the JS catalogue django-statici18n compiles) with it."""
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_catalogue_is_complete_and_current():
    """…and the check only reads the repository's .po files (it extracts into copies): the
    JS catalogue test beside it compiles those files at the same time."""
    po_files = sorted((ROOT / "translations").rglob("*.po")) + sorted(
        (ROOT / "asn_xblocks" / "conf" / "locale").rglob("*.po"))
    before = {po: po.stat().st_mtime_ns for po in po_files}
    result = subprocess.run([sys.executable, "scripts/i18n.py", "check"], cwd=ROOT,
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert len(before) == 4 and {po: po.stat().st_mtime_ns for po in po_files} == before


def test_compiled_files_match_the_po_files(tmp_path):
    """The committed .mo files are what `make compile_translations` makes."""
    import gettext

    for locale in ("en", "id"):
        po = ROOT / "translations" / locale / "LC_MESSAGES" / "text.po"
        mo = tmp_path / f"{locale}.mo"
        subprocess.run(["msgfmt", "-o", str(mo), str(po)], check=True)
        committed = ROOT / "translations" / locale / "LC_MESSAGES" / "text.mo"
        with mo.open("rb") as fresh, committed.open("rb") as stored:
            assert gettext.GNUTranslations(fresh)._catalog == gettext.GNUTranslations(stored)._catalog, locale


def _js_catalogue(bundle: str, locale: str = "id") -> dict:
    """The messages of a bundle's JS catalogue (Django's catalogue object, as JSON)."""
    import json
    import re

    text = (ROOT / "static" / "js" / "translations" / locale / f"{bundle}.js").read_text(encoding="utf-8")
    return json.loads(re.search(r"const newcatalog = (\{.*?\n  \});\n", text, re.S).group(1))


def _msgids(paths: list[Path]) -> set[str]:
    import json
    import re

    pattern = re.compile(r'''(?:\b_|gettext)\(\s*("(?:[^"\\]|\\.)*")''')
    return {json.loads(m.group(1)) for p in paths for m in pattern.finditer(p.read_text(encoding="utf-8"))}


BUNDLES = ["asn_case_study", "asn_change_simulation", "asn_digital_service", "asn_digital_service_records", "staff",
           "studio"]


def test_the_js_catalogues_are_what_compilejsi18n_makes_of_the_po_files():
    code = ("import sys; sys.path.insert(0, 'scripts'); import i18n; "
            "print('\\n'.join(i18n.stale_js_catalogues()))")
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "", result.stdout
    names = sorted(p.relative_to(ROOT / "static" / "js" / "translations").as_posix()
                   for p in (ROOT / "static" / "js" / "translations").rglob("*"))
    # one catalogue per front-end bundle, none for English (the source language)
    assert names == ["id"] + [f"id/{bundle}.js" for bundle in BUNDLES]


def test_each_bundle_catalogue_holds_its_strings_in_its_own_global():
    """Extraction reads the bundles' modules (static/js/src/<bundle>/); a bundle's catalogue
    holds the strings of its scripts and of asn_common.js, which every view loads, and no
    other bundle's, in a global of its own (compilejsi18n replaces a global of the same
    name, so two catalogues on one page must not share one)."""
    js = ROOT / "static" / "js"
    common = _msgids([js / "asn_common.js"])
    studio = _msgids(sorted((js / "src" / "studio").glob("*.js")))
    staff = _msgids(sorted((js / "src" / "staff").glob("*.js")) + [js / "analytics.js"])
    desk = _msgids(sorted((js / "src" / "digital_service").glob("*.js")))
    assert "Edit HTML" in studio and "Back to the queue" in staff and "Draft saved" in common
    assert studio | common == set(_js_catalogue("studio"))
    assert staff | common == set(_js_catalogue("staff"))
    assert desk | common == set(_js_catalogue("asn_digital_service"))
    assert "Edit HTML" not in _js_catalogue("asn_case_study")
    assert _js_catalogue("asn_case_study")["Draft saved"] == "Draf tersimpan"
    for bundle in BUNDLES:
        text = (js / "translations" / "id" / f"{bundle}.js").read_text(encoding="utf-8")
        assert f"global.AsnXBlocksI18n_{bundle} = AsnXBlocksI18n_{bundle}" in text
        assert "Unknown action." not in _js_catalogue(bundle)  # a handler's message


def test_the_english_sources_follow_the_ecosystems_split():
    """asn_xblocks/conf/locale/en/LC_MESSAGES holds what makemessages extracts, where and as
    edx-i18n-tools leaves it and openedx-translations collects it: django.po (the Python's
    strings) and djangojs.po (the JavaScript's), which together are the package's text.po,
    and djangojs.po is what the JS catalogues translate."""
    import polib

    sources = ROOT / "asn_xblocks" / "conf" / "locale" / "en" / "LC_MESSAGES"
    python, javascript = ({e.msgid for e in polib.pofile(str(sources / name))}
                          for name in ("django.po", "djangojs.po"))
    text = {e.msgid for e in polib.pofile(str(ROOT / "translations" / "en" / "LC_MESSAGES" / "text.po"))}
    assert python | javascript == text
    assert javascript == set().union(*(_js_catalogue(bundle) for bundle in BUNDLES))
    assert "Unknown action." in python - javascript and "Edit HTML" in javascript - python


def test_the_browser_reads_every_bundles_catalogue():
    """asn_common.js's gettext looks in each bundle's global by name: a bundle whose
    catalogue it does not name would show English."""
    common = (ROOT / "static" / "js" / "asn_common.js").read_text(encoding="utf-8")
    for bundle in BUNDLES:
        assert f'"AsnXBlocksI18n_{bundle}"' in common, bundle
