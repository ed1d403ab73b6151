"""One rule for results awaiting staff grading, in every output (README "Instructor review,
analytics and Studio"): a staff-graded reflection not graded yet is left out of its
competency (neither its earned nor its possible points count) and the result is marked
"awaiting grading"; a cohort's figure is the mean of its learners' results.

One small cohort of the case study with ``reflection_grading="staff"`` — three learners
graded by staff, three waiting — and the per-competency figures read back from each output:
the learner view, the staff drill-down, the CSV, the LMS report, the analytics (JSON and
CSV) and its training-needs summary. They must agree, and each must mark the learners
whose reflection waits.

    learner   stage 1   r1 (integritas, 4 pts)   integritas        akuntabel
    andi_01   best      graded 2 / 4             (2 + 2) / 6  66.7  3 / 3  100
    budi_02   partial   waiting                  1 / 2        50.0  0 / 3    0
    citra_03  best      waiting                  2 / 2       100.0  3 / 3  100
    dewi_04   partial   graded 4 / 4             (1 + 4) / 6  83.3  0 / 3    0
    eko_05    best      graded 0 / 4             2 / 6        33.3  3 / 3  100
    fitri_06  partial   waiting                  1 / 2        50.0  0 / 3    0

    cohort (mean of the learners' results): integritas 63.9 %, akuntabel 50 %
"""
from __future__ import annotations

import csv
import io
import json
import re
from types import SimpleNamespace

import pytest
import webob
from django.utils import translation

from asn_xblocks.core.competencies import cohort_mean

from .case_fixtures import STAGE1_BEST, STAGE1_PARTIAL, case_xml
from .test_staff_handlers import finish_case, row_of, staff

GRADED = {"andi_01": {"c1": 2, "c2": 0}, "dewi_04": {"c1": 2, "c2": 2}, "eko_05": {"c1": 0, "c2": 0}}
WAITING = ["budi_02", "citra_03", "fitri_06"]
LEARNERS = ["andi_01", "budi_02", "citra_03", "dewi_04", "eko_05", "fitri_06"]
STAGE1 = {"andi_01": STAGE1_BEST, "budi_02": STAGE1_PARTIAL, "citra_03": STAGE1_BEST,
          "dewi_04": STAGE1_PARTIAL, "eko_05": STAGE1_BEST, "fitri_06": STAGE1_PARTIAL}
LABELS = ("Integrity", "Accountable")
EXPECTED = {  # worked out by hand above
    "Integrity": {"andi_01": 66.7, "budi_02": 50.0, "citra_03": 100.0, "dewi_04": 83.3,
                  "eko_05": 33.3, "fitri_06": 50.0},
    "Accountable": {"andi_01": 100.0, "budi_02": 0.0, "citra_03": 100.0, "dewi_04": 0.0,
                    "eko_05": 100.0, "fitri_06": 0.0},
}
AWAITING = "awaiting grading"
PERCENT = re.compile(r"(\d+(?:[.,]\d+)?)\s?%")


@pytest.fixture
def cohort(make_block, learner_anon):
    block = make_block(case_xml(grading="staff"))
    for student in LEARNERS:
        finish_case(block, student, stage1=STAGE1[student])
    for student, criteria in GRADED.items():
        row = row_of(block, student, learner_anon)
        status, data = staff(block, "staff_grade", {"learner": row.pk, "attempt": 1, "item": "r1",
                                                    "criteria": criteria, "version": 0})
        assert status == 200, data
    return block


def handle(block, handler, student="staff", payload=None, query="", lang="en"):
    """A handler called on the block as ``student``'s request gets it, in ``lang``: JSON
    handlers with ``payload``, GET handlers (the CSVs) with ``query``."""
    with translation.override(lang):
        instance = block.xblock(student)
        if payload is None:
            request = webob.Request.blank("/?" + query)
        else:
            request = webob.Request.blank("/", method="POST", body=json.dumps(payload).encode())
            request.content_type = "application/json"
        response = instance.runtime.handle(instance, handler, request)
        body = b"".join(response.app_iter) if response.app_iter is not None else response.body
    assert response.status_code == 200, body[:300]
    return body if payload is None else json.loads(body.decode("utf-8"))


