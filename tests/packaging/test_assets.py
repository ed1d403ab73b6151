"""The browser gets minified copies (static/min/), current with their sources, with every
translatable string intact — single files copied one to one, and bundles joined from their
modules (static/js/src/<bundle>/) in name order; the views link them (the readable sources
when debugging); XBlock's file-safety rules still hold."""
import importlib.util
import re
import subprocess
import sys
from pathlib import Path

import pytest
from xblock.exceptions import DisallowedFileError

from asn_xblocks.case_study.block import CaseStudyBlock
from asn_xblocks.digital_service.block import DigitalServiceBlock
from asn_xblocks.shell import assets
from asn_xblocks.shell.base import AsnBlock
from asn_xblocks.simulation.block import ChangeSimulationBlock

ROOT = Path(__file__).resolve().parents[2]
_spec = importlib.util.spec_from_file_location("asset_script", ROOT / "scripts" / "assets.py")
script = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(script)

SOURCES = [str(p.relative_to(ROOT)) for p in script.sources()]
BUNDLES = {name: [str(p.relative_to(ROOT)) for p in modules] for name, modules in script.bundles().items()}
MODULES = [module for modules in BUNDLES.values() for module in modules]
# the first argument(s) of _("..."), gettext("...") and ngettext("...", "...")
MSGID = re.compile(r'''(?:\b_|gettext|ngettext)\(\s*"((?:[^"\\]|\\.)*)"(?:\s*,\s*"((?:[^"\\]|\\.)*)")?''')


def test_sources_cover_every_script_stylesheet_and_catalogue():
    assert "static/js/asn_common.js" in SOURCES and "static/css/asn.css" in SOURCES
    assert "static/js/translations/id/asn_digital_service.js" in SOURCES
    assert not any(s.startswith("static/min/") for s in SOURCES)
    assert not any(s.startswith("static/js/src/") for s in SOURCES)


def test_bundles_are_joined_from_their_modules_in_name_order():
    assert {"staff", "studio"} <= set(BUNDLES)
    for name, modules in BUNDLES.items():
        assert modules and modules == sorted(modules), name
        assert all(m.startswith(f"static/js/src/{name}/") for m in modules)
        assert not (ROOT / f"static/js/{name}.js").exists()  # one source of truth per bundle
    studio = script.joined([ROOT / m for m in BUNDLES["studio"]])
    assert studio.index("S = A.studio = {}") < studio.index("S.Editor = Editor") < studio.index("AsnStudioInit")


@pytest.mark.parametrize("path", MODULES + [s for s in SOURCES if s.endswith(".js") and "/translations/" not in s])
def test_no_hand_written_script_is_over_450_lines(path):
    """A module of one concern stays readable; a longer script is split into a bundle."""
    assert len((ROOT / path).read_text(encoding="utf-8").splitlines()) <= 450


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
    monkeypatch.setattr(script, "BUNDLES", static / "js" / "src")
    monkeypatch.setattr(script, "ROOT", tmp_path)
    assert script.stale() == ["static/min/js/a.js"]
    script.build()
    assert script.stale() == []
    assert (static / "min" / "js" / "a.js").read_text(encoding="utf-8") == "var a=1;\n"
    (static / "js" / "a.js").write_text("var a = 2;\n", encoding="utf-8")
    assert script.stale() == ["static/min/js/a.js"]
    (static / "min" / "js" / "gone.js").write_text("x", encoding="utf-8")
    assert "static/min/js/gone.js (no source)" in script.stale()


def test_check_reports_a_stale_bundle(tmp_path, monkeypatch):
    static = tmp_path / "static"
    modules = static / "js" / "src" / "b"
    modules.mkdir(parents=True)
    (modules / "20-second.js").write_text("var second = 2; /* two */\n", encoding="utf-8")
    (modules / "10-first.js").write_text("// one\nvar first = 1;\n", encoding="utf-8")
    monkeypatch.setattr(script, "STATIC", static)
    monkeypatch.setattr(script, "MIN", static / "min")
    monkeypatch.setattr(script, "BUNDLES", static / "js" / "src")
    monkeypatch.setattr(script, "ROOT", tmp_path)
    assert script.stale() == ["static/min/js/b.js"]
    script.build()
    assert script.stale() == []
    assert (static / "min" / "js" / "b.js").read_text(encoding="utf-8") == "var first=1;var second=2;\n"
    assert not (static / "min" / "js" / "src").exists()  # modules are not copied one by one
    (modules / "20-second.js").write_text("var second = 3;\n", encoding="utf-8")
    assert script.stale() == ["static/min/js/b.js"]
    script.build()
    (modules / "30-third.js").write_text("var third = 3;\n", encoding="utf-8")
    assert script.stale() == ["static/min/js/b.js"]
    (modules / "30-third.js").unlink()
    (static / "js" / "b.js").write_text("var b = 0;\n", encoding="utf-8")
    with pytest.raises(SystemExit, match="keep one"):
        script.stale()


