"""Translations as Open edX loads them: a site's Atlas catalogue first, the package's own
``text`` catalogue otherwise, and the JS catalogue the runtime offers (or the package's own,
one per front-end bundle).

The platform side is ``i18n_service.py`` (files and commits read are named there); the
blocks are built on a small runtime that hands services out as ``ModuleStoreRuntime`` does
(a callable service is called with the block) and mixes a class into each block, as the
LMS's ``XBLOCK_MIXINS`` do.
"""
from __future__ import annotations

import gettext
import json
import shutil
import subprocess
from importlib import metadata, resources
from pathlib import Path

import pytest
from django.utils import translation
from opaque_keys.edx.locator import BlockUsageLocator, CourseLocator
from xblock.core import XBlockMixin
from xblock.fields import ScopeIds
from xblock.runtime import DictKeyValueStore, KvsFieldData, MemoryIdManager, Runtime

from asn_xblocks.case_study.block import CaseStudyBlock
from asn_xblocks.digital_service.block import DigitalServiceBlock
from asn_xblocks.shell.i18n_catalog import JS_NAMESPACE
from asn_xblocks.simulation.block import ChangeSimulationBlock

from .i18n_service import PlatformSite, XBlockI18nServiceLike, installed_xblocks, js_catalog_name

ROOT = Path(__file__).resolve().parents[2]
COURSE = CourseLocator("ASN", "I18N", "2026")
BLOCKS = {"asn_case_study": CaseStudyBlock, "asn_change_simulation": ChangeSimulationBlock,
          "asn_digital_service": DigitalServiceBlock}

# A site's own translations for the package, as Atlas pulls them: deliberately different
# from the package's (Submit → "Kirim", Loading… → "Memuat…", {n} word → "{n} kata").
ATLAS_ID_PO = r'''msgid ""
msgstr ""
"Project-Id-Version: asn-xblocks\n"
"Language: id\n"
"MIME-Version: 1.0\n"
"Content-Type: text/plain; charset=UTF-8\n"
"Content-Transfer-Encoding: 8bit\n"
"Plural-Forms: nplurals=1; plural=0;\n"

msgid "Submit"
msgstr "Ajukan"

msgid "Loading…"
msgstr "Sedang dimuat…"

msgid "{n} word"
msgid_plural "{n} words"
msgstr[0] "{n} patah kata"
'''


class LmsMixinLike(XBlockMixin):
    """Stands for the platform's XBLOCK_MIXINS: the block's class is mixed at load time."""


class UserService:
    def get_current_user(self):
        from xblock.reference.user_service import XBlockUser

        user = XBlockUser(is_current_user=True, full_name="learner")
        user.opt_attrs.update({"edx-platform.anonymous_user_id": "anon-learner",
                               "edx-platform.username": "learner",
                               "edx-platform.user_is_staff": False})
        return user


class LmsLikeRuntime(Runtime):
    def __init__(self, services):
        ids = MemoryIdManager()
        super().__init__(ids, ids, mixins=(LmsMixinLike,),
                         services={**services, "field-data": KvsFieldData(DictKeyValueStore())})

    def service(self, block, service_name):
        service = super().service(block, service_name)
        return service(block) if callable(service) else service

    def handler_url(self, block, handler_name, suffix="", query="", thirdparty=False):
        return f"/courses/{COURSE}/xblock/{block.scope_ids.usage_id}/handler/{handler_name}"

    def local_resource_url(self, block, uri):
        return f"/static/xblock/resources/asn_xblocks/{uri}"

    def resource_url(self, resource):
        return f"/static/{resource}"

    def publish(self, block, event_type, event_data):
        pass


@pytest.fixture
def lms(tmp_path):
    """An LMS's REPO_ROOT and STATICI18N_ROOT, empty until a test pulls and compiles."""
    return PlatformSite(repo_root=tmp_path / "edx-platform", statici18n_root=tmp_path / "lms-static")


def make_block(lms: PlatformSite, tag: str = "asn_case_study"):
    runtime = LmsLikeRuntime({"i18n": lms.i18n_service(), "user": UserService()})
    usage = BlockUsageLocator(COURSE, tag, "b1")
    cls = runtime.load_block_type(tag)
    return runtime.construct_xblock_from_class(cls, ScopeIds("learner", tag, usage, usage))


def js_urls(fragment) -> list[str]:
    return [r.data for r in fragment.resources if r.kind == "url" and r.mimetype == "application/javascript"]


def run_js(files: list[Path], expression: str):
    """Load ``files`` as classic scripts into one browser-like global, then evaluate."""
    node = shutil.which("node")
    if not node:
        pytest.skip("node is not installed")
    driver = (
        "const vm = require('vm'), fs = require('fs');"
        "const ctx = vm.createContext({console});"
        "vm.runInContext('var window = this;', ctx);"
        "for (const f of JSON.parse(process.argv[1])) vm.runInContext(fs.readFileSync(f, 'utf8'), ctx, {filename: f});"
        "process.stdout.write(JSON.stringify(vm.runInContext(process.argv[2], ctx)));"
    )
    out = subprocess.run([node, "-e", driver, json.dumps([str(f) for f in files]), expression],
                         capture_output=True, text=True, check=True, timeout=60)
    return json.loads(out.stdout)


