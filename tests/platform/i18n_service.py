"""The Open edX platform's XBlock translations, reproduced for tests: the runtime's ``i18n``
service, the Atlas folder a site pulls into, and ``compile_xblock_translations``.

Written from reading the platform (nothing copied); the files and commits read:

* openedx/openedx-platform xmodule/modulestore/django.py @5af5f01fa9480258a5001852cd7498fe3e4cd2fb
  — ``XBlockI18nService``: built per block; ``get_python_locale`` answers
  ``('django', <REPO_ROOT>/conf/plugins-locale/xblock.v1/<module>)`` when that folder exists
  (Atlas, OEP-58), else ``('text', <the module's package>/translations)``; ``__init__`` loads
  ``gettext.translation(domain, dir, [to_locale(get_language() or LANGUAGE_CODE)])`` and on
  ``OSError`` keeps ``django.utils.translation``; ``__getattr__`` delegates to the translator
  (``ugettext`` → ``gettext``); ``get_javascript_i18n_catalog_url(block)`` is
  ``staticfiles_storage.url('js/xblock.v1-i18n/<module>/<to_locale(lang)>.js')`` when that file
  exists under ``STATICI18N_ROOT``, else None.
* openedx/edx-platform xmodule/modulestore/api.py @cc88244be61da0ba8069a551f61669df71c52891
  — the module name is the first component of ``__module__`` of ``block.unmixed_class``
  (the class before the runtime's mixins); the Atlas root and the JS file name above.
* openedx/openedx-platform xmodule/x_module.py @68a5285b1defe164711815c28decebada10d6edb
  — ``ModuleStoreRuntime.service`` calls a callable service with the block (that is how the
  service class becomes one service per block).
* openedx/openedx-platform common/djangoapps/xblock_django/translation.py and
  management/commands/compile_xblock_translations.py @e57a655d77b614f19223984e9805b1fb940ab192
  — the command runs ``msgfmt --check-format`` on every ``.po`` below the Atlas root, then,
  for each installed XBlock class outside ``xmodule`` (``XBlock.load_classes()``), walks
  ``<Atlas root>/<module>/<locale>/LC_MESSAGES`` (not the package's own folder) and, when the
  class has an ``i18n_js_namespace`` and ``djangojs.mo`` (preferred) or ``django.mo`` exists,
  writes Django's JavaScript catalogue for it wrapped by django-statici18n in that namespace
  to ``STATICI18N_ROOT/js/xblock.v1-i18n/<module>/<locale>.js``.
* openedx/edx-platform openedx/core/djangoapps/plugins/i18n_api.py
  @345b557b3450d38ed52297dc17df91516330ab48 — ``pull_xblock_translations`` runs
  ``atlas pull --expand-glob translations/*/<module>/conf/locale:<module>`` in the Atlas root
  for every installed XBlock module; ``compile_po_files`` is the ``msgfmt`` step.
"""
from __future__ import annotations

import functools
import gettext
import os
import subprocess
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import django.utils.translation
from django.conf import settings
from django.utils.encoding import force_str
from django.utils.translation import get_language, override, to_locale
from django.views.i18n import JavaScriptCatalog


def root_module_name(cls: type) -> str:
    return cls.__module__.split(".")[0]


def xblock_module_name(block) -> str:
    """The platform names a block's translations after its class before the mixins."""
    return root_module_name(getattr(block, "unmixed_class", type(block)))


def js_catalog_name(module: str, locale: str) -> str:
    """Relative to STATICI18N_ROOT and to the static URL."""
    return f"js/xblock.v1-i18n/{module}/{locale}.js"


