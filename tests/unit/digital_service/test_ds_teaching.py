"""The desk teaches the rule that was missed: the applicant's
reason on a rejection, the right unit and due date once show_answer allows it, requirements
named by label; an ordered queue; the due date typed in the UI language's format."""
import json

import pytest
from test_ds_support import SERVICE_DEMOS, desk, parse_text, right_form, submit

from asn_xblocks.core.actions import ActionError
from asn_xblocks.core.engine_api import Reveal
from asn_xblocks.core.olx import parse_olx, to_string
from asn_xblocks.digital_service import engine, grader
from asn_xblocks.digital_service.core import CORE
from asn_xblocks.digital_service.model import parse_typed_date

REASON = "SECRET-REASON-C modal usaha di atas batas usaha mikro"
CORRECTNESS = Reveal(correctness=True, answers=False)
ANSWERS = Reveal(correctness=True, answers=True)


def _items(view_request):
    return {i["kind"]: i for i in view_request["result"]["items"]}


# --- reason on <request eligible="false"> --------------------------------------------------

def test_reason_parsed_exported_and_stored():
    content = desk()
    assert content.request("c").reason == REASON + "."
    assert content.request("a").reason == ""
    again = CORE.parse(parse_olx(to_string(CORE.export(content))))
    assert again.request("c").reason == REASON + "."
    assert 'reason="' not in to_string(CORE.export(desk())).split('id="a"')[1].split("</request>")[0]
    assert CORE.from_dict(json.loads(json.dumps(CORE.to_dict(content)))).request("c").reason == REASON + "."


def test_validate_warns_when_a_rejection_has_no_reason():
    content = desk()
    assert "reject-no-reason" not in [p.code for p in CORE.validate(content)]
    content.request("c").reason = ""
    found = [p for p in CORE.validate(content) if p.code == "reject-no-reason"]
    assert len(found) == 1 and found[0].severity == "warning" and found[0].item_id == "c"
    content.request("a").reason = ""  # an eligible request needs none
    assert len([p for p in CORE.validate(content) if p.code == "reject-no-reason"]) == 1


@pytest.mark.parametrize("path", SERVICE_DEMOS, ids=lambda p: p.name)
def test_every_demo_rejection_has_a_reason(path):
    content = parse_text(path.read_text(encoding="utf-8"))
    rejected = [r for r in content.requests if not r.eligible]
    assert rejected and all(len(r.reason) > 20 for r in rejected)


def test_a_missed_rejection_names_the_reason_once_feedback_is_shown():
    content = desk()
    form = right_form(content, "c")
    form["decision"] = "approve"
    attempt = submit(content, CORE.new_attempt(content, 1), "c", form).attempt
    decision = _items(CORE.learner_view(content, attempt, CORRECTNESS)["requests"]["c"])["decision"]
    assert not decision["ok"]
    assert decision["message"] == ("Applicants who are not eligible are rejected. This applicant "
                                   "is not eligible: " + REASON + ".")


def test_the_reason_stays_secret_before_submission_and_with_end_feedback():
    content = desk()
    view = CORE.learner_view(content, CORE.new_attempt(content, 1), ANSWERS)
    assert "SECRET-REASON-C" not in json.dumps(view, ensure_ascii=False)
    content = desk('feedback="end"')
    attempt = submit(content, CORE.new_attempt(content, 1), "c").attempt
    view = CORE.learner_view(content, attempt, ANSWERS)
    assert "SECRET-REASON-C" not in json.dumps(view, ensure_ascii=False)


def test_requirement_named_by_label_in_indonesian_too():
    content = desk()
    result = grader.grade(content, content.request("c"), right_form(content, "c"))
    npwp = [i for i in result["items"] if i["id"] == "npwp"][0]
    fake = {grader.MESSAGES["req-missing"]:
            "Tidak ada dokumen untuk persyaratan {requirement} yang dilampirkan, sehingga "
            "persyaratan itu tidak terpenuhi."}
    text = grader.message(npwp["code"], npwp["params"], gettext=lambda s: fake.get(s, s), locale="id")
    assert text == ("Tidak ada dokumen untuk persyaratan NPWP yang dilampirkan, sehingga "
                    "persyaratan itu tidak terpenuhi.")


# --- the right unit and date, as soon as show_answer allows ---------------------------------

def _wrong_c(content):
    form = right_form(content, "c")
    form["route"], form["due"] = "dpm", "2026-03-20"
    return submit(content, CORE.new_attempt(content, 1), "c", form).attempt