def percent_of(text):
    found = PERCENT.search(text or "")
    return float(found.group(1).replace(",", ".")) if found else None


# --- each output, read back per learner: {label: {learner: (percent or None, marked)}} --------

def from_learner_view(block):
    out = {label: {} for label in LABELS}
    for student in LEARNERS:
        result = block.state(student)["view"]["result"]
        for row in result["competencies"]:
            out[row["label"]][student] = (row["percent"], AWAITING in (row.get("result_text") or ""))
    return out


def from_drill_down(block, learner_anon):
    out = {label: {} for label in LABELS}
    for student in LEARNERS:
        status, data = staff(block, "staff_learner", {"learner": row_of(block, student, learner_anon).pk})
        assert status == 200, data
        (attempt,) = data["attempts"]
        assert attempt["competencies"] == data["learner"]["competencies"]  # one attempt counts
        for row in data["learner"]["competencies"]:
            out[row["label"]][student] = (row["percent"], AWAITING in (row.get("result_text") or ""))
    return out


def from_csv(block, learner_anon):
    body = handle(block, "staff_csv", query="sep=%2C")
    assert body.startswith(b"\xef\xbb\xbf")
    header, *lines = list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))
    by_id = {dict(zip(header, line))["Anonymous id"]: dict(zip(header, line)) for line in lines}
    out = {label: {} for label in LABELS}
    for student in LEARNERS:
        line = by_id[learner_anon(student)]
        marked = line.get("Competencies awaiting grading", "")
        for label in LABELS:
            cell = line[f"Competency: {label} (%)"]
            value = None if cell in ("", AWAITING) else float(cell)
            out[label][student] = (value, label in marked.split("; "))
    return out


def from_lms_report(block):
    instance = block.xblock("staff")
    states = [SimpleNamespace(username=student, state=block.raw_state(student)[0])
              for student in LEARNERS]
    out = {label: {} for label in LABELS}
    for username, row in instance.generate_report_data(iter(states)):
        for label in LABELS:
            if row["Question"] == f"Competency: {label}":
                out[label][username] = (percent_of(row["Answer"]), AWAITING in row["Answer"])
    return out


def analytics_figures(data):
    """{label: (cohort percent, learners, learners awaiting grading)} from staff_analytics."""
    section = next(s for s in data["sections"] if s["id"] == "competencies")
    table = section["figures"][0]["table"]
    columns = table["columns"]
    waiting = next((i for i, c in enumerate(columns) if AWAITING in c.lower()), None)
    out = {}
    for row in table["rows"]:
        label = row[0].lstrip("⚠ ")
        out[label] = (row[1]["v"], row[2]["v"], row[waiting]["v"] if waiting is not None else 0)
    return out


def analytics_csv_figures(block):
    body = handle(block, "staff_analytics_csv", query="sep=%2C")
    lines = list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))
    out = {}
    for _section, table, label, column, value in lines[1:]:
        if table == "Average result per competency":
            label = label.lstrip("⚠ ")
            if column == "All learners: average":  # not a cohort's column
                out.setdefault(label, {})["percent"] = float(value)
            elif AWAITING in column.lower():
                out.setdefault(label, {})["awaiting"] = int(value)
    return out


# --- the test ----------------------------------------------------------------------------

