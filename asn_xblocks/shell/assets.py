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

A bundle or stylesheet may extend another (:data:`EXTENDS`): its built copy is the other's
modules (rules) and its own, joined in one file, and a view that needs both links only it.
The service desk's records are built so: a desk with records loads
``static/js/digital_service_records.js`` (the desk's modules and the records' modules, in
name order) and ``static/css/digital_service_records.css``, a desk of requests only the
desk's own files. One file rather than two because each file is compressed on its own: the
records' modules share most of their words with the desk's, and joined they gzip to 1,144
bytes less than apart (the stylesheets 240 less; measured with ``gzip -9``).

A bundle and stylesheet of :data:`INCLUDES_COMMON` begin with what every block shares:
the bundle's built copy with ``asn_common.js`` (its copies with a catalogue: after the
catalogue, which only defines its global; asn_common.js reads it when a string is shown), the
stylesheet's with ``asn.css``, so a view whose every bundle includes them links neither on its
own (AsnBlock._fragment asks :func:`includes_common`). The service desk's learner view is
built so: one script and one stylesheet, 940 to 970 gzip bytes fewer than the four files
apart (measured on the demo's desks, ``gzip -9``: each file is compressed on its own). The
trade-off: a page holding a desk and another block of this package (or the desk's staff view
and Studio, which add bundles that do not include them) downloads the common script (~3.2 KB
gzip) and stylesheet (~1.1 KB) twice, once alone and once inside the desk's file. Both copies are harmless together:
``asn_common.js`` returns at once if ``window.AsnXBlocks`` exists (its second run changes
nothing), and ``asn.css`` applied again after another block's stylesheet changes nothing
there, since no block's stylesheet overrides an ``asn.css`` rule by coming after it (a
block's rules use their own class names, or a more specific selector).

A bundle of :data:`WITH_CATALOGUE` is also built once per language its JS catalogue is
compiled for, as that catalogue followed by the bundle, ``static/js/i18n/<lang>/<bundle>.js``
(:func:`with_catalogue`): a view that would link the package's catalogue of the bundle links
that one file instead of two (DigitalServiceBlock). Compressed apart, the Indonesian
catalogue repeats every English string the script holds (its keys); joined, the service
desk's learner files are 615 gzip bytes smaller (a desk with records: 789).

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
CSS_DIR = "static/css/"
# name -> the bundle (static/js/src/<name>/) and stylesheet (static/css/<name>.css) it extends
EXTENDS = {"digital_service_records": "digital_service"}
# what every view of the package loads, unless its bundles include it (INCLUDES_COMMON)
COMMON_SCRIPT = "static/js/asn_common.js"
COMMON_STYLESHEET = "static/css/asn.css"
# bundles (static/js/src/<name>/) and stylesheets (static/css/<name>.css) built with
# COMMON_SCRIPT / COMMON_STYLESHEET ahead of them: the service desk's learner files
INCLUDES_COMMON = frozenset({"digital_service", "digital_service_records"})
# bundle -> the JS catalogue (static/js/translations/<lang>/<catalogue>.js) built into
# static/js/i18n/<lang>/<bundle>.js ahead of it
WITH_CATALOGUE = {"digital_service": "asn_digital_service",
                  "digital_service_records": "asn_digital_service_records"}
JOINED_DIR = "static/js/i18n/"


def debug_assets() -> bool:
    try:
        from django.conf import settings

        return bool(getattr(settings, "ASN_XBLOCKS_DEBUG_ASSETS", False))
    except Exception:  # settings not configured: the default
        return False


def _own_modules(name: str) -> list[tuple[str, str]]:
    """(file name, package path) of the modules of bundle ``name`` and of the bundle it
    extends, unsorted; empty when ``name`` is no bundle."""
    folder = resources.files(PACKAGE) / BUNDLE_DIR / name
    if not folder.is_dir():
        return []
    own = [(entry.name, f"{BUNDLE_DIR}{name}/{entry.name}") for entry in folder.iterdir()
           if entry.name.endswith(".js") and entry.is_file()]
    if name in EXTENDS:  # the extended bundle's modules and its own, in name order
        own += _own_modules(EXTENDS[name])
    return own


@functools.lru_cache(maxsize=32)
def bundle_modules(path: str) -> tuple[str, ...]:
    """The package paths of the modules bundle ``path`` (``static/js/<bundle>.js``) is built
    from, in order (a bundle of :data:`INCLUDES_COMMON`: ``asn_common.js`` first); empty
    when ``path`` names no bundle."""
    if not (path.startswith(SOURCE_DIR + "js/") and path.endswith(".js")) or path.count("/") != 2:
        return ()
    name = path[len(SOURCE_DIR + "js/"):-len(".js")]
    modules = tuple(module for _name, module in sorted(_own_modules(name)))
    if modules and name in INCLUDES_COMMON:
        return (COMMON_SCRIPT, *modules)
    return modules


def stylesheets(path: str) -> tuple[str, ...]:
    """The source stylesheets ``path`` (``static/css/<name>.css``) is built from, in order:
    ``asn.css`` (:data:`INCLUDES_COMMON`), the one it extends (:data:`EXTENDS`), then
    itself; itself alone otherwise."""
    name = path[len(CSS_DIR):-len(".css")] if path.startswith(CSS_DIR) and path.endswith(".css") else ""
    common = (COMMON_STYLESHEET,) if name in INCLUDES_COMMON else ()
    extended = (f"{CSS_DIR}{EXTENDS[name]}.css",) if name in EXTENDS else ()
    return (*common, *extended, path)


def includes_common(path: str) -> bool:
    """Whether the file a view names as ``path`` — a bundle (``static/js/<bundle>.js``), its
    copy with a catalogue (:func:`with_catalogue`) or a stylesheet — begins with
    ``asn_common.js`` (a script) or ``asn.css`` (a stylesheet): :data:`INCLUDES_COMMON`."""
    if path.startswith(JOINED_DIR):
        path = SOURCE_DIR + "js/" + path.rsplit("/", 1)[-1]
    if path.startswith(CSS_DIR) and path.endswith(".css"):
        return path[len(CSS_DIR):-len(".css")] in INCLUDES_COMMON
    return path.count("/") == 2 and path.startswith(SOURCE_DIR + "js/") and path.endswith(".js") \
        and path[len(SOURCE_DIR + "js/"):-len(".js")] in INCLUDES_COMMON


def with_catalogue(language: str, bundle: str) -> str:
    """The package path (as a source, for :func:`served`) of bundle ``bundle`` built with
    its JS catalogue of ``language`` ahead of it."""
    return f"{JOINED_DIR}{language}/{bundle}.js"


def joined_sources(path: str) -> tuple[str, ...]:
    """The readable sources of a :func:`with_catalogue` path, in order (empty for any other
    path): the catalogue, then the bundle's modules."""
    parts = path[len(JOINED_DIR):].split("/") if path.startswith(JOINED_DIR) else []
    if len(parts) != 2 or not parts[1].endswith(".js") or parts[1][:-3] not in WITH_CATALOGUE:
        return ()
    bundle = parts[1][:-3]
    return (f"{SOURCE_DIR}js/translations/{parts[0]}/{WITH_CATALOGUE[bundle]}.js",
            *bundle_modules(f"{SOURCE_DIR}js/{bundle}.js"))


def served(path: str) -> str:
    """The one package path a view should link for the source file or bundle ``path``: its
    built copy; when debugging, a single file's readable source (a bundle stays its built
    copy here, and so does a stylesheet that extends another: :func:`served_all` gives
    their readable sources)."""
    if not path.startswith(SOURCE_DIR) or path.startswith(MIN_DIR):
        return path
    if debug_assets() and not bundle_modules(path) and not joined_sources(path) and stylesheets(path) == (path,):
        return path
    return MIN_DIR + path[len(SOURCE_DIR):]


def served_all(path: str) -> list[str]:
    """The package paths a view should link, in order, for the source file or bundle
    ``path``: :func:`served`'s one path, or when debugging the readable sources of a bundle
    or of a stylesheet that extends another."""
    if debug_assets():
        modules = bundle_modules(path) or joined_sources(path) or stylesheets(path)
        if modules != (path,):
            return list(modules)
    return [served(path)]
