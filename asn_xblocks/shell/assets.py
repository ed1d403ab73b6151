"""Which copy of a static file the browser loads.

``static/`` holds the readable sources; ``static/min/`` what scripts/assets.py builds from
them (``make assets``), committed and shipped in the package: the minified copy of each
single file, and each bundle — the modules of ``static/js/src/<bundle>/`` joined in name
order and minified into ``static/min/js/<bundle>.js``. The views name a bundle as the file
``static/js/<bundle>.js``; :func:`served` maps every name to its built copy. The path is then
given to ``runtime.local_resource_url`` (XBlock's runtime: the workbench's resource handler;
the LMS's ``xblock_local_resource_url``, which links either its ``xblock_resource`` view —
that opens the path with the block's ``open_local_resource`` — or, in production, the copy
its static collection made of the package's files), so every path is a real file of the
installed package, and one XBlock's ``open_local_resource`` accepts: under the block's
``public_dir`` (``static/`` here), with no ``/.`` in it (the modules' ``NN-name.js`` names
meet that).

``ASN_XBLOCKS_DEBUG_ASSETS = True`` in Django settings points the views at the readable
sources instead (to read them in a browser's debugger): :func:`served_all` gives a bundle's
modules one by one, in the order they are joined (each is a complete script, so loading
them in turn is what the built copy does in one file).
"""
from __future__ import annotations

import functools
from importlib import resources

PACKAGE = "asn_xblocks"
SOURCE_DIR = "static/"
MIN_DIR = "static/min/"
BUNDLE_DIR = "static/js/src/"


def debug_assets() -> bool:
    try:
        from django.conf import settings

        return bool(getattr(settings, "ASN_XBLOCKS_DEBUG_ASSETS", False))
    except Exception:  # settings not configured: the default
        return False


@functools.lru_cache(maxsize=32)
def bundle_modules(path: str) -> tuple[str, ...]:
    """The package paths of the modules bundle ``path`` (``static/js/<bundle>.js``) is built
    from, in order; empty when ``path`` names no bundle."""
    if not (path.startswith(SOURCE_DIR + "js/") and path.endswith(".js")) or path.count("/") != 2:
        return ()
    name = path[len(SOURCE_DIR + "js/"):-len(".js")]
    folder = resources.files(PACKAGE) / BUNDLE_DIR / name
    if not folder.is_dir():
        return ()
    return tuple(f"{BUNDLE_DIR}{name}/{entry.name}"
                 for entry in sorted(folder.iterdir(), key=lambda e: e.name)
                 if entry.name.endswith(".js") and entry.is_file())


def served(path: str) -> str:
    """The one package path a view should link for the source file or bundle ``path``: its
    built copy; when debugging, a single file's readable source (a bundle stays its built
    copy here: :func:`served_all` gives its readable modules)."""
    if not path.startswith(SOURCE_DIR) or path.startswith(MIN_DIR):
        return path
    if debug_assets() and not bundle_modules(path):
        return path
    return MIN_DIR + path[len(SOURCE_DIR):]


def served_all(path: str) -> list[str]:
    """The package paths a view should link, in order, for the source file or bundle
    ``path``: :func:`served`'s one path, or when debugging a bundle's readable modules."""
    if debug_assets():
        modules = bundle_modules(path)
        if modules:
            return list(modules)
    return [served(path)]
