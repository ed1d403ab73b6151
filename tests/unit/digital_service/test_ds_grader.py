from test_ds_support import desk, right_form

from asn_xblocks.core.engine_api import Reveal
from asn_xblocks.digital_service import grader


def _items(result):
    return {(i["kind"], i["id"]): i for i in result["items"]}


def _msg(item, locale="en"):
    return grader.message(item["code"], item["params"], locale=locale)


def test_perfect_form_full_marks():
    content = desk()
    for rid in ("a", "b", "c"):
        result = grader.grade(content, content.request(rid), right_form(content, rid))
        assert result["earned"] == result["possible"] == 6
        assert all(i["ok"] for i in result["items"])


def test_points_per_item():
    content = desk()
    result = grader.grade(content, content.request("a"), right_form(content, "a"))
    points = [(i["kind"], i["possible"]) for i in result["items"]]
    assert points == [("requirement", 1), ("requirement", 1), ("decision", 2), ("route", 1),
                      ("due", 1)]


def test_invalid_document_explained_with_title_and_issue():
    content = desk()
    form = right_form(content, "b")
    form["requirements"]["npwp"]["met"] = True
    form["decision"] = "approve"
    result = grader.grade(content, content.request("b"), form)
    items = _items(result)
    assert result["earned"] == 6 - 1 - 2
    npwp = items[("requirement", "npwp")]
    assert not npwp["ok"]
    assert _msg(npwp) == "The NPWP (document “NPWP Budi”) is not valid: SECRET-ISSUE-B nama berbeda"
    decision = items[("decision", "decision")]
    assert not decision["ok"]
    assert _msg(decision) == ("Incomplete files are returned to be completed (UU 25/2009). "
                              "Not met: NPWP.")


def test_missing_document_explained():
    content = desk()
    form = right_form(content, "c")
    form["requirements"]["npwp"]["met"] = True
    result = grader.grade(content, content.request("c"), form)
    npwp = _items(result)[("requirement", "npwp")]
    assert not npwp["ok"]
    # named by the requirement's label, never by the document-type id
    assert _msg(npwp) == ("No document for the NPWP requirement was attached, so the "
                          "requirement is not met.")
    assert "npwp" not in _msg(npwp)


def test_met_requirement_wrongly_refused_explained():
    content = desk()
    form = right_form(content, "a")
    form["requirements"]["ktp"]["met"] = False
    item = _items(grader.grade(content, content.request("a"), form))[("requirement", "ktp")]
    assert not item["ok"] and item["competency"] == "akuntabel"
    assert _msg(item) == "The KTP-el requirement is met: the document “KTP Siti” is attached and valid."


def test_invalid_document_without_issue():
    content = desk()
    content.request("b").documents[1].issue = ""
    form = right_form(content, "b")
    form["requirements"]["npwp"]["met"] = True
    item = _items(grader.grade(content, content.request("b"), form))[("requirement", "npwp")]
    assert _msg(item) == "The NPWP (document “NPWP Budi”) is not valid."


def test_decision_rules():
    content = desk()
    for rid, decision, expected in (("a", "reject", "Eligible applicants with complete requirements are approved."),
                                    ("c", "approve", "Applicants who are not eligible are rejected. "
                                     "This applicant is not eligible: SECRET-REASON-C modal usaha di "
                                     "atas batas usaha mikro.")):
        form = right_form(content, rid)
        form["decision"] = decision
        item = _items(grader.grade(content, content.request(rid), form))[("decision", "decision")]
        assert not item["ok"] and item["earned"] == 0 and _msg(item) == expected


def test_route_rules():
    content = desk()
    form = right_form(content, "a")
    form["route"] = "dinkop"
    item = _items(grader.grade(content, content.request("a"), form))[("route", "route")]
    assert not item["ok"]
    assert _msg(item) == ("Requests for Izin Usaha Mikro are handled by DPMPTSP, the unit "
                          "responsible for the service.")
    form = right_form(content, "c")
    form["route"] = "dpm"
    item = _items(grader.grade(content, content.request("c"), form))[("route", "route")]
    assert not item["ok"]
    assert "Dinas Koperasi" not in _msg(item)  # the why does not name the hidden unit
    assert item["expected"] == "dinkop" and item["expected_name"] == "Dinas Koperasi"


def test_due_rule_with_holidays_and_locale():
    content = desk()
    form = right_form(content, "a")
    form["due"] = "2026-03-19"
    item = _items(grader.grade(content, content.request("a"), form))[("due", "due")]
    assert not item["ok"]
    text = _msg(item)
    assert "Count 3 working days after the submission day (16 March 2026)" in text
    assert "19 March 2026, 20 March 2026" in text
    assert "23 March" not in text  # the rule, not the answer
    assert "16 Maret 2026" in _msg(item, "id")
    assert item["expected"] == "2026-03-23"


def test_due_rule_without_holidays():
    content = desk()
    form = right_form(content, "b")
    form["due"] = "2026-03-17"
    item = _items(grader.grade(content, content.request("b"), form))[("due", "due")]
    assert item["code"] == "due-rule" and not item["ok"]


def test_due_unknown_when_content_broken():
    content = desk()
    content.request("a").submitted = "junk"
    item = _items(grader.grade(content, content.request("a"), right_form(desk(), "a")))[("due", "due")]
    assert not item["ok"] and item["code"] == "due-unknown"


def test_missing_parts_count_wrong():
    content = desk()
    result = grader.grade(content, content.request("a"), {})
    assert result["earned"] == 0 and result["possible"] == 6


def test_render_correctness_only():
    content = desk()
    form = right_form(content, "b")
    form["decision"] = "approve"
    result = grader.grade(content, content.request("b"), form)
    view = grader.render_result(result, Reveal(correctness=True, answers=False))
    assert view["earned"] == 4 and view["possible"] == 6
    decision = [i for i in view["items"] if i["kind"] == "decision"][0]
    assert decision["ok"] is False and decision["message"]
    assert decision["expected"] is None and decision["expected_label"] is None


def test_render_answers():
    content = desk()
    result = grader.grade(content, content.request("a"), {})
    view = grader.render_result(result, Reveal(correctness=True, answers=True), locale="id")
    labels = {i["kind"]: i["expected_label"] for i in view["items"]}
    assert labels["decision"] == "Approve"
    assert labels["route"] == "DPMPTSP"
    assert labels["due"] == "23 Maret 2026"
    assert labels["requirement"] == "Met"


def test_render_nothing():
    content = desk()
    result = grader.grade(content, content.request("a"), {})
    assert grader.render_result(result, Reveal(correctness=False, answers=False)) is None
    view = grader.render_result(result, Reveal(correctness=False, answers=True))
    assert view["earned"] is None and all(i["ok"] is None and i["message"] is None
                                          for i in view["items"])


def test_messages_translated_through_gettext():
    content = desk()
    content.request("c").reason = ""
    result = grader.grade(content, content.request("c"), {})
    fake = {grader.MESSAGES["decision-reject"]: "Pemohon yang tidak berhak ditolak."}
    view = grader.render_result(result, Reveal(), gettext=lambda s: fake.get(s, s))
    decision = [i for i in view["items"] if i["kind"] == "decision"][0]
    assert decision["message"] == "Pemohon yang tidak berhak ditolak."
