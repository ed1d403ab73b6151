"""Workbench settings for the demo and the tests, built on ``workbench.settings``.

Adds edx-submissions and the review app, and replaces the workbench's user and i18n
services with ones that behave like the LMS's (stable anonymous ids, a staff user, this
package's own translation catalogues).
"""
import os

os.environ.setdefault("EXCLUDE_SAMPLE_XBLOCKS", "yes")

from workbench.settings import *  # noqa: F403 - these settings extend the workbench's
from workbench.settings import INSTALLED_APPS, MIDDLEWARE, WORKBENCH

_HERE = os.path.dirname(os.path.abspath(__file__))
VAR_DIR = os.environ.get("ASN_VAR_DIR", os.path.join(os.getcwd(), "var"))
os.makedirs(VAR_DIR, exist_ok=True)

if "WORKBENCH_DATABASES" not in os.environ:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": os.path.join(VAR_DIR, "workbench.db"),
            "TEST": {"NAME": os.path.join(VAR_DIR, "test-workbench.db")},
        }
    }

DEBUG = os.environ.get("ASN_DEBUG", "false").lower() == "true"
# Our corrected copy of the workbench's bare block view comes first (see its comment).
TEMPLATES[0]["DIRS"] = [os.path.join(_HERE, "templates"), *TEMPLATES[0]["DIRS"]]  # noqa: F405
TEMPLATES[0]["OPTIONS"]["debug"] = DEBUG  # noqa: F405
LOGGING["handlers"]["logfile"]["filename"] = os.path.join(VAR_DIR, "workbench.log")  # noqa: F405

INSTALLED_APPS = [
    *INSTALLED_APPS,
    "submissions",
    "asn_xblocks.review.apps.ReviewConfig",
    "asn_xblocks.demo.apps.DemoConfig",
]

MIDDLEWARE = [*MIDDLEWARE, "asn_xblocks.demo.middleware.DemoLanguageMiddleware",
              "asn_xblocks.demo.middleware.DemoStudioContextMiddleware"]

LANGUAGES = [("en", "English"), ("id", "Bahasa Indonesia")]
LANGUAGE_CODE = "en"
TIME_ZONE = "Asia/Jakarta"

# Staff in the demo: ?student=<one of these> gets course-staff rights, as the LMS user
# service's "edx-platform.user_is_staff" attribute gives them.
ASN_DEMO_STAFF_IDS = [s for s in os.environ.get("ASN_DEMO_STAFF_IDS", "staff").split(",") if s]

WORKBENCH = {
    **WORKBENCH,
    "services": {
        **WORKBENCH.get("services", {}),
        "user": "asn_xblocks.demo.services.DemoUserService",
        "i18n": "asn_xblocks.demo.services.DemoI18nService",
        # present in the demo's Studio requests only, as in Open edX (demo/studio.py)
        "studio_user_permissions": "asn_xblocks.demo.studio.DemoStudioPermissionsService",
    },
}

# The staff panel's rescore requests run at once in the demo (the LMS queues instructor tasks).
ASN_XBLOCKS_REGRADE = "asn_xblocks.demo.gradebook.regrade_now"

CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "asn-xblocks-demo",
    }
}
