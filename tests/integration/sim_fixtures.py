"""A small change simulation whose numbers are easy to check by hand.

    n1 "Kick-off" (urgency)
      c_listen  morale +10, hidden +1   points 4 (komunikasi)  -> r_check
      c_order   morale -30              points 0               -> r_check
    r_check (router, invisible): morale < 30 -> e_fail; otherwise -> n2
    n2 "Building allies" (coalition)
      c_allies  support +20 (30 -> 50)  points 3 (kerja_sama)  -> n3
      c_alone   support -10 (30 -> 20)  points 0               -> n3
    n3 "First results" (wins)
      c_pilot   when support >= 40, morale +5, points 3 (mengelola_perubahan) -> e_success
      c_rush    morale -5, points 1                                       -> e_partial

Paths (scoring="ending" | scoring="path", best path = 4 + 3 + 3 = 10 points):
    SUCCESS  c_listen, c_allies, c_pilot -> e_success   ending 1.0  path 10/10 = 1.0
    PARTIAL  c_listen, c_alone, c_rush   -> e_partial   ending 0.6  path  5/10 = 0.5
    FAIL     c_order                     -> e_fail      ending 0.2  path  0/10 = 0.0
On PARTIAL, c_pilot is not offered at n3 (support 20 < 40).
"""

SIM = """<asn_change_simulation display_name="Tiny simulation" start="n1" scoring="{scoring}"
    framework="kotter" show_answer="{show_answer}" {extra}>
  <intro><p>INTRO-TEXT</p></intro>
  <metric id="morale" label="Morale" initial="50"/>
  <metric id="support" label="Support" initial="30" max="60"/>
  <metric id="zz_hidden" label="HIDDEN-METRIC-LABEL" initial="5" visible="false"/>
  <node id="n1" title="Kick-off" step="urgency">
    <content><p>CONTENT-N1</p></content>
    <choice id="c_listen" goto="r_check" points="4" competency="komunikasi">
      <text>Listen first</text>
      <effect metric="morale" add="10"/>
      <effect metric="zz_hidden" add="1"/>
      <feedback><p>FEEDBACK-LISTEN</p></feedback>
    </choice>
    <choice id="c_order" goto="r_check">
      <text>Give orders</text>
      <effect metric="morale" add="-30"/>
      <feedback><p>FEEDBACK-ORDER</p></feedback>
    </choice>
  </node>
  <router id="r_check">
    <route when="morale &lt; 30" goto="e_fail"/>
    <route goto="n2"/>
  </router>
  <node id="n2" title="Building allies" step="coalition">
    <content><p>CONTENT-N2</p></content>
    <choice id="c_allies" goto="n3" points="3" competency="kerja_sama">
      <text>Find allies</text>
      <effect metric="support" add="20"/>
      <feedback><p>FEEDBACK-ALLIES</p></feedback>
    </choice>
    <choice id="c_alone" goto="n3">
      <text>Go it alone</text>
      <effect metric="support" add="-10"/>
      <feedback><p>FEEDBACK-ALONE</p></feedback>
    </choice>
  </node>
  <node id="n3" title="First results" step="wins">
    <content><p>CONTENT-N3</p></content>
    <choice id="c_pilot" goto="e_success" when="support &gt;= 40" points="3"
            competency="mengelola_perubahan">
      <text>Run a pilot</text>
      <effect metric="morale" add="5"/>
      <feedback><p>FEEDBACK-PILOT</p></feedback>
    </choice>
    <choice id="c_rush" goto="e_partial" points="1">
      <text>Roll out everywhere at once</text>
      <effect metric="morale" add="-5"/>
      <feedback><p>FEEDBACK-RUSH</p></feedback>
    </choice>
  </node>
  <ending id="e_success" title="ENDING-SUCCESS-TITLE" score="1" outcome="success"><p>ENDING-SUCCESS-BODY</p></ending>
  <ending id="e_partial" title="ENDING-PARTIAL-TITLE" score="0.6" outcome="partial"><p>ENDING-PARTIAL-BODY</p></ending>
  <ending id="e_fail" title="ENDING-FAIL-TITLE" score="0.2" outcome="failure"><p>ENDING-FAIL-BODY</p></ending>
</asn_change_simulation>"""

SUCCESS = ["c_listen", "c_allies", "c_pilot"]
PARTIAL = ["c_listen", "c_alone", "c_rush"]
FAIL = ["c_order"]

# Never in the browser before the learner reaches them (hidden ones: never at all).
SECRETS_ALWAYS = ["HIDDEN-METRIC-LABEL", "zz_hidden", "r_check", "goto", "when=", "\"when\"",
                  "effects", "\"points\"", "points=", "score=", "&gt;= 40", ">= 40"]
SECRETS_AT_START = SECRETS_ALWAYS + [
    "ENDING-SUCCESS", "ENDING-PARTIAL", "ENDING-FAIL", "e_success", "e_partial", "e_fail",
    "FEEDBACK-", "CONTENT-N2", "CONTENT-N3", "Building allies", "First results", "Find allies",
    "Run a pilot", "c_pilot", "c_allies", "komunikasi", "kerja_sama", "outcome", "best_path"]


def sim_xml(scoring="ending", show_answer="finished", extra=""):
    return SIM.format(scoring=scoring, show_answer=show_answer, extra=extra)


def choose(choice):
    return {"type": "choose", "choice": choice}


def play(block, choices, student="learner"):
    """Make each choice in turn; returns the last reply (asserting each one succeeded)."""
    data = None
    for choice in choices:
        status, data = block.act(choose(choice), student=student)
        assert status == 200, (choice, data)
    return data


# The same scenario after an author removed n2 (its router now goes to n2b) and the
# partial ending: learners standing at n2 have drifted.
SIM_EDITED = SIM.replace('<node id="n2" title="Building allies"', '<node id="n2b" title="Building allies"') \
    .replace('<route goto="n2"/>', '<route goto="n2b"/>') \
    .replace('goto="e_partial"', 'goto="e_fail"') \
    .replace('<ending id="e_partial" title="ENDING-PARTIAL-TITLE" score="0.6" outcome="partial">'
             '<p>ENDING-PARTIAL-BODY</p></ending>', '')


def sim_edited_xml(scoring="ending", show_answer="finished", extra=""):
    return SIM_EDITED.format(scoring=scoring, show_answer=show_answer, extra=extra)