def package_catalogue(locale: str) -> gettext.GNUTranslations:
    path = resources.files("asn_xblocks") / "translations" / locale / "LC_MESSAGES" / "text.mo"
    with path.open("rb") as handle:
        return gettext.GNUTranslations(handle)


# --- the Python strings -------------------------------------------------------------------
def test_the_package_catalogue_says_kirim():
    """The string the tests below follow, read from the package's own catalogue."""
    assert package_catalogue("id").gettext("Submit") == "Kirim"
    assert package_catalogue("id").gettext("Loading…") == "Memuat…"


@pytest.mark.django_db
def test_without_atlas_the_packages_text_catalogue_is_used(lms):
    block = make_block(lms)
    with translation.override("id"):
        service = block.runtime.service(block, "i18n")
        assert isinstance(service, XBlockI18nServiceLike)
        assert service.domain == "text"
        assert Path(service.locale_dir) == Path(str(resources.files("asn_xblocks") / "translations"))
        assert block.gettext("Submit") == "Kirim"
        assert block.ngettext("{n} word", "{n} words", 3) == "{n} kata"
        html = block.student_view().content
    assert "Memuat…" in html
    with translation.override("en"):
        assert block.gettext("Submit") == "Submit"


@pytest.mark.django_db
def test_an_atlas_catalogue_wins_over_the_packages_own(lms):
    lms.atlas_pull({"asn_xblocks": {"id": ATLAS_ID_PO}})
    lms.compile_xblock_translations()
    assert (lms.xblock_locale_root / "asn_xblocks/id/LC_MESSAGES/django.mo").is_file()
    block = make_block(lms)
    with translation.override("id"):
        service = block.runtime.service(block, "i18n")
        assert (service.domain, Path(service.locale_dir)) == ("django", lms.xblock_locale_root / "asn_xblocks")
        assert block.gettext("Submit") == "Ajukan"
        assert block.ngettext("{n} word", "{n} words", 3) == "{n} patah kata"
        html = block.student_view().content
    assert "Sedang dimuat…" in html and "Memuat…" not in html


@pytest.mark.django_db
def test_an_atlas_folder_without_the_language_is_not_completed_by_the_package(lms):
    """The platform's rule, pinned: once a site has an Atlas folder for the package, a
    language it lacks falls back to Django's catalogue, not to the package's ``text.mo``."""
    lms.atlas_pull({"asn_xblocks": {"fr": ATLAS_ID_PO.replace("Language: id", "Language: fr")}})
    lms.compile_xblock_translations()
    block = make_block(lms)
    with translation.override("id"):
        service = block.runtime.service(block, "i18n")
        assert service.domain == "django"
        assert service.translator is translation
        assert block.gettext("Attempts used: {used} of {limit}") == "Attempts used: {used} of {limit}"


def test_the_module_name_comes_from_the_class_before_the_runtimes_mixins(lms):
    block = make_block(lms)
    assert type(block) is not CaseStudyBlock and block.unmixed_class is CaseStudyBlock
    assert not type(block).__module__.startswith("asn_xblocks")  # what the mixed class says
    assert XBlockI18nServiceLike(block, site=lms).get_python_locale(block)[1].endswith("translations")


# --- the JavaScript catalogue ---------------------------------------------------------------
@pytest.mark.django_db
def test_the_views_link_the_js_catalogue_the_service_offers(lms):
    lms.atlas_pull({"asn_xblocks": {"id": ATLAS_ID_PO}})
    written = lms.compile_xblock_translations()
    assert written and {p.relative_to(lms.statici18n_root).as_posix() for p in written} == \
        {js_catalog_name("asn_xblocks", "id")}
    for tag in BLOCKS:
        block = make_block(lms, tag)
        with translation.override("id"):
            url = block.runtime.service(block, "i18n").get_javascript_i18n_catalog_url(block)
            assert url == "/static/js/xblock.v1-i18n/asn_xblocks/id.js"
            urls = js_urls(block.student_view())
        assert urls[0] == url, urls  # before asn_common.js and the block's script (the desk's holds both)
        assert not any("/js/translations/" in u for u in urls), urls  # no bundled catalogue then


@pytest.mark.django_db
def test_the_platform_js_catalogue_defines_the_global_the_blocks_read(lms):
    lms.atlas_pull({"asn_xblocks": {"id": ATLAS_ID_PO}})
    (catalogue,) = set(lms.compile_xblock_translations())  # written once per block class
    assert f"global.{JS_NAMESPACE} = {JS_NAMESPACE}" in catalogue.read_text(encoding="utf-8")
    result = run_js([catalogue, ROOT / "static/js/asn_common.js"],
                    'var A = window.AsnXBlocks; [A.gettext("Submit"), A.ngettext("{n} word", "{n} words", 2),'
                    ' A.gettext("not in any catalogue")]')
    assert result == ["Ajukan", "{n} patah kata", "not in any catalogue"]


