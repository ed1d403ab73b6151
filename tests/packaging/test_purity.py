"""The pure layer stays pure: every module of ``asn_xblocks`` outside the platform-facing
packages imports without XBlock, Django, WebOb or web-fragments, except the few shell-facing
modules named below.

The modules are found in the tree, not listed by hand: a new module of ``core/`` or of a
block package (a new engine, validator, facts or records module, a new block) is checked
the day it is added, and fails here if it reaches for XBlock or Django. A module that must
(a new block's XBlock class) is added to ``SHELL_FACING`` with the reason.

Each module is imported in a fresh interpreter where a ``sys.meta_path`` finder refuses those
four packages (and anything under them); the finder also records every attempt, so a module
that catches the ImportError and carries on is caught too.
"""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "asn_xblocks"
BLOCKED = ("xblock", "django", "webob", "web_fragments")
# Packages of asn_xblocks that talk to the platform by design; nothing in them is checked.
PLATFORM_PACKAGES: dict[str, str] = {
    "shell": "the XBlock behaviour the blocks share: fields, handlers, views, grading",
    "review": "the Django app: models, migrations and the one API over them",
    "xapi": "the xAPI transformers registered with event-routing-backends",
    "demo": "the workbench demo (settings, services, seed command); not in the wheel",
}
# Modules outside those packages that may import XBlock or Django, each with the reason.
SHELL_FACING: dict[str, str] = {
    "asn_xblocks.case_study.block": "the case study's XBlock class",
    "asn_xblocks.simulation.block": "the simulation's XBlock class",
    "asn_xblocks.digital_service.block": "the service desk's XBlock class",
}


def module_name(path: Path, root: Path) -> str:
    parts = path.relative_to(root).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def pure_modules(package: Path) -> list[str]:
    """Every module under ``package`` (a folder named like the package) that must be pure:
    all of them but the platform packages' and ``SHELL_FACING``."""
    names = []
    for path in sorted(package.rglob("*.py")):
        inner = path.relative_to(package).parts
        if "__pycache__" in inner or (len(inner) > 1 and inner[0] in PLATFORM_PACKAGES):
            continue
        name = module_name(path, package.parent)
        if name not in SHELL_FACING:
            names.append(name)
    return names


MODULES = pure_modules(PACKAGE)

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


def import_alone(name: str, cwd: Path = ROOT) -> dict:
    result = subprocess.run([sys.executable, "-c", SCRIPT, json.dumps(BLOCKED), name],
                            capture_output=True, text=True, cwd=cwd)
    assert result.returncode == 0, result.stderr[-3000:]
    return json.loads(result.stdout.strip().splitlines()[-1])


def assert_pure(data: dict) -> None:
    assert data["already"] == [], data  # nothing imported them before the finder was in place
    assert data["error"] is None, data["error"]
    assert data["attempts"] == [], data
    assert data["loaded"] == [], data


def test_the_tree_gives_every_pure_module():
    # core, every block package and each block's cores: found, not listed
    blocks = sorted(path.parent.name for path in PACKAGE.glob("*/block.py"))
    assert blocks == ["case_study", "digital_service", "simulation"]
    for package in ["core", *blocks]:
        assert f"asn_xblocks.{package}" in MODULES
        for path in (PACKAGE / package).glob("*.py"):
            name = module_name(path, ROOT)
            assert name in MODULES or name in SHELL_FACING, name
    for block in blocks:
        for module in ("model", "validation", "engine", "core", "facts", "records",
                       "editor_schema"):
            assert f"asn_xblocks.{block}.{module}" in MODULES
    for module in ("core.olx", "core.scoring", "core.engine_api", "core.forms",
                   "simulation.scenario", "simulation.state_search", "simulation.analysis",
                   "digital_service.grader"):
        assert f"asn_xblocks.{module}" in MODULES
    assert "asn_xblocks" in MODULES
    assert not set(MODULES) & set(SHELL_FACING)
    assert not any(name.split(".")[1] in PLATFORM_PACKAGES for name in MODULES if "." in name)


def test_a_new_module_is_found_and_a_new_block_class_must_be_named(tmp_path):
    """The discovery on a made-up tree: a new block's engine is checked; its block.py is
    too until it is named in SHELL_FACING; the platform packages are left out."""
    package = tmp_path / "asn_xblocks"
    for name in ("__init__.py", "core/__init__.py", "core/numbers.py", "records_desk/__init__.py",
                 "records_desk/engine.py", "records_desk/block.py", "shell/handlers.py"):
        (package / name).parent.mkdir(parents=True, exist_ok=True)
        (package / name).write_text("", encoding="utf-8")
    found = pure_modules(package)
    assert found == ["asn_xblocks", "asn_xblocks.core", "asn_xblocks.core.numbers",
                     "asn_xblocks.records_desk", "asn_xblocks.records_desk.block",
                     "asn_xblocks.records_desk.engine"]


def test_the_finder_catches_a_pure_module_that_imports_django(tmp_path):
    """A module that imports Django, or tries to and carries on, fails the check."""
    probe = tmp_path / "purity_probe"
    probe.mkdir()
    (probe / "__init__.py").write_text("", encoding="utf-8")
    (probe / "engine.py").write_text("from django.conf import settings\n", encoding="utf-8")
    (probe / "scoring.py").write_text("try:\n    import xblock\nexcept ImportError:\n"
                                      "    xblock = None\n", encoding="utf-8")
    (probe / "model.py").write_text("import json\n", encoding="utf-8")
    assert_pure(import_alone("purity_probe.model", cwd=tmp_path))
    for name in ("purity_probe.engine", "purity_probe.scoring"):
        with pytest.raises(AssertionError):
            assert_pure(import_alone(name, cwd=tmp_path))


@pytest.mark.parametrize("name", MODULES)
def test_module_imports_without_xblock_or_django(name):
    assert_pure(import_alone(name))


@pytest.mark.parametrize("name", [*SHELL_FACING, "asn_xblocks.review.models"])
def test_the_shell_facing_modules_really_need_xblock_or_django(name):
    """Each exception is needed (else it belongs to the pure layer), and the finder refuses
    what it should."""
    data = import_alone(name)
    assert data["error"] and "made unimportable by the purity test" in data["error"]
    assert data["attempts"]
