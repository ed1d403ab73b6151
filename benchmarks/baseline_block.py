"""The trivial baseline XBlock every figure is divided by: a static fragment and a no-op
JSON handler, no fields. Registered for the benchmark process only (no entry point)."""
from __future__ import annotations

from web_fragments.fragment import Fragment
from xblock.core import XBlock

TAG = "bench_baseline"


class BaselineBlock(XBlock):
    """Renders a constant paragraph; its handler answers ``{}``."""

    def student_view(self, context=None):  # pylint: disable=unused-argument
        return Fragment("<p>Baseline block</p>")

    @XBlock.json_handler
    def noop(self, data, suffix=""):  # pylint: disable=unused-argument
        return {}


class _EntryPoint:
    """Just enough of an ``importlib.metadata.EntryPoint`` for XBlock's plugin loader."""

    def __init__(self, name, cls):
        self.name = name
        self.group = "xblock.v1"
        self._cls = cls
        self.dist = None
        self.value = f"{cls.__module__}:{cls.__name__}"

    def load(self):
        return self._cls


def register() -> None:
    """Make ``<bench_baseline/>`` loadable by the workbench runtime in this process."""
    if not any(name == TAG for name, _ep in XBlock.extra_entry_points):
        XBlock.extra_entry_points.append((TAG, _EntryPoint(TAG, BaselineBlock)))
