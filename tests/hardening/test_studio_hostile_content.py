"""Hostile content through the Studio form editor's handlers — ``studio_save_form``,
``studio_to_olx``, ``studio_preview`` and ``studio_tool`` — which take the content model's
JSON and read it strictly (``studio_forms.clean_content``).

For each block (its demo content, as ``studio_view`` hands it to the editor) every field of
the schema is attacked: scripts, styles, frames and event handlers in every HTML field, text
one character over its limit, unknown keys, values of the wrong type (NaN and infinity
included), lists nested 500 deep, 10,000 items, lone surrogates (in values and keys), and the
settings the form sends. Each answer is 200, 400, 403 or 413 — never a 500 —, a refusal
carries a sentence and changes nothing stored, an accepted save stores no markup that would
run (checked by parsing every ``*_html`` value and the OLX, not by string search) and says
that markup was removed (the ``html-cleaned`` warning), and no answer holds such markup.
"""
from __future__ import annotations

import copy
import json
import re
from collections import Counter

import pytest

from . import payloads
from .conftest import TAGS, demo_xml
from .test_hostile_olx import BAD_TAGS, SCRIPTY_HTML, dangerous_markup, html_values

HANDLERS = ("studio_save_form", "studio_to_olx", "studio_preview", "studio_tool")
ALLOWED = {200, 400, 403, 413}


# --- the editor's data ---------------------------------------------------------------------

def studio_payload(block) -> dict:
    page = block.page(student="staff", view="studio_view")
    found = re.search(r'<script type="application/json" class="asn-init">(.*?)</script>', page,
                      re.S)
    return json.loads(found.group(1))


def walk_fields(schema: dict, type_name: str, record: dict, path: tuple = ()):
    """(path, field spec, record type) for every field of ``record`` and its items."""
    spec = schema["types"][type_name]
    for spec_field in spec["fields"]:
        key = spec_field["key"]
        yield path + (key,), spec_field, type_name
        value = record.get(key)
        if spec_field["kind"] == "list" and "scalar" not in spec_field and isinstance(value, list):
            types = spec_field["of"]
            for index, item in enumerate(value):
                tag = item.get(spec_field.get("tag_key", ""))
                item_type = types[0] if len(types) == 1 else next(
                    t for t in types if schema["types"][t]["tag"] == tag)
                yield from walk_fields(schema, item_type, item, path + (key, index))


def put(root: dict, path: tuple, value) -> dict:
    root = copy.deepcopy(root)
    parent = root
    for key in path[:-1]:
        parent = parent[key]
    parent[path[-1]] = value
    return root


def olx_dangers(text: str) -> list[str]:
    """Elements and attributes of an OLX document that would run or fetch in a browser."""
    from asn_xblocks.core import olx

    found = []
    for element in olx.parse_olx(text).iter():
        if not isinstance(element.tag, str):
            continue
        if element.tag.lower() in BAD_TAGS:
            found.append(f"<{element.tag}>")
        for name, value in element.attrib.items():
            compact = "".join(value.split()).lower()
            if name.lower().startswith("on") or name.lower() in ("style", "srcdoc"):
                found.append(f"{element.tag}@{name}")
            if compact.startswith(("javascript:", "data:", "vbscript:")):
                found.append(f"{element.tag}@{name}={value[:30]}")
    return found


def stored(block) -> tuple[str, str]:
    """The stored content and settings (what a refused request must leave unchanged)."""
    xblock = block.xblock("staff")
    return (json.dumps(xblock.content, sort_keys=True),
            json.dumps(xblock._settings_values(), sort_keys=True))


def call(block, handler: str, body: dict | None = None, student: str = "staff"):
    try:
        return block.call(handler, body, student=student)
    except Exception as exc:  # the test client re-raises what the LMS would answer 500
        return 500, f"{type(exc).__name__}: {exc}"


