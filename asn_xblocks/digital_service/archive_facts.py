"""Cohort-analytics facts and sections of filed records (pure Python).

Every graded item of a filed record becomes a row with the record's id as ``item_id`` and
its competency, so the training-needs evidence can name the record: the code (chosen ×
expected, for the code confusion table, and the same by top-level code, for a matrix small
enough to read), the access class (chosen × expected, a 4 × 4 confusion matrix like the
decision matrix), the retention periods and the disposition (ok / miss, with the JRA row
that applies as ``expected``, so error rates show per row — a row that sits on a parent
code is the usual trap), and the record as a whole.
"""
from __future__ import annotations

from typing import Any

from ..core import charts
from ..core.charts import Bar, Ctx
from ..core.i18n import N_
from . import archive, filing

GROUPS: dict[str, tuple[str, ...]] = {
    "code": ("expected", "value"),
    "code_top": ("expected", "value"),
    "access": ("expected", "value"),
    "retention": ("expected", "value"),
    "disposition": ("expected", "value"),
    "record": ("item_id", "value"),
}
TOP = {"code": 60}  # the most frequent (expected, chosen) pairs: schemes run to 1,000 codes
SCORED_KINDS = ("code", "access", "retention", "disposition")
TOP_RECORDS = 10
TOP_CONFUSIONS = 20
NO_CHOICE = ""

RULE_LABELS = {
    "code-right": N_("Right classification code"),
    "code-near": N_("Code under the right main heading, not the record's own"),
    "code-wrong": N_("Code under another main heading"),
    "code-none": N_("No code chosen"),
    "access-right": N_("Right access class"),
    "access-wrong": N_("Wrong access class"),
    "retention-right": N_("Retention read from the right JRA row"),
    "retention-wrong": N_("Retention not read from the JRA row that applies"),
    "retention-unknown": N_("No JRA row for the record's code"),
    "disposition-right": N_("Right final disposition"),
    "disposition-wrong": N_("Wrong final disposition"),
}


def rows(record: archive.Record, result: dict[str, Any]) -> list[dict[str, Any]]:
    """Fact rows of one graded record (``filing.grade``'s result)."""
    out: list[dict[str, Any]] = []
    rid = record.id
    for item in result["items"]:
        common = {"item_id": rid, "value": "ok" if item["ok"] else "miss",
                  "earned": float(item["earned"]), "possible": float(item["possible"]),
                  "competency": item.get("competency") or ""}
        out.append({"kind": "rule", **common, "item_id": item["code"], "competency": ""})
        if item["kind"] == filing.CODE:
            given = item.get("given") or NO_CHOICE
            expected = str(item.get("expected") or "")
            out.append({"kind": "code", **common, "value": given, "expected": expected})
            out.append({"kind": "code_top", **common, "competency": "", "earned": 0.0,
                        "possible": 0.0, "value": archive.top_code(given) if given else NO_CHOICE,
                        "expected": archive.top_code(expected)})
        elif item["kind"] == filing.ACCESS:
            out.append({"kind": "access", **common, "value": item.get("given") or NO_CHOICE,
                        "expected": str(item.get("expected") or "")})
        else:  # retention, disposition: per JRA row
            out.append({"kind": item["kind"], **common, "expected": str(item.get("row") or "")})
    out.append({"kind": "record", "item_id": rid,
                "value": "ok" if result["earned"] >= result["possible"] else "miss",
                "earned": float(result["earned"]), "possible": float(result["possible"])})
    return out


def item_label(content, kind: str, item_id: str, gettext) -> str | None:
    names = {"code": N_("Classification of “{record}”"), "access": N_("Access class of “{record}”"),
             "retention": N_("Retention of “{record}”"),
             "disposition": N_("Final disposition of “{record}”"), "record": N_("“{record}”")}
    if kind not in names:
        return None
    record = content.record(item_id)
    return gettext(names[kind]).format(record=record.title if record else item_id)


