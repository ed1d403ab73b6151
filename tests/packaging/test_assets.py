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
        folders = [name] + ([assets.EXTENDS[name]] if name in assets.EXTENDS else [])
        if name in assets.INCLUDES_COMMON:  # what every block shares, then the bundle's own
            assert modules[0] == "static/js/asn_common.js", name
            modules = modules[1:]
        assert modules and [m.rsplit("/", 1)[1] for m in modules] == sorted(m.rsplit("/", 1)[1] for m in modules), name
        assert all(any(m.startswith(f"static/js/src/{folder}/") for folder in folders) for m in modules)
        assert not (ROOT / f"static/js/{name}.js").exists()  # one source of truth per bundle
        assert tuple(BUNDLES[name]) == assets.bundle_modules(f"static/js/{name}.js")  # built as served
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
    assert (static / "min" / "js" / "b.js").read_text(encoding="utf-8") == "var first=1,second=2;\n"
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
    raw = b"".join((ROOT / path).read_bytes() for path in assets.stylesheets(source))
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
    paths += list(DigitalServiceBlock.RECORDS_BUNDLE[1] + DigitalServiceBlock.RECORDS_BUNDLE[2])
    paths += [assets.with_catalogue("id", bundle) for bundle, catalogue in assets.WITH_CATALOGUE.items()
              if (ROOT / "static/js/translations/id" / f"{catalogue}.js").is_file()]
    return paths + [block.js_file for block in (CaseStudyBlock, DigitalServiceBlock, ChangeSimulationBlock)]


@pytest.mark.parametrize("debug", [False, True])
def test_every_script_a_view_names_is_a_file_the_runtime_can_open(settings, debug):
    """The workbench's and the LMS's resource handlers open what a view links with the
    block's open_local_resource (the LMS's static collection copies the same files)."""
    settings.ASN_XBLOCKS_DEBUG_ASSETS = debug
    linked = [path for name in _view_scripts() for path in assets.served_all(name)]
    if debug:  # the bundles' modules one by one (a joined stylesheet's sources)
        assert len(linked) > len(_view_scripts())
    else:
        assert len(linked) == len(_view_scripts())
    for path in linked:
        with CaseStudyBlock.open_local_resource(path) as handle:
            assert handle.read(1), path


def test_an_extending_bundle_and_stylesheet_carry_what_they_extend(settings):
    """The records' bundle is the desk's modules and its own, in name order; its stylesheet
    the desk's rules, then its own: a desk with records loads one file of each."""
    records, desk = BUNDLES["digital_service_records"], BUNDLES["digital_service"]
    assert set(desk) < set(records) and any("/digital_service_records/" in m for m in records)
    assert records.index(desk[0]) == 0 and records[-1] == desk[-1]  # the kit first, the start last
    built = (ROOT / "static/min/css/digital_service_records.css").read_text(encoding="utf-8")
    assert built.startswith((ROOT / "static/min/css/digital_service.css").read_text(encoding="utf-8").rstrip("\n"))
    assert ".asn-code-search" in built
    settings.ASN_XBLOCKS_DEBUG_ASSETS = True
    assert assets.served_all("static/css/digital_service_records.css") == [
        "static/css/asn.css", "static/css/digital_service.css", "static/css/digital_service_records.css"]
    assert assets.served("static/css/digital_service_records.css") == "static/min/css/digital_service_records.css"
    assert assets.served_all("static/js/digital_service_records.js") == records


@pytest.mark.parametrize("name", sorted(assets.INCLUDES_COMMON))
def test_the_desks_files_begin_with_what_every_block_shares(name, settings):
    """A bundle and stylesheet of INCLUDES_COMMON begin with asn_common.js and asn.css as
    built (their copies with a catalogue: after it), so a view of only such bundles links
    neither on its own; every other file does not."""
    common_script = (ROOT / "static/min/js/asn_common.js").read_text(encoding="utf-8")
    built = (ROOT / f"static/min/js/{name}.js").read_text(encoding="utf-8")
    guard = re.search(r"if\(!\w+\.AsnXBlocks\)", built)
    assert guard and guard.start() < 40 and "AsnXBlocksI18n_asn_case_study" in built  # asn_common.js's
    assert "AsnXBlocksI18n_asn_case_study" not in (ROOT / "static/min/js/case_study.js").read_text(encoding="utf-8")
    assert len(built) > len(common_script)
    css = (ROOT / f"static/min/css/{name}.css").read_text(encoding="utf-8")
    assert css.startswith((ROOT / "static/min/css/asn.css").read_text(encoding="utf-8").rstrip("\n"))
    for path in (f"static/js/{name}.js", f"static/css/{name}.css", assets.with_catalogue("id", name)):
        assert assets.includes_common(path), path
    for path in ("static/js/staff.js", "static/css/staff.css", "static/js/case_study.js", "static/css/asn.css",
                 "static/js/asn_common.js", "static/js/i18n/id/case_study.js", f"static/js/src/{name}.js"):
        assert not assets.includes_common(path), path
    settings.ASN_XBLOCKS_DEBUG_ASSETS = True  # the readable sources, in the order they are joined
    assert assets.served_all(f"static/js/{name}.js")[0] == "static/js/asn_common.js"
    assert assets.served_all(f"static/css/{name}.css")[0] == "static/css/asn.css"


