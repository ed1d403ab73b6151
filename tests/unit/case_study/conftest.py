"""Fixtures for the case study's pure-core tests: a small case with marked secrets."""
from __future__ import annotations

import copy
from pathlib import Path

import pytest

from asn_xblocks.case_study.core import CORE
from asn_xblocks.core.olx import parse_olx

DEMO_DIR = Path(__file__).resolve().parents[3] / "asn_xblocks" / "demo" / "scenarios" / "asn_case_study"

# Words in capitals are secrets: none may reach the browser before its stage is submitted.
CASE_XML = """
<asn_case_study display_name="Test case" weight="10" max_attempts="1"
                reflection_grading="{grading}" shuffle="{shuffle}" lang="en">
  <competency id="custom" label="Custom skill"/>
  <intro><p>Intro text</p></intro>
  <stage id="s1" title="First stage">
    <narrative><p>Narrative one</p></narrative>
    <question id="q1" kind="single" points="2" competency="integritas">
      <prompt><p>Pick one</p></prompt>
      <option id="a" score="2"><text>Best &lt; answer</text><feedback>FEEDBACKBEST</feedback></option>
      <option id="b" score="1"><text>Middle answer</text><feedback>FEEDBACKMIDDLE</feedback></option>
      <option id="c" score="0"><text>Worst answer</text><feedback>FEEDBACKWORST</feedback></option>
    </question>
    <question id="q2" kind="multiple" points="3" competency="akuntabel">
      <prompt><p>Pick many</p></prompt>
      <option id="a" correct="true"><text>Right one</text><feedback>FEEDBACKRIGHTONE</feedback></option>
      <option id="b" correct="true"><text>Right two</text></option>
      <option id="c" correct="true"><text>Right three</text></option>
      <option id="d"><text>Wrong one</text><feedback>FEEDBACKWRONGONE</feedback></option>
    </question>
  </stage>
  <stage id="s2" title="LATERSTAGETITLE">
    <narrative><p>LATERNARRATIVE</p></narrative>
    <question id="q3" kind="single" points="1" competency="custom">
      <prompt><p>LATERPROMPT</p></prompt>
      <option id="x" score="1"><text>LATEROPTION</text></option>
      <option id="y" score="0"><text>Other</text></option>
    </question>
    <reflection id="r1" points="4" min_words="3" max_words="10" competency="integritas">
      <prompt><p>Reflect <em>now</em></p></prompt>
      <rubric>
        <criterion id="c1" label="Law"><level points="0">None</level><level points="2">Cites it</level></criterion>
        <criterion id="c2" label="Steps"><level points="0">None</level><level points="1">Some</level><level points="2">Clear</level></criterion>
      </rubric>
      <model_answer><p>MODELANSWER</p></model_answer>
    </reflection>
  </stage>
  <debrief><p>DEBRIEFTEXT</p></debrief>
  <reference><p>REFERENCETEXT</p></reference>
</asn_case_study>
"""  # noqa: E501 - OLX fixture kept verbatim: tests read its line/column positions

LATER_SECRETS = ["LATERSTAGETITLE", "LATERNARRATIVE", "LATERPROMPT", "LATEROPTION"]
FEEDBACK_SECRETS = ["FEEDBACKBEST", "FEEDBACKMIDDLE", "FEEDBACKWORST", "FEEDBACKRIGHTONE",
                    "FEEDBACKWRONGONE"]
END_SECRETS = ["MODELANSWER", "DEBRIEFTEXT", "REFERENCETEXT"]

S1_ANSWERS = {"q1": "b", "q2": ["a", "d"]}
S2_ANSWERS = {"q3": "x", "r1": "one two three four"}


def build(grading: str = "staff", shuffle: str = "false"):
    return CORE.parse(parse_olx(CASE_XML.format(grading=grading, shuffle=shuffle)))


@pytest.fixture
def content():
    return build()


@pytest.fixture
def make_content():
    return build


@pytest.fixture
def attempt(content):
    return CORE.new_attempt(content, seed=42)


def submit(content, attempt, stage, answers):
    return CORE.apply_action(content, attempt, {"type": "submit_stage", "stage": stage,
                                                "answers": copy.deepcopy(answers)})


@pytest.fixture
def finished(content, attempt):
    first = submit(content, attempt, "s1", S1_ANSWERS).attempt
    return submit(content, first, "s2", S2_ANSWERS).attempt


class Kit:
    """Helpers handed to tests as a fixture (test modules never import conftest)."""

    CASE_XML = CASE_XML
    LATER_SECRETS = LATER_SECRETS
    FEEDBACK_SECRETS = FEEDBACK_SECRETS
    END_SECRETS = END_SECRETS
    S1_ANSWERS = S1_ANSWERS
    S2_ANSWERS = S2_ANSWERS
    build = staticmethod(build)
    submit = staticmethod(submit)


@pytest.fixture
def kit():
    return Kit


@pytest.fixture
def demo_files():
    files = sorted(DEMO_DIR.glob("*.xml"))
    assert len(files) >= 4
    return files
