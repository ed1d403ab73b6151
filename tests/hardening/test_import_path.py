"""Course import, as Open edX runs it: the hostile OLX set of ``test_hostile_olx.py`` (and
more) handed to ``parse_xml`` — what the platform's importer calls for each block — the way
the platform's own XML parser leaves it.

Routes (openedx-platform xmodule/modulestore/xml.py, read December 2026):

* **own file**: a pointer tag (``<asn_case_study url_name="x"/>``) makes the runtime parse
  ``asn_case_study/x.xml`` with ``EDX_XML_PARSER`` (``_load_pointer_node``) and hand that
  root element to ``parse_xml``;
* **inline**: the block written inside its parent (a vertical): the parent's file is parsed
  with ``edx_xml_parser`` (set as lxml's default parser), the child serialized and parsed
  again (``process_xml``: ``etree.fromstring(xml)``), then ``parse_xml``;
* **workbench**: the xblock-sdk's ``parse_xml_string`` (lxml's default parser);
* **import_block**: ``tests/platform/runtimes.py``'s shim (the package's own ``parse_olx``
  first);
* **node**: element trees no parser produces from text (3,000 levels, an entity-reference
  node) given to ``parse_xml`` directly, on the platform and the workbench runtimes.

Every document either is refused — by the runtime's XML parser (``XMLSyntaxError``, before
the block is involved) or by ``parse_xml`` with an ``OlxError`` carrying a sentence — or is
imported as tolerated content: stored sanitized, readable by the learner, valid. Never
another exception, never a request to the local HTTP server, never the local file's marker
in what is stored. Work is bounded by bounding what reaches the block's core: every element
``core.parse`` is given is within the OLX limits (depth, attributes, size), counted, not timed.
"""
from __future__ import annotations

import itertools
import json

import pytest
from lxml import etree

from .conftest import FILE_MARKER, TAGS, demo_xml
from .test_hostile_olx import dangerous_markup, hostile_documents, html_values

# xmodule/xml_block.py EDX_XML_PARSER and xmodule/modulestore/xml.py edx_xml_parser
PLATFORM_PARSER = {"dtd_validation": False, "load_dtd": False, "remove_blank_text": True,
                   "encoding": "utf-8"}
ROUTES = ("own file", "inline", "workbench", "import_block")
_names = itertools.count()


def platform_parser() -> etree.XMLParser:
    return etree.XMLParser(**PLATFORM_PARSER)


class Imported:
    """A block imported on one runtime, with what the hardening checks read of it."""

    def __init__(self, runtime: str, usage, site=None):
        self.runtime, self.usage, self.site = runtime, usage, site

    def block(self, student: str = "learner"):
        if self.site is not None:
            return self.site.lms_block(self.usage, student)
        from workbench.runtime import WorkbenchRuntime

        return WorkbenchRuntime(student).get_block(self.usage)

    def learner_state(self) -> tuple[int, object]:
        if self.site is not None:
            reply = self.site.lms_handler(self.usage, "learner", "state")
            return reply.status, reply.json()
        from django.test import Client

        response = Client().post(f"/handler/{self.usage}/state/?student=learner", data="{}",
                                 content_type="application/json")
        return response.status_code, json.loads(response.content)


def platform_node_import(node) -> Imported:
    """``xblock_from_node`` on the platform runtimes: the block class mixed as the LMS
    mixes it, ``parse_xml(node, runtime, keys)``, then ``save``."""
    from xblock.fields import ScopeIds

    from tests.platform.driver import ACTIVE_SITES
    from tests.platform.runtimes import PlatformRuntime, PlatformSite

    site = PlatformSite()
    ACTIVE_SITES.append(site)
    usage = site.ids.create_definition(node.tag, None)
    runtime = site._runtime(PlatformRuntime, site.person("importer"), {})
    cls = runtime.mixologist.mix(runtime.load_block_type(node.tag))
    block = cls.parse_xml(node, runtime, ScopeIds(None, node.tag, usage, usage))
    block.save()
    site.block_classes[usage] = cls
    return Imported("platform", usage, site)


def workbench_node_import(node) -> Imported:
    from workbench.runtime import WorkbenchRuntime

    runtime = WorkbenchRuntime()
    runtime.id_generator.set_scenario(f"importpath{next(_names)}")
    return Imported("workbench", runtime._usage_id_from_node(node, None))


