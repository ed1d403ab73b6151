"""Records to file: the truth (the JRA row of the code or of its nearest ancestor), the
points (2 for the code, 1 when only its top-level code is right; 1 access; 1 both retention
periods; 1 disposition), the explanations, strict forms, one queue with requests, drafts,
reports, analytics facts and the staff drill-down."""
import json

import pytest
from test_ds_support import DESK, RECORDS, file_record, parse_text, records_desk, right_record_form, submit

from asn_xblocks.core.actions import ActionError
from asn_xblocks.core.engine_api import Reveal
from asn_xblocks.core.forms import clean_content
from asn_xblocks.digital_service import archive, editor_schema, facts, filing, records
from asn_xblocks.digital_service.core import CORE

ANSWERS = Reveal(correctness=True, answers=True)
CORRECTNESS = Reveal(correctness=True, answers=False)


def _grade(record_id, **changes):
    content = records_desk()
    form = {**right_record_form(content, record_id), **changes}
    return filing.grade(content.record(record_id), form, content.scheme(), content.schedule())


def _items(result):
    return {i["kind"]: i for i in result["items"]}


def test_lineage_parent_and_top():
    assert archive.lineage("000.5.2") == ["000", "000.5", "000.5.2"]
    assert archive.parent_code("000.5.2") == "000.5" and archive.parent_code("000") is None
    assert archive.top_code("800.2.1") == "800"


def test_retention_comes_from_the_nearest_ancestor_row():
    content = records_desk()
    schedule = content.schedule()
    assert archive.retention_for("000.5.2", schedule).code == "000.5"  # no row of its own
    assert archive.retention_for("000.5", schedule).code == "000.5"
    assert archive.retention_for("800.1", schedule).code == "800.1"  # its own row wins
    assert archive.retention_for("999", schedule) is None


def test_full_marks():
    result = _grade("x1")
    assert (result["earned"], result["possible"]) == (5, 5)
    assert {k: i["earned"] for k, i in _items(result).items()} == {
        "code": 2, "access": 1, "retention": 1, "disposition": 1}


def test_code_sharing_the_top_level_earns_one_point():
    near = _items(_grade("x2", code="800.1"))["code"]
    assert (near["earned"], near["ok"], near["code"]) == (1, False, "code-near")
    far = _items(_grade("x2", code="000.5"))["code"]
    assert (far["earned"], far["code"]) == (0, "code-wrong")


def test_retention_needs_both_periods_and_disposition_is_apart():
    items = _items(_grade("x1", active=2, inactive=1))
    assert items["retention"]["earned"] == 0 and items["disposition"]["earned"] == 1
    items = _items(_grade("x3", disposition="musnah"))
    assert items["retention"]["earned"] == 1 and items["disposition"]["earned"] == 0
    assert _items(_grade("x2", access="biasa"))["access"]["earned"] == 0


def test_retention_is_judged_against_the_right_row_even_with_a_wrong_code():
    # the learner picked 000.5 (its row: 2/3 musnah) for x3, whose row 800.1 says 5/10 permanen
    items = _items(_grade("x3", code="000.5", active=2, inactive=3, disposition="musnah"))
    assert items["retention"]["earned"] == 0 and items["disposition"]["earned"] == 0


def test_explanations_keep_the_key_until_the_answers_may_be_shown():
    content = records_desk()
    wrong = {"code": "800.1", "access": "biasa", "active": 2, "inactive": 3,
             "disposition": "musnah"}
    attempt = file_record(content, CORE.new_attempt(content, 3), "x2", wrong).attempt
    hidden = CORE.learner_view(content, attempt, CORRECTNESS, locale="en")["requests"]["x2"]
    text = json.dumps(hidden["result"])
    assert "800.2" not in text and "Mutasi" not in text and "Limited" not in text
    assert "nearest parent code" in text  # the rule is named
    shown = CORE.learner_view(content, attempt, ANSWERS, locale="en")["requests"]["x2"]
    items = {i["kind"]: i for i in shown["result"]["items"]}
    assert "800 Kepegawaian › 800.2 Mutasi" in items["code"]["message"]
    assert items["code"]["expected_label"] == "800.2 — Mutasi"
    assert items["access"]["expected_label"] == "Limited"
    assert "JRA row of 800.2" in items["retention"]["message"]
    assert items["retention"]["expected_label"] == "3 / 5 (years)"
    assert "SECRET-EXPLAIN-X2" in shown["explain_html"]


def test_a_row_on_the_parent_is_named_as_such():
    content = records_desk()
    attempt = file_record(content, CORE.new_attempt(content, 3), "x1",
                          {**right_record_form(content, "x1"), "active": 9}).attempt
    view = CORE.learner_view(content, attempt, ANSWERS, locale="en")
    message = {i["kind"]: i for i in view["requests"]["x1"]["result"]["items"]}["retention"]["message"]
    assert "has no JRA row of its own" in message and "000.5 (Ketatausahaan)" in message


