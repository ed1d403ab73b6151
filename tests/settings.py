"""Test settings: the demo settings, with a throwaway database and quiet logs."""
import os
import tempfile

os.environ.setdefault("ASN_VAR_DIR", os.path.join(tempfile.gettempdir(), "asn-xblocks-test-var"))

from asn_xblocks.demo.settings import *  # noqa: F403 - the demo's settings, then the tests' changes

# A file database private to this test process (parallel runs are safe); a file, not
# :memory:, because the live server for browser tests answers from several threads.
_TEST_DB = os.path.join(VAR_DIR, f"test-{os.getpid()}.db")  # noqa: F405
DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": _TEST_DB,
                         "TEST": {"NAME": _TEST_DB}}}
if "WORKBENCH_DATABASES" in os.environ:
    import json

    DATABASES = json.loads(os.environ["WORKBENCH_DATABASES"])

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
