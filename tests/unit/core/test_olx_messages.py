"""The XML parser's complaints as the author reads them: a translatable sentence with the
line and column (the common libxml2 errors said again in our words; anything else quoted
inside a translated sentence), and content problems placed on the line of their element."""
from __future__ import annotations

import pytest
from lxml import etree

from asn_xblocks.core import olx
from asn_xblocks.core.problems import error, warning
from asn_xblocks.shell.studio import LocatedProblem, located


def message_of(source: str) -> olx.OlxError:
    with pytest.raises(olx.OlxError) as caught:
        olx.parse_olx(source)
    return caught.value


@pytest.mark.parametrize("source, expected", [
    ("<a>\n  <b></c></a>", "Line 2, column 10: the element <b> opened on line 2 is closed with </c>."),
    ('<a x=1/>', "Line 1, column 6: an attribute value must be in quotes."),
    ("<a", 'Line 1, column 3: a tag is not finished (">" is missing).'),
    ('<a x="1" x="2"/>', 'Line 1, column 15: the attribute "x" is written twice on the same element.'),
    ('<a>\n <b c="<"/></a>', 'Line 2, column 8: "<" is not allowed in an attribute value; write "&lt;" instead.'),
    ("<a></a><b/>", "Line 1, column 8: there is more text after the root element has ended; "
                    "the OLX must have exactly one root element."),
    ("<a>\n<b>", "Line 2, column 4: the OLX ends before the element <b> opened on line 2 is closed."),
    ("<a x/>", 'Line 1, column 5: the attribute "x" has no value.'),
    ("<a>fish & chips</a>", 'Line 1, column 10: "&" starts a character reference; '
                            'write "&amp;" for the character itself.'),
    ("<a>1 < 2</a>", 'Line 1, column 7: "<" must start an element name; write "&lt;" for the character itself.'),
    ("", "The OLX is empty: write the block's root element."),
])
def test_common_syntax_errors_are_our_sentences_with_line_and_column(source, expected):
    exc = message_of(source)
    assert exc.text() == expected
    assert exc.message != exc.text() or not source  # a template: translated, then filled


def test_other_parser_messages_are_wrapped_in_a_translated_sentence_with_the_place():
    exc = message_of('<a b="1"c="2"/>')
    assert exc.message.startswith("The OLX is not well-formed XML at line {line}, column {column}.")
    assert exc.params["line"] == 1 and exc.params["column"] == 9
    assert exc.params["detail"] == "attributes construct error"  # no ", line 1, column 9" twice
    translated = exc.text(lambda m: "Baris {line}, kolom {column}: XML tidak valid. Pengurai XML: {detail}"
                          if m == exc.message else m)
    assert translated == "Baris 1, kolom 9: XML tidak valid. Pengurai XML: attributes construct error"


def test_sentences_are_translated_through_gettext():
    exc = message_of("<a>\n  <b></c></a>")
    catalogue = {exc.message: "Baris {line}, kolom {column}: elemen <{tag}> yang dibuka di baris "
                              "{opened} ditutup dengan </{closing}>."}
    assert exc.text(lambda m: catalogue.get(m, m)) == \
        "Baris 2, kolom 10: elemen <b> yang dibuka di baris 2 ditutup dengan </c>."


def test_named_entities_keep_their_advice():
    assert message_of("<a>&nbsp;</a>").text() == 'The entity "&nbsp;" does not exist in XML: write "&#160;" instead.'


def test_syntax_place_is_line_and_column():
    with pytest.raises(etree.XMLSyntaxError) as caught:
        etree.fromstring(b"<a>\n\n  <b></a>")
    assert olx.syntax_place(caught.value) == (3, 10)


SOURCE = """<asn_x>
  <stage id="s1">
    <question id="q1"/>
  </stage>
  <stage id="s2">
    <question id="q1"/>
  </stage>
</asn_x>"""


def test_content_problems_carry_the_line_of_the_element_with_their_id():
    root = olx.parse_olx(SOURCE)
    problems = located([
        error("x-empty", "Stage {id} is empty.", "s2", id="s2"),
        warning("x-general", "No competencies."),
        error("duplicate-id", 'The id "{id}" is used more than once.', "q1", id="q1"),
        error("x-missing", "Nothing with id {id}.", "nowhere", id="nowhere"),
    ], root)
    assert [getattr(p, "line", None) for p in problems] == [5, None, 6, None]
    first = problems[0]
    assert isinstance(first, LocatedProblem) and first.is_error
    as_json = first.to_dict(lambda m: m)
    assert as_json == {"severity": "error", "code": "x-empty", "message": "Stage s2 is empty.",
                       "item_id": "s2", "line": 5}
    assert "line" not in problems[1].to_dict()
