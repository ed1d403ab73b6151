"""What the learner's browser receives (and never receives), and the staff records."""
from __future__ import annotations

import json

from asn_xblocks.case_study.core import CORE
from asn_xblocks.core.engine_api import ReportRow, Reveal

EVERYTHING = Reveal(correctness=True, answers=True)
KEY_FIELDS = ['"score"', '"correct"', '"key"', '"mark"', '"earned"', '"feedback_html"',
              '"model_answer_html"', '"points_text"', '"grade"', '"debrief_html"']
GRADE = {"r1": {"points": 3, "criteria": {"c1": 2, "c2": 1}, "comment": "Well argued"}}


def dumped(view):
    return json.dumps(view, ensure_ascii=False)


def test_fresh_view_leaks_nothing(content, attempt, kit):
    for reveal in (Reveal(), EVERYTHING, Reveal(correctness=False)):
        text = dumped(CORE.learner_view(content, attempt, reveal))
        for secret in kit.LATER_SECRETS + kit.FEEDBACK_SECRETS + kit.END_SECRETS:
            assert secret not in text, secret
        for field in KEY_FIELDS:
            assert field not in text, field
        assert "Intro text" in text and "Pick one" in text and "Best &lt; answer" in text


def test_view_after_first_stage_leaks_nothing_of_stage_two(content, attempt, kit):
    first = kit.submit(content, attempt, "s1", kit.S1_ANSWERS).attempt
    view = CORE.learner_view(content, first, EVERYTHING)
    assert [s["status"] for s in view["stages"]] == ["submitted", "current"]
    current = dumped(view["stages"][1])
    for field in KEY_FIELDS:
        assert field not in current, field
    assert "MODELANSWER" not in dumped(view)
    assert "DEBRIEFTEXT" not in dumped(view) and "REFERENCETEXT" not in dumped(view)
    assert view["result"] is None


def test_only_submitted_and_current_stages(content, attempt):
    view = CORE.learner_view(content, attempt, Reveal())
    assert view["stage_count"] == 2
    assert view["current_index"] == 0
    assert view["finished"] is False
    assert [s["id"] for s in view["stages"]] == ["s1"]
    stage = view["stages"][0]
    assert stage == {
        "id": "s1", "title": "First stage", "narrative_html": "<p>Narrative one</p>",
        "status": "current",
        "items": [
            {"type": "question", "id": "q1", "kind": "single", "points": 2.0,
             "prompt_html": "<p>Pick one</p>",
             "options": [{"id": "a", "text_html": "Best &lt; answer"},
                         {"id": "b", "text_html": "Middle answer"},
                         {"id": "c", "text_html": "Worst answer"}]},
            {"type": "question", "id": "q2", "kind": "multiple", "points": 3.0,
             "prompt_html": "<p>Pick many</p>",
             "options": [{"id": "a", "text_html": "Right one"}, {"id": "b", "text_html": "Right two"},
                         {"id": "c", "text_html": "Right three"},
                         {"id": "d", "text_html": "Wrong one"}]},
        ],
    }


def test_current_reflection_shows_rubric_and_draft(content, attempt, kit):
    first = kit.submit(content, attempt, "s1", kit.S1_ANSWERS).attempt
    drafted = CORE.save_draft(content, first, {"reflection": "r1", "text": "my draft"})
    item = CORE.learner_view(content, drafted, Reveal())["stages"][1]["items"][1]
    assert item == {
        "type": "reflection", "id": "r1", "points": 4.0, "min_words": 3, "max_words": 10,
        "prompt_html": "<p>Reflect <em>now</em></p>",
        "rubric": [
            {"id": "c1", "label": "Law", "levels": [{"points": 0.0, "description": "None"},
                                                   {"points": 2.0, "description": "Cites it"}]},
            {"id": "c2", "label": "Steps", "levels": [{"points": 0.0, "description": "None"},
                                                     {"points": 1.0, "description": "Some"},
                                                     {"points": 2.0, "description": "Clear"}]},
        ],
        "draft": "my draft",
    }


def test_submitted_stage_with_correctness_only(content, attempt, kit):
    first = kit.submit(content, attempt, "s1", kit.S1_ANSWERS).attempt
    stage = CORE.learner_view(content, first, Reveal(correctness=True, answers=False))["stages"][0]
    q1, q2 = stage["items"]
    assert q1["answer"] == "b" and q1["earned"] == 1.0 and q1["points_text"] == "1 / 2"
    assert q1["options"][1] == {"id": "b", "text_html": "Middle answer", "chosen": True,
                                "feedback_html": "FEEDBACKMIDDLE", "mark": "partial"}
    assert q1["options"][0] == {"id": "a", "text_html": "Best &lt; answer", "chosen": False}
    assert "FEEDBACKBEST" not in dumped(stage)  # feedback of unchosen options stays hidden
    assert q2["answer"] == ["a", "d"] and q2["earned"] == 0.0
    marks = {o["id"]: o.get("mark") for o in q2["options"]}
    assert marks == {"a": "correct", "b": None, "c": None, "d": "incorrect"}
    assert '"key"' not in dumped(stage)


