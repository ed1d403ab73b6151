"""Django app config, also the Open edX plugin declaration (edx-django-utils plugin API)."""
import logging

from django.apps import AppConfig

log = logging.getLogger(__name__)


class ReviewConfig(AppConfig):
    name = "asn_xblocks.review"
    label = "asn_xblocks_review"
    verbose_name = "ASN XBlocks review"
    default_auto_field = "django.db.models.BigAutoField"

    # Read by edx-django-utils' plugin manager in the LMS and Studio: the app is installed
    # there, and its settings module (``review/settings.py``) names the package's events
    # in event-routing-backends' xAPI allow-list. No URLs.
    plugin_app = {"settings_config": {
        "lms.djangoapp": {"common": {"relative_path": "settings"}},
        "cms.djangoapp": {"common": {"relative_path": "settings"}},
    }}

    def ready(self):
        """Register the xAPI transformers of the package's events in event-routing-backends'
        registry (``asn_xblocks.xapi``), where that app is installed, as it is in the LMS
        of a site running Open edX Aspects; elsewhere nothing happens. Django imports every
        app's models before any ``ready()``, so the order of the two apps does not matter.
        A fault there is logged: analytics never stop the LMS from starting."""
        from ..xapi import register

        try:
            register()
        except Exception:
            log.exception("Could not register the xAPI transformers of asn_xblocks")
