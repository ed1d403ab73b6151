import copy
import json

import pytest
from test_ds_support import desk, right_form, submit

from asn_xblocks.core.actions import ActionError
from asn_xblocks.core.engine_api import ActionOutcome, Reveal
from asn_xblocks.digital_service.core import CORE


def _attempt(content, seed=1):
    return CORE.new_attempt(content, seed)


NO_REVEAL = Reveal()


def _view(content, attempt, reveal=NO_REVEAL, locale="en"):
    view = CORE.learner_view(content, attempt, reveal, locale=locale)
    json.dumps(view)  # JSON-able
    return view


# --- happy paths -----------------------------------------------------------------------

def test_new_attempt_document_order():
    content = desk()
    attempt = _attempt(content)
    assert attempt == {"seed": 1, "order": ["a", "b", "c"], "drafts": {}, "submitted": {},
                       "finished": False}


def test_immediate_happy_path():
    content = desk()
    attempt = _attempt(content)
    outcome = submit(content, attempt, "a")
    assert isinstance(outcome, ActionOutcome) and not outcome.finished
    assert outcome.events == [("request_submitted", {"request": "a", "earned": 6, "possible": 6})]
    view = _view(content, outcome.attempt)
    assert view["requests"]["a"]["result"]["earned"] == 6
    assert view["requests"]["a"]["status"] == "submitted"
    assert view["requests"]["b"]["result"] is None
    assert view["score"] == {"earned": 6, "possible": 6}
    assert view["totals"] is None and not view["finished"]

    wrong = right_form(content, "b")
    wrong["decision"] = "reject"
    outcome = submit(content, outcome.attempt, "b", wrong)
    outcome = submit(content, outcome.attempt, "c")
    assert outcome.finished and outcome.attempt["finished"] is True
    score = CORE.score(content, outcome.attempt)
    assert (score.earned, score.possible) == (16, 18)
    assert score.possible == CORE.raw_maximum(content)
    view = _view(content, outcome.attempt)
    assert view["finished"] and view["totals"] == {"earned": 16, "possible": 18}
    assert [row["id"] for row in view["scores"]] == ["b", "a", "c"]  # the queue's order
    comps = {c["id"]: c for c in view["competencies"]}
    assert comps["akuntabel"]["earned"] == 3 and comps["akuntabel"]["possible"] == 3
    assert comps["pelayanan_publik"]["possible"] == 2 * 4  # a, b: decision, route, due (untagged npwp not counted)
    assert comps["pengambilan_keputusan"]["possible"] == 4
    assert comps["pelayanan_publik"]["label"] == "Public service"


def test_end_feedback_hides_results_until_finished():
    content = desk('feedback="end"')
    attempt = _attempt(content)
    outcome = submit(content, attempt, "a")
    view = _view(content, outcome.attempt)
    assert view["requests"]["a"]["result"] is None
    assert view["requests"]["a"]["submitted"]["decision"] == "approve"
    assert view["score"] is None
    outcome = submit(content, outcome.attempt, "b")
    outcome = submit(content, outcome.attempt, "c")
    view = _view(content, outcome.attempt)
    assert all(view["requests"][r]["result"]["earned"] == 6 for r in "abc")
    assert view["totals"] == {"earned": 18, "possible": 18}


def test_reveal_none_shows_no_scores():
    content = desk()
    attempt = _attempt(content)
    for rid in "abc":
        attempt = submit(content, attempt, rid).attempt
    view = _view(content, attempt, Reveal(correctness=False, answers=False))
    assert view["totals"] is None and view["score"] is None and view["competencies"] is None
    assert all(view["requests"][r]["result"] is None for r in "abc")


