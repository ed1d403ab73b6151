"""Writes and reads of the review app's rows on behalf of the blocks.

The learner's request keeps its own review row current (one UPDATE per action, a few
more rows when an attempt finishes), so staff views never have to open learner states.
"""
from __future__ import annotations

from typing import Any

from django.db.models import F
from django.utils import timezone

from ...core.scoring import AttemptScore, pick_attempt
from ..models import (
    STATUS_AWAITING_GRADING,
    STATUS_FINISHED,
    STATUS_IN_PROGRESS,
    AttemptRecord,
    LearnerReview,
    StaffGrade,
)

_FIND_ROW: dict[tuple[str, str], tuple[str, list[str], list[tuple[int, list, Any]]]] = {}


def find_row(usage_key: str, learner_id: str) -> LearnerReview | None:
    """The learner's review row (unique per block and learner), read on every learner
    render and write. One SELECT, written once per database connection and vendor, whose
    values go through the fields' database converters and ``Model.from_db`` exactly as a
    queryset's rows do — without compiling a queryset of this wide row on each request,
    which cost several times the query itself (``make bench``: the render's and the
    handler's share above the floor)."""
    from django.db import connections, router

    alias = router.db_for_read(LearnerReview)
    connection = connections[alias]
    key = (alias, connection.vendor)
    prepared = _FIND_ROW.get(key)
    if prepared is None:
        meta = LearnerReview._meta
        quote = connection.ops.quote_name
        fields = list(meta.concrete_fields)
        sql = (f"SELECT {', '.join(quote(f.column) for f in fields)} FROM "
               f"{quote(meta.db_table)} WHERE {quote(meta.get_field('usage_key').column)} = %s "
               f"AND {quote(meta.get_field('learner_id').column)} = %s")
        converters = []
        for index, model_field in enumerate(fields):
            column = model_field.get_col(meta.db_table)
            found = connection.ops.get_db_converters(column) + model_field.get_db_converters(connection)
            if found:
                converters.append((index, found, column))
        prepared = _FIND_ROW[key] = (sql, [f.attname for f in fields], converters)
    sql, names, converters = prepared
    with connection.cursor() as cursor:
        cursor.execute(sql, [usage_key, learner_id])
        values = cursor.fetchone()
    if values is None:
        return None
    values = list(values)
    for index, found, column in converters:
        for converter in found:
            values[index] = converter(values[index], column, connection)
    return LearnerReview.from_db(alias, names, values)


def ensure_row(block) -> LearnerReview:
    row, _created = LearnerReview.objects.get_or_create(
        usage_key=block.usage_id_str, learner_id=block.learner_id,
        defaults={
            "course_key": block.course_id_str, "block_type": block.scope_ids.block_type,
            "username": block.learner_name[:150], "cohort": block.cohort_name()[:128],
            "last_activity": timezone.now(), "student_item": block.student_item(),
        },
    )
    return row


def compare_and_set(row: LearnerReview, state_version: int, new_version: int, **fields: Any) -> bool:
    """Advance the row's copy of the learner's state version, only if nobody else did."""
    fields.setdefault("last_activity", timezone.now())
    values = {"state_version": new_version, **fields}
    if any(hasattr(value, "resolve_expression") for value in values.values()):
        updated = LearnerReview.objects.filter(pk=row.pk, state_version=state_version).update(
            **values)
    else:
        updated = _update_if_version({"pk": row.pk}, state_version, values)
    if updated:
        row.state_version = new_version
        for name, value in fields.items():
            setattr(row, name, value)
    return bool(updated)


def compare_and_set_unread(usage_key: str, learner_id: str, state_version: int, new_version: int,
                           **fields: Any) -> bool:
    """``compare_and_set`` on the learner's row found by its unique key, for a write that
    has not read it: False when nobody's row is at ``state_version`` (another request wrote
    since, or there is no row). Plain values only."""
    fields.setdefault("last_activity", timezone.now())
    where = {"usage_key": usage_key, "learner_id": learner_id}
    return bool(_update_if_version(where, state_version, {"state_version": new_version, **fields}))


