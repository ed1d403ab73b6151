"""The package's own xAPI vocabulary: activity types and extension IRIs.

Verbs come from the profile Open edX's statements use (event-routing-backends'
``processors/xapi/constants.py``: answered, completed, passed, failed, evaluated, earned).
Activity types are ADL's; the extensions are this package's, under one base IRI (a URN: it
names without pretending to be a web page someone must keep up). Pure Python.
"""
from __future__ import annotations

import uuid

ACTIVITY_ASSESSMENT = "http://adlnet.gov/expapi/activities/assessment"
ACTIVITY_SIMULATION = "http://adlnet.gov/expapi/activities/simulation"
ACTIVITY_OBJECTIVE = "http://adlnet.gov/expapi/activities/objective"
BLOCK_ACTIVITY_TYPES = {"asn_case_study": ACTIVITY_ASSESSMENT, "asn_change_simulation": ACTIVITY_SIMULATION,
                        "asn_digital_service": ACTIVITY_ASSESSMENT}

EXTENSION_BASE = "urn:asn-xblocks:xapi:extension:"


def _ext(name: str) -> str:
    return EXTENSION_BASE + name


EXT_ATTEMPT = _ext("attempt")              # the learner's attempt number on the block (1, 2 …)
EXT_BLOCK_TYPE = _ext("block-type")        # asn_case_study | asn_change_simulation | asn_digital_service
EXT_COMPETENCY = _ext("competency")        # the competency id of the decision or item
EXT_COMPETENCIES = _ext("competencies")    # [{id, earned, possible[, pending]}] per competency
EXT_COHORT = _ext("cohort")                # the learner's cohort name in the course ("" none)
EXT_STAGE = _ext("stage")                  # case study: the stage the item was submitted in
EXT_STEP = _ext("step")                    # simulation: how many decisions the path has so far
EXT_ENDING = _ext("ending")                # simulation: the ending id
EXT_OUTCOME = _ext("outcome")              # simulation: success | partial | failure
EXT_ROUTE = _ext("route")                  # service desk: the unit id the request was routed to
EXT_ACCESS = _ext("access")                # service desk: the access class a record was given
EXT_DISPOSITION = _ext("disposition")      # service desk: the disposition a record was given
EXT_ITEMS = _ext("items")                  # service desk: the graded parts of a request (ids)
EXT_STATUS = _ext("status")                # a reflection's state: awaiting | graded | complete …
EXT_PENDING = _ext("pending")              # an attempt's score waits for a staff grade
EXT_REGRADE = _ext("regrade")              # a reflection grade replacing an earlier one
EXT_CLEARED = _ext("override-cleared")     # an override removed: the score is the attempts' again

# statements of one learner's attempt on one block share an xAPI registration made from
# this namespace (uuid5 of "usage key|learner|attempt")
REGISTRATION_NAMESPACE = uuid.UUID("5d1f6c2e-8f55-5a43-9a0e-3b1c2a4e7d10")
