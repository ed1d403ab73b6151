"""Hostile OLX is refused with a clear error and fetches or executes nothing."""
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest

from asn_xblocks.core import olx


def test_named_html_entity_is_reported_by_name():
    with pytest.raises(olx.OlxError) as err:
        olx.parse_olx("<a>&nbsp;</a>")
    assert "&nbsp;" in str(err.value) and "&#160;" in str(err.value)
    with pytest.raises(olx.OlxError) as err:
        olx.parse_olx("<a>&eacute;</a>")
    assert "&eacute;" in str(err.value)


@pytest.mark.parametrize("xml", [
    '<?xml version="1.0"?><!DOCTYPE a [<!ENTITY x "y">]><a>&x;</a>',
    '<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]><a>&lol2;</a>',
    '<!DOCTYPE a SYSTEM "http://127.0.0.1:1/evil.dtd"><a/>',
    '<!doctype a><a/>',
    '<!ENTITY x SYSTEM "file:///etc/passwd"><a/>',
])
def test_dtds_and_entities_are_refused(xml):
    with pytest.raises(olx.OlxError) as err:
        olx.parse_olx(xml)
    assert "DOCTYPE" in str(err.value)


def test_external_entity_is_never_fetched():
    hits = []

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):
            hits.append(self.path)
            self.send_response(200)
            self.end_headers()
            self.wfile.write(b'<!ENTITY x "pwned">')

        def log_message(self, *args):
            pass

    server = HTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.handle_request, daemon=True)
    thread.start()
    url = f"http://127.0.0.1:{server.server_port}/x.dtd"
    for xml in (f'<!DOCTYPE a SYSTEM "{url}"><a>&x;</a>',
                f'<!DOCTYPE a [<!ENTITY x SYSTEM "{url}">]><a>&x;</a>',
                f'<a xmlns:xi="http://www.w3.org/2001/XInclude"><xi:include href="{url}"/></a>'):
        try:
            root = olx.parse_olx(xml)
        except olx.OlxError:
            continue
        assert "pwned" not in olx.to_string(root)
    server.server_close()
    assert hits == []


def test_oversize_is_refused():
    with pytest.raises(olx.OlxError) as err:
        olx.parse_olx("<a>" + "x" * (olx.MAX_OLX_BYTES + 1) + "</a>")
    assert "too large" in str(err.value)


def test_deep_nesting_is_refused():
    depth = olx.MAX_DEPTH + 5
    with pytest.raises(olx.OlxError) as err:
        olx.parse_olx("<a>" * depth + "</a>" * depth)
    assert "nested too deeply" in str(err.value)


def test_huge_attribute_is_refused():
    with pytest.raises(olx.OlxError):
        olx.parse_olx('<a title="' + "x" * (olx.MAX_ATTRIBUTE_CHARS + 1) + '"/>')


def test_malformed_xml_names_the_line():
    with pytest.raises(olx.OlxError) as err:
        olx.parse_olx("<a>\n<b></a>")
    assert "line" in str(err.value)


def test_html_children_are_sanitized_and_round_trip():
    root = olx.parse_olx(
        '<a><intro>lead <p onclick="x()">Hi <b>x</b> &lt; Rp500&#160;</p><script>alert(1)</script>'
        '<a href="javascript:alert(1)">bad</a><a href="https://example.org">ok</a>'
        '<img src="x" onerror="alert(1)"/><iframe src="https://evil"/></intro></a>')
    html = olx.child_html(root, "intro")
    assert "script" not in html and "onclick" not in html and "onerror" not in html
    assert "javascript:" not in html and "iframe" not in html
    assert 'href="https://example.org"' in html and "&lt; Rp500" in html
    exported = olx.html_element("intro", html)
    wrapper = olx.etree.Element("a")
    wrapper.append(exported)
    again = olx.child_html(olx.parse_olx(olx.to_string(wrapper)), "intro")
    assert again == html


def test_processing_instructions_and_comments_are_dropped():
    root = olx.parse_olx("<a><?php evil() ?><!-- secret --><intro>x</intro></a>")
    assert "php" not in olx.to_string(root) and "secret" not in olx.to_string(root)


def test_attribute_helpers_are_tolerant():
    root = olx.parse_olx('<a n="2" f="1.5" bad="x" inf="inf" nan="nan" t="true" e=""/>')
    assert olx.attr_int(root, "n") == 2
    assert olx.attr_int(root, "f") is None
    assert olx.attr_float(root, "f") == 1.5
    assert olx.attr_float(root, "bad", 7.0) == 7.0
    assert olx.attr_float(root, "inf") is None and olx.attr_float(root, "nan") is None
    assert olx.attr_bool(root, "t", False) is True and olx.attr_bool(root, "missing", True) is True
    assert olx.attr_float(root, "e", 3.0) == 3.0
