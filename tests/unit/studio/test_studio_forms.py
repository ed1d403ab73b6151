"""The form editor's mapping: form (the schema-described JSON) ⇄ content model ⇄ OLX, for
every element of the three blocks, and the strict reading of what a form sends back."""
from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest
from studio_samples import CASE_ALL, DESK_ALL, SIM_ALL

from asn_xblocks.case_study import editor_schema as case_editor
from asn_xblocks.case_study.core import CORE as CASE
from asn_xblocks.core import forms as studio_forms
from asn_xblocks.core import olx
from asn_xblocks.core.forms import FormError, clean_content, new_record
from asn_xblocks.digital_service import editor_schema as desk_editor
from asn_xblocks.digital_service.core import CORE as DESK
from asn_xblocks.simulation import editor_schema as sim_editor
from asn_xblocks.simulation.core import CORE as SIM

SCENARIOS = Path(__file__).resolve().parents[3] / "asn_xblocks" / "demo" / "scenarios"
BLOCKS = {
    "case": (CASE, case_editor.SCHEMA, CASE_ALL),
    "sim": (SIM, sim_editor.SCHEMA, SIM_ALL),
    "desk": (DESK, desk_editor.SCHEMA, DESK_ALL),
}


def form_to_model(core, schema, form):
    """What the save handler does: read strictly, then export → OLX text → parse."""
    cleaned = clean_content(schema, json.loads(json.dumps(form)))
    source = olx.to_string(core.export(core.from_dict(cleaned)))
    return core.parse(olx.parse_olx(source))


def model_of(core, xml):
    return core.parse(olx.parse_olx(xml))


def export(core, model):
    return olx.to_string(core.export(model))


# --- every element, both directions ---------------------------------------------------------

@pytest.mark.parametrize("name", sorted(BLOCKS))
def test_every_element_round_trips_form_model_olx(name):
    core, schema, xml = BLOCKS[name]
    model = model_of(core, xml)
    form = core.to_dict(model)  # what studio_view sends to the form
    back = form_to_model(core, schema, form)
    assert core.to_dict(back) == form
    assert export(core, back) == export(core, model)
    # and OLX → form again (studio_from_olx) gives the same form
    assert core.to_dict(model_of(core, export(core, back))) == form


def _schema_keys(schema, type_name, data, path, seen):
    """Assert that ``data`` (a to_dict record) and the schema describe the same keys."""
    spec = schema["types"][type_name]
    seen.add(type_name)
    keys = {f["key"] for f in spec["fields"]}
    extra = set(data) - keys - ({"type"} if spec.get("tag") else set())
    assert not extra, f"{path}: model keys the form does not edit: {extra}"
    assert keys <= set(data), f"{path}: form keys the model does not have: {keys - set(data)}"
    for spec_field in spec["fields"]:
        if spec_field["kind"] != "list" or "scalar" in spec_field:
            continue
        for index, item in enumerate(data[spec_field["key"]]):
            types = spec_field["of"]
            item_type = types[0] if len(types) == 1 else next(
                t for t in types if schema["types"][t]["tag"] == item[spec_field["tag_key"]])
            _schema_keys(schema, item_type, item, f"{path}.{spec_field['key']}[{index}]", seen)


@pytest.mark.parametrize("name", sorted(BLOCKS))
def test_schema_describes_every_model_field_of_every_element(name):
    core, schema, xml = BLOCKS[name]
    seen: set[str] = set()
    _schema_keys(schema, schema["root"], core.to_dict(model_of(core, xml)), "root", seen)
    assert seen == set(schema["types"]), "the sample must use every element type"