@pytest.mark.parametrize("source", SOURCES)
def test_each_copy_is_smaller_and_without_comments(source):
    raw = (ROOT / source).read_bytes()
    served = CaseStudyBlock.open_local_resource(assets.served(source)).read()
    assert len(served) < len(raw)
    assert b"\n/*" not in served and b"\n  //" not in served


@pytest.mark.parametrize("name", sorted(BUNDLES))
def test_each_bundle_is_smaller_than_its_modules_and_without_comments(name):
    raw = sum(len((ROOT / m).read_bytes()) for m in BUNDLES[name])
    served = CaseStudyBlock.open_local_resource(assets.served(f"static/js/{name}.js")).read()
    assert len(served) < raw
    assert b"\n/*" not in served and b"\n  //" not in served


@pytest.mark.parametrize("source", [s for s in SOURCES if s.endswith(".js") and "/translations/" not in s]
                         + [f"static/js/{name}.js" for name in sorted(BUNDLES)])
def test_translatable_strings_survive_minification(source):
    """The catalogues are keyed by the source strings: minifying (and joining a bundle's
    modules) must not alter one."""
    modules = BUNDLES.get(source[len("static/js/"):-len(".js")], [source])
    text = "".join((ROOT / m).read_text(encoding="utf-8") for m in modules)
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
    assert assets.served("static/js/studio.js") == "static/min/js/studio.js"
    assert assets.served_all("static/js/studio.js") == ["static/min/js/studio.js"]
    assert assets.served_all("static/css/asn.css") == ["static/min/css/asn.css"]
    settings.ASN_XBLOCKS_DEBUG_ASSETS = True
    assert assets.served("static/js/asn_common.js") == "static/js/asn_common.js"
    assert assets.served_all("static/js/asn_common.js") == ["static/js/asn_common.js"]
    # a bundle has no single readable file: its modules, in the order the build joins them
    assert assets.served_all("static/js/staff.js") == BUNDLES["staff"]
    assert assets.served_all("static/js/studio.js") == BUNDLES["studio"]
    assert assets.served("static/js/studio.js") == "static/min/js/studio.js"


def _view_scripts() -> list[str]:
    paths = list(AsnBlock.STAFF_BUNDLE[2]) + list(AsnBlock.STUDIO_BUNDLE[2]) + ["static/js/asn_common.js"]
    return paths + [block.js_file for block in (CaseStudyBlock, DigitalServiceBlock, ChangeSimulationBlock)]


@pytest.mark.parametrize("debug", [False, True])
def test_every_script_a_view_names_is_a_file_the_runtime_can_open(settings, debug):
    """The workbench's and the LMS's resource handlers open what a view links with the
    block's open_local_resource (the LMS's static collection copies the same files)."""
    settings.ASN_XBLOCKS_DEBUG_ASSETS = debug
    linked = [path for name in _view_scripts() for path in assets.served_all(name)]
    if debug:  # the bundles' modules one by one
        assert len(linked) > len(_view_scripts())
    else:
        assert len(linked) == len(_view_scripts())
    for path in linked:
        with CaseStudyBlock.open_local_resource(path) as handle:
            assert handle.read(1), path


def test_bundle_modules_name_no_bundle_for_other_paths():
    assert assets.bundle_modules("static/js/asn_common.js") == ()
    assert assets.bundle_modules("static/js/src/studio.js") == ()
    assert assets.bundle_modules("static/css/studio.js") == ()
    assert assets.bundle_modules("static/js/translations/id/studio.js") == ()


@pytest.mark.parametrize("uri", ["static/../setup.py", "asn_xblocks/shell/base.py",
                                 "static/js/.hidden.js", "static\\js\\asn_common.js",
                                 "public/js/asn_common.js"])
def test_files_outside_static_are_refused(uri):
    with pytest.raises(DisallowedFileError):
        CaseStudyBlock.open_local_resource(uri)
