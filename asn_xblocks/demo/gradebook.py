"""The demo's side of the grade path (shell/grading.py): grade events kept as the LMS keeps
them, the score read back as the LMS computes it, and the staff panel's rescore requests
run at once (the LMS runs them as instructor tasks).
"""
from __future__ import annotations


def on_publish(block, event_type: str, event: dict) -> None:
    """A ``grade`` event is kept for the user the block was built for (the runtime's)."""
    if event_type == "grade":
        record_grade(str(block.scope_ids.usage_id), str(block.scope_ids.user_id), event)


def record_grade(usage_id: str, student_id: str, event: dict) -> None:
    from .models import DemoGrade

    earned, possible = float(event["value"]), float(event["max_value"])
    current = DemoGrade.objects.filter(usage_id=usage_id, student_id=student_id).first()
    if event.get("only_if_higher") and current is not None and current.max_grade and possible:
        if earned / possible <= current.grade / current.max_grade:
            return
    DemoGrade.objects.update_or_create(usage_id=usage_id, student_id=student_id,
                                       defaults={"grade": earned, "max_grade": possible})


def weighted(block) -> tuple[float, float]:
    """(earned, possible) in the gradebook for the block's user, weighted once as the
    LMS's grades/scores.py does: the kept score, else 0 of the block's ``max_score()``."""
    from .models import DemoGrade

    row = DemoGrade.objects.filter(usage_id=str(block.scope_ids.usage_id),
                                   student_id=str(block.scope_ids.user_id)).first()
    earned, possible = (row.grade, row.max_grade) if row else (0.0, block.max_score())
    if block.weight is None or possible == 0:
        return earned, possible
    return earned * block.weight / possible, float(block.weight)


def regrade_now(block, row) -> bool:
    """The demo's instructor task: the learner's own block rescored, as the LMS's
    ``rescore_problem_module_state`` does (no request, the learner's runtime)."""
    from workbench.runtime import WorkbenchRuntime

    if not row.username:
        return False
    learner_block = WorkbenchRuntime(row.username).get_block(str(block.scope_ids.usage_id))
    if not learner_block.has_submitted_answer():
        return False
    learner_block.rescore(only_if_higher=False)
    learner_block.save()
    return True
