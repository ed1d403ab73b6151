"""Cross-learner data for instructor review: one row per (block, learner), attempt
records and staff grades. Registered as an Open edX plugin app (lms/cms.djangoapp)."""
