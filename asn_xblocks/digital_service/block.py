"""The Digital Public-Service Exercise XBlock: the shared shell over the service-desk core."""
from xblock.fields import Scope, String

from ..core.i18n import N_
from ..shell.base import AsnBlock
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