@pytest.mark.parametrize("bundle, catalogue", sorted(assets.WITH_CATALOGUE.items()))
def test_a_bundle_is_built_with_each_of_its_catalogues_ahead_of_it(bundle, catalogue, settings):
    """static/min/js/i18n/<lang>/<bundle>.js: the catalogue's copy, then the bundle's; one
    for each language the catalogue is compiled for, none for another."""
    compiled = sorted(p.parent.name for p in (ROOT / "static/js/translations").glob(f"*/{catalogue}.js"))
    built = sorted(p.parent.name for p in (ROOT / "static/min/js/i18n").glob(f"*/{bundle}.js"))
    assert built == compiled
    for language in built:
        text = (ROOT / "static/min/js/i18n" / language / f"{bundle}.js").read_text(encoding="utf-8")
        alone = (ROOT / f"static/min/js/{bundle}.js").read_text(encoding="utf-8")
        assert text.index(f".AsnXBlocksI18n_{catalogue}=") < text.index("AsnXBlocks.desk")
        assert text.endswith(alone.strip() + "\n") or alone.strip() in text
        assert assets.served(assets.with_catalogue(language, bundle)) == f"static/min/js/i18n/{language}/{bundle}.js"
        settings.ASN_XBLOCKS_DEBUG_ASSETS = True
        assert assets.served_all(assets.with_catalogue(language, bundle)) == [
            f"static/js/translations/{language}/{catalogue}.js", *BUNDLES[bundle]]
        settings.ASN_XBLOCKS_DEBUG_ASSETS = False
    assert assets.joined_sources("static/js/i18n/id/case_study.js") == ()


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


def test_renaming_keeps_every_name_other_scripts_call(tmp_path):
    """terser renames only local names: each built script defines the same globals (the
    initializers the fragments name: AsnCaseStudy, AsnDigitalService, AsnStudioInit...) and
    the same AsnXBlocks members, three levels down, as its readable sources run in turn."""
    import json

    scripts = {s[len("static/js/"):-len(".js")]: [s] for s in SOURCES
               if s.endswith(".js") and "/translations/" not in s and s != "static/js/asn_common.js"}
    scripts.update(BUNDLES)
    probe = tmp_path / "probe.mjs"
    probe.write_text(
        f'import {{load}} from {json.dumps((ROOT / "tests/js/load.mjs").as_uri())};\n'
        f'const scripts = {json.dumps(scripts)};\n'
        'const shape = (o, d) => (d > 3 || !o || (typeof o !== "object" && typeof o !== "function")) ? typeof o\n'
        '  : Object.fromEntries(Object.keys(o).sort().map((k) => [k, shape(o[k], d + 1)]));\n'
        'const names = (w) => shape(Object.fromEntries(Object.keys(w).filter((k) => k.startsWith("Asn"))\n'
        '  .sort().map((k) => [k, w[k]])), 0);\n'
        'const out = {};\n'
        'for (const [name, sources] of Object.entries(scripts)) {\n'
        '  out[name] = [names(load(["static/min/js/asn_common.js", `static/min/js/${name}.js`])),\n'
        '               names(load(["static/js/asn_common.js", ...sources]))];\n'
        '}\n'
        'console.log(JSON.stringify(out));\n', encoding="utf-8")
    out = subprocess.run(["node", str(probe)], capture_output=True, text=True, check=True).stdout
    found = json.loads(out)
    assert set(found) >= {"case_study", "digital_service", "digital_service_records", "simulation", "staff", "studio"}
    for name, (built, readable) in found.items():
        assert built == readable, name
    assert "AsnDigitalService" in found["digital_service_records"][0]
    assert "desk" in found["digital_service_records"][0]["AsnXBlocks"]


def test_only_names_nothing_else_can_reach_are_renamed_on_a_context():
    """The desk's modules meet on ``D``: a property set there is renamed only when the
    bundle names it nowhere else (no string, object key, other object) and asn_common.js
    not at all."""
    text = ('D.alone = 1; D.twice = function () { return D.alone; }; D.quoted = 2; x["quoted"];\n'
            'D.keyed = 3; f({keyed: 1}); D.other = 4; view.other; D.common = 5; D.x == 1; E.y = 1;\n')
    assert script.context_names(text, "D", "A.common = 1;") == ["alone", "twice"]
    built = script.minify_scripts({"a.js": ("(function(){var D={};" + text + "g(D);})();",
                                            script.context_names(text, "D", ""))})["a.js"]
    assert "alone" not in built and "twice" not in built and "quoted:2" in built and ".keyed=3" in built
    names = script.context_names(script.joined([ROOT / m for m in BUNDLES["digital_service_records"]]), "D",
                                 (ROOT / "static/js/asn_common.js").read_text(encoding="utf-8"))
    assert "renderDesk" in names and "render" not in names and "recordForm" not in names  # desk[part](D)
