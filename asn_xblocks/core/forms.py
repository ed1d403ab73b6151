"""The form editor's schema language and the strict reader of what the form sends back.

Each block describes its content model for the Studio form editor in
``asn_xblocks/<block>/editor_schema.py`` as a plain ``SCHEMA`` dict::

    {"root": "content",
     "types": {"content": {"label": N_("Case study"), "fields": [field, ...]},
               "stage": {"label": N_("Stage"), "add": N_("Add stage"), "id_prefix": "s",
                         "id_scope": "block", "summary": "title", "fields": [...],
                         "template": {...defaults for a new item...}}, ...}}

An item is summarised (its heading in the editor) by its type's label, its id and the field
named by ``summary``, followed by the field named by ``summary_more`` when it has a value
(a classification code and its label: "000.5 — Correspondence").

A *field* is ``{"key", "kind", "label"[, "help", "section", "nullable", "default",
"options", "ref", "of", "tag_key", "scalar", "tree", "visible_if", "options_by_root",
"min"]}`` where ``kind`` is one of ``KINDS``. A ``list`` field holds records of the types named in
``of`` (with ``tag_key`` naming the discriminator when there are several, e.g. a case
study's questions and reflections: ``{"type": "question", ...}``) or, with ``scalar``,
plain values described by a field. A list of records may carry ``tree={"key": "code",
"separator": ".", "add_child": N_("Add child code"), "add_child_for": N_("Add a child code
under {item}")}``: the editor then shows it as a tree by that key (a code's parent is the part
before its last separator; sorted by code, each code's children in a nested list, no moving
up or down) with an "add child" button on each item that adds a record whose key is
prefilled with the item's code and the separator (``add_child_for`` is its accessible
name). Display only: the list's order and ``clean_content`` are unchanged. Record dicts
are exactly the block core's ``to_dict`` form, so the browser edits the content model
itself; one generic renderer (static/js/src/studio/, built into static/min/js/studio.js)
serves every block.

``clean_content`` reads the form's JSON back strictly: an unknown key, a wrong type, an
unknown item type, too many items or too long a text is a ``FormError`` (the handler
answers 400 and changes nothing); semantic mistakes (a missing goto, points that do not
add up) are kept for ``validate()`` to report, exactly as an OLX import would. Author HTML
is sanitized here, as on import.
"""
from __future__ import annotations

import copy
import math
import re
from collections.abc import Callable
from typing import Any

from .i18n import N_, TranslatableError
from .sanitize import sanitize_html

KINDS = ("id", "text", "textarea", "html", "number", "int", "bool", "tristate", "select", "ref",
         "competency", "condition", "date", "list")
STRING_KINDS = frozenset({"id", "text", "textarea", "select", "ref", "competency", "condition",
                          "date"})
LIMITS = {"id": 200, "text": 2_000, "textarea": 20_000, "select": 200, "ref": 200,
          "competency": 200, "condition": 2_000, "date": 40, "html": 200_000}
MAX_ITEMS = 2_000
MAX_DEPTH = 12

# Characters XML cannot hold (C0 controls other than tab, newline, carriage return).
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_MISSING = object()


class FormError(TranslatableError, ValueError):
    """Unusable form data: ``message`` is an N_ template, ``params`` fill it."""


# --- building schemas --------------------------------------------------------------------

def field(key: str, kind: str, label: str, **extra: Any) -> dict[str, Any]:
    if kind not in KINDS:
        raise ValueError(f"unknown field kind {kind!r}")
    return {"key": key, "kind": kind, "label": label, **extra}


def record(label: str, fields: list[dict[str, Any]], **extra: Any) -> dict[str, Any]:
    return {"label": label, "fields": fields, **extra}


def options(*pairs: tuple[str, str]) -> list[list[str]]:
    return [[value, label] for value, label in pairs]


# --- defaults ------------------------------------------------------------------------------

def default_for(spec: dict[str, Any]) -> Any:
    if "default" in spec:
        return copy.deepcopy(spec["default"])
    kind = spec["kind"]
    if spec.get("nullable"):
        return None
    if kind == "list":
        return []
    if kind == "bool":
        return False
    if kind == "tristate":
        return None
    if kind in ("number", "int"):
        return None
    return ""


