"""The benchmark's workbench: one process, the stock workbench runtime on a fresh on-disk
SQLite database, blocks rendered and handlers called in-process exactly as the
workbench's views do (a new runtime per request, ``get_block``, ``render`` / ``handle``),
minus HTTP.

Two corrections to the stock workbench, applied to every block alike and documented in the
README: DEBUG is off (benchmarks/settings.py) and the runtime's aside types are resolved
once instead of rescanning every installed distribution's entry points on each render.
"""
from __future__ import annotations

import json
import os
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
ANCHOR_DIR = ROOT / "var" / "bench" / "anchors"


def setup(db_name: str = "bench.db") -> None:
    """Django on benchmarks/settings.py with a fresh database (``var/bench/<db_name>``: a
    script that may run beside another names its own); anchors on sys.path."""
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    if ANCHOR_DIR.is_dir() and str(ANCHOR_DIR) not in sys.path:
        sys.path.append(str(ANCHOR_DIR))  # last: the virtualenv's packages win
    os.environ["DJANGO_SETTINGS_MODULE"] = "benchmarks.settings"
    os.environ.setdefault("EXCLUDE_SAMPLE_XBLOCKS", "yes")
    db = ROOT / "var" / "bench" / db_name
    os.environ["ASN_BENCH_DB"] = str(db)
    db.parent.mkdir(parents=True, exist_ok=True)
    for suffix in ("", "-journal", "-wal", "-shm"):
        Path(str(db) + suffix).unlink(missing_ok=True)

    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", run_syncdb=True, verbosity=0)

    from . import baseline_block

    baseline_block.register()
    resolve_asides_once()


def resolve_asides_once() -> list[str]:
    """The stock runtime rescans all entry points for asides on every render (~2.5 ms):
    resolve the aside types once for this process (same list, looked up once)."""
    from workbench.runtime import WorkbenchRuntime
    from xblock.core import XBlockAside

    types = [name for name, _cls in XBlockAside.load_classes()]
    WorkbenchRuntime.applicable_aside_types = lambda self, block: list(types)
    return types


def anchor_available(tag: str) -> bool:
    from xblock.core import XBlock
    from xblock.plugin import PluginMissingError

    try:
        XBlock.load_class(tag)
    except PluginMissingError:
        return False
    except Exception:
        return False
    return True


_SCENARIO_NO = [0]


def add_scenario(xml: str) -> str:
    """Load OLX as a workbench scenario; returns the usage id of its root block."""
    from workbench.scenarios import SCENARIOS, add_xml_scenario

    _SCENARIO_NO[0] += 1
    name = f"bench{_SCENARIO_NO[0]}"
    add_xml_scenario(name, name, xml)
    return SCENARIOS[name].usage_id


# How field data is served: "workbench" = the stock key-value store (one SQL query per field
# read: has() + get() for a stored field); "lms" = the way the LMS serves it: settings and
# content from memory (the modulestore), a learner's user-state row read once per request
# (the FieldDataCache), writes saved once per row. Both modes for every block alike.
FIELD_DATA = {"mode": "workbench"}


class LmsLikeKeyValueStore:
    """Per-request key-value store over the workbench's table, read like the LMS reads."""

    _content_rows: dict = {}  # rows without a user: authored content and settings

    def __init__(self):
        self._rows: dict = {}

    def _entry(self, key):
        from workbench.models import XBlockState

        ident = (key.scope, key.block_scope_id, key.user_id)
        cache = self._content_rows if key.user_id is None else self._rows
        if ident not in cache:
            record = XBlockState.get_for_key(key)
            cache[ident] = (record, json.loads(record.state))
        return cache[ident]

    def get(self, key):
        return self._entry(key)[1][key.field_name]

    def has(self, key):
        return key.field_name in self._entry(key)[1]

    def set(self, key, value):
        self.set_many({key: value})

    def set_many(self, update_dict):
        touched = {}
        for key, value in update_dict.items():
            record, state = self._entry(key)
            state[key.field_name] = value
            touched[id(record)] = (record, state)
        for record, state in touched.values():
            record.state = json.dumps(state, sort_keys=True)
            record.save()

    def delete(self, key):
        record, state = self._entry(key)
        del state[key.field_name]
        record.state = json.dumps(state, sort_keys=True)
        record.save()

    def default(self, key):
        raise KeyError(repr(key))


def make_runtime(student: str):
    from workbench.runtime import WorkbenchRuntime
    from xblock.runtime import KvsFieldData

    runtime = WorkbenchRuntime(student)
    if FIELD_DATA["mode"] == "lms":
        runtime._services["field-data"] = KvsFieldData(LmsLikeKeyValueStore())
    return runtime


def block_for(usage_id: str, student: str):
    return make_runtime(student).get_block(usage_id)


def render(usage_id: str, student: str) -> str:
    """One learner page view of one block, as the workbench's view builds it."""
    runtime = make_runtime(student)
    block = runtime.get_block(usage_id)
    frag = block.render("student_view", {})
    return frag.head_html() + frag.body_html() + frag.foot_html()


def call(usage_id: str, student: str, handler: str, payload: Any) -> tuple[int, Any]:
    """One handler request, as the workbench's handler view runs it."""
    from webob import Request

    runtime = make_runtime(student)
    block = runtime.get_block(usage_id)
    body = json.dumps(payload).encode("utf-8")
    request = Request.blank("/", method="POST", body=body,
                            headers={"Content-Type": "application/json"})
    response = runtime.handle(block, handler, request)
    try:
        data = json.loads(response.body.decode("utf-8"))
    except ValueError:
        data = response.body
    return response.status_code, data


class SqlCounter:
    """Counts SQL statements (and how many touch the workbench's field-data table)."""

    def __init__(self):
        self.total = 0
        self.field_data = 0
        self.field_reads = 0
        self.writes = 0

    def __call__(self, execute, sql, params, many, context):
        self.total += 1
        lowered = sql.lstrip()[:12].upper()
        if lowered.startswith(("INSERT", "UPDATE", "DELETE")):
            self.writes += 1
        if "workbench_xblockstate" in sql:
            self.field_data += 1
            if lowered.startswith("SELECT"):
                self.field_reads += 1
        return execute(sql, params, many, context)


def timed(func: Callable[[], Any]) -> tuple[float, Any]:
    start = time.perf_counter()
    result = func()
    return time.perf_counter() - start, result


@dataclass
class Subject:
    """A block under test: its OLX and how to drive a learner through it."""

    name: str
    tag: str
    kind: str  # "baseline" | "ours" | "anchor"
    xml: str
    handler: str = ""  # the typical learner handler
    # learner payload (from the block's state) -> (handler payload) for the timed call
    next_payload: Callable[[Subject, str], Any] | None = None
    # actions done before the timed call (untimed), e.g. a first step
    warmup: Callable[[Subject, str], None] | None = None
    usage_id: str = ""
    files: list[str] = field(default_factory=list)
    note: str = ""
    # handlers the block's JS calls on load before the learner sees its content (an empty
    # shell filled by a second request): counted in its render
    render_calls: list[str] = field(default_factory=list)

    def load(self) -> None:
        self.usage_id = add_scenario(self.xml)
        if self.usage_id and "vertical" in self.usage_id.split(".")[1]:
            # anchors' scenarios wrap the block in <vertical_demo>: use the child
            parent = block_for(self.usage_id, "setup")
            self.usage_id = parent.children[0]