# --- sections ------------------------------------------------------------------------------

def sections(content, stats: dict[str, list[dict[str, Any]]], ctx: Ctx) -> list[dict[str, Any]]:
    """Only for desks with records: the code and access confusions, the retention and
    disposition error rates per JRA row, the records most often got wrong."""
    if not content.records:
        return []
    return [_codes(content, stats, ctx), _access(stats, ctx), _retention(content, stats, ctx),
            _records(content, stats, ctx)]


def _matrix(ctx: Ctx, name: str, title: str, desc: str, keys: list[str], labels: list[str],
            cells: dict[tuple[str, str], int]) -> dict[str, Any]:
    _ = ctx.gettext
    columns = list(keys) + ([NO_CHOICE] if any(v == NO_CHOICE for _e, v in cells) else [])
    column_labels = labels + ([_("No choice")] if NO_CHOICE in columns else [])
    counts = [[cells.get((expected, chosen), 0) for chosen in columns] for expected in keys]
    chart_id = ctx.chart_id(name)
    svg = charts.matrix_chart(labels, column_labels, counts, chart_id, title, desc,
                              row_axis=_("Expected"), column_axis=_("Chosen"),
                              legend=_("Framed cells: the right answer"))
    table = []
    for expected, label, row in zip(keys, labels, counts):
        total = sum(row)
        table.append([label] + [charts.cell(n, str(n)) for n in row]
                     + [charts.cell(total, str(total)),
                        ctx.pct(charts.share(cells.get((expected, expected), 0), total))])
    header = [_("Expected \\ chosen")] + column_labels + [_("Total"), _("Right")]
    return charts.figure(chart_id, title, svg, header, table)


def _codes(content, stats, ctx: Ctx) -> dict[str, Any]:
    _ = ctx.gettext
    scheme = content.scheme()
    figures = []
    tops = {(r["expected"], r["value"]): r["n"] for r in stats.get("code_top", [])}
    keys = sorted({e for e, _v in tops} | {v for _e, v in tops if v != NO_CHOICE})
    if keys:
        figures.append(_matrix(
            ctx, "code-top", _("Main headings: expected × chosen"),
            _("How often records of each main heading (rows) were filed under each main "
              "heading (columns). Cells on the framed diagonal are right. The table gives the "
              "same counts."), keys, [f"{k} {scheme.get(k, '')}".strip() for k in keys], tops))
    pairs = [r for r in stats.get("code", []) if r["value"] != r["expected"]]
    totals: dict[str, int] = {}
    for r in stats.get("code", []):
        totals[r["expected"]] = totals.get(r["expected"], 0) + r["n"]
    pairs = sorted(pairs, key=lambda r: (-r["n"], r["expected"], r["value"]))[:TOP_CONFUSIONS]
    if pairs:
        bars, table = [], []
        for r in pairs:
            chosen = r["value"] or _("No choice")
            label = f"{r['expected']} → {chosen}"
            fraction = charts.share(r["n"], totals.get(r["expected"], 0)) or 0.0
            bars.append(Bar(label, fraction * 100, f"{ctx.percent_text(fraction)} ({r['n']})"))
            table.append([f"{r['expected']} {scheme.get(r['expected'], '')}".strip(),
                          f"{r['value']} {scheme.get(r['value'], '')}".strip() or chosen,
                          charts.cell(r["n"], str(r["n"])), ctx.pct(fraction)])
        figures.append(ctx.bar_figure(
            "code-confusions", _("Codes confused"),
            _("The codes most often chosen instead of the right one: each bar is the share of "
              "the filings of records with that code that chose the other code. The table gives "
              "the labels and counts."), bars,
            [_("Right code"), _("Chosen code"), _("Times"), _("Share")], table))
    return charts.section("codes", _("Classification codes"), figures,
                          empty=_("No learner has finished an attempt yet."))


