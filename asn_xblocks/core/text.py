"""Text rules shared by every block: word counting, size limits, author HTML as plain text."""
from __future__ import annotations

import functools

from lxml import etree
from lxml import html as lxml_html

# Oversize text is refused whatever the word limits say: one reflection or note may not
# be larger than this many characters (about 10 pages of prose).
MAX_TEXT_CHARS = 20_000


def count_words(text: str) -> int:
    """Words counted by whitespace, the one rule the server and the browser's live count
    both apply, so the count a learner sees is the count that is checked."""
    return len(text.split())


# elements whose text reads as a separate word or line: "<p>a</p><p>b</p>" is "a b"
_BLOCK_TAGS = frozenset({"p", "div", "li", "br", "h3", "h4", "h5", "h6", "tr", "td", "th",
                         "blockquote", "pre", "dt", "dd", "figcaption", "caption"})


@functools.lru_cache(maxsize=4096)
def html_to_text(html: str) -> str:
    """Plain text of (sanitized) author HTML, for reports, CSV and analytics labels, where
    markup means nothing: tags dropped, blocks separated by a space, whitespace collapsed.
    Memoized: a report asks for the same few texts once per learner."""
    if not html or not html.strip():
        return ""
    try:
        fragment = lxml_html.fragment_fromstring(html, create_parent="div")
    except (etree.ParserError, ValueError):
        return " ".join(html.split())
    for element in fragment.iter():
        if isinstance(element.tag, str) and element.tag in _BLOCK_TAGS:
            element.tail = " " + (element.tail or "")
    return " ".join(fragment.text_content().split())


def clip(text: str, limit: int = 60) -> str:
    """``text`` on one line (whitespace collapsed), cut to ``limit`` characters with an
    ellipsis: labels in charts and maps, ids a learner sent echoed in a message."""
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[:limit - 1].rstrip() + "…"
