"""The demo's Studio, as Open edX's Studio serves a block (read in openedx-platform:
cms/djangoapps/contentstore/utils.py ``load_services_for_studio``; views/component.py and
views/preview.py check nothing but the login before the block):

* the user service carries **no** staff flag there (``DjangoXBlockUserService(user)``);
* a ``studio_user_permissions`` service tells the course team's rights, with
  ``can_read(course_key)`` / ``can_write(course_key)``; the LMS has no such service.

In the demo the course team is ``ASN_DEMO_STAFF_IDS`` (``staff`` unless set): they get read
and write rights in Studio, everyone else none.
"""
from __future__ import annotations

import contextlib
import contextvars
from collections.abc import Iterator

from django.conf import settings

_IN_STUDIO: contextvars.ContextVar[bool] = contextvars.ContextVar("asn_demo_in_studio",
                                                                   default=False)


@contextlib.contextmanager
def context(in_studio: bool) -> Iterator[None]:
    token = _IN_STUDIO.set(in_studio)
    try:
        yield
    finally:
        _IN_STUDIO.reset(token)


def in_studio() -> bool:
    return _IN_STUDIO.get()


def course_team() -> list[str]:
    return list(getattr(settings, "ASN_DEMO_STAFF_IDS", ["staff"]))


class DemoStudioPermissionsService:
    """Studio's permissions service for the demo's course team."""

    runtime = None  # set by the workbench after construction

    def _allowed(self) -> bool:
        return str(getattr(self.runtime, "user_id", None) or "") in course_team()

    def can_read(self, course_key) -> bool:
        return self._allowed()

    def can_write(self, course_key) -> bool:
        return self._allowed()
