"""The change simulation through the workbench's real handlers, edx-submissions and review rows."""
import json

import pytest

from asn_xblocks.review.models import AttemptRecord, LearnerReview

from .sim_fixtures import (
    FAIL,
    PARTIAL,
    SECRETS_ALWAYS,
    SECRETS_AT_START,
    SIM,
    SUCCESS,
    choose,
    play,
    sim_edited_xml,
    sim_xml,
)

TAG = "asn_change_simulation"


def gradebook(block, learner_anon, student="learner"):
    """The learner's score as the LMS's gradebook holds it (weighted once)."""
    score = block.gradebook(student)
    return None if score is None else {"points_earned": score[0], "points_possible": score[1]}


def init_json(page: str) -> dict:
    """The payload the page hands to the browser (the JSON script element)."""
    start = page.index('class="asn-init">') + len('class="asn-init">')
    return json.loads(page[start:page.index("</script>", start)])


def choice_ids(data):
    return [c["id"] for c in data["view"]["node"]["choices"]]


@pytest.mark.parametrize("scoring,path,ending,outcome,points", [
    ("ending", SUCCESS, "e_success", "success", 100),
    ("ending", PARTIAL, "e_partial", "partial", 60),
    ("ending", FAIL, "e_fail", "failure", 20),
    ("path", SUCCESS, "e_success", "success", 100),
    ("path", PARTIAL, "e_partial", "partial", 50),  # 4 + 0 + 1 of the best 10
    ("path", FAIL, "e_fail", "failure", 0),
])
def test_every_ending_scores_through_submissions(make_block, learner_anon, scoring, path, ending,
                                                 outcome, points):
    block = make_block(sim_xml(scoring=scoring))
    data = play(block, path)
    view = data["view"]
    assert view["finished"] is True and view["node"] is None
    assert view["ending"]["id"] == ending and view["ending"]["outcome"] == outcome
    assert view["ending"]["score_percent"] == points
    assert view["ending"]["title"] == f"ENDING-{ending[2:].upper()}-TITLE"
    score = gradebook(block, learner_anon)
    assert (score["points_earned"], score["points_possible"]) == (points, 100)
    assert data["score"]["label"] == f"Score: {points} / 100"
    # the debrief: one timeline entry per decision, a chart and its table (start + each step)
    entries = [e for group in view["debrief"]["timeline"] for e in group["entries"]]
    assert len(entries) == len(path)
    assert len(view["debrief"]["table"]["rows"]) == len(path) + 1
    assert view["debrief"]["chart_svg"].startswith("<svg")


@pytest.mark.parametrize("scoring,path,points", [
    ("ending", PARTIAL, 4.2),  # 0.6 × 7, not rounded to whole points
    ("path", PARTIAL, 3.5),  # 0.5 × 7
    ("ending", FAIL, 1.4),  # 0.2 × 7
    ("ending", SUCCESS, 7),
])
def test_the_weight_is_applied_once_and_exactly(make_block, learner_anon, scoring, path, points):
    block = make_block(sim_xml(scoring=scoring, extra='weight="7"'))
    data = play(block, path)
    score = gradebook(block, learner_anon)
    assert score["points_earned"] == pytest.approx(points) and score["points_possible"] == 7
    assert data["score"]["label"] == f"Score: {points:g} / 7"


