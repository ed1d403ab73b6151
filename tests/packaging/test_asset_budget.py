"""A service desk's learner downloads at most 15,000 gzip bytes of the package's files: the
scripts, stylesheets and JS catalogue its learner view's fragment lists (the runtime's own
jQuery and runtime scripts are not the package's), each compressed on its own with
``gzip -9`` as a server sends it, in English and in Bahasa Indonesia (whose catalogue
comes on top; each file holds asn_common.js or asn.css too: shell/assets.py INCLUDES_COMMON).
A desk of requests only and a desk with records are measured apart, each
from the files its own fragment lists: a records bundle that leaks into a desk of requests
counts there, and a desk with records whose bundle is missing fails here."""
import gzip
import re
from pathlib import Path

import pytest
from django.utils import translation

from asn_xblocks.shell.base import AsnBlock

BUDGET = 15_000  # gzip -9 bytes per learner view
SCENARIOS = Path(__file__).resolve().parents[2] / "asn_xblocks" / "demo" / "scenarios" / "asn_digital_service"
# the demo's desks: requests only (the largest), and records with requests (the most code)
DESKS = {"requests only": "01_izin_usaha_mikro.xml", "with records": "13_records_desk_en.xml"}


@pytest.fixture
def desk(db):
    from workbench.runtime_util import reset_global_state
    from workbench.scenarios import SCENARIOS as WORKBENCH
    from workbench.scenarios import add_xml_scenario

    reset_global_state()
    made = {}

    def make(kind: str):
        if kind not in made:
            name = f"budget.{len(made)}"
            add_xml_scenario(name, name, (SCENARIOS / DESKS[kind]).read_text(encoding="utf-8"))
            made[kind] = WORKBENCH[name].usage_id
        return made[kind]

    return make


def learner_files(usage_id: str, language: str) -> dict[str, bytes]:
    """The package files the learner view's fragment lists, by package path."""
    from workbench.runtime import WorkbenchRuntime

    with translation.override(language):
        fragment = WorkbenchRuntime("budget-learner").get_block(usage_id).student_view({})
    files = {}
    for resource in fragment.resources:
        if resource.kind != "url":
            assert resource.mimetype not in ("application/javascript", "text/css"), resource
            continue
        prefix = "/resource/asn_digital_service/"
        assert resource.data.startswith(prefix), resource.data  # only the package's files
        path = resource.data[len(prefix):]
        with AsnBlock.open_local_resource(path) as handle:
            files[path] = handle.read()
    return files


def gzip_bytes(files: dict[str, bytes]) -> int:
    return sum(len(gzip.compress(data, 9)) for data in files.values())


def measured(desk, kind: str, language: str) -> tuple[int, str]:
    files = learner_files(desk(kind), language)
    listing = ", ".join(f"{path} {len(gzip.compress(data, 9)):,}" for path, data in files.items())
    return gzip_bytes(files), f"{kind} desk, '{language}': {gzip_bytes(files):,} B gzip ({listing})"


@pytest.mark.parametrize("language", ["en", "id"])
def test_a_desk_of_requests_stays_within_the_budget(desk, language):
    size, detail = measured(desk, "requests only", language)
    assert size <= BUDGET, detail


@pytest.mark.parametrize("language", ["en", "id"])
def test_a_desk_with_records_stays_within_the_budget(desk, language):
    size, detail = measured(desk, "with records", language)
    assert size <= BUDGET, detail


@pytest.mark.parametrize("language", ["en", "id"])
def test_the_budget_counts_what_the_fragment_lists(desk, language):
    """The measure above is of the right files: the records' bundle only where there are
    records, the desk's own otherwise, and in Indonesian the one catalogue of the bundle;
    one script and one stylesheet each, asn_common.js and asn.css built into them
    (shell/assets.py INCLUDES_COMMON), not listed again on their own."""
    plain, records = learner_files(desk("requests only"), language), learner_files(desk("with records"), language)
    # in Indonesian the bundle's catalogue comes ahead of its script, in one file
    folder = "static/min/js/" if language == "en" else f"static/min/js/i18n/{language}/"
    assert [list(files) for files in (plain, records)] == [
        ["static/min/css/digital_service.css", f"{folder}digital_service.js"],
        ["static/min/css/digital_service_records.css", f"{folder}digital_service_records.js"]]
    common_script = AsnBlock.open_local_resource("static/min/js/asn_common.js").read().rstrip(b"\n")
    common_rules = AsnBlock.open_local_resource("static/min/css/asn.css").read().rstrip(b"\n")
    for files in (plain, records):  # what the listing leaves out is in the files it lists
        css, js = files.values()
        assert css.startswith(common_rules)
        assert re.search(rb"if\(!\w+\.AsnXBlocks\)", js[:js.index(b"AsnXBlocks.desk")])  # asn_common.js's guard
    assert gzip_bytes(records) > gzip_bytes(plain) > len(gzip.compress(common_script, 9))


def test_a_slimmed_catalogue_still_translates(tmp_path):
    """scripts/i18n.py writes each compiled catalogue without the parts of Django's JS runtime
    the blocks never call; what asn_common.js calls (gettext, ngettext with the language's
    plural rule) still works, and compilejsi18n's output of another shape stops the build."""
    import importlib.util
    import json
    import subprocess

    root = Path(__file__).resolve().parents[2]
    spec = importlib.util.spec_from_file_location("i18n_script", root / "scripts" / "i18n.py")
    script = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(script)
    compiled = (root / "static/js/translations/id/asn_case_study.js").read_text(encoding="utf-8")
    # the committed catalogue as compilejsi18n wrote it, or as `compile` slimmed it since
    slim = script.slim_runtime(compiled) if "django.pgettext" in compiled else compiled
    assert "pgettext" not in slim and "django.formats" not in slim and "get_format" not in slim
    assert "const newcatalog = {" in slim and "django.ngettext = " in slim
    (tmp_path / "catalogue.js").write_text(slim, encoding="utf-8")
    probe = tmp_path / "probe.mjs"
    probe.write_text(
        'import {readFileSync} from "node:fs"; import vm from "node:vm";\n'
        'const w = {document: {documentElement: {lang: "id"}, cookie: ""}, setTimeout, clearTimeout};\n'
        'w.window = w; vm.createContext(w);\n'
        f'for (const p of [{json.dumps(str(root / "static/js/asn_common.js"))}, '
        f'{json.dumps(str(tmp_path / "catalogue.js"))}]) vm.runInContext(readFileSync(p, "utf-8"), w);\n'
        'const A = w.AsnXBlocks;\n'
        'console.log(JSON.stringify([A.gettext("Draft saved"), A.gettext("no such text"),\n'
        '  A.ngettext("{n} word", "{n} words", 2)]));\n', encoding="utf-8")
    out = subprocess.run(["node", str(probe)], capture_output=True, text=True, check=True).stdout
    draft, missing, plural = json.loads(out)
    assert (draft, missing, plural) == ("Draf tersimpan", "no such text", "{n} kata")
    with pytest.raises(SystemExit, match="changed shape"):
        script.slim_runtime(slim)  # nothing left to take out: not the shape it knows