def test_view_shape():
    content = desk()
    view = _view(content, _attempt(content), locale="id")
    assert view["units"] == [{"id": "dpm", "name": "DPMPTSP"}, {"id": "dinkop", "name": "Dinas Koperasi"}]
    assert view["holidays"][0] == {"iso": "2026-03-19", "label": "19 Maret 2026"}
    # the queue is ordered by date received: b (13 March, urgent) comes first
    assert [q["id"] for q in view["queue"]] == ["b", "a", "c"]
    assert view["queue"][0] == {"id": "b", "kind": "request", "name": "Budi", "applicant": "Budi",
                                "service_name": "Izin Usaha Mikro",
                                "submitted_iso": "2026-03-13", "submitted_label": "13 Maret 2026",
                                "priority": "urgent", "priority_label": "Urgent", "status": "new"}
    req = view["requests"]["b"]
    assert req["service"] == {"id": "izin", "name": "Izin Usaha Mikro", "sla_days": 3,
                              "fee_label": "Rp150.000", "unit": "dpm", "unit_name": "DPMPTSP",
                              "requirements": [{"id": "ktp", "label": "KTP-el"},
                                               {"id": "npwp", "label": "NPWP"}]}
    assert req["documents"][1] == {"id": "d2", "type": "npwp", "type_label": "NPWP",
                                   "title": "NPWP Budi", "fields": [{"name": "Nama", "value": "BUDIMAN"}]}
    assert req["note_html"] == "<p>Catatan berkas Budi.</p>"
    assert req["draft"] is None and req["submitted"] is None and req["result"] is None
    assert req["due_label"] == ""
    assert [d["id"] for d in view["decisions"]] == ["approve", "request_completion", "reject"]


@pytest.mark.parametrize("locale, label", [("en", "23 March 2026"), ("id", "23 Maret 2026")])
def test_submitted_due_date_is_written_in_the_learner_locale(locale, label):
    """The browser shows the learner's due date as the server writes it, with or without
    the explanation (feedback at the end hides the result, not the learner's own answer)."""
    for mode in ("", 'feedback="end"'):
        content = desk(mode)
        form = right_form(content, "b")
        form["due"] = "2026-03-23"
        attempt = submit(content, _attempt(content), "b", form).attempt
        req = _view(content, attempt, locale=locale)["requests"]["b"]
        assert req["submitted"]["due"] == "2026-03-23" and req["due_label"] == label


def test_submitted_form_keeps_reason_and_result_messages():
    content = desk()
    form = right_form(content, "b")
    form["requirements"]["npwp"] = {"met": True, "reason": "<b>ok</b> Rp500.000"}
    attempt = submit(content, _attempt(content), "b", form).attempt
    view = _view(content, attempt, Reveal(correctness=True, answers=True))
    req = view["requests"]["b"]
    assert req["submitted"]["requirements"]["npwp"]["reason"] == "<b>ok</b> Rp500.000"
    items = {i["id"]: i for i in req["result"]["items"]}
    assert "SECRET-ISSUE-B" in items["npwp"]["message"]
    assert items["npwp"]["expected"] is False and items["npwp"]["expected_label"] == "Not met"
    assert items["due"]["expected_label"] == "18 March 2026"


# --- bad input -------------------------------------------------------------------------

GOOD = {"requirements": {"ktp": {"met": True}, "npwp": {"met": True}}, "decision": "approve",
        "route": "dpm", "due": "2026-03-23"}


def _with(**changes):
    form = copy.deepcopy(GOOD)
    for key, value in changes.items():
        if value is KeyError:
            form.pop(key)
        else:
            form[key] = value
    return form


BAD_FORMS = [
    _with(requirements={"ktp": {"met": True}}),  # npwp missing
    _with(requirements={"ktp": {"met": True}, "npwp": {"met": True}, "x": {"met": True}}),
    _with(requirements={"ktp": {"met": "yes"}, "npwp": {"met": True}}),
    _with(requirements={"ktp": {"met": 1}, "npwp": {"met": True}}),
    _with(requirements={"ktp": {}, "npwp": {"met": True}}),
    _with(requirements={"ktp": True, "npwp": {"met": True}}),
    _with(requirements={"ktp": {"met": True, "extra": 1}, "npwp": {"met": True}}),
    _with(requirements={"ktp": {"met": True, "reason": "x" * 501}, "npwp": {"met": True}}),
    _with(requirements={"ktp": {"met": True, "reason": 5}, "npwp": {"met": True}}),
    _with(requirements=[]),
    _with(requirements=KeyError),
    _with(decision="maybe"),
    _with(decision=None),
    _with(decision=["approve"]),
    _with(decision=KeyError),
    _with(route="nowhere"),
    _with(route=""),
    _with(route=3),
    _with(route=KeyError),
    _with(due="2026-02-30"),
    _with(due="junk"),
    _with(due="23.03.2026"),
    _with(due="31/02/2026"),
    _with(due="03-23-2026"),
    _with(due="1999-12-31"),
    _with(due="2101-01-01"),
    _with(due=20260323),
    _with(due=""),
    _with(due=KeyError),
    _with(note="x" * 2001),
    _with(note=[]),
    _with(extra="x"),
    "not a form",
    None,
    [],
]


