"""The Change-Management Simulation XBlock: the shared shell over the simulation core."""
from xblock.fields import Scope, String

from ..core.i18n import N_
from ..shell.base import AsnBlock
from .core import CORE


class ChangeSimulationBlock(AsnBlock):
    """A branching change scenario: decisions move metrics toward one of several endings."""

    core = CORE
    js_class = "AsnSimulation"
    js_file = "static/js/simulation.js"
    css_file = "static/css/simulation.css"
    DISPLAY_NAME = N_("Change-Management Simulation")
    DEFAULT_MAX_ATTEMPTS = 3
    display_name = String(display_name=N_("Display name"), scope=Scope.settings,
                          default="Change-Management Simulation")
    EMPTY_OLX = ('<asn_change_simulation start="n1">'
                 '<metric id="moral" label="Morale" initial="50"/>'
                 '<node id="n1" title="Start"><content><p>…</p></content>'
                 '<choice id="c1" goto="e1"><text>Continue</text></choice></node>'
                 '<ending id="e1" title="End" score="1" outcome="success"><p>…</p></ending>'
                 '</asn_change_simulation>')