@pytest.mark.parametrize("name", sorted(BLOCKS))
def test_records_built_in_the_form_become_olx_elements(name):
    """A form filled from empty: each new record (as the editor creates it) survives the
    trip to OLX and back with its values."""
    core, schema, _xml = BLOCKS[name]
    form = new_record(schema, schema["root"])
    counter = iter(range(1000))

    def fill(type_name, record):
        for spec_field in schema["types"][type_name]["fields"]:
            kind = spec_field["kind"]
            if kind == "id":
                record["id"] = f"id{next(counter)}"
            elif kind in ("text", "textarea") and not record.get(spec_field["key"]):
                record[spec_field["key"]] = f"T{next(counter)}"
            elif kind == "html":
                record[spec_field["key"]] = f"<p>H{next(counter)}</p>"
            elif kind == "list" and "scalar" not in spec_field:
                for item_type in spec_field["of"]:
                    item = new_record(schema, item_type)
                    if schema["types"][item_type].get("tag"):
                        item[spec_field["tag_key"]] = schema["types"][item_type]["tag"]
                    fill(item_type, item)
                    record[spec_field["key"]].append(item)
        return record

    fill(schema["root"], form)
    model = form_to_model(core, schema, form)
    source = export(core, model)
    data = core.to_dict(model)
    for marker in ("T1", "H", "id1"):
        assert marker in source
    # the form's own values came back unchanged (the trip is lossless for new records too)
    assert core.to_dict(form_to_model(core, schema, data)) == data


@pytest.mark.parametrize("path", sorted(SCENARIOS.glob("*/*.xml")), ids=lambda p: p.name)
def test_demo_content_round_trips_through_the_form(path):
    tag = path.parent.name
    core, schema = {"asn_case_study": (CASE, case_editor.SCHEMA),
                    "asn_change_simulation": (SIM, sim_editor.SCHEMA),
                    "asn_digital_service": (DESK, desk_editor.SCHEMA)}[tag]
    model = model_of(core, path.read_text(encoding="utf-8"))
    assert core.to_dict(form_to_model(core, schema, core.to_dict(model))) == core.to_dict(model)


def test_case_study_form_edits_reach_the_olx():
    model = model_of(CASE, CASE_ALL)
    form = CASE.to_dict(model)
    form["stages"][0]["items"][0]["options"].reverse()
    form["stages"][0]["items"][1]["kind"] = "single"
    form["stages"][1]["items"][0]["rubric"][0]["levels"].append({"points": 1, "description": "Half"})
    form["reflection_grading"] = "staff"
    form["lang"] = ""  # "Not set"
    back = form_to_model(CASE, case_editor.SCHEMA, form)
    source = export(CASE, back)
    assert source.index('id="b" score="0.5"') < source.index('id="a" score="2"')
    assert 'kind="single" points="3"' in source
    assert '<level points="1">Half</level>' in source
    assert 'reflection_grading="staff"' in source and "lang=" not in source.split(">")[0]


# --- html: sanitized as on import ------------------------------------------------------------

def test_html_fields_are_sanitized_exactly_as_on_import():
    hostile = '<p onclick="x()">Hi<script>alert(1)</script><a href="javascript:alert(2)">l</a></p>'
    form = CASE.to_dict(model_of(CASE, CASE_ALL))
    form["intro_html"] = hostile
    model = form_to_model(CASE, case_editor.SCHEMA, form)
    imported = model_of(CASE, CASE_ALL.replace("<intro><p>INTRO <strong>tebal</strong></p></intro>",
                                               f"<intro>{hostile}</intro>"))
    assert model.intro_html == imported.intro_html
    assert "script" not in model.intro_html and "onclick" not in model.intro_html
    assert "javascript" not in model.intro_html


def test_control_characters_are_dropped_from_text():
    form = DESK.to_dict(model_of(DESK, DESK_ALL))
    form["requests"][0]["applicant"] = "Bu\x00di\x1b"
    model = form_to_model(DESK, desk_editor.SCHEMA, form)
    assert model.requests[0].applicant == "Budi"


# --- hostile or broken form data -------------------------------------------------------------

def _case_form():
    return CASE.to_dict(model_of(CASE, CASE_ALL))


