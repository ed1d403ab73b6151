"""Parsing, exporting and storing case study content."""
from __future__ import annotations

import json

import pytest
from lxml import etree

from asn_xblocks.case_study import model
from asn_xblocks.case_study.core import CORE
from asn_xblocks.core.olx import OlxError, parse_olx, to_string

SHELL_ATTRS = ("display_name", "weight", "max_attempts", "attempt_policy", "show_answer",
               "show_correctness", "due", "graceperiod")


def roundtrip(content):
    return CORE.parse(parse_olx(to_string(CORE.export(content))))


def test_parse_root_attributes(content):
    assert content.reflection_grading == "staff"
    assert content.shuffle is False
    assert content.lang == "en"
    assert content.intro_html == "<p>Intro text</p>"
    assert content.debrief_html == "<p>DEBRIEFTEXT</p>"
    assert content.reference_html == "<p>REFERENCETEXT</p>"
    assert [(c.id, c.label) for c in content.competencies] == [("custom", "Custom skill")]
    assert content.declared == {"custom": "Custom skill"}


def test_parse_defaults():
    content = CORE.parse(parse_olx("<asn_case_study><stage id='s'><reflection id='r' points='1'>"
                                   "<prompt>p</prompt></reflection></stage></asn_case_study>"))
    assert content.reflection_grading == "staff"
    assert content.shuffle is False
    assert content.lang is None
    reflection = content.stages[0].items[0]
    assert (reflection.min_words, reflection.max_words) == (0, 1000)
    assert reflection.rubric == [] and reflection.model_answer_html == ""


def test_parse_stages_and_items_in_document_order(content):
    assert [s.id for s in content.stages] == ["s1", "s2"]
    first, second = content.stages
    assert first.title == "First stage"
    assert first.narrative_html == "<p>Narrative one</p>"
    assert [i.id for i in first.items] == ["q1", "q2"]
    assert [i.id for i in second.items] == ["q3", "r1"]
    q1 = first.items[0]
    assert isinstance(q1, model.Question)
    assert (q1.kind, q1.points, q1.competency) == ("single", 2.0, "integritas")
    assert q1.prompt_html == "<p>Pick one</p>"
    assert [(o.id, o.score) for o in q1.options] == [("a", 2.0), ("b", 1.0), ("c", 0.0)]
    assert q1.options[0].text_html == "Best &lt; answer"
    assert q1.options[0].feedback_html == "FEEDBACKBEST"
    q2 = first.items[1]
    assert [o.correct for o in q2.options] == [True, True, True, None]
    r1 = second.items[1]
    assert isinstance(r1, model.Reflection)
    assert (r1.points, r1.min_words, r1.max_words, r1.competency) == (4.0, 3, 10, "integritas")
    assert r1.prompt_html == "<p>Reflect <em>now</em></p>"
    assert [(c.id, c.label, [(lv.points, lv.description) for lv in c.levels]) for c in r1.rubric] == [
        ("c1", "Law", [(0.0, "None"), (2.0, "Cites it")]),
        ("c2", "Steps", [(0.0, "None"), (1.0, "Some"), (2.0, "Clear")]),
    ]
    assert r1.model_answer_html == "<p>MODELANSWER</p>"


def test_shuffle_and_lang_round_trip(kit):
    content = kit.build(shuffle="true")
    assert content.shuffle is True
    again = roundtrip(content)
    assert again.shuffle is True and again.lang == "en"


def test_author_html_is_sanitized_on_import():
    content = CORE.parse(parse_olx(
        "<asn_case_study><intro><p onclick='x()'>Hi<script>alert(1)</script></p>"
        "<a href='javascript:alert(1)'>x</a></intro></asn_case_study>"))
    assert "script" not in content.intro_html
    assert "onclick" not in content.intro_html
    assert "javascript" not in content.intro_html


def test_parse_is_tolerant_of_invalid_content():
    content = CORE.parse(parse_olx(
        "<asn_case_study reflection_grading='sometimes'><stage id='s'>"
        "<question id='q' kind='odd' points='x'><option id='a' score='9'/></question>"
        "</stage><stage id='s'/></asn_case_study>"))
    assert content.reflection_grading == "sometimes"
    question = content.stages[0].items[0]
    assert question.kind == "odd" and question.points is None
    assert question.options[0].score == 9.0
    assert [s.id for s in content.stages] == ["s", "s"]
    assert CORE.validate(content)  # kept so validate can report it


def test_wrong_root_is_refused():
    with pytest.raises(OlxError):
        CORE.parse(parse_olx("<asn_change_simulation/>"))


def test_named_entity_is_refused_with_hint():
    with pytest.raises(OlxError) as info:
        parse_olx("<asn_case_study><intro>a&nbsp;b</intro></asn_case_study>")
    assert "&#160;" in str(info.value)


def test_export_leaves_shell_attributes_to_the_shell(content):
    root = CORE.export(content)
    assert root.tag == "asn_case_study"
    for name in SHELL_ATTRS:
        assert root.get(name) is None
    assert root.get("reflection_grading") == "staff"
    assert root.get("lang") == "en"
    assert root.get("shuffle") is None  # default not written


def test_export_omits_default_word_limits():
    content = CORE.parse(parse_olx("<asn_case_study><stage id='s'><reflection id='r' points='1'>"
                                   "<prompt>p</prompt></reflection></stage></asn_case_study>"))
    reflection = CORE.export(content).find("stage/reflection")
    assert reflection.get("min_words") is None and reflection.get("max_words") is None


def test_export_is_readable_xml(content):
    text = to_string(CORE.export(content))
    assert "\n  <stage id=\"s1\" title=\"First stage\">" in text
    assert "<level points=\"2\">Cites it</level>" in text
    assert "&lt;" in text  # learner-visible "<" stays escaped


def test_round_trip_of_test_case(content):
    assert CORE.to_dict(roundtrip(content)) == CORE.to_dict(content)


def test_round_trip_keeps_invalid_attributes():
    source = ("<asn_case_study><stage id='s'><question id='q' kind='multiple' points='1.5'>"
              "<option id='a' score='1' correct='false'><text>t</text></option></question>"
              "</stage></asn_case_study>")
    content = CORE.parse(parse_olx(source))
    assert CORE.to_dict(roundtrip(content)) == CORE.to_dict(content)
    assert roundtrip(content).stages[0].items[0].points == 1.5


def test_dict_round_trip_and_json(content):
    data = CORE.to_dict(content)
    assert json.loads(json.dumps(data)) == data
    assert CORE.to_dict(CORE.from_dict(json.loads(json.dumps(data)))) == data
    assert CORE.from_dict(data) == content


def test_every_demo_file_round_trips(demo_files):
    for path in demo_files:
        content = CORE.parse(parse_olx(path.read_bytes()))
        once = CORE.to_dict(content)
        assert CORE.to_dict(roundtrip(content)) == once, path.name
        assert CORE.to_dict(CORE.from_dict(once)) == once, path.name
        # exporting twice is stable text
        assert to_string(CORE.export(roundtrip(content))) == to_string(CORE.export(content))


def test_export_is_an_lxml_element(content):
    assert isinstance(CORE.export(content), etree._Element)
