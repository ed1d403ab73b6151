"""Every validation rule, each with a failing fixture, and a clean base that has none."""
import inspect
import re

import pytest

from asn_xblocks.core.olx import parse_olx
from asn_xblocks.simulation import validation
from asn_xblocks.simulation.core import CORE

VALID = """
<asn_change_simulation start="n1" framework="kotter" lang="id">
  <competency id="literasi" label="Literasi digital"/>
  <metric id="moral" label="Moral" initial="50"/>
  <metric id="dukungan" label="Dukungan" initial="30"/>
  <node id="n1" title="Awal" step="urgency">
    <content><p>Mulai</p></content>
    <choice id="c1" goto="r1" points="2" competency="literasi">
      <text>Bicara</text><effect metric="moral" add="10"/>
    </choice>
    <choice id="c2" goto="n2"><text>Tunggu</text><effect metric="dukungan" set="10"/></choice>
  </node>
  <node id="n2" title="Dua" step="coalition">
    <choice id="c3" goto="e1" when="dukungan &gt;= 20" points="5"><text>Dorong</text></choice>
    <choice id="c4" goto="e2"><text>Menyerah</text></choice>
  </node>
  <router id="r1">
    <route when="moral &lt; 30" goto="e2"/>
    <route goto="n2"/>
  </router>
  <ending id="e1" title="Sukses" score="1" outcome="success"><p>Bagus</p></ending>
  <ending id="e2" title="Gagal" score="0" outcome="failure"><p>Buruk</p></ending>
</asn_change_simulation>
"""


def problems(xml: str, **kwargs):
    return validation.validate(CORE.parse(parse_olx(xml)), **kwargs)


def codes(xml: str, **kwargs):
    return {p.code: p for p in problems(xml, **kwargs)}


def test_valid_base_is_clean():
    assert problems(VALID) == []


def swap(old: str, new: str) -> str:
    assert old in VALID, old
    return VALID.replace(old, new, 1)


R1_ROUTES = '<route when="moral &lt; 30" goto="e2"/>\n    <route goto="n2"/>'
E2 = '<ending id="e2" title="Gagal" score="0" outcome="failure"><p>Buruk</p></ending>'