def _update_if_version(where: dict[str, Any], state_version: int, values: dict[str, Any]) -> int:
    """``UPDATE … WHERE <where> AND state_version`` with plain values, written directly:
    every learner write runs it, and compiling the queryset's UPDATE cost several times the
    statement (``make bench``). Values go through each field's ``get_db_prep_save``, as
    the queryset's update does; the count is of matched rows (Django's MySQL connection
    asks for found rows), so an unchanged row still counts."""
    from django.db import connections, router

    connection = connections[router.db_for_write(LearnerReview)]
    meta = LearnerReview._meta
    quote = connection.ops.quote_name
    assignments, params = [], []
    for name, value in values.items():
        model_field = meta.get_field(name)
        assignments.append(f"{quote(model_field.column)} = %s")
        params.append(model_field.get_db_prep_save(value, connection))
    conditions, where_params = [], []
    for name, value in {**where, "state_version": state_version}.items():
        model_field = meta.pk if name == "pk" else meta.get_field(name)
        conditions.append(f"{quote(model_field.column)} = %s")
        where_params.append(model_field.get_db_prep_value(value, connection))
    sql = (f"UPDATE {quote(meta.db_table)} SET {', '.join(assignments)} WHERE "
           f"{' AND '.join(conditions)}")
    with connection.cursor() as cursor:
        cursor.execute(sql, [*params, *where_params])
        return cursor.rowcount


def add_attempt(row: LearnerReview, number: int, score: AttemptScore, answer: dict,
                attempt_state: dict | None = None, content_hash: str = "") -> AttemptRecord:
    """The finished attempt as taken: its score, its answers, the engine's state of it and
    the content revision it was taken on (a rescore re-grades the state)."""
    return AttemptRecord.objects.create(
        review=row, number=number, finished_at=timezone.now(), raw_earned=score.earned,
        raw_possible=score.possible, fraction=score.fraction, pending=score.pending,
        answer=answer, competencies=score.competencies.to_dict(),
        attempt_state=attempt_state or {}, content_hash=content_hash,
    )


def counting_attempt(row: LearnerReview, policy: str) -> AttemptRecord | None:
    attempts = list(row.attempt_records.order_by("number"))
    index = pick_attempt(policy, [a.fraction for a in attempts])
    return None if index is None else attempts[index]


def summarize(row: LearnerReview, policy: str) -> dict[str, Any]:
    """Best/last fractions, status and pending count from the attempt records."""
    attempts = list(row.attempt_records.order_by("number"))
    if not attempts:
        return {"status": STATUS_IN_PROGRESS}
    last = attempts[-1]
    index = pick_attempt(policy, [a.fraction for a in attempts])
    counting = attempts[index]
    pending = sum(len(a.answer.get("staff_items", [])) - a.grades.count() for a in [last] if a.pending)
    return {
        "attempts": len(attempts),
        "best_fraction": max(a.fraction for a in attempts),
        "last_fraction": last.fraction,
        "pending_reflections": max(0, pending),
        "status": STATUS_AWAITING_GRADING if last.pending else STATUS_FINISHED,
        "competencies": counting.competencies,
    }


def grades_for(attempt: AttemptRecord | None) -> dict[str, dict[str, Any]]:
    if attempt is None:
        return {}
    return _grades_dict(attempt.grades.all())


def _grades_dict(grades) -> dict[str, dict[str, Any]]:
    return {g.item_id: {"points": g.points, "criteria": g.criteria, "comment": g.comment,
                        "graded_by": g.graded_by, "graded_at": g.graded_at.isoformat(),
                        "version": g.version}
            for g in grades}


def report_context(usage_key: str, usernames: list[str]) -> dict[str, tuple[LearnerReview, AttemptRecord | None, dict]]:
    """username -> (review row, latest attempt record, its staff grades) for one chunk of a
    report, in three queries whatever the chunk's size (a query per learner made a large
    course's report slow down as the table grew).

    The report knows learners by username only, and a row keeps the name its learner had
    at their first action: an account renamed since, or a runtime without usernames, can
    leave two rows (two learners) under one name. Only a non-empty name that exactly one
    row of the block carries is answered (compared exactly: MySQL's collation would also
    match another case); any other name gets no row rather than another learner's."""
    wanted = {name for name in usernames if isinstance(name, str) and name}
    by_name: dict[str, list[LearnerReview]] = {}
    for row in LearnerReview.objects.filter(usage_key=usage_key, username__in=wanted):
        if row.username in wanted:
            by_name.setdefault(row.username, []).append(row)
    rows = [found[0] for found in by_name.values() if len(found) == 1]
    latest: dict[int, AttemptRecord] = {}
    for record in AttemptRecord.objects.filter(review__in=[r.pk for r in rows]).order_by("review_id", "number"):
        latest[record.review_id] = record  # ordered by number: the last one stays
    grades: dict[int, list[StaffGrade]] = {}
    for grade in StaffGrade.objects.filter(attempt__in=[r.pk for r in latest.values()]):
        grades.setdefault(grade.attempt_id, []).append(grade)
    context = {}
    for row in rows:
        record = latest.get(row.pk)
        context[row.username] = (row, record, _grades_dict(grades.get(record.pk, [])) if record else {})
    return context


