"""Two things the demo's requests carry the way Open edX's do.

* Language: a user preference (here a ``?lang=`` parameter remembered in a cookie)
  activates Django's translation for the request, and the i18n service follows it.
* Studio or LMS: Studio serves the editor, the unit-page summary and the ``studio_*``
  handlers from its own runtime, whose user service has no staff flag and which adds the
  ``studio_user_permissions`` service. :class:`DemoStudioContextMiddleware` marks those
  requests so the demo's services answer as Studio's do (``studio.py`` in this folder).
"""
import re

from django.conf import settings
from django.utils import translation

from . import studio

COOKIE = "asn_demo_lang"


class DemoLanguageMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.codes = {code for code, _name in settings.LANGUAGES}

    def __call__(self, request):
        requested = request.GET.get("lang")
        language = requested if requested in self.codes else request.COOKIES.get(COOKIE)
        if language not in self.codes:
            language = settings.LANGUAGE_CODE
        with translation.override(language):
            request.LANGUAGE_CODE = language
            response = self.get_response(request)
        if requested in self.codes:
            response.set_cookie(COOKIE, requested, samesite="Lax")
        return response


# The workbench's URLs for what Studio serves: the editor and summary views, and the
# block's studio_* handlers.
_STUDIO_PATH = re.compile(r"^/(scenario/[^/]+/(studio_view|author_view)/|"
                          r"handler/[^/]+/studio_[a-z_]+/)")


class DemoStudioContextMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        with studio.context(bool(_STUDIO_PATH.match(request.path))):
            return self.get_response(request)
