"""The browser gets minified copies (static/min/), current with their sources, with every
translatable string intact; the views link them; XBlock's file-safety rules still hold."""
import importlib.util
import re
import subprocess
import sys
from pathlib import Path

import pytest
from xblock.exceptions import DisallowedFileError

from asn_xblocks.case_study.block import CaseStudyBlock
from asn_xblocks.shell import assets

ROOT = Path(__file__).resolve().parents[3]
_spec = importlib.util.spec_from_file_location("asset_script", ROOT / "scripts" / "assets.py")
script = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(script)

SOURCES = [str(p.relative_to(ROOT)) for p in script.sources()]
# the first argument(s) of _("..."), gettext("...") and ngettext("...", "...")
MSGID = re.compile(r'''(?:\b_|gettext|ngettext)\(\s*"((?:[^"\\]|\\.)*)"(?:\s*,\s*"((?:[^"\\]|\\.)*)")?''')


def test_sources_cover_every_script_stylesheet_and_catalogue():
    assert "static/js/asn_common.js" in SOURCES and "static/css/asn.css" in SOURCES
    assert "static/js/translations/id/asn_digital_service.js" in SOURCES
    assert not any(s.startswith("static/min/") for s in SOURCES)


def test_minified_copies_are_current():
    result = subprocess.run([sys.executable, "scripts/assets.py", "check"], cwd=ROOT,
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_check_reports_a_stale_copy(tmp_path, monkeypatch):
    static = tmp_path / "static"
    (static / "js").mkdir(parents=True)
    (static / "js" / "a.js").write_text("/* note */\nvar a = 1;\n", encoding="utf-8")
    monkeypatch.setattr(script, "STATIC", static)
    monkeypatch.setattr(script, "MIN", static / "min")
    monkeypatch.setattr(script, "ROOT", tmp_path)
    assert script.stale() == ["static/min/js/a.js"]
    script.build()
    assert script.stale() == []
    assert (static / "min" / "js" / "a.js").read_text(encoding="utf-8") == "var a=1;\n"
    (static / "js" / "a.js").write_text("var a = 2;\n", encoding="utf-8")
    assert script.stale() == ["static/min/js/a.js"]
    (static / "min" / "js" / "gone.js").write_text("x", encoding="utf-8")
    assert "static/min/js/gone.js (no source)" in script.stale()


@pytest.mark.parametrize("source", SOURCES)
def test_each_copy_is_smaller_and_without_comments(source):
    raw = (ROOT / source).read_bytes()
    served = CaseStudyBlock.open_local_resource(assets.served(source)).read()
    assert len(served) < len(raw)
    assert b"\n/*" not in served and b"\n  //" not in served


@pytest.mark.parametrize("source", [s for s in SOURCES if s.endswith(".js") and "/translations/" not in s])
def test_translatable_strings_survive_minification(source):
    """The catalogues are keyed by the source strings: minifying must not alter one."""
    text = (ROOT / source).read_text(encoding="utf-8")
    served = (ROOT / assets.served(source)).read_text(encoding="utf-8")
    code = re.sub(r"^\s*//.*$", "", re.sub(r"/\*.*?\*/", "", text, flags=re.S), flags=re.M)
    found = [msgid for match in MSGID.finditer(code) for msgid in match.groups() if msgid]
    assert found
    for msgid in found:
        assert f'"{msgid}"' in served, msgid


def test_catalogue_copy_keeps_the_translations():
    served = (ROOT / "static/min/js/translations/id/asn_digital_service.js").read_text(encoding="utf-8")
    assert '"Draft saved":"Draf tersimpan"' in served and "AsnXBlocksI18n" in served


def test_views_link_the_copies_unless_debugging(settings):
    assert assets.served("static/js/asn_common.js") == "static/min/js/asn_common.js"
    assert assets.served("static/min/js/asn_common.js") == "static/min/js/asn_common.js"
    settings.ASN_XBLOCKS_DEBUG_ASSETS = True
    assert assets.served("static/js/asn_common.js") == "static/js/asn_common.js"


@pytest.mark.parametrize("uri", ["static/../setup.py", "asn_xblocks/shell/base.py",
                                 "static/js/.hidden.js", "static\\js\\asn_common.js",
                                 "public/js/asn_common.js"])
def test_files_outside_static_are_refused(uri):
    with pytest.raises(DisallowedFileError):
        CaseStudyBlock.open_local_resource(uri)
