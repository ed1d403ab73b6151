"""JSON handlers that answer bad input with a clear, translated 4xx and never a 500.

``json_action`` replaces ``XBlock.json_handler`` for every handler of the package: it
refuses non-POST, oversize and malformed bodies and non-object JSON with translated
messages, and turns the core's ``ActionError`` into ``JsonHandlerError``. Helpers below
read typed fields out of the payload the same way everywhere.
"""
from __future__ import annotations

import functools
import json
import logging
from typing import Any

from webob import Response
from xblock.core import XBlock
from xblock.exceptions import JsonHandlerError

from ..core.actions import ActionError
from ..core.i18n import N_

log = logging.getLogger(__name__)

MAX_BODY_BYTES = 256 * 1024


class HandlerError(JsonHandlerError):
    """A JsonHandlerError whose message is translated when it is raised."""


def _error_response(status: int, message: str, **extra: Any) -> Response:
    body = {"error": message, **extra}
    return Response(json.dumps(body), status_code=status, content_type="application/json",
                    charset="utf8")


def json_action(func):
    """Decorate a block method ``func(self, data: dict, suffix)`` as a JSON handler."""

    @XBlock.handler
    @functools.wraps(func)
    def wrapper(self, request, suffix=""):
        _ = self.gettext
        if request.method != "POST":
            response = _error_response(405, _("This action must be sent with POST."))
            response.allow = ["POST"]
            return response
        body = request.body or b""
        if len(body) > MAX_BODY_BYTES:
            return _error_response(413, _("The request is too large."))
        try:
            data = json.loads(body.decode("utf-8"))
        except (ValueError, UnicodeDecodeError, RecursionError):  # too deep nesting too
            return _error_response(400, _("The request is not valid JSON."))
        if not isinstance(data, dict):
            return _error_response(400, _("The request must be a JSON object."))
        try:
            result = func(self, data, suffix)
        except ActionError as exc:
            return _error_response(exc.status, exc.text(_))
        except JsonHandlerError as exc:
            return _error_response(exc.status_code, exc.message)
        if isinstance(result, Response):
            return result
        return Response(json.dumps(result), content_type="application/json", charset="utf8")

    return wrapper


# --- reading the payload ---------------------------------------------------------------

def require_int(data: dict, key: str, minimum: int = 0, maximum: int = 2**31) -> int:
    value = data.get(key)
    if isinstance(value, bool) or not isinstance(value, int) or not minimum <= value <= maximum:
        raise ActionError(400, N_("The field \"{field}\" must be a whole number."), field=key)
    return value


def require_str(data: dict, key: str, max_length: int = 255, allow_empty: bool = False) -> str:
    value = data.get(key)
    if not isinstance(value, str) or (not allow_empty and not value.strip()):
        raise ActionError(400, N_("The field \"{field}\" must be text."), field=key)
    if len(value) > max_length:
        raise ActionError(400, N_("The field \"{field}\" is too long (at most {limit} "
                                  "characters)."), field=key, limit=max_length)
    return value


def require_dict(data: dict, key: str) -> dict:
    value = data.get(key)
    if not isinstance(value, dict):
        raise ActionError(400, N_("The field \"{field}\" must be an object."), field=key)
    return value


def optional_str(data: dict, key: str, max_length: int = 255) -> str | None:
    if data.get(key) is None:
        return None
    return require_str(data, key, max_length, allow_empty=True)