CASES = [
    # (code, severity, item_id, xml)
    ("start-missing", "error", None, swap('start="n1" ', "")),
    ("start-unknown", "error", "ghost", swap('start="n1"', 'start="ghost"')),
    ("start-unknown", "error", "e1", swap('start="n1"', 'start="e1"')),
    ("scoring-unknown", "error", None, swap('start="n1"', 'start="n1" scoring="best"')),
    ("cohort-min-invalid", "error", None, swap('start="n1"', 'start="n1" cohort_min="0"')),
    ("framework-unknown", "error", None, swap('framework="kotter"', 'framework="lewin"')),
    ("lang-unknown", "warning", None, swap('lang="id"', 'lang="fr"')),
    ("competency-no-id", "error", None, swap('<competency id="literasi" label="Literasi digital"/>',
                                             '<competency id="literasi" label="Literasi digital"/>'
                                             '<competency label="x"/>')),
    ("competency-no-label", "warning", "literasi", swap(' label="Literasi digital"', "")),
    ("id-missing", "error", None, swap('<metric id="moral"', '<metric id="" x="1"').replace(
        'metric="moral"', 'metric="dukungan"').replace("moral &lt; 30", "dukungan &lt; 30")),
    ("id-missing", "error", "n2", swap('<choice id="c4"', '<choice')),
    ("duplicate-id", "error", "n2", swap('<ending id="e2"', '<ending id="n2"').replace(
        'goto="e2"', 'goto="e1"')),
    ("duplicate-id", "error", "c3", swap('<choice id="c4"', '<choice id="c3"')),
    ("duplicate-id", "error", "moral", swap('<metric id="dukungan"', '<metric id="moral"')),
    ("metric-no-label", "warning", "moral", swap(' label="Moral"', "")),
    ("metric-min-max", "error", "moral", swap('initial="50"/>', 'initial="50" min="60" max="40"/>')),
    ("metric-initial-missing", "error", "moral", swap(' initial="50"', "")),
    ("metric-initial-missing", "error", "moral", swap(' initial="50"', ' initial="banyak"')),
    ("metric-initial-range", "error", "moral", swap('initial="50"', 'initial="150"')),
    ("metric-initial-range", "error", "moral", swap('initial="50"', 'initial="-1"')),
    ("when-unparsable", "error", "c3", swap('when="dukungan &gt;= 20"', 'when="dukungan =&gt; 20"')),
    ("when-unparsable", "error", "c3", swap('when="dukungan &gt;= 20"', "when=\"__import__('os')\"")),
    ("when-unparsable", "error", "r1", swap('when="moral &lt; 30"', 'when="moral &lt;"')),
    ("when-unknown-metric", "error", "c3", swap('when="dukungan &gt;= 20"', 'when="budget &gt;= 20"')),
    ("goto-missing", "error", "c4", swap('<choice id="c4" goto="e2">', '<choice id="c4">')),
    ("goto-unknown", "error", "c4", swap('<choice id="c4" goto="e2">', '<choice id="c4" goto="e9">')),
    ("goto-unknown", "error", "r1", swap('<route goto="n2"/>', '<route goto="n9"/>')),
    ("node-no-title", "warning", "n2", swap('title="Dua" ', "")),
    ("step-outside-framework", "error", "n2", swap('step="coalition"', 'step="desire"')),
    ("step-outside-framework", "error", "n2", swap('framework="kotter"', 'framework="adkar"')),
    ("step-missing", "warning", "n2", swap(' step="coalition"', "")),
    ("node-no-choices", "error", "n3", swap(E2, E2 + '<node id="n3" title="Buntu" step="wins"/>')
     .replace('<choice id="c4" goto="e2">', '<choice id="c4" goto="n3">')),
    ("single-choice-node", "warning", "n2",
     swap('<choice id="c3" goto="e1" when="dukungan &gt;= 20" points="5"><text>Dorong</text></choice>', "")),
    ("choice-no-text", "error", "c4", swap("<text>Menyerah</text>", "")),
    ("points-negative", "error", "c3", swap('points="5"', 'points="-5"')),
    ("competency-unknown", "error", "c3", swap('points="5"', 'points="5" competency="sihir"')),
    ("effect-unknown-metric", "error", "c1", swap('<effect metric="moral" add="10"/>',
                                                  '<effect metric="ghost" add="10"/>')),
    ("effect-no-value", "error", "c1", swap('add="10"', 'add="banyak"')),
    ("effect-no-value", "error", "c1", swap('add="10"', 'multiply="10"')),
    ("router-no-default", "error", "r1", swap('<route goto="n2"/>', '<route when="moral &gt;= 30" goto="n2"/>')),
    ("router-no-default", "error", "r1", swap(R1_ROUTES, "")),
    ("router-default-not-last", "error", "r1", swap(R1_ROUTES, '<route goto="n2"/>\n    '
                                                    '<route when="moral &lt; 30" goto="e2"/>')),
    ("no-ending", "error", None, VALID.split("<ending")[0].replace('goto="e1"', 'goto="n1"')
     .replace('goto="e2"', 'goto="n1"') + "</asn_change_simulation>"),
    ("ending-score-missing", "error", "e2", swap(' score="0"', "")),
    ("ending-score-range", "error", "e2", swap('score="0"', 'score="1.5"')),
    ("ending-score-range", "error", "e2", swap('score="0"', 'score="-0.1"')),
    ("ending-outcome-unknown", "error", "e2", swap('outcome="failure"', 'outcome="meh"')),
    ("ending-no-title", "warning", "e2", swap('title="Gagal" ', "")),
    ("node-unreachable", "warning", "n3", swap(E2, E2 + '<node id="n3" title="Lepas" step="wins">'
                                                '<choice id="c9" goto="e1"><text>x</text></choice></node>')),
    ("router-unreachable", "warning", "r9", swap(E2, E2 + '<router id="r9"><route goto="e1"/></router>')),
    ("cycle-no-exit", "error", "n3", swap(E2, E2 + (
        '<node id="n3" title="A" step="wins"><choice id="c7" goto="n4"><text>a</text></choice></node>'
        '<node id="n4" title="B" step="wins"><choice id="c8" goto="n3"><text>b</text></choice></node>'))
     .replace('<choice id="c4" goto="e2">', '<choice id="c4" goto="n3">')),
    ("router-cycle", "error", "r1", swap('<route goto="n2"/>', '<route goto="r2"/>') .replace(
        E2, E2 + '<router id="r2"><route when="moral &gt; 90" goto="n2"/><route goto="r1"/></router>')),
    ("router-loop", "error", "c1", swap('<route goto="n2"/>', '<route goto="r2"/>') .replace(
        E2, E2 + '<router id="r2"><route when="moral &gt; 90" goto="n2"/><route goto="r1"/></router>')),
    ("start-unresolvable", "error", "r2", swap('start="n1"', 'start="r2"').replace(
        E2, E2 + '<router id="r2"><route when="moral &gt; 90" goto="n1"/></router>')),
    ("router-no-match", "error", "c1", swap('<route goto="n2"/>', '<route when="moral &gt; 90" goto="n2"/>')),
    ("node-stuck", "error", "n2", swap('<choice id="c4" goto="e2">',
                                       '<choice id="c4" goto="e2" when="dukungan &gt;= 20">')),
    ("ending-unreachable", "warning", "e3", swap(E2, E2 + '<ending id="e3" title="Tak" score="1"/>')),
    ("ending-unreachable", "warning", "e1", swap('when="dukungan &gt;= 20"', 'when="dukungan &gt;= 31"')),
    ("choice-never-available", "warning", "c3", swap('when="dukungan &gt;= 20"', 'when="moral &gt; 90"')
     .replace('<ending id="e1"', '<ending id="e0" title="Nol" score="0"/><ending id="e1"').replace(
        '<choice id="c4" goto="e2">', '<choice id="c4" goto="e2"><text>t</text></choice>'
                                      '<choice id="c44" goto="e1">')),
]