def test_events_completion_review_row_and_attempt_record(make_block, learner_anon):
    block = make_block(sim_xml(extra='max_attempts="2"'))
    with block.capture_publish() as publish:
        play(block, SUCCESS)
    names = [c.args[1] for c in publish.call_args_list]
    prefix = f"asn_xblocks.{TAG}."
    assert names.count(prefix + "choice_made") == 3
    assert names.count(prefix + "ending_reached") == 1
    assert names.count(prefix + "attempt_finished") == 1
    assert names.count("completion") == 1
    assert names.count("grade") == 1
    by_name = {}
    for call in publish.call_args_list:
        by_name.setdefault(call.args[1], []).append(call.args[2])
    assert [(e["node"], e["choice"]) for e in by_name[prefix + "choice_made"]] == [
        ("n1", "c_listen"), ("n2", "c_allies"), ("n3", "c_pilot")]
    assert by_name[prefix + "ending_reached"][0]["ending"] == "e_success"
    assert by_name[prefix + "ending_reached"][0]["score"] == 1.0
    assert by_name[prefix + "attempt_finished"][0]["attempt"] == 1
    assert by_name[prefix + "attempt_finished"][0]["raw_earned"] == 100.0
    assert by_name["completion"][0] == {"completion": 1.0}

    row = LearnerReview.objects.get(usage_key=str(block.usage_id))
    assert row.attempts == 1 and row.status == "finished"
    assert (row.points_earned, row.points_possible) == (100, 100)
    assert row.best_fraction == 1.0 and row.last_fraction == 1.0
    assert row.competencies == {"komunikasi": [4.0, 4.0], "kerja_sama": [3.0, 3.0],
                                "mengelola_perubahan": [3.0, 3.0]}
    record = AttemptRecord.objects.get(review=row)
    assert record.number == 1 and record.fraction == 1.0 and record.attempt_state["finished"]
    assert record.answer["path"] == SUCCESS and record.answer["ending"] == "e_success"

    # a second attempt: completion is emitted once only, the row counts both attempts
    status, data = block.call("retry", {"version": block.state()["version"]})
    assert status == 200, data
    with block.capture_publish() as publish:
        play(block, PARTIAL)
    names = [c.args[1] for c in publish.call_args_list]
    assert "completion" not in names and prefix + "attempt_finished" in names
    row.refresh_from_db()
    assert row.attempts == 2 and row.last_fraction == 0.6 and row.best_fraction == 1.0
    # the partial path missed the coalition decision's competency
    assert AttemptRecord.objects.get(review=row, number=2).competencies == {
        "komunikasi": [4.0, 4.0], "kerja_sama": [0.0, 3.0]}
    assert gradebook(block, learner_anon)["points_earned"] == 100  # best attempt counts


def test_a_conditional_choice_is_offered_only_when_its_condition_holds(make_block):
    block = make_block(sim_xml())
    data = play(block, ["c_listen", "c_alone"])  # support 30 - 10 = 20 < 40
    assert data["view"]["node"]["id"] == "n3"
    assert choice_ids(data) == ["c_rush"]
    assert "Run a pilot" not in json.dumps(data)
    before = block.raw_state()
    status, reply = block.act(choose("c_pilot"))
    assert status == 409 and reply["error"]
    assert block.raw_state() == before
    assert choice_ids(block.state()) == ["c_rush"]

    other = make_block(sim_xml())
    data = play(other, ["c_listen", "c_allies"])  # support 50 >= 40
    assert choice_ids(data) == ["c_pilot", "c_rush"]


def test_routers_are_followed_invisibly(make_block):
    block = make_block(sim_xml())
    replies = [block.state()]
    # default route: through r_check to n2 in the same step
    replies.append(play(block, ["c_listen"]))
    assert replies[-1]["view"]["node"]["id"] == "n2"
    assert replies[-1]["view"]["step_count"] == 1
    # conditional route: morale 50 - 30 = 20 < 30 → straight to the failure ending
    other = make_block(sim_xml())
    replies.append(play(other, FAIL))
    assert replies[-1]["view"]["finished"] and replies[-1]["view"]["ending"]["id"] == "e_fail"
    timeline = replies[-1]["view"]["debrief"]["timeline"]
    assert [e["node_title"] for g in timeline for e in g["entries"]] == ["Kick-off"]
    replies.append(other.state())
    for reply in replies:
        assert "r_check" not in json.dumps(reply)
    assert "r_check" not in block.page(view="bare") and "r_check" not in other.page(view="bare")