def test_submitted_stage_without_correctness(content, attempt, kit):
    first = kit.submit(content, attempt, "s1", kit.S1_ANSWERS).attempt
    stage = CORE.learner_view(content, first, Reveal(correctness=False))["stages"][0]
    text = dumped(stage)
    for field in ('"earned"', '"mark"', '"key"', '"points_text"'):
        assert field not in text
    assert "FEEDBACKMIDDLE" in text  # the chosen option's feedback is the stage's feedback


def test_answers_revealed(content, attempt, kit):
    first = kit.submit(content, attempt, "s1", kit.S1_ANSWERS).attempt
    stage = CORE.learner_view(content, first, EVERYTHING)["stages"][0]
    assert [o["key"] for o in stage["items"][0]["options"]] == [True, False, False]
    assert [o["key"] for o in stage["items"][1]["options"]] == [True, True, True, False]


def test_single_marks(content, attempt, kit):
    for choice, mark in (("a", "correct"), ("b", "partial"), ("c", "incorrect")):
        first = kit.submit(content, attempt, "s1", {"q1": choice, "q2": ["a"]}).attempt
        option = next(o for o in CORE.learner_view(content, first, Reveal())["stages"][0]
                      ["items"][0]["options"] if o["chosen"])
        assert option["mark"] == mark


def test_finished_view_staff_pending(content, finished):
    view = CORE.learner_view(content, finished, Reveal(correctness=True, answers=False))
    assert view["finished"] is True and view["current_index"] == 2
    reflection = view["stages"][1]["items"][1]
    assert reflection["status"] == "awaiting_grading"
    assert reflection["answer"] == "one two three four"
    assert "earned" not in reflection and "grade" not in reflection
    assert "model_answer_html" not in reflection
    result = view["result"]
    assert result["debrief_html"] == "<p>DEBRIEFTEXT</p>"
    assert result["reference_html"] == "<p>REFERENCETEXT</p>"
    assert result["pending"] is True
    assert (result["earned"], result["possible"]) == (2.0, 10.0)
    assert result["score_text"] == "Score: 2 / 10"
    # the reflection awaiting a grade is left out of integritas (q1's 1 of 2) and marked
    assert result["competencies"] == [
        {"id": "integritas", "label": "Integrity", "possible": 2.0, "earned": 1.0,
         "pending": 1, "awaiting": True, "percent": 50.0, "percent_text": "50%",
         "points_text": "1 / 2", "result_text": "50% so far, awaiting grading"},
        {"id": "akuntabel", "label": "Accountable", "possible": 3.0, "earned": 0.0,
         "pending": 0, "awaiting": False, "percent": 0.0, "percent_text": "0%",
         "points_text": "0 / 3", "result_text": "0%"},
        {"id": "custom", "label": "Custom skill", "possible": 1.0, "earned": 1.0,
         "pending": 0, "awaiting": False, "percent": 100.0, "percent_text": "100%",
         "points_text": "1 / 1", "result_text": "100%"},
    ]


def test_finished_view_graded_with_answers_and_locale(content, finished):
    translations = {"Integrity": "Integritas", "Score: {earned} / {possible}": "Nilai: {earned} / {possible}"}
    view = CORE.learner_view(content, finished, EVERYTHING, GRADE,
                             gettext=lambda s: translations.get(s, s), locale="id")
    reflection = view["stages"][1]["items"][1]
    assert reflection["status"] == "graded"
    assert reflection["earned"] == 3.0 and reflection["points_text"] == "3 / 4"
    assert reflection["grade"] == {"comment": "Well argued", "points": 3.0, "criteria": [
        {"id": "c1", "label": "Law", "points": 2.0, "max": 2.0},
        {"id": "c2", "label": "Steps", "points": 1.0, "max": 2.0}]}
    assert reflection["model_answer_html"] == "<p>MODELANSWER</p>"
    result = view["result"]
    assert result["pending"] is False
    assert result["score_text"] == "Nilai: 5 / 10"
    assert result["competencies"][0]["label"] == "Integritas"
    assert result["competencies"][0]["percent_text"] == "66,7 %"


def test_finished_view_without_correctness_hides_scores(content, finished):
    view = CORE.learner_view(content, finished, Reveal(correctness=False), GRADE)
    result = view["result"]
    assert result["earned"] is None and result["score_text"] is None
    assert all(c["earned"] is None and c["percent"] is None for c in result["competencies"])
    grade = view["stages"][1]["items"][1]["grade"]
    assert grade == {"comment": "Well argued"}


def test_reflection_status_by_mode(kit):
    for mode, status, earned in (("completion", "complete", 4.0), ("none", "ungraded", None)):
        content = kit.build(mode)
        attempt = kit.submit(content, CORE.new_attempt(content, 1), "s1", kit.S1_ANSWERS).attempt
        done = kit.submit(content, attempt, "s2", kit.S2_ANSWERS).attempt
        item = CORE.learner_view(content, done, Reveal())["stages"][1]["items"][1]
        assert item["status"] == status
        assert item.get("earned") == earned
        if mode == "none":
            assert item["points"] is None


