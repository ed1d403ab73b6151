"""Language selection for the demo, the way the LMS does it: a user preference (here a
``?lang=`` parameter remembered in a cookie) activates Django's translation for the
request, and the i18n service follows the active language."""
from django.conf import settings
from django.utils import translation

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
