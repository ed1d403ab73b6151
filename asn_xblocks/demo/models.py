"""The demo's gradebook: what the LMS's courseware student module keeps of a ``grade``
event (grades/signals/handlers.py ``score_published_handler``: raw earned and possible for
the runtime's user, kept unless ``only_if_higher`` and not higher)."""
from django.db import models


class DemoGrade(models.Model):
    usage_id = models.CharField(max_length=255)
    student_id = models.CharField(max_length=255)
    grade = models.FloatField()
    max_grade = models.FloatField()
    modified = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["usage_id", "student_id"],
                                               name="asn_demo_grade_unique")]