def inline_document(document: str, tag: str) -> bytes:
    """The block written inside a vertical: what preceded the block's root (DOCTYPE,
    processing instructions) now precedes the vertical."""
    start = document.index(f"<{tag}")
    prolog = document[:start].replace(f"<!DOCTYPE {tag}", "<!DOCTYPE vertical")
    return (prolog + '<vertical url_name="v">' + document[start:] + "</vertical>").encode(
        "utf-8", "surrogatepass")


def import_by(route: str, document: str, tag: str) -> Imported:
    data = document.encode("utf-8", "surrogatepass")  # a file holds bytes, whatever they are
    if route == "own file":
        return platform_node_import(etree.fromstring(data, platform_parser()))
    if route == "inline":
        vertical = etree.fromstring(inline_document(document, tag), platform_parser())
        child = etree.tostring(vertical[0])
        return platform_node_import(etree.fromstring(child, platform_parser()))
    if route == "workbench":
        from workbench.runtime import WorkbenchRuntime

        runtime = WorkbenchRuntime()
        runtime.id_generator.set_scenario(f"importpath{next(_names)}")
        return Imported("workbench", runtime.parse_xml_string(document))
    from tests.platform.driver import PlatformBlock

    block = PlatformBlock(document)
    return Imported("platform", block.usage_key, block.site)


@pytest.fixture
def core_inputs(monkeypatch):
    """Every element the blocks' ``core.parse`` is given during the test, and how many
    times ``parse_xml`` ran."""
    from asn_xblocks.shell.content import ContentMixin

    seen = {"parse_xml": 0, "core": []}
    original_parse_xml = ContentMixin.parse_xml.__func__

    def parse_xml(cls, node, runtime, keys, *args, **kwargs):
        seen["parse_xml"] += 1
        return original_parse_xml(cls, node, runtime, keys, *args, **kwargs)

    monkeypatch.setattr(ContentMixin, "parse_xml", classmethod(parse_xml))
    for tag in TAGS:
        from xblock.core import XBlock

        core_class = type(XBlock.load_class(tag).core)
        original = core_class.parse

        def parse(self, node, _original=original):
            seen["core"].append(node)
            return _original(self, node)

        monkeypatch.setattr(core_class, "parse", parse)
    return seen


def within_olx_limits(node) -> bool:
    from asn_xblocks.core import olx

    above = len(list(node.iterancestors()))
    depth = max(len(list(e.iterancestors())) for e in node.iter()) - above + 1
    return (depth <= olx.MAX_DEPTH
            and all(len(e.attrib) <= olx.MAX_ATTRIBUTES
                    for e in node.iter() if isinstance(e.tag, str))
            and len(etree.tostring(node)) <= olx.MAX_OLX_BYTES
            and not any(e.tag is etree.Entity for e in node.iter()))


def split_root(tag: str, xml: str | None = None) -> tuple[str, str]:
    xml = xml or demo_xml(tag)
    start = xml.index(f"<{tag}")
    end = xml.index(">", start) + 1
    return xml[start:end], xml[end:]


def more_hostile_documents(tag: str) -> dict[str, str]:
    """Beyond test_hostile_olx's set: what the platform's parser lets through (internal
    entities under its amplification limit, comments, processing instructions, CDATA,
    namespaces) and what it refuses (a 100 MB quadratic blow-up, lone surrogates)."""
    head, rest = split_root(tag)
    with_intro = rest.replace("<intro>", "<intro><p>INTRO-MARK</p>", 1)
    if "<intro>" not in rest:
        with_intro = "<intro><p>INTRO-MARK</p></intro>" + rest
    return {
        "quadratic blowup": f'<!DOCTYPE {tag} [<!ENTITY x "{"y" * 50000}">]>{head}<intro><p>'
                            + "&x;" * 2000 + f"</p></intro>{rest}",
        "internal entity with markup":
            f'<!DOCTYPE {tag} [<!ENTITY e "<script>alert(1)</script><b onclick=\'x()\'>ENT</b>">]>'
            f"{head}<intro><p>&e;</p></intro>{rest}",
        "internal entity in an attribute":
            f'<!DOCTYPE {tag} [<!ENTITY e "ENTITY-NAME">]>'
            + head.replace(' display_name="', ' x-display_name="').replace(
                f"<{tag}", f'<{tag} display_name="&e;"', 1) + rest,
        "20,000 attributes": head[:-1] + " " + " ".join(f'a{i}="v"' for i in range(20000))
                             + ">" + rest,
        "comments and PIs everywhere": head + rest.replace("><", "><!--c--><?pi x?><"),
        "CDATA everywhere": head + rest.replace("<p>", "<p><![CDATA[<b>CDATA</b>]]>"),
        "namespaced": head[:-1] + ' xmlns:x="urn:x" x:display_name="EVIL" x:max_attempts="99">'
                      + rest.replace("<intro>", '<x:intro><p>NS</p></x:intro><intro>', 1),
        "lone surrogate reference": head + with_intro.replace("INTRO-MARK", "a&#xD800;b", 1),
        "lone surrogate": head + with_intro.replace("INTRO-MARK", "a\ud800b", 1),
    }


