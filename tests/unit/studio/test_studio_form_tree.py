"""The form language's ``tree`` option on a list of records: the editor shows the list as a
tree by a key (the desk's classification scheme by its codes); it is display only."""
from __future__ import annotations

import copy
import json

import pytest
from studio_samples import DESK_ALL

from asn_xblocks.core import forms, olx
from asn_xblocks.digital_service import editor_schema as desk_editor
from asn_xblocks.digital_service.core import CORE as DESK


def _lists(schema):
    for type_name, spec in schema["types"].items():
        for spec_field in spec["fields"]:
            if spec_field["kind"] == "list":
                yield type_name, spec_field


def test_the_scheme_is_a_tree_by_code_in_the_browser_schema():
    browser = forms.for_browser(desk_editor.SCHEMA, str.upper)
    scheme = next(f for f in browser["types"]["content"]["fields"]
                  if f["key"] == "classifications")
    assert scheme["tree"] == {"key": "code", "separator": ".", "add_child": "ADD CHILD CODE",
                              "add_child_for": "ADD A CHILD CODE UNDER {ITEM}"}
    # the source schema is not changed by translating it
    source = next(f for f in desk_editor.SCHEMA["types"]["content"]["fields"]
                  if f["key"] == "classifications")
    assert source["tree"]["add_child"] == "Add child code"
    json.dumps(browser)


def test_every_tree_option_names_a_text_field_of_the_listed_records():
    seen = 0
    for _owner, spec_field in _lists(desk_editor.SCHEMA):
        tree = spec_field.get("tree")
        if tree is None:
            continue
        seen += 1
        assert "scalar" not in spec_field and tree["separator"]
        for type_name in spec_field["of"]:
            keys = {f["key"]: f["kind"] for f in desk_editor.SCHEMA["types"][type_name]["fields"]}
            assert keys.get(tree["key"]) == "text"
    assert seen == 1


def test_the_tree_option_leaves_reading_the_form_unchanged():
    """The scheme comes back in the order the form sent it, codes unsorted; the option
    changes nothing in what ``clean_content`` accepts or refuses."""
    form = DESK.to_dict(DESK.parse(olx.parse_olx(DESK_ALL)))
    form["classifications"] = [{"code": "000.5", "label": "Persuratan"},
                               {"code": "000", "label": "Umum"},
                               {"code": "000.5.", "label": ""}]
    cleaned = forms.clean_content(desk_editor.SCHEMA, copy.deepcopy(form))
    assert cleaned["classifications"] == form["classifications"]
    flat = copy.deepcopy(desk_editor.SCHEMA)
    for _owner, spec_field in _lists(flat):
        spec_field.pop("tree", None)
    assert forms.clean_content(flat, copy.deepcopy(form)) == cleaned
    form["classifications"][0]["parent"] = "000"
    for schema in (desk_editor.SCHEMA, flat):
        with pytest.raises(forms.FormError) as refused:
            forms.clean_content(schema, copy.deepcopy(form))
        assert refused.value.params["field"] == "parent"
