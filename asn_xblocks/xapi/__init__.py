"""xAPI statements for the package's tracking events, through event-routing-backends.

Open edX turns tracking events into xAPI statements with event-routing-backends (ERB): its
``XApiProcessor`` looks each event's name up in ``XApiTransformersRegistry`` and logs
"Could not get transformer for <name> event" for a name nobody registered. ``register()``
registers this package's transformers there; the review app calls it from ``ready()``
(``review/apps.py``). Where ERB is not installed, or not an installed Django app (the
xblock-sdk demo), nothing is registered and nothing is logged above debug: the blocks do
not depend on it.

This module and ``payload.py`` import nothing of ERB; the transformer modules
(``base.py``, ``case_study.py``, ``simulation.py``, ``digital_service.py``, ``attempts.py``)
import it and are imported only by ``register()``.

ERB sends only the events its allow-list names (the ``EVENT_TRACKING_BACKENDS_ALLOWED_XAPI_EVENTS``
setting, read into ``EVENT_TRACKING_BACKENDS``' ``NameWhitelistProcessor``): ``EVENT_NAMES``
is the list to add (README "Analytics at scale (Open edX Aspects)").
"""
from __future__ import annotations

import importlib
import logging

log = logging.getLogger(__name__)

PREFIX = "asn_xblocks"
CASE_STUDY = "asn_case_study"
SIMULATION = "asn_change_simulation"
SERVICE_DESK = "asn_digital_service"
BLOCK_TYPES = (CASE_STUDY, SIMULATION, SERVICE_DESK)


def event_name(block_type: str, action: str) -> str:
    return f"{PREFIX}.{block_type}.{action}"


# every event the package emits (shell/events.py publishes ``asn_xblocks.<tag>.<action>``)
EVENT_NAMES: tuple[str, ...] = (
    event_name(CASE_STUDY, "stage_submitted"),
    event_name(SIMULATION, "choice_made"),
    event_name(SIMULATION, "ending_reached"),
    event_name(SERVICE_DESK, "request_submitted"),
    event_name(SERVICE_DESK, "record_submitted"),
    *(event_name(tag, "attempt_finished") for tag in BLOCK_TYPES),
    event_name(CASE_STUDY, "reflection_graded"),
    *(event_name(tag, "score_overridden") for tag in BLOCK_TYPES),
)

TRANSFORMER_MODULES = ("case_study", "simulation", "digital_service", "attempts")


def erb_available() -> bool:
    """ERB importable and an installed Django app (its models load only then)."""
    try:
        importlib.import_module("event_routing_backends.processors.xapi.registry")
    except ImportError:
        return False
    try:
        from django.apps import apps
    except ImportError:  # pragma: no cover - Django is always there beside ERB
        return False
    return apps.is_installed("event_routing_backends")


def register() -> bool:
    """Register the transformers in ERB's registry; False (and nothing registered) without
    ERB. Registering again replaces the same classes (ERB logs that at info level)."""
    if not erb_available():
        log.debug("event-routing-backends is not installed: no xAPI transformers registered")
        return False
    for name in TRANSFORMER_MODULES:
        module = importlib.import_module(f"{__name__}.{name}")
        module.register()
    return True
