"""The Studio form editor through its handlers, as the browser calls them: save (valid,
errors, warnings), mode switches, preview, checks, and hostile input (4xx, nothing changed)."""
from __future__ import annotations

import copy
import html
import json
import re

import pytest

from .case_fixtures import case_xml

SIM_XML = """<asn_change_simulation display_name="Tiny sim" start="n1">
  <metric id="moral" label="Morale" initial="50"/>
  <node id="n1" title="Start"><content><p>SITUATION</p></content>
    <choice id="c1" goto="n2" points="1"><text>Go on</text><effect metric="moral" add="-30"/></choice>
    <choice id="c2" goto="e1"><text>Stop</text></choice>
  </node>
  <node id="n2" title="Second"><content><p>SECOND</p></content>
    <choice id="c3" goto="r1"><text>Decide</text></choice>
  </node>
  <router id="r1"><route when="moral &lt; 30" goto="e2"/><route goto="e1"/></router>
  <ending id="e1" title="Good" score="1" outcome="success"><p>GOOD</p></ending>
  <ending id="e2" title="Bad" score="0" outcome="failure"><p>BAD</p></ending>
</asn_change_simulation>"""

DESK_XML = """<asn_digital_service display_name="Tiny desk">
  <unit id="u1" name="Front office"/>
  <service id="s1" name="Permit" sla_days="3" unit="u1">
    <requirement id="ktp" label="ID card" document="ktp"/>
  </service>
  <request id="r1" service="s1" applicant="Budi" submitted="2026-03-16">
    <document id="d1" type="ktp" title="ID Budi"><field name="NIK">1</field></document>
  </request>
</asn_digital_service>"""


def studio_payload(block) -> dict:
    page = block.page(student="staff", view="studio_view")
    found = re.search(r'<script type="application/json" class="asn-init">(.*?)</script>', page, re.S)
    return json.loads(found.group(1))


def stored(block) -> str:
    """The block's stored content and settings as the OLX export shows them."""
    return block.xblock("staff").export_olx()


def form_of(block) -> dict:
    payload = studio_payload(block)
    return {"content": payload["content"], "settings": payload["settings"]}


# --- the view ---------------------------------------------------------------------------------

def test_studio_view_sends_the_form_editor_everything_it_needs(make_block):
    block = make_block(case_xml())
    payload = studio_payload(block)
    assert payload["schema"]["root"] == "content"
    assert payload["content"]["stages"][0]["id"] == "s1"
    assert payload["settings"]["max_attempts"] == 1
    assert [f["key"] for f in payload["settings_schema"]][:2] == ["display_name", "weight"]
    assert payload["preview"]["learner_js"] == "AsnCaseStudy"
    assert ["integritas", "Integrity"] in payload["catalogue"]
    assert "<asn_case_study" in payload["olx"]
    page = block.page(student="staff", view="studio_view")
    assert "static/min/js/studio.js" in page and "static/min/js/case_study.js" in page


def test_author_view_summarises_content_and_validation(make_block):
    block = make_block(case_xml().replace('score="2"', 'score="1"', 1))
    page = block.page(student="staff", view="author_view")
    payload = json.loads(html.unescape(re.search(
        r'<script type="application/json" class="asn-init">(.*?)</script>', page, re.S).group(1)))
    assert payload["errors"] == 1 and payload["problems"][0]["item_id"] == "q1"
    assert {"label": "Stages", "value": 2} in payload["facts"]


# --- saving from the form -----------------------------------------------------------------------

def test_a_valid_form_is_saved_and_learners_see_it(make_block):
    block = make_block(case_xml())
    form = form_of(block)
    form["content"]["stages"][0]["title"] = "Renamed stage"
    form["content"]["stages"][0]["items"][0]["options"].append(
        {"id": "d", "text_html": "<p>Delta</p>", "feedback_html": "", "score": 0, "correct": None})
    form["settings"].update(display_name="New name", max_attempts=2, weight=5)
    status, data = block.call("studio_save_form", form, student="staff")
    assert status == 200 and data["saved"], data
    assert data["content"]["stages"][0]["title"] == "Renamed stage"
    olx = stored(block)
    assert 'title="Renamed stage"' in olx and "<p>Delta</p>" in olx
    assert 'display_name="New name"' in olx and 'max_attempts="2"' in olx and 'weight="5' in olx
    view = block.state("alice")["view"]
    assert view["stages"][0]["title"] == "Renamed stage"
    assert [o["id"] for o in view["stages"][0]["items"][0]["options"]] == ["a", "b", "c", "d"]


