"""Naming the package's events in event-routing-backends' allow-list, from LMS settings.

ERB transforms only the events its allow-list names. Its plugin settings
(``event_routing_backends/settings/common.py`` ``plugin_settings``) append their defaults to
``EVENT_TRACKING_BACKENDS_ALLOWED_XAPI_EVENTS`` (keeping what is already there) and then
build ``EVENT_TRACKING_BACKENDS`` from it (``utils/settings.py``
``event_tracking_backends_config``: a ``NameWhitelistProcessor`` over all allowed events in
front of the ``event_transformer`` backend, and one per router), and
``EVENT_BUS_TRACKING_LOGS`` (the events the event bus carries when Aspects uses it).
Adding names to the setting after that has no effect by itself, so
``allow_xapi_events(settings)`` does both: it appends the names to the setting and to the
whitelists already built. It works before ERB's plugin settings run (they then keep the
names and build everything from them) and after (the built whitelists are extended), on a
settings module (``plugin_settings(settings)``) or on a settings file's ``globals()``.

Pure Python: nothing is imported.
"""
from __future__ import annotations

from typing import Any

from . import EVENT_NAMES

ALLOWED_XAPI = "EVENT_TRACKING_BACKENDS_ALLOWED_XAPI_EVENTS"
BACKENDS = "EVENT_TRACKING_BACKENDS"
BUS = "EVENT_BUS_TRACKING_LOGS"
WHITELIST_ENGINE = "eventtracking.processors.whitelist.NameWhitelistProcessor"
XAPI_PROCESSOR = "event_routing_backends.processors.xapi.transformer_processor.XApiProcessor"


class _Dict:
    """Attribute access over a settings file's ``globals()``."""

    def __init__(self, namespace: dict[str, Any]):
        self.__dict__["_ns"] = namespace

    def __getattr__(self, name):
        try:
            return self._ns[name]
        except KeyError:
            raise AttributeError(name) from None

    def __setattr__(self, name, value):
        self._ns[name] = value


def _extend(collection: Any, names: tuple[str, ...]) -> Any:
    if isinstance(collection, (set, frozenset)):
        return type(collection)(collection) | set(names)
    items = list(collection or [])
    return items + [name for name in names if name not in items]


def _is_xapi_backend(backend: dict[str, Any]) -> bool:
    processors = (backend.get("OPTIONS") or {}).get("processors") or []
    return any(isinstance(p, dict) and p.get("ENGINE") == XAPI_PROCESSOR for p in processors)


def _walk(backend: Any, names: tuple[str, ...]) -> bool:
    """Extend the whitelists on the way to an xAPI router; True when one was found."""
    if not isinstance(backend, dict):
        return False
    options = backend.get("OPTIONS") or {}
    found = _is_xapi_backend(backend)
    for child in (options.get("backends") or {}).values():
        found = _walk(child, names) or found
    if found:
        for processor in options.get("processors") or []:
            if isinstance(processor, dict) and processor.get("ENGINE") == WHITELIST_ENGINE:
                opts = processor.setdefault("OPTIONS", {})
                opts["whitelist"] = _extend(opts.get("whitelist"), names)
    return found


def allow_xapi_events(settings: Any, names: tuple[str, ...] = EVENT_NAMES) -> None:
    """Name ``names`` (by default every event of the package) in ERB's xAPI allow-list."""
    target = _Dict(settings) if isinstance(settings, dict) else settings
    setattr(target, ALLOWED_XAPI, _extend(getattr(target, ALLOWED_XAPI, None), names))
    bus = getattr(target, BUS, None)
    if bus is not None:
        setattr(target, BUS, _extend(bus, names))
    for backend in (getattr(target, BACKENDS, None) or {}).values():
        _walk(backend, names)


def plugin_settings(settings: Any) -> None:
    """edx-django-utils' plugin-settings entry (``plugin_app`` settings config)."""
    allow_xapi_events(settings)
