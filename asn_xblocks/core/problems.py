"""Validation problems found in a block's content.

One shape for import, ``validate()`` and the Studio editor, so all three speak the same
language. Messages are English templates marked for translation; ``params`` fill them
after translation.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .i18n import render

ERROR = "error"
WARNING = "warning"


@dataclass(frozen=True)
class Problem:
    severity: str  # ERROR | WARNING
    code: str  # stable machine code, e.g. "single-no-full-score"
    message: str  # English template with {named} placeholders, marked with N_
    item_id: str | None = None  # the id of the offending item, when there is one
    params: dict[str, Any] = field(default_factory=dict)

    @property
    def is_error(self) -> bool:
        return self.severity == ERROR

    def text(self, gettext=None) -> str:
        """The message, translated with ``gettext`` when given, with its params filled in."""
        return render(self.message, self.params, gettext)

    def to_dict(self, gettext=None) -> dict[str, Any]:
        return {
            "severity": self.severity,
            "code": self.code,
            "message": self.text(gettext),
            "item_id": self.item_id,
        }


def error(code: str, message: str, item_id: str | None = None, **params: Any) -> Problem:
    return Problem(ERROR, code, message, item_id, params)


def warning(code: str, message: str, item_id: str | None = None, **params: Any) -> Problem:
    return Problem(WARNING, code, message, item_id, params)


def duplicate_ids(ids: list[tuple[str, str]]) -> list[Problem]:
    """Report every id used more than once; ``ids`` holds (kind, id) pairs in document order."""
    from .i18n import N_

    seen: set[str] = set()
    problems = []
    for _kind, item_id in ids:
        if item_id in seen:
            problems.append(error("duplicate-id", N_("The id \"{id}\" is used more than once."),
                                  item_id, id=item_id))
        seen.add(item_id)
    return problems
