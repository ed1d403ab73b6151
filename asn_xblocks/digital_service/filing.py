"""The server-side truth for a record and the grading of a filed record, with explanations.

Truth: the record's ``code`` and ``access``; its retention is the JRA row of its code, else
of the nearest ancestor code that has one (a row on ``000.5`` covers ``000.5.2`` unless that
code has its own). Points: 2 for the code (1 when the chosen code is not it but shares its
top-level code), 1 for the access class, 1 for both retention periods, 1 for the final
disposition.

What the explanations say depends on what the learner may see (``grader.render_result``):
with correctness only, a miss is explained by the rule to apply (read the row of the code or
of its nearest parent; judge who may read the record) and by what the learner's own choice
means, never by the record's code, access or row; once the answers may be shown, the right
code with its labels from the top down, the JRA row used and the author's ``explain`` follow.
Nothing here is sent to the browser before the record is submitted.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..core.i18n import N_
from . import archive
from .archive import (
    ACCESS_LABELS,
    ACCESS_POINTS,
    CODE_POINTS,
    DISPOSITION_LABELS,
    DISPOSITION_POINTS,
    RETENTION_POINTS,
    Record,
    Retention,
)

CODE = "code"
ACCESS = "access"
RETENTION = "retention"
DISPOSITION = "disposition"
KINDS = (CODE, ACCESS, RETENTION, DISPOSITION)

MESSAGES = {
    "code-right": N_("{code} ({label}) is the record's classification code."),
    "code-near": N_("The code you chose, {given} ({given_label}), is under the right main "
                    "heading but is not the record's own code: look for the most specific "
                    "code that describes its subject."),
    "code-wrong": N_("The code you chose, {given} ({given_label}), belongs to another main "
                     "heading ({top} {top_label}): classify a record by its subject, not by "
                     "its sender or its form."),
    "code-none": N_("No classification code was chosen."),
    "access-right": N_("“{access}” is the record's access class."),
    "access-wrong": N_("“{given}” is not this record's access class: judge who may read it "
                       "and what harm its disclosure could do (SKKAAD)."),
    "retention-right": N_("Right: active retention {active}, inactive retention {inactive} "
                          "(years)."),
    "retention-wrong": N_("Read the retention from the JRA row of the record's code, or from "
                          "the row of its nearest parent code when the code has no row of its "
                          "own."),
    "retention-unknown": N_("The schedule has no row for this record's code, so its retention "
                            "cannot be judged."),
    "disposition-right": N_("“{disposition}” is the final disposition the schedule gives."),
    "disposition-wrong": N_("The final disposition is read from the same JRA row as the "
                            "retention periods."),
    # appended only when the answers may be shown
    "answer-code": N_("The right code is {code}: {path}."),
    "answer-access": N_("This record's access class is “{access}”."),
    "answer-retention": N_("The JRA row of {row} ({row_label}) applies: active retention "
                           "{active}, inactive retention {inactive} (years), final disposition "
                           "“{disposition}”."),
    "answer-retention-parent": N_("The code {code} has no JRA row of its own, so the row of "
                                  "its parent code {row} ({row_label}) applies: active "
                                  "retention {active}, inactive retention {inactive} (years), "
                                  "final disposition “{disposition}”."),
}
ITEM_LABELS = {CODE: N_("Classification code"), ACCESS: N_("Access classification"),
               RETENTION: N_("Retention (active / inactive years)"),
               DISPOSITION: N_("Final disposition")}
YEARS_LABEL = N_("{active} / {inactive} (years)")


@dataclass(frozen=True)
class FilingTruth:
    record: Record
    code: str
    access: str
    row: Retention | None  # the JRA row that applies, None when the schedule has none

    @property
    def active(self) -> int | None:
        return archive.years_value(self.row.active) if self.row else None

    @property
    def inactive(self) -> int | None:
        return archive.years_value(self.row.inactive) if self.row else None


def expected(record: Record, schedule: dict[str, Retention]) -> FilingTruth:
    return FilingTruth(record=record, code=record.code, access=record.access,
                       row=archive.retention_for(record.code, schedule))


def record_maximum(record: Record) -> int:
    return archive.RECORD_POINTS


def _path(code: str, scheme: dict[str, str]) -> str:
    return " › ".join(f"{c} {scheme[c]}".strip() if c in scheme else c
                      for c in archive.lineage(code))


def _item(kind: str, ok: bool, earned: int, points: int, competency: str, code: str,
          params: dict[str, Any], **extra: Any) -> dict[str, Any]:
    return {"kind": kind, "id": kind, "ok": bool(ok), "earned": earned, "possible": points,
            "competency": competency, "code": code, "params": params, **extra}


def grade(record: Record, form: dict[str, Any], scheme: dict[str, str],
          schedule: dict[str, Retention]) -> dict[str, Any]:
    """The graded result of ``form`` (validated, possibly incomplete) for ``record``.
    Missing parts count as wrong, so a stored form can be regraded after an author's fix."""
    truth = expected(record, schedule)
    competency = record.filing_competency
    items: list[dict[str, Any]] = []

    given = form.get("code") if isinstance(form.get("code"), str) else None
    answer = {"answer_code": "answer-code",
              "answer_params": {"code": truth.code, "path": _path(truth.code, scheme)}}
    if given == truth.code:
        items.append(_item(CODE, True, CODE_POINTS, CODE_POINTS, competency, "code-right",
                           {"code": given, "label": scheme.get(given, "")}, given=given,
                           expected=truth.code, expected_name=scheme.get(truth.code, ""),
                           **answer))
    elif given is None:
        items.append(_item(CODE, False, 0, CODE_POINTS, competency, "code-none", {},
                           given=None, expected=truth.code,
                           expected_name=scheme.get(truth.code, ""), **answer))
    else:
        near = archive.top_code(given) == archive.top_code(truth.code)
        top = archive.top_code(given)
        params = {"given": given, "given_label": scheme.get(given, "")}
        if not near:
            params.update(top=top, top_label=scheme.get(top, ""))
        items.append(_item(CODE, False, 1 if near else 0, CODE_POINTS, competency,
                           "code-near" if near else "code-wrong", params, given=given,
                           expected=truth.code, expected_name=scheme.get(truth.code, ""),
                           **answer))

    given_access = form.get("access") if isinstance(form.get("access"), str) else None
    ok = given_access == truth.access
    access_answer = {"answer_code": "answer-access",
                     "answer_params": {"access_msg": ACCESS_LABELS.get(truth.access, truth.access)}}
    if ok:
        items.append(_item(ACCESS, True, ACCESS_POINTS, ACCESS_POINTS, competency,
                           "access-right", {"access_msg": ACCESS_LABELS.get(truth.access,
                                                                            truth.access)},
                           given=given_access, expected=truth.access, **access_answer))
    else:
        items.append(_item(ACCESS, False, 0, ACCESS_POINTS, competency, "access-wrong",
                           {"given_msg": ACCESS_LABELS.get(given_access or "", "—")},
                           given=given_access, expected=truth.access, **access_answer))

    active, inactive = form.get("active"), form.get("inactive")
    disposition = form.get("disposition") if isinstance(form.get("disposition"), str) else None
    if truth.row is None or truth.active is None or truth.inactive is None:
        items.append(_item(RETENTION, False, 0, RETENTION_POINTS, competency,
                           "retention-unknown", {}, given=[active, inactive], expected=None))
        items.append(_item(DISPOSITION, False, 0, DISPOSITION_POINTS, competency,
                           "retention-unknown", {}, given=disposition, expected=None))
    else:
        row = truth.row
        row_answer = {
            "answer_code": "answer-retention" if row.code == truth.code
            else "answer-retention-parent",
            "answer_params": {"code": truth.code, "row": row.code,
                              "row_label": scheme.get(row.code, ""),
                              "active": truth.active, "inactive": truth.inactive,
                              "disposition_msg": DISPOSITION_LABELS.get(row.disposition,
                                                                        row.disposition)}}
        ok = active == truth.active and inactive == truth.inactive
        items.append(_item(RETENTION, ok, RETENTION_POINTS if ok else 0, RETENTION_POINTS,
                           competency, "retention-right" if ok else "retention-wrong",
                           {"active": active, "inactive": inactive} if ok else {},
                           given=[active, inactive], expected=[truth.active, truth.inactive],
                           row=row.code, **row_answer))
        ok = disposition == row.disposition
        items.append(_item(DISPOSITION, ok, DISPOSITION_POINTS if ok else 0,
                           DISPOSITION_POINTS, competency,
                           "disposition-right" if ok else "disposition-wrong",
                           {"disposition_msg": DISPOSITION_LABELS.get(row.disposition,
                                                                      row.disposition)}
                           if ok else {}, given=disposition, expected=row.disposition,
                           row=row.code))
    return {"earned": sum(i["earned"] for i in items),
            "possible": sum(i["possible"] for i in items), "items": items}


def expected_label(item: dict[str, Any], gettext) -> str:
    """The expected value of a record's item, readable (shown only with the answers)."""
    expected_value = item.get("expected")
    kind = item.get("kind")
    if expected_value is None:
        return ""
    if kind == CODE:
        name = item.get("expected_name") or ""
        return f"{expected_value} — {name}" if name else str(expected_value)
    if kind == ACCESS:
        return gettext(ACCESS_LABELS.get(expected_value, str(expected_value)))
    if kind == RETENTION and isinstance(expected_value, list) and len(expected_value) == 2:
        return gettext(YEARS_LABEL).format(active=expected_value[0], inactive=expected_value[1])
    if kind == DISPOSITION:
        return gettext(DISPOSITION_LABELS.get(expected_value, str(expected_value)))
    return str(expected_value)