def new_record(schema: dict[str, Any], type_name: str) -> dict[str, Any]:
    """A record of ``type_name`` with every field at its default (the template applied)."""
    spec = schema["types"][type_name]
    data = {f["key"]: default_for(f) for f in spec["fields"]}
    data.update(copy.deepcopy(spec.get("template", {})))
    return data


# --- reading the form back -----------------------------------------------------------------

def clean_content(schema: dict[str, Any], data: Any) -> dict[str, Any]:
    """The content dict the form sent, checked against ``schema`` (FormError if unusable)."""
    return _record(schema, schema["root"], data, 0)


def _type_label(schema: dict[str, Any], type_name: str) -> str:
    return schema["types"][type_name]["label"]


def _record(schema: dict[str, Any], type_name: str, data: Any, depth: int,
            tag: tuple[str, str] | None = None) -> dict[str, Any]:
    spec = schema["types"][type_name]
    if depth > MAX_DEPTH:
        raise FormError(N_("The content is nested too deeply."))
    if not isinstance(data, dict):
        raise FormError(N_("A {item} must be an object."), item=spec["label"])
    keys = {f["key"] for f in spec["fields"]}
    for key in data:
        if key not in keys and not (tag and key == tag[0]):
            raise FormError(N_("Unknown field \"{field}\" in a {item}."),
                            field=str(key)[:60], item=spec["label"])
    out: dict[str, Any] = {}
    if tag:
        out[tag[0]] = tag[1]
    for spec_field in spec["fields"]:
        value = data.get(spec_field["key"], _MISSING)
        out[spec_field["key"]] = _value(schema, spec_field, value, depth, spec["label"])
    return out


def _value(schema: dict[str, Any], spec: dict[str, Any], value: Any, depth: int,
           owner: str) -> Any:
    kind = spec["kind"]
    if value is _MISSING:
        return default_for(spec)
    if kind == "list":
        return _list(schema, spec, value, depth, owner)
    if value is None:
        if spec.get("nullable") or kind == "tristate":
            return None
        if kind in ("number", "int", "bool"):
            return default_for(spec)
        raise _type_error(spec, owner)
    if kind in STRING_KINDS or kind == "html":
        if not isinstance(value, str):
            raise _type_error(spec, owner)
        if len(value) > LIMITS[kind]:
            raise FormError(N_("The field \"{field}\" of a {item} is too long (at most {limit} "
                               "characters)."), field=spec["key"], item=owner,
                            limit=LIMITS[kind])
        value = _NOT_XML.sub("", value)
        if kind == "html":
            return sanitize_html(value)
        if spec.get("nullable") and value == "":
            return None
        return value
    if kind in ("bool", "tristate"):
        if not isinstance(value, bool):
            raise _type_error(spec, owner)
        return value
    if kind in ("number", "int"):
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise _type_error(spec, owner)
        number = float(value)
        if not math.isfinite(number) or abs(number) > 1e12:
            raise _type_error(spec, owner)
        if kind == "int":
            if number != int(number):
                raise _type_error(spec, owner)
            return int(number)
        return number
    raise _type_error(spec, owner)  # pragma: no cover - every kind is handled above


def _type_error(spec: dict[str, Any], owner: str) -> FormError:
    return FormError(N_("The field \"{field}\" of a {item} has a value of the wrong type."),
                     field=spec["key"], item=owner)


