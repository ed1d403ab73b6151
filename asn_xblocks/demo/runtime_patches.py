"""Four corrections to the stock workbench runtime, so the demo behaves like Open edX.

* The workbench "patches" every block before rendering or handling with a due date of
  *now* (for the LTI block): every learner action would be past due. We drop that.
* The LMS mixes ``InheritanceMixin`` into every block, giving it ``due`` and
  ``graceperiod`` settings. We mix in an equivalent so scenarios can set a due date.
* A ``grade`` event is kept for the runtime's user (gradebook.py), as the LMS keeps it.
* Studio's permissions service exists only in Studio's runtimes: outside the demo's
  Studio requests (``studio.py``) the runtime offers none, as the LMS offers none.
"""
from xblock.core import XBlockMixin
from xblock.fields import Date, Scope, String
from xblock.runtime import Mixologist

_APPLIED = False


class DemoInheritanceMixin(XBlockMixin):
    due = Date(scope=Scope.settings, default=None, help="Date that this problem is due by")
    graceperiod = String(scope=Scope.settings, default=None,
                         help="Amount of time after the due date that submissions will be accepted")


def apply():
    global _APPLIED
    if _APPLIED:
        return
    from workbench import runtime as workbench_runtime

    original_init = workbench_runtime.WorkbenchRuntime.__init__

    def __init__(self, user_id=None):
        original_init(self, user_id)
        self.mixologist = Mixologist([DemoInheritanceMixin])

    def _patch_xblock(self, block):
        return None

    original_service = workbench_runtime.WorkbenchRuntime.service

    def service(self, block, service_name):
        from . import studio

        if service_name == "studio_user_permissions" and not studio.in_studio():
            return None  # what XBlock's runtime gives for a wanted service it lacks
        return original_service(self, block, service_name)

    original_publish = workbench_runtime.WorkbenchRuntime.publish

    def publish(self, block, event_type, event_data):
        from .gradebook import on_publish

        on_publish(block, event_type, event_data)
        return original_publish(self, block, event_type, event_data)

    workbench_runtime.WorkbenchRuntime.__init__ = __init__
    workbench_runtime.WorkbenchRuntime.service = service
    workbench_runtime.WorkbenchRuntime.publish = publish
    workbench_runtime.WorkbenchRuntime._patch_xblock = _patch_xblock
    _APPLIED = True
