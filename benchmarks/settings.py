"""Benchmark settings: the demo's workbench settings on a fresh on-disk SQLite database,
measured the way a production server runs — DEBUG off (no per-statement SQL logging, no
template debug info) and Django's loggers at WARNING (the stock workbench logs Django at
DEBUG to a file, which the LMS never does)."""
import os

_ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
os.environ.setdefault("ASN_VAR_DIR", os.path.join(_ROOT, "var", "bench"))
os.environ["ASN_DEBUG"] = "false"

from asn_xblocks.demo.settings import *  # noqa: E402, F403

BENCH_DB = os.environ.get("ASN_BENCH_DB") or os.path.join(VAR_DIR, "bench.db")  # noqa: F405
DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": BENCH_DB}}
DEBUG = False
TEMPLATES[0]["OPTIONS"]["debug"] = False  # noqa: F405
LOGGING = {
    **LOGGING,  # noqa: F405
    "loggers": {name: {**conf, "level": "WARNING"} for name, conf in LOGGING["loggers"].items()},  # noqa: F405
}
LOGGING["handlers"]["logfile"]["filename"] = os.path.join(VAR_DIR, "bench.log")  # noqa: F405
