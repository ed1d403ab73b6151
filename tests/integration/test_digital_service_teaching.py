"""The desk teaches the missed rule, orders its queue, reads the due date as the UI language
writes it, and its CSV has only columns that mean something for it — through the real
handlers (desk numbers in desk_fixtures.py)."""
import csv
import io

import pytest

from .desk_fixtures import PERFECT, desk_xml, form, submit
from .test_staff_handlers import finish_case, play_service

REASON = "REASON-C the business is a cooperative, which this permit does not serve"


def reasoned_desk(**kwargs) -> str:
    return desk_xml(**kwargs).replace('eligible="false"', f'eligible="false" reason="{REASON}"')


def items_of(view_request):
    return {item["kind"]: item for item in view_request["result"]["items"]}


def test_a_missed_rejection_names_the_reason_and_show_answer_names_unit_and_date(make_block):
    # one request: submitting it finishes the attempt, and show_answer="finished" allows answers
    block = make_block(reasoned_desk(show_answer="finished", requests=("rC",)))
    status, data = block.act(submit("rC", form(True, False, "approve", "u_main", "2026-03-25")))
    assert status == 200, data
    items = items_of(data["view"]["requests"]["rC"])
    assert items["decision"]["message"] == ("Applicants who are not eligible are rejected. This "
                                            "applicant is not eligible: " + REASON + ".")
    assert items["route"]["message"].endswith("The right unit is Cooperatives Office.")
    assert items["due"]["message"].endswith("The right due date is 26 March 2026.")


def test_before_show_answer_the_unit_and_date_stay_unnamed(make_block):
    block = make_block(reasoned_desk(show_answer="finished", max_attempts=2))
    status, data = block.act(submit("rC", form(True, False, "approve", "u_main", "2026-03-25")))
    assert status == 200, data
    items = items_of(data["view"]["requests"]["rC"])
    assert REASON in items["decision"]["message"]  # feedback is shown: the rule is named
    assert "Cooperatives Office" not in items["route"]["message"]
    assert "26 March 2026" not in items["due"]["message"]


def test_the_reason_round_trips_through_the_block(make_block):
    block = make_block(reasoned_desk())
    exported = block.xblock("staff").core.export(block.xblock("staff").content_model)
    assert exported.find("request[@id='rC']").get("reason") == REASON


def test_queue_ordered_by_date_received_and_says_so(make_block):
    xml = desk_xml().replace('submitted="2026-03-23" eligible', 'submitted="2026-03-16" eligible')
    block = make_block(xml)  # rC now arrives the same day as rA, and it is urgent
    view = block.state()["view"]
    assert [q["id"] for q in view["queue"]] == ["rC", "rA", "rB"]
    assert view["queue_order"] == "received"
    shuffled = make_block(desk_xml(extra='shuffle="true"'))
    view = shuffled.state("s1")["view"]
    assert view["queue_order"] == "shuffled"  # each learner's seeded order, unsorted
    orders = {tuple(q["id"] for q in shuffled.state(f"s{n}")["view"]["queue"]) for n in range(8)}
    assert len(orders) > 1


def test_due_date_typed_day_first_is_read_and_scored(make_block):
    block = make_block(desk_xml(extra='lang="id"'))
    day_first = dict(PERFECT["rA"], due="20/03/2026")
    status, data = block.act(submit("rA", day_first))
    assert status == 200, data
    request = data["view"]["requests"]["rA"]
    assert request["submitted"]["due"] == "2026-03-20"
    assert request["result"]["earned"] == request["result"]["possible"] == 6


def test_unreadable_due_date_refused_not_scored(make_block):
    block = make_block(desk_xml())
    before = block.state()
    for value in ("20.03.2026", "03/20/2026", "next Friday"):
        status, data = block.act(submit("rA", dict(PERFECT["rA"], due=value)))
        assert status == 400, data
        assert "cannot be read" in data["error"] and "DD/MM/YYYY" in data["error"], data
        status, data = block.call("draft", {"version": block.state()["version"],
                                                 "draft": {"request": "rA", "form": {"due": value}}})
        assert status == 400, data
    after = block.state()
    assert after["view"]["submitted_count"] == 0 and after["view"] == before["view"]


@pytest.mark.workbench_only
def test_date_input_follows_the_ui_language(make_block):
    from django.test import Client

    block = make_block(desk_xml())
    assert block.state()["view"]["date_input"]["order"] == "ymd"
    response = Client().post(f"/handler/{block.usage_id}/state/?student=learner&lang=id",
                             data=b"{}", content_type="application/json")
    assert response.status_code == 200
    assert response.json()["view"]["date_input"]["order"] == "dmy"


def _csv(block):
    response = block.download("staff_csv")
    assert response.status_code == 200
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


def test_the_desk_csv_has_no_reflection_columns(make_block):
    block = make_block(desk_xml())
    play_service(block, "ani")
    rows = _csv(block)
    header = rows[0]
    assert "Pending reflections" not in header and "Competencies awaiting grading" not in header
    assert "Last activity" in header and "Competency: Public service (%)" in header
    assert all(len(row) == len(header) for row in rows)
    ani = dict(zip(header, rows[1]))
    assert ani["Learner"] == "ani" and ani["Last activity"]


def test_the_case_study_csv_keeps_them(make_block):
    from .case_fixtures import case_xml

    block = make_block(case_xml(grading="staff"))
    finish_case(block, "budi")
    header = _csv(block)[0]
    assert "Pending reflections" in header and "Competencies awaiting grading" in header
