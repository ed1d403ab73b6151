"""What `python -m build` makes: an sdist, and from that sdist the production wheel.

Builds both without network (``--no-isolation``: setuptools and wheel come from the test
environment), installs the wheel (without dependencies) into a clean virtualenv and, from
there, loads the classes and the app its entry points name, a JS file and its minified copy
through ``open_local_resource``, the ``id`` catalogue through ``importlib.resources`` and the
workbench scenarios through ``workbench_scenarios()``. The installed package is then compared
file by file with the source tree: every module of the package is there and nothing else
(no demo code, no tests), and the minified assets, the catalogues and the scenarios are
byte for byte the source's.

XBlock, Django … are borrowed from the test environment by appending its site-packages
*after* the clean one (appended, so its ``.pth`` files, the editable install's finder among
them, do not run); the script checks that ``asn_xblocks`` really came from the clean
virtualenv.
"""
import hashlib
import json
import shutil
import subprocess
import sys
import sysconfig
import tarfile
import venv
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "asn_xblocks"
TAGS = ("asn_case_study", "asn_change_simulation", "asn_digital_service")
XBLOCKS = {
    "asn_case_study": "asn_xblocks.case_study.block:CaseStudyBlock",
    "asn_change_simulation": "asn_xblocks.simulation.block:ChangeSimulationBlock",
    "asn_digital_service": "asn_xblocks.digital_service.block:DigitalServiceBlock",
}
DJANGOAPP = {"asn_xblocks_review": "asn_xblocks.review.apps:ReviewConfig"}
# Every module of the demo in the source tree (settings, services, middleware, runtime
# patches, seed command, models, gradebook, studio …): none may be importable from the wheel.
DEMO_MODULES = sorted(
    ".".join(path.relative_to(ROOT).with_suffix("").parts).removesuffix(".__init__")
    for path in (PACKAGE / "demo").rglob("*.py"))
# what a clone does not hold (virtualenvs, databases, build output, caches, node packages)
LEFTOVERS = (".git", ".venv", "var", "build", "dist", "*.egg-info", "__pycache__", "*.pyc",
             ".pytest_cache", ".hypothesis", "artifacts", "node_modules")
SCENARIOS = {tag: len(list((PACKAGE / "demo" / "scenarios" / tag).glob("*.xml"))) for tag in TAGS}


def source_modules() -> set[str]:
    """Every module of the package in the source tree (paths relative to the package),
    the demo's aside: all of them, and only them, must be in the wheel."""
    return {str(path.relative_to(PACKAGE)) for path in PACKAGE.rglob("*.py")
            if path.relative_to(PACKAGE).parts[0] != "demo" and "__pycache__" not in path.parts}


def source_files(folder: str) -> dict[str, str]:
    """Path (relative to the package) -> sha256 of every file under ``folder`` in the source."""
    base = PACKAGE / folder
    return {str(base.relative_to(PACKAGE) / path.relative_to(base)):
            hashlib.sha256(path.read_bytes()).hexdigest()
            for path in sorted(base.rglob("*")) if path.is_file()}

