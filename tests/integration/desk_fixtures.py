"""A small service desk whose numbers are easy to check by hand.

Calendar (March 2026): Mon 16, Tue 17, Wed 18, Thu 19 = holiday ([19] below), Fri 20, Sat 21, Sun 22,
Mon 23, Tue 24, Wed 25, Thu 26. The service's time limit is 3 working days; the day the
file is received is not counted.

=====  ==============  ==========  ============================  ==========  ======  ===========================
id     applicant       submitted   documents                     decision    route   due
=====  ==============  ==========  ============================  ==========  ======  ===========================
rA     Ani Lestari     2026-03-16  ID card ok, domicile ok       approve     u_main  2026-03-20 (17, 18, [19], 20)
rB     Budi Hartono    2026-03-18  ID card ok, domicile INVALID  completion  u_main  2026-03-24 ([19], 20, 23, 24)
rC     Citra Dewi      2026-03-23  ID card ok, no domicile       reject      u_coop  2026-03-26 (24, 25, 26)
=====  ==============  ==========  ============================  ==========  ======  ===========================

Each request is worth 2 (requirements) + 2 (decision) + 1 (route) + 1 (due date) = 6 points.
"""

DESK = """<asn_digital_service display_name="Tiny desk" max_attempts="{max_attempts}"
    attempt_policy="{policy}" show_answer="{show_answer}" feedback="{feedback}" {extra}>
  <intro><p>DESK-INTRO</p></intro>
  <unit id="u_main" name="Main Office"/>
  <unit id="u_coop" name="Cooperatives Office"/>
  <holiday date="2026-03-19"/>
  <service id="svc" name="Shop permit" sla_days="3" unit="u_main" fee="15000">
    <requirement id="ktp" label="ID card" document="ktp" competency="akuntabel"/>
    <requirement id="dom" label="Domicile letter" document="dom" competency="akuntabel"/>
  </service>
{requests}
</asn_digital_service>"""

REQUESTS = {
    "rA": """  <request id="rA" service="svc" applicant="Ani Lestari" submitted="2026-03-16">
    <document id="d1" type="ktp" title="ID card of Ani"><field name="NIK">1111</field></document>
    <document id="d2" type="dom" title="Domicile letter of Ani"><field name="Valid until">2027</field></document>
  </request>""",
    "rB": """  <request id="rB" service="svc" applicant="Budi Hartono" submitted="2026-03-18">
    <document id="d1" type="ktp" title="ID card of Budi"><field name="NIK">2222</field></document>
    <document id="d2" type="dom" title="Domicile letter of Budi" valid="false"
              issue="ISSUE-EXPIRED-DOMICILE"><field name="Valid until">2025</field></document>
  </request>""",
    "rC": """  <request id="rC" service="svc" applicant="Citra Dewi" submitted="2026-03-23" eligible="false"
           route="u_coop" priority="urgent" competency="pengambilan_keputusan">
    <document id="d1" type="ktp" title="ID card of Citra"><field name="NIK">3333</field></document>
    <note><p>NOTE-TEXT-C: a cooperative asks for a shop permit.</p></note>
  </request>""",
}

APPLICANTS = {"rA": "Ani Lestari", "rB": "Budi Hartono", "rC": "Citra Dewi"}
POINTS_PER_REQUEST = 6

# What must not reach the browser before the request it belongs to is submitted.
EXPECTED_DUE = {"rA": "2026-03-20", "rB": "2026-03-24", "rC": "2026-03-26"}
SECRETS = ["ISSUE-EXPIRED-DOMICILE", "eligible", "valid", '"issue"', '"expected"',
           "2026-03-20", "2026-03-24", "2026-03-26",
           "20 March 2026", "24 March 2026", "26 March 2026"]


def desk_xml(max_attempts=1, policy="best", show_answer="finished", feedback="immediate",
             extra="", requests=("rA", "rB", "rC")):
    return DESK.format(max_attempts=max_attempts, policy=policy, show_answer=show_answer,
                       feedback=feedback, extra=extra,
                       requests="\n".join(REQUESTS[r] for r in requests))


