"""Who may read and change a block's content: the editor, the unit-page summary and every
``studio_*`` handler.

How Open edX decides it (read in openedx-platform: cms/djangoapps/contentstore/views/
component.py ``component_handler`` and views/preview.py ``preview_handler`` are
``@login_required`` only, so *any* logged-in user reaches the block; the services come
from cms/djangoapps/contentstore/utils.py ``load_services_for_studio``):

* Studio's runtimes (the editing runtime and the preview runtime alike) carry a user
  service **without** a staff flag and a ``studio_user_permissions`` service whose
  ``can_read(course_key)`` / ``can_write(course_key)`` tell the course team's rights. That
  service decides, and nothing else does: not ``is_author_mode`` (the preview runtime sets
  it for every visitor), not the user service's staff flag (never set there).
* The LMS has no such service; there a block's content is for course staff only (the
  LMS's ``xblock_view`` endpoint can render any view of a block for an enrolled learner).

Read rights cover what shows content (the editor, the summary, checks, previews, OLX);
write rights cover what saves it.
"""
from __future__ import annotations

from ..core.actions import ActionError
from ..core.i18n import N_
from .staff import context_key_of

PERMISSIONS_SERVICE = "studio_user_permissions"

NO_READ = N_("You do not have permission to see this block's content.")
NO_WRITE = N_("You do not have permission to change this block's content.")


class AuthoringRightsMixin:
    """Read and write rights on the content, from Studio's permissions service where the
    runtime offers it (the class declares it with ``@XBlock.wants``), else course staff."""

    def _studio_permissions(self):
        try:
            return self.runtime.service(self, PERMISSIONS_SERVICE)
        except Exception:  # a runtime that knows no such service
            return None

    def _content_right(self, right: str) -> bool:
        service = self._studio_permissions()
        if service is None:
            return bool(self.is_course_staff)
        context = context_key_of(self.scope_ids.usage_id) or self.course_id_str
        try:
            return bool(getattr(service, right)(context))
        except Exception:  # a failing check grants nothing
            return False

    def can_read_content(self) -> bool:
        return self._content_right("can_read")

    def can_write_content(self) -> bool:
        return self._content_right("can_write")

    def require_read_content(self) -> None:
        if not self.can_read_content():
            raise ActionError(403, NO_READ)

    def require_write_content(self) -> None:
        if not self.can_write_content():
            raise ActionError(403, NO_WRITE)
