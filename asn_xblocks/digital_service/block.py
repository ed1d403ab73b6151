"""The Digital Public-Service Exercise XBlock: the shared shell over the service-desk core."""
from xblock.fields import Scope, String

from ..core.i18n import N_
from ..shell import assets
from ..shell.base import AsnBlock
from ..shell.i18n_catalog import js_catalog_path, package_has
from .core import CORE


class DigitalServiceBlock(AsnBlock):
    """A mock e-government desk: check documents, decide, route, set the SLA due date."""

    core = CORE
    js_class = "AsnDigitalService"
    js_file = "static/js/digital_service.js"
    css_file = "static/css/digital_service.css"
    DISPLAY_NAME = N_("Digital Public-Service Exercise")
    DEFAULT_MAX_ATTEMPTS = 2
    display_name = String(display_name=N_("Display name"), scope=Scope.settings,
                          default="Digital Public-Service Exercise")
    EMPTY_OLX = ('<asn_digital_service><unit id="u1" name="Unit"/>'
                 '<service id="s1" name="Service" sla_days="3" unit="u1">'
                 '<requirement id="ktp" label="KTP-el" document="ktp"/></service>'
                 '<request id="r1" service="s1" applicant="…" submitted="2026-03-16">'
                 '<document id="d1" type="ktp" title="KTP-el"><field name="NIK">…</field></document>'
                 '</request></asn_digital_service>')

    # A desk whose content has records loads the records' bundle instead of the desk's: its
    # script, stylesheet and JS catalogue each hold the desk's part and the records' (built
    # so: shell/assets.py EXTENDS, scripts/i18n.py BUNDLES), so such a desk still loads one
    # file of each and one copy of Django's JS i18n runtime. A desk of requests only loads
    # none of the records' code, styles or strings. Studio's preview (mode "studio") plays
    # whatever the editor holds, records included, so it always loads them.
    RECORDS_BUNDLE = ("asn_digital_service_records", ("static/css/digital_service_records.css",),
                      ("static/js/digital_service_records.js",))

    def bundles(self, mode: str) -> list[tuple[str, tuple[str, ...], tuple[str, ...]]]:
        found = super().bundles(mode)
        if mode == "author":
            return found
        if mode == "studio" or self.has_records():
            found = [self.RECORDS_BUNDLE if name == self.scope_ids.block_type else (name, css, js)
                     for name, css, js in found]
        return [(name, css, tuple(self._with_catalogue(name, path) for path in js)) for name, css, js in found]

    def has_records(self) -> bool:
        """Whether the learner view may show a record: the content has records, or the
        learner's finished attempt was taken on a revision that had some (it is shown as it
        was taken: AsnBlock._content_taken_on)."""
        if self.content_model.records:
            return True
        state = self._peek_state()
        attempt = state["attempt"]
        return bool(attempt and attempt.get("finished") and self._content_taken_on(state).records)

    # The desk's script joined with its catalogue (shell/assets.py WITH_CATALOGUE): where the
    # view would link the package's catalogue of the desk's bundle, it links the one file
    # that holds both instead, and not the catalogue.
    def _joined_language(self, catalogue: str) -> str | None:
        """The language whose package catalogue ``catalogue`` this view links, joined to the
        bundle's script; None when it links none (English, the source language) or the
        runtime's own catalogue: the choice I18nMixin.js_catalog_urls (shell/i18n.py) makes,
        after the platform's XBlockI18nService.get_javascript_i18n_catalog_url
        (xmodule/modulestore/django.py)."""
        if catalogue not in assets.WITH_CATALOGUE.values():
            return None
        getter = getattr(self._i18n(), "get_javascript_i18n_catalog_url", None)
        if callable(getter):
            try:
                if getter(self):
                    return None
            except Exception:  # the runtime's own choice failed: I18nMixin falls back too
                pass
        language = self.language
        if language == "en" or not package_has(js_catalog_path(language, catalogue)):
            return None
        return language

    def _with_catalogue(self, catalogue: str, path: str) -> str:
        bundle = path[len("static/js/"):-len(".js")] if path.startswith("static/js/") else ""
        language = self._joined_language(catalogue)
        if language and assets.WITH_CATALOGUE.get(bundle) == catalogue:
            return assets.with_catalogue(language, bundle)
        return path

    def js_catalog_urls(self, bundles: list[str]) -> list[str]:
        return super().js_catalog_urls([name for name in bundles if not self._joined_language(name)])