@pytest.mark.parametrize("form", BAD_FORMS)
def test_bad_forms_rejected_400_without_change(form):
    content = desk()
    attempt = _attempt(content)
    before = copy.deepcopy(attempt)
    with pytest.raises(ActionError) as info:
        CORE.apply_action(content, attempt, {"type": "submit_request", "request": "a", "form": form})
    assert info.value.status == 400
    assert info.value.text()
    assert attempt == before


def test_missing_requirement_named():
    content = desk()
    with pytest.raises(ActionError) as info:
        submit(content, _attempt(content), "a", _with(requirements={"ktp": {"met": True}}))
    assert "NPWP" in info.value.text()


@pytest.mark.parametrize("action", [
    None, [], "submit", 5,
    {"type": "explode", "request": "a", "form": GOOD},
    {"request": "a", "form": GOOD},
    {"type": "submit_request", "request": "zzz", "form": GOOD},
    {"type": "submit_request", "request": ["a"], "form": GOOD},
    {"type": "submit_request", "form": GOOD},
])
def test_bad_actions_400(action):
    content = desk()
    attempt = _attempt(content)
    before = copy.deepcopy(attempt)
    with pytest.raises(ActionError) as info:
        CORE.apply_action(content, attempt, action)
    assert info.value.status == 400
    assert attempt == before


def test_resubmit_409_and_finished_409():
    content = desk()
    attempt = submit(content, _attempt(content), "a").attempt
    before = copy.deepcopy(attempt)
    with pytest.raises(ActionError) as info:
        submit(content, attempt, "a")
    assert info.value.status == 409 and attempt == before
    attempt = submit(content, attempt, "b").attempt
    attempt = submit(content, attempt, "c").attempt
    assert attempt["finished"]
    with pytest.raises(ActionError) as info:
        submit(content, attempt, "c")
    assert info.value.status == 409
    with pytest.raises(ActionError) as info:
        CORE.save_draft(content, attempt, {"request": "a", "form": {}})
    assert info.value.status == 409


def test_input_attempt_never_mutated_on_success():
    content = desk()
    attempt = _attempt(content)
    attempt = CORE.save_draft(content, attempt, {"request": "a", "form": {"decision": "approve"}})
    before = copy.deepcopy(attempt)
    outcome = submit(content, attempt, "a")
    assert attempt == before and outcome.attempt is not attempt
    assert "a" not in outcome.attempt["drafts"]


# --- drafts ----------------------------------------------------------------------------

def test_drafts_partial_and_visible():
    content = desk()
    attempt = _attempt(content)
    new = CORE.save_draft(content, attempt, {"request": "b", "form": {
        "requirements": {"npwp": {"met": False, "reason": "nama beda"}, "ktp": {"reason": "cek"}},
        "decision": "", "route": None}})
    assert attempt["drafts"] == {}
    assert new["drafts"]["b"] == {"requirements": {"npwp": {"met": False, "reason": "nama beda"},
                                                   "ktp": {"reason": "cek"}}}
    view = _view(content, new)
    assert view["requests"]["b"]["draft"]["requirements"]["npwp"]["met"] is False
    assert {q["id"]: q["status"] for q in view["queue"]}["b"] == "draft"
    newer = CORE.save_draft(content, new, {"request": "b", "form": {"due": "2026-03-18"}})
    assert newer["drafts"]["b"] == {"requirements": {}, "due": "2026-03-18"}


