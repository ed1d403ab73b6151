"""Hardened OLX reading and writing shared by every block.

OLX comes from course imports and from the Studio editor, so it is untrusted: no DTDs,
no entity expansion, no network, bounded size and depth. Named HTML entities (``&nbsp;``)
do not exist in XML; the error names the entity and the numeric reference to write.

HTML-bearing elements hold XHTML children. On import their inner markup is sanitized once
and kept as an HTML string; on export the string is written back as XHTML children, so
import(export(import(x))) == import(x).
"""
from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from typing import overload

from lxml import etree
from lxml import html as lxml_html

from .i18n import N_, TranslatableError
from .sanitize import sanitize_html

MAX_OLX_BYTES = 2 * 1024 * 1024
MAX_DEPTH = 48
MAX_ATTRIBUTE_CHARS = 10_000
# Attributes per element: reading an element's attribute values costs time quadratic in
# their number in lxml (20,000 attributes took seconds); no element of the contract has
# more than a dozen.
MAX_ATTRIBUTES = 64

_DOCTYPE = re.compile(rb"<!\s*(DOCTYPE|ENTITY)", re.IGNORECASE)
_UNDEFINED_ENTITY = re.compile(r"Entity '([^']+)' not defined")
_NAMED_TO_NUMERIC = {"nbsp": 160, "ndash": 8211, "mdash": 8212, "hellip": 8230,
                     "laquo": 171, "raquo": 187, "copy": 169, "reg": 174, "rsquo": 8217,
                     "lsquo": 8216, "rdquo": 8221, "ldquo": 8220, "times": 215, "middot": 183}


class OlxError(TranslatableError, ValueError):
    """Unparsable or hostile OLX. ``message``/``params`` form a translatable text."""


def _parser() -> etree.XMLParser:
    return etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, dtd_validation=False,
        huge_tree=False, remove_comments=True, remove_pis=True, strip_cdata=False,
    )


def parse_olx(source: str | bytes) -> etree._Element:
    """Parse untrusted OLX text into an element, refusing anything hostile."""
    try:
        data = source.encode("utf-8") if isinstance(source, str) else bytes(source)
    except UnicodeEncodeError:  # a lone surrogate (handlers replace them before this)
        raise OlxError(N_("The OLX contains a character that is not valid Unicode (half of a "
                          "surrogate pair).")) from None
    if len(data) > MAX_OLX_BYTES:
        raise OlxError(N_("The OLX is too large ({size} bytes; the limit is {limit})."),
                       size=len(data), limit=MAX_OLX_BYTES)
    if _DOCTYPE.search(data):
        raise OlxError(N_("DOCTYPE and ENTITY declarations are not allowed in OLX."))
    try:
        root = etree.fromstring(data, _parser())
    except etree.XMLSyntaxError as exc:
        raise _syntax_error(exc) from None
    check_element(root)
    return root


# libxml2's own messages are English; the common ones are said again here as translatable
# sentences with the line and column. Anything else is wrapped in a translated sentence that
# still gives the place, with the parser's words quoted after it.
_TAG_MISMATCH = re.compile(r"mismatch: (\S+) line (\d+) and (\S+?),")
_PREMATURE_END = re.compile(r"Premature end of data in tag (\S+) line (\d+)")
_REDEFINED = re.compile(r"Attribute (\S+) redefined")
_NO_VALUE = re.compile(r"Specification mandates value for attribute (\S+?),")
_PLACE_SUFFIX = re.compile(r",\s*line \d+, column \d+\s*$")
_SYNTAX_MESSAGES = {  # libxml2 error code → (pattern for names in its message, our sentence)
    4: (None, N_("The OLX is empty: write the block's root element.")),
    5: (None, N_("Line {line}, column {column}: there is more text after the root element "
                 "has ended; the OLX must have exactly one root element.")),
    23: (None, N_("Line {line}, column {column}: \"&\" starts a character reference; write "
                  "\"&amp;\" for the character itself.")),
    38: (None, N_("Line {line}, column {column}: \"<\" is not allowed in an attribute value; "
                  "write \"&lt;\" instead.")),
    39: (None, N_("Line {line}, column {column}: an attribute value must be in quotes.")),
    41: (_NO_VALUE, N_("Line {line}, column {column}: the attribute \"{name}\" has no value.")),
    42: (_REDEFINED, N_("Line {line}, column {column}: the attribute \"{name}\" is written "
                        "twice on the same element.")),
    68: (None, N_("Line {line}, column {column}: \"<\" must start an element name; write "
                  "\"&lt;\" for the character itself.")),
    73: (None, N_("Line {line}, column {column}: a tag is not finished (\">\" is missing).")),
    76: (_TAG_MISMATCH, N_("Line {line}, column {column}: the element <{tag}> opened on line "
                           "{opened} is closed with </{closing}>.")),
    77: (_PREMATURE_END, N_("Line {line}, column {column}: the OLX ends before the element "
                            "<{tag}> opened on line {opened} is closed.")),
}
_MATCH_NAMES = {_TAG_MISMATCH: ("tag", "opened", "closing"), _PREMATURE_END: ("tag", "opened"),
                _REDEFINED: ("name",), _NO_VALUE: ("name",)}


