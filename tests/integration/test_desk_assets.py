"""What a service desk's learner view links (DigitalServiceBlock.bundles): a desk of requests
only links the desk's own script and stylesheet and nothing of the records; a desk with
records links the records' bundle, built as the desk's part and the records' joined
(shell/assets.py EXTENDS), instead of the desk's, so each file of the desk comes once; both
begin with asn_common.js and asn.css (INCLUDES_COMMON), so a learner's desk links one script
and one stylesheet."""
import pytest
from django.utils import translation

from .desk_fixtures import PERFECT_RECORDS, desk_xml, file_record, records_xml

DESK_JS, DESK_CSS = "static/min/js/digital_service.js", "static/min/css/digital_service.css"
RECORDS_JS, RECORDS_CSS = "static/min/js/digital_service_records.js", "static/min/css/digital_service_records.css"


def linked(block, language="en", student="learner") -> list[str]:
    """The URLs of every script and stylesheet the learner view's fragment lists."""
    with translation.override(language):
        fragment = block.xblock(student).student_view({})
    return [r.data for r in fragment.resources if r.kind == "url"]


def names(urls, path) -> list[str]:
    return [url for url in urls if url.endswith("/" + path)]


def test_a_desk_of_requests_links_nothing_of_the_records(make_block):
    urls = linked(make_block(desk_xml()))
    assert len(names(urls, DESK_JS)) == 1 and len(names(urls, DESK_CSS)) == 1
    assert not [url for url in urls if "record" in url], urls


def test_a_desk_with_records_links_the_records_bundle_instead_of_the_desks(make_block):
    urls = linked(make_block(records_xml()))
    assert len(names(urls, RECORDS_JS)) == 1 and len(names(urls, RECORDS_CSS)) == 1
    assert not names(urls, DESK_JS) and not names(urls, DESK_CSS), urls
    # asn.css and asn_common.js are built into both (shell/assets.py INCLUDES_COMMON)
    assert [url.split("/static/min/", 1)[1] for url in urls] == ["css/digital_service_records.css",
                                                                 "js/digital_service_records.js"], urls


@pytest.mark.parametrize("view", ["student_view", "studio_view"])
def test_beside_other_bundles_the_shared_files_come_first_on_their_own(make_block, view):
    """The desk's staff view and Studio add bundles that do not hold asn_common.js and
    asn.css: those are linked on their own, ahead of every bundle (the desk's copy of
    asn_common.js then returns at once; its copy of asn.css repeats rules that the staff
    and editor stylesheets, linked after it, still override)."""
    block = make_block(records_xml()).xblock("staff")
    with translation.override("en"):
        fragment = getattr(block, view)({})
    urls = [r.data.split("/static/min/", 1)[1] for r in fragment.resources if r.kind == "url"]
    assert urls[:2] == ["css/asn.css", "js/asn_common.js"], urls
    assert urls.count("css/asn.css") == 1 and urls.count("js/asn_common.js") == 1
    assert "js/digital_service_records.js" in urls and "css/staff.css" in urls
    assert urls.index("css/digital_service_records.css") < urls.index("css/staff.css")


def test_a_finished_attempt_with_records_keeps_the_records_bundle_after_they_are_removed(make_block):
    """A finished attempt is shown on the content it was taken on: a learner who filed
    records still gets the records' bundle after the author leaves only requests; a learner
    who never started gets the desk's own."""
    block = make_block(records_xml())
    for record_id in ("kA", "kB"):
        status, data = block.act(file_record(record_id, PERFECT_RECORDS[record_id]), student="filer")
        assert status == 200, data
    assert data["view"]["finished"] and data["view"]["archive"]
    status, data = block.call("studio_save", {"olx": desk_xml()}, student="staff")
    assert status == 200, data
    assert block.state("filer")["view"]["archive"]  # still shown as taken
    filer, newcomer = linked(block, student="filer"), linked(block, student="newcomer")
    assert names(filer, RECORDS_JS) and not names(filer, DESK_JS)
    assert block.state("newcomer")["view"]["archive"] is None
    assert names(newcomer, DESK_JS) and not names(newcomer, RECORDS_JS)


@pytest.mark.parametrize("xml, bundle", [(desk_xml, "digital_service"), (records_xml, "digital_service_records")])
def test_in_indonesian_each_desk_links_its_script_joined_with_its_catalogue(make_block, xml, bundle):
    """The package's catalogue of the desk's bundle comes in the one file that holds the
    bundle's script after it (shell/assets.py WITH_CATALOGUE), never beside it."""
    urls = linked(make_block(xml()), "id")
    assert not [url for url in urls if "/translations/" in url], urls
    scripts = [url.split("/static/min/", 1)[1] for url in urls if url.endswith(".js")]
    assert scripts == [f"js/i18n/id/{bundle}.js"], urls  # asn_common.js inside it, after the catalogue


def test_a_runtime_with_its_own_catalogue_gets_the_desks_plain_script(make_block, monkeypatch):
    """Where the runtime offers its catalogue (the LMS, from a site's Atlas translations),
    the view links it and the bundle's script alone, as every block does."""
    from asn_xblocks.digital_service.block import DigitalServiceBlock
    from asn_xblocks.shell.i18n_catalog import load_catalog

    class Service:  # XBlockI18nService's interface, with a site's compiled catalogue
        def gettext(self, message):
            return load_catalog("id").gettext(message)

        def ngettext(self, singular, plural, number):
            return load_catalog("id").ngettext(singular, plural, number)

        def get_javascript_i18n_catalog_url(self, block):
            return ATLAS

    block = make_block(desk_xml()).xblock("learner")
    monkeypatch.setattr(DigitalServiceBlock, "_i18n", lambda self: Service())
    with translation.override("id"):
        urls = [r.data for r in block.student_view({}).resources if r.kind == "url"]
    assert urls[0] == ATLAS
    assert len(names(urls, DESK_JS)) == 1 and not [url for url in urls if "/i18n/id/" in url], urls


ATLAS = "/static/js/xblock.v1-i18n/asn_xblocks/id.js"


def test_the_joined_bundle_holds_the_desks_modules_and_the_records(make_block):
    """Both built copies are current (tests/packaging/test_assets.py); the records' one
    starts with the desk's modules and carries the records' parts."""
    from asn_xblocks.shell.base import AsnBlock

    def text(path):
        with AsnBlock.open_local_resource(path) as handle:
            return handle.read().decode("utf-8")

    desk, records = text(DESK_JS), text(RECORDS_JS)
    assert "desk.recordForm" not in desk and "codePicker=" not in desk
    assert "recordForm=" in records and "codePicker=" in records and "AsnDigitalService" in records
    assert text(DESK_CSS).rstrip("\n") in text(RECORDS_CSS) and ".asn-code-search" not in text(DESK_CSS)