def test_nothing_secret_before_it_happens(make_block):
    block = make_block(sim_xml())
    page = block.page(view="bare")
    state = block.state()
    text = json.dumps(state)
    payload = init_json(page)
    for secret in SECRETS_AT_START:
        assert secret not in page, secret
        assert secret not in text, secret
    assert "INTRO-TEXT" in text and "CONTENT-N1" in text and "Listen first" in text
    assert payload["view"]["node"]["id"] == "n1"
    for choice in payload["view"]["node"]["choices"]:
        assert set(choice) == {"id", "text_html"}, choice
    assert [m["id"] for m in payload["view"]["metrics"]] == ["morale", "support"]
    for metric in state["view"]["metrics"]:
        assert set(metric) == {"id", "label", "value", "min", "max", "display"}

    # after the first decision: its feedback and the next node, nothing further
    data = play(block, ["c_listen"])
    text = json.dumps(data)
    assert "FEEDBACK-LISTEN" in text and "CONTENT-N2" in text
    for secret in SECRETS_ALWAYS + ["FEEDBACK-ALLIES", "FEEDBACK-ALONE", "CONTENT-N3", "ENDING-",
                                    "e_success", "Run a pilot", "best_path", "kerja_sama"]:
        assert secret not in text, secret
        assert secret not in block.page(view="bare"), secret
    # the hidden metric changed too, but only the visible change is reported
    assert [c["id"] for c in data["view"]["last"]["changes"]] == ["morale"]
    change = data["view"]["last"]["changes"][0]
    assert (change["before"], change["after"], change["delta"], change["delta_display"]) == (50, 60, 10, "+10")

    # at the end: hidden metrics, conditions, routes and effects still never appear
    data = play(block, ["c_allies", "c_pilot"])
    finished_page = block.page(view="bare")
    for secret in ["HIDDEN-METRIC-LABEL", "zz_hidden", "r_check", "goto", "\"when\"", "effects",
                   "&gt;= 40", "score="]:
        assert secret not in json.dumps(data), secret
        assert secret not in finished_page, secret
    assert "ENDING-SUCCESS-BODY" in json.dumps(data)


def test_show_answer_controls_the_best_path(make_block):
    block = make_block(sim_xml())
    data = play(block, PARTIAL)
    best = data["view"]["best_path"]
    assert [step["node_title"] for step in best] == ["Kick-off", "Building allies", "First results"]
    assert "Run a pilot" in best[2]["choice_text_html"]

    hidden = make_block(sim_xml(show_answer="never"))
    data = play(hidden, PARTIAL)
    assert "best_path" not in data["view"] and "Run a pilot" not in json.dumps(data)

    # attempts_used: only once the last attempt is finished
    used = make_block(sim_xml(show_answer="attempts_used", extra='max_attempts="2"'))
    data = play(used, FAIL)
    assert "best_path" not in data["view"]
    status, data = used.call("retry", {"version": data["version"]})
    assert status == 200
    data = play(used, FAIL)
    assert data["view"]["best_path"]


def test_resume_after_reload(make_block):
    block = make_block(sim_xml())
    data = play(block, ["c_listen", "c_allies"])
    version = data["version"]
    # a new page load (the student_view and the bare view) continues at n3
    for view in ("student_view", "bare"):
        payload = init_json(block.page(view=view))
        assert payload["view"]["node"]["id"] == "n3"
        assert payload["version"] == version
        assert payload["view"]["step_count"] == 2
        assert payload["view"]["last"]["feedback_html"] == "<p>FEEDBACK-ALLIES</p>"
        assert [m["value"] for m in payload["view"]["metrics"]] == [60, 50]
        assert payload["attempt"] == {"number": 1, "finished": False}
    state = block.state()
    assert state["view"]["node"]["id"] == "n3" and state["version"] == version
    # and carries on from there
    data = play(block, ["c_pilot"])
    assert data["view"]["ending"]["id"] == "e_success"


