"""Instructor review inside each block (course staff only, checked on the server)."""
from __future__ import annotations


class StaffPanelMixin:
    """Filled in by the instructor-review work: learners table, drill-down, grading."""
