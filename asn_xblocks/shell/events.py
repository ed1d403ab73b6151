"""Server-side tracking events ``asn_xblocks.<tag>.<action>``: ids and scores only.

Learner text never goes into an event (UU 27/2022 on personal data protection), and the
browser cannot publish arbitrary events: there is no passthrough handler.
"""
from __future__ import annotations

from typing import Any

_ALLOWED_VALUE_TYPES = (str, int, float, bool, type(None))


class EventsMixin:
    def emit_event(self, action: str, data: dict[str, Any]) -> None:
        clean = {key: value for key, value in data.items() if isinstance(value, _ALLOWED_VALUE_TYPES)}
        clean.setdefault("usage_id", str(self.scope_ids.usage_id))
        self.runtime.publish(self, f"asn_xblocks.{self.scope_ids.block_type}.{action}", clean)