def _access(stats, ctx: Ctx) -> dict[str, Any]:
    _ = ctx.gettext
    cells = {(r["expected"], r["value"]): r["n"] for r in stats.get("access", [])}
    if not cells:
        return charts.section("access", _("Access classification"), [],
                              empty=_("No learner has finished an attempt yet."))
    keys = list(archive.ACCESS_CLASSES)
    figure = _matrix(ctx, "access", _("Access classes: expected × chosen"),
                     _("How often records of each access class (rows) were given each class "
                       "(columns). Cells on the framed diagonal are right. The table gives the "
                       "same counts."), keys, [_(archive.ACCESS_LABELS[k]) for k in keys], cells)
    return charts.section("access", _("Access classification"), [figure])


def _retention(content, stats, ctx: Ctx) -> dict[str, Any]:
    _ = ctx.gettext
    scheme = content.scheme()
    figures = []
    for kind, title, desc in (
            ("retention", _("Retention error rate per JRA row"),
             _("Share of filings whose active and inactive retention did not match the JRA row "
               "that applies, per row, highest first. A row on a parent code covers the codes "
               "below it. The table gives the counts.")),
            ("disposition", _("Disposition error rate per JRA row"),
             _("Share of filings with a wrong final disposition, per JRA row, highest first. "
               "The table gives the counts."))):
        per: dict[str, list[int]] = {}
        for r in stats.get(kind, []):
            pair = per.setdefault(r["expected"], [0, 0])
            pair[0] += r["n"]
            if r["value"] == "miss":
                pair[1] += r["n"]
        if not per:
            continue
        items = sorted(per.items(), key=lambda kv: (-(kv[1][1] / kv[1][0]), kv[0]))
        bars, table = [], []
        for code, (judged, missed) in items:
            fraction = missed / judged if judged else 0.0
            label = f"{code} {scheme.get(code, '')}".strip() or "—"
            bars.append(Bar(label, fraction * 100, f"{ctx.percent_text(fraction)} ({missed}/{judged})"))
            table.append([label, charts.cell(judged, str(judged)), charts.cell(missed, str(missed)),
                          ctx.pct(fraction)])
        figures.append(ctx.bar_figure(kind, title, desc, bars,
                                      [_("JRA row"), _("Filings"), _("Errors"), _("Error rate")],
                                      table))
    return charts.section("retention", _("Retention and disposition"), figures,
                          empty=_("No learner has finished an attempt yet."))


def _records(content, stats, ctx: Ctx) -> dict[str, Any]:
    _ = ctx.gettext
    per: dict[str, list[float]] = {}
    for r in stats.get("record", []):
        entry = per.setdefault(r["item_id"], [0, 0, 0.0, 0.0])
        entry[0] += r["n"]
        entry[1] += r["n"] if r["value"] == "miss" else 0
        entry[2] += r["earned"] or 0.0
        entry[3] += r["possible"] or 0.0
    ranked = sorted(per.items(), key=lambda kv: (-kv[1][1] / kv[1][0], kv[0]))[:TOP_RECORDS]
    figures = []
    if ranked:
        bars, table = [], []
        for rid, (n, miss, earned, possible) in ranked:
            record = content.record(rid)
            label = record.title if record else rid
            fraction = miss / n
            bars.append(Bar(label, fraction * 100, f"{ctx.percent_text(fraction)} ({int(miss)}/{int(n)})"))
            table.append([label, charts.cell(int(n), str(int(n))), charts.cell(int(miss), str(int(miss))),
                          ctx.pct(fraction), ctx.pct(earned / possible if possible else None)])
        figures.append(ctx.bar_figure(
            "records", _("Records most often got wrong"),
            _("Share of learners who did not file each record fully right, highest first. The "
              "table also gives the average points."), bars,
            [_("Record"), _("Learners"), _("Not fully right"), _("Share"), _("Average points")],
            table))
    return charts.section("records", _("Records most often got wrong"), figures,
                          empty=_("No learner has finished an attempt yet."))
