"""A small case study whose numbers are easy to check by hand."""

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
</asn_case_study>"""

SECRETS = ["FEEDBACK-ALPHA", "FEEDBACK-BETA", "FEEDBACK-WRONG", "NARRATIVE-TWO", "MODEL-ANSWER",
           "DEBRIEF-TEXT", "Reflect", 'score="', 'correct="']


def case_xml(max_attempts=1, policy="best", grading="completion", show_answer="finished", extra=""):
    return CASE.format(max_attempts=max_attempts, policy=policy, grading=grading,
                       show_answer=show_answer, extra=extra)


STAGE1_BEST = {"type": "submit_stage", "stage": "s1", "answers": {"q1": "a", "q2": ["a", "b"]}}
STAGE1_PARTIAL = {"type": "submit_stage", "stage": "s1", "answers": {"q1": "b", "q2": ["a", "c"]}}
STAGE2_GOOD = {"type": "submit_stage", "stage": "s2",
               "answers": {"r1": "I would refuse and report it", "q3": "a"}}