@pytest.mark.parametrize("draft", [
    {"request": "b", "form": {"due": "2026-02-30"}},
    {"request": "b", "form": {"decision": "maybe"}},
    {"request": "b", "form": {"route": "nowhere"}},
    {"request": "b", "form": {"requirements": {"zzz": {"met": True}}}},
    {"request": "b", "form": {"requirements": {"ktp": {"met": "x"}}}},
    {"request": "b", "form": {"requirements": {"ktp": {"reason": "x" * 501}}}},
    {"request": "b", "form": {"bogus": 1}},
    {"request": "b", "form": "x"},
    {"request": "zzz", "form": {}},
    {"request": 1, "form": {}},
    {"form": {}},
    "draft",
])
def test_bad_drafts_400(draft):
    content = desk()
    attempt = _attempt(content)
    before = copy.deepcopy(attempt)
    with pytest.raises(ActionError) as info:
        CORE.save_draft(content, attempt, draft)
    assert info.value.status == 400 and attempt == before


def test_draft_on_submitted_request_409():
    content = desk()
    attempt = submit(content, _attempt(content), "a").attempt
    with pytest.raises(ActionError) as info:
        CORE.save_draft(content, attempt, {"request": "a", "form": {}})
    assert info.value.status == 409


# --- shuffle, drift, records -----------------------------------------------------------

def test_shuffle_deterministic_and_seeded():
    from asn_xblocks.core.shuffle import seeded_order

    content = desk('shuffle="true"')
    orders = {tuple(CORE.new_attempt(content, seed)["order"]) for seed in range(30)}
    assert len(orders) > 1
    for seed in (3, 99):
        first = CORE.new_attempt(content, seed)["order"]
        assert first == CORE.new_attempt(content, seed)["order"]
        assert first == seeded_order(["a", "b", "c"], seed)
        view = _view(content, CORE.new_attempt(content, seed))
        assert [q["id"] for q in view["queue"]] == first
    assert CORE.new_attempt(desk(), 5)["order"] == ["a", "b", "c"]


def test_drift():
    content = desk()
    attempt = submit(content, _attempt(content), "a").attempt
    assert not CORE.drift(content, attempt)
    edited = desk()
    edited.requests = [r for r in edited.requests if r.id != "a"]
    assert CORE.drift(edited, attempt)
    edited2 = desk()
    edited2.requests = [r for r in edited2.requests if r.id != "c"]
    assert CORE.drift(edited2, attempt)
    # the view still renders the requests that remain
    view = _view(edited, attempt)
    assert [q["id"] for q in view["queue"]] == ["b", "c"]
    # finished attempts keep their recorded result for removed requests
    done = submit(content, submit(content, attempt, "b").attempt, "c").attempt
    assert not CORE.drift(edited, done)
    assert CORE.score(edited, done).earned == 18


def test_rescore_uses_current_content():
    content = desk()
    attempt = _attempt(content)
    for rid in "abc":
        attempt = submit(content, attempt, rid).attempt
    fixed = desk()
    fixed.request("b").documents[1].valid = True
    assert CORE.score(fixed, attempt).earned == 18 - 3  # npwp (1) + decision (2)


def test_answer_record_and_report_rows():
    content = desk()
    attempt = _attempt(content)
    form = right_form(content, "b")
    form["requirements"]["npwp"]["reason"] = "nama beda"
    attempt = submit(content, attempt, "b", form).attempt
    record = CORE.answer_record(content, attempt)
    json.dumps(record)
    assert record["requests"]["b"]["earned"] == 6 and record["order"] == ["a", "b", "c"]
    rows = CORE.report_rows(content, attempt)
    assert [r.question for r in rows] == ["Siti — Izin Usaha Mikro", "Budi — Izin Usaha Mikro",
                                          "Koperasi Maju — Izin Usaha Mikro"]
    assert rows[0].points == "—"
    assert rows[1].answer == ("Decision: Return to be completed; Route: DPMPTSP; Due: 2026-03-18; "
                              "Requirements: ktp met, npwp not met (“nama beda”)")
    assert rows[1].points == "6 / 6"


def test_summary_and_staff_items():
    content = desk()
    assert CORE.summary(content) == {"requests": 3, "services": 1, "max_points": 18.0,
                                     "competencies": ["akuntabel", "pelayanan_publik",
                                                      "pengambilan_keputusan"],
                                     "urgent": 1}
    assert CORE.staff_items(content, _attempt(content)) == []
    assert CORE.tag == "asn_digital_service"


def test_core_implements_protocol():
    from asn_xblocks.core.engine_api import BlockCore

    for name in [n for n in vars(BlockCore) if not n.startswith("_")]:
        assert hasattr(CORE, name), name
