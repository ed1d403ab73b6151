"""Django app config, also the Open edX plugin declaration (edx-django-utils plugin API)."""
from django.apps import AppConfig


class ReviewConfig(AppConfig):
    name = "asn_xblocks.review"
    label = "asn_xblocks_review"
    verbose_name = "ASN XBlocks review"
    default_auto_field = "django.db.models.BigAutoField"

    # Read by edx-django-utils' plugin manager in the LMS and Studio: installing the app
    # there is all it needs (no URLs, no settings of its own).
    plugin_app = {}
