"""Shared test fixtures."""
import os

from hypothesis import settings as hypothesis_settings

# CI runs a derandomized, bounded profile so failures reproduce and time stays bounded.
hypothesis_settings.register_profile("ci", derandomize=True, max_examples=60, deadline=None,
                                     print_blob=True)
hypothesis_settings.register_profile("dev", max_examples=100, deadline=None)
hypothesis_settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))
