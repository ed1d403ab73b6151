"""Seed the demo with a realistic cohort (filled in by the instructor-review work)."""
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Seed the demo workbench with a cohort of learners on each demo block."

    def handle(self, *args, **options):
        self.stdout.write("Nothing to seed yet.")
