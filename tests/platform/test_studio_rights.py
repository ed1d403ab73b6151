"""Authoring rights as Open edX decides them: Studio's ``component_handler`` and
``preview_handler`` let any logged-in user reach the block, with a user service that has no
staff flag, so only the ``studio_user_permissions`` service may grant reading or changing
the content (runtimes.py names the platform files read). In the LMS (no such service)
only course staff may.

People: "staff" has Studio write access and is course staff; "reader" has Studio read
access only; "learner" has no rights anywhere.
"""
from __future__ import annotations

import json

import pytest

from tests.hardening import payloads as hardening_payloads

from .conftest import TAGS, demo_xml

READ_HANDLERS = ("studio_check", "studio_check_form", "studio_to_olx", "studio_from_olx",
                 "studio_preview", "studio_preview_act", "studio_check_field", "studio_tool")
WRITE_HANDLERS = ("studio_save", "studio_save_form")
STUDIO_RUNTIMES = ("studio", "preview")


def payloads(site, usage) -> dict[str, dict]:
    """A valid request for each studio_* handler, built from the block's own content."""
    block = site.studio_block(usage, "staff")
    olx = block.export_olx()
    content = block.core.to_dict(block.content_model)
    form = {"content": content, "settings": {"display_name": "Renamed by the author"}}
    preview = site.studio_handler(usage, "staff", "studio_preview", json.dumps(form).encode()).json()
    step = hardening_payloads.next_action(usage.block_type, preview["payload"])
    return {
        "studio_preview_act": {**form, "attempt": preview["attempt"], "action": step},
        "studio_check": {"olx": olx}, "studio_save": {"olx": olx, "display_name": "Saved"},
        "studio_from_olx": {"olx": olx}, "studio_check_form": form, "studio_save_form": form,
        "studio_to_olx": form, "studio_preview": form,
        "studio_check_field": {"kind": "condition", "value": "", "names": []},
        "studio_tool": {"tool": "paths", **form},
    }


def send(site, usage, where: str, username: str, handler: str, payload: dict):
    call = site.studio_handler if where == "studio" else site.preview_handler
    return call(usage, username, handler, json.dumps(payload).encode())


def secrets_of(xml: str) -> list[str]:
    """Strings of the content a learner must not learn: option and choice texts, ids
    marked as correct, the OLX itself."""
    from lxml import etree

    root = etree.fromstring(xml.encode())
    texts = [t.strip() for t in root.itertext() if len(t.strip()) > 25]
    return texts[:40] + ['score="', "<asn_"]


def test_the_handlers_checked_here_are_every_studio_handler(site):
    usage = site.import_block(demo_xml("asn_case_study"))
    cls = type(site.studio_block(usage, "staff"))
    handlers = {name for name in dir(cls)
                if name.startswith("studio_") and getattr(getattr(cls, name), "_is_xblock_handler", False)}
    assert handlers == set(READ_HANDLERS + WRITE_HANDLERS)


@pytest.mark.parametrize("where", STUDIO_RUNTIMES)
@pytest.mark.parametrize("tag", TAGS)
def test_an_author_with_write_access_is_never_refused(site, tag, where):
    usage = site.import_block(demo_xml(tag))
    requests = payloads(site, usage)
    for handler in READ_HANDLERS + WRITE_HANDLERS:
        if handler == "studio_tool" and tag != "asn_change_simulation":
            continue
        reply = send(site, usage, where, "staff", handler, requests[handler])
        assert reply.status == 200, (handler, reply.status, reply.body[:300])
    if where == "studio":  # component_handler then saves the block (update_item)
        assert site.studio_block(usage, "staff").display_name == "Renamed by the author"


@pytest.mark.parametrize("where", STUDIO_RUNTIMES)
@pytest.mark.parametrize("tag", TAGS)
def test_a_user_without_rights_gets_403_from_every_handler_and_learns_nothing(site, tag, where):
    xml = demo_xml(tag)
    usage = site.import_block(xml)
    requests = payloads(site, usage)
    before = site.content_snapshot()
    secrets = secrets_of(xml)
    for handler in READ_HANDLERS + WRITE_HANDLERS:
        for payload in (requests[handler], {}, {"olx": "<x/>"}):
            reply = send(site, usage, where, "learner", handler, payload)
            assert reply.status == 403, (handler, reply.status)
            answer = reply.json()
            assert answer["error"] == "You do not have permission to see this block's content." \
                or answer["error"] == "You do not have permission to change this block's content."
            own_text = json.dumps(payload)
            for secret in secrets:
                if secret not in own_text:
                    assert secret not in reply.body.decode(), (handler, secret)
    assert site.content_snapshot() == before


@pytest.mark.parametrize("where", STUDIO_RUNTIMES)
def test_read_access_shows_content_but_cannot_save(site, where):
    usage = site.import_block(demo_xml("asn_digital_service"))
    requests = payloads(site, usage)
    before = site.content_snapshot()
    for handler in ("studio_check", "studio_to_olx", "studio_check_form"):
        assert send(site, usage, where, "reader", handler, requests[handler]).status == 200
    for handler in WRITE_HANDLERS:
        reply = send(site, usage, where, "reader", handler, requests[handler])
        assert reply.status == 403
        assert reply.json()["error"] == "You do not have permission to change this block's content."
    assert site.content_snapshot() == before


def test_the_permissions_service_is_asked_for_the_course_key(site):
    from .runtimes import COURSE_KEY

    usage = site.import_block(demo_xml("asn_case_study"))
    block = site.studio_block(usage, "staff")
    block.require_write_content()
    service = block.runtime.service(block, "studio_user_permissions")
    assert service.asked == [("write", COURSE_KEY)]  # the opaque key, not a string


@pytest.mark.parametrize("tag", TAGS)
def test_in_the_lms_only_course_staff_may_use_the_editor(site, tag):
    """No permissions service in the LMS: course staff only (and the LMS's xblock_view
    endpoint can render any view for an enrolled learner)."""
    xml = demo_xml(tag)
    usage = site.import_block(xml)
    requests = payloads(site, usage)
    assert site.lms_handler(usage, "staff", "studio_check",
                            json.dumps(requests["studio_check"]).encode()).status == 200
    assert site.lms_handler(usage, "learner", "studio_check",
                            json.dumps(requests["studio_check"]).encode()).status == 403
    for view in ("studio_view", "author_view"):
        page = site.render(usage, "learner", view, "lms")
        assert "You do not have permission to see this block" in page
        for secret in secrets_of(xml):
            assert secret not in page, (view, secret)
        assert "asn-init" in site.render(usage, "staff", view, "lms")


@pytest.mark.parametrize("where", STUDIO_RUNTIMES)
@pytest.mark.parametrize("tag", TAGS)
def test_editor_and_summary_views_need_read_rights(site, tag, where):
    xml = demo_xml(tag)
    usage = site.import_block(xml)
    for view in ("studio_view", "author_view"):
        page = site.render(usage, "learner", view, where)
        assert "You do not have permission to see this block" in page
        for secret in secrets_of(xml):
            assert secret not in page, (view, secret)
        for person in ("staff", "reader"):
            page = site.render(usage, person, view, where)
            assert "asn-init" in page and "You do not have permission" not in page
    editor = site.render(usage, "staff", "studio_view", where)
    assert "&lt;" + tag in editor or "\\u003c" + tag in editor  # the OLX source is in the payload