def _list(schema: dict[str, Any], spec: dict[str, Any], value: Any, depth: int,
          owner: str) -> list[Any]:
    if not isinstance(value, list):
        raise _type_error(spec, owner)
    if len(value) > MAX_ITEMS:
        raise FormError(N_("Too many items in \"{field}\" (at most {limit})."),
                        field=spec["key"], limit=MAX_ITEMS)
    if "scalar" in spec:
        return [_value(schema, spec["scalar"], item, depth + 1, owner) for item in value]
    types = spec["of"]
    if len(types) == 1:
        return [_record(schema, types[0], item, depth + 1) for item in value]
    tag_key = spec["tag_key"]
    by_tag = {schema["types"][t]["tag"]: t for t in types}
    out = []
    for item in value:
        tag = item.get(tag_key) if isinstance(item, dict) else None
        if not isinstance(tag, str) or tag not in by_tag:
            raise FormError(N_("Unknown item type \"{type}\" in \"{field}\"."),
                            type=str(tag)[:60], field=spec["key"])
        out.append(_record(schema, by_tag[tag], item, depth + 1, (tag_key, tag)))
    return out


# Markup the sanitizer drops that an author should hear about (not mere normalisation).
_DANGEROUS = re.compile(r"<\s*(script|style|iframe|frame|object|embed|form|link|meta|base)\b"
                        r"|\son[a-z]+\s*=|(java|vb)script\s*:", re.IGNORECASE)


def removed_markup(schema: dict[str, Any], data: dict[str, Any]) -> list[str | None]:
    """Where the form's HTML fields held markup the sanitizer removes (scripts, event
    handlers ...): the ids of the nearest items with block-wide ids (None: the block
    itself), so the editor can say so next to them. ``data`` passed ``clean_content``."""
    found: list[str | None] = []

    def visit(type_name: str, record: dict[str, Any], owner: str | None) -> None:
        spec = schema["types"][type_name]
        if spec.get("id_scope") not in (None, "siblings") and record.get("id"):
            owner = record["id"]
        for spec_field in spec["fields"]:
            value = record.get(spec_field["key"])
            if spec_field["kind"] == "html" and isinstance(value, str) and _DANGEROUS.search(value):
                if owner not in found:
                    found.append(owner)
            elif spec_field["kind"] == "list" and "scalar" not in spec_field:
                for item in value or []:
                    types = spec_field["of"]
                    item_type = types[0] if len(types) == 1 else next(
                        t for t in types if schema["types"][t]["tag"] == item[spec_field["tag_key"]])
                    visit(item_type, item, owner)

    visit(schema["root"], data, None)
    return found


# --- the schema as the browser gets it -----------------------------------------------------

_TRANSLATED = ("label", "add", "help", "empty_label", "hint", "add_child", "add_child_for")


def for_browser(schema: dict[str, Any], gettext: Callable[[str], str]) -> dict[str, Any]:
    """A deep copy with labels translated and option labels too."""

    def walk(value: Any, key: str | None = None) -> Any:
        if key == "options_by_root":
            return {"root_key": value["root_key"],
                    "map": {k: [[v, gettext(label)] for v, label in pairs]
                            for k, pairs in value["map"].items()}}
        if key in ("template", "default"):
            return copy.deepcopy(value)  # data, not labels
        if isinstance(value, dict):
            return {k: (gettext(v) if k in _TRANSLATED and isinstance(v, str) else walk(v, k))
                    for k, v in value.items()}
        if isinstance(value, list):
            if key == "options":
                return [[v, gettext(label)] for v, label in value]
            return [walk(v) for v in value]
        return value

    return walk(schema)


# --- pieces every block's editor has -----------------------------------------------------

LANG_OPTIONS = options(("", N_("Not set")), ("id", N_("Bahasa Indonesia")), ("en", N_("English")))


def lang_field(**extra: Any) -> dict[str, Any]:
    """The content language (the block's ``lang`` attribute)."""
    return field("lang", "select", N_("Content language"), section="settings",
                 options=LANG_OPTIONS, **extra)


def competencies_field() -> dict[str, Any]:
    return field("competencies", "list", N_("Extra competencies"), of=["competency"],
                 help=N_("Built-in ASN and BerAKHLAK competencies need no declaration."))


def competency_record(id_scope: str) -> dict[str, Any]:
    """A declared competency: ``<competency id="..." label="..."/>``."""
    return record(N_("Competency"), [
        field("id", "id", N_("Id")),
        field("label", "text", N_("Label")),
    ], add=N_("Add competency"), id_prefix="komp", id_scope=id_scope, summary="label")
