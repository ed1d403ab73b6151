"""Review data, written in the learner's own request and read by staff views in SQL.

Nothing here is needed to render a learner's own block (that lives in the learner's
XBlock state); these rows exist so staff can sort, filter, page and aggregate a whole
cohort without loading every learner's state.
"""
from django.db import models

STATUS_IN_PROGRESS = "in_progress"
STATUS_AWAITING_GRADING = "awaiting_grading"
STATUS_FINISHED = "finished"
STATUSES = (STATUS_IN_PROGRESS, STATUS_AWAITING_GRADING, STATUS_FINISHED)


class LearnerReview(models.Model):
    """One learner's standing on one block: what the learners table shows."""

    usage_key = models.CharField(max_length=255)
    course_key = models.CharField(max_length=255, blank=True, default="")
    block_type = models.CharField(max_length=64)
    learner_id = models.CharField(max_length=255)  # the runtime's anonymous user id
    username = models.CharField(max_length=150, blank=True, default="")  # for staff eyes only
    cohort = models.CharField(max_length=128, blank=True, default="")
    attempts = models.PositiveIntegerField(default=0)
    status = models.CharField(max_length=24, default=STATUS_IN_PROGRESS)
    best_fraction = models.FloatField(null=True, blank=True)
    last_fraction = models.FloatField(null=True, blank=True)
    # what the gradebook holds, in the panel's points (weight, else the raw maximum)
    points_earned = models.FloatField(null=True, blank=True)
    points_possible = models.IntegerField(null=True, blank=True)
    pending_reflections = models.PositiveIntegerField(default=0)
    competencies = models.JSONField(default=dict, blank=True)  # id -> [earned, possible]
    override_points = models.FloatField(null=True, blank=True)
    override_reason = models.TextField(blank=True, default="")
    override_by = models.CharField(max_length=150, blank=True, default="")
    override_at = models.DateTimeField(null=True, blank=True)
    submission_uuid = models.CharField(max_length=64, blank=True, default="")
    student_item = models.JSONField(default=dict, blank=True)  # for staff-side set_score
    last_activity = models.DateTimeField()
    version = models.PositiveIntegerField(default=1)  # optimistic locking for staff writes
    # The learner state's action version as last written: a compare-and-set in SQL that
    # refuses a request which read the state before another request wrote it.
    state_version = models.PositiveIntegerField(default=0)
    # Where the learner's unfinished attempt stands (the simulation's node, the case study's
    # stage); "" when no attempt is under way. Analytics: "where learners stop".
    position = models.CharField(max_length=255, blank=True, default="")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["usage_key", "learner_id"], name="asn_review_unique_learner"),
        ]
        indexes = [
            models.Index(fields=["usage_key", "status"], name="asn_review_status"),
            models.Index(fields=["usage_key", "cohort"], name="asn_review_cohort"),
            models.Index(fields=["usage_key", "last_activity"], name="asn_review_activity"),
            models.Index(fields=["usage_key", "best_fraction"], name="asn_review_best"),
            # generate_report_data looks learners up by name, one per learner state
            models.Index(fields=["usage_key", "username"], name="asn_review_username"),
        ]

    def __str__(self):
        return f"{self.usage_key} / {self.learner_id}"


class AttemptRecord(models.Model):
    """A learner's attempt as recorded when it finished: the drill-down's source."""

    review = models.ForeignKey(LearnerReview, related_name="attempt_records", on_delete=models.CASCADE)
    number = models.PositiveIntegerField()
    finished_at = models.DateTimeField()
    raw_earned = models.FloatField()
    raw_possible = models.FloatField()
    fraction = models.FloatField()
    pending = models.BooleanField(default=False)
    answer = models.JSONField(default=dict)
    competencies = models.JSONField(default=dict, blank=True)
    submission_uuid = models.CharField(max_length=64, blank=True, default="")
    # the engine's state of the finished attempt and the content revision it was taken on:
    # a rescore re-grades the state against the current content
    attempt_state = models.JSONField(default=dict, blank=True)
    content_hash = models.CharField(max_length=32, blank=True, default="")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["review", "number"], name="asn_attempt_unique_number"),
        ]
        ordering = ["review", "number"]


