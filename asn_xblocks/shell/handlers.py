"""JSON handlers that answer bad input with a clear, translated 4xx and never a 500.

``json_action`` replaces ``XBlock.json_handler`` for every handler of the package: it
refuses non-POST, oversize and malformed bodies and non-object JSON with translated
messages, and turns the core's ``ActionError`` into ``JsonHandlerError``. Helpers below
read typed fields out of the payload the same way everywhere.

Two rules hold for every handler, here and nowhere else:

* **Lone surrogates are replaced.** ``JSON.stringify`` writes text holding half of a
  surrogate pair (an emoji cut in two) as an escape such as ``"\\ud800"``; Python decodes
  it to a ``str`` that cannot be encoded as UTF-8, so a database write, an SQL filter or an
  OLX parse of it would fail. Every string of the body, object keys included, is read with
  each lone surrogate replaced by U+FFFD (the replacement character): text is stored and
  answered with it, an id holding one is an unknown id like any other. Valid pairs (a
  4-byte emoji) are untouched. Replacing rather than refusing keeps a learner's draft
  saving when their browser cut a character in two.
* **Body size.** Learner and staff handlers accept at most ``MAX_BODY_BYTES`` (256 KB).
  ``studio_*`` handlers carry OLX, whose limit is ``olx.MAX_OLX_BYTES`` (2 MB in UTF-8,
  checked by ``olx.parse_olx``): they accept ``STUDIO_MAX_BODY_BYTES``, the OLX limit
  plus 256 KB for JSON escaping (a quote, backslash or line break of the OLX is written
  as two characters: about 6 % of the demo scenarios' size) and the other fields, and a
  body over 256 KB only from someone who may read the block's content (checked before it
  is parsed). That stays below Django's ``DATA_UPLOAD_MAX_MEMORY_SIZE`` (2.5 MB by
  default, as the LMS and Studio run it), which refuses a larger body with a bare 400
  before any handler runs. A body over a handler's limit gets 413 before it is read as
  JSON; an OLX over 2 MB inside an accepted body gets the OLX's own 400.
"""
from __future__ import annotations

import functools
import json
import logging
import re
from typing import Any

from webob import Response
from xblock.core import XBlock
from xblock.exceptions import JsonHandlerError

from ..core.actions import ActionError
from ..core.i18n import N_
from ..core.olx import MAX_OLX_BYTES
from .authoring import NO_READ

log = logging.getLogger(__name__)

MAX_BODY_BYTES = 256 * 1024  # learner and staff handlers
STUDIO_MAX_BODY_BYTES = MAX_OLX_BYTES + 256 * 1024  # studio_* handlers: OLX in JSON
STUDIO_PREFIX = "studio_"

_LONE_SURROGATE = re.compile(r"[\ud800-\udfff]")


def _clean(text: str) -> str:
    if text.isascii():
        return text
    return _LONE_SURROGATE.sub("\N{REPLACEMENT CHARACTER}", text)


def replace_lone_surrogates(value: Any) -> Any:
    """``value`` (parsed JSON) with every lone surrogate in every string and key replaced by
    U+FFFD, in place where possible. Iterative: parsed JSON may be nested as deep as the
    parser allows, deeper than a recursive walk could follow."""
    if isinstance(value, str):
        return _clean(value)
    if not isinstance(value, (dict, list)):
        return value
    stack: list[Any] = [value]
    while stack:
        node = stack.pop()
        if isinstance(node, list):
            for index, item in enumerate(node):
                if isinstance(item, str):
                    node[index] = _clean(item)
                elif isinstance(item, (dict, list)):
                    stack.append(item)
            continue
        for key in list(node):
            item = node[key]
            if isinstance(item, str):
                item = node[key] = _clean(item)
            elif isinstance(item, (dict, list)):
                stack.append(item)
            clean_key = _clean(key)
            if clean_key != key:
                del node[key]
                node[clean_key] = item
    return value


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
            studio = func.__name__.startswith(STUDIO_PREFIX)
            if not studio or len(body) > STUDIO_MAX_BODY_BYTES:
                return _error_response(413, _("The request is too large."))
            if not self.can_read_content():  # nobody else makes the server parse megabytes
                return _error_response(403, _(NO_READ))
        try:
            data = json.loads(body.decode("utf-8"))
        except (ValueError, UnicodeDecodeError, RecursionError):  # too deep nesting too
            return _error_response(400, _("The request is not valid JSON."))
        data = replace_lone_surrogates(data)
        if not isinstance(data, dict):
            return _error_response(400, _("The request must be a JSON object."))
        try:
            result = func(self, data, suffix)
        except ActionError as exc:
            item = exc.params.get("id")  # the item a learner's error is about: the view marks it
            extra = {"item": item} if isinstance(item, str) else {}
            return _error_response(exc.status, exc.text(_), **extra)
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
