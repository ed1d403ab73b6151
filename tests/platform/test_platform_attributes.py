"""The blocks among the platform's mixins: no attribute of XBlock, XModuleMixin,
LmsBlockMixin or InheritanceMixin redefined (keys_and_mixins.py names the files read), the
opaque keys the platform's own code reads, course import and export, Studio search, and
``student_view_data`` as the StudentViewTransformer collects it."""
from __future__ import annotations

import pytest
from lxml import etree
from opaque_keys.edx.locator import BlockUsageLocator
from xblock.core import XBlock

from .conftest import TAGS, demo_xml
from .keys_and_mixins import COURSE_KEY, PLATFORM_NAMES, usage_key_for


def block_class(tag: str):
    return XBlock.load_class(tag)


@pytest.mark.parametrize("tag", TAGS)
def test_no_platform_attribute_is_redefined(tag):
    """Mixins come after the block class in the MRO: a block attribute of the same name
    would hide the platform's. Only the names XBlock's scoring contract asks a block to
    define (``has_score``) and the settings the block owns on purpose may appear."""
    cls = block_class(tag)
    own = set()
    for klass in cls.__mro__:
        if klass.__module__.startswith("asn_xblocks"):
            own |= set(vars(klass))
    allowed = {"has_score", "max_attempts", "show_correctness", "due", "graceperiod"}
    clashes = (own & PLATFORM_NAMES) - allowed
    assert not clashes, f"{cls.__name__} redefines the platform's {sorted(clashes)}"


@pytest.mark.parametrize("tag", TAGS)
def test_the_platform_keys_and_location_setter_work(site, tag):
    usage = site.import_block(demo_xml(tag), url_name="kasus_satu")
    block = site.lms_block(usage, "learner")
    assert isinstance(block.usage_key, BlockUsageLocator)  # XBlock's own, the opaque key
    assert block.usage_key.block_id == "kasus_satu" and block.usage_key.context_key == COURSE_KEY
    assert block.url_name == "kasus_satu" and block.course_id == COURSE_KEY
    moved = usage_key_for(tag, "kasus_dua")
    block.location = moved  # course import and duplication assign it
    assert block.scope_ids.usage_id == moved and block.url_name == "kasus_dua"
    assert block.usage_id_str == str(moved) and block.course_id_str == str(COURSE_KEY)


@pytest.mark.parametrize("tag", TAGS)
def test_course_export_and_import_round_trip_with_url_name(site, tag):
    """The exporter names each child by ``block.url_name`` and lets the block write its
    own XML (add_xml_to_node); import parses it back with ``parse_xml``."""
    usage = site.import_block(demo_xml(tag), url_name="ekspor")
    block = site.studio_block(usage, "staff")
    node = etree.Element("vertical")
    child = etree.SubElement(node, block.category)
    child.set("url_name", block.url_name)
    block.add_xml_to_node(child)
    assert child.get("url_name") == "ekspor" and child.tag == tag
    again = site.import_block(etree.tostring(child, encoding="unicode"), url_name="ekspor2")
    twin = site.studio_block(again, "staff")
    assert twin.core.to_dict(twin.content_model) == block.core.to_dict(block.content_model)


def test_the_simulations_start_node_is_not_the_platforms_release_date(site):
    """InheritanceMixin's ``start`` (a Date setting) and the simulation's ``start`` node
    share a name: import must read it as content."""
    usage = site.import_block(demo_xml("asn_change_simulation"))
    block = site.lms_block(usage, "learner")
    assert block.start is None  # the inherited release date stays unset
    assert block.content_model.start  # the first node


@pytest.mark.parametrize("tag", TAGS)
def test_studio_search_document_fields(site, tag):
    """What openedx/core/djangoapps/content/search/documents.py reads of a block."""
    usage = site.import_block(demo_xml(tag), url_name="cari")
    block = site.studio_block(usage, "staff")
    document = {"block_id": block.usage_key.block_id, "context_key": str(block.usage_key.context_key),
                "org": block.usage_key.context_key.org, "type": block.scope_ids.block_type,
                "display_name": block.display_name}
    assert document["block_id"] == "cari" and document["org"] == "ASN"
    assert document["display_name"]


@pytest.mark.parametrize("tag", TAGS)
def test_student_view_data_as_the_student_view_transformer_collects_it(site, tag):
    """Collected once per course publish, on a block with no learner, with no context;
    ``multi_device`` support is read from ``student_view``."""
    usage = site.import_block(demo_xml(tag))
    block = site.studio_block(usage, "nobody")
    assert block.has_support(type(block).student_view, "multi_device")
    data = block.student_view_data()
    assert data["intro_html"].strip().startswith("<")  # every block's intro, not only one
    assert data["display_name"]
    text = str(data)
    for secret in ('score="', "expected", "correct"):
        assert secret not in text
