"""Staff viewing the course as a specific learner ("masquerade") must record nothing.

What the LMS does (read in openedx-platform: lms/djangoapps/courseware/masquerade.py,
lms/djangoapps/courseware/block_render.py, xmodule/services.py): the block is built for the
*learner* — the user service is bound to the learner, with no staff flag — while the
learner's field writes go to the staff member's session (``MasqueradingKeyValueStore``)
and the runtime drops ``grade`` and ``completion`` events. Nothing stops a block's own
writes elsewhere, so a block that keeps cross-learner data (our review rows, attempt
records, edx-submissions scores) would write them for the learner, and move the learner's
review-row version ahead of their real state.

The platform gives a block no flag for it. Two signals, both checked:

* the user service's Django user carries ``real_user`` (the staff member) when it was
  built for a masquerade (``setup_masquerade``);
* the request's real user (``crum.get_current_user()``, set by the LMS's
  ``CurrentRequestUserMiddleware``) is not the user the service is bound to.

While staff masquerade, the learner handlers refuse to act (403 with a clear message) and
the view says so: playing without recording would need a second copy of the review data.
"""
from __future__ import annotations

from ..core.actions import ActionError
from ..core.i18n import N_

MASQUERADE_MESSAGE = N_("You are viewing as this learner; actions are not recorded.")


def _bound_django_user(block):
    service = block.runtime.service(block, "user")
    return getattr(service, "_django_user", None), service


def is_masquerading(block) -> bool:
    django_user, service = _bound_django_user(block)
    real = getattr(django_user, "real_user", None)
    if real is not None and getattr(real, "id", None) != getattr(django_user, "id", None):
        return True
    try:
        from crum import get_current_user  # present in the LMS; absent in the workbench
    except ImportError:
        return False
    current = get_current_user()
    if current is None or service is None or not getattr(current, "is_authenticated", False):
        return False  # a background task (rescore, reports) or no request at all
    user = service.get_current_user()
    bound = user.opt_attrs.get("edx-platform.user_id") if user else None
    return bound is not None and getattr(current, "id", None) != bound


class MasqueradeMixin:
    _masquerading = None  # found once per block instance (one request in the LMS)

    @property
    def masquerading(self) -> bool:
        cached = self._masquerading
        if cached is None:
            cached = self._masquerading = is_masquerading(self)
        return cached

    def refuse_while_masquerading(self) -> None:
        if self.masquerading:
            raise ActionError(403, MASQUERADE_MESSAGE)