class StaffGrade(models.Model):
    """A staff grade of one staff-graded item (a reflection) of one attempt."""

    attempt = models.ForeignKey(AttemptRecord, related_name="grades", on_delete=models.CASCADE)
    item_id = models.CharField(max_length=255)
    points = models.FloatField()
    criteria = models.JSONField(default=dict)  # criterion id -> points
    comment = models.TextField(blank=True, default="")
    graded_by = models.CharField(max_length=150)
    graded_at = models.DateTimeField()
    version = models.PositiveIntegerField(default=1)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["attempt", "item_id"], name="asn_grade_unique_item"),
        ]


class AttemptFact(models.Model):
    """One fact of a learner's latest finished attempt, denormalized for cohort analytics.

    Written with one bulk insert when an attempt finishes (the learner's older facts are
    deleted then, so only the latest finished attempt of each learner is counted) and
    rebuilt when staff grade a reflection of it; ``AnalyticsTally`` keeps their running
    totals, which staff analytics aggregate (see ``shell/analytics.py``). The facts come
    from each block's pure ``facts.py``. ``kind`` says what a row is:

    ========== =================== ============================ ===================
    kind       item_id             value / expected             earned / possible
    ========== =================== ============================ ===================
    score      ""                  "final" | "pending"          raw points
    competency competency id       ""                           points on its items
    option     question id         chosen option id             —
    question   question id         correct|partial|incorrect    points
    reflection reflection id       graded|awaiting|complete|…   points (None: awaiting)
    criterion  reflection id       criterion id                 rubric points
    ending     ending id           outcome                      score on 100
    choice     node id             choice id (step = index)     —
    node       node id             competency's decision        points
    path       ""                  digest (detail: choice ids)  —
    metric     metric id           "" (step = decision index)   value (earned)
    requirement service:requirement ok|miss / met|not_met       points
    rule       grader rule code    ok|miss                      points
    decision   request id          chosen / expected            points
    route, due request id          ok|miss                      points
    request    request id          ok|miss                      points
    ========== =================== ============================ ===================
    """

    usage_key = models.CharField(max_length=255)
    cohort = models.CharField(max_length=128, blank=True, default="")
    review = models.ForeignKey(LearnerReview, related_name="facts", on_delete=models.CASCADE)
    attempt = models.ForeignKey(AttemptRecord, related_name="facts", on_delete=models.CASCADE)
    kind = models.CharField(max_length=24)
    item_id = models.CharField(max_length=255, blank=True, default="")
    value = models.CharField(max_length=255, blank=True, default="")
    expected = models.CharField(max_length=255, blank=True, default="")
    step = models.IntegerField(default=0)
    earned = models.FloatField(null=True, blank=True)
    possible = models.FloatField(null=True, blank=True)
    competency = models.CharField(max_length=128, blank=True, default="")
    detail = models.TextField(blank=True, default="")

    class Meta:
        indexes = [
            # (MySQL: an index key stays under 3072 bytes in utf8mb4, so "value" is left out.)
            models.Index(fields=["usage_key", "kind", "item_id"], name="asn_fact_item"),
            models.Index(fields=["usage_key", "kind", "cohort"], name="asn_fact_cohort"),
        ]

    def __str__(self):
        return f"{self.usage_key} / {self.kind} {self.item_id}={self.value}"


