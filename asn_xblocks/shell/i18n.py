"""Translation for the XBlock side: Python strings, the JS catalogue, the content's lang."""
from __future__ import annotations

from collections.abc import Callable

from . import assets
from .i18n_catalog import JS_NAMESPACE, base_language, js_catalog_path, load_catalog, package_has


class I18nMixin:
    """Every UI string goes through the runtime's i18n service: in Open edX it reads a
    site's Atlas catalogue for ``asn_xblocks`` when there is one, else this package's
    ``text`` catalogue. Only a runtime without any i18n service gets the bundled catalogue
    here directly.

    ``i18n_js_namespace`` names the JS global the platform's compiled catalogue defines
    (``compile_xblock_translations``); the package's catalogues (``compilejsi18n``, one per
    front-end bundle) define ``<namespace>_<bundle>``, and the blocks' JS reads ``gettext`` /
    ``ngettext`` from the platform's, then the bundles' (``asn_common.js``)."""

    i18n_js_namespace = JS_NAMESPACE

    def _i18n(self):
        """The runtime's i18n service, looked up once per block instance and language: a
        render asks for 40–65 strings, and each lookup walks the runtime's service
        resolution. The platform's service binds its translator to the language active when
        it is made (xmodule/modulestore/django.py ``XBlockI18nService.__init__``), so one
        is kept per language."""
        language = self.language
        cached = self.__dict__.get("_asn_i18n_service")
        if cached is not None and cached[0] == language:
            return cached[1]
        service = self.runtime.service(self, "i18n")
        self.__dict__["_asn_i18n_service"] = (language, service)
        return service

    def translator(self) -> Callable[[str], str]:
        """``gettext`` of the active language for one view, looked up once, each string
        translated once: a view asks for the same labels again and again (a desk's eight
        requests each say "Normal", each result names its checks), and finding the language
        and the service per string read Django's active language 91 times in a desk's
        render."""
        translate = self._translate_fn()
        done: dict[str, str] = {}

        def gettext(message: str) -> str:
            text = done.get(message)
            if text is None:
                text = done[message] = translate(message)
            return text
        return gettext

    def gettext(self, message: str) -> str:
        return self._translate_fn()(message)

    def _translate_fn(self) -> Callable[[str], str]:
        """The runtime's ``gettext`` for the active language, or the bundled catalogue's."""
        service = self._i18n()
        if service is None:
            return load_catalog(self.language).gettext
        return getattr(service, "gettext", None) or service.ugettext

    def ngettext(self, singular: str, plural: str, number: int) -> str:
        service = self._i18n()
        if service is None:
            return load_catalog(self.language).ngettext(singular, plural, number)
        fn = getattr(service, "ngettext", None) or getattr(service, "ungettext", None)
        if fn is None:
            return singular if number == 1 else plural
        return fn(singular, plural, number)

    @property
    def language(self) -> str:
        """The active UI language, e.g. "id" or "en" (the language the platform's i18n
        service translates into: Django's active language)."""
        try:
            from django.utils import translation  # the LMS and the workbench both run Django

            return base_language(translation.get_language())
        except Exception:  # pragma: no cover - no Django configured
            return "en"

    def js_catalog_urls(self, bundles: list[str]) -> list[str]:
        """The runtime's JS catalogue when it offers one (the LMS or Studio, once
        ``compile_xblock_translations`` built it from an Atlas catalogue: the platform's
        ``XBlockI18nService.get_javascript_i18n_catalog_url``), else the package's catalogue
        of each front-end bundle the view loads, for a language it ships them for (none for
        English, the source language)."""
        service = self._i18n()
        getter = getattr(service, "get_javascript_i18n_catalog_url", None)
        if callable(getter):
            try:
                url = getter(self)
            except Exception:
                url = None
            if url:
                return [url]
        language = self.language
        if language == "en":
            return []
        paths = [assets.served(js_catalog_path(language, name)) for name in bundles]
        return [self.runtime.local_resource_url(self, path) for path in paths if package_has(path)]
