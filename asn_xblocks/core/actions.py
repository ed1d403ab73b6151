"""Errors a learner or staff action can end in, raised by the pure engines.

The XBlock shell turns an ``ActionError`` into an HTTP answer (``JsonHandlerError``) with
the translated message; the engine never changes state before raising one.
"""
from __future__ import annotations

from typing import Any

from .i18n import TranslatableError

BAD_REQUEST = 400
FORBIDDEN = 403
CONFLICT = 409


class ActionError(TranslatableError):
    """A learner's or author's request refused: ``status`` 400 (bad input), 403 or 409 (out
    of order), with a translatable message (an N_ template where it is raised)."""

    def __init__(self, status: int, message: str, **params: Any):
        super().__init__(message, **params)
        self.status = status


def bad_request(message: str, **params: Any) -> ActionError:
    return ActionError(BAD_REQUEST, message, **params)


def conflict(message: str, **params: Any) -> ActionError:
    return ActionError(CONFLICT, message, **params)
