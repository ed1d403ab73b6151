"""The Integrity Case Study XBlock: the shared shell over the case-study core."""
from xblock.fields import Scope, String

from ..core.i18n import N_
from ..shell.base import AsnBlock
from .core import CORE


class CaseStudyBlock(AsnBlock):
    """A staged integrity case: decide, reflect in writing, get feedback and a debrief."""

    core = CORE
    js_class = "AsnCaseStudy"
    js_file = "static/js/case_study.js"
    css_file = "static/css/case_study.css"
    DISPLAY_NAME = N_("Integrity Case Study")
    DEFAULT_MAX_ATTEMPTS = 1
    display_name = String(display_name=N_("Display name"), scope=Scope.settings,
                          default="Integrity Case Study")
    EMPTY_OLX = ('<asn_case_study><stage id="s1" title="Stage 1"><narrative><p>…</p></narrative>'
                 '<question id="q1" kind="single" points="1"><prompt><p>…</p></prompt>'
                 '<option id="a" score="1"><text>A</text></option>'
                 '<option id="b" score="0"><text>B</text></option></question></stage>'
                 '</asn_case_study>')