CHECK = r"""
import gettext, hashlib, importlib, importlib.metadata as md, importlib.resources as r, importlib.util
import json, sys
from pathlib import Path

clean_site, demo_modules = sys.argv[1], json.loads(sys.argv[2])
import asn_xblocks
from xblock.core import XBlock

def origin(obj):
    return sys.modules[obj.__module__].__file__

# the installed distribution's own entry points (only the clean site-packages is searched:
# the borrowed one holds the editable install's metadata)
[dist] = [d for d in md.distributions(path=[clean_site]) if d.metadata["Name"] == "asn-xblocks"]
groups = {}
for ep in dist.entry_points:
    groups.setdefault(ep.group, {})[ep.name] = ep.value
# ... and as XBlock and the platform's plugin manager load them
blocks = {tag: XBlock.load_class(tag) for tag in sorted(groups.get("xblock.v1", {}))}
apps = [ep.load() for ep in dist.entry_points if ep.group in ("lms.djangoapp", "cms.djangoapp")]

block = blocks["asn_case_study"]
with block.open_local_resource("static/js/asn_common.js") as handle:
    js = handle.read()
with block.open_local_resource("static/min/js/asn_common.js") as handle:
    min_js = handle.read()
mo = r.files("asn_xblocks") / "translations" / "id" / "LC_MESSAGES" / "text.mo"
with mo.open("rb") as handle:
    catalog = gettext.GNUTranslations(handle)

demo = {}  # name -> the file it would run (a directory without code is no module of ours)
for name in demo_modules:
    try:
        spec = importlib.util.find_spec(name)
    except ImportError:  # a missing parent package
        spec = None
    demo[name] = spec.origin if spec is not None else None
package_dir = Path(asn_xblocks.__file__).parent
demo_dir = package_dir / "demo"
installed = {}  # every file of the installed package (compiled caches aside) -> sha256
for path in sorted(package_dir.rglob("*")):
    if path.is_file() and "__pycache__" not in path.parts:
        installed[str(path.relative_to(package_dir))] = hashlib.sha256(path.read_bytes()).hexdigest()

print(json.dumps({
    "file": asn_xblocks.__file__,
    "entry_points": groups,
    "block_files": {tag: origin(cls) for tag, cls in blocks.items()},
    "app_files": [origin(app) for app in apps],
    "app_labels": [app.label for app in apps],
    "js": len(js),
    "min_js": len(min_js),
    "installed": installed,
    "has_js_namespace": b"AsnXBlocks" in js,
    "id_js_catalogue": (r.files("asn_xblocks") / "static" / "js" / "translations" / "id"
                        / "asn_case_study.js").is_file(),
    "language": catalog.info().get("language"),
    "scenarios": {tag: [title for title, _ in cls.workbench_scenarios()] for tag, cls in blocks.items()},
    "demo_importable": demo,
    "demo_files": sorted(str(p.relative_to(demo_dir)) for p in demo_dir.rglob("*") if p.is_file()),
}))
"""


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """`python -m build`: the sdist, then the wheel built from the unpacked sdist.

    From a copy of the working tree without build leftovers: setuptools adds every file an
    old ``*.egg-info/SOURCES.txt`` lists to a new sdist, which would hide a MANIFEST.in gap
    (and the build writes nothing into the checkout)."""
    source = tmp_path_factory.mktemp("source") / "asn-xblocks"
    shutil.copytree(ROOT, source, symlinks=True, ignore=shutil.ignore_patterns(*LEFTOVERS))
    dist = tmp_path_factory.mktemp("dist")
    result = subprocess.run([sys.executable, "-m", "build", "--no-isolation", "--outdir", str(dist),
                             str(source)], capture_output=True, text=True, cwd=dist)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    # build's own account of what it did (its progress lines go to stderr)
    assert "* Building wheel from sdist" in result.stderr, result.stderr[-3000:]
    [sdist] = dist.glob("asn_xblocks-*.tar.gz")
    [wheel] = dist.glob("asn_xblocks-*-py3-none-any.whl")
    return sdist, wheel


def test_sdist_carries_what_setup_py_reads_and_the_demo(built):
    sdist, _ = built
    with tarfile.open(sdist) as archive:
        members = {member.name.split("/", 1)[1]: member for member in archive.getmembers()
                   if "/" in member.name}
    for name in ("setup.py", "pyproject.toml", "LICENSE", "CHANGELOG.md", "README.md",
                 "requirements/base.in", "requirements/demo.in", "requirements/constraints.txt",
                 "asn_xblocks/demo/settings.py", "asn_xblocks/static/js/asn_common.js",
                 "asn_xblocks/translations/id/LC_MESSAGES/text.mo"):
        assert name in members, name
    # the links to ../static and ../translations arrive as real files
    assert not any(member.issym() for member in members.values())