def test_view_is_json_and_tolerates_drift(content, finished, kit):
    import copy
    changed = copy.deepcopy(content)
    changed.stages[0].items.pop(0)
    changed.stages[1].id = "renamed"
    view = CORE.learner_view(changed, finished, EVERYTHING)
    assert json.loads(dumped(view)) == view
    assert [s["id"] for s in view["stages"]] == ["s1"]


# --- records ---------------------------------------------------------------------------

def test_answer_record(content, finished):
    record = CORE.answer_record(content, finished)
    assert json.loads(json.dumps(record)) == record
    assert record["finished"] is True
    assert record["stages"] == [
        {"id": "s1", "items": [{"id": "q1", "answer": "b", "earned": 1.0, "possible": 2.0},
                               {"id": "q2", "answer": ["a", "d"], "earned": 0.0, "possible": 3.0}]},
        {"id": "s2", "items": [{"id": "q3", "answer": "x", "earned": 1.0, "possible": 1.0},
                               {"id": "r1", "answer": "one two three four", "earned": None,
                                "possible": 4.0}]},
    ]


def test_report_rows(content, finished):
    rows = CORE.report_rows(content, finished, gettext=lambda s: s.upper())
    assert rows == [
        ReportRow("Pick one", "Middle answer", "1 / 2"),
        ReportRow("Pick many", "Right one; Wrong one", "0 / 3"),
        ReportRow("LATERPROMPT", "LATEROPTION", "1 / 1"),
        ReportRow("Reflect now", "one two three four", "AWAITING GRADING"),
    ]
    graded = CORE.report_rows(content, finished, GRADE)
    assert graded[-1].points == "3 / 4"


def test_report_rows_plain_text_of_html(content, attempt, kit):
    first = kit.submit(content, attempt, "s1", {"q1": "a", "q2": ["a"]}).attempt
    rows = CORE.report_rows(content, first)
    assert rows[0].answer == "Best < answer"  # plain text, unescaped; the CSV escapes
    assert len(rows) == 2


def test_staff_items(content, finished, attempt, kit):
    assert CORE.staff_items(content, attempt) == []
    items = CORE.staff_items(content, finished)
    assert items == [{"item_id": "r1", "stage": "s2", "prompt": "Reflect now",
                      "text": "one two three four", "points": 4.0, "rubric": items[0]["rubric"]}]
    assert [c["id"] for c in items[0]["rubric"]] == ["c1", "c2"]
    completion = kit.build("completion")
    done = kit.submit(completion, kit.submit(completion, CORE.new_attempt(completion, 1), "s1",
                                             kit.S1_ANSWERS).attempt, "s2", kit.S2_ANSWERS).attempt
    assert CORE.staff_items(completion, done) == []


def test_summary(content):
    assert CORE.summary(content) == {"stages": 2, "questions": 3, "reflections": 1,
                                     "max_points": 10.0,
                                     "competencies": ["integritas", "akuntabel", "custom"]}


def test_demo_walkthrough_never_leaks(demo_files):
    """Every demo case: before each stage is submitted, its key is absent from the view."""
    from asn_xblocks.core.olx import parse_olx
    for path in demo_files:
        content = CORE.parse(parse_olx(path.read_bytes()))
        attempt = CORE.new_attempt(content, 5)
        for index, stage in enumerate(content.stages):
            text = dumped(CORE.learner_view(content, attempt, EVERYTHING))
            for later in content.stages[index + 1:]:
                assert later.title not in text
            for item in stage.items:
                for option in getattr(item, "options", []):
                    if option.feedback_html:
                        assert option.feedback_html not in text
                if getattr(item, "model_answer_html", ""):
                    assert item.model_answer_html not in text
                for statement in getattr(item, "items", []):
                    if statement.feedback_html:
                        assert statement.feedback_html not in text
                if getattr(item, "kind", "") == "numeric":
                    assert item.feedback_html not in text
                    current = dumped([s for s in json.loads(text)["stages"]
                                      if s["status"] == "current"])
                    assert '"key' not in current and '"mark"' not in current
            assert content.debrief_html not in text
            answers = {}
            for item in stage.items:
                if getattr(item, "kind", "") == "classify":
                    answers[item.id] = {s.id: item.categories[0].id for s in item.items}
                elif getattr(item, "kind", "") == "numeric":
                    answers[item.id] = "1"
                elif hasattr(item, "options"):
                    answers[item.id] = ([item.options[0].id] if item.kind == "multiple"
                                        else item.options[0].id)
                else:
                    answers[item.id] = " ".join(["kata"] * max(item.min_words, 1))
            attempt = CORE.apply_action(content, attempt, {"type": "submit_stage", "stage": stage.id,
                                                           "answers": answers,
                                                           "locale": content.lang}).attempt
        assert attempt["finished"] is True
        view = CORE.learner_view(content, attempt, EVERYTHING)
        assert view["result"]["debrief_html"] == content.debrief_html