@pytest.mark.parametrize("code,severity,item_id,xml", CASES,
                         ids=[f"{c[0]}-{i}" for i, c in enumerate(CASES)])
def test_rule(code, severity, item_id, xml):
    found = problems(xml)
    matching = [p for p in found if p.code == code]
    assert matching, [(p.code, p.text()) for p in found]
    problem = matching[0]
    assert problem.severity == severity
    if item_id is not None:
        assert item_id in [p.item_id for p in matching]
    assert "{" not in problem.text()  # every placeholder is filled
    assert problem.to_dict()["message"]


def test_every_rule_has_a_case():
    source = inspect.getsource(validation)
    rule_codes = set(re.findall(r'(?:error|warning)\("([a-z-]+)"', source))
    covered = {case[0] for case in CASES} | {"state-search-cut-off"}
    assert rule_codes <= covered, rule_codes - covered


def test_unparsable_when_carries_the_parser_message():
    found = codes(swap('when="dukungan &gt;= 20"', 'when="dukungan = 20"'))
    assert '"=="' in found["when-unparsable"].text()


def test_search_cut_off_is_a_warning_and_skips_unsure_findings():
    xml = swap('<metric id="moral" label="Moral" initial="50"/>',
               '<metric id="moral" label="Moral" initial="50"/>'
               '<metric id="n" label="N" initial="0" max="1000"/>').replace(
        '<choice id="c2" goto="n2">',
        '<choice id="up" goto="n1" when="n &lt; 1000"><text>Lagi</text>'
        '<effect metric="n" add="1"/></choice><choice id="c2" goto="n2">')
    assert problems(xml) == []
    found = codes(xml, state_limit=20)
    assert found["state-search-cut-off"].severity == "warning"
    assert "20" in found["state-search-cut-off"].text()
    assert "ending-unreachable" not in found
    assert not [p for p in problems(xml, state_limit=20) if p.is_error]


def test_problems_translate():
    found = codes(swap('score="0"', 'score="2"'))
    text = found["ending-score-range"].text(lambda s: "[id] " + s)
    assert text.startswith("[id] ") and '"e2"' in text  # translated, then params filled


def test_single_choice_node_is_a_translated_warning_only_for_one_declared_choice():
    one = swap('<choice id="c3" goto="e1" when="dukungan &gt;= 20" points="5"><text>Dorong</text></choice>', "")
    found = codes(one)["single-choice-node"]
    assert found.severity == "warning" and found.item_id == "n2" and '"n2"' in found.text()
    assert found.to_dict(lambda s: "[id] " + s)["message"].startswith("[id] ")
    assert not [p for p in problems(one) if p.is_error]  # a warning: the save goes through
    # a node whose second choice is conditional still offers a decision: no warning
    assert "single-choice-node" not in codes(VALID)
    # a node with no choice is the error node-no-choices, not this warning
    none = swap(E2, E2 + '<node id="n3" title="Buntu" step="wins"/>').replace(
        '<choice id="c4" goto="e2">', '<choice id="c4" goto="n3">')
    assert [p.item_id for p in problems(none) if p.code == "single-choice-node"] == []
