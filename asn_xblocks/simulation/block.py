"""The Change-Management Simulation XBlock: the shared shell over the simulation core."""
from typing import Any

from xblock.fields import Scope, String

from ..core.i18n import N_
from ..review import api
from ..shell.base import AsnBlock
from . import cohort_view, engine
from .core import CORE
from .model import cohort_minimum
from .scenario import Scenario


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

    def add_learner_extras(self, payload: dict[str, Any], state: dict[str, Any],
                           attempt: dict[str, Any], row) -> None:
        """How the cohort chose (``show_cohort``), once the attempt is finished and never
        before: shares beside the decisions of the path and the line on the most common path
        (``simulation.cohort_view``), counted by ``review.api.cohort_paths`` in one statement.

        Called by ``AsnBlock.learner_payload`` (shell/base.py) after the view is built, in the
        learner's own request (``state`` handler and every write that answers with the
        payload). The scope is the learner's cohort as their review row holds it (the LMS's
        course_groups cohort, ``UserMixin.cohort_name``), else every learner of the block."""
        view = payload.get("view")
        content = self.content_model
        if not content.show_cohort or row is None or not isinstance(view, dict) \
                or not view.get("finished") or not attempt.get("finished"):
            return
        timeline = (view.get("debrief") or {}).get("timeline") or []
        own = engine.path_choice_ids(attempt)
        nodes = {entry["node"] for group in timeline for entry in group.get("entries", [])
                 if entry.get("node")}
        minimum = cohort_minimum(content)
        cohort = row.cohort or ""
        counts, paths = api.cohort_paths.choices_and_paths(
            self.usage_id_str, cohort, self.learner_id, nodes, minimum)
        shares = api.cohort.percents(counts, minimum)
        view["cohort"] = cohort_view.cohort_view(Scenario(content), timeline, own, shares, paths,
                                                 minimum, bool(cohort), self.language)
