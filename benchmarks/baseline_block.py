"""The trivial baseline XBlock every figure is divided by (a static fragment, a no-op JSON
handler, no fields), and a "floor" block: the least any block that keeps learner state must
do (read one user-state field to render; read it, add one and save it in a handler). The
floor is reported beside the anchors, to show what part of a ratio is the runtime's storage.
Both are registered for the benchmark process only (no entry point)."""
from __future__ import annotations

from web_fragments.fragment import Fragment
from xblock.core import XBlock
from xblock.fields import Integer, Scope

TAG = "bench_baseline"
FLOOR_TAG = "bench_floor"


class BaselineBlock(XBlock):
    """Renders a constant paragraph; its handler answers ``{}``."""

    def student_view(self, context=None):
        return Fragment("<p>Baseline block</p>")

    @XBlock.json_handler
    def noop(self, data, suffix=""):
        return {}


class FloorBlock(XBlock):
    """One user-state counter: shown by the view, incremented and saved by the handler."""

    count = Integer(default=0, scope=Scope.user_state)

    def student_view(self, context=None):
        return Fragment(f"<p>Floor block: {self.count}</p>")

    @XBlock.json_handler
    def bump(self, data, suffix=""):
        from django.db import transaction

        with transaction.atomic():
            self.count += 1
            self.save()
        return {"count": self.count}


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
    """Make ``<bench_baseline/>`` and ``<bench_floor/>`` loadable in this process."""
    for tag, cls in ((TAG, BaselineBlock), (FLOOR_TAG, FloorBlock)):
        if not any(name == tag for name, _ep in XBlock.extra_entry_points):
            XBlock.extra_entry_points.append((tag, _EntryPoint(tag, cls)))
