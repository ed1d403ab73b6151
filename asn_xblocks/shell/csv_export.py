"""CSV for staff: every cell escaped against spreadsheet formulas, streamed line by line.

Learner text reaches a spreadsheet program that runs formulas; a cell that could start one
is prefixed with an apostrophe (``formula_safe``), whatever blanks precede it.
"""
from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from ..core.actions import ActionError
from ..core.i18n import N_

MSG_STAFF_ONLY = N_("Only course staff can do this.")
MSG_SEPARATOR = N_("The separator must be \",\" or \";\".")

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n", "|", "%")
# What a spreadsheet may skip before it reads a formula (" =1+1", "\t=1+1"): whitespace,
# no-break and zero-width spaces, a byte-order mark.
_LEADING_BLANKS = re.compile(r"[\s\u200b-\u200d\u2060\ufeff]*")


def formula_safe(text: str) -> str:
    """``text`` as a spreadsheet will not run it as a formula (OWASP CSV injection): text
    starting with =, +, -, @, |, %, a tab or a line break, also after leading blanks, gets
    a leading apostrophe. The one rule for every spreadsheet-bound text of the package:
    the staff CSV (``escape_cell``) and the LMS's Problem Responses report
    (``generate_report_data``)."""
    if text.startswith(_FORMULA_START) or \
            text[_LEADING_BLANKS.match(text).end():].startswith(_FORMULA_START):
        return "'" + text
    return text


def escape_cell(value: Any) -> str:
    """A CSV cell: text through ``formula_safe``; numbers are written as numbers and are
    never escaped."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, (int, float)):
        return str(value)
    return formula_safe(str(value))


class _Line:
    """A csv writer target holding one line at a time."""

    def __init__(self):
        self.buffer = io.StringIO()

    def take(self) -> str:
        value = self.buffer.getvalue()
        self.buffer.seek(0)
        self.buffer.truncate()
        return value


def csv_stream(header: list[str], rows: Iterable[list[Any]], separator: str) -> Iterator[bytes]:
    """UTF-8 with a BOM (so spreadsheet programs detect the encoding), one row per chunk."""
    line = _Line()
    writer = csv.writer(line.buffer, delimiter=separator, quoting=csv.QUOTE_MINIMAL,
                        lineterminator="\r\n")
    writer.writerow([escape_cell(h) for h in header])
    yield ("\ufeff" + line.take()).encode("utf-8")
    for row in rows:
        writer.writerow([escape_cell(v) for v in row])
        yield line.take().encode("utf-8")


def report_cell(cell: Any, decimal_comma: bool) -> Any:
    """A cell of a server-built report table (``{"v": number, "t": text}`` or plain) as the
    CSV holds it: the plain number (a decimal comma with the ";" separator), else the text."""
    if isinstance(cell, dict):
        number = cell.get("v")
        if isinstance(number, (int, float)) and not isinstance(number, bool):
            if isinstance(number, float) and number.is_integer():
                number = int(number)
            return str(number).replace(".", ",") if decimal_comma else number
        return cell.get("t", "")
    return cell


def _json_error(status: int, message: str):
    import json

    from webob import Response

    return Response(json.dumps({"error": message}), status_code=status,
                    content_type="application/json", charset="utf8")


def staff_download(block, request, make: Callable[[bool], tuple[list[str], Iterable[list[Any]]]],
                   stem: str, suffix: str):
    """The staff CSV handlers' one path (plain GET handlers: a browser downloads the file):
    403 for anyone but course staff, 400 for a separator other than "," or ";", an
    ``ActionError`` from ``make`` answered with its status and text; else the streamed
    attachment of ``make(decimal_comma)``'s (header, rows)."""
    _ = block.gettext
    if not block.is_course_staff:
        return _json_error(403, _(MSG_STAFF_ONLY))
    separator = request.GET.get("sep", ",")
    if separator not in (",", ";"):
        return _json_error(400, _(MSG_SEPARATOR))
    try:
        header, rows = make(separator == ";")
    except ActionError as exc:
        return _json_error(exc.status, exc.text(_))
    return attachment(header, rows, separator, stem, suffix)


def attachment(header: list[str], rows: Iterable[list[Any]], separator: str, stem: str, suffix: str):
    """The streamed CSV download: ``<stem>-<suffix>.csv`` (the stem reduced to safe
    characters), never cached (it holds learner data or cohort results)."""
    from webob import Response

    name = re.sub(r"[^A-Za-z0-9_-]+", "-", stem).strip("-") or "export"
    response = Response(status_code=200, content_type="text/csv", charset="utf-8")
    response.app_iter = csv_stream(header, rows, separator)
    response.headers["Content-Disposition"] = f'attachment; filename="{name}-{suffix}.csv"'
    response.headers["Cache-Control"] = "no-store"
    return response
