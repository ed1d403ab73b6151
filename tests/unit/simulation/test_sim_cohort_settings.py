"""The root settings of "how the cohort chose": OLX and JSON round trips, the defaults that
are never written, invalid values kept for validation, and the Studio form's fields."""
import pytest

from asn_xblocks.core import forms
from asn_xblocks.core.olx import parse_olx, to_string
from asn_xblocks.simulation import editor_schema, model, validation
from asn_xblocks.simulation.core import CORE

BODY = ('<node id="n1" title="A"><choice id="c1" goto="e1"><text>Go</text></choice>'
        '<choice id="c2" goto="e1"><text>Stay</text></choice></node>'
        '<ending id="e1" title="End" score="1" outcome="success"><p>Done</p></ending>')


def parse(attrs: str = "") -> model.Content:
    return CORE.parse(parse_olx(f'<asn_change_simulation start="n1" {attrs}>{BODY}'
                                f'</asn_change_simulation>'))


def exported_root(content: model.Content) -> dict:
    return dict(parse_olx(to_string(CORE.export(content))).attrib)


def cohort_codes(content: model.Content) -> list[str]:
    return [p.code for p in validation.validate(content) if p.code.startswith("cohort")]


def test_defaults_are_off_and_five_and_never_written():
    content = parse()
    assert content.show_cohort is False and content.cohort_min == 5
    root = exported_root(content)
    assert "show_cohort" not in root and "cohort_min" not in root
    assert model.cohort_minimum(content) == 5


def test_explicit_defaults_are_not_written_back():
    root = exported_root(parse('show_cohort="false" cohort_min="5"'))
    assert "show_cohort" not in root and "cohort_min" not in root


@pytest.mark.parametrize("attrs,show,minimum", [
    ('show_cohort="true"', True, 5),
    ('show_cohort="true" cohort_min="12"', True, 12),
    ('cohort_min="1"', False, 1),
    ('show_cohort="true" cohort_min="1000"', True, 1000),
])
def test_olx_and_json_round_trip(attrs, show, minimum):
    content = parse(attrs)
    assert (content.show_cohort, content.cohort_min) == (show, minimum)
    again = CORE.parse(parse_olx(to_string(CORE.export(content))))
    assert again == content
    assert CORE.from_dict(CORE.to_dict(content)) == content
    root = exported_root(content)
    assert root.get("show_cohort") == ("true" if show else None)
    assert root.get("cohort_min") == (str(minimum) if minimum != 5 else None)
    assert cohort_codes(content) == []
    assert model.cohort_minimum(content) == minimum


@pytest.mark.parametrize("raw", ["0", "-3", "1001", "2.5", "abc", "true"])
def test_invalid_cohort_min_is_kept_named_and_not_used(raw):
    content = parse(f'show_cohort="true" cohort_min="{raw}"')
    assert cohort_codes(content) == ["cohort-min-invalid"]
    problem = [p for p in validation.validate(content) if p.code == "cohort-min-invalid"][0]
    assert problem.severity == "error" and "{" not in problem.text()
    assert raw in problem.text() or str(content.cohort_min) in problem.text()
    # lossless: the author's text comes back on export, so nothing is silently changed
    assert exported_root(content)["cohort_min"] in (raw, str(content.cohort_min))
    assert CORE.from_dict(CORE.to_dict(content)).cohort_min == content.cohort_min
    assert model.cohort_minimum(content) == 5


def test_whole_float_and_spaces_read_as_integer():
    assert parse('cohort_min=" 7 "').cohort_min == 7
    assert model.read_cohort_min(7.0) == 7
    assert model.read_cohort_min("") == 5
    assert model.read_cohort_min(None) == 5
    assert model.read_cohort_min(True) == "true"


def test_stored_json_without_the_keys_reads_the_defaults():
    data = CORE.to_dict(parse())
    del data["show_cohort"], data["cohort_min"]
    content = CORE.from_dict(data)
    assert content.show_cohort is False and content.cohort_min == 5


def test_show_cohort_needs_a_real_true_in_json():
    data = CORE.to_dict(parse())
    data["show_cohort"] = "yes"
    assert CORE.from_dict(data).show_cohort is False


def test_studio_form_has_the_settings_and_cleans_them():
    fields = {f["key"]: f for f in editor_schema.SCHEMA["types"]["content"]["fields"]}
    assert fields["show_cohort"]["kind"] == "bool" and fields["show_cohort"]["section"] == "settings"
    assert fields["cohort_min"]["kind"] == "int" and fields["cohort_min"]["section"] == "settings"
    assert fields["cohort_min"]["default"] == 5 and fields["cohort_min"]["min"] == 1
    data = CORE.to_dict(parse())
    data.update(show_cohort=True, cohort_min=9.0)
    cleaned = forms.clean_content(editor_schema.SCHEMA, data)
    content = model.from_dict(cleaned, sanitize=True)
    assert content.show_cohort is True and content.cohort_min == 9
    data["cohort_min"] = 2.5
    with pytest.raises(forms.FormError):
        forms.clean_content(editor_schema.SCHEMA, data)
    data["cohort_min"] = 0
    zero = model.from_dict(forms.clean_content(editor_schema.SCHEMA, data), sanitize=True)
    assert cohort_codes(zero) == ["cohort-min-invalid"]
