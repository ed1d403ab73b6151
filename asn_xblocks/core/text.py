"""Learner text rules shared by every block: word counting and size limits."""
from __future__ import annotations

# Oversize text is refused whatever the word limits say: one reflection or note may not
# be larger than this many characters (about 10 pages of prose).
MAX_TEXT_CHARS = 20_000


def count_words(text: str) -> int:
    """Words counted by whitespace, as PRODUCT.md defines them (and as the JS counts live)."""
    return len(text.split())