@pytest.mark.parametrize("form,fragment", [
    ({"code": "999"}, "Unknown classification code"),
    ({"code": 5}, "Choose the classification code"),
    ({"access": "public"}, "access classification"),
    ({"active": "2"}, "whole number"),
    ({"active": True}, "whole number"),
    ({"active": 2.5}, "whole number"),
    ({"inactive": -1}, "between 0 and"),
    ({"inactive": 101}, "between 0 and"),
    ({"disposition": "burn"}, "final disposition"),
    ({"colour": "red"}, "Unknown form field"),
    ({"note": "x" * 2001}, "at most"),
])
def test_bad_record_forms_are_refused_and_change_nothing(form, fragment):
    content = records_desk()
    attempt = CORE.new_attempt(content, 1)
    before = json.dumps(attempt, sort_keys=True)
    with pytest.raises(ActionError) as info:
        CORE.apply_action(content, attempt, {"type": "submit_record", "record": "x1",
                                             "form": {**right_record_form(content, "x1"), **form}})
    assert info.value.status == 400 and fragment in str(info.value)
    assert json.dumps(attempt, sort_keys=True) == before


def test_unknown_record_wrong_kind_and_resubmission():
    content = records_desk()
    attempt = CORE.new_attempt(content, 1)
    for action in ({"type": "submit_record", "record": "nope", "form": {}},
                   {"type": "submit_record", "record": 3, "form": {}},
                   {"type": "submit_request", "request": "x1", "form": {}}):
        with pytest.raises(ActionError) as info:
            CORE.apply_action(content, attempt, action)
        assert info.value.status == 400
    attempt = file_record(content, attempt, "x1").attempt
    with pytest.raises(ActionError) as info:
        file_record(content, attempt, "x1")
    assert info.value.status == 409


def test_drafts_of_records():
    content = records_desk()
    attempt = CORE.new_attempt(content, 1)
    attempt = CORE.save_draft(content, attempt, {"record": "x2", "form": {"code": "800.2", "active": 3}})
    view = CORE.learner_view(content, attempt, ANSWERS)
    assert view["requests"]["x2"]["draft"] == {"code": "800.2", "active": 3}
    assert view["requests"]["x2"]["status"] == "draft"
    with pytest.raises(ActionError):
        CORE.save_draft(content, attempt, {"record": "x2", "form": {"code": "nope"}})


MIXED = DESK.replace("</asn_digital_service>", RECORDS.split("</intro>", 1)[1].replace(
    "</asn_digital_service>", "") + "</asn_digital_service>")


def test_one_queue_holds_requests_and_records():
    content = parse_text(MIXED.format(root_attrs=""))
    assert [p.code for p in CORE.validate(content) if p.is_error] == []
    attempt = CORE.new_attempt(content, 1)
    assert attempt["order"] == ["a", "b", "c", "x1", "x2", "x3"]
    view = CORE.learner_view(content, attempt, ANSWERS, locale="id")
    # ordered by date received, urgent first within a day
    assert [q["id"] for q in view["queue"]] == ["b", "a", "x1", "x2", "c", "x3"]
    assert {q["kind"] for q in view["queue"]} == {"request", "record"}
    assert view["queue"][2]["name"] == "Undangan rapat koordinasi"
    assert CORE.raw_maximum(content) == 18 + 15
    for tid in attempt["order"]:
        attempt = (file_record(content, attempt, tid) if content.record(tid)
                   else submit(content, attempt, tid)).attempt
    assert attempt["finished"]
    score = CORE.score(content, attempt)
    assert score.earned == score.possible == 33
    assert score.competencies.possible["akuntabel"] >= 15
    rows = CORE.report_rows(content, attempt)
    assert len(rows) == 6 and rows[3].answer.startswith("Code: 000.5.2 Undangan; Access: Regular")


def test_archive_view_is_the_same_for_every_record():
    content = records_desk()
    view = CORE.learner_view(content, CORE.new_attempt(content, 1), ANSWERS, locale="id")
    references = view["archive"]
    assert [c["code"] for c in references["scheme"]][:3] == ["000", "000.5", "000.5.2"]
    assert references["scheme"][2]["depth"] == 2
    row = [r for r in references["schedule"] if r["code"] == "800.1"][0]
    assert (row["active"], row["inactive"], row["disposition"]) == (5, 10, "permanen")
    assert [a["id"] for a in references["access"]] == list(archive.ACCESS_CLASSES)
    # a pure service desk sends no archive references
    assert CORE.learner_view(parse_text(DESK.format(root_attrs="")),
                             CORE.new_attempt(parse_text(DESK.format(root_attrs="")), 1),
                             ANSWERS)["archive"] is None


