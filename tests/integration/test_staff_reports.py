"""The CSV download (streamed, BOM, separator, formula-injection escaping, anonymised ids)
and generate_report_data() (readable Problem Responses rows) for the three blocks."""
from __future__ import annotations

import copy
import csv
import io
import json
import types
from types import SimpleNamespace
from urllib.parse import quote

import pytest
import webob

from asn_xblocks.review.models import LearnerReview

from .case_fixtures import STAGE1_BEST, STAGE1_PARTIAL, case_xml
from .conftest import demo_xml
from .test_staff_handlers import finish_case, play_service, play_simulation, row_of, staff

DANGEROUS = ["=SUM(1+1)", "+cmd", "-2+3", "@import"]


def csv_download(block, query="", student="staff"):
    return block.download("staff_csv", query, student)


def parse(body: bytes, separator=","):
    assert body.startswith(b"\xef\xbb\xbf"), body[:10]  # UTF-8 BOM
    text = body.decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text), delimiter=separator))


@pytest.fixture
def report_block(make_block, learner_anon):
    block = make_block(case_xml(grading="staff"))
    for student in ["andi_01", "budi_02"] + DANGEROUS:  # the ids travel in URLs: quoted
        finish_case(block, quote(student, safe=""),
                    stage1=STAGE1_PARTIAL if student == "budi_02" else STAGE1_BEST)
    row = row_of(block, "andi_01", learner_anon)
    status, data = staff(block, "staff_override", {"learner": row.pk, "points": 7,
                                                   "reason": "=HYPERLINK(\"http://x\",\"y\"); ok",
                                                   "version": row.version})
    assert status == 200, data
    return block


@pytest.mark.workbench_only  # cohorts come from the demo's user service
def test_csv_is_utf8_with_bom_and_escapes_formulas(report_block, learner_anon):
    response = csv_download(report_block)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert 'attachment; filename="asn_case_study-results.csv"' == response["Content-Disposition"]
    rows = parse(response.content)
    header, body = rows[0], rows[1:]
    assert header[:4] == ["Learner", "Anonymous id", "Cohort", "Status"]
    assert "Competency: Integrity (%)" in header and "Competency: Accountable (%)" in header
    assert len(body) == 6
    by_name = {r[0]: dict(zip(header, r)) for r in body}
    for name in DANGEROUS:
        assert "'" + name in by_name, sorted(by_name)  # a leading apostrophe: text, not a formula
    assert all(not cell.startswith(("=", "+", "-", "@")) for r in body for cell in r)
    andi = by_name["andi_01"]
    assert andi["Anonymous id"] == learner_anon("andi_01")
    assert andi["Cohort"] == "Angkatan I" and by_name["budi_02"]["Cohort"] == "Angkatan II"
    assert andi["Override"] == "7" and andi["Points"] == "7" and andi["Points possible"] == "10"
    assert andi["Override reason"] == "'=HYPERLINK(\"http://x\",\"y\"); ok"
    assert andi["Override by"] == "staff" and andi["Override at"]
    assert andi["Status"] == "Awaiting grading" and andi["Pending reflections"] == "1"
    assert andi["Best (%)"] == "60"  # 6 of 10 until the reflection is graded
    assert by_name["budi_02"]["Best (%)"] == "20"
    # r1 awaits its grade: left out of integritas (q1's 1 of 2), and the row says so
    assert by_name["budi_02"]["Competency: Integrity (%)"] == "50"
    assert by_name["budi_02"]["Competencies awaiting grading"] == "Integrity"
    assert by_name["budi_02"]["Competency: Accountable (%)"] == "0"


def test_csv_semicolon_and_anonymised(report_block, learner_anon):
    response = csv_download(report_block, "sep=%3B&anonymise=1")
    assert response.status_code == 200
    rows = parse(response.content, ";")
    header, body = rows[0], rows[1:]
    assert header[0] == "Learner id" and "Learner" not in header
    assert "Override reason" not in header and "Override by" not in header
    text = response.content.decode("utf-8-sig")
    for name in ["andi_01", "budi_02"] + DANGEROUS:
        assert name not in text  # no usernames at all
    ids = {r[0] for r in body}
    assert learner_anon("andi_01") in ids and learner_anon("budi_02") in ids
    budi = dict(zip(header, next(r for r in body if r[0] == learner_anon("budi_02"))))
    assert budi["Competency: Integrity (%)"] == "50"  # q1's 1 of 2 (r1 awaits its grade)
    andi = dict(zip(header, next(r for r in body if r[0] == learner_anon("andi_01"))))
    assert andi["Competency: Integrity (%)"] == "100"
    assert andi["Override"] == "7"


