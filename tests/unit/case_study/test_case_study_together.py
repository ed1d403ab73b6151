"""Learning together in the content model: ``show_cohort`` and ``cohort_min`` on the root,
``share`` on a reflection — read, written (only when not the default), kept as written
when wrong so validation names them, and through the dict form the Studio form edits."""
from __future__ import annotations

import json

import pytest

from asn_xblocks.case_study import editor_schema, model
from asn_xblocks.case_study.core import CORE
from asn_xblocks.core.forms import clean_content
from asn_xblocks.core.olx import parse_olx, to_string

XML = """<asn_case_study reflection_grading="completion"{root}>
  <stage id="s1" title="One">
    <question id="q1" kind="single" points="1">
      <prompt><p>P</p></prompt>
      <option id="a" score="1"><text>A</text></option>
      <option id="b" score="0"><text>B</text></option>
    </question>
    <reflection id="r1" points="2" min_words="3"{share}><prompt><p>Reflect</p></prompt></reflection>
  </stage>
</asn_case_study>"""


def parse(root="", share=""):
    return CORE.parse(parse_olx(XML.format(root=root, share=share)))


def exported(content) -> str:
    return to_string(model.export(content))


def codes(content) -> list[str]:
    return [p.code for p in CORE.validate(content)]


def test_defaults_when_absent_and_not_written_back():
    content = parse()
    reflection = content.stages[0].reflections[0]
    assert (content.show_cohort, content.cohort_min, reflection.share) == (False, 5, "off")
    assert content.cohort_min_value == 5 and not reflection.shareable
    text = exported(content)
    assert "show_cohort" not in text and "cohort_min" not in text and "share=" not in text
    assert codes(content) == []


def test_values_round_trip_through_olx_and_the_dict_form():
    content = parse(' show_cohort="true" cohort_min="12"', ' share="optional"')
    reflection = content.stages[0].reflections[0]
    assert (content.show_cohort, content.cohort_min, reflection.share) == (True, 12, "optional")
    assert reflection.shareable and content.cohort_min_value == 12
    text = exported(content)
    assert 'show_cohort="true"' in text and 'cohort_min="12"' in text and 'share="optional"' in text
    again = CORE.parse(parse_olx(text))
    assert again == content
    data = json.loads(json.dumps(content.to_dict()))
    assert data["show_cohort"] is True and data["cohort_min"] == 12
    assert data["stages"][0]["items"][1]["share"] == "optional"
    assert model.Content.from_dict(data) == content
    assert codes(content) == []


def test_explicit_defaults_are_dropped_on_export():
    content = parse(' show_cohort="false" cohort_min="5"', ' share="off"')
    text = exported(content)
    assert "show_cohort" not in text and "cohort_min" not in text and "share=" not in text


@pytest.mark.parametrize("raw, kept", [("0", 0), ("-3", -3), ("1001", 1001), ("2.5", "2.5"), ("--5", "--5"),
                                       ("many", "many")])
def test_a_wrong_cohort_min_is_kept_and_named(raw, kept):
    content = parse(f' show_cohort="true" cohort_min="{raw}"')
    assert content.cohort_min == kept
    assert content.cohort_min_value == 5  # the learner view falls back to the default
    assert f'cohort_min="{raw}"' in exported(content)  # nothing lost on export
    problems = [p for p in CORE.validate(content) if p.code == "cohort-min-invalid"]
    assert len(problems) == 1 and problems[0].is_error
    assert problems[0].text() == f'cohort_min must be a whole number from 1 to 1000, not "{raw}".'
    assert problems[0].text(lambda s: s.upper())  # a translated template still formats


@pytest.mark.parametrize("raw", ["1", "1000"])
def test_cohort_min_bounds_are_valid(raw):
    assert codes(parse(f' cohort_min="{raw}"')) == []


def test_a_wrong_share_is_kept_and_named():
    content = parse(share=' share="always"')
    assert content.stages[0].reflections[0].share == "always"
    assert 'share="always"' in exported(content)
    problems = [p for p in CORE.validate(content) if p.code == "share-invalid"]
    assert len(problems) == 1 and problems[0].item_id == "r1"
    assert problems[0].text() == '"r1": share must be "off" or "optional", not "always".'


def test_the_studio_form_edits_the_new_fields():
    content = parse(' show_cohort="true" cohort_min="7"', ' share="optional"')
    cleaned = clean_content(editor_schema.SCHEMA, json.loads(json.dumps(content.to_dict())))
    assert model.Content.from_dict(cleaned) == content
    fields = {f["key"]: f for f in editor_schema.SCHEMA["types"]["content"]["fields"]}
    assert fields["show_cohort"]["section"] == fields["cohort_min"]["section"] == "settings"
    reflection = {f["key"]: f for f in editor_schema.SCHEMA["types"]["reflection"]["fields"]}
    assert [value for value, _label in reflection["share"]["options"]] == ["off", "optional"]
    # a form that sends 5.0 for an int field: read as the whole number it is
    data = content.to_dict()
    data["cohort_min"] = 5.0
    assert model.Content.from_dict(data).cohort_min == 5
