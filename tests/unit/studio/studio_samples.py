"""OLX using every element and every optional attribute of each block (non-default values),
for the form ⇄ model ⇄ OLX mapping tests."""

CASE_ALL = """<asn_case_study reflection_grading="completion" shuffle="true" lang="id">
  <competency id="etika" label="Etika birokrasi"/>
  <intro><p>INTRO <strong>tebal</strong></p></intro>
  <stage id="s1" title="Tahap satu">
    <narrative><p>NARRATIVE</p><ul><li>satu</li></ul></narrative>
    <question id="q1" kind="single" points="2" competency="etika">
      <prompt><p>PROMPT-Q1</p></prompt>
      <option id="a" score="2"><text>OPT-A</text><feedback><p>FB-A</p></feedback></option>
      <option id="b" score="0.5"><text>OPT-B</text></option>
    </question>
    <question id="q2" kind="multiple" points="3">
      <prompt><p>PROMPT-Q2</p></prompt>
      <option id="a" correct="true"><text>M-A</text></option>
      <option id="b" correct="false"><text>M-B</text><feedback><p>FB-MB</p></feedback></option>
      <option id="c"><text>M-C</text></option>
    </question>
    <question id="q3" kind="classify" points="2">
      <prompt><p>PROMPT-Q3</p></prompt>
      <category id="k1" label="Hasil"/>
      <category id="k2" label="Kegiatan"/>
      <item id="i1" category="k1"><text>ITEM-1</text><feedback><p>FB-I1</p></feedback></item>
      <item id="i2" category="k2"><text>ITEM-2</text></item>
    </question>
    <question id="q4" kind="numeric" points="1" answer="87.5" tolerance="0.5" unit="%">
      <prompt><p>PROMPT-Q4</p></prompt>
      <feedback><p>WORKING</p></feedback>
    </question>
  </stage>
  <stage id="s2" title="Tahap dua">
    <reflection id="r1" points="4" min_words="5" max_words="200" competency="integritas">
      <prompt><p>PROMPT-R1</p></prompt>
      <rubric>
        <criterion id="c1" label="Aturan"><level points="0">Tidak ada</level><level points="2">Menyebut aturan</level></criterion>
        <criterion id="c2" label="Tindakan"><level points="0">Tidak ada</level><level points="2">Tindakan nyata</level></criterion>
      </rubric>
      <model_answer><p>MODEL</p></model_answer>
    </reflection>
  </stage>
  <debrief><p>DEBRIEF</p></debrief>
  <reference><p>REFERENCE <a href="https://example.org/">link</a></p></reference>
</asn_case_study>"""  # noqa: E501 - OLX fixture kept verbatim: tests read its line/column positions

SIM_ALL = """<asn_change_simulation start="r0" scoring="path" framework="kotter" lang="en">
  <competency id="lead" label="Leading change"/>
  <intro><p>INTRO</p></intro>
  <metric id="moral" label="Morale" initial="50" min="-10" max="90" visible="false"/>
  <metric id="support" label="Support" initial="20"/>
  <node id="n1" title="Start" step="urgency">
    <content><p>CONTENT-N1</p></content>
    <choice id="c1" goto="n2" when="moral &gt;= 40 and not (support &lt; 10)" points="2" competency="lead">
      <text><p>CHOICE-1</p></text>
      <effect metric="moral" add="5"/>
      <effect metric="support" set="30"/>
      <feedback><p>FEEDBACK-1</p></feedback>
    </choice>
    <choice id="c2" goto="r1"><text>CHOICE-2</text></choice>
  </node>
  <node id="n2" title="Second" step="coalition">
    <content><p>CONTENT-N2</p></content>
    <choice id="c3" goto="e1" points="1"><text>CHOICE-3</text><effect metric="moral" add="-5"/></choice>
  </node>
  <router id="r0"><route goto="n1"/></router>
  <router id="r1">
    <route when="moral &lt; 30" goto="e2"/>
    <route goto="e1"/>
  </router>
  <ending id="e1" title="Good" score="1" outcome="success"><p>ENDING-1</p></ending>
  <ending id="e2" title="Bad" score="0.25" outcome="failure"><p>ENDING-2</p></ending>
</asn_change_simulation>"""

DESK_ALL = """<asn_digital_service feedback="end" shuffle="true" lang="id">
  <competency id="teliti" label="Ketelitian"/>
  <intro><p>INTRO</p></intro>
  <unit id="u1" name="DPMPTSP"/>
  <unit id="u2" name="Disdukcapil"/>
  <holiday date="2026-03-19"/>
  <holiday date="2026-03-20"/>
  <service id="s1" name="Izin usaha" sla_days="3" unit="u1" fee="150000">
    <requirement id="ktp" label="KTP-el" document="ktp" competency="teliti"/>
    <requirement id="nib" label="NIB" document="nib"/>
  </service>
  <request id="r1" service="s1" applicant="Budi" submitted="2026-03-16" eligible="false"
           route="u2" priority="urgent" competency="teliti">
    <document id="d1" type="ktp" title="KTP Budi" valid="false" issue="NIK tidak cocok">
      <field name="NIK">3175000000000001</field>
      <field name="Nama">BUDI</field>
    </document>
    <note><p>NOTE</p></note>
  </request>
  <request id="r2" service="s1" applicant="Sari" submitted="2026-03-17">
    <document id="d1" type="ktp" title="KTP Sari"><field name="NIK">1</field></document>
    <document id="d2" type="nib" title="NIB Sari"/>
  </request>
  <workday date="2026-03-18"/>
  <classification code="000" label="Umum"/>
  <classification code="000.5" label="Persuratan"/>
  <retention code="000" active="2" inactive="1" disposition="musnah" note="contoh"/>
  <record id="a1" title="Undangan" kind="incoming" dated="2026-03-16" sender="Bappeda" recipient="Setda" code="000.5" access="biasa" priority="urgent" competency="teliti">
    <document id="d1" type="surat" title="Surat"><field name="Perihal">Rapat</field></document>
    <note><p>N</p></note><explain><p>E</p></explain>
  </record>
</asn_digital_service>"""  # noqa: E501 - OLX fixture kept verbatim: tests read its line/column positions
