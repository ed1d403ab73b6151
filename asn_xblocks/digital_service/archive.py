"""Records to file (digital archiving as in SRIKANDI): the classification scheme, the
retention schedule (JRA, *Jadwal Retensi Arsip*) and the records of a desk, and their OLX.

An agency files every official letter with a code from its classification scheme, an access
class from its security and access classification (SKKAAD) and the retention its JRA gives
the code: years in the active and the inactive archive, then a final disposition. A code's
parent is its prefix before the last "." (``000.5.2`` → ``000.5`` → ``000``); a JRA row may
sit on a parent code and then covers every code below it that has no row of its own.

Like the rest of the model, parsing keeps what the author wrote (years stay strings, unknown
access or disposition values stay as written) so that validation can say what is wrong.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from lxml import etree

from ..core import olx
from ..core.i18n import N_
from .documents import Document, document_from_dict, export_document, parse_document

INCOMING = "incoming"
OUTGOING = "outgoing"
RECORD_KINDS = (INCOMING, OUTGOING)

BIASA = "biasa"
TERBATAS = "terbatas"
RAHASIA = "rahasia"
SANGAT_RAHASIA = "sangat_rahasia"
ACCESS_CLASSES = (BIASA, TERBATAS, RAHASIA, SANGAT_RAHASIA)

MUSNAH = "musnah"
PERMANEN = "permanen"
DINILAI_KEMBALI = "dinilai_kembali"
DISPOSITIONS = (MUSNAH, PERMANEN, DINILAI_KEMBALI)

ACCESS_LABELS = {BIASA: N_("Regular"), TERBATAS: N_("Limited"), RAHASIA: N_("Secret"),
                 SANGAT_RAHASIA: N_("Top secret")}
DISPOSITION_LABELS = {MUSNAH: N_("Destroy"), PERMANEN: N_("Permanent"),
                      DINILAI_KEMBALI: N_("Re-evaluate")}
RECORD_KIND_LABELS = {INCOMING: N_("Incoming letter"), OUTGOING: N_("Outgoing letter")}

# Points of a record: 2 for the code (1 when only its top-level code is right), 1 for the
# access class, 1 for both retention periods, 1 for the disposition.
CODE_POINTS = 2
ACCESS_POINTS = 1
RETENTION_POINTS = 1
DISPOSITION_POINTS = 1
RECORD_POINTS = CODE_POINTS + ACCESS_POINTS + RETENTION_POINTS + DISPOSITION_POINTS

# Filing counts towards accountability unless a record names another competency.
DEFAULT_RECORD_COMPETENCY = "akuntabel"

# A retention longer than a century is an authoring mistake (permanent records say so with
# their disposition, not with a huge number); the bound also limits what a learner may type.
MAX_RETENTION_YEARS = 100


def parent_code(code: str) -> str | None:
    """The code one level up (``000.5.2`` → ``000.5``), or None for a top-level code."""
    head, sep, _tail = code.rpartition(".")
    return head if sep and head else None


def top_code(code: str) -> str:
    """The top-level code (``000.5.2`` → ``000``)."""
    return code.split(".", 1)[0]


def lineage(code: str) -> list[str]:
    """The code and its ancestors, from the top down (``000``, ``000.5``, ``000.5.2``)."""
    chain = [code]
    while (up := parent_code(chain[-1])) is not None:
        chain.append(up)
    return chain[::-1]


def years_value(text: str) -> int | None:
    """Retention years as a usable whole number, or None (validation reports it)."""
    text = (text or "").strip()
    if not text.isdigit():
        return None
    value = int(text)
    return value if value <= MAX_RETENTION_YEARS else None


@dataclass
class Classification:
    code: str
    label: str = ""


@dataclass
class Retention:
    """One JRA row: years active, years inactive, then the final disposition."""

    code: str
    active: str = ""  # years as written; see ``years_value``
    inactive: str = ""
    disposition: str = ""
    note: str = ""  # plain text shown with the row (e.g. "setelah pegawai pensiun")


@dataclass
class Record:
    id: str
    title: str = ""
    kind: str = INCOMING
    dated: str = ""  # ISO date as written
    sender: str = ""
    recipient: str = ""
    code: str = ""  # hidden truth
    access: str = BIASA  # hidden truth
    priority: str = "normal"
    competency: str | None = None
    documents: list[Document] = field(default_factory=list)
    note_html: str = ""
    explain_html: str = ""  # hidden until the answers may be shown

    @property
    def filing_competency(self) -> str:
        return self.competency or DEFAULT_RECORD_COMPETENCY


def scheme_of(classifications: list[Classification]) -> dict[str, str]:
    """code → label (the first of duplicates wins; validation reports duplicates)."""
    out: dict[str, str] = {}
    for item in classifications:
        out.setdefault(item.code, item.label)
    return out


def schedule_of(retentions: list[Retention]) -> dict[str, Retention]:
    """code → JRA row (the first of duplicates wins; validation reports duplicates)."""
    out: dict[str, Retention] = {}
    for row in retentions:
        out.setdefault(row.code, row)
    return out


def retention_for(code: str, schedule: dict[str, Retention]) -> Retention | None:
    """The JRA row of ``code``, else of its nearest ancestor that has one."""
    for candidate in reversed(lineage(code)):
        if candidate in schedule:
            return schedule[candidate]
    return None


# --- OLX -------------------------------------------------------------------------------

def parse(root: etree._Element) -> dict[str, Any]:
    """The archive parts of a desk, as keyword arguments of ``model.Content``."""
    return dict(
        classifications=[Classification(olx.attr_str(e, "code"), olx.attr_str(e, "label"))
                         for e in olx.children(root, "classification")],
        retentions=[Retention(code=olx.attr_str(e, "code"), active=olx.attr_str(e, "active"),
                              inactive=olx.attr_str(e, "inactive"),
                              disposition=olx.attr_str(e, "disposition"),
                              note=olx.attr_str(e, "note"))
                    for e in olx.children(root, "retention")],
        records=[_parse_record(e) for e in olx.children(root, "record")],
    )


def _parse_record(element: etree._Element) -> Record:
    return Record(
        id=olx.attr_str(element, "id"), title=olx.attr_str(element, "title"),
        kind=olx.attr_str(element, "kind", INCOMING) or INCOMING,
        dated=olx.attr_str(element, "dated"), sender=olx.attr_str(element, "sender"),
        recipient=olx.attr_str(element, "recipient"), code=olx.attr_str(element, "code"),
        access=olx.attr_str(element, "access", BIASA) or BIASA,
        priority=olx.attr_str(element, "priority", "normal") or "normal",
        competency=olx.attr_str(element, "competency") or None,
        documents=[parse_document(e) for e in olx.children(element, "document")],
        note_html=olx.child_html(element, "note"),
        explain_html=olx.child_html(element, "explain"),
    )


def export(root: etree._Element, archive: Any) -> None:
    """Append the scheme, the schedule and the records of ``archive`` (a ``Content``)."""
    for item in archive.classifications:
        olx.set_attrs(etree.SubElement(root, "classification"),
                      [("code", item.code), ("label", item.label)])
    for row in archive.retentions:
        olx.set_attrs(etree.SubElement(root, "retention"), [
            ("code", row.code), ("active", row.active), ("inactive", row.inactive),
            ("disposition", row.disposition), ("note", row.note or None)])
    for record in archive.records:
        element = etree.SubElement(root, "record")
        olx.set_attrs(element, [
            ("id", record.id), ("title", record.title), ("kind", record.kind),
            ("dated", record.dated), ("sender", record.sender or None),
            ("recipient", record.recipient or None), ("code", record.code),
            ("access", record.access),
            ("priority", record.priority if record.priority != "normal" else None),
            ("competency", record.competency)])
        for doc in record.documents:
            export_document(element, doc)
        olx.sub_html(element, "note", record.note_html)
        olx.sub_html(element, "explain", record.explain_html)


def from_dict(data: dict[str, Any]) -> dict[str, Any]:
    return dict(
        classifications=[Classification(c["code"], c.get("label", ""))
                         for c in data.get("classifications", [])],
        retentions=[Retention(code=r["code"], active=r.get("active", ""),
                              inactive=r.get("inactive", ""),
                              disposition=r.get("disposition", ""), note=r.get("note", ""))
                    for r in data.get("retentions", [])],
        records=[Record(id=r["id"], title=r.get("title", ""), kind=r.get("kind", INCOMING),
                        dated=r.get("dated", ""), sender=r.get("sender", ""),
                        recipient=r.get("recipient", ""), code=r.get("code", ""),
                        access=r.get("access", BIASA), priority=r.get("priority", "normal"),
                        competency=r.get("competency"),
                        documents=[document_from_dict(d) for d in r.get("documents", [])],
                        note_html=r.get("note_html", ""), explain_html=r.get("explain_html", ""))
                 for r in data.get("records", [])],
    )
