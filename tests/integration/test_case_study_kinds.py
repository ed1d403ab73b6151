"""Classification and numeric questions through the real handlers (workbench and the
platform-faithful runtime): a learner answering in Indonesian and in English, refusals that
change nothing, what the page holds before submission, staff drill-down, the LMS report and
the cohort analytics."""
from __future__ import annotations

import json
from types import SimpleNamespace

import pytest

from .case_fixtures import ALL_RIGHT, kinds_xml, submit
from .test_staff_handlers import row_of, staff

STAGE2 = submit({"q4": "a"}, stage="s2")


def play(block, student, answers, locale="id"):
    status, data = block.act(submit(answers, locale), student=student)
    assert status == 200, data
    status, data = block.act(submit({"q4": "a"}, locale, "s2"), student=student)
    assert status == 200, data
    return data


def test_a_learner_answers_in_indonesian_and_gets_every_point(make_block, learner_anon):
    block = make_block(kinds_xml("id"))
    with block.capture_publish() as publish:
        status, data = block.act(submit(ALL_RIGHT, "id"))
        assert status == 200, data
        q1, q2, q3 = data["view"]["stages"][0]["items"]
        assert [s["mark"] for s in q1["items"]] == ["correct"] * 4
        # the view shows the number read in the page's language (the test client's: English)
        assert (q2["locale"], q2["answer_text"], q2["mark"]) == ("en", "87.5", "correct")
        assert q3["answer_text"] == "1,500,000"
        status, data = block.act(STAGE2)
        assert status == 200, data
    assert data["view"]["finished"] and data["score"]["label"] == "Score: 8 / 8"
    grades = [c.args[2] for c in publish.call_args_list if c.args[1] == "grade"]
    assert grades == [{"value": 8.0, "max_value": 8.0, "only_if_higher": None}]
    submitted = [c.args[2] for c in publish.call_args_list
                 if c.args[1].endswith("stage_submitted")]
    assert submitted[0]["earned"] == 7 and submitted[0]["possible"] == 7
    assert block.gradebook() == (8, 8)


def test_english_formats_and_partial_credit(make_block, learner_anon):
    block = make_block(kinds_xml("en"))
    answers = {"q1": {"i1": "hasil", "i2": "hasil", "i3": "hasil", "i4": "kegiatan"},
               "q2": "88", "q3": "1,500,000"}
    data = play(block, "learner", answers, "en")
    # classify 3 of 4 statements → 3 of 4 points; 88 is within 0.5 of 87.5; 1,500,000 right
    assert data["score"]["label"] == "Score: 7 / 8"


@pytest.fixture
def started(make_block):
    block = make_block(kinds_xml("id"))
    return block


def bad_answers():
    placed = ALL_RIGHT["q1"]
    return [
        (dict(ALL_RIGHT, q1=dict(placed, i9="hasil")), "q1", "is not a statement"),
        (dict(ALL_RIGHT, q1=dict(placed, i1="lain")), "q1", "is not a category"),
        (dict(ALL_RIGHT, q1={"i1": "hasil"}), "q1", "every statement"),
        (dict(ALL_RIGHT, q2="87.5"), "q2", "for example"),     # English decimal on an id page
        (dict(ALL_RIGHT, q3="1,500,000"), "q3", "for example"),
        (dict(ALL_RIGHT, q2="delapan puluh"), "q2", "for example"),
        (dict(ALL_RIGHT, q2=""), "q2", "Type a number"),
        ({"q1": placed, "q2": "87,5"}, None, "Answer every question"),
    ]


@pytest.mark.parametrize("answers, item, words", bad_answers())
def test_bad_answers_are_refused_with_400_and_change_nothing(started, answers, item, words):
    block = started
    before = block.state()
    status, data = block.act(submit(answers, "id"))
    assert status == 400, data
    assert words in data["error"]
    assert data.get("item") == item if item else True
    after = block.state()
    assert after["version"] == before["version"] and after["view"] == before["view"]