@dataclass
class PlatformSite:
    """The directories of one LMS (or Studio) the service and the command read."""

    repo_root: Path  # settings.REPO_ROOT
    statici18n_root: Path  # settings.STATICI18N_ROOT (lms/static in the platform)

    @property
    def xblock_locale_root(self) -> Path:
        return self.repo_root / "conf" / "plugins-locale" / "xblock.v1"

    def i18n_service(self):
        """What the runtime's services hold under "i18n": called with each block."""
        return functools.partial(XBlockI18nServiceLike, site=self)

    # --- a site's Atlas pull (``make pull_xblock_translations``) -------------------------
    def atlas_pull(self, catalogues: dict[str, dict[str, str]]) -> None:
        """Lay out what ``atlas pull`` leaves: one folder per installed XBlock module (empty
        when the translations repository has nothing for it) holding
        ``<locale>/LC_MESSAGES/django.po``; ``catalogues`` maps module → locale → .po text."""
        for module in {module for module, _cls in installed_xblocks()} | set(catalogues):
            (self.xblock_locale_root / module).mkdir(parents=True, exist_ok=True)
        for module, locales in catalogues.items():
            for locale, po_text in locales.items():
                messages = self.xblock_locale_root / module / locale / "LC_MESSAGES"
                messages.mkdir(parents=True, exist_ok=True)
                (messages / "django.po").write_text(po_text, encoding="utf-8")

    # --- ``manage.py lms compile_xblock_translations`` -----------------------------------
    def compile_xblock_translations(self) -> list[Path]:
        """Compile every .po below the Atlas root, then each installed XBlock's JS
        catalogues; returns the JS files written."""
        for root, _dirs, files in os.walk(self.xblock_locale_root):
            for name in files:
                if name.endswith(".po"):
                    po = Path(root) / name
                    subprocess.run(["msgfmt", "--check-format", "-o", str(po.with_suffix(".mo")),
                                    str(po)], check=True)
        written = []
        for module, cls in installed_xblocks():
            module_dir = self.xblock_locale_root / module
            namespace = cls.get_i18n_js_namespace()
            for locale_dir in module_dir.iterdir():  # the platform expects the folder to exist
                messages = locale_dir / "LC_MESSAGES"
                domain = next((d for d in ("djangojs", "django") if (messages / f"{d}.mo").exists()), None)
                if not (domain and namespace):
                    continue
                target = self.statici18n_root / js_catalog_name(module, locale_dir.name)
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_text(namespaced_js_catalog(module_dir, locale_dir.name, domain, namespace),
                                  encoding="utf-8")
                written.append(target)
        return written


def installed_xblocks() -> list[tuple[str, type]]:
    """Every installed XBlock class (the ``xblock.v1`` entry points) outside ``xmodule``."""
    from xblock.core import XBlock

    return [(root_module_name(cls), cls) for _tag, cls in XBlock.load_classes()
            if root_module_name(cls) != "xmodule"]


class _CatalogueView(JavaScriptCatalog):
    """Django's JavaScript catalogue over one GNU catalogue file (any domain and folder)."""

    def render_catalogue(self, translation) -> str:
        self.translation = translation
        return force_str(self.render_to_response(self.get_context_data()).content)


def namespaced_js_catalog(locale_dir: Path, locale: str, domain: str, namespace: str) -> str:
    from statici18n.management.commands.compilejsi18n import Command as CompileJsI18n

    with override(locale):
        translation = gettext.translation(domain, localedir=str(locale_dir), languages=[locale])
        rendered = _CatalogueView().render_catalogue(translation)
    # the same django-statici18n wrapper the platform uses: ``global.<namespace> = {...}``
    return CompileJsI18n()._get_namespaced_catalog(rendered_js=rendered, namespace=namespace)


class XBlockI18nServiceLike:
    """The LMS's and Studio's ``i18n`` service for one block."""

    def __init__(self, block=None, *, site: PlatformSite):
        self.site = site
        self.translator = django.utils.translation
        self.domain = self.locale_dir = None
        if block is not None:
            self.domain, self.locale_dir = self.get_python_locale(block)
            language = get_language()
            try:
                self.translator = gettext.translation(
                    self.domain, self.locale_dir, [to_locale(language or settings.LANGUAGE_CODE)])
            except OSError:
                pass  # Django's own catalogue, as the platform falls back

    def get_python_locale(self, block) -> tuple[str, str]:
        module = xblock_module_name(block)
        atlas = self.site.xblock_locale_root / module
        if atlas.is_dir():
            return "django", str(atlas)
        with resources.as_file(resources.files(module) / "translations") as bundled:
            return "text", str(bundled)

    def get_javascript_i18n_catalog_url(self, block):
        from django.contrib.staticfiles.storage import staticfiles_storage

        name = js_catalog_name(xblock_module_name(block), to_locale(get_language()))
        if (self.site.statici18n_root / name).exists():
            return staticfiles_storage.url(name)
        return None

    def __getattr__(self, name):
        if name == "translator":  # not set yet: no recursion
            raise AttributeError(name)
        return getattr(self.translator, "gettext" if name == "ugettext" else name)