def test_retry_and_the_attempt_limit(make_block, learner_anon):
    block = make_block(sim_xml())  # max_attempts defaults to 3 for the simulation
    status, data = block.call("retry", {"version": block.state()["version"]})
    assert status == 409 and data["error"]  # nothing to retry yet
    assert block.state()["attempts"] == {"used": 0, "limit": 3, "left": 3}
    expected = [(FAIL, 20), (SUCCESS, 100), (PARTIAL, 100)]
    for number, (path, best) in enumerate(expected, start=1):
        data = play(block, path)
        assert data["attempt"] == {"number": number, "finished": True}
        assert data["attempts"]["used"] == number
        assert gradebook(block, learner_anon)["points_earned"] == best
        if number < 3:
            assert data["can_retry"] is True
            status, data = block.call("retry", {"version": data["version"]})
            assert status == 200, data
            assert data["attempt"] == {"number": number + 1, "finished": False}
            assert data["view"]["node"]["id"] == "n1" and data["view"]["step_count"] == 0
            assert [m["value"] for m in data["view"]["metrics"]] == [50, 30]
    assert data["attempts"]["left"] == 0 and data["can_retry"] is False
    before = block.raw_state()
    status, reply = block.call("retry", {"version": data["version"]})
    assert status == 409 and reply["error"]
    status, reply = block.act(choose("c_listen"))
    assert status == 409 and reply["error"]
    assert block.raw_state() == before
    assert AttemptRecord.objects.count() == 3


def test_attempt_policy_last(make_block, learner_anon):
    block = make_block(sim_xml(extra='attempt_policy="last"'))
    data = play(block, SUCCESS)
    block.call("retry", {"version": data["version"]})
    play(block, FAIL)
    assert gradebook(block, learner_anon)["points_earned"] == 20


def test_unlimited_attempts(make_block):
    block = make_block(sim_xml(extra='max_attempts="0"'))
    for _round in range(4):
        data = play(block, FAIL)
        assert data["can_retry"] is True and data["attempts"]["left"] is None
        status, data = block.call("retry", {"version": data["version"]})
        assert status == 200


def test_content_edited_mid_attempt(make_block, learner_anon):
    block = make_block(sim_xml())
    # one learner finished (partial ending, 60), another stands at n2
    play(block, PARTIAL, student="done")
    play(block, ["c_listen"], student="midway")
    assert gradebook(block, learner_anon, "done")["points_earned"] == 60

    # a learner cannot save content; staff can
    status, data = block.call("studio_save", {"olx": sim_edited_xml()}, student="midway")
    assert status == 403 and data["error"]
    status, data = block.call("studio_save", {"olx": sim_edited_xml()}, student="staff")
    assert status == 200, data

    state = block.state("midway")
    assert state["drift"] is True and state["view"] is None
    assert "changed this exercise" in state["drift_message"]
    before = block.raw_state("midway")
    status, data = block.act(choose("c_allies"), student="midway")
    assert status == 409 and data["error"]
    assert block.raw_state("midway") == before
    status, data = block.call("retry", {"version": state["version"]}, student="midway")
    assert status == 200, data
    assert data["drift"] is False and data["view"]["node"]["id"] == "n1"
    assert data["attempts"]["used"] == 0  # the drifted attempt was never finished
    data = play(block, ["c_listen"], student="midway")
    assert data["view"]["node"]["id"] == "n2b"

    # the finished attempt keeps its score although its ending was removed
    state = block.state("done")
    assert state["attempt"]["finished"] is True and state["drift"] is False
    assert state["score"]["label"] == "Score: 60 / 100"
    assert gradebook(block, learner_anon, "done")["points_earned"] == 60
    assert block.page(student="done")  # still renders


def test_chart_labels_are_escaped_on_the_server(make_block):
    hostile = '&lt;img src=x onerror=&quot;alert(1)&quot;&gt; Morale &amp; co'
    block = make_block(sim_xml().replace('label="Morale"', f'label="{hostile}"'))
    data = play(block, FAIL)
    svg = data["view"]["debrief"]["chart_svg"]
    assert "<img" not in svg
    assert "&lt;img src=x onerror=" in svg and "Morale &amp; co" in svg
    # the dashboard and the table get the label as plain text (the browser inserts text)
    label = '<img src=x onerror="alert(1)"> Morale & co'
    assert data["view"]["metrics"][0]["label"] == label
    assert data["view"]["debrief"]["table"]["columns"][0] == label
    assert "<img" not in block.page(student="learner")


