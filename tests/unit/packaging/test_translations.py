"""The Bahasa Indonesia catalogue is complete and up to date with the sources."""
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]


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
            assert gettext.GNUTranslations(fresh)._catalog == gettext.GNUTranslations(stored)._catalog, locale  # noqa: SLF001
