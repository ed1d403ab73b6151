"""The block contract (``core/engine_api.py``), checked the same way over every block.

The blocks are read from the package's ``xblock.v1`` entry points, the one list a new block
is added to: it then gets every check here. The shell calls a block's ``CORE`` and nothing
else, so what these checks hold is what the shell may rely on without probing.
"""
from __future__ import annotations

import dataclasses
import importlib
import inspect
import json
import typing
from importlib import metadata
from pathlib import Path

import pytest

from asn_xblocks.core import engine_api, forms, olx
from asn_xblocks.core.engine_api import AnalyticsFacts, BlockCore, CoreDefaults, Editor, Reveal, StaffRecords
from asn_xblocks.core.forms import clean_content

SCENARIOS = Path(__file__).resolve().parents[2] / "asn_xblocks" / "demo" / "scenarios"


def _blocks():
    found = []
    for entry in metadata.entry_points(group="xblock.v1"):
        if entry.value.startswith("asn_xblocks."):
            found.append(pytest.param(entry.name, entry.load(), id=entry.name))
    return sorted(found, key=lambda p: p.id)


BLOCKS = _blocks()


def _protocol_members(protocol) -> tuple[set[str], set[str]]:
    """(attributes, methods) a Protocol declares."""
    attributes = set(typing.get_type_hints(protocol, vars(engine_api)))
    methods = {name for name, value in vars(protocol).items()
               if callable(value) and not name.startswith("_")}
    return attributes, methods


def test_there_are_the_three_blocks():
    assert [p.id for p in BLOCKS] == ["asn_case_study", "asn_change_simulation",
                                       "asn_digital_service"]


@pytest.mark.parametrize("tag,block", BLOCKS)
def test_the_block_class_exports_one_core_of_its_own_package(tag, block):
    core = block.core
    assert core.tag == tag
    package = block.__module__.rsplit(".", 1)[0]
    assert type(core).__module__ == package + ".core"
    assert importlib.import_module(package + ".core").CORE is core
    assert isinstance(core, CoreDefaults)


@pytest.mark.parametrize("tag,block", BLOCKS)
def test_the_core_has_every_member_of_the_protocol_with_its_parameters(tag, block):
    core = block.core
    attributes, methods = _protocol_members(BlockCore)
    assert {"facts", "records", "editor", "has_staff_grading", "tag"} <= attributes
    for name in attributes:
        assert hasattr(core, name), name
    for name in methods:
        wanted = list(inspect.signature(getattr(BlockCore, name)).parameters)[1:]
        given = list(inspect.signature(getattr(core, name)).parameters)
        assert given == wanted, (name, given, wanted)
    assert isinstance(core.facts, AnalyticsFacts)
    assert isinstance(core.records, StaffRecords)
    assert isinstance(core.editor, Editor)
    assert isinstance(core.has_staff_grading, bool)


@pytest.mark.parametrize("tag,block", BLOCKS)
def test_the_parts_are_filled_with_callables_and_staff_grading_has_its_recount(tag, block):
    core = block.core
    for part in (core.facts, core.records, core.editor):
        for item in dataclasses.fields(part):
            value = getattr(part, item.name)
            if "Callable" in str(item.type):
                assert callable(value), (type(part).__name__, item.name)
    recounts = core.records.competency_tally is not engine_api._no_recount
    assert recounts == core.has_staff_grading


@pytest.mark.parametrize("tag,block", BLOCKS)
def test_the_editor_schema_is_read_by_the_form_language(tag, block):
    editor = block.core.editor
    browser = forms.for_browser(editor.schema, str.upper)
    assert browser["root"] in browser["types"]
    names = [tool["name"] for tool in editor.tools]
    assert len(names) == len(set(names))
    if editor.preview:
        # one type or a list of types, each a type of the schema
        at_type = editor.preview["at_type"]
        types = at_type if isinstance(at_type, list) else [at_type]
        assert types and all(isinstance(t, str) and t in editor.schema["types"] for t in types)


def _demo_contents(tag):
    for path in sorted((SCENARIOS / tag).glob("*.xml")):
        yield path.name, path.read_text(encoding="utf-8")


@pytest.mark.parametrize("tag,block", BLOCKS)
def test_empty_olx_and_every_demo_go_through_the_contract(tag, block):
    core = block.core
    sources = [("EMPTY_OLX", block.EMPTY_OLX)] + list(_demo_contents(tag))
    assert len(sources) >= 3
    for name, source in sources:
        content = core.parse(olx.parse_olx(source))
        problems = core.validate(content)
        assert not [p for p in problems if p.is_error], (name, problems)
        data = core.to_dict(content)
        assert json.loads(json.dumps(data)) == data
        again = core.from_dict(data)
        assert core.to_dict(again) == data, name
        assert core.to_dict(core.parse(core.export(again))) == data, name
        # the form editor reads back what it was given
        assert clean_content(core.editor.schema, data) == data, name
        summary = core.summary(content)
        json.dumps(summary)
        numbers = {key for key, value in summary.items()
                   if isinstance(value, (int, float)) and not isinstance(value, bool)}
        assert numbers <= set(core.summary_labels), (name, numbers - set(core.summary_labels))
        declared = core.declared_competencies(content)
        assert all(isinstance(k, str) and isinstance(v, str) for k, v in declared.items())
        assert set(declared) <= set(summary["competencies"]) | set(declared)
        assert core.content_lang(content) in ("", "id", "en")
        assert core.raw_maximum(content) >= 0
        staff = core.staff_graded(content)
        assert core.has_staff_grading or staff == []
        for item in staff:
            assert item.id and item.max_points >= 0
        attempt = core.new_attempt(content, 7)
        assert json.loads(json.dumps(attempt)) == attempt
        assert core.new_attempt(content, 7) == attempt
        assert not attempt.get("finished")
        assert core.drift(content, attempt) is False
        for reveal in (Reveal(False, False), Reveal(True, True)):
            view = core.learner_view(content, attempt, reveal, {}, str, "id")
            json.dumps(view, allow_nan=False)


@pytest.mark.parametrize("tag,block", BLOCKS)
def test_intro_html_is_the_contents_sanitized_introduction(tag, block):
    """The value ``student_view_data`` gives the mobile apps: every block's demo has an
    introduction, and the core returns it (the shell once read an attribute only one block
    had, and two blocks gave the apps an empty introduction)."""
    core = block.core
    for name, source in _demo_contents(tag):
        content = core.parse(olx.parse_olx(source))
        intro = core.intro_html(content)
        assert intro.strip(), name
        assert "<script" not in intro.lower()
        assert intro == core.from_dict(core.to_dict(content)).intro_html
