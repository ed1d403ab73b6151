"""Checks on a desk's records, its classification scheme and its retention schedule (JRA).

What the learner is graded against must exist and be unambiguous: every record's code is in
the scheme and has a JRA row on it or on an ancestor; every code's parent (its prefix before
the last ".") is in the scheme too, so the scheme is a tree; codes, rows and values are
well formed. Problems are errors unless the desk still grades right (then warnings).
"""
from __future__ import annotations

from collections.abc import Callable

from ..core.i18n import N_
from ..core.problems import Problem, error, warning
from . import archive
from .model import PRIORITIES, Content

CheckCompetency = Callable[[Content, "str | None", str], list[Problem]]


def validate_archive(content: Content, date_ok: Callable[[str], bool],
                     check_competency: CheckCompetency) -> list[Problem]:
    if not (content.records or content.classifications or content.retentions):
        return []
    problems = _scheme(content) + _schedule(content)
    scheme = content.scheme()
    schedule = content.schedule()
    if content.records and not scheme:
        problems.append(error("no-classification",
                              N_("The desk has records but no classification scheme: add "
                                 "<classification code=\"...\" label=\"...\"/> elements.")))
    for record in content.records:
        problems += _record(record, scheme, schedule, date_ok)
        problems += check_competency(content, record.competency, record.id)
    return problems


def _scheme(content: Content) -> list[Problem]:
    problems: list[Problem] = []
    seen: set[str] = set()
    for item in content.classifications:
        code = item.code
        if not code:
            problems.append(error("classification-no-code",
                                  N_("A <classification> has no code.")))
            continue
        if code in seen:
            problems.append(error("duplicate-code",
                                  N_("The classification code \"{entry}\" is listed twice."),
                                  code, entry=code))
        seen.add(code)
        if not item.label:
            problems.append(error("classification-no-label",
                                  N_("The classification code \"{entry}\" has no label."),
                                  code, entry=code))
    for item in content.classifications:
        parent = archive.parent_code(item.code) if item.code else None
        if parent is not None and parent not in seen:
            problems.append(error("classification-no-parent",
                                  N_("The classification code \"{entry}\" has no parent in the "
                                     "scheme: add the code \"{parent}\"."),
                                  item.code, entry=item.code, parent=parent))
    return problems


def _schedule(content: Content) -> list[Problem]:
    problems: list[Problem] = []
    scheme = content.scheme()
    seen: set[str] = set()
    for row in content.retentions:
        code = row.code
        if not code:
            problems.append(error("retention-no-code", N_("A <retention> row has no code.")))
            continue
        if code in seen:
            problems.append(error("duplicate-retention",
                                  N_("The retention schedule has two rows for the code "
                                     "\"{entry}\"."), code, entry=code))
        seen.add(code)
        if code not in scheme:
            problems.append(error("retention-unknown-code",
                                  N_("The retention row \"{entry}\" is for a code that is not in "
                                     "the classification scheme."), code, entry=code))
        for name, value in (("active", row.active), ("inactive", row.inactive)):
            if archive.years_value(value) is None:
                problems.append(error("bad-retention-years",
                                      N_("The retention row \"{entry}\" has {name}=\"{value}\": it "
                                         "must be a whole number of years from 0 to {max}."),
                                      code, entry=code, name=name, value=value,
                                      max=archive.MAX_RETENTION_YEARS))
        if row.disposition not in archive.DISPOSITIONS:
            problems.append(error("bad-disposition",
                                  N_("The retention row \"{entry}\" has disposition=\"{value}\": "
                                     "use \"musnah\", \"permanen\" or \"dinilai_kembali\"."),
                                  code, entry=code, value=row.disposition))
    if content.records:
        schedule = content.schedule()
        for code in scheme:
            if archive.retention_for(code, schedule) is None:
                problems.append(warning("code-no-retention",
                                        N_("The classification code \"{entry}\" has no retention "
                                           "row, on itself or on a parent code: a learner who "
                                           "chooses it finds no row to read."), code, entry=code))
    return problems


def _record(record: archive.Record, scheme: dict[str, str],
            schedule: dict[str, archive.Retention], date_ok: Callable[[str], bool]) -> list[Problem]:
    rid = record.id
    problems: list[Problem] = []
    if not record.title:
        problems.append(error("record-no-title", N_("The record \"{id}\" has no title."),
                              rid, id=rid))
    if record.kind not in archive.RECORD_KINDS:
        problems.append(error("bad-record-kind",
                              N_("The record \"{id}\" has kind=\"{value}\": use \"incoming\" or "
                                 "\"outgoing\"."), rid, id=rid, value=record.kind))
    if not date_ok(record.dated):
        problems.append(error("bad-record-date",
                              N_("The record \"{id}\" has dated=\"{value}\": write a date as "
                                 "YYYY-MM-DD."), rid, id=rid, value=record.dated))
    if record.priority not in PRIORITIES:
        problems.append(error("bad-priority", N_("The record \"{id}\" has priority=\"{value}\": use "
                                                 "\"normal\" or \"urgent\"."),
                              rid, id=rid, value=record.priority))
    if not record.code:
        problems.append(error("record-no-code", N_("The record \"{id}\" has no code."),
                              rid, id=rid))
    elif record.code not in scheme:
        problems.append(error("record-unknown-code",
                              N_("The record \"{id}\" has the code \"{entry}\", which is not in "
                                 "the classification scheme."), rid, id=rid, entry=record.code))
    elif archive.retention_for(record.code, schedule) is None:
        problems.append(error("record-no-retention",
                              N_("The record \"{id}\" has the code \"{entry}\", which has no "
                                 "retention row on itself or on a parent code."),
                              rid, id=rid, entry=record.code))
    if record.access not in archive.ACCESS_CLASSES:
        problems.append(error("bad-access",
                              N_("The record \"{id}\" has access=\"{value}\": use \"biasa\", "
                                 "\"terbatas\", \"rahasia\" or \"sangat_rahasia\"."),
                              rid, id=rid, value=record.access))
    if not record.documents:
        problems.append(warning("record-no-documents",
                                N_("The record \"{id}\" has no document: the learner has only "
                                   "its title to go by."), rid, id=rid))
    for doc in record.documents:
        if not doc.title:
            problems.append(error("document-no-title", N_("The document \"{doc}\" of the record "
                                                          "\"{id}\" has no title."),
                                  doc.id or rid, id=rid, doc=doc.id))
    if not record.explain_html:
        problems.append(warning("record-no-explain",
                                N_("The record \"{id}\" has no <explain>: say why this code and "
                                   "this access class, so that a learner who missed them "
                                   "learns why."), rid, id=rid))
    return problems
