"""The pure layer stays pure: ``asn_xblocks/core/`` and each block's modules other than
``block.py`` import without XBlock, Django, WebOb or web-fragments.

Each module is imported in a fresh interpreter where a ``sys.meta_path`` finder refuses those
four packages (and anything under them); the finder also records every attempt, so a module
that catches the ImportError and carries on is caught too.
"""
import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]
PACKAGE = ROOT / "asn_xblocks"
BLOCKED = ("xblock", "django", "webob", "web_fragments")
PURE_PACKAGES = ("core", "case_study", "simulation", "digital_service")
# Modules of those packages that are not pure, with the reason. Each block's block.py (the
# XBlock class) is left out by rule. Every other module was read and is pure today (the
# editor schemas import shell.studio_forms, which imports only core).
IMPURE: dict[str, str] = {}


def _modules():
    names = []
    for package in PURE_PACKAGES:
        for path in sorted((PACKAGE / package).glob("*.py")):
            if path.name == "block.py":
                continue
            name = f"asn_xblocks.{package}" + ("" if path.stem == "__init__" else f".{path.stem}")
            if name not in IMPURE:
                names.append(name)
    return names


MODULES = _modules()

SCRIPT = r"""
import importlib, importlib.abc, json, sys, traceback

BLOCKED = tuple(json.loads(sys.argv[1]))
attempts = []

class Refuse(importlib.abc.MetaPathFinder):
    def find_spec(self, fullname, path=None, target=None):
        if fullname.split(".")[0] in BLOCKED:
            attempts.append(fullname)
            raise ImportError(f"{fullname} is made unimportable by the purity test")
        return None

already = sorted(name for name in sys.modules if name.split(".")[0] in BLOCKED)
sys.meta_path.insert(0, Refuse())
error = None
try:
    importlib.import_module(sys.argv[2])
except BaseException:  # report any failure, not only ImportError
    error = traceback.format_exc(limit=-3)
print(json.dumps({"already": already, "attempts": attempts, "error": error,
                  "loaded": sorted(n for n in sys.modules if n.split(".")[0] in BLOCKED)}))
"""


def _import_alone(name):
    result = subprocess.run([sys.executable, "-c", SCRIPT, json.dumps(BLOCKED), name],
                            capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 0, result.stderr[-3000:]
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_the_list_covers_the_pure_layer():
    # every core module and each block's engine/model/validation/core is in it
    for package in PURE_PACKAGES:
        assert f"asn_xblocks.{package}" in MODULES
    for module in ("core.olx", "core.scoring", "core.engine_api", "case_study.engine",
                   "simulation.analysis", "digital_service.grader"):
        assert f"asn_xblocks.{module}" in MODULES
    assert not any(name.endswith(".block") for name in MODULES)
    assert len(MODULES) >= 40  # 45 today: the glob found the packages


@pytest.mark.parametrize("name", MODULES)
def test_module_imports_without_xblock_or_django(name):
    data = _import_alone(name)
    assert data["already"] == [], data  # nothing imported them before the finder was in place
    assert data["error"] is None, data["error"]
    assert data["attempts"] == [], data
    assert data["loaded"] == [], data


@pytest.mark.parametrize("name", ["asn_xblocks.case_study.block", "asn_xblocks.review.models"])
def test_the_finder_refuses_what_needs_xblock_or_django(name):
    data = _import_alone(name)
    assert data["error"] and "made unimportable by the purity test" in data["error"]
    assert data["attempts"]
