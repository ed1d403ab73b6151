"""The stored analysis of a content is computed once per process: packing the same content
again (a re-import, a duplicated block, each load of the demo scenarios) reuses it and still
leaves the model carrying it, as a fresh analysis would."""
import dataclasses

from lxml import etree

from asn_xblocks.shell import content as content_mod
from asn_xblocks.simulation import analysis
from asn_xblocks.simulation.core import CORE

from .conftest import SCENARIO_DIR


def _model():
    path = SCENARIO_DIR / "asn_change_simulation" / "01_oss_perizinan.xml"
    return CORE.parse(etree.fromstring(path.read_bytes()))


def _count_searches(monkeypatch) -> list:
    calls: list = []
    real = analysis.analyse

    def counting(model, *args, **kwargs):
        calls.append(model)
        return real(model, *args, **kwargs)

    monkeypatch.setattr(analysis, "analyse", counting)
    return calls


def test_the_same_content_is_analysed_once_and_each_model_carries_the_result(monkeypatch):
    content_mod._ANALYSES.clear()
    calls = _count_searches(monkeypatch)
    first, second = _model(), _model()
    packed_first = content_mod.pack(CORE, first)
    packed_second = content_mod.pack(CORE, second)
    assert len(calls) == 1
    assert packed_second["analysis"] == packed_first["analysis"]
    assert packed_second["hash"] == packed_first["hash"]
    assert isinstance(analysis.attached(second), analysis.Analysis)  # attached on a hit too


def test_other_content_is_analysed_anew(monkeypatch):
    content_mod._ANALYSES.clear()
    calls = _count_searches(monkeypatch)
    content_mod.pack(CORE, _model())
    edited = _model()
    edited.nodes[0].title = edited.nodes[0].title + " (edited)"
    content_mod.pack(CORE, edited)
    assert len(calls) == 2


def test_a_result_made_under_other_bounds_is_not_reused(monkeypatch):
    content_mod._ANALYSES.clear()
    content_mod.pack(CORE, _model())
    calls = _count_searches(monkeypatch)
    budget = analysis.BUDGET
    monkeypatch.setattr(analysis, "BUDGET", dataclasses.replace(budget, work=budget.work + 1))
    content_mod.pack(CORE, _model())
    assert len(calls) == 1
