"""Validation rules, one failing fixture each, and the demo content passing them all."""
from __future__ import annotations

import pytest

from asn_xblocks.case_study.core import CORE
from asn_xblocks.case_study.validation import validate_settings
from asn_xblocks.core.olx import parse_olx

VALID = """
<asn_case_study reflection_grading="{grading}">
  <competency id="custom" label="Custom"/>
  <stage id="s1" title="One">
    <question id="q1" kind="single" points="2" competency="integritas">
      <prompt>P</prompt>
      <option id="a" score="2"><text>A</text></option>
      <option id="b" score="0"><text>B</text></option>
    </question>
    <question id="q2" kind="multiple" points="2" competency="custom">
      <prompt>P</prompt>
      <option id="a" correct="true"><text>A</text></option>
      <option id="b"><text>B</text></option>
    </question>
    <reflection id="r1" points="3" min_words="5" max_words="50">
      <prompt>P</prompt>
      <rubric>
        <criterion id="c1" label="L"><level points="0">x</level><level points="2">y</level></criterion>
        <criterion id="c2" label="M"><level points="0">x</level><level points="1">y</level></criterion>
      </rubric>
    </reflection>
  </stage>
</asn_case_study>
"""


def problems(xml=None, grading="staff", replace=()):
    text = (xml or VALID).replace("{grading}", grading)
    for old, new in replace:
        assert old in text, old
        text = text.replace(old, new, 1)
    return CORE.validate(CORE.parse(parse_olx(text)))


def codes(*args, **kwargs):
    return [p.code for p in problems(*args, **kwargs)]


def test_valid_content_has_no_problems():
    assert problems() == []
    assert problems(grading="completion") == []


@pytest.mark.parametrize("replace, code", [
    ([('<option id="a" score="2"><text>A</text></option>',
       '<option id="a" score="1"><text>A</text></option>')], "single-no-full-score"),
    ([('<option id="b" score="0">', '<option id="b" score="-1">')], "option-score-range"),
    ([('<option id="b" score="0">', '<option id="b" score="5">')], "option-score-range"),
    ([('<option id="a" correct="true">', '<option id="a" correct="false">')], "multiple-no-correct"),
    ([('<level points="1">y</level>', '<level points="2">y</level>')], "rubric-sum"),
    ([('<stage id="s1" title="One">', '<stage id="q1" title="One">')], "duplicate-id"),
    ([('<reflection id="r1"', '<reflection id="q2"')], "duplicate-id"),
    ([('<criterion id="c2"', '<criterion id="c1"')], "duplicate-id"),
    ([('<criterion id="c2"', '<criterion id="s1"')], "duplicate-id"),
    ([('<option id="b"><text>B</text>', '<option id="a"><text>B</text>')], "duplicate-option-id"),
    ([('competency="integritas"', 'competency="nonexistent"')], "unknown-competency"),
    ([('<option id="b" score="0"><text>B</text></option>', '')], "too-few-options"),
    ([('<question id="q1" kind="single" points="2"', '<question id="q1" kind="single" points="0"')],
     "points-not-positive"),
    ([('<question id="q2" kind="multiple" points="2"', '<question id="q2" kind="multiple"')],
     "points-not-positive"),
    ([('<reflection id="r1" points="3"', '<reflection id="r1" points="-3"')], "points-not-positive"),
    ([('min_words="5" max_words="50"', 'min_words="60" max_words="50"')], "min-over-max-words"),
    ([('min_words="5" max_words="50"', 'min_words="-1" max_words="50"')], "word-limits-invalid"),
    ([('<prompt>P</prompt>', '')], "missing-prompt"),
    ([('<reflection id="r1" points="3" min_words="5" max_words="50">\n      <prompt>P</prompt>',
       '<reflection id="r1" points="3" min_words="5" max_words="50">')], "missing-prompt"),
    ([('<text>A</text>', '<text/>')], "missing-option-text"),
    ([('kind="single"', 'kind="ranking"')], "unknown-kind"),
    ([('<question id="q1"', '<question')], "missing-id"),
    ([('<option id="a" score="2">', '<option score="2">')], "missing-id"),
    ([('<criterion id="c1" label="L">', '<criterion label="L">')], "missing-id"),
    ([('<criterion id="c1" label="L">', '<criterion id="c1">')], "criterion-no-label"),
    ([('<criterion id="c2" label="M"><level points="0">x</level><level points="1">y</level>',
       '<criterion id="c2" label="M">')], "criterion-no-levels"),
    ([('<level points="0">x</level><level points="1">y</level>',
       '<level>x</level><level points="1">y</level>')], "level-points"),
    ([('<competency id="custom" label="Custom"/>', '<competency id="custom"/>')],
     "competency-incomplete"),
    ([('<asn_case_study reflection_grading="staff">',
       '<asn_case_study reflection_grading="staff" lang="fr">')], "unknown-lang"),
])
def test_each_rule_has_a_failing_fixture(replace, code):
    found = codes(replace=replace)
    assert code in found, found


