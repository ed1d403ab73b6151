"""Test settings: the demo settings, with a throwaway database and quiet logs."""
import os
import tempfile

os.environ.setdefault("ASN_VAR_DIR", os.path.join(tempfile.gettempdir(), "asn-xblocks-test-var"))

from asn_xblocks.demo.settings import *  # noqa: E402,F401,F403  pylint: disable=wildcard-import,unused-wildcard-import

DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": os.path.join(VAR_DIR, "test.db"),  # noqa: F405
        "TEST": {"NAME": os.path.join(VAR_DIR, "test-run.db")},  # noqa: F405
    }
}
if "WORKBENCH_DATABASES" in os.environ:
    import json

    DATABASES = json.loads(os.environ["WORKBENCH_DATABASES"])

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