def test_errors_block_the_save_and_are_listed_by_item(make_block):
    block = make_block(case_xml())
    before = stored(block)
    form = form_of(block)
    form["content"]["stages"][0]["items"][0]["options"][0]["score"] = 1  # no full score
    form["content"]["stages"][0]["items"][1]["id"] = "q1"  # a clash
    status, data = block.call("studio_save_form", form, student="staff")
    assert status == 400 and "nothing was saved" in data["error"]
    codes = {(p["message"], p["item_id"]) for p in data["problems"]}
    assert any(item == "q1" and "full" in message for message, item in codes)
    assert any("more than once" in message for message, _item in codes)
    assert stored(block) == before


def test_warnings_do_not_block_the_save(make_block):
    block = make_block(case_xml())
    form = form_of(block)
    form["content"]["reflection_grading"] = "staff"
    form["settings"]["max_attempts"] = 3
    status, data = block.call("studio_save_form", form, student="staff")
    assert status == 200 and data["saved"]
    assert [p["severity"] for p in data["problems"]] and \
        all(p["severity"] == "warning" for p in data["problems"])
    assert 'reflection_grading="staff"' in stored(block)


def test_check_form_validates_without_saving(make_block):
    block = make_block(case_xml())
    before = stored(block)
    form = form_of(block)
    form["content"]["stages"][1]["items"][0]["max_words"] = 1
    status, data = block.call("studio_check_form", form, student="staff")
    assert status == 200
    assert [p["item_id"] for p in data["problems"] if p["severity"] == "error"] == ["r1"]
    assert stored(block) == before


def test_scripts_in_html_are_sanitized_on_save(make_block):
    block = make_block(case_xml())
    form = form_of(block)
    form["content"]["intro_html"] = '<p onmouseover="steal()">Hi<script>alert(1)</script></p>'
    form["content"]["stages"][0]["items"][0]["options"][0]["feedback_html"] = \
        '<a href="javascript:alert(1)">x</a>'
    status, data = block.call("studio_save_form", form, student="staff")
    assert status == 200
    assert data["content"]["intro_html"] == "<p>Hi</p>"
    # the author is told, next to the item (a warning: the save went through)
    cleaned = [p for p in data["problems"] if "was removed" in p["message"]]
    assert [(p["severity"], p["item_id"]) for p in cleaned] == [("warning", None), ("warning", "q1")]
    assert "script" not in stored(block) and "steal" not in stored(block)


# --- hostile input: a clear 4xx and nothing changed -----------------------------------------------

def _hostile_cases(form):
    unknown_type = copy.deepcopy(form)
    unknown_type["content"]["stages"][0]["items"].append({"type": "essay", "id": "x"})
    unknown_field = copy.deepcopy(form)
    unknown_field["content"]["stages"][0]["onload"] = "x"
    wrong_type = copy.deepcopy(form)
    wrong_type["content"]["stages"][0]["items"][0]["points"] = "lots"
    bad_setting = copy.deepcopy(form)
    bad_setting["settings"]["show_answer"] = "always"
    negative = copy.deepcopy(form)
    negative["settings"]["max_attempts"] = -1
    return [
        ("malformed JSON", None, b'{"content": '),
        ("not an object", None, b"[1, 2]"),
        ("content not an object", {"content": "<asn_case_study/>"}, None),
        ("unknown item type", unknown_type, None),
        ("unknown field", unknown_field, None),
        ("wrong type", wrong_type, None),
        ("bad setting", bad_setting, None),
        ("negative attempts", negative, None),
        ("settings not an object", {"content": form["content"], "settings": [1]}, None),
    ]


@pytest.mark.parametrize("handler", ["studio_save_form", "studio_to_olx", "studio_preview"])
def test_hostile_form_input_gets_a_clear_400_and_changes_nothing(make_block, handler):
    block = make_block(case_xml())
    before = stored(block)
    for name, payload, raw in _hostile_cases(form_of(block)):
        status, data = block.call(handler, payload, student="staff", raw=raw)
        assert status == 400, (name, status, data)
        assert isinstance(data, dict) and data["error"], name
    assert stored(block) == before


