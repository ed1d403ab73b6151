"""Oracles and giveaways: what a learner can learn from how the server answers, or from
the payload itself, beyond what the exercise shows.

* The simulation answered an unknown choice id 400 and an existing but unavailable one
  (another node's, or hidden by its condition) 409: probing ids told a learner which
  hidden choices the scenario holds. Every choice not offered now is answered alike.
* The service desk shows each request's service and so its unit, the expected route of
  every request that does not name another: when no request does, the route point is free
  for anyone copying the unit shown. Validation warns the author.
"""
from __future__ import annotations

import json

import pytest

from tests.integration import desk_fixtures

from .conftest import demo_xml
from .test_authorization import SIM_XML


def test_unknown_other_node_and_hidden_choices_are_answered_alike(make_block, snapshot):
    # SIM_XML with the hidden choice c3 of n2 out of reach: m is 57 after c1, c3 needs 58
    block = make_block(SIM_XML.replace('when="m &gt;= 57"', 'when="m &gt;= 58"'))
    assert block.call("act", {"version": 0, "action": {"type": "choose", "choice": "c1"}})[0] == 200
    current = block.state()
    assert current["view"]["node"]["id"] == "n2"
    assert [c["id"] for c in current["view"]["node"]["choices"]] == ["c4"]
    before = snapshot()
    answers = {}
    for label, choice in (("hidden by its condition", "c3"), ("another node's", "c2"),
                          ("unknown", "c9"), ("a router", "r1"), ("an ending", "e1"),
                          ("a node", "n1")):
        answers[label] = block.call("act", {"version": current["version"],
                                            "action": {"type": "choose", "choice": choice}})
    assert snapshot() == before
    distinct = {(status, json.dumps(answer, sort_keys=True)) for status, answer in answers.values()}
    assert len(distinct) == 1, answers  # same status, same message: nothing to tell apart
    status, answer = next(iter(answers.values()))
    assert status == 409 and answer["error"], answer
    for choice in ("c3", "c9", "r1"):
        assert choice not in answer["error"]
    # and the choice offered still goes through
    assert block.call("act", {"version": current["version"],
                              "action": {"type": "choose", "choice": "c4"}})[0] == 200


def _routing_warning(block) -> list[dict]:
    status, answer = block.call("studio_check", {"olx": block.olx}, student="staff")
    assert status == 200, answer
    return [p for p in answer["problems"] if p["code"] == "routing-not-a-decision"]


def _desk(make_block, xml):
    block = make_block(xml)
    block.olx = xml
    return block


@pytest.mark.parametrize("name,warned", [("02_dukcapil.xml", True),
                                         ("03_business_permit_en.xml", False)])
def test_a_desk_where_routing_is_free_is_flagged_to_the_author(make_block, name, warned):
    xml = demo_xml("asn_digital_service", name)
    block = _desk(make_block, xml)
    problems = _routing_warning(block)
    assert len(problems) == (1 if warned else 0), problems
    if warned:
        assert problems[0]["severity"] == "warning" and problems[0]["item_id"] is None
        assert "Routing is not a decision" in problems[0]["message"]
        # the attack it warns about: the unit shown beside each request is its right route
        payload = block.state()
        units = {s["id"]: s.get("unit") for r in payload["view"]["requests"].values()
                 for s in [r["service"]]}
        assert all(units.values()), units


def test_routing_warning_follows_the_routes(make_block):
    xml = desk_fixtures.desk_xml(max_attempts=1)
    assert 'route="' in xml
    assert _routing_warning(_desk(make_block, xml)) == []
    import re

    no_routes = re.sub(r'\sroute="[^"]*"', "", xml)
    assert len(_routing_warning(_desk(make_block, no_routes))) == 1
