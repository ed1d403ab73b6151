"""Where the package's translations live and how they are loaded, once per language.

In Open edX the runtime's i18n service (``XBlockI18nService``) translates the blocks'
Python strings: it reads a site's Atlas-pulled catalogue
``conf/plugins-locale/xblock.v1/asn_xblocks/<locale>/LC_MESSAGES/django.mo`` when that
folder exists, else the package's own ``asn_xblocks/translations/<locale>/LC_MESSAGES/text.mo``.
Its JS catalogue (``compile_xblock_translations``, from the Atlas catalogue only) defines the
global named by the blocks' ``i18n_js_namespace``: :data:`JS_NAMESPACE`. The package's own JS
catalogues, ``static/js/translations/<lang>/<bundle>.js`` (django-statici18n's
``compilejsi18n`` from the ``text`` catalogue, ``scripts/i18n.py``), one per front-end bundle,
each define their own global, ``<JS_NAMESPACE>_<bundle>`` (compilejsi18n replaces a global of
the same name); ``asn_common.js`` reads the platform's first, then each bundle's.

Only what runs without such a service (the demo's service, tests) loads the ``text``
catalogue itself, with :func:`load_catalog`.
"""
from __future__ import annotations

import functools
import gettext
from importlib import resources

PACKAGE = "asn_xblocks"  # the root module: the platform's folder name for the package
DOMAIN = "text"
JS_NAMESPACE = "AsnXBlocksI18n"


def locale_dir() -> str:
    return str(resources.files(PACKAGE) / "translations")


@functools.lru_cache(maxsize=16)
def load_catalog(language: str) -> gettext.NullTranslations:
    code = (language or "en").replace("-", "_")
    candidates = [code, code.split("_")[0]]
    return gettext.translation(DOMAIN, localedir=locale_dir(), languages=candidates, fallback=True)


def base_language(language: str | None) -> str:
    return (language or "en").replace("_", "-").split("-")[0].lower()


def js_catalog_path(language: str, bundle: str) -> str:
    """The package path (source copy) of a front-end bundle's JS catalogue."""
    return f"static/js/translations/{base_language(language)}/{bundle}.js"


@functools.lru_cache(maxsize=128)
def package_has(path: str) -> bool:
    """Whether the installed package ships ``path`` (e.g. a language's JS catalogue)."""
    return (resources.files(PACKAGE) / path).is_file()
