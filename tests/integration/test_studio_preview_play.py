"""The playable Studio preview (``studio_preview`` + ``studio_preview_act``) through the real
handlers on both runtimes: each block's demo content played to the end on the edited,
unsaved content, with nothing stored (learner state, review rows, submissions, the
platform's tables, events); hostile attempts and actions get 400, learners 403."""
from __future__ import annotations

import copy
import json
import re
from unittest import mock

import pytest

from tests.hardening.payloads import next_action

from .conftest import SCENARIO_DIR, demo_xml

DEMOS = sorted((path.parent.name, path.name) for path in SCENARIO_DIR.glob("*/*.xml"))
TAGS = ("asn_case_study", "asn_change_simulation", "asn_digital_service")
MAX_STEPS = 60


def form_of(block) -> dict:
    page = block.page(student="staff", view="studio_view")
    found = re.search(r'<script type="application/json" class="asn-init">(.*?)</script>',
                      page, re.S)
    payload = json.loads(found.group(1))
    return {"content": payload["content"], "settings": payload["settings"]}


def everything_stored() -> dict:
    """Every store a handler could write: the workbench's field data, review rows, attempt
    records, staff grades, submissions and scores, and the platform sites' tables."""
    from tests.hardening.conftest import stored
    from tests.platform import driver

    return {**stored(), **driver.stored()}


def publish_patch(block):
    """Patch ``runtime.publish`` of the block's runtime: grade, completion and tracking
    events all go through it."""
    if getattr(block, "runtime_name", "") == "platform":
        from tests.platform.runtimes import PlatformRuntime

        return mock.patch.object(PlatformRuntime, "publish")
    return mock.patch("workbench.runtime.WorkbenchRuntime.publish")


def play(block, tag: str, form: dict) -> tuple[dict, int]:
    """Start the preview and play it to the end, as the editor's fake runtime does."""
    status, data = block.call("studio_preview", form, student="staff")
    assert status == 200, data
    assert data["payload"]["preview"] is True and data["attempt"]["finished"] is False
    steps = 0
    while (action := next_action(tag, data["payload"])) is not None:
        assert steps < MAX_STEPS
        status, data = block.call("studio_preview_act",
                                  {**form, "attempt": data["attempt"], "action": action},
                                  student="staff")
        assert status == 200, data
        assert set(data) == {"payload", "attempt"}
        steps += 1
    return data, steps


def feedback_shown(tag: str, view: dict) -> bool:
    """The finished view shows the learner's feedback: marks on the answered items, the
    ending reached, the requests' results."""
    text = json.dumps(view)
    if tag == "asn_case_study":
        return all(stage["status"] == "submitted" for stage in view["stages"]) and \
            '"correct"' in text
    if tag == "asn_change_simulation":
        return bool(view.get("ending"))
    return all(q["status"] == "submitted" for q in view["queue"])


@pytest.mark.parametrize("tag,name", DEMOS)
def test_each_demo_plays_to_the_end_in_the_preview_and_nothing_is_stored(make_block, tag, name):
    block = make_block(demo_xml(tag, name))
    form = form_of(block)
    before = everything_stored()
    raw_before = block.raw_state("staff")
    with publish_patch(block) as publish:
        data, steps = play(block, tag, form)
    payload = data["payload"]
    assert steps >= 1
    assert data["attempt"]["finished"] is True and payload["attempt"]["finished"] is True
    assert payload["view"]["finished"] is True
    score = payload["score"]
    assert score and score["possible"] > 0 and 0 <= score["earned"] <= score["possible"]
    assert score["label"].startswith("Score: ")
    assert "feedback" in payload and feedback_shown(tag, payload["view"]), payload["view"]
    assert payload["can_retry"] is True  # "Try again" restarts the preview
    # nothing stored, nothing published
    assert publish.call_count == 0, publish.call_args_list
    assert block.raw_state("staff") == raw_before
    assert everything_stored() == before
    # the finished preview attempt takes no more steps
    status, answer = block.call("studio_preview_act", {**form, "attempt": data["attempt"],
                                                        "action": {"type": "x"}}, student="staff")
    assert status == 409, answer


@pytest.mark.parametrize("tag", TAGS)
def test_the_preview_plays_unsaved_edits(make_block, tag):
    """The preview plays the form's content and settings, not the saved ones, and saves
    neither."""
    from tests.hardening.conftest import DEMO

    block = make_block(demo_xml(tag, DEMO[tag]))
    form = form_of(block)
    saved = block.xblock("staff").export_olx()
    form["settings"]["max_attempts"] = 7
    data, _steps = play(block, tag, form)
    assert data["payload"]["attempts"]["limit"] == 7
    assert block.xblock("staff").export_olx() == saved


def bad_attempts(attempt: dict) -> list:
    deep: dict = {}
    node = deep
    for _ in range(800):
        node["x"] = {}
        node = node["x"]
    broken = {key: "junk" for key in attempt}
    wrong_types = {key: ([] if isinstance(value, dict) else {"a": 1})
                   for key, value in attempt.items()}
    return [None, "attempt", 3, [attempt], {}, broken, wrong_types,
            {**attempt, "finished": "no"}, {**attempt, "seed": "x" * 10},
            {**attempt, "padding": "x" * (300 * 1024)}, {**attempt, "order": deep}, deep]