def test_wheel_carries_the_package_and_no_demo_code(built):
    _, wheel = built
    names = zipfile.ZipFile(wheel).namelist()
    for name in ("asn_xblocks/static/js/asn_common.js", "asn_xblocks/static/min/js/asn_common.js",
                 "asn_xblocks/translations/id/LC_MESSAGES/text.mo",
                 "asn_xblocks/review/migrations/0001_initial.py"):
        assert name in names, name
    assert not any(name.startswith(("tests/", "static/", "translations/", "requirements/",
                                    "benchmarks/", "scripts/")) for name in names)
    assert any(name.endswith(".dist-info/licenses/LICENSE") for name in names)
    demo = sorted(name for name in names if name.startswith("asn_xblocks/demo/"))
    # the workbench scenarios only, as data (no __init__.py: not even a package)
    assert demo and all(name.startswith("asn_xblocks/demo/scenarios/") and name.endswith(".xml")
                        for name in demo), demo
    assert len(demo) == sum(SCENARIOS.values())


def test_installed_wheel_works_from_a_clean_virtualenv(built, tmp_path):
    _, wheel = built
    env_dir = tmp_path / "clean"
    venv.EnvBuilder(with_pip=True, clear=True).create(env_dir)
    python = env_dir / "bin" / "python"
    subprocess.run([str(python), "-m", "pip", "install", "-q", "--no-deps", "--no-index", str(wheel)],
                   check=True)
    clean_site = subprocess.run([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                                check=True, capture_output=True, text=True).stdout.strip()
    borrowed = sysconfig.get_paths()["purelib"]
    assert borrowed != clean_site
    result = subprocess.run([str(python), "-c", f"import sys; sys.path.append({borrowed!r})\n" + CHECK,
                             clean_site, json.dumps(DEMO_MODULES)],
                            capture_output=True, text=True, cwd=tmp_path)
    assert result.returncode == 0, result.stderr[-3000:]
    data = json.loads(result.stdout.strip().splitlines()[-1])

    assert data["file"].startswith(clean_site), data["file"]
    assert data["entry_points"] == {"xblock.v1": XBLOCKS, "lms.djangoapp": DJANGOAPP,
                                    "cms.djangoapp": DJANGOAPP}
    assert sorted(data["block_files"]) == sorted(XBLOCKS)
    assert all(path.startswith(clean_site) for path in data["block_files"].values()), data["block_files"]
    assert data["app_labels"] == ["asn_xblocks_review", "asn_xblocks_review"]
    assert all(path.startswith(clean_site) for path in data["app_files"]), data["app_files"]

    assert data["js"] > 1000 and data["has_js_namespace"]
    assert data["id_js_catalogue"]
    assert data["language"] == "id"

    assert {tag: len(titles) for tag, titles in data["scenarios"].items()} == SCENARIOS
    assert all(SCENARIOS.values())
    assert all(title and not title.endswith(".xml")
               for titles in data["scenarios"].values() for title in titles), data["scenarios"]

    # asn_xblocks.demo itself at most resolves to the folder holding the scenarios (a
    # namespace package: no origin, nothing runs); no demo module has a file to import
    assert "asn_xblocks.demo.settings" in data["demo_importable"]
    assert data["demo_importable"] == {name: None for name in DEMO_MODULES}
    assert data["demo_files"] and all(name.startswith("scenarios/") and name.endswith(".xml")
                                      for name in data["demo_files"]), data["demo_files"]

    # the installed package, file by file, against the source tree
    installed = data["installed"]
    modules = {name for name in installed if name.endswith(".py")}
    assert modules == source_modules(), (sorted(source_modules() - modules),
                                          sorted(modules - source_modules()))
    for folder in ("static/min", "translations", "demo/scenarios"):
        expected = source_files(folder)
        assert expected, folder
        got = {name: digest for name, digest in installed.items() if name.startswith(folder + "/")}
        assert got == expected, (folder, sorted(set(expected) ^ set(got)),
                                 sorted(n for n in expected if got.get(n, expected[n]) != expected[n]))
    assert data["min_js"] and data["min_js"] < data["js"]  # the copy the views link, minified
