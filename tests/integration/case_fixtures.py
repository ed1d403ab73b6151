"""Small case studies whose numbers are easy to check by hand: ``CASE`` (choices and a
reflection) and ``KINDS_XML`` (a classification and two numeric questions, capitals marking
secrets that nothing sent before submission may contain)."""

CASE = """<asn_case_study display_name="Tiny case" max_attempts="{max_attempts}" attempt_policy="{policy}"
    reflection_grading="{grading}" show_answer="{show_answer}" {extra}>
  <intro><p>INTRO-TEXT</p></intro>
  <stage id="s1" title="First">
    <narrative><p>NARRATIVE-ONE</p></narrative>
    <question id="q1" kind="single" points="2" competency="integritas">
      <prompt><p>Pick one</p></prompt>
      <option id="a" score="2"><text>Alpha</text><feedback><p>FEEDBACK-ALPHA</p></feedback></option>
      <option id="b" score="1"><text>Beta</text><feedback><p>FEEDBACK-BETA</p></feedback></option>
      <option id="c" score="0"><text>Gamma</text></option>
    </question>
    <question id="q2" kind="multiple" points="3" competency="akuntabel">
      <prompt><p>Pick many</p></prompt>
      <option id="a" correct="true"><text>Right one</text></option>
      <option id="b" correct="true"><text>Right two</text></option>
      <option id="c"><text>Wrong one</text><feedback><p>FEEDBACK-WRONG</p></feedback></option>
    </question>
  </stage>
  <stage id="s2" title="Second">
    <narrative><p>NARRATIVE-TWO</p></narrative>
    <reflection id="r1" points="4" min_words="3" max_words="20" competency="integritas">
      <prompt><p>Reflect</p></prompt>
      <rubric>
        <criterion id="c1" label="Rule"><level points="0">None</level><level points="2">Names the rule</level></criterion>
        <criterion id="c2" label="Action"><level points="0">None</level><level points="2">Concrete action</level></criterion>
      </rubric>
      <model_answer><p>MODEL-ANSWER</p></model_answer>
    </reflection>
    <question id="q3" kind="single" points="1">
      <prompt><p>Last</p></prompt>
      <option id="a" score="1"><text>Yes</text></option>
      <option id="b" score="0"><text>No</text></option>
    </question>
  </stage>
  <debrief><p>DEBRIEF-TEXT</p></debrief>
</asn_case_study>"""  # noqa: E501 - OLX fixture kept verbatim: tests read its line/column positions

SECRETS = ["FEEDBACK-ALPHA", "FEEDBACK-BETA", "FEEDBACK-WRONG", "NARRATIVE-TWO", "MODEL-ANSWER",
           "DEBRIEF-TEXT", "Reflect", 'score="', 'correct="']


def case_xml(max_attempts=1, policy="best", grading="completion", show_answer="finished", extra=""):
    return CASE.format(max_attempts=max_attempts, policy=policy, grading=grading,
                       show_answer=show_answer, extra=extra)


STAGE1_BEST = {"type": "submit_stage", "stage": "s1", "answers": {"q1": "a", "q2": ["a", "b"]}}
STAGE1_PARTIAL = {"type": "submit_stage", "stage": "s1", "answers": {"q1": "b", "q2": ["a", "c"]}}
STAGE2_GOOD = {"type": "submit_stage", "stage": "s2",
               "answers": {"r1": "I would refuse and report it", "q3": "a"}}


# --- classification and numeric questions -------------------------------------------------

KINDS_XML = """
<asn_case_study display_name="Kinds" reflection_grading="none" lang="{lang}">
  <stage id="s1" title="Sort and count">
    <narrative><p>Narrative</p></narrative>
    <question id="q1" kind="classify" points="4" competency="orientasi_hasil">
      <prompt><p>Result or activity?</p></prompt>
      <category id="hasil" label="Result"/>
      <category id="kegiatan" label="Activity"/>
      <item id="i1" category="hasil"><text>Permits issued on time</text><feedback><p>ITEMFEEDBACKONE</p></feedback></item>
      <item id="i2" category="kegiatan"><text>Coordination meeting held</text></item>
      <item id="i3" category="hasil"><text>Complaints resolved</text></item>
      <item id="i4" category="kegiatan"><text>Report compiled</text><feedback><p>ITEMFEEDBACKFOUR</p></feedback></item>
    </question>
    <question id="q2" kind="numeric" points="2" answer="87.5" tolerance="0.5" unit="%" competency="akuntabel">
      <prompt><p>Achievement?</p></prompt>
      <feedback><p>WORKINGSECRET 35 / 40 = 87.5</p></feedback>
    </question>
    <question id="q3" kind="numeric" points="1" answer="1500000" unit="Rp">
      <prompt><p>Budget?</p></prompt>
    </question>
  </stage>
  <stage id="s2" title="Second">
    <question id="q4" kind="single" points="1">
      <prompt><p>Last</p></prompt>
      <option id="a" score="1"><text>Yes</text></option>
      <option id="b" score="0"><text>No</text></option>
    </question>
  </stage>
</asn_case_study>
"""  # noqa: E501 - OLX fixture kept verbatim: tests read its line/column positions

# secrets of the key: category ids on statements are checked separately (the category ids
# themselves are what the learner chooses among)
SECRETS = ["ITEMFEEDBACKONE", "ITEMFEEDBACKFOUR", "WORKINGSECRET", "87.5", "1500000", "0.5"]

ALL_RIGHT = {"q1": {"i1": "hasil", "i2": "kegiatan", "i3": "hasil", "i4": "kegiatan"},
             "q2": "87,5", "q3": "1.500.000"}


def kinds_content(lang: str = "id"):
    from asn_xblocks.case_study.core import CORE
    from asn_xblocks.core.olx import parse_olx

    return CORE.parse(parse_olx(KINDS_XML.replace("{lang}", lang)))


def submit(answers, locale="id", stage="s1"):
    return {"type": "submit_stage", "stage": stage, "answers": answers, "locale": locale}


def kinds_xml(lang="id", extra=""):
    return KINDS_XML.replace('lang="{lang}"', f'lang="{lang}" {extra}')
