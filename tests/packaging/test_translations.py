"""The Bahasa Indonesia catalogue is complete and up to date with the sources."""
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_catalogue_is_complete_and_current():
    result = subprocess.run([sys.executable, "scripts/i18n.py", "check"], cwd=ROOT,
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_compiled_files_match_the_po_files(tmp_path):
    """The committed .mo and JS catalogues are what `make compile_translations` makes."""
    import gettext

    for locale in ("en", "id"):
        po = ROOT / "translations" / locale / "LC_MESSAGES" / "text.po"
        mo = tmp_path / f"{locale}.mo"
        subprocess.run(["msgfmt", "-o", str(mo), str(po)], check=True)
        committed = ROOT / "translations" / locale / "LC_MESSAGES" / "text.mo"
        with mo.open("rb") as fresh, committed.open("rb") as stored:
            assert gettext.GNUTranslations(fresh)._catalog == gettext.GNUTranslations(stored)._catalog, locale


def _bundle_catalogue(bundle: str) -> dict:
    import json
    import re

    text = (ROOT / "static" / "js" / "translations" / "id" / f"{bundle}.js").read_text(encoding="utf-8")
    return json.loads(re.search(r"var add = (\{.*\});\n", text).group(1))


def _msgids(paths: list[Path]) -> set[str]:
    import json
    import re

    pattern = re.compile(r'''(?:\b_|gettext)\(\s*("(?:[^"\\]|\\.)*")''')
    return {json.loads(m.group(1)) for p in paths for m in pattern.finditer(p.read_text(encoding="utf-8"))}


def test_each_bundle_catalogue_holds_the_strings_of_its_modules():
    """Extraction reads a bundle's modules (static/js/src/<bundle>/), and each bundle's
    catalogue keeps only what that bundle's scripts use."""
    modules = ROOT / "static" / "js" / "src"
    studio = _msgids(sorted((modules / "studio").glob("*.js")))
    staff = _msgids(sorted((modules / "staff").glob("*.js")) + [ROOT / "static" / "js" / "analytics.js"])
    assert "Edit HTML" in studio and "Back to the queue" in staff
    assert studio <= set(_bundle_catalogue("studio"))
    assert staff <= set(_bundle_catalogue("staff"))
    assert "Draft saved" not in _bundle_catalogue("studio")  # a learner view's string
    assert "Edit HTML" not in _bundle_catalogue("staff")
