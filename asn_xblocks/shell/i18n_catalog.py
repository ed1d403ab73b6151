"""Where the package's translations live and how they are loaded, once per language.

The LMS i18n service reads ``asn_xblocks/translations/<locale>/LC_MESSAGES/text.mo``;
anything that needs the catalogue outside a runtime (the demo service, tests) uses this.
"""
from __future__ import annotations

import functools
import gettext
from importlib import resources

DOMAIN = "text"
JS_NAMESPACE = "AsnXBlocksI18n"


def locale_dir() -> str:
    return str(resources.files("asn_xblocks") / "translations")


@functools.lru_cache(maxsize=16)
def load_catalog(language: str) -> gettext.NullTranslations:
    code = (language or "en").replace("-", "_")
    candidates = [code, code.split("_")[0]]
    return gettext.translation(DOMAIN, localedir=locale_dir(), languages=candidates, fallback=True)


def base_language(language: str | None) -> str:
    return (language or "en").replace("_", "-").split("-")[0].lower()