def test_wrong_unit_and_date_named_under_show_answer():
    content = desk()
    attempt = _wrong_c(content)
    items = _items(CORE.learner_view(content, attempt, ANSWERS)["requests"]["c"])
    assert items["route"]["message"].endswith(
        "the note and the documents tell where it belongs. The right unit is Dinas Koperasi.")
    assert items["due"]["message"].endswith("The right due date is 25 March 2026.")
    items = _items(CORE.learner_view(content, attempt, ANSWERS, locale="id")["requests"]["c"])
    assert items["due"]["message"].endswith("25 Maret 2026.")


def test_wrong_unit_and_date_not_named_before_show_answer():
    content = desk()
    attempt = _wrong_c(content)
    request = CORE.learner_view(content, attempt, CORRECTNESS)["requests"]["c"]
    whole = json.dumps(request, ensure_ascii=False)
    assert "Dinas Koperasi" not in whole and "25 March 2026" not in whole
    assert "The right" not in whole


# --- the queue's order ------------------------------------------------------------------------

def test_queue_by_date_received_urgent_first_within_a_day():
    content = desk()
    content.request("a").submitted = "2026-03-13"  # same day as b, which is urgent
    view = CORE.learner_view(content, CORE.new_attempt(content, 1), CORRECTNESS)
    assert [q["id"] for q in view["queue"]] == ["b", "a", "c"]
    assert view["queue_order"] == "received"
    content.request("b").priority = "normal"  # same day, same priority: the author's order
    view = CORE.learner_view(content, CORE.new_attempt(content, 1), CORRECTNESS)
    assert [q["id"] for q in view["queue"]] == ["a", "b", "c"]


def test_stored_order_untouched_and_shuffle_keeps_its_seeded_order():
    content = desk()
    attempt = CORE.new_attempt(content, 1)
    assert attempt["order"] == ["a", "b", "c"]
    shuffled = desk('shuffle="true"')
    for seed in range(8):
        attempt = CORE.new_attempt(shuffled, seed)
        view = CORE.learner_view(shuffled, attempt, CORRECTNESS)
        assert [q["id"] for q in view["queue"]] == attempt["order"]
        assert view["queue_order"] == "shuffled"


# --- the due date typed in the UI language's format ----------------------------------------

@pytest.mark.parametrize("locale,expected", [
    ("id", {"order": "dmy", "format": "DD/MM/YYYY", "example": "19/03/2026"}),
    ("id-ID", {"order": "dmy", "format": "DD/MM/YYYY", "example": "19/03/2026"}),
    ("en", {"order": "ymd", "format": "YYYY-MM-DD", "example": "2026-03-19"}),
])
def test_date_input_follows_the_ui_language(locale, expected):
    content = desk()
    view = CORE.learner_view(content, CORE.new_attempt(content, 1), CORRECTNESS, locale=locale)
    assert view["date_input"] == expected
    fake = {"DD/MM/YYYY": "HH/BB/TTTT"}
    assert engine.date_input("id", lambda s: fake.get(s, s))["format"] == "HH/BB/TTTT"


@pytest.mark.parametrize("text,iso", [
    ("19/03/2026", "2026-03-19"), ("9/3/2026", "2026-03-09"), (" 2026-03-19 ", "2026-03-19"),
    ("2026-03-19", "2026-03-19"), ("31/02/2026", None), ("03/19/2026", None),
    ("19-03-2026", None), ("19.03.2026", None), ("", None), (None, None), ("19/03/26", None),
])
def test_typed_dates(text, iso):
    day = parse_typed_date(text)
    assert (day.isoformat() if day else None) == iso


def test_day_first_due_date_accepted_and_stored_as_iso():
    content = desk()
    form = right_form(content, "a")
    form["due"] = "{:%d/%m/%Y}".format(parse_typed_date(form["due"]))
    outcome = submit(content, CORE.new_attempt(content, 1), "a", form)
    assert outcome.attempt["submitted"]["a"]["form"]["due"] == right_form(content, "a")["due"]
    assert outcome.events[0][1]["earned"] == 6


@pytest.mark.parametrize("value", ["19.03.2026", "03/19/2026", "tomorrow"])
def test_unreadable_due_date_refused_naming_the_format(value):
    content = desk()
    attempt = CORE.new_attempt(content, 1)
    form = right_form(content, "a")
    form["due"] = value
    for call in (lambda: submit(content, attempt, "a", form),
                 lambda: CORE.save_draft(content, attempt, {"request": "a", "form": {"due": value}})):
        with pytest.raises(ActionError) as info:
            call()
        assert info.value.status == 400
        text = info.value.text()
        assert "cannot be read" in text and "DD/MM/YYYY" in text and "YYYY-MM-DD" in text
