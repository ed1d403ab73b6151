"""Learner text (reflections, requirement reasons, notes, names, override reasons) carrying
XSS payloads and spreadsheet formulas is stored as typed and inert everywhere it comes out:
the learner page, the staff panel's answers, the CSV download and the LMS report."""
from __future__ import annotations

import csv
import io
import json
import re
from types import SimpleNamespace

import pytest

from tests.integration import case_fixtures, desk_fixtures

from . import payloads
from .conftest import demo_xml

XSS = "<img src=x onerror=alert(1)></script><script>alert(2)</script>"
FORMULA = "=HYPERLINK(\"http://example.invalid\",\"klik\")"
# words so the reflection meets min_words, markup and a formula start so it is hostile
REFLECTION = f"{FORMULA} saya akan menolak dan melapor {XSS} ke atasan"


def init_payload(page: str) -> tuple[str, dict]:
    """(the raw text of the learner init payload, the payload) from a rendered page."""
    raw = page.split('class="asn-init">', 1)[1].split("</script>", 1)[0]
    return raw, json.loads(raw)


def all_strings(value):
    if isinstance(value, dict):
        for item in value.values():
            yield from all_strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from all_strings(item)
    elif isinstance(value, str):
        yield value


def finish_case(block, student: str, text: str) -> None:
    status, answer = block.call("act", {"version": 0, "action": case_fixtures.STAGE1_BEST}, student)
    assert status == 200, answer
    step = {"type": "submit_stage", "stage": "s2", "answers": {"r1": text, "q3": "a"}}
    status, answer = block.call("act", {"version": 1, "action": step}, student)
    assert status == 200, answer


def test_reflection_xss_is_inert_on_the_learner_page_and_in_handlers(make_block):
    block = make_block(case_fixtures.case_xml(max_attempts=1, grading="staff",
                                              extra='').replace('max_words="20"',
                                                                'max_words="200"'))
    finish_case(block, "learner", REFLECTION)
    page = block.page("learner", view="bare")
    raw, payload = init_payload(page)
    assert "<script>alert(2)" not in page and "<img src=x" not in page
    assert "</script>" not in raw and "<" not in raw  # escaped inside the JSON block
    assert REFLECTION in all_strings(payload)  # stored and returned as typed
    status, state = block.call("state", {}, "learner")
    assert status == 200 and REFLECTION in all_strings(state)
    # a draft carrying the payload is stored as typed too and comes back as text
    other = make_block(case_fixtures.case_xml(max_attempts=1))
    assert other.call("act", {"version": 0, "action": case_fixtures.STAGE1_BEST})[0] == 200
    status, _answer = other.call("draft", {"version": 1, "draft": {"reflection": "r1",
                                                                     "text": XSS}})
    assert status == 200
    raw, payload = init_payload(other.page("learner", view="bare"))
    assert "<" not in raw and XSS in all_strings(payload)


def test_reflection_xss_reaches_staff_as_json_text_only(make_block):
    from asn_xblocks.review.models import LearnerReview

    block = make_block(case_fixtures.case_xml(max_attempts=1, grading="staff").replace(
        'max_words="20"', 'max_words="200"'))
    finish_case(block, "learner", REFLECTION)
    row = LearnerReview.objects.get(usage_key=block.usage_id)
    for handler, payload in (("staff_learner", {"learner": row.pk}),
                             ("staff_reflections", {"learner": row.pk}),
                             ("staff_learners", {})):
        response = block.download(handler, student="staff", method="post",
                                  body=json.dumps(payload).encode())
        assert response.status_code == 200, (handler, response.content[:300])
        assert response["Content-Type"].startswith("application/json"), handler
        if handler != "staff_learners":
            assert REFLECTION in all_strings(json.loads(response.content)), handler
    raw, _payload = init_payload(block.page("staff", view="bare"))
    assert "<" not in raw


def _csv(block, query: str = "") -> list[list[str]]:
    response = block.download("staff_csv", query)
    assert response.status_code == 200
    text = response.content.decode("utf-8-sig")
    delimiter = ";" if "sep=%3B" in query else ","
    return list(csv.reader(io.StringIO(text), delimiter=delimiter))


