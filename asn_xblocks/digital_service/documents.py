"""The documents on a desk: what an applicant attaches to a request and what a record holds.

Both kinds of task show documents the same way (title, type, visible data lines), so one
model and one OLX form serve both. ``valid`` and ``issue`` are hidden truth of a request's
documents (never sent before submission); a record's documents carry none.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from lxml import etree

from ..core import olx

_FALSE = ("false", "0", "no")


def flag(element: etree._Element, name: str) -> bool:
    """Booleans that default to true: only an explicit false/0/no turns them off."""
    raw = element.get(name)
    return raw is None or raw.strip().lower() not in _FALSE


@dataclass
class Field:
    """A visible data line on a document (``NIK``, ``Berlaku hingga`` ...): plain text."""

    name: str
    value: str = ""


@dataclass
class Document:
    id: str
    type: str = ""
    title: str = ""
    valid: bool = True  # the hidden truth; never sent to the browser
    issue: str = ""  # plain text explaining why it is not valid; never sent before submit
    fields: list[Field] = field(default_factory=list)


def parse_document(element: etree._Element) -> Document:
    return Document(
        id=olx.attr_str(element, "id"),
        type=olx.attr_str(element, "type"),
        title=olx.attr_str(element, "title"),
        valid=flag(element, "valid"),
        issue=" ".join((element.get("issue") or "").split()),
        fields=[Field(olx.attr_str(e, "name"), olx.plain_text(e))
                for e in olx.children(element, "field")],
    )


def export_document(parent: etree._Element, doc: Document) -> None:
    doc_el = etree.SubElement(parent, "document")
    olx.set_attrs(doc_el, [("id", doc.id), ("type", doc.type), ("title", doc.title),
                           ("valid", False if not doc.valid else None),
                           ("issue", doc.issue or None)])
    for item in doc.fields:
        field_el = etree.SubElement(doc_el, "field", name=item.name)
        field_el.text = item.value


def document_from_dict(d: dict[str, Any]) -> Document:
    return Document(id=d["id"], type=d.get("type", ""), title=d.get("title", ""),
                    valid=bool(d.get("valid", True)), issue=d.get("issue", ""),
                    fields=[Field(f["name"], f.get("value", "")) for f in d.get("fields", [])])


def document_view(doc: Document, type_label: str) -> dict[str, Any]:
    """What the browser gets of a document: never ``valid`` or ``issue``."""
    return {"id": doc.id, "type": doc.type, "type_label": type_label, "title": doc.title,
            "fields": [{"name": f.name, "value": f.value} for f in doc.fields]}