def attempts_of(row: LearnerReview) -> list[AttemptRecord]:
    """The row's finished attempts, oldest first."""
    return list(row.attempt_records.order_by("number"))


def latest_attempt(row: LearnerReview | None) -> AttemptRecord | None:
    if row is None:
        return None
    return row.attempt_records.order_by("-number").first()


def bump_row_version(row: LearnerReview, **fields: Any) -> None:
    LearnerReview.objects.filter(pk=row.pk).update(version=F("version") + 1, **fields)
    row.refresh_from_db()


__all__ = ["StaffGrade", "find_row", "ensure_row", "compare_and_set", "compare_and_set_unread",
           "add_attempt",
           "counting_attempt", "summarize", "grades_for", "latest_attempt", "report_context",
           "bump_row_version"]


def keep_revision(usage_key: str, content_hash: str, stored: dict) -> None:
    """Keep the content an attempt finished on, as the block stores it (model and any
    stored analysis), once per revision."""
    from ..models import ContentRevision

    if content_hash and not ContentRevision.objects.filter(
            usage_key=usage_key, content_hash=content_hash).exists():
        ContentRevision.objects.get_or_create(usage_key=usage_key, content_hash=content_hash,
                                              defaults={"model": stored})


def revision(usage_key: str, content_hash: str) -> dict | None:
    """The stored content of a revision (``{"hash", "model", "analysis"?}``)."""
    from ..models import ContentRevision

    found = ContentRevision.objects.filter(usage_key=usage_key, content_hash=content_hash).first()
    return found.model if found else None


def learners_on(usage_key: str) -> int:
    """How many learners have started or finished the block (Studio warns before a save)."""
    return LearnerReview.objects.filter(usage_key=usage_key).count()


def delete_learner(usage_key: str, learner_id: str) -> None:
    """Everything the review app holds of one learner in one block: their facts leave the
    analytics' totals, then their row goes with its attempts and grades."""
    from django.db import transaction

    from . import facts

    with transaction.atomic():
        facts.forget_learner(usage_key, learner_id)
        LearnerReview.objects.filter(usage_key=usage_key, learner_id=learner_id).delete()


def rescore_attempt(record: AttemptRecord, score: AttemptScore) -> None:
    """A finished attempt's stored result replaced by ``score`` (a rescore)."""
    record.raw_earned, record.raw_possible = score.earned, score.possible
    record.fraction, record.pending = score.fraction, score.pending
    record.competencies = score.competencies.to_dict()
    record.save(update_fields=["raw_earned", "raw_possible", "fraction", "pending",
                               "competencies"])


def apply_summary(row: LearnerReview, policy: str) -> None:
    """Set the row's summary of its attempts (``summarize``), unsaved."""
    for name, value in summarize(row, policy).items():
        setattr(row, name, value)


def save_with_points(row: LearnerReview, points: tuple[float | None, float | None]) -> None:
    """Save the row with the gradebook's points (earned None: no score yet)."""
    row.points_earned, row.points_possible = points
    row.save()


def grade_records(record: AttemptRecord) -> dict[str, StaffGrade]:
    """The attempt's staff grades by item id."""
    return {grade.item_id: grade for grade in record.grades.all()}


def save_staff_result(record: AttemptRecord, answer: dict, earned: float, pending: bool,
                      competencies: dict) -> None:
    """An attempt's result after a staff grade: its points, whether items still await a
    grade, its competencies (the fraction follows from the points)."""
    record.answer = answer
    record.raw_earned = earned
    record.fraction = (min(1.0, max(0.0, earned / record.raw_possible))
                       if record.raw_possible > 0 else 0.0)
    record.pending = pending
    record.competencies = competencies
    record.save(update_fields=["answer", "raw_earned", "fraction", "pending", "competencies"])