def hostile_forms(block) -> dict[str, dict]:
    """Name -> the form's ``content`` with one attack in it."""
    from asn_xblocks.core.forms import LIMITS
    from asn_xblocks.shell.handlers import STUDIO_MAX_BODY_BYTES

    payload = studio_payload(block)
    content = payload["content"]
    schema = block.xblock("staff").core.editor.schema
    fields = list(walk_fields(schema, schema["root"], content))
    firsts, seen = [], set()
    for path, spec, type_name in fields:
        if (type_name, spec["key"]) not in seen:
            seen.add((type_name, spec["key"]))
            firsts.append((path, spec, type_name))
    html_paths = [path for path, spec, _t in fields if spec["kind"] == "html"]
    assert html_paths
    cases: dict[str, dict] = {}
    scripty, xss = content, content
    for index, path in enumerate(html_paths):
        scripty = put(scripty, path, SCRIPTY_HTML)
        xss = put(xss, path, payloads.XSS[index % len(payloads.XSS)] + "<p>tetap</p>")
    cases["scripts in every HTML field"] = scripty
    cases["XSS strings in every HTML field"] = xss
    wrong_values = {
        "list": ["x", {"a": []}], "bool": ["true", 1], "tristate": [1, "no"],
        "number": ["12", True, float("nan"), float("inf"), 1e13],
        "int": [1.5, float("nan"), 2**70],
    }
    for path, spec, type_name in firsts:
        where = f"{type_name}.{spec['key']}"
        kind = spec["kind"]
        if kind in LIMITS:
            cases[f"oversize {where}"] = put(content, path, "x" * (LIMITS[kind] + 1))
            cases[f"lone surrogate in {where}"] = put(content, path, "a\ud800b\udfff")
        for number, wrong in enumerate(wrong_values.get(kind, [12, {"a": [1]}])):
            cases[f"wrong type {number} {where}"] = put(content, path, wrong)
        if kind in ("list", "html"):
            cases[f"nested 500 deep {where}"] = put(content, path,
                                                    json.loads("[" * 500 + "]" * 500))
        if kind == "list":
            cases[f"10,000 items {where}"] = put(content, path, [{}] * 10_000)
            items = payloads._get(content, path)
            if isinstance(items, list) and items:
                many = put(content, path, [items[0]] * 10_000)
                if len(json.dumps(many)) < STUDIO_MAX_BODY_BYTES:  # else Django's own 400
                    cases[f"10,000 real items {where}"] = many
        parent_path = path[:-1]
        if (type_name, "<unknown>") not in seen:
            seen.add((type_name, "<unknown>"))
            cases[f"unknown key in {type_name}"] = put(
                content, parent_path + ("<img src=x onerror=alert(1)>",), 1)
            cases[f"lone surrogate key in {type_name}"] = put(content, parent_path + ("\ud800",), 1)
    return cases


def settings_cases(settings: dict) -> dict[str, dict]:
    changes = {
        "weight NaN": {"weight": float("nan")}, "weight infinite": {"weight": float("inf")},
        "weight 1e13": {"weight": 1e13}, "weight negative": {"weight": -1},
        "weight as text": {"weight": "5"}, "attempts 2**70": {"max_attempts": 2**70},
        "attempts 1.5": {"max_attempts": 1.5}, "attempts true": {"max_attempts": True},
        "attempts negative": {"max_attempts": -1}, "show_answer unknown": {"show_answer": "always"},
        "policy unknown": {"attempt_policy": "worst"},
        "name 256 characters": {"display_name": "x" * 256},
        "name with a script": {"display_name": "<script>alert(1)</script>"},
        "name with a lone surrogate": {"display_name": "a\ud800"},
        "unknown setting": {"due": "2020-01-01"}, "settings nested": {"weight": [[[[1]]]]},
    }
    return {name: {**settings, **change} for name, change in changes.items()}


# --- the attack -----------------------------------------------------------------------------

def check(block, handler: str, name: str, status: int, answer, before: tuple[str, str],
          scripty: bool) -> None:
    assert status in ALLOWED, (name, handler, status, str(answer)[:300])
    if status != 200:
        assert isinstance(answer, dict) and isinstance(answer.get("error"), str) \
            and answer["error"].strip(), (name, handler, answer)
        assert "Traceback" not in answer["error"]
        if handler == "studio_save_form":
            assert stored(block) == before, (name, handler)
        return
    for html in html_values(answer):
        assert not dangerous_markup(html), (name, handler, dangerous_markup(html))
    text = json.dumps(answer)
    assert "\\ud800" not in text and "\\udfff" not in text, (name, handler)
    if handler == "studio_to_olx":
        assert not olx_dangers(answer["olx"]), (name, olx_dangers(answer["olx"]))
    if handler in ("studio_save_form", "studio_to_olx") and scripty:
        codes = {p["code"] for p in answer["problems"]}
        assert "html-cleaned" in codes, (name, handler, codes)
    if handler != "studio_save_form":
        return  # read-only handlers: storage compared once per case, by the caller
    content, _settings = stored(block)
    export = block.xblock("staff").export_olx()
    assert not olx_dangers(export), (name, olx_dangers(export))
    for html in html_values(json.loads(content)):
        assert not dangerous_markup(html), (name, dangerous_markup(html))
    assert "\\ud800" not in content and "\\udfff" not in content
    content.encode("utf-8")  # storable: no lone surrogate survived