@pytest.mark.workbench_only  # reads the workbench's stored state
def test_an_unreadable_number_names_the_format_and_leaves_the_state_alone(started):
    block = started
    block.state()
    before = block.raw_state()
    status, data = block.act(submit(dict(ALL_RIGHT, q2="87.5"), "id"))
    assert status == 400 and data["item"] == "q2"
    assert '"87.5" cannot be read as a number' in data["error"]
    assert '"," before the decimals' in data["error"]
    assert block.raw_state() == before


def test_drafts_through_the_handler(started):
    block = started
    version = block.state()["version"]
    status, data = block.call("draft", {"version": version,
                                        "draft": {"question": "q1", "choice": {"i1": "hasil"}}})
    assert status == 200, data
    status, data = block.call("draft", {"version": version,
                                        "draft": {"question": "q2", "choice": "87,"}})
    assert status == 200, data
    items = block.state()["view"]["stages"][0]["items"]
    assert items[0]["draft"] == {"i1": "hasil"} and items[1]["draft"] == "87,"
    for bad in ({"question": "q1", "choice": {"i1": "lain"}},
                {"question": "q2", "choice": ["87"]}):
        status, data = block.call("draft", {"version": version, "draft": bad})
        assert status == 400, data
    assert block.state()["view"]["stages"][0]["items"][0]["draft"] == {"i1": "hasil"}


def test_the_page_and_state_hold_no_key_before_submission(started):
    block = started
    page = block.page(view="bare")
    state = json.dumps(block.state(), ensure_ascii=False)
    for text in (page, state):
        for secret in ("ITEMFEEDBACKONE", "WORKINGSECRET", "87,5", "1.500.000", "87.5",
                       'category="', '"key"', '"mark"'):
            assert secret not in text, secret


def test_staff_drill_down_and_the_lms_report(make_block, learner_anon):
    block = make_block(kinds_xml("id"))
    answers = dict(ALL_RIGHT, q1=dict(ALL_RIGHT["q1"], i2="hasil"), q2="86")
    play(block, "andi_01", answers)
    row = row_of(block, "andi_01", learner_anon)
    status, data = staff(block, "staff_learner", {"learner": row.pk})
    assert status == 200, data
    steps = data["attempts"][0]["steps"]
    assert steps[0]["points"] == "3 / 4" and steps[0]["mark"] == "partial"
    assert "✗ Coordination meeting held → Result" in steps[0]["answers"]
    assert steps[1]["answer"] == "86 %" and steps[1]["mark"] == "incorrect"
    instance = block.xblock("staff")
    states = [SimpleNamespace(username="andi_01", state=block.raw_state("andi_01")[0])]
    rows = [r for _u, r in instance.generate_report_data(iter(states))]
    assert rows[0]["Points"] == "3 / 4" and "Coordination meeting held → Result" in rows[0]["Answer"]
    assert rows[1] == {"Question": "Achievement?", "Answer": "86 %", "Points": "0 / 2"}
    assert rows[2]["Answer"].startswith("Rp") and rows[2]["Points"] == "1 / 1"


def test_analytics_show_placements_and_the_numbers_given(make_block):
    block = make_block(kinds_xml("id"))
    play(block, "andi_01", ALL_RIGHT)
    play(block, "budi_02", dict(ALL_RIGHT, q1=dict(ALL_RIGHT["q1"], i1="kegiatan"), q2="86"))
    status, data = block.call("staff_analytics", {}, student="staff")
    assert status == 200, data
    answers = next(s for s in data["sections"] if s["id"] == "answers")
    q1, q2, q3 = answers["figures"][:3]
    first = q1["table"]["rows"][0]
    assert first[:2] == ["Permits issued on time", "Result"]
    assert [c["t"] for c in first[2:]] == ["50%", "50%"]
    # in order of value, the right one marked (the staff page's language: English here)
    assert [row[0] for row in q2["table"]["rows"]] == ["86 %", "✓ 87.5 %"]
    assert "<svg" in q2["svg"]
