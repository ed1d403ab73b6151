"""Content: parsed from OLX once, sanitized once, stored as JSON, cached as a model.

``parse_xml``/``add_xml_to_node`` use the block's pure core; the stored dict carries a
hash so the content model is rebuilt once per process and content revision, not per
request.
"""
from __future__ import annotations

import hashlib
import json
import threading
from collections import OrderedDict
from typing import Any

from lxml import etree
from xblock.fields import Dict, Scope

from ..core import olx
from ..core.problems import Problem

# Settings written as attributes of the root element; everything else is content.
SETTINGS_ATTRIBUTES = ("display_name", "weight", "max_attempts", "attempt_policy", "show_answer",
                       "show_correctness")
# Settings the platform's InheritanceMixin defines that a block's OLX may set for itself.
INHERITED_ATTRIBUTES = ("due", "graceperiod")


_MODELS: "OrderedDict[tuple[str, str], Any]" = OrderedDict()
_MODELS_LOCK = threading.Lock()
_MODELS_MAX = 256


def _cached_model(core, digest: str, data: dict[str, Any]):
    """Content models by (block type, content hash): authored content, never learner data."""
    key = (core.tag, digest)
    with _MODELS_LOCK:
        if key in _MODELS:
            _MODELS.move_to_end(key)
            return _MODELS[key]
    model = core.from_dict(data)
    with _MODELS_LOCK:
        _MODELS[key] = model
        while len(_MODELS) > _MODELS_MAX:
            _MODELS.popitem(last=False)
    return model


def pack(core, model) -> dict[str, Any]:
    data = core.to_dict(model)
    payload = json.dumps(data, sort_keys=True, separators=(",", ":"))
    return {"hash": hashlib.sha256(payload.encode("utf-8")).hexdigest()[:16], "model": data}


class ContentMixin:
    content = Dict(scope=Scope.content, default={}, help="The parsed, sanitized content model.")

    core = None  # the block's BlockCore, set by each block class

    @property
    def content_model(self):
        """Read once per block instance (an instance lives for one request in the LMS;
        Studio's edits go through set_content_model, which replaces it)."""
        cached = getattr(self, "_content_cache", None)
        if cached is not None:
            return cached[1]
        stored = self._stored_content()
        digest = stored.get("hash", "")
        if not stored.get("model"):
            model = self.core.parse(olx.parse_olx(self.EMPTY_OLX))
        else:
            model = _cached_model(self.core, digest, stored["model"])
        self._content_cache = (digest, model)
        return model

    def _stored_content(self) -> dict[str, Any]:
        """The stored content dict, read without XBlock's field descriptor: the descriptor
        deep-copies a mutable field on first read (to detect changes), which for a large
        scenario costs more than the rest of a render. We never mutate what we read."""
        try:
            return self._field_data.get(self, "content") or {}  # pylint: disable=protected-access
        except KeyError:
            return {}

    def set_content_model(self, model) -> None:
        self.content = pack(self.core, model)
        self._content_cache = (self.content["hash"], model)

    # --- OLX ---------------------------------------------------------------------------
    @classmethod
    def parse_xml(cls, node, runtime, keys, *args, **kwargs):  # pylint: disable=arguments-differ
        """Import: hardened checks, tolerant parse, sanitized HTML stored once."""
        olx.check_element(node)
        block = runtime.construct_xblock_from_class(cls, keys)
        # Only the settings the OLX contract names: the platform mixes in settings of its
        # own (InheritanceMixin's ``start`` is the release date), and a content attribute
        # of the same name — the simulation's ``start`` node — must not be read as one.
        for name in SETTINGS_ATTRIBUTES + INHERITED_ATTRIBUTES:
            field = cls.fields.get(name)
            value = node.get(name)
            if value is not None and field is not None and field.scope == Scope.settings:
                setattr(block, name, field.from_string(value))
        block.set_content_model(cls.core.parse(node))
        return block

    def add_xml_to_node(self, node):
        """Export: the core's OLX plus the settings that were explicitly set."""
        root = self.core.export(self.content_model)
        node.tag = root.tag
        for name, value in root.attrib.items():
            node.set(name, value)
        for name in SETTINGS_ATTRIBUTES + INHERITED_ATTRIBUTES:
            field = self.fields.get(name)
            if field is not None and field.is_set_on(self):
                value = getattr(self, name)
                if value is not None:
                    node.set(name, field.to_string(value) if not isinstance(value, str) else value)
        node.text = root.text
        for item in list(root):
            node.append(item)

    def export_olx(self) -> str:
        node = etree.Element(self.scope_ids.block_type)
        self.add_xml_to_node(node)
        return olx.to_string(node)

    # --- validation --------------------------------------------------------------------
    def content_problems(self, model=None, settings: dict | None = None) -> list[Problem]:
        """Problems of the content and of the grading settings that concern it; ``model``
        and ``settings`` let the editor check unsaved content the same way."""
        model = self.content_model if model is None else model
        settings = settings or {}
        max_attempts = settings.get("max_attempts", self.max_attempts)
        limit = self.DEFAULT_MAX_ATTEMPTS if max_attempts is None else max(0, int(max_attempts))
        weight = settings.get("weight", self.weight)
        return list(self.core.validate(model)) + self.settings_problems(model, limit, weight)

    def settings_problems(self, model, max_attempts: int, weight) -> list[Problem]:  # pylint: disable=unused-argument
        from ..core.i18n import N_
        from ..core.problems import warning

        problems = []
        if weight is not None and (weight < 1 or weight != int(weight)):
            problems.append(warning("weight-not-whole", N_("The weight should be a whole number "
                                                           "of at least 1 (it is {weight})."),
                                    weight=weight))
        return problems