def test_a_huge_payload_is_refused(make_block):
    from asn_xblocks.shell.handlers import STUDIO_MAX_BODY_BYTES

    block = make_block(case_xml())
    before = stored(block)
    form = form_of(block)
    # Studio bodies may be as large as the OLX limit (2 MB) plus JSON overhead: a field
    # over its own limit is refused by that limit, a body over the Studio limit with 413
    form["content"]["intro_html"] = "<p>" + "x" * 300_000 + "</p>"
    status, data = block.call("studio_save_form", form, student="staff")
    assert status == 400 and "too long" in data["error"], data
    form["content"]["intro_html"] = "<p>" + "x" * STUDIO_MAX_BODY_BYTES + "</p>"
    status, data = block.call("studio_save_form", form, student="staff")
    assert status == 413 and data["error"]
    assert stored(block) == before


@pytest.mark.parametrize("handler", ["studio_save_form", "studio_check_form", "studio_to_olx",
                                     "studio_from_olx", "studio_preview", "studio_check_field",
                                     "studio_tool", "studio_save", "studio_check"])
def test_learners_cannot_use_the_editor_handlers(make_block, handler):
    block = make_block(case_xml())
    before = stored(block)
    form = form_of(block)
    payload = {**form, "olx": case_xml(), "kind": "condition", "value": "x", "tool": "paths"}
    status, data = block.call(handler, payload, student="learner")
    assert status == 403 and data["error"]
    assert stored(block) == before


def test_get_requests_are_refused(make_block):
    block = make_block(case_xml())
    status, data = block.call("studio_save_form", method="get", student="staff")
    assert status == 405


# --- switching modes -------------------------------------------------------------------------------

def test_form_and_olx_modes_round_trip_the_content(make_block):
    block = make_block(case_xml())
    form = form_of(block)
    form["content"]["stages"][1]["title"] = "Edited in the form"
    form["settings"]["weight"] = 7
    status, data = block.call("studio_to_olx", form, student="staff")
    assert status == 200
    assert 'title="Edited in the form"' in data["olx"] and 'weight="7"' in data["olx"]
    status, back = block.call("studio_from_olx", {"olx": data["olx"]}, student="staff")
    assert status == 200
    assert back["content"] == form["content"]
    assert back["settings"]["weight"] == 7
    edited = data["olx"].replace("Edited in the form", "Edited as OLX")
    status, again = block.call("studio_from_olx", {"olx": edited}, student="staff")
    assert again["content"]["stages"][1]["title"] == "Edited as OLX"


def test_settings_left_at_their_defaults_stay_out_of_the_olx(make_block):
    block = make_block(SIM_XML)
    status, data = block.call("studio_to_olx", form_of(block), student="staff")
    assert status == 200 and 'display_name="Tiny sim"' in data["olx"]
    assert "show_answer=" not in data["olx"] and "attempt_policy=" not in data["olx"]


def test_unreadable_olx_keeps_the_author_in_olx_mode(make_block):
    block = make_block(case_xml())
    for source in ("<asn_case_study><stage></asn_case_study>", "<asn_case_study>&nbsp;</asn_case_study>",
                   "<asn_change_simulation/>"):
        status, data = block.call("studio_from_olx", {"olx": source}, student="staff")
        assert status == 400 and data["error"], source
    status, data = block.call("studio_from_olx", {"olx": "<asn_case_study>&nbsp;</asn_case_study>"},
                              student="staff")
    assert "&#160;" in data["error"]


def test_olx_saved_from_the_source_mode_returns_the_form_content(make_block):
    block = make_block(case_xml())
    status, data = block.call("studio_save", {"olx": case_xml().replace("First", "Via OLX")},
                              student="staff")
    assert status == 200 and data["content"]["stages"][0]["title"] == "Via OLX"


# --- preview ------------------------------------------------------------------------------------------

