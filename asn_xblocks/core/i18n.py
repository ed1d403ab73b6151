"""Marking strings for translation in code that may not import Django.

The pure core cannot call the runtime's i18n service, so it marks its user-facing
messages with ``N_`` (gettext_noop): ``make extract_translations`` picks them up, and the
XBlock shell translates them when it turns a core message into text for a person.
"""
from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any


def N_(message: str) -> str:
    """Return ``message`` unchanged; marks it for extraction."""
    return message


def render(message: str, params: Mapping[str, Any], gettext: Callable[[str], str] | None = None) -> str:
    """An N_-marked template translated with ``gettext`` (when given) and filled with
    ``params``; a translation whose placeholders do not match gives the template unfilled
    rather than an error in front of a person."""
    template = gettext(message) if gettext else message
    try:
        return template.format(**params)
    except (KeyError, IndexError, ValueError):
        return template


class TranslatableError(Exception):
    """An error whose text a person reads: an N_-marked English template and its params,
    translated where the text is made (``text(gettext)``), never where it is raised."""

    def __init__(self, message: str, **params: Any):
        self.message = message
        self.params = params
        super().__init__(render(message, params))

    def text(self, gettext: Callable[[str], str] | None = None) -> str:
        return render(self.message, self.params, gettext)