def test_every_output_leaves_pending_items_out_the_same_way(cohort, learner_anon):
    block = cohort
    outputs = {
        "learner view": from_learner_view(block),
        "staff drill-down": from_drill_down(block, learner_anon),
        "CSV": from_csv(block, learner_anon),
        "LMS report": from_lms_report(block),
    }
    analytics = block.call("staff_analytics", {}, student="staff")
    assert analytics[0] == 200, analytics
    figures = analytics_figures(analytics[1])
    needs = analytics[1]["needs"]
    csv_figures = analytics_csv_figures(block)

    for label in LABELS:
        # every learner's result, the same in every per-learner output
        for name, found in outputs.items():
            percents = {student: value for student, (value, _marked) in found[label].items()}
            assert percents == pytest.approx(EXPECTED[label], abs=0.051), (name, label)
        # the cohort's figure: the mean of the learners' results, everywhere
        for name, found in outputs.items():
            mean, learners = cohort_mean(value / 100 for value, _marked in found[label].values())
            assert (round(mean * 100, 1), learners) == pytest.approx(
                (figures[label][0], figures[label][1]), abs=0.1), (name, label)
        assert csv_figures[label]["percent"] == pytest.approx(figures[label][0], abs=0.1)
    assert figures["Integrity"][0] == pytest.approx(63.9, abs=0.05)
    assert figures["Accountable"][0] == pytest.approx(50.0, abs=0.05)
    weak = {item["id"]: item for item in needs["items"]}
    assert weak["integritas"]["percent"] == pytest.approx(figures["Integrity"][0], abs=0.1)
    assert weak["akuntabel"]["percent"] == pytest.approx(figures["Accountable"][0], abs=0.1)

    # "awaiting grading": on the waiting learners' integritas only, in every output
    for name, found in outputs.items():
        marked = {student for student, (_value, flag) in found["Integrity"].items() if flag}
        assert marked == set(WAITING), name
        assert not any(flag for _value, flag in found["Accountable"].values()), name
    assert figures["Integrity"][2] == len(WAITING) and figures["Accountable"][2] == 0
    assert csv_figures["Integrity"]["awaiting"] == len(WAITING)
    assert weak["integritas"]["awaiting"] == len(WAITING)
    assert AWAITING in weak["integritas"]["text"] and AWAITING not in weak["akuntabel"]["text"]
    assert AWAITING in needs["text"].lower()


DECIMAL_POINT_PERCENT = re.compile(r"\d\.\d+\s?%")
ID_PERCENT = re.compile(r"\d+,\d+ %")


def shown_text(value):
    """The payload with SVG markup reduced to what it shows (attribute values such as
    width="100%" are not text for people)."""
    if isinstance(value, dict):
        return {key: shown_text(item) for key, item in value.items()}
    if isinstance(value, list):
        return [shown_text(item) for item in value]
    if isinstance(value, str) and value.lstrip().startswith("<svg"):
        return re.sub(r'\s[\w:-]+="[^"]*"', "", value)
    return value


def test_indonesian_payloads_write_percentages_the_indonesian_way(cohort, learner_anon):
    """'66,7 %' in Indonesian (decimal comma, a space before %), never '66.7%' or '66,7%'."""
    row = row_of(cohort, "andi_01", learner_anon)
    payloads = {
        "drill-down": handle(cohort, "staff_learner", payload={"learner": row.pk}, lang="id"),
        "analytics": handle(cohort, "staff_analytics", payload={}, lang="id"),
        "learner view": handle(cohort, "state", student="dewi_04", payload={}, lang="id"),
    }
    for name, payload in payloads.items():
        text = json.dumps(shown_text(payload), ensure_ascii=False)
        assert not DECIMAL_POINT_PERCENT.findall(text), (name, DECIMAL_POINT_PERCENT.findall(text)[:5])
        assert not re.findall(r"\d%", text), (name, re.findall(r".{30}\d%", text)[:5])
        assert ID_PERCENT.search(text), name
    drill = payloads["drill-down"]["learner"]
    assert {c["label"]: c["percent_text"] for c in drill["competencies"]} == {
        "Integritas": "66,7 %", "Akuntabel": "100 %"}
    dewi = payloads["learner view"]["view"]["result"]["competencies"]
    assert [c["result_text"] for c in dewi] == ["83,3 %", "0 %"]
    budi = handle(cohort, "state", student="budi_02", payload={}, lang="id")
    assert [c["result_text"] for c in budi["view"]["result"]["competencies"]] == [
        "50 % sejauh ini, menunggu penilaian", "0 %"]