@pytest.mark.parametrize("mutate, words", [
    (lambda f: f.update(surprise=1), "Unknown field"),
    (lambda f: f["stages"][0].update(onload="x"), "Unknown field"),
    (lambda f: f["stages"][0]["items"].append({"type": "essay", "id": "x"}), "Unknown item type"),
    (lambda f: f["stages"][0]["items"].append({"id": "x"}), "Unknown item type"),
    (lambda f: f["stages"][0]["items"][0].update(points="two"), "wrong type"),
    (lambda f: f["stages"][0]["items"][0].update(points=True), "wrong type"),
    (lambda f: f["stages"][0]["items"][0].update(points=float("inf")), "wrong type"),
    (lambda f: f["stages"][1]["items"][0].update(min_words=1.5), "wrong type"),
    (lambda f: f["stages"][0].update(title=["a"]), "wrong type"),
    (lambda f: f["stages"][0].update(items={"a": 1}), "wrong type"),
    (lambda f: f.update(stages=["not a stage"]), "must be an object"),
    (lambda f: f.update(shuffle="yes"), "wrong type"),
    (lambda f: f["stages"][0].update(title="x" * 3000), "too long"),
    (lambda f: f.update(stages=[{"id": f"s{i}"} for i in range(studio_forms.MAX_ITEMS + 1)]),
     "Too many"),
])
def test_unusable_form_data_is_refused_with_a_clear_message(mutate, words):
    form = _case_form()
    mutate(form)
    with pytest.raises(FormError) as caught:
        clean_content(case_editor.SCHEMA, form)
    assert words in str(caught.value)


def test_missing_keys_take_their_defaults():
    cleaned = clean_content(sim_editor.SCHEMA, {"nodes": [{"id": "n1", "choices": [{"id": "c"}]}]})
    choice = cleaned["nodes"][0]["choices"][0]
    assert choice["points"] == 0.0 and choice["effects"] == [] and choice["when"] == ""
    assert cleaned["metrics"] == [] and cleaned["scoring"] == ""


def test_nullable_fields_turn_empty_into_absent():
    form = _case_form()
    form["stages"][0]["items"][0]["competency"] = ""
    cleaned = clean_content(case_editor.SCHEMA, form)
    assert cleaned["stages"][0]["items"][0]["competency"] is None


def test_the_browser_schema_is_translated_and_keeps_templates():
    calls = []

    def upper(text):
        calls.append(text)
        return text.upper()

    browser = studio_forms.for_browser(case_editor.SCHEMA, upper)
    stage = browser["types"]["stage"]
    assert stage["label"] == "STAGE" and stage["add"] == "ADD STAGE"
    kind = next(f for f in browser["types"]["question"]["fields"] if f["key"] == "kind")
    assert kind["options"][0] == ["single", "SINGLE CHOICE (OPTION SCORES)"]
    assert browser["types"]["question"]["template"] == case_editor.SCHEMA["types"]["question"]["template"]
    sim = studio_forms.for_browser(sim_editor.SCHEMA, upper)
    step = next(f for f in sim["types"]["node"]["fields"] if f["key"] == "step")
    assert ["urgency", "CREATE A SENSE OF URGENCY"] in step["options_by_root"]["map"]["kotter"]
    json.dumps(browser)  # JSON-able for the page


def test_every_template_is_a_valid_record():
    for schema in (case_editor.SCHEMA, sim_editor.SCHEMA, desk_editor.SCHEMA):
        for type_name, spec in schema["types"].items():
            record = new_record(schema, type_name)
            if spec.get("tag"):
                # polymorphic items carry their tag in the list that holds them
                tagged = {**record, "type": spec["tag"]}
                holder = next(f for t in schema["types"].values() for f in t["fields"]
                              if f["kind"] == "list" and type_name in f.get("of", []))
                studio_forms._list(schema, holder, [tagged], 0, "x")
            else:
                studio_forms._record(schema, type_name, copy.deepcopy(record), 0)


def test_preview_content_starts_at_a_stage():
    model = model_of(CASE, CASE_ALL)
    assert case_editor.preview_content(model, None) is model
    later = case_editor.preview_content(model, "s2")
    assert [s.id for s in later.stages] == ["s2"] and later.intro_html == ""
    assert case_editor.preview_content(model, "nope") is model


def test_simulation_preview_starts_at_a_node():
    model = model_of(SIM, SIM_ALL)
    attempt = SIM.new_attempt(model, 0)
    placed = sim_editor.preview_attempt(model, attempt, "n2")
    assert placed["position"] == "n2" and attempt["position"] == "n1"
    assert sim_editor.preview_attempt(model, attempt, "e1")["position"] == "n1"  # not a node
