"""User and i18n services for the workbench that behave like the LMS's.

Loaded through ``WORKBENCH['services']``; the workbench builds each with no arguments
and sets ``.runtime`` on it, so the current student id is read from the runtime.
"""
import gettext as gettext_module
import hashlib

from django.conf import settings
from django.utils import translation
from xblock.reference.user_service import UserService, XBlockUser

from asn_xblocks.shell.i18n_catalog import load_catalog

from . import studio

ATTR_ANONYMOUS_ID = "edx-platform.anonymous_user_id"
ATTR_IS_STAFF = "edx-platform.user_is_staff"
ATTR_USERNAME = "edx-platform.username"
ATTR_USER_ID = "edx-platform.user_id"
ATTR_ROLE = "edx-platform.user_role"


ATTR_DEMO_COHORT = "asn-demo.cohort"
DEMO_COHORTS = ("Angkatan I", "Angkatan II")


def demo_cohort(student_id: str) -> str:
    """The demo's cohorts, as the LMS's cohort service would tell them: a student id ending
    in an odd digit is in "Angkatan I", in an even digit in "Angkatan II"; others in none."""
    if not student_id or not student_id[-1].isdigit():
        return ""
    return DEMO_COHORTS[0] if int(student_id[-1]) % 2 else DEMO_COHORTS[1]


def anonymous_id(student_id: str) -> str:
    """A stable, opaque id per demo student, like the LMS's anonymous_user_id."""
    return hashlib.sha256(f"asn-demo:{student_id}".encode()).hexdigest()[:32]


class DemoUserService(UserService):
    runtime = None  # set by the workbench after construction

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self._cache = None

    def _student_id(self) -> str:
        return str(getattr(self.runtime, "user_id", None) or "student_1")

    def get_current_user(self) -> XBlockUser:
        student_id = self._student_id()
        in_studio = studio.in_studio()
        if self._cache is None or self._cache[0] != (student_id, in_studio):
            user = XBlockUser(is_current_user=True, emails=[f"{student_id}@example.com"],
                              full_name=student_id)
            # Studio's user service has no staff flag: rights come from its permissions
            # service there (studio.py).
            is_staff = (not in_studio) and student_id in studio.course_team()
            user.opt_attrs.update({
                ATTR_ANONYMOUS_ID: anonymous_id(student_id),
                ATTR_IS_STAFF: is_staff,
                ATTR_USERNAME: student_id,
                ATTR_USER_ID: student_id,
                ATTR_ROLE: "staff" if is_staff else "student",
                "xblock-workbench.user_id": student_id,
            })
            cohort = demo_cohort(student_id)
            if cohort:
                user.opt_attrs[ATTR_DEMO_COHORT] = cohort
            self._cache = ((student_id, in_studio), user)
        return self._cache[1]

    def get_anonymous_user_id(self, username, course_id):
        return anonymous_id(username)


class DemoI18nService:
    """The package's own ``text`` catalogue for the active language, as the LMS loads it
    (falling back to Django's catalogue for anything the package does not translate)."""

    runtime = None

    @staticmethod
    def _translator() -> gettext_module.NullTranslations:
        return load_catalog(translation.get_language() or settings.LANGUAGE_CODE)

    def __getattr__(self, name):
        if name.startswith("__"):
            raise AttributeError(name)
        return getattr(self._translator(), name)

    def gettext(self, message):
        return self._translator().gettext(message)

    ugettext = gettext

    def ngettext(self, singular, plural, number):
        return self._translator().ngettext(singular, plural, number)

    ungettext = ngettext

    def pgettext(self, context, message):
        return self._translator().pgettext(context, message)

    @staticmethod
    def get_language():
        return translation.get_language() or settings.LANGUAGE_CODE

    def strftime(self, date, fmt):
        return date.strftime(fmt)