def test_round_trip_and_the_editor_form():
    content = records_desk()
    again = CORE.parse(CORE.export(content))
    assert CORE.to_dict(again) == CORE.to_dict(content)
    form = CORE.to_dict(content)
    assert clean_content(editor_schema.SCHEMA, form) == form
    insight = editor_schema.insights(content, [], lambda s: s, "en")["items"]["x1"]
    assert "JRA row 000.5: active 2, inactive 3 (years), final disposition “Destroy”" in insight["lines"]


def _finished(content):
    attempt = CORE.new_attempt(content, 1)
    attempt = file_record(content, attempt, "x1").attempt
    attempt = file_record(content, attempt, "x2", {"code": "800.1", "access": "biasa",
                                                   "active": 2, "inactive": 3,
                                                   "disposition": "musnah"}).attempt
    return file_record(content, attempt, "x3", {"code": "000.5", "access": "rahasia",
                                                "active": 5, "inactive": 10,
                                                "disposition": "permanen"}).attempt


def test_analytics_facts_of_records():
    content = records_desk()
    record = CORE.answer_record(content, _finished(content))
    assert set(record["records"]) == {"x1", "x2", "x3"} and record["requests"] == {}
    rows = facts.facts(content, record)
    codes = [(r["expected"], r["value"]) for r in rows if r["kind"] == "code"]
    assert codes == [("000.5.2", "000.5.2"), ("800.2", "800.1"), ("800.1", "000.5")]
    tops = [(r["expected"], r["value"]) for r in rows if r["kind"] == "code_top"]
    assert tops == [("000", "000"), ("800", "800"), ("800", "000")]
    access = [(r["expected"], r["value"]) for r in rows if r["kind"] == "access"]
    assert access == [("biasa", "biasa"), ("terbatas", "biasa"), ("rahasia", "rahasia")]
    retention = [(r["expected"], r["value"]) for r in rows if r["kind"] == "retention"]
    assert retention == [("000.5", "ok"), ("800.2", "miss"), ("800.1", "ok")]
    competency = [r for r in rows if r["kind"] == "competency"][0]
    assert (competency["item_id"], competency["earned"], competency["possible"]) == \
        ("akuntabel", 10.0, 15.0)
    assert facts.item_label(content, "access", "x2", lambda s: s) == \
        "Access class of “Usul mutasi pegawai”"


def test_analytics_sections_show_the_confusions():
    from asn_xblocks.core.charts import Ctx

    content = records_desk()
    rows = facts.facts(content, CORE.answer_record(content, _finished(content)))
    stats: dict = {}
    for kind, fields in facts.GROUPS.items():
        groups: dict = {}
        for row in (r for r in rows if r["kind"] == kind):
            key = tuple(row.get(f) for f in fields)
            entry = groups.setdefault(key, {**{f: row.get(f) for f in fields}, "n": 0,
                                            "earned": 0.0, "possible": 0.0})
            entry["n"] += 1
            entry["earned"] += row.get("earned") or 0.0
            entry["possible"] += row.get("possible") or 0.0
        stats[kind] = list(groups.values())
    sections = facts.sections(content, stats, Ctx(gettext=lambda s: s))
    ids = [s["id"] for s in sections]
    assert ids == ["codes", "access", "retention", "records"]  # no request sections
    access = sections[1]["figures"][0]["table"]["rows"]
    assert [cell["v"] for cell in access[1][1:5]] == [1, 0, 0, 0]  # limited filed as regular
    confusions = sections[0]["figures"][1]["table"]["rows"]
    assert confusions[0][0].startswith("800.1") or confusions[0][0].startswith("800.2")


def test_staff_drill_down_and_csv_rows():
    content = records_desk()
    record = CORE.answer_record(content, _finished(content))
    steps = records.record_rows(content, record, gettext=lambda s: s)
    assert [s["kind"] for s in steps] == ["record"] * 3
    assert steps[1]["mark"] == "partial" and steps[1]["points"] == "2 / 5"
    assert any("(expected: 800.2 — Mutasi)" in n for n in steps[1]["notes"])
    assert "SECRET-EXPLAIN-X2" in steps[1]["feedback_html"]
    attempt = records.attempt_from_record(content, record)
    assert attempt["submitted"]["x1"]["kind"] == "record"
    assert [r.points for r in records.report_rows(content, record)] == ["5 / 5", "2 / 5", "3 / 5"]


def test_rescore_picks_up_an_authors_fix_and_removed_records_keep_points():
    content = records_desk()
    attempt = _finished(content)
    fixed = parse_text(RECORDS.format(root_attrs="").replace(
        'code="800.2" access="terbatas"', 'code="800.1" access="biasa"'))
    assert CORE.score(fixed, attempt).earned > CORE.score(content, attempt).earned
    gone = parse_text(RECORDS.format(root_attrs="").split('  <record id="x3"')[0]
                      + "</asn_digital_service>")
    assert not CORE.fits(gone, attempt)
    assert CORE.answer_record(gone, attempt)["records"]["x3"]["earned"] == 3
