"""Marking strings for translation in code that may not import Django.

The pure core cannot call the runtime's i18n service, so it marks its user-facing
messages with ``N_`` (gettext_noop): ``make extract_translations`` picks them up, and the
XBlock shell translates them when it turns a core message into text for a person.
"""


def N_(message: str) -> str:  # noqa: N802 - conventional gettext_noop name
    """Return ``message`` unchanged; marks it for extraction."""
    return message