def syntax_place(exc: etree.XMLSyntaxError) -> tuple[int, int]:
    """(line, column) of a syntax error, 1-based; 0 where lxml does not know."""
    position = getattr(exc, "position", None) or (getattr(exc, "lineno", None) or 0, 0)
    line, column = position
    return int(line or 0), int(column or 0)


def _syntax_error(exc: etree.XMLSyntaxError) -> OlxError:
    detail = str(exc.msg if getattr(exc, "msg", None) else exc)
    match = _UNDEFINED_ENTITY.search(detail)
    if match:
        name = match.group(1)
        code = _NAMED_TO_NUMERIC.get(name)
        if code:
            return OlxError(N_("The entity \"&{name};\" does not exist in XML: write \"&#{code};\" "
                               "instead."), name=name, code=code)
        return OlxError(N_("The entity \"&{name};\" does not exist in XML: use a numeric "
                           "character reference instead."), name=name)
    line, column = syntax_place(exc)
    code = getattr(exc, "code", None)
    known = _SYNTAX_MESSAGES.get(code) if code is not None else None
    if known and code == 68 and "EntityRef" in detail:
        known = _SYNTAX_MESSAGES[23]  # a lone "&" (libxml2 files it under "name required")
    if known:
        pattern, message = known
        names = pattern.search(detail) if pattern else None
        if pattern is None or names:
            params = dict(zip(_MATCH_NAMES.get(pattern, ()) if pattern else (),
                              names.groups() if names else ()))
            return OlxError(message, line=line, column=column, **params)
    return OlxError(N_("The OLX is not well-formed XML at line {line}, column {column}. The XML "
                       "parser says (in English): {detail}"),
                    line=line, column=column, detail=_PLACE_SUFFIX.sub("", detail).strip())


def check_element(root: etree._Element) -> None:
    """Depth, attribute-count and attribute-size limits, also applied to elements the
    runtime parsed for us. The attribute count is checked before any value is read (lxml
    reads values in time quadratic in their number)."""
    if root.getroottree().docinfo.doctype:
        raise OlxError(N_("DOCTYPE and ENTITY declarations are not allowed in OLX."))
    stack = [(root, 1)]
    while stack:
        element, depth = stack.pop()
        if depth > MAX_DEPTH:
            raise OlxError(N_("The OLX is nested too deeply (more than {limit} levels)."),
                           limit=MAX_DEPTH)
        if isinstance(element.tag, str):
            if len(element.attrib) > MAX_ATTRIBUTES:
                raise OlxError(N_("An element has too many attributes (more than {limit})."),
                               limit=MAX_ATTRIBUTES)
            for value in element.attrib.values():
                if len(value) > MAX_ATTRIBUTE_CHARS:
                    raise OlxError(N_("An attribute value is too long (more than {limit} "
                                      "characters)."), limit=MAX_ATTRIBUTE_CHARS)
        elif element.tag is etree.Entity:
            raise OlxError(N_("Entity references are not allowed in OLX."))
        stack.extend((child, depth + 1) for child in element)


# --- reading helpers -------------------------------------------------------------------

def children(element: etree._Element, tag: str) -> list[etree._Element]:
    return [child for child in element if child.tag == tag]


def child(element: etree._Element, tag: str) -> etree._Element | None:
    for item in element:
        if item.tag == tag:
            return item
    return None