@pytest.mark.parametrize("tag", TAGS)
def test_bad_attempts_and_actions_get_400_and_store_nothing(make_block, tag):
    from tests.hardening.conftest import DEMO

    block = make_block(demo_xml(tag, DEMO[tag]))
    form = form_of(block)
    status, data = block.call("studio_preview", form, student="staff")
    assert status == 200
    action = next_action(tag, data["payload"])
    before = everything_stored()
    with publish_patch(block) as publish:
        for attempt in bad_attempts(data["attempt"]):
            status, answer = block.call("studio_preview_act",
                                        {**form, "attempt": attempt, "action": action},
                                        student="staff")
            assert status in (400, 409), (attempt if len(repr(attempt)) < 500 else "big", answer)
            assert isinstance(answer, dict) and answer.get("error")
        for bad in [None, "submit", [], {}, {"type": "nope"}, {"type": action["type"]},
                    {**action, **{key: "zz-unknown" for key in action if key != "type"}},
                    {**action, "type": ["x"]}]:
            status, answer = block.call("studio_preview_act",
                                        {**form, "attempt": data["attempt"], "action": bad},
                                        student="staff")
            assert status in (400, 409), (bad, answer)
            assert isinstance(answer, dict) and answer.get("error")
        # nested deeper than a parser or encoder follows: 400, not a 500
        body = json.dumps({**form, "action": action, "attempt": "DEEP"}).replace(
            '"DEEP"', '{"x":' * 5000 + "{}" + "}" * 5000)
        status, answer = block.call("studio_preview_act", raw=body.encode(), student="staff")
        assert status == 400, answer
        # a start position of the wrong type; no content at all
        status, answer = block.call("studio_preview_act",
                                    {**form, "at": ["x"], "attempt": data["attempt"],
                                     "action": action}, student="staff")
        assert status == 400, answer
        status, answer = block.call("studio_preview_act",
                                    {"settings": form["settings"], "attempt": data["attempt"],
                                     "action": action}, student="staff")
        assert status == 400, answer
    assert publish.call_count == 0
    assert everything_stored() == before
    # the good attempt still plays (nothing above changed it on the server)
    status, answer = block.call("studio_preview_act",
                                {**form, "attempt": copy.deepcopy(data["attempt"]),
                                 "action": action}, student="staff")
    assert status == 200, answer


def test_an_attempt_from_other_content_gets_an_answer_not_a_500(make_block):
    """A simulation attempt sent with the case study's content (as a stale or forged one)."""
    from tests.hardening.conftest import DEMO

    case = make_block(demo_xml("asn_case_study", DEMO["asn_case_study"]))
    sim = make_block(demo_xml("asn_change_simulation", DEMO["asn_change_simulation"]))
    sim_form = form_of(sim)
    status, sim_data = sim.call("studio_preview", sim_form, student="staff")
    assert status == 200
    form = form_of(case)
    status, data = case.call("studio_preview", form, student="staff")
    action = next_action("asn_case_study", data["payload"])
    status, answer = case.call("studio_preview_act", {**form, "attempt": sim_data["attempt"],
                                                      "action": action}, student="staff")
    assert status in (400, 409), answer


@pytest.mark.parametrize("tag", TAGS)
def test_a_user_without_read_rights_gets_403_and_nothing_changes(make_block, tag):
    from tests.hardening.conftest import DEMO

    block = make_block(demo_xml(tag, DEMO[tag]))
    form = form_of(block)
    status, data = block.call("studio_preview", form, student="staff")
    action = next_action(tag, data["payload"])
    before = everything_stored()
    for handler, body in (("studio_preview", form),
                          ("studio_preview_act", {**form, "attempt": data["attempt"],
                                                  "action": action})):
        status, answer = block.call(handler, body, student="learner")
        assert status == 403, (handler, answer)
    assert block.raw_state("learner") == []
    assert everything_stored() == before


def test_the_desk_preview_starts_at_a_record_and_files_it(make_block):
    """A records desk's preview may start at any record (the editor opens it in the queue):
    the whole desk is played, and that record is filed first, nothing stored."""
    from asn_xblocks.digital_service.editor_schema import PREVIEW

    assert "record" in PREVIEW["at_type"] and "request" in PREVIEW["at_type"]
    block = make_block(demo_xml("asn_digital_service", "11_arsip_surat_masuk.xml"))
    form = form_of(block)
    record_id = form["content"]["records"][-1]["id"]
    before = everything_stored()
    at = {**form, "at": record_id}
    status, data = block.call("studio_preview", at, student="staff")
    assert status == 200, data
    view = data["payload"]["view"]
    assert view["requests"][record_id]["kind"] == "record"
    assert {q["id"] for q in view["queue"]} >= {r["id"] for r in form["content"]["records"]}
    action = {"type": "submit_record", "record": record_id,
              "form": {"code": view["archive"]["scheme"][0]["code"], "access": "biasa",
                       "active": 1, "inactive": 1, "disposition": "musnah"}}
    status, data = block.call("studio_preview_act",
                              {**at, "attempt": data["attempt"], "action": action},
                              student="staff")
    assert status == 200, data
    statuses = {q["id"]: q["status"] for q in data["payload"]["view"]["queue"]}
    assert statuses[record_id] == "submitted"
    assert [i for i, s in statuses.items() if s == "submitted"] == [record_id]
    assert everything_stored() == before
