"""The package's static files as a browser receives them.

JavaScript and CSS are served minified (comments and layout stripped by rjsmin/rcssmin, the
minifiers django-compressor uses): about a fifth fewer gzip bytes for a learner on a phone,
with no build step and readable sources in ``static/``. Each file is minified once per
process; the files are package data, so they cannot change under a running process.

``ASN_XBLOCKS_MINIFY_ASSETS = False`` in Django settings serves the files as written (for
debugging in a browser), read afresh on every request.
"""
from __future__ import annotations

import io
from functools import lru_cache
from importlib import resources
from typing import BinaryIO

PACKAGE = "asn_xblocks"


def minify_enabled() -> bool:
    try:
        from django.conf import settings

        return bool(getattr(settings, "ASN_XBLOCKS_MINIFY_ASSETS", True))
    except Exception:  # pylint: disable=broad-except  # settings not configured: the default
        return True


def _raw(uri: str) -> bytes:
    return (resources.files(PACKAGE) / uri).read_bytes()


def minify(uri: str, data: bytes) -> bytes:
    """The minified form of a JS or CSS file; any other file unchanged."""
    if uri.endswith(".js"):
        import rjsmin

        return rjsmin.jsmin(data.decode("utf-8")).encode("utf-8")
    if uri.endswith(".css"):
        import rcssmin

        return rcssmin.cssmin(data.decode("utf-8")).encode("utf-8")
    return data


@lru_cache(maxsize=128)
def _served(uri: str) -> bytes:
    return minify(uri, _raw(uri))


def open_static(uri: str) -> BinaryIO:
    """A readable file object for ``uri`` (a path inside the package, already checked)."""
    if minify_enabled():
        return io.BytesIO(_served(uri))
    return io.BytesIO(_raw(uri))