def test_csv_bad_separator(report_block):
    response = csv_download(report_block, "sep=%7C")
    assert response.status_code == 400
    assert "separator" in json.loads(response.content)["error"]


def test_csv_is_streamed_row_by_row(report_block):
    """The handler hands the runtime a generator: nothing is built in memory first."""
    block = report_block.xblock("staff")
    response = block.runtime.handle(block, "staff_csv", webob.Request.blank("/?sep=%2C"))
    assert isinstance(response.app_iter, types.GeneratorType)
    chunks = list(response.app_iter)
    assert len(chunks) == 7  # header + one chunk per learner
    assert chunks[0].startswith(b"\xef\xbb\xbf")


# --- generate_report_data ----------------------------------------------------------------

def user_states(block, students):
    return [SimpleNamespace(username=student, state=block.raw_state(student)[0])
            for student in students]


def block_instance(block):
    return block.xblock("staff")


def test_report_data_for_the_case_study(make_block, learner_anon):
    block = make_block(case_xml(grading="staff"))
    finish_case(block, "andi_01")
    finish_case(block, "budi_02", stage1=STAGE1_PARTIAL)
    assert block.act(STAGE1_BEST, student="cici_03")[0] == 200  # mid-attempt
    row = row_of(block, "andi_01", learner_anon)
    status, _data = staff(block, "staff_grade", {"learner": row.pk, "attempt": 1, "item": "r1",
                                                 "criteria": {"c1": 2, "c2": 0}, "version": 0})
    assert status == 200
    instance = block_instance(block)
    report = instance.generate_report_data(iter(user_states(block, ["andi_01", "budi_02",
                                                                     "cici_03"])))
    assert isinstance(report, types.GeneratorType)
    rows = list(report)
    andi = [r for u, r in rows if u == "andi_01"]
    assert andi == [
        {"Question": "Pick one", "Answer": "Alpha", "Points": "2 / 2"},
        {"Question": "Pick many", "Answer": "Right one; Right two", "Points": "3 / 3"},
        {"Question": "Reflect", "Answer": "I would refuse and report it", "Points": "2 / 4"},
        {"Question": "Last", "Answer": "Yes", "Points": "1 / 1"},
        {"Question": "Competency: Integrity", "Answer": "66.7%", "Points": "4 / 6"},
        {"Question": "Competency: Accountable", "Answer": "100%", "Points": "3 / 3"},
    ]
    budi = [r for u, r in rows if u == "budi_02"]
    assert budi[0] == {"Question": "Pick one", "Answer": "Beta", "Points": "1 / 2"}
    assert budi[2]["Points"] == "awaiting grading"
    # the reflection awaiting its grade is left out of integritas, which says so
    assert budi[4] == {"Question": "Competency: Integrity",
                       "Answer": "50% so far, awaiting grading", "Points": "1 / 2"}
    cici = [r for u, r in rows if u == "cici_03"]
    # submitted stage only; no competency results before the attempt is finished
    assert [r["Question"] for r in cici] == ["Pick one", "Pick many"]
    limited = list(instance.generate_report_data(iter(user_states(block, ["andi_01", "budi_02"])),
                                                 limit_responses=3))
    assert len(limited) == 3


def test_report_reads_review_rows_per_chunk_not_per_learner(make_block, monkeypatch,
                                                            django_assert_max_num_queries):
    """A 100,000-learner report must not run a query per learner: three per chunk."""
    block = make_block(case_xml(grading="staff"))
    names = [f"learner_{i:02d}" for i in range(5)]
    for name in names:
        finish_case(block, name)
    instance = block_instance(block)
    states = user_states(block, names)
    expected = list(instance.generate_report_data(iter(states)))
    # four answers and two competency results per learner
    assert {u for u, _r in expected} == set(names) and len(expected) == 6 * len(names)
    with django_assert_max_num_queries(3):
        assert list(instance.generate_report_data(iter(states))) == expected
    monkeypatch.setattr(type(instance), "REPORT_CHUNK", 2)
    with django_assert_max_num_queries(9):  # three chunks
        assert list(instance.generate_report_data(iter(states))) == expected