@pytest.mark.parametrize("query", ["", "&sep=%3B"])
def test_csv_escapes_formulas_in_names_and_reasons(make_block, query):
    from urllib.parse import quote

    from asn_xblocks.review.models import LearnerReview

    block = make_block(case_fixtures.case_xml(max_attempts=1))
    hostile_names = ["=1+2", "@SUM(A1)", "+cmd", "-2+3"]
    for name in hostile_names:
        finish_case(block, quote(name, safe=""), "saya akan menolak hadiah itu")
    row = LearnerReview.objects.filter(usage_key=block.usage_id).order_by("pk").first()
    reason = f"{FORMULA} {XSS}"
    status, answer = block.call("staff_override", {"learner": row.pk, "version": row.version,
                                                   "points": 3, "reason": reason}, "staff")
    assert status == 200, answer
    rows = _csv(block, query)
    cells = [cell for line in rows[1:] for cell in line]
    for value in hostile_names + [reason]:
        assert value not in cells, value  # never a cell a spreadsheet would evaluate
        assert "'" + value in cells, value  # but present, escaped with an apostrophe
    assert not any(re.match(r"^[=+\-@\t\r]", cell) and not re.match(r"^-?\d", cell)
                   for cell in cells), cells


def test_lms_report_gives_learner_text_as_plain_text(make_block):
    block = make_block(desk_fixtures.desk_xml(max_attempts=1, requests=("rA",)))
    form = dict(desk_fixtures.PERFECT["rA"], note=f"{XSS} {FORMULA}")
    form["requirements"] = {"ktp": {"met": True, "reason": XSS}, "dom": {"met": True}}
    status, answer = block.call("act", {"version": 0,
                                        "action": desk_fixtures.submit("rA", form)})
    assert status == 200, answer
    case = make_block(case_fixtures.case_xml(max_attempts=1).replace('max_words="20"',
                                                                     'max_words="200"'))
    finish_case(case, "learner", REFLECTION)
    for target in (block, case):
        xblock = target.xblock("staff")
        learner = target.xblock("learner")
        states = [SimpleNamespace(username="learner",
                                  state={"learner_state": learner.learner_state})]
        rows = list(xblock.generate_report_data(iter(states)))
        assert rows, target.tag
        for username, row in rows:
            assert username == "learner"
            assert set(row) == {"Question", "Answer", "Points"}
            for key, value in row.items():
                assert isinstance(value, str), (key, value)
            # author HTML is reported as text (no tags); learner text as typed or with a
            # spreadsheet formula start neutralised
            assert "<p>" not in row["Question"]
        answers = " ".join(r["Answer"] for _u, r in rows)
        if target is case:
            assert REFLECTION in answers or "'" + REFLECTION in answers


@pytest.mark.parametrize("tag", ["asn_case_study", "asn_digital_service"])
def test_fuzzed_learner_text_round_trips_as_typed(make_block, tag):
    """Every hostile string from the fuzzing corpus, saved as a draft, comes back in the
    learner payload exactly as typed and never unescaped in the page."""
    block = make_block(demo_xml(tag))
    while payloads.next_draft(tag, block.state()) is None:  # on to a stage with a reflection
        current = block.state()
        status, answer = block.call("act", {"version": current["version"],
                                            "action": payloads.next_action(tag, current)})
        assert status == 200, answer
    texts = payloads.XSS + payloads.FORMULAS + [u for u in payloads.UNICODE
                                                if "\ud800" not in u and "\udfff" not in u]
    for text in texts:
        current = block.state()
        draft = payloads.next_draft(tag, current, text)
        status, answer = block.call("draft", {"version": current["version"], "draft": draft})
        assert status == 200, (text, answer)
        raw, payload = init_payload(block.page("learner", view="bare"))
        assert "<" not in raw and "</script" not in raw.lower()
        assert text in all_strings(payload), text
