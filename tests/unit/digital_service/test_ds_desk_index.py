"""What a desk keeps per content model (desk.build): its index, each task's content-only view
parts per locale, and graded results per task and form — and that keeping them changes
nothing a learner sees: every view made from kept parts equals one made afresh, and a
trimmed view merged into the one the browser holds equals the whole view."""
import json

from test_ds_support import desk, records_desk, right_form, right_record_form, submit

from asn_xblocks.core.engine_api import Reveal
from asn_xblocks.digital_service import desk as desk_mod
from asn_xblocks.digital_service import views
from asn_xblocks.digital_service.core import CORE

REVEAL = Reveal(correctness=True, answers=False)


def _fresh(content):
    """The same content parsed again: a new model, so nothing is kept yet."""
    return CORE.from_dict(CORE.to_dict(content))


def test_one_desk_per_content_model():
    content = desk()
    assert desk_mod.build(content) is desk_mod.build(content)
    assert desk_mod.build(_fresh(content)) is not desk_mod.build(content)


def test_views_from_kept_parts_equal_views_made_afresh():
    content = desk()
    attempt = CORE.new_attempt(content, 3)
    attempt = submit(content, attempt, "a").attempt
    for locale in ("en", "id", "en", "id"):  # the second round reads the kept parts
        kept = CORE.learner_view(content, attempt, REVEAL, locale=locale)
        afresh = CORE.learner_view(_fresh(content), attempt, REVEAL, locale=locale)
        assert kept == afresh
    assert {key[1] for key in desk_mod.build(content).views} == {"en", "id"}


def test_a_translated_label_follows_the_gettext_of_each_view():
    content = desk()
    attempt = CORE.new_attempt(content, 3)
    plain = CORE.learner_view(content, attempt, REVEAL, locale="en")
    loud = CORE.learner_view(content, attempt, REVEAL, gettext=str.upper, locale="en")
    task = loud["requests"]["b"]
    assert task["priority_label"] == "URGENT" and plain["requests"]["b"]["priority_label"] == "Urgent"
    assert [h["name"] for h in task["holidays"]] == [h["name"].upper() for h in plain["requests"]["b"]["holidays"]]


def test_graded_results_are_kept_per_task_and_form_and_bounded(monkeypatch):
    content = desk()
    the_desk = desk_mod.build(content)
    form = right_form(content, "a")
    first = the_desk.grade("a", form)
    assert the_desk.grade("a", json.loads(json.dumps(form))) is first
    other = dict(form, decision="reject")
    assert the_desk.grade("a", other) is not first and the_desk.grade("a", other)["earned"] < first["earned"]
    assert the_desk.grade("gone", form) is None
    monkeypatch.setattr(desk_mod, "GRADED_KEPT", 2)
    the_desk.grade("b", right_form(content, "b"))
    assert len(the_desk.graded) <= 2


def test_a_trimmed_view_merged_into_the_held_one_is_the_whole_view():
    for content, form_of in ((desk(), right_form), (records_desk(), right_record_form)):
        attempt = CORE.new_attempt(content, 5)
        held = CORE.learner_view(content, attempt, REVEAL, locale="id")
        for task_id in list(attempt["order"]):
            kind = "record" if content.record(task_id) else "request"
            action = {"type": f"submit_{kind}", kind: task_id, "form": form_of(content, task_id)}
            attempt = CORE.apply_action(content, attempt, action).attempt
            whole = CORE.learner_view(content, attempt, REVEAL, locale="id")
            trimmed = CORE.trim_view(whole)
            assert len(json.dumps(trimmed)) < len(json.dumps(whole))
            merged = {**held, **trimmed, "requests": {
                tid: {**held["requests"][tid], **entry} for tid, entry in trimmed["requests"].items()}}
            assert merged == {**whole, "trimmed": "requests"}
            held = merged
        assert held["finished"] is True


def test_trimmed_keys_are_content_only():
    """Nothing a learner's action or the reveal changes is left out."""
    for key in ("status", "draft", "submitted", "result", "due_label", "explain_html", "id"):
        assert key not in views.KEPT_TASK
    for key in ("queue", "requests", "score", "finished", "totals", "scores", "competencies",
                "submitted_count", "total_count"):
        assert key not in views.KEPT_TOP


def test_a_submitted_task_keeps_its_points_not_its_whole_result():
    content = desk()
    attempt = CORE.new_attempt(content, 3)
    for task_id in "ab":
        attempt = submit(content, attempt, task_id).attempt
    kept = attempt["submitted"]["b"]["result"]
    whole = desk_mod.build(content).grade("b", attempt["submitted"]["b"]["form"])
    assert set(kept) == {"earned", "possible", "items"}
    assert (kept["earned"], kept["possible"]) == (whole["earned"], whole["possible"])
    assert all(set(item) == {"competency", "earned", "possible"} for item in kept["items"])
    assert "SECRET-ISSUE-B" in json.dumps(whole) and "SECRET-ISSUE-B" not in json.dumps(attempt)
    assert len(json.dumps(kept)) * 4 < len(json.dumps(whole))