def inner_html(element: etree._Element | None) -> str:
    """The sanitized HTML inside an element (its text and XHTML children)."""
    if element is None:
        return ""
    parts = [element.text or ""]
    for item in element:
        if isinstance(item.tag, str):
            # HTML serialization: a self-closed <iframe/> or <script/> in XHTML must not
            # swallow the rest of the field when the HTML sanitizer parses it.
            parts.append(etree.tostring(item, encoding="unicode", method="html", with_tail=True))
        else:
            parts.append(item.tail or "")
    return sanitize_html("".join(parts))


def child_html(element: etree._Element, tag: str) -> str:
    return inner_html(child(element, tag))


def plain_text(element: etree._Element | None) -> str:
    """Text content with tags dropped and whitespace collapsed (labels, titles)."""
    if element is None:
        return ""
    return " ".join("".join(element.itertext()).split())


def attr_str(element: etree._Element, name: str, default: str = "") -> str:
    return (element.get(name) or default).strip()


@overload
def attr_float(element: etree._Element, name: str, default: float) -> float: ...
@overload
def attr_float(element: etree._Element, name: str, default: None = None) -> float | None: ...


def attr_float(element: etree._Element, name: str, default: float | None = None) -> float | None:
    """Numbers kept as given; an unparsable number becomes ``default`` (validate() says so)."""
    raw = element.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        value = float(raw)
    except ValueError:
        return default
    if value != value or value in (float("inf"), float("-inf")):  # NaN, inf
        return default
    return value


@overload
def attr_int(element: etree._Element, name: str, default: int) -> int: ...
@overload
def attr_int(element: etree._Element, name: str, default: None = None) -> int | None: ...


def attr_int(element: etree._Element, name: str, default: int | None = None) -> int | None:
    value = attr_float(element, name, None)
    if value is None or value != int(value):
        return default
    return int(value)


def attr_bool(element: etree._Element, name: str, default: bool) -> bool:
    raw = element.get(name)
    if raw is None:
        return default
    return raw.strip().lower() in ("true", "1", "yes")


# --- writing helpers -------------------------------------------------------------------

def html_element(tag: str, html: str, **attrs: str) -> etree._Element:
    """An element whose children are the XHTML form of ``html`` (already sanitized)."""
    element = etree.Element(tag, **{k: v for k, v in attrs.items() if v is not None})
    if not html:
        return element
    fragments = lxml_html.fragments_fromstring(html)
    last = None
    for fragment in fragments:
        if isinstance(fragment, str):
            if last is None:
                element.text = (element.text or "") + fragment
            else:
                last.tail = (last.tail or "") + fragment
            continue
        xml = etree.fromstring(etree.tostring(fragment, method="xml", encoding="unicode",
                                              with_tail=False),
                               _parser())
        xml.tail = fragment.tail
        element.append(xml)
        last = xml
    return element


def sub_html(parent: etree._Element, tag: str, html: str, always: bool = False) -> None:
    if html or always:
        parent.append(html_element(tag, html))


def set_attrs(element: etree._Element, pairs: Iterable[tuple[str, object]]) -> None:
    """Set attributes whose value is not None; numbers written without a trailing .0."""
    for name, value in pairs:
        if value is None:
            continue
        element.set(name, format_attr(value))


def format_attr(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value == int(value):
        return str(int(value))
    return str(value)


# Elements whose content is author HTML: never re-indented, or export would not be lossless.
HTML_TAGS = frozenset({"intro", "narrative", "content", "prompt", "feedback", "debrief",
                       "model_answer", "reference", "text", "note", "ending", "level"})


def to_string(element: etree._Element) -> str:
    """Readable OLX: structure indented two spaces, HTML content left exactly as it is."""
    _indent(element, 0)
    return etree.tostring(element, encoding="unicode") + "\n"


def _indent(element: etree._Element, level: int) -> None:
    if element.tag in HTML_TAGS or len(element) == 0:
        return
    inner = "\n" + "  " * (level + 1)
    if not (element.text or "").strip():
        element.text = inner
    for item in element:
        _indent(item, level + 1)
        if not (item.tail or "").strip():
            item.tail = inner
    element[-1].tail = "\n" + "  " * level


def each(elements: Iterable[etree._Element], make: Callable[[etree._Element], object]) -> list:
    return [make(item) for item in elements]
