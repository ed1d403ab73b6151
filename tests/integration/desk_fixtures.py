"""A small service desk whose numbers are easy to check by hand.

Calendar (March 2026): Mon 16, Tue 17, Wed 18, Thu 19 = holiday, Fri 20, Sat 21, Sun 22,
Mon 23, Tue 24, Wed 25, Thu 26. The service's time limit is 3 working days; the day the
file is received is not counted.

=====  ==============  ==========  ==============================  ===========  =========  ==========
id     applicant       submitted   documents                       decision     route      due
=====  ==============  ==========  ==============================  ===========  =========  ==========
rA     Ani Lestari     2026-03-16  ID card ok, domicile ok         approve      u_main     2026-03-20 (17, 18, [19 holiday], 20)
rB     Budi Hartono    2026-03-18  ID card ok, domicile INVALID    completion   u_main     2026-03-24 ([19], 20, 23, 24)
rC     Citra Dewi      2026-03-23  ID card ok, no domicile         reject       u_coop     2026-03-26 (24, 25, 26)
=====  ==============  ==========  ==============================  ===========  =========  ==========

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
