"""The block attributes Open edX mixes into every XBlock, and its opaque keys.

Reproduced from reading openedx/openedx-platform (not copied):

* xmodule/x_module.py ``XModuleMixin``: ``location`` is a property *with a setter* over
  ``scope_ids.usage_id`` (course import, duplication and copy assign it), ``url_name`` is
  ``location.block_id``, ``course_id`` is ``location.course_key``, ``category`` is the block
  type, ``display_name_with_default``.
* xmodule/modulestore/inheritance.py ``InheritanceMixin``: the settings a course passes down
  (``due``, ``graceperiod``, ``show_correctness``, ``showanswer``, ``max_attempts``,
  ``visible_to_staff_only``, …; the ones the blocks read are reproduced here).
* lms/djangoapps/lms_xblock/mixin.py ``LmsBlockMixin``: ``group_access``,
  ``visible_to_staff_only`` and friends.
* lms/envs/common.py ``XBLOCK_MIXINS``: the mixins come *after* the block class in the MRO,
  so a block attribute of the same name shadows the platform's — which is why the package
  must define none of these names (``test_platform_attributes.py`` checks it).

Keys are edx-opaque-keys' real ``CourseLocator`` / ``BlockUsageLocator``, as the LMS and
Studio use them (XBlock's own ``usage_key`` / ``context_key`` return them).
"""
from __future__ import annotations

from opaque_keys.edx.locator import BlockUsageLocator, CourseLocator
from xblock.core import XBlockMixin
from xblock.fields import Boolean, Date, Dict, Integer, Scope, String

COURSE_KEY = CourseLocator("ASN", "MKA101", "2026")


def usage_key_for(block_type: str, block_id: str, course_key=COURSE_KEY) -> BlockUsageLocator:
    return BlockUsageLocator(course_key, block_type, block_id)


class XModuleLikeMixin(XBlockMixin):
    """What XModuleMixin gives every block that the package could collide with."""

    @property
    def location(self):
        return self.scope_ids.usage_id

    @location.setter
    def location(self, value):
        # the platform checks the type and rebuilds scope_ids with the new usage id
        assert isinstance(value, BlockUsageLocator)
        self.scope_ids = self.scope_ids._replace(def_id=value, usage_id=value)

    @property
    def url_name(self):
        return self.location.block_id

    @property
    def course_id(self):
        return self.location.course_key

    @property
    def category(self):
        return self.scope_ids.block_type

    @property
    def display_name_with_default(self):
        name = getattr(self, "display_name", None)
        return name if name else self.url_name.replace("_", " ")


class InheritanceLikeMixin(XBlockMixin):
    """The inherited settings the blocks read (the LMS's InheritanceMixin has more)."""

    due = Date(scope=Scope.settings, default=None)
    graceperiod = String(scope=Scope.settings, default=None)
    show_correctness = String(scope=Scope.settings, default="always")
    showanswer = String(scope=Scope.settings, default="finished")
    max_attempts = Integer(scope=Scope.settings, default=None)
    visible_to_staff_only = Boolean(scope=Scope.settings, default=False)
    start = Date(scope=Scope.settings, default=None)


class LmsBlockLikeMixin(XBlockMixin):
    group_access = Dict(scope=Scope.settings, default={})


PLATFORM_MIXINS = (LmsBlockLikeMixin, InheritanceLikeMixin, XModuleLikeMixin)

# Names XModuleMixin, XBlock, LmsBlockMixin and InheritanceMixin define that a block must not
# redefine (the mixins would be shadowed, or XBlock's own meaning changed).
PLATFORM_NAMES = frozenset({
    # XBlock (xblock/core.py)
    "usage_key", "context_key", "display_name_with_default", "scope_ids", "runtime",
    "parent", "children", "get_parent", "get_children",
    # XModuleMixin (xmodule/x_module.py)
    "location", "url_name", "course_id", "category", "display_name_with_default_escaped",
    "has_score", "get_icon_class", "get_explicitly_set_fields_by_scope",
    "get_content_titles", "get_child", "bind_for_student", "xmodule_runtime",
    "has_dynamic_children", "get_display_items", "displayable_items", "get_child_by",
    "system",
    # LmsBlockMixin (lms/djangoapps/lms_xblock/mixin.py)
    "chrome", "default_tab", "source_file", "ispublic", "visible_to_staff_only",
    "group_access", "merged_group_access", "validate_group_access", "hide_from_toc",
    # InheritanceMixin (xmodule/modulestore/inheritance.py)
    "start", "due", "graceperiod", "showanswer", "show_correctness", "rerandomize",
    "days_early_for_beta", "static_asset_path", "use_latex_compiler",
    "video_speed_optimizations", "self_paced", "in_entrance_exam", "user_partitions",
    "course_edit_method", "giturl", "xqa_key", "annotation_storage_url",
    "annotation_token_secret", "edxnotes", "edxnotes_visibility", "hide_after_due", "matlab_api_key",
    "max_attempts", "show_reset_button",
    "submission_start", "graded", "format",
})
