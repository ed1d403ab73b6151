"""The built wheel carries static files and catalogues inside the package.

Builds the wheel, installs it (without dependencies) into a clean virtualenv, and from
there loads a JS file through XBlock's ``open_local_resource`` and the ``id`` catalogue
through ``importlib.resources``. XBlock itself is borrowed from the test environment by
appending its site-packages *after* the clean one, and the script checks that
``asn_xblocks`` really came from the clean virtualenv.
"""
import json
import site
import subprocess
import sys
import sysconfig
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]

CHECK = r"""
import gettext, importlib.resources as r, json, sys
import asn_xblocks
from asn_xblocks.case_study.block import CaseStudyBlock
js = CaseStudyBlock.open_local_resource("static/js/asn_common.js").read()
mo = r.files("asn_xblocks") / "translations" / "id" / "LC_MESSAGES" / "text.mo"
with mo.open("rb") as handle:
    catalog = gettext.GNUTranslations(handle)
print(json.dumps({"file": asn_xblocks.__file__, "js": len(js),
                  "has_js_namespace": b"AsnXBlocks" in js,
                  "id_catalog": (r.files("asn_xblocks") / "static" / "js" / "translations" / "id" / "asn_case_study.js").is_file(),
                  "language": catalog.info().get("language")}))
"""


def test_wheel_carries_static_and_translations(tmp_path):
    dist = tmp_path / "dist"
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation",
                    "-q", "-w", str(dist), str(ROOT)], check=True, cwd=tmp_path)
    wheel = next(dist.glob("asn_xblocks-*.whl"))
    import zipfile

    names = zipfile.ZipFile(wheel).namelist()
    assert "asn_xblocks/static/js/asn_common.js" in names
    assert "asn_xblocks/translations/id/LC_MESSAGES/text.mo" in names
    assert "asn_xblocks/review/migrations/0001_initial.py" in names
    assert not any(name.startswith(("tests/", "static/", "translations/")) for name in names)

    env_dir = tmp_path / "clean"
    venv.EnvBuilder(with_pip=True, clear=True).create(env_dir)
    python = env_dir / "bin" / "python"
    subprocess.run([str(python), "-m", "pip", "install", "-q", "--no-deps", "--no-index", str(wheel)],
                   check=True)
    clean_site = subprocess.run([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                                check=True, capture_output=True, text=True).stdout.strip()
    borrowed = sysconfig.get_paths()["purelib"]
    result = subprocess.run([str(python), "-c", f"import sys; sys.path.append({borrowed!r})\n" + CHECK],
                            check=True, capture_output=True, text=True, cwd=tmp_path)
    data = json.loads(result.stdout.strip().splitlines()[-1])
    assert data["file"].startswith(clean_site), data
    assert data["js"] > 1000 and data["has_js_namespace"]
    assert data["id_catalog"]
    assert data["language"] == "id"
    assert site  # the test environment's site module is what we borrowed from
