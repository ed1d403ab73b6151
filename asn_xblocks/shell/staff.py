"""Who is asking: the learner's anonymous id, display name and course-staff status.

Read from the runtime's user service the way the LMS exposes them
(``edx-platform.*`` attributes); staff status is always checked on the server.
"""
from __future__ import annotations

from ..core.actions import ActionError
from ..core.i18n import N_

ATTR_ANONYMOUS_ID = "edx-platform.anonymous_user_id"
ATTR_IS_STAFF = "edx-platform.user_is_staff"
ATTR_USERNAME = "edx-platform.username"


class UserMixin:
    def _current_user(self):
        service = self.runtime.service(self, "user")
        return service.get_current_user() if service else None

    @property
    def learner_id(self) -> str:
        """The anonymous id the gradebook and review rows key a learner by."""
        user = self._current_user()
        value = user.opt_attrs.get(ATTR_ANONYMOUS_ID) if user else None
        if value:
            return str(value)
        return str(getattr(self.runtime, "anonymous_student_id", None)
                   or self.scope_ids.user_id or "anonymous")

    @property
    def learner_name(self) -> str:
        user = self._current_user()
        if user is None:
            return ""
        return str(user.opt_attrs.get(ATTR_USERNAME) or user.full_name or "")

    @property
    def is_course_staff(self) -> bool:
        user = self._current_user()
        return bool(user and user.opt_attrs.get(ATTR_IS_STAFF))

    def require_staff(self) -> None:
        if not self.is_course_staff:
            raise ActionError(403, N_("Only course staff can do this."))

    def require_author(self) -> None:
        """Editing content: course staff, or anyone Studio lets reach the block's handlers.

        Studio (whose runtime sets ``is_author_mode``) serves component handlers only to the
        course's authors, and its user service reports the *global* staff flag, so a course
        author who is not global staff must not be refused there.
        """
        if getattr(self.runtime, "is_author_mode", False):
            return
        self.require_staff()

    @property
    def course_key(self) -> str:
        course_id = getattr(self.scope_ids.usage_id, "course_key", None) or getattr(self, "course_id", None)
        return str(course_id) if course_id else "workbench"

    @property
    def usage_key(self) -> str:
        return str(self.scope_ids.usage_id)

    def cohort_name(self) -> str:
        """The learner's cohort when the runtime tells it: the LMS's course_groups app
        (imported only there), or a ``cohort`` attribute the demo's user service sets."""
        user = self._current_user()
        demo_cohort = user.opt_attrs.get("asn-demo.cohort") if user else None
        if demo_cohort:
            return str(demo_cohort)
        try:  # pragma: no cover - LMS only
            from django.contrib.auth import get_user_model
            from opaque_keys.edx.keys import CourseKey
            from openedx.core.djangoapps.course_groups.cohorts import get_cohort  # noqa: PLC0415

            user_id = user.opt_attrs.get("edx-platform.user_id") if user else None
            django_user = get_user_model().objects.get(pk=user_id)
            group = get_cohort(django_user, CourseKey.from_string(self.course_key), assign=False)
            return group.name if group else ""
        except Exception:  # pylint: disable=broad-except
            return ""
