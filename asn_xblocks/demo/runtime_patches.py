"""Two corrections to the stock workbench runtime, so the demo behaves like the LMS.

* The workbench "patches" every block before rendering or handling with a due date of
  *now* (for the LTI block): every learner action would be past due. We drop that.
* The LMS mixes ``InheritanceMixin`` into every block, giving it ``due`` and
  ``graceperiod`` settings. We mix in an equivalent so scenarios can set a due date.
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
    global _APPLIED  # pylint: disable=global-statement
    if _APPLIED:
        return
    from workbench import runtime as workbench_runtime

    original_init = workbench_runtime.WorkbenchRuntime.__init__

    def __init__(self, user_id=None):
        original_init(self, user_id)
        self.mixologist = Mixologist([DemoInheritanceMixin])

    def _patch_xblock(self, block):  # pylint: disable=unused-argument
        return None

    workbench_runtime.WorkbenchRuntime.__init__ = __init__
    workbench_runtime.WorkbenchRuntime._patch_xblock = _patch_xblock  # pylint: disable=protected-access
    _APPLIED = True