@pytest.mark.parametrize("tag", TAGS)
def test_hostile_form_content_is_refused_or_stored_sanitized(make_block, tag):
    block = make_block(demo_xml(tag))
    settings = studio_payload(block)["settings"]
    for path_html in html_values(studio_payload(block)["content"]):
        assert not dangerous_markup(path_html)  # the demo content itself is clean
    statuses: Counter = Counter()
    cases = hostile_forms(block)
    for name, content in cases.items():
        scripty = name.endswith("every HTML field")
        before = stored(block)
        for handler in HANDLERS[1:] + HANDLERS[:1]:  # the read-only ones first, then save
            body = {"content": content, "settings": settings}
            if handler == "studio_tool":
                body["tool"] = "paths"
            if handler == "studio_save_form":
                assert stored(block) == before, (name, "read-only handlers wrote")
            status, answer = call(block, handler, body)
            check(block, handler, name, status, answer, before, scripty)
            statuses[(handler, status)] += 1
            if name.startswith(("oversize", "wrong type", "nested", "10,000",
                                "unknown key", "lone surrogate key")):
                assert status in (400, 413), (name, handler, status, answer)
            if scripty and handler != "studio_tool":
                assert status == 200, (name, handler, answer)
            if handler == "studio_save_form" and status == 200:
                # what was saved is what the learner is served: sanitized, text kept
                state = block.state("learner")
                for html in html_values(state):
                    assert not dangerous_markup(html), (name, dangerous_markup(html))
                if scripty:
                    assert ("klik" if name.startswith("scripts") else "tetap") in json.dumps(state)
    assert statuses[("studio_save_form", 200)] >= 1 and statuses[("studio_to_olx", 400)] >= 1


@pytest.mark.parametrize("tag", TAGS)
def test_hostile_form_settings_are_refused_or_stored_as_text(make_block, tag):
    block = make_block(demo_xml(tag))
    payload = studio_payload(block)
    refused = {"weight NaN", "weight infinite", "weight 1e13", "weight negative", "weight as text",
               "attempts 2**70", "attempts 1.5", "attempts true", "attempts negative",
               "show_answer unknown", "policy unknown", "name 256 characters", "unknown setting",
               "settings nested"}
    for name, settings in settings_cases(payload["settings"]).items():
        before = stored(block)
        for handler in HANDLERS[1:3] + HANDLERS[:1]:
            status, answer = call(block, handler, {"content": payload["content"],
                                                   "settings": settings})
            check(block, handler, name, status, answer, before, False)
            if handler != "studio_save_form":
                assert stored(block) == before, (name, handler)
            assert (status == 400) == (name in refused), (name, handler, status, answer)
    # a display name is text: stored as typed, escaped wherever it is shown
    assert block.xblock("staff").display_name == "a\N{REPLACEMENT CHARACTER}"
    status, _answer = call(block, "studio_save_form", {
        "content": payload["content"],
        "settings": {**payload["settings"], "display_name": "<script>alert(1)</script>"}})
    assert status == 200
    for view, student in (("student_view", "learner"), ("studio_view", "staff"),
                          ("author_view", "staff")):
        page = block.page(student=student, view=view)
        assert "<script>alert(1)</script>" not in page, view


@pytest.mark.parametrize("tag", TAGS)
def test_hostile_preview_positions_and_tool_names(make_block, tag):
    block = make_block(demo_xml(tag))
    payload = studio_payload(block)
    form = {"content": payload["content"], "settings": payload["settings"]}
    before = stored(block)
    for at in ("<script>alert(1)</script>", "x" * 201, 12, ["n1"], "\ud800", "", None):
        status, answer = call(block, "studio_preview", {**form, "at": at})
        assert status in (200, 400), (at, status, answer)
        if status == 200:
            for html in html_values(answer):
                assert not dangerous_markup(html)
    for tool in ("<img src=x onerror=alert(1)>", "x" * 41, 7, None, "\ud800", "paths"):
        status, answer = call(block, "studio_tool", {**form, "tool": tool})
        expected = 200 if (tool == "paths" and tag == "asn_change_simulation") else 400
        assert status == expected, (tool, status, answer)
    assert stored(block) == before


@pytest.mark.parametrize("weight", ["nan", "inf", "1e30"])
def test_the_olx_editor_refuses_a_non_finite_or_huge_weight(make_block, weight):
    from tests.integration import case_fixtures

    block = make_block(case_fixtures.case_xml())
    olx = case_fixtures.case_xml(extra=f'weight="{weight}"')
    for handler in ("studio_check", "studio_from_olx", "studio_save"):
        status, answer = call(block, handler, {"olx": olx})
        assert status in (200, 400), (handler, status, answer)
    if status == 400:
        return
    for version, step in enumerate((case_fixtures.STAGE1_BEST, case_fixtures.STAGE2_GOOD)):
        status, answer = call(block, "act", {"version": version, "action": step}, "learner")
        assert status == 200, (step["stage"], status, str(answer)[:200])