def test_preview_shows_the_unsaved_content_as_a_learner_sees_it(make_block):
    block = make_block(case_xml())
    before = stored(block)
    form = form_of(block)
    form["content"]["stages"][0]["title"] = "Unsaved title"
    status, data = block.call("studio_preview", form, student="staff")
    assert status == 200
    view = data["payload"]["view"]
    assert view["stages"][0]["title"] == "Unsaved title"
    assert len(view["stages"]) == 1 and view["stages"][0]["status"] == "current"
    text = json.dumps(view)
    assert "FEEDBACK-ALPHA" not in text and "MODEL-ANSWER" not in text  # as a learner starts
    status, data = block.call("studio_preview", {**form, "at": "s2"}, student="staff")
    assert data["payload"]["view"]["stages"][0]["id"] == "s2"
    assert stored(block) == before
    assert block.raw_state("staff") == []  # no learner state was written


def test_simulation_preview_starts_at_the_chosen_node(make_block):
    block = make_block(SIM_XML)
    form = form_of(block)
    status, data = block.call("studio_preview", {**form, "at": "n2"}, student="staff")
    assert status == 200 and data["payload"]["view"]["node"]["id"] == "n2"


# --- the simulation editor ------------------------------------------------------------------------------

def test_simulation_form_save_check_and_map(make_block):
    block = make_block(SIM_XML)
    form = form_of(block)
    assert form["content"]["nodes"][0]["choices"][0]["effects"][0] == \
        {"metric": "moral", "op": "add", "value": -30.0}
    payload = studio_payload(block)
    assert payload["insights"]["sections"][0]["svg"].startswith("<svg")
    assert payload["tools"] == [{"name": "paths", "label": "Check all paths"}]
    form["content"]["nodes"].append({"id": "lost", "title": "Lost", "step": "", "content_html": "",
                                     "choices": [{"id": "c9", "goto": "e1", "when": "", "points": 0,
                                                  "competency": "", "text_html": "<p>x</p>",
                                                  "effects": [], "feedback_html": ""}]})
    status, data = block.call("studio_check_form", form, student="staff")
    assert any(p["item_id"] == "lost" for p in data["problems"])
    svg = data["insights"]["sections"][0]["svg"]
    assert 'data-item="lost"' in svg and "unreachable" in svg
    status, data = block.call("studio_save_form", form, student="staff")
    assert status == 200  # unreachable is a warning
    assert 'id="lost"' in stored(block)


def test_simulation_conditions_are_checked_as_typed(make_block):
    block = make_block(SIM_XML)
    status, data = block.call("studio_check_field", {"kind": "condition", "value": "moral <",
                                                     "names": ["moral"]}, student="staff")
    assert status == 200 and not data["ok"] and data["message"]
    status, data = block.call("studio_check_field", {"kind": "condition", "value": "moral < 3",
                                                     "names": ["moral"]}, student="staff")
    assert data["ok"]
    status, data = block.call("studio_check_field", {"kind": "condition", "value": "x",
                                                     "names": "moral"}, student="staff")
    assert status == 400


def test_check_all_paths_through_the_handler(make_block):
    block = make_block(SIM_XML)
    form = form_of(block)
    status, data = block.call("studio_tool", {**form, "tool": "paths"}, student="staff")
    assert status == 200
    groups = {g["title"]: g["items"] for g in data["report"]["groups"]}
    assert {i["item_id"] for i in groups["Endings reached"]} == {"e1", "e2"}
    shortest = next(i for i in groups["Endings reached"] if i["item_id"] == "e2")
    assert "Choices on the shortest path: 2." in shortest["text"]
    status, data = block.call("studio_tool", {**form, "tool": "rm -rf"}, student="staff")
    assert status == 400


# --- the service-desk editor ------------------------------------------------------------------------------

def test_desk_form_shows_expected_outcomes_and_saves(make_block):
    block = make_block(DESK_XML)
    form = form_of(block)
    payload = studio_payload(block)
    assert payload["insights"]["items"]["r1"]["lines"][0] == "Decision: Approve"
    form["content"]["requests"][0]["documents"][0]["valid"] = False
    form["content"]["requests"][0]["documents"][0]["issue"] = "Expired"
    status, data = block.call("studio_check_form", form, student="staff")
    assert data["insights"]["items"]["r1"]["lines"][0] == "Decision: Return to be completed"
    status, data = block.call("studio_save_form", form, student="staff")
    assert status == 200
    assert 'valid="false"' in stored(block) and 'issue="Expired"' in stored(block)
