"""A learner's write reads their review row only when it needs what the row holds.

An action in an unfinished attempt, a draft and a retry find the row by its unique key in
the compare-and-set and answer without the score (the browser keeps the one it shows,
asn_common.js; the next render reads it). A never-saved state, an action that finishes the
attempt and a case study that shows shared answers mid-attempt read it as before; cohort
shares read the learner's cohort from it inside their own statement. What the row guards
does not change: a stale or doubled request gets 409 and writes nothing.
"""
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from asn_xblocks.review.models import LearnerReview

from .case_fixtures import STAGE1_BEST, STAGE1_PARTIAL, STAGE2_GOOD, case_xml
from .desk_fixtures import PERFECT, desk_xml, submit
from .sim_fixtures import choose, sim_xml

TABLE = LearnerReview._meta.db_table


def _main_table(sql: str) -> str:
    """The table a statement's own FROM names (not a subquery's, in parentheses)."""
    depth = 0
    for index, char in enumerate(sql):
        depth += {"(": 1, ")": -1}.get(char, 0)
        if depth == 0 and sql.startswith(" FROM ", index):
            return sql[index + 6:].split()[0].strip('"`')
    return ""


def row_reads(queries) -> list[str]:
    """Statements that read the review row itself (not a subquery naming it)."""
    return [q["sql"] for q in queries if q["sql"].lstrip().upper().startswith("SELECT")
            and _main_table(q["sql"]) == TABLE]


def row_writes(queries) -> list[str]:
    return [q["sql"] for q in queries if q["sql"].lstrip().upper().startswith("UPDATE")
            and TABLE in q["sql"]]


def act_counted(block, action, student="learner"):
    version = block.state(student)["version"]
    with CaptureQueriesContext(connection) as queries:
        status, data = block.call("act", {"version": version, "action": action}, student)
    return status, data, queries


STEPS = {  # two actions that leave the attempt unfinished
    "simulation": (sim_xml, [choose("c_listen"), choose("c_allies")]),
    "desk": (desk_xml, [submit("rA", PERFECT["rA"]), submit("rB", PERFECT["rB"])]),
}


@pytest.mark.parametrize("kind", STEPS)
def test_an_unfinished_attempts_action_does_not_read_the_row(make_block, kind):
    xml, (first, second) = STEPS[kind]
    block = make_block(xml())
    status, data, queries = act_counted(block, first)
    assert status == 200, data
    assert row_reads(queries.captured_queries)  # a never-saved state: its row's version
    status, data, queries = act_counted(block, second)
    assert status == 200, data
    assert not row_reads(queries.captured_queries), row_reads(queries.captured_queries)
    assert len(row_writes(queries.captured_queries)) == 1  # the compare-and-set
    assert "score" not in data  # the browser keeps the score it shows
    assert data["version"] == block.state()["version"]
    assert LearnerReview.objects.get(usage_key=str(block.usage_id)).state_version == data["version"]


def test_a_retry_and_the_next_actions_hold_the_score_the_render_reads(make_block):
    block = make_block(case_xml(max_attempts=2))
    assert block.act(STAGE1_BEST)[0] == 200
    finished = block.act(STAGE2_GOOD)[1]
    assert finished["score"]["label"] == "Score: 10 / 10"
    status, data = block.call("retry", {"version": finished["version"]})
    assert status == 200 and "score" not in data, data
    status, data, queries = act_counted(block, STAGE1_PARTIAL)
    assert status == 200 and "score" not in data and not row_reads(queries.captured_queries)
    assert block.state()["score"]["label"] == "Score: 10 / 10"  # the render reads the row
    status, data, queries = act_counted(block, STAGE2_GOOD)  # finishing reads it again
    assert status == 200 and data["score"]["label"] == "Score: 10 / 10", data
    assert row_reads(queries.captured_queries) and data["view"]["finished"] is True


def test_a_stale_or_doubled_action_still_gets_409_and_writes_nothing(make_block):
    block = make_block(desk_xml())
    assert block.act(submit("rA", PERFECT["rA"]))[0] == 200
    version = block.state()["version"]
    status, data = block.call("act", {"version": version, "action": submit("rB", PERFECT["rB"])})
    assert status == 200, data
    stored = block.state()
    for stale in (version, version - 1):
        status, data = block.call("act", {"version": stale, "action": submit("rC", PERFECT["rC"])})
        assert status == 409, data
    assert block.state() == stored
    assert LearnerReview.objects.get(usage_key=str(block.usage_id)).state_version == stored["version"]


def test_a_write_that_finds_the_row_behind_the_state_refuses_and_keeps_it(make_block):
    """The unread compare-and-set misses when another request advanced the row after this
    one read the state (the row is at a later version than the browser's): 409, as when the
    row was read, and neither the row nor the state changes."""
    block = make_block(desk_xml())
    assert block.act(submit("rA", PERFECT["rA"]))[0] == 200
    version = block.state()["version"]
    LearnerReview.objects.filter(usage_key=str(block.usage_id)).update(state_version=version + 1)
    stored = block.state()
    status, data = block.call("act", {"version": version, "action": submit("rB", PERFECT["rB"])})
    assert status == 409, data
    assert block.state() == stored
    assert LearnerReview.objects.get(usage_key=str(block.usage_id)).state_version == version + 1


def test_a_draft_is_compared_and_set_without_reading_the_row(make_block):
    block = make_block(case_xml())
    assert block.act(STAGE1_BEST)[0] == 200
    version = block.state()["version"]
    with CaptureQueriesContext(connection) as queries:
        status, data = block.call("draft", {"version": version, "draft": {"reflection": "r1", "text": "my own words"}})
    assert status == 200 and data == {"saved": True, "version": version}, data
    assert not row_reads(queries.captured_queries)
    assert len(row_writes(queries.captured_queries)) == 1
    status, data = block.call("draft", {"version": version - 1, "draft": {"reflection": "r1", "text": "older words"}})
    assert status == 409, data


def test_cohort_shares_mid_attempt_read_the_cohort_within_their_own_statement(make_block):
    """The shares beside a submitted stage need the learner's cohort from their review row:
    the shares' one statement reads it as a subquery, so the action still reads no row."""
    block = make_block(case_xml(max_attempts=2, extra='show_cohort="true"'))
    assert block.act(STAGE1_BEST)[0] == 200
    finished = block.act(STAGE2_GOOD)[1]
    assert block.call("retry", {"version": finished["version"]})[0] == 200
    status, data, queries = act_counted(block, STAGE1_PARTIAL)
    assert status == 200, data
    assert not row_reads(queries.captured_queries)
    shares = [q for q in queries.captured_queries if TABLE in q["sql"]  # MySQL: "(SELECT …"
              and _main_table(q["sql"]) != TABLE and q["sql"].lstrip("( ").upper().startswith("SELECT")]
    assert len(shares) == 1  # the shares' statement, the row's cohort inside it
    assert "score" not in data


def test_a_case_with_shared_answers_reads_the_row_mid_attempt(make_block):
    """Shared answers show in the scope, and with the grading state, the row holds."""
    block = make_block(case_xml(max_attempts=2).replace(
        '<reflection id="r1"', '<reflection id="r1" share="optional"'))
    assert block.act(STAGE1_BEST)[0] == 200
    finished = block.act(STAGE2_GOOD)[1]
    assert block.call("retry", {"version": finished["version"]})[0] == 200
    status, data, queries = act_counted(block, STAGE1_PARTIAL)
    assert status == 200, data
    assert row_reads(queries.captured_queries)
    assert data["score"]["label"] == "Score: 10 / 10"
