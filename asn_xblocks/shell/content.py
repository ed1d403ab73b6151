"""Content: parsed from OLX once, sanitized once, stored as JSON, cached as a model.

``parse_xml``/``add_xml_to_node`` use the block's pure core; the stored dict carries a
hash so the content model is rebuilt once per process and content revision, not per
request.

A core may have derived facts that are too costly for a learner's request (the
simulation's bounded state search: best path, reachability): its ``stored_analysis(model)``
runs when content is stored (import, Studio save) and its result is stored beside the model
(``"analysis"``), never computed on read; ``attach_stored_analysis(model, data)`` gives a
model read from storage what was stored (``None`` when nothing was: content stored by an
older version), and ``stored_analysis_key(data)`` keys the model cache. A core with none
answers ``None`` to all three (``CoreDefaults``).
"""
from __future__ import annotations

import hashlib
import json
import math
import threading
from collections import OrderedDict
from typing import Any

from lxml import etree
from xblock.fields import Dict, Scope

from ..core import olx
from ..core.i18n import N_
from ..core.problems import Problem

# Settings written as attributes of the root element; everything else is content.
SETTINGS_ATTRIBUTES = ("display_name", "weight", "max_attempts", "attempt_policy", "show_answer",
                       "show_correctness")
# Settings the platform's InheritanceMixin defines that a block's OLX may set for itself.
INHERITED_ATTRIBUTES = ("due", "graceperiod")
# Bounds of the numeric settings: a gradebook weight or an attempt limit beyond these is a
# typo (or an attack: ``nan``, ``1e400``), never a course team's intent.
MAX_WEIGHT = 1000
MAX_ATTEMPT_LIMIT = 1000
INVALID_SETTING = N_("The setting \"{name}\" has an invalid value.")


def check_setting(name: str, value: Any) -> bool:
    """Whether a converted setting is usable: numbers finite and within their bounds."""
    if value is None:
        return True
    if name == "weight":
        return (isinstance(value, (int, float)) and not isinstance(value, bool)
                and math.isfinite(value) and 0 <= value <= MAX_WEIGHT)
    if name == "max_attempts":
        return isinstance(value, int) and not isinstance(value, bool) and \
            0 <= value <= MAX_ATTEMPT_LIMIT
    return True


def read_setting(field, name: str, raw: str) -> Any:
    """A setting written as an OLX attribute, converted and checked; anything unusable is
    an ``OlxError`` naming the setting (import and the OLX editor answer it alike)."""
    try:
        value = field.from_string(raw)
    except Exception:  # yaml, dateutil, overflow, type errors
        raise olx.OlxError(INVALID_SETTING, name=name) from None
    if not check_setting(name, value):
        raise olx.OlxError(INVALID_SETTING, name=name)
    return value


_MODELS: OrderedDict[tuple[str, str], Any] = OrderedDict()
_MODELS_LOCK = threading.Lock()
_MODELS_MAX = 256


def _cached_model(core, digest: str, data: dict[str, Any], stored_analysis: Any = None):
    """Content models by (block type, content hash, stored analysis): authored content,
    never learner data. A core that stores an analysis gets it attached to the model."""
    key = (core.tag, digest, core.stored_analysis_key(stored_analysis))
    with _MODELS_LOCK:
        if key in _MODELS:
            _MODELS.move_to_end(key)
            return _MODELS[key]
    model = core.from_dict(data)
    core.attach_stored_analysis(model, stored_analysis)
    with _MODELS_LOCK:
        _MODELS[key] = model
        while len(_MODELS) > _MODELS_MAX:
            _MODELS.popitem(last=False)
    return model


_ANALYSES: OrderedDict[tuple[str, str], Any] = OrderedDict()
_ANALYSES_MAX = 64