@pytest.mark.django_db
def test_without_a_catalogue_url_the_bundles_catalogues_are_linked(lms):
    lms.atlas_pull({})  # Atlas has nothing for the package: no JS catalogue is compiled
    assert lms.compile_xblock_translations() == []
    for tag in BLOCKS:  # each learner view links its own bundle's catalogue only
        block = make_block(lms, tag)
        with translation.override("id"):
            assert block.runtime.service(block, "i18n").get_javascript_i18n_catalog_url(block) is None
            urls = js_urls(block.student_view())
        prefix = "/static/xblock/resources/asn_xblocks/static/min/js/"
        if tag == "asn_digital_service":  # one script: its catalogue, asn_common.js and the desk's
            assert urls == [f"{prefix}i18n/id/digital_service.js"], urls
            continue
        catalogue = f"{prefix}translations/id/{tag}.js"
        assert [u for u in urls if "/translations/" in u] == [catalogue], urls
        assert urls[0] == catalogue, urls
    result = run_js([ROOT / "static/js/translations/id/asn_case_study.js", ROOT / "static/js/asn_common.js"],
                    'var A = window.AsnXBlocks; [A.gettext("Submit"), A.ngettext("{n} word", "{n} words", 2)]')
    assert result == ["Kirim", "{n} kata"]


def test_several_bundles_catalogues_on_one_page_all_translate():
    """A unit with two kinds of block, or a block with its staff panel and editor, loads
    several catalogues (and may load one twice): each keeps its own global, so every
    bundle's strings stay translated, and a string no catalogue has stays as it is."""
    folder = ROOT / "static/min/js/translations/id"
    scripts = [folder / "asn_case_study.js", folder / "staff.js", ROOT / "static/min/js/asn_common.js",
               folder / "studio.js", folder / "asn_case_study.js"]
    result = run_js(scripts, 'var A = window.AsnXBlocks; [A.gettext("Draft saved"), '
                    'A.gettext("Back to the queue"), A.gettext("Edit HTML"), A.gettext("not in any catalogue")]')
    assert result == ["Draf tersimpan", "Kembali ke antrean", "Sunting HTML", "not in any catalogue"]
    # a service desk's script holds its catalogue and its own asn_common.js: after another
    # block's, that copy returns at once and the desk's strings translate with the others
    desk = ROOT / "static/min/js/i18n/id/digital_service.js"
    for order in (scripts + [desk], [desk] + scripts):
        result = run_js(order, 'var A = window.AsnXBlocks; [A.gettext("Process the request"), '
                        'A.gettext("Back to the queue"), typeof window.AsnDigitalService, typeof A.desk]')
        assert result == ["Proses permohonan", "Kembali ke antrean", "function", "object"], order


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["en", "fr"])
def test_no_catalogue_is_linked_where_the_package_has_none(lms, language):
    block = make_block(lms)
    with translation.override(language):
        urls = js_urls(block.student_view())
    assert not any("translations" in u for u in urls), urls


# --- what compile_xblock_translations and the service need from the package ----------------
def test_the_command_finds_the_blocks_under_the_packages_module_name():
    """``XBlock.load_classes()`` over the ``xblock.v1`` entry points: the three blocks, one
    module name (the Atlas folder ``asn_xblocks``), one JS namespace for all three."""
    ours = {cls for module, cls in installed_xblocks() if module == "asn_xblocks"}
    assert ours == set(BLOCKS.values())
    assert {cls.get_i18n_js_namespace() for cls in ours} == {JS_NAMESPACE}
    points = {ep.name: ep.value for ep in metadata.entry_points(group="xblock.v1")}
    assert {name: points.get(name) for name in BLOCKS} == {
        tag: f"{cls.__module__}:{cls.__name__}" for tag, cls in BLOCKS.items()}


def test_the_installed_package_carries_the_catalogues_the_service_falls_back_to():
    """``<package>/translations/<locale>/LC_MESSAGES/text.mo`` for every locale with a .po,
    loadable as the platform loads it (``gettext.translation('text', dir, [locale])``)."""
    folder = resources.files("asn_xblocks") / "translations"
    assert folder.is_dir()
    locales = sorted(p.name for p in (ROOT / "translations").iterdir()
                     if (p / "LC_MESSAGES" / "text.po").is_file())
    assert "id" in locales
    with resources.as_file(folder) as path:
        for locale in locales:
            assert (Path(path) / locale / "LC_MESSAGES" / "text.mo").is_file(), locale
            gettext.translation("text", str(path), [locale])  # raises OSError if unusable
    assert not (Path(str(folder)) / "id" / "LC_MESSAGES" / "django.mo").exists()  # that name is Atlas's


def test_atlas_leaves_an_empty_folder_and_the_command_writes_nothing(lms):
    lms.atlas_pull({})
    assert (lms.xblock_locale_root / "asn_xblocks").is_dir()
    assert lms.compile_xblock_translations() == []
    assert not (lms.statici18n_root / "js" / "xblock.v1-i18n").exists()