def in_memory_trees(tag: str) -> dict[str, etree._Element]:
    """Trees no parser builds from text, given to parse_xml as an importer could."""
    head, rest = split_root(tag)
    deep = etree.fromstring((head + rest).encode())
    element = etree.SubElement(deep, "intro")
    for _ in range(3000):
        element = etree.SubElement(element, "div")
    entity = etree.fromstring((head + rest).encode())
    intro = etree.SubElement(entity, "intro")
    etree.SubElement(intro, "p").append(etree.Entity("xxe"))
    unresolved = etree.fromstring(
        f'<!DOCTYPE {tag} [<!ENTITY e "x">]>{head}<intro><p>&e;</p></intro>{rest}'.encode(),
        etree.XMLParser(resolve_entities=False))
    wide = etree.fromstring((head + rest).encode())
    for i in range(20000):
        wide.set(f"a{i}", "v")
    return {"3,000 levels": deep, "entity reference node": entity,
            "unresolved entity (DOCTYPE kept)": unresolved, "20,000 attributes": wide}


def check_imported(imported: Imported, name: str) -> None:
    """Tolerated content is stored sanitized, readable by the learner and valid."""
    from asn_xblocks.core import olx

    block = imported.block("staff")
    stored = json.dumps(block.content)
    assert FILE_MARKER not in stored and "FETCHED" not in stored, name
    for html in html_values(block.content):
        assert not dangerous_markup(html), (name, dangerous_markup(html))
    assert block.display_name != "EVIL" and "EVIL" not in stored, name
    block.validate()
    status, state = imported.learner_state()
    assert status == 200, (name, state)
    for html in html_values(state):
        assert not dangerous_markup(html), (name, dangerous_markup(html))
    olx.parse_olx(block.export_olx())  # what Studio's editor gets back is valid OLX


@pytest.mark.parametrize("tag", TAGS)
def test_course_import_refuses_or_tolerates_hostile_olx(db, tag, local_server, marker_file,
                                                        core_inputs):
    from asn_xblocks.core.olx import OlxError

    server, hits = local_server
    documents = {**hostile_documents(tag, server, marker_file), **more_hostile_documents(tag)}
    outcome: dict[tuple[str, str], str] = {}
    for name, document in documents.items():
        for route in ROUTES:
            before = core_inputs["parse_xml"]
            try:
                imported = import_by(route, document, tag)
            except etree.XMLSyntaxError:
                # the runtime's own parser refused the file: the block was never involved
                if route != "import_block":
                    assert core_inputs["parse_xml"] == before, (name, route)
                outcome[(name, route)] = "refused by the XML parser"
                continue
            except OlxError as exc:
                assert exc.text() and "Traceback" not in exc.text(), (name, route)
                outcome[(name, route)] = "refused with an OlxError"
                continue
            check_imported(imported, f"{name} ({route})")
            outcome[(name, route)] = "imported"
    assert len(outcome) == len(documents) * len(ROUTES)
    assert core_inputs["core"] and all(within_olx_limits(node) for node in core_inputs["core"])
    assert hits == [], hits
    # Never imported from the block's own file, whoever parses it. Inline, the platform's
    # parser has already expanded internal entities and dropped the DOCTYPE (the block
    # sees plain, then sanitized, content); external ones it never loads.
    for name in ("external file entity", "external http entity", "parameter entity",
                 "external DTD", "billion laughs", "quadratic blowup", "undeclared entity",
                 "huge attribute", "deep nesting", "20,000 attributes",
                 "internal entity with markup", "internal entity in an attribute",
                 "lone surrogate reference", "lone surrogate"):
        for route in ("own file", "workbench", "import_block"):
            assert outcome[(name, route)] != "imported", (name, route)