def _stored_analysis(core, digest: str, model) -> Any:
    """The core's stored analysis of the content with this hash, computed once per process:
    it depends on the content alone, and the same content is packed again and again — a
    course re-imported, a block duplicated, every unit of a library (and each test that
    loads the demo scenarios) — while a bounded state search costs up to a second."""
    key = (core.tag, digest)
    with _MODELS_LOCK:
        analysis = _ANALYSES.get(key)
        if key in _ANALYSES:
            _ANALYSES.move_to_end(key)
    if analysis is not None:
        # the model carries it, as a new analysis would have left it; the core then gives
        # it back as stored (cheap) — or analyses anew if it was made under other bounds
        core.attach_stored_analysis(model, analysis)
    analysis = core.stored_analysis(model)
    with _MODELS_LOCK:
        _ANALYSES[key] = analysis
        while len(_ANALYSES) > _ANALYSES_MAX:
            _ANALYSES.popitem(last=False)
    return analysis


def pack(core, model) -> dict[str, Any]:
    """The stored form: the model's JSON, its hash, and the core's stored analysis (if it
    has one: computed here, on import and save, so that no read has to)."""
    data = core.to_dict(model)
    payload = json.dumps(data, sort_keys=True, separators=(",", ":"))
    digest = hashlib.sha256(payload.encode("utf-8")).hexdigest()
    packed = {"hash": digest[:16], "model": data}
    analysis = _stored_analysis(core, digest, model)
    if analysis is not None:
        packed["analysis"] = analysis
    return packed


class ContentMixin:
    content = Dict(scope=Scope.content, default={}, help="The parsed, sanitized content model.")

    core = None  # the block's BlockCore, set by each block class
    _content_cache = None  # (content hash, model) once read in this instance

    @property
    def content_model(self):
        """Read once per block instance (an instance lives for one request in the LMS;
        Studio's edits go through set_content_model, which replaces it)."""
        cached = self._content_cache
        if cached is not None:
            return cached[1]
        stored = self._stored_content()
        digest = stored.get("hash", "")
        if not stored.get("model"):
            model = self.core.parse(olx.parse_olx(self.EMPTY_OLX))
            self.core.attach_stored_analysis(model, None)  # not analysed until saved
        else:
            model = _cached_model(self.core, digest, stored["model"], stored.get("analysis"))
        self._content_cache = (digest, model)
        return model

    def _stored_content(self) -> dict[str, Any]:
        """The stored content dict, read without XBlock's field descriptor: the descriptor
        deep-copies a mutable field on first read (to detect changes), which for a large
        scenario costs more than the rest of a render. We never mutate what we read."""
        try:
            return self._field_data.get(self, "content") or {}
        except KeyError:
            return {}

    def set_content_model(self, model) -> None:
        self.content = pack(self.core, model)
        self._content_cache = (self.content["hash"], model)

    # --- OLX ---------------------------------------------------------------------------
    @classmethod
    def parse_xml(cls, node, runtime, keys, *args, **kwargs):
        """Import: hardened checks (the OLX size limit too: what is imported must be what
        Studio can save back), tolerant parse, sanitized HTML stored once."""
        olx.check_element(node)
        size = len(etree.tostring(node, encoding="utf-8"))
        if size > olx.MAX_OLX_BYTES:
            raise olx.OlxError(N_("The OLX is too large ({size} bytes; the limit is {limit})."),
                               size=size, limit=olx.MAX_OLX_BYTES)
        block = runtime.construct_xblock_from_class(cls, keys)
        # Only the settings the OLX contract names: the platform mixes in settings of its
        # own (InheritanceMixin's ``start`` is the release date), and a content attribute
        # of the same name — the simulation's ``start`` node — must not be read as one.
        for name in SETTINGS_ATTRIBUTES + INHERITED_ATTRIBUTES:
            field = cls.fields.get(name)
            value = node.get(name)
            if value is not None and field is not None and field.scope == Scope.settings:
                setattr(block, name, read_setting(field, name, value))
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
        return (list(self.core.validate(model)) + self._weight_problems(weight)
                + self.core.validate_settings(model, limit, weight))

    @staticmethod
    def _weight_problems(weight) -> list[Problem]:
        from ..core.problems import error, warning

        problems = []
        if not check_setting("weight", weight):  # stored by an older version
            problems.append(error("weight-invalid", INVALID_SETTING, name="weight"))
        elif weight is not None and (weight < 1 or weight != int(weight)):
            problems.append(warning("weight-not-whole", N_("The weight should be a whole number "
                                                           "of at least 1 (it is {weight})."),
                                    weight=weight))
        return problems
