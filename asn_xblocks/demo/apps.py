"""The demo app: makes the workbench runtime behave like the LMS where it matters."""
from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "asn_xblocks.demo"
    label = "asn_xblocks_demo"
    verbose_name = "ASN XBlocks demo"

    def ready(self):
        from . import runtime_patches

        runtime_patches.apply()