def form(ktp, dom, decision, route, due, **extra):
    """A full work form; ``ktp``/``dom`` are True (met) or False (not met)."""
    return {"requirements": {"ktp": {"met": ktp}, "dom": {"met": dom}},
            "decision": decision, "route": route, "due": due, **extra}


PERFECT = {
    "rA": form(True, True, "approve", "u_main", "2026-03-20"),
    "rB": form(True, False, "request_completion", "u_main", "2026-03-24"),
    "rC": form(True, False, "reject", "u_coop", "2026-03-26"),
}

# rB: requirements right (2), decision wrong (0), route right (1), due forgets the holiday (0) = 3
B_HALF = form(True, False, "approve", "u_main", "2026-03-23")
# rC: everything wrong = 0
C_ALL_WRONG = form(False, True, "approve", "u_main", "2026-03-25")


def submit(request_id, the_form):
    return {"type": "submit_request", "request": request_id, "form": the_form}


# --- a records desk ----------------------------------------------------------------------------
# Scheme: 000 General › 000.5 Correspondence › 000.5.2 Invitations (no JRA row: its parent's,
# 2/1 destroy, applies); 800 Personnel › 800.5 Staff discipline (2/5 re-evaluate). Each record
# is worth 2 (code) + 1 (access) + 1 (retention) + 1 (disposition) = 5 points.
RECORDS_DESK = """<asn_digital_service display_name="Records desk" max_attempts="{max_attempts}"
    show_answer="{show_answer}" feedback="{feedback}" {extra}>
  <intro><p>RECORDS-INTRO</p></intro>
  <classification code="000" label="General"/>
  <classification code="000.5" label="Correspondence"/>
  <classification code="000.5.2" label="Invitations"/>
  <classification code="800" label="Personnel"/>
  <classification code="800.5" label="Staff discipline"/>
  <retention code="000" active="1" inactive="1" disposition="musnah"/>
  <retention code="000.5" active="2" inactive="1" disposition="musnah"/>
  <retention code="800" active="2" inactive="3" disposition="dinilai_kembali"/>
  <retention code="800.5" active="2" inactive="5" disposition="dinilai_kembali"/>
  <record id="kA" title="Meeting invitation" kind="incoming" dated="2026-03-16" sender="Planning Board"
          code="000.5.2" access="biasa">
    <document id="d1" type="letter" title="Invitation letter"><field name="Subject">Coordination meeting</field></document>
    <explain><p>EXPLAIN-KA-SECRET</p></explain>
  </record>
  <record id="kB" title="Inspection report" kind="incoming" dated="2026-03-17" sender="Inspectorate"
          code="800.5" access="rahasia">
    <document id="d1" type="memo" title="Inspection memo"><field name="Subject">Findings on an officer</field></document>
    <explain><p>EXPLAIN-KB-SECRET</p></explain>
  </record>
</asn_digital_service>"""  # noqa: E501 - OLX fixture kept verbatim: tests read its line/column positions

RECORD_TITLES = {"kA": "Meeting invitation", "kB": "Inspection report"}
POINTS_PER_RECORD = 5
PERFECT_RECORDS = {
    "kA": {"code": "000.5.2", "access": "biasa", "active": 2, "inactive": 1, "disposition": "musnah"},
    "kB": {"code": "800.5", "access": "rahasia", "active": 2, "inactive": 5,
           "disposition": "dinilai_kembali"},
}
RECORD_SECRETS = ["EXPLAIN-KA-SECRET", "EXPLAIN-KB-SECRET", '"000.5.2"', '"800.5"', '"rahasia"',
                  '"expected"', '"access": "', '"code": "']


def records_xml(max_attempts=1, show_answer="finished", feedback="immediate", extra=""):
    return RECORDS_DESK.format(max_attempts=max_attempts, show_answer=show_answer,
                               feedback=feedback, extra=extra)


def file_record(record_id, the_form):
    return {"type": "submit_record", "record": record_id, "form": the_form}