def test_a_removed_task_counts_the_same_from_kept_points_and_from_a_whole_result():
    """Attempts stored before kept each task's whole result; both forms give a task the author
    removed the same score, competencies, answer record and facts."""
    content = desk()
    attempt = CORE.new_attempt(content, 3)
    for task_id in attempt["order"]:
        attempt = submit(content, attempt, task_id).attempt
    older = json.loads(json.dumps(attempt))
    for task_id, entry in older["submitted"].items():
        entry["result"] = desk_mod.build(content).grade(task_id, entry["form"])
    edited = desk()
    edited.requests = [r for r in edited.requests if r.id != "b"]
    now, before = CORE.score(edited, attempt), CORE.score(edited, older)
    assert (now.earned, now.possible) == (before.earned, before.possible)
    assert now.competencies.to_dict() == before.competencies.to_dict()
    assert CORE.answer_record(edited, attempt) == CORE.answer_record(edited, older)
    assert CORE.facts.facts(edited, attempt) == CORE.facts.facts(edited, older)


def test_shown_results_are_kept_while_their_texts_translate_the_same(monkeypatch):
    """A kept result is given again (the same object) to a view that translates its texts the
    same way, and made anew, in that view's words, for one that does not."""
    content = desk()
    attempt = submit(content, CORE.new_attempt(content, 3), "a").attempt
    first = CORE.learner_view(content, attempt, REVEAL, locale="en")["requests"]["a"]["result"]
    again = CORE.learner_view(content, attempt, REVEAL, locale="en")["requests"]["a"]["result"]
    loud = CORE.learner_view(content, attempt, REVEAL, gettext=str.upper,
                             locale="en")["requests"]["a"]["result"]
    assert again is first and loud is not first
    checks = [i for i, item in enumerate(first["items"]) if item["kind"] != "requirement"]
    assert checks and [loud["items"][i]["label"] for i in checks] == [
        first["items"][i]["label"].upper() for i in checks]  # a requirement's is the author's
    assert loud == CORE.learner_view(_fresh(content), attempt, REVEAL, gettext=str.upper,
                                     locale="en")["requests"]["a"]["result"]
    answers = CORE.learner_view(content, attempt, Reveal(correctness=True, answers=True),
                                locale="en")["requests"]["a"]["result"]
    assert answers is not first and any(item["expected_label"] for item in answers["items"])
    monkeypatch.setattr(desk_mod, "GRADED_KEPT", 1)
    CORE.learner_view(content, submit(content, attempt, "b").attempt, REVEAL, locale="id")
    assert len(desk_mod.build(content).shown) <= 1


def test_a_records_desks_references_are_kept_per_translation(monkeypatch):
    content = records_desk()
    attempt = CORE.new_attempt(content, 3)
    first = CORE.learner_view(content, attempt, REVEAL, locale="id")["archive"]
    assert CORE.learner_view(content, attempt, REVEAL, locale="id")["archive"] is first
    loud = CORE.learner_view(content, attempt, REVEAL, gettext=str.upper, locale="id")["archive"]
    assert loud is not first
    assert [d["label"] for d in loud["dispositions"]] == [d["label"].upper()
                                                           for d in first["dispositions"]]
    assert [row["disposition_label"] for row in loud["schedule"]] == [
        row["disposition_label"].upper() for row in first["schedule"]]
    assert loud == CORE.learner_view(_fresh(content), attempt, REVEAL, gettext=str.upper,
                                     locale="id")["archive"]
    monkeypatch.setattr(views, "REFERENCES_KEPT", 1)
    CORE.learner_view(content, attempt, REVEAL, gettext=str.lower, locale="id")
    assert len(desk_mod.build(content).references) == 1


def test_dates_are_read_the_same_whether_their_text_is_kept_or_not():
    import datetime as dt

    from asn_xblocks.digital_service.model import parse_iso

    day = dt.date(2026, 3, 19)
    for _ in range(2):  # the second round reads the kept ones
        assert parse_iso("2026-03-19") == day and parse_iso(" 2026-03-19 ") == day
        assert parse_iso("2026-03-19" + " " * 200) == day  # too long to keep, still a date
        for text in ("2026-02-30", "19/03/2026", "", "x" * 5000, None, 20260319):
            assert parse_iso(text) is None
