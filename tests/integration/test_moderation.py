"""Moderation of shared reflection answers through the real staff handlers: the list
(filters, paging, usernames for staff, text kept as written), hide/unhide and
feature/unfeature (one UPDATE recording who), learners refused with 403 by every handler,
bad input 400, an unknown answer 404, and nothing changed by a refusal.

Shared answers are written as the learner's consent writes them (a ``SharedAnswer`` row
per learner and reflection)."""
from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from asn_xblocks.review.models import LearnerReview, SharedAnswer

from .case_fixtures import case_xml

STAFF = "staff"
XSS = '<img src=x onerror="alert(1)"> & </script>'


def shared(block, name, item="r1", cohort="", text="An answer", helpful=0, minutes=0, **extra):
    LearnerReview.objects.get_or_create(
        usage_key=block.usage_id, learner_id=f"anon-{name}",
        defaults={"block_type": "asn_case_study", "username": name, "cohort": cohort,
                  "last_activity": timezone.now()})
    return SharedAnswer.objects.create(
        usage_key=block.usage_id, course_key=block.course_id, cohort=cohort,
        learner_id=f"anon-{name}", item_id=item, attempt_number=1, text=text, helpful=helpful,
        created=timezone.now() - dt.timedelta(minutes=minutes), **extra)


@pytest.fixture
def answers(make_block):
    block = make_block(case_xml(extra=""))
    other = make_block(case_xml())
    rows = {
        "ani": shared(block, "ani", cohort="X", text=XSS, helpful=2, minutes=5),
        "bayu": shared(block, "bayu", cohort="Y", text="Second", helpful=5, minutes=4),
        "cici": shared(block, "cici", item="r2", text="Third", minutes=3),
        "dodi": shared(block, "dodi", cohort="X", text="Hidden one", minutes=2, hidden=True),
        "elsewhere": shared(other, "eka", text="Other block"),
    }
    return block, other, rows


def listing(block, payload=None, student=STAFF):
    status, data = block.call("staff_shared_answers", payload or {}, student=student)
    assert status == 200, data
    return data


def test_staff_list_every_shared_answer_of_the_block(answers):
    block, _other, rows = answers
    data = listing(block)
    assert data["total"] == 4 and data["counts"] == {"total": 4, "hidden": 1, "featured": 0}
    # the most helpful first, then the newest; the other block's answer is not there
    assert [r["learner"] for r in data["rows"]] == ["bayu", "ani", "dodi", "cici"]
    first = next(r for r in data["rows"] if r["learner"] == "ani")
    assert first["text"] == XSS  # as written: the panel inserts it as text
    assert (first["cohort"], first["helpful"], first["hidden"], first["featured"]) == ("X", 2, False, False)
    assert [i["id"] for i in data["items"]] == ["r1", "r2"] and data["cohorts"] == ["X", "Y"]


def test_filters_and_paging(answers):
    block, _other, _rows = answers
    assert [r["learner"] for r in listing(block, {"item": "r2"})["rows"]] == ["cici"]
    assert {r["learner"] for r in listing(block, {"cohort": "X"})["rows"]} == {"ani", "dodi"}
    assert [r["learner"] for r in listing(block, {"cohort": "__none__"})["rows"]] == ["cici"]
    assert [r["learner"] for r in listing(block, {"hidden": "hidden"})["rows"]] == ["dodi"]
    assert len(listing(block, {"hidden": "shown"})["rows"]) == 3
    page = listing(block, {"page": 2, "page_size": 3})
    assert (page["page"], page["pages"], len(page["rows"])) == (2, 2, 1)
    assert listing(block, {"page": 9, "page_size": 3})["page"] == 2  # past the end: the last


def test_hide_feature_and_back_each_one_update_recording_who(answers):
    block, _other, rows = answers
    answer = rows["ani"]
    with CaptureQueriesContext(connection) as queries:
        status, data = block.call("staff_moderate_answer", {"id": answer.pk, "action": "hide"},
                                  student=STAFF)
    assert status == 200, data
    assert data["answer"]["hidden"] is True and data["message"]
    updates = [q["sql"] for q in queries.captured_queries if q["sql"].upper().startswith("UPDATE")]
    assert len(updates) == 1
    answer.refresh_from_db()
    assert answer.hidden and answer.moderated_by
    block.call("staff_moderate_answer", {"id": answer.pk, "action": "feature"}, student=STAFF)
    answer.refresh_from_db()
    assert answer.hidden and answer.featured
    block.call("staff_moderate_answer", {"id": answer.pk, "action": "unhide"}, student=STAFF)
    status, data = block.call("staff_moderate_answer", {"id": answer.pk, "action": "unfeature"},
                              student=STAFF)
    answer.refresh_from_db()
    assert status == 200 and not answer.hidden and not answer.featured
    # featured answers are listed first
    block.call("staff_moderate_answer", {"id": rows["cici"].pk, "action": "feature"}, student=STAFF)
    assert listing(block)["rows"][0]["learner"] == "cici"


def test_learners_get_403_from_every_moderation_handler_and_change_nothing(answers):
    block, _other, rows = answers
    before = list(SharedAnswer.objects.order_by("pk").values())
    status, data = block.call("staff_shared_answers", {}, student="ani")
    assert status == 403 and "staff" in data["error"]
    for action in ("hide", "unhide", "feature", "unfeature"):
        status, data = block.call("staff_moderate_answer", {"id": rows["bayu"].pk, "action": action},
                                  student="ani")
        assert status == 403, data
    assert list(SharedAnswer.objects.order_by("pk").values()) == before


@pytest.mark.parametrize("payload", [
    {}, {"id": "1", "action": "hide"}, {"id": True, "action": "hide"}, {"id": 0, "action": "hide"},
    {"id": "ANI", "action": "delete"}, {"id": "ANI", "action": ["hide"]}, {"id": "ANI"},
])
def test_bad_moderation_input_is_400(answers, payload):
    block, _other, rows = answers
    if payload.get("id") == "ANI":
        payload = {**payload, "id": rows["ani"].pk}
    before = list(SharedAnswer.objects.order_by("pk").values())
    status, data = block.call("staff_moderate_answer", payload, student=STAFF)
    assert status == 400 and data["error"], data
    assert list(SharedAnswer.objects.order_by("pk").values()) == before


def test_an_unknown_answer_or_one_of_another_block_is_404(answers):
    block, _other, rows = answers
    before = list(SharedAnswer.objects.order_by("pk").values())
    for answer_id in (rows["elsewhere"].pk, 999_999):
        status, data = block.call("staff_moderate_answer", {"id": answer_id, "action": "hide"},
                                  student=STAFF)
        assert status == 404 and "reload the list" in data["error"], data
    assert list(SharedAnswer.objects.order_by("pk").values()) == before


@pytest.mark.parametrize("payload", [
    {"item": "nope"}, {"cohort": "Nowhere"}, {"hidden": "maybe"}, {"hidden": 1},
    {"page": 0}, {"page_size": 1000}, {"learner": "ani"}, {"item": 3},
])
def test_bad_list_filters_are_400(answers, payload):
    block, _other, _rows = answers
    status, data = block.call("staff_shared_answers", payload, student=STAFF)
    assert status == 400 and data["error"], data
