"""Test settings: the demo settings, with a throwaway database and quiet logs."""
import os
import tempfile

os.environ.setdefault("ASN_VAR_DIR", os.path.join(tempfile.gettempdir(), "asn-xblocks-test-var"))

from asn_xblocks.demo.settings import *  # noqa: E402,F401,F403  pylint: disable=wildcard-import,unused-wildcard-import

# In-memory test database: fast, and private to each test process (parallel runs are safe;
# Django shares it with the live server's thread for browser tests).
DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": ":memory:"}}
if "WORKBENCH_DATABASES" in os.environ:
    import json

    DATABASES = json.loads(os.environ["WORKBENCH_DATABASES"])

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