class AnalyticsTally(models.Model):
    """Running totals of ``AttemptFact`` rows that share every grouping column: what staff
    analytics read, so their cost follows the content and the cohorts, not the learners.

    Kept in step with the facts in the same transaction (the learner's old facts are
    subtracted and the new ones added, one INSERT … ON CONFLICT IGNORE and one UPDATE per
    batch of keys); ``shell.analytics.rebuild_tallies`` recomputes them from the facts.
    ``key`` is a digest of the grouping columns (MySQL cannot index them all together).
    """

    usage_key = models.CharField(max_length=255)
    # the course the block is in: the course-wide training needs read every block's totals
    course_key = models.CharField(max_length=255, blank=True, default="")
    key = models.CharField(max_length=40)
    cohort = models.CharField(max_length=128, blank=True, default="")
    kind = models.CharField(max_length=24)
    item_id = models.CharField(max_length=255, blank=True, default="")
    value = models.CharField(max_length=255, blank=True, default="")
    expected = models.CharField(max_length=255, blank=True, default="")
    step = models.IntegerField(default=0)
    competency = models.CharField(max_length=128, blank=True, default="")
    detail = models.TextField(blank=True, default="")
    n = models.IntegerField(default=0)  # facts
    scored = models.IntegerField(default=0)  # facts with known points
    earned = models.FloatField(default=0.0)  # sum of known points
    possible = models.FloatField(default=0.0)
    ratio_sum = models.FloatField(default=0.0)  # sum of earned ÷ possible (possible > 0)
    ratio_n = models.IntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["usage_key", "key"], name="asn_tally_unique_key"),
        ]
        indexes = [
            models.Index(fields=["usage_key", "kind", "cohort"], name="asn_tally_kind"),
            models.Index(fields=["course_key", "kind"], name="asn_tally_course"),
        ]

    def __str__(self):
        return f"{self.usage_key} / {self.kind} {self.item_id}={self.value}: {self.n}"


class ContentRevision(models.Model):
    """A block's content as a finished attempt was taken on: after the author edits the
    block, that attempt is still shown as the learner took it. Written once per revision
    an attempt finishes on."""

    usage_key = models.CharField(max_length=255)
    content_hash = models.CharField(max_length=32)
    model = models.JSONField(default=dict)  # the content as stored: model, hash, analysis
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["usage_key", "content_hash"], name="asn_revision_unique"),
        ]


class SharedAnswer(models.Model):
    """A learner's reflection answer shared, with their consent, with peers of the block.

    Anonymous to everyone but staff: peers see the text only (never a name or id). One per
    (block, learner, reflection): sharing again from a later attempt replaces it; withdrawing
    consent deletes the row (and its helpful marks) at once. Kept in this app's tables only.
    """

    usage_key = models.CharField(max_length=255)
    course_key = models.CharField(max_length=255, blank=True, default="")
    cohort = models.CharField(max_length=128, blank=True, default="")
    learner_id = models.CharField(max_length=255)  # the runtime's anonymous user id
    item_id = models.CharField(max_length=255)  # the reflection's id
    attempt_number = models.PositiveIntegerField(default=0)
    text = models.TextField()
    hidden = models.BooleanField(default=False)  # by staff; the learner is not told who
    featured = models.BooleanField(default=False)  # shown first, as an example
    helpful = models.PositiveIntegerField(default=0)  # running count of HelpfulMark rows
    moderated_by = models.CharField(max_length=150, blank=True, default="")  # staff eyes only
    created = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["usage_key", "learner_id", "item_id"], name="asn_shared_unique"),
        ]
        indexes = [
            models.Index(fields=["usage_key", "item_id", "cohort", "hidden"], name="asn_shared_peers"),
        ]

    def __str__(self):
        return f"{self.usage_key} / {self.item_id} / {self.pk}"


class HelpfulMark(models.Model):
    """A learner's one "Helpful" mark on a peer's shared answer of one reflection."""

    answer = models.ForeignKey(SharedAnswer, related_name="marks", on_delete=models.CASCADE)
    usage_key = models.CharField(max_length=255)
    item_id = models.CharField(max_length=255)
    learner_id = models.CharField(max_length=255)

    class Meta:
        constraints = [
            # one mark per learner and reflection, whichever answer it went to
            models.UniqueConstraint(fields=["usage_key", "item_id", "learner_id"], name="asn_helpful_once"),
        ]