@pytest.mark.parametrize("kind", ["case", "simulation", "desk"])
def test_report_leaves_the_learner_states_it_reads_unchanged(make_block, kind):
    """The report reads states without copying them (one copy per learner was half its
    time): nothing in it may write into a state."""
    if kind == "case":
        block = make_block(case_xml(grading="staff"))
        play = lambda name: finish_case(block, name)  # noqa: E731
    elif kind == "simulation":
        block = make_block(demo_xml("asn_change_simulation", "03_e_performance_en.xml"))
        play = lambda name: play_simulation(block, name, [0] * 40)  # noqa: E731
    else:
        block = make_block(demo_xml("asn_digital_service", "03_business_permit_en.xml"))
        play = lambda name: play_service(block, name, right=False)  # noqa: E731
    for name in ("andi_01", "budi_02"):
        play(name)
    states = user_states(block, ["andi_01", "budi_02"]) * 2  # the same dicts read twice
    before = copy.deepcopy(states)
    rows = list(block_instance(block).generate_report_data(iter(states)))
    assert rows and states == before
    assert rows[:len(rows) // 2] == rows[len(rows) // 2:]


def test_report_data_after_retry_uses_the_recorded_attempt(make_block):
    block = make_block(case_xml(grading="completion", max_attempts=2))
    finish_case(block, "andi_01")
    version = block.state("andi_01")["version"]
    assert block.call("retry", {"version": version}, student="andi_01")[0] == 200
    rows = list(block_instance(block).generate_report_data(iter(user_states(block, ["andi_01"]))))
    assert [r["Answer"] for _u, r in rows] == ["Alpha", "Right one; Right two",
                                               "I would refuse and report it", "Yes",
                                               "100%", "100%"]  # its competency results


def test_report_data_for_the_simulation(make_block):
    block = make_block(demo_xml("asn_change_simulation", "03_e_performance_en.xml"))
    play_simulation(block, "andi_01", [0] * 40)
    rows = list(block_instance(block).generate_report_data(iter(user_states(block, ["andi_01"]))))
    assert len(rows) >= 2
    assert all(u == "andi_01" for u, _r in rows)
    assert all(set(r) == {"Question", "Answer", "Points"} for _u, r in rows)
    assert all(r["Answer"] and "{" not in r["Answer"] for _u, r in rows)
    answers = [r for _u, r in rows if not r["Question"].startswith("Competency: ")]
    assert answers[-1]["Question"] == "Ending" and "/ 100" in answers[-1]["Points"]
    results = rows[len(answers):]  # the finished attempt's competency results come last
    assert results and all(r["Question"].startswith("Competency: ") and r["Answer"].endswith("%")
                           for _u, r in results)


def test_report_data_for_the_service_desk(make_block):
    block = make_block(demo_xml("asn_digital_service", "03_business_permit_en.xml"))
    play_service(block, "andi_01", right=False)
    rows = list(block_instance(block).generate_report_data(iter(user_states(block, ["andi_01"]))))
    assert rows
    results = [r for _u, r in rows if r["Question"].startswith("Competency: ")]
    assert results and all(r["Answer"].endswith("%") and " / " in r["Points"] for r in results)
    for _user, row in rows[:len(rows) - len(results)]:
        assert " — " in row["Question"]
        assert row["Answer"].startswith("Decision: Reject;")
        assert " / " in row["Points"]
        assert "{" not in row["Answer"]


def test_no_row_for_learners_who_did_nothing(make_block):
    block = make_block(case_xml())
    block.state("idle_01")
    states = [SimpleNamespace(username="idle_01", state={}),
              SimpleNamespace(username="ghost", state={"learner_state": {"schema": 99}})]
    assert list(block_instance(block).generate_report_data(iter(states))) == []
    assert not LearnerReview.objects.filter(username="idle_01").exists()
