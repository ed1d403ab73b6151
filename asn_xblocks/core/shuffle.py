"""Seeded, per-learner ordering.

A learner always sees the same order (reloads, other devices), and staff can reproduce it
from the seed alone, so the seed is derived from stable ids, never from time.
"""
from __future__ import annotations

import hashlib
import random
from collections.abc import Sequence
from typing import TypeVar

T = TypeVar("T")


def seed_for(*parts: object) -> int:
    digest = hashlib.sha256("\x1f".join(str(p) for p in parts).encode("utf-8")).digest()
    return int.from_bytes(digest[:8], "big")


def seeded_order(items: Sequence[T], seed: int) -> list[T]:
    ordered = list(items)
    random.Random(seed).shuffle(ordered)
    return ordered
