"""asn-xblocks: graded, interactive Open edX XBlocks for Indonesian civil-service training.

The package has two layers:

* ``core`` and each block's pure modules (``*/model.py``, ``*/engine.py`` …) import
  nothing from XBlock or Django, so they can be unit-tested and benchmarked alone;
* ``shell`` holds the XBlock behaviour the three blocks share (grading, state, locking,
  staff checks, i18n, events), and each block's ``block.py`` is a thin class on top.
"""

__version__ = "0.1.0"