def test_student_view_data_is_metadata_only(make_block):
    """What the mobile apps collect once, with no learner: the title, the introduction
    (sanitized as on import), counts and the competencies practised; nothing of a node, a
    choice, an effect, a condition or an ending."""
    hostile = ('<intro><p onclick="steal()">INTRO-TEXT <b>bold</b></p>'
               '<script>alert("INTRO-SCRIPT")</script></intro>')
    block = make_block(sim_xml().replace("<intro><p>INTRO-TEXT</p></intro>", hostile))
    data = block.xblock("learner").student_view_data()
    assert data == {"display_name": "Tiny simulation", "intro_html": "<p>INTRO-TEXT <b>bold</b></p>",
                    "max_attempts": 3, "weight": None, "nodes": 3, "endings": 3, "metrics": 3,
                    "max_points": 100,
                    "competencies": ["komunikasi", "kerja_sama", "mengelola_perubahan"]}
    text = json.dumps(data)
    for secret in SECRETS_ALWAYS + ["ENDING-", "FEEDBACK-", "CONTENT-N", "Listen first", "e_success",
                                    "onclick", "INTRO-SCRIPT"]:
        assert secret not in text, secret


def test_the_fixture_is_valid_content():
    from asn_xblocks.core.olx import parse_olx
    from asn_xblocks.simulation.core import CORE

    for xml in (sim_xml(), sim_edited_xml(), sim_xml(scoring="path")):
        problems = CORE.validate(CORE.parse(parse_olx(xml)))
        assert not [p for p in problems if p.is_error], [p.code for p in problems]
    assert "{" not in SIM.replace("{scoring}", "").replace("{show_answer}", "").replace("{extra}", "")


def test_a_single_choice_node_is_a_warning_in_studio_and_saves(make_block):
    """validate() through the Studio handlers: a translated warning, the save goes through."""
    xml = sim_xml().replace('''    <choice id="c_alone" goto="n3">
      <text>Go it alone</text>
      <effect metric="support" add="-10"/>
      <feedback><p>FEEDBACK-ALONE</p></feedback>
    </choice>
''', "")
    assert "c_alone" not in xml
    block = make_block(sim_xml())
    status, data = block.call("studio_check", {"olx": xml}, student="staff")
    assert status == 200, data
    found = [p for p in data["problems"] if p["code"] == "single-choice-node"]
    assert [(p["severity"], p["item_id"]) for p in found] == [("warning", "n2")]
    assert '"n2"' in found[0]["message"] and "single choice" in found[0]["message"]
    status, data = block.call("studio_save", {"olx": xml}, student="staff")
    assert status == 200, data
    assert not [p for p in data.get("problems", []) if p["severity"] == "error"]


def test_debrief_chart_scale_and_timeline_ids_through_the_handlers(make_block):
    block = make_block(sim_xml())  # morale 0-100, support 0-60: different ranges
    data = play(block, PARTIAL)
    debrief = data["view"]["debrief"]
    svg = debrief["chart_svg"]
    assert 'data-scale="percent"' in svg and "% of each metric&#x27;s range" not in svg
    assert "% of each metric's range" in svg and 'width="100%"' in svg
    assert debrief["table"]["rows"][0] == [0, "50", "30"]  # real values, not % of range
    entries = [e for g in debrief["timeline"] for e in g["entries"]]
    assert [(e["node"], e["choice"]) for e in entries] == list(zip(["n1", "n2", "n3"], PARTIAL))
    # the best path to compare with, only when show_answer allows it
    assert [s["node_title"] for s in data["view"]["best_path"]] == ["Kick-off", "Building allies",
                                                                  "First results"]
    hidden = make_block(sim_xml(show_answer="never"))
    data = play(hidden, PARTIAL)
    assert "best_path" not in data["view"]
