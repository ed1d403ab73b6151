"""Errors a learner or staff action can end in, raised by the pure engines.

The XBlock shell turns an ``ActionError`` into an HTTP answer (``JsonHandlerError``) with
the translated message; the engine never changes state before raising one.
"""
from __future__ import annotations

from typing import Any

BAD_REQUEST = 400
FORBIDDEN = 403
CONFLICT = 409


class ActionError(Exception):
    def __init__(self, status: int, message: str, **params: Any):
        super().__init__(message)
        self.status = status
        self.message = message  # English template, marked with N_ where raised
        self.params = params

    def text(self, gettext=None) -> str:
        template = gettext(self.message) if gettext else self.message
        try:
            return template.format(**self.params)
        except (KeyError, IndexError, ValueError):
            return template


def bad_request(message: str, **params: Any) -> ActionError:
    return ActionError(BAD_REQUEST, message, **params)


def conflict(message: str, **params: Any) -> ActionError:
    return ActionError(CONFLICT, message, **params)
