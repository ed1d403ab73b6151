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


def _plain_usage_key(usage_id):
    """The usage key without a branch or version: Studio's draft and published copies and
    the LMS's view of a block are one item for the gradebook and the review rows."""
    for method in ("for_branch", "version_agnostic"):
        strip = getattr(usage_id, method, None)
        if callable(strip):
            try:
                usage_id = strip(None) if method == "for_branch" else strip()
            except Exception:  # a key kind without branches
                pass
    return usage_id


def context_key_of(usage_id):
    """The learning context (course or library) of an opaque usage key; None for the
    workbench's plain string ids."""
    context = getattr(usage_id, "context_key", None) or getattr(usage_id, "course_key", None)
    if context is None:
        return None
    return _plain_usage_key(context)


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

    @property
    def course_id_str(self) -> str:
        """The course key as text, as edx-submissions' student item and the review rows
        hold it ("workbench" where the usage id is not an opaque key)."""
        context = context_key_of(self.scope_ids.usage_id)
        return str(context) if context is not None else "workbench"

    @property
    def usage_id_str(self) -> str:
        """The usage key as text, as the LMS names the block in ``clear_student_state``'s
        ``item_id`` and in student items. Named apart from XBlock's ``usage_key`` (the
        opaque key itself, which course export and Studio search read)."""
        return str(_plain_usage_key(self.scope_ids.usage_id))

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
            from openedx.core.djangoapps.course_groups.cohorts import get_cohort

            user_id = user.opt_attrs.get("edx-platform.user_id") if user else None
            django_user = get_user_model().objects.get(pk=user_id)
            group = get_cohort(django_user, CourseKey.from_string(self.course_id_str), assign=False)
            return group.name if group else ""
        except Exception:
            return ""