@pytest.mark.parametrize("tag", TAGS)
def test_trees_built_in_memory_are_refused_by_parse_xml(db, tag):
    from asn_xblocks.core.olx import OlxError

    for name, node in in_memory_trees(tag).items():
        for importer in (platform_node_import, workbench_node_import):
            with pytest.raises(OlxError) as refused:
                importer(node)
            assert refused.value.text(), name


@pytest.mark.parametrize("tag", TAGS)
def test_comments_instructions_and_namespaces_do_not_change_the_imported_content(db, tag):
    head, rest = split_root(tag)
    plain = platform_node_import(etree.fromstring((head + rest).encode(), platform_parser()))
    expected = plain.block().content["model"]
    for name, document in more_hostile_documents(tag).items():
        if name not in ("comments and PIs everywhere", "namespaced"):
            continue
        for route in ("own file", "inline"):
            imported = import_by(route, document, tag)
            model = imported.block().content["model"]
            assert model == expected, (name, route)
            block = imported.block()
            assert block.display_name == plain.block().display_name
            assert block.max_attempts == plain.block().max_attempts


# --- defects the attack found, fixed: they stay fixed ----------------------------------------

BAD_SETTINGS = [("max_attempts", "abc"), ("max_attempts", "[1, 2]"),
                ("max_attempts", "!!python/name:os.system"), ("weight", "abc"),
                ("weight", "{a: 1}"), ("due", "abc"), ("due", "2026-13-45"),
                ("due", "99999999999999999999999")]


def with_setting(tag: str, name: str, value: str) -> str:
    head, rest = split_root(tag)
    head = head.replace(f" {name}=\"", f" x-{name}=\"")
    return head.replace(f"<{tag}", f'<{tag} {name}="{value}"', 1) + rest


@pytest.mark.parametrize("route", ["own file", "workbench"])
def test_unusable_settings_attributes_are_refused_with_a_clear_error(db, route):
    from asn_xblocks.core.olx import OlxError

    failures = []
    for tag in TAGS:
        for name, value in BAD_SETTINGS:
            try:
                import_by(route, with_setting(tag, name, value), tag)
            except OlxError:
                continue
            except Exception as exc:
                failures.append((tag, name, value, type(exc).__name__))
    assert not failures, failures


@pytest.mark.parametrize("weight", ["nan", "1e400", "1e30"])
def test_a_non_finite_or_huge_weight_is_refused_or_harmless(db, weight):
    from asn_xblocks.core.olx import OlxError
    from tests.integration import case_fixtures

    xml = case_fixtures.case_xml(extra=f'weight="{weight}"')
    try:
        imported = import_by("own file", xml, "asn_case_study")
    except OlxError:
        return
    imported.block("staff").validate()
    site = imported.site
    site.render(imported.usage, "staff", "studio_view", "studio")
    for version, step in enumerate((case_fixtures.STAGE1_BEST, case_fixtures.STAGE2_GOOD)):
        reply = site.lms_handler(imported.usage, "learner", "act",
                                 json.dumps({"version": version, "action": step}).encode())
        assert reply.status == 200, reply.body[:200]


@pytest.mark.parametrize("route", ["own file", "inline", "workbench"])
def test_an_oversize_block_is_refused_on_import(db, route, core_inputs):
    from asn_xblocks.core.olx import OlxError

    for tag in TAGS:
        head, rest = split_root(tag)
        big = "<p>" + "kata " * 700_000 + "</p>"
        document = head + (rest.replace("<intro>", "<intro>" + big, 1) if "<intro>" in rest
                           else f"<intro>{big}</intro>{rest}")
        try:
            import_by(route, document, tag)
        except OlxError:
            continue
        assert all(within_olx_limits(node) for node in core_inputs["core"]), tag