def test_duplicate_option_ids_in_different_questions_are_fine():
    assert codes() == []  # q1 and q2 both use "a" and "b"


def test_no_stages_and_empty_stage():
    assert codes(xml="<asn_case_study/>") == ["no-stages"]
    assert "stage-empty" in codes(xml="<asn_case_study><stage id='s' title='t'/></asn_case_study>")


def test_unknown_grading_mode():
    assert "unknown-grading" in codes(grading="peer")


def test_duplicate_declared_competency():
    found = codes(replace=[('<competency id="custom" label="Custom"/>',
                            '<competency id="custom" label="Custom"/><competency id="custom" label="X"/>')])
    assert "duplicate-id" in found


def test_rubric_sum_only_matters_for_staff_grading():
    replace = [('<level points="1">y</level>', '<level points="2">y</level>')]
    assert "rubric-sum" not in codes(grading="completion", replace=replace)
    assert "rubric-sum" not in codes(grading="none", replace=replace)


def test_reflection_points_not_needed_when_ungraded():
    replace = [('<reflection id="r1" points="3"', '<reflection id="r1"')]
    assert "points-not-positive" in codes(replace=replace)
    assert "points-not-positive" not in codes(grading="none", replace=replace)


def test_warnings():
    found = problems(replace=[('<rubric>', '<!-- --><rubric_old>'), ('</rubric>', '</rubric_old>')])
    assert [(p.code, p.severity) for p in found] == [("rubric-missing", "warning")]
    found = problems(grading="completion", replace=[('min_words="5"', 'min_words="0"')])
    assert [(p.code, p.severity) for p in found] == [("completion-any-text", "warning")]
    found = problems(replace=[('<stage id="s1" title="One">', '<stage id="s1">')])
    assert [(p.code, p.severity) for p in found] == [("stage-no-title", "warning")]


def test_problem_messages_fill_their_params():
    for problem in problems(replace=[('competency="integritas"', 'competency="nope"'),
                                     ('min_words="5" max_words="50"', 'min_words="60" max_words="50"')]):
        text = problem.text()
        assert "{" not in text
        assert problem.text(lambda s: s.upper())  # translated template still formats


def test_validate_settings():
    content = CORE.parse(parse_olx(VALID.replace("{grading}", "staff")))
    assert validate_settings(content, 1, None) == []
    assert [p.code for p in validate_settings(content, 2, None)] == ["staff-grading-attempts"]
    assert [p.code for p in validate_settings(content, 0, None)] == ["staff-grading-attempts"]
    assert [p.code for p in validate_settings(content, 1, 2.5)] == ["weight-fraction"]
    # the core leaves the weight to the shell, which warns of it for every block
    assert [p.code for p in CORE.validate_settings(content, 2, 2.5)] == ["staff-grading-attempts"]
    assert validate_settings(content, 1, 3.0) == []
    for problem in validate_settings(content, 0, 2.5):
        assert problem.severity == "warning" and "{" not in problem.text()
    completion = CORE.parse(parse_olx(VALID.replace("{grading}", "completion")))
    assert validate_settings(completion, 3, None) == []


def test_demo_files_have_no_problems(demo_files):
    for path in demo_files:
        root = parse_olx(path.read_bytes())
        content = CORE.parse(root)
        found = CORE.validate(content) + CORE.validate_settings(
            content, int(root.get("max_attempts", "1")), None)
        assert found == [], (path.name, [p.text() for p in found])


def test_demo_files_cover_the_brief(demo_files):
    modes = set()
    for path in demo_files:
        root = parse_olx(path.read_bytes())
        content = CORE.parse(root)
        modes.add(content.reflection_grading)
        assert root.get("display_name")
        assert content.lang in ("id", "en")
        assert len(content.stages) >= 2
        kinds = [q.kind for q in content.questions()]
        assert len(kinds) >= 4 and "single" in kinds and "multiple" in kinds
        assert any(0 < o.score_value < q.points for q in content.questions() if q.kind == "single"
                   for o in q.options), path.name  # partial credit
        reflections = content.reflections()
        assert reflections and all(2 <= len(r.rubric) <= 3 and r.model_answer_html
                                   for r in reflections)
        assert content.debrief_html and content.reference_html
        expected_attempts = "1" if content.reflection_grading == "staff" else "2"
        assert root.get("max_attempts") == expected_attempts
        text = path.read_text("utf-8")
        assert "fiktif" in text
        assert "&nbsp;" not in text
    assert {"staff", "completion"} <= modes


def test_settings_problems_for_the_shell_leave_weight_to_it():
    from asn_xblocks.case_study.validation import settings_problems
    content = CORE.parse(parse_olx(VALID.replace("{grading}", "staff")))
    assert [p.code for p in settings_problems(content, 2, 2.5)] == ["staff-grading-attempts"]
    assert settings_problems(content, 1, 2.5) == []
