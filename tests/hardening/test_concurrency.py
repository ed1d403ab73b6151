"""Two tabs and double clicks, for real: threads firing the same learner's requests at a live
workbench at once (released together by a barrier). The same step is recorded once,
``max_attempts`` is never exceeded, and no acknowledged reflection draft is lost."""
from __future__ import annotations

import http.cookiejar
import json
import threading
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.core.cache import cache

from tests.integration import case_fixtures

pytestmark = pytest.mark.django_db(transaction=True)

TWO_REFLECTIONS = """<asn_case_study display_name="Two reflections" max_attempts="1"
    reflection_grading="completion">
  <stage id="s1" title="Only">
    <narrative><p>N</p></narrative>
    <reflection id="r1" points="2" max_words="50"><prompt><p>First</p></prompt></reflection>
    <reflection id="r2" points="2" max_words="50"><prompt><p>Second</p></prompt></reflection>
  </stage>
</asn_case_study>"""


class Browser:
    """One browser tab: its own cookies (CSRF), JSON requests to the live workbench."""

    def __init__(self, base: str, scenario: str, usage_id: str, student: str):
        self.base, self.usage_id, self.student = base, usage_id, student
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar))
        self.opener.open(f"{base}/view/{scenario}/?student={student}", timeout=30).read()
        self.csrf = next((c.value for c in self.jar if c.name == "csrftoken"), "")

    def call(self, handler: str, payload: dict) -> tuple[int, dict]:
        request = urllib.request.Request(
            f"{self.base}/handler/{self.usage_id}/{handler}/?student={self.student}",
            data=json.dumps(payload).encode(), method="POST",
            headers={"Content-Type": "application/json", "X-CSRFToken": self.csrf,
                     "Referer": self.base + "/"})
        try:
            with self.opener.open(request, timeout=60) as response:
                return response.status, json.loads(response.read())
        except urllib.error.HTTPError as error:
            return error.code, json.loads(error.read() or b"{}")


@pytest.fixture
def live(live_server):
    from workbench.runtime_util import reset_global_state

    reset_global_state()
    cache.clear()
    yield live_server.url
    cache.clear()


def add_scenario(xml: str) -> tuple[str, str]:
    from workbench.scenarios import SCENARIOS, add_xml_scenario

    name = f"conc{len(SCENARIOS)}"
    add_xml_scenario(name, name, xml)
    return name, SCENARIOS[name].usage_id


def together(calls) -> list:
    """Run the callables at the same moment, one thread each."""
    barrier = threading.Barrier(len(calls))

    def run(call):
        barrier.wait(timeout=30)
        return call()

    with ThreadPoolExecutor(max_workers=len(calls)) as pool:
        return list(pool.map(run, calls))


def test_double_clicks_and_two_tabs_record_one_step(live):
    from asn_xblocks.review.models import AttemptRecord, LearnerReview

    scenario, usage_id = add_scenario(case_fixtures.case_xml(max_attempts=1))
    tabs = [Browser(live, scenario, usage_id, "learner") for _ in range(6)]
    payload = {"version": 0, "action": case_fixtures.STAGE1_BEST}
    results = together([lambda tab=tab: tab.call("act", payload) for tab in tabs])
    statuses = sorted(status for status, _answer in results)
    assert statuses.count(200) == 1, results
    assert set(statuses) <= {200, 409}, results
    row = LearnerReview.objects.get(usage_key=usage_id)
    assert row.state_version == 1
    status, state = tabs[0].call("state", {})
    assert status == 200 and state["version"] == 1
    # the last stage, from every tab at once: one finished attempt, never two
    final = {"version": 1, "action": case_fixtures.STAGE2_GOOD}
    retry = {"version": 2}
    calls = [lambda tab=tab: tab.call("act", final) for tab in tabs[:4]]
    calls += [lambda tab=tab: tab.call("retry", retry) for tab in tabs[4:]]
    results = together(calls)
    assert all(status in (200, 409) for status, _a in results), results
    acts_won = sum(1 for (status, _a), call in zip(results, ["act"] * 4 + ["retry"] * 2)
                   if status == 200 and call == "act")
    assert acts_won <= 1, results
    if acts_won == 0:
        # every request met the lock or a stale version (the lock is not a queue): the
        # browser reloads and the learner submits again, which then goes through
        status, _answer = tabs[0].call("act", final)
        assert status == 200, _answer
    row.refresh_from_db()
    assert row.attempts == 1
    assert AttemptRecord.objects.filter(review=row).count() == 1
    # and after the only attempt, nothing more from any tab
    status, state = tabs[0].call("state", {})
    version = state["version"]
    results = together([lambda tab=tab: tab.call("retry", {"version": version}) for tab in tabs]
                       + [lambda tab=tab: tab.call("act", {"version": version, "action":
                                                            case_fixtures.STAGE1_BEST})
                          for tab in tabs])
    assert all(status == 409 for status, _a in results), results
    assert AttemptRecord.objects.filter(review=row).count() == 1


def test_drafts_from_two_tabs_are_never_lost(live):
    scenario, usage_id = add_scenario(TWO_REFLECTIONS)
    tab_a = Browser(live, scenario, usage_id, "learner")
    tab_b = Browser(live, scenario, usage_id, "learner")
    reader = Browser(live, scenario, usage_id, "learner")
    acknowledged = {}

    def typing(tab, reflection, rounds=8):
        last = None
        for k in range(rounds):
            text = f"{reflection} ketikan ke-{k}"
            for _try in range(50):  # the browser retries a "not saved" until it is saved
                status, state = tab.call("state", {})
                status, answer = tab.call("draft", {"version": state["version"], "draft": {
                    "reflection": reflection, "text": text}})
                if status == 200:
                    last = text
                    break
                assert status == 409, answer
            else:
                pytest.fail(f"draft {reflection} never saved")
        acknowledged[reflection] = last

    def reading(rounds=20):
        for _ in range(rounds):
            assert reader.call("state", {})[0] == 200

    together([lambda: typing(tab_a, "r1"), lambda: typing(tab_b, "r2"), reading])
    status, state = reader.call("state", {})
    assert status == 200
    items = {item["id"]: item for stage in state["view"]["stages"] for item in stage["items"]}
    drafts = {rid: items[rid].get("draft") for rid in ("r1", "r2")}
    assert drafts == acknowledged, (drafts, acknowledged)
