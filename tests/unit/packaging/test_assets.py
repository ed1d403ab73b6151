"""Static files are served minified, keep every translatable string intact, and keep
XBlock's file-safety rules."""
import re
from pathlib import Path

import pytest
from xblock.exceptions import DisallowedFileError

from asn_xblocks.case_study.block import CaseStudyBlock
from asn_xblocks.digital_service.block import DigitalServiceBlock
from asn_xblocks.shell import assets

ROOT = Path(__file__).resolve().parents[3]
FILES = sorted(str(p.relative_to(ROOT)) for p in (ROOT / "static").rglob("*")
               if p.suffix in (".js", ".css"))
# the first argument of _("..."), gettext("...") and ngettext("...", "...")
MSGID = re.compile(r'''(?:\b_|gettext|ngettext)\(\s*"((?:[^"\\]|\\.)*)"(?:\s*,\s*"((?:[^"\\]|\\.)*)")?''')


def test_there_are_files_to_serve():
    assert "static/js/asn_common.js" in FILES and "static/css/asn.css" in FILES
    assert any(f.startswith("static/js/translations/id/") for f in FILES)


@pytest.mark.parametrize("uri", FILES)
def test_each_file_is_served_smaller_and_without_comments(uri):
    raw = (ROOT / uri).read_bytes()
    served = CaseStudyBlock.open_local_resource(uri).read()
    assert len(served) < len(raw)
    assert b"\n/*" not in served and b"\n  //" not in served


@pytest.mark.parametrize("uri", [f for f in FILES if f.endswith(".js") and "/translations/" not in f])
def test_translatable_strings_survive_minification(uri):
    """The catalogues are keyed by the source strings: minifying must not alter one."""
    source = (ROOT / uri).read_text(encoding="utf-8")
    served = assets.minify(uri, source.encode("utf-8")).decode("utf-8")
    code = re.sub(r"^\s*//.*$", "", re.sub(r"/\*.*?\*/", "", source, flags=re.S), flags=re.M)
    found = [text for match in MSGID.finditer(code) for text in match.groups() if text]
    assert found
    for text in found:
        assert f'"{text}"' in served, text


def test_catalogue_strings_survive_minification():
    uri = "static/js/translations/id/asn_digital_service.js"
    source = (ROOT / uri).read_text(encoding="utf-8")
    served = DigitalServiceBlock.open_local_resource(uri).read().decode("utf-8")
    assert '"Draf tersimpan"' in source and '"Draf tersimpan"' in served
    assert "AsnXBlocksI18n" in served


def test_setting_off_serves_the_file_as_written(settings):
    settings.ASN_XBLOCKS_MINIFY_ASSETS = False
    uri = "static/js/digital_service.js"
    assert DigitalServiceBlock.open_local_resource(uri).read() == (ROOT / uri).read_bytes()


@pytest.mark.parametrize("uri", ["static/../setup.py", "asn_xblocks/shell/base.py",
                                 "static/js/.hidden.js", "static\\js\\asn_common.js",
                                 "public/js/asn_common.js"])
def test_files_outside_static_are_refused(uri):
    with pytest.raises(DisallowedFileError):
        CaseStudyBlock.open_local_resource(uri)
