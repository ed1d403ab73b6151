"""xAPI transformers of the Digital Public-Service Exercise's decisions.

* ``asn_xblocks.asn_digital_service.request_submitted`` → *answered* the request
  (``…/request/<id>``): the decision id (approve / completion / reject) as response, the
  unit id it was routed to in the context;
* ``asn_xblocks.asn_digital_service.record_submitted`` → *answered* the record (a letter
  to file, ``…/record/<id>``): the classification code as response, the access class and
  the disposition in the context.

Both: the task's points as score and full marks as success, each graded part
(requirement checks, decision, route, due date; code, access, retention, disposition: ids,
numbers, ok or miss — never the learner's reasons or notes, nor a date typed) as a result
extension, and the points per competency in the context.
"""
from __future__ import annotations

from typing import Any

from . import SERVICE_DESK, event_name
from . import vocabulary as voc
from .base import ANSWERED, AsnTransformer, full_marks, register_all, score_result

ITEM_KEYS = ("id", "kind", "status", "earned", "possible", "competency", "response")


class RequestSubmittedTransformer(AsnTransformer):
    statement_verb = ANSWERED
    item_path = "request"
    interaction_type = "choice"

    def item_id(self):
        return str(self.get_data("data.request", True))

    def get_result(self):
        earned, possible = self.get_data("data.earned"), self.get_data("data.possible")
        items = [{key: item.get(key) for key in ITEM_KEYS if item.get(key) not in (None, "")}
                 for item in self.data_items()]
        extensions: dict[str, Any] = {}
        if items:
            extensions[voc.EXT_ITEMS] = items
        response = self.response()
        return score_result(earned, possible, success=full_marks(earned, possible),
                            response=str(response) if response else None, extensions=extensions)

    def response(self):
        return self.get_data("data.decision")

    def extra_context(self):
        out: dict[str, Any] = self.item_competency_context(self.data_items())
        out[voc.EXT_ROUTE] = self.get_data("data.route")
        return out


class RecordSubmittedTransformer(RequestSubmittedTransformer):
    item_path = "record"

    def item_id(self):
        return str(self.get_data("data.record", True))

    def response(self):
        return self.get_data("data.code")

    def extra_context(self):
        out: dict[str, Any] = self.item_competency_context(self.data_items())
        out[voc.EXT_ACCESS] = self.get_data("data.access")
        out[voc.EXT_DISPOSITION] = self.get_data("data.disposition")
        return out


TRANSFORMERS = {
    event_name(SERVICE_DESK, "request_submitted"): RequestSubmittedTransformer,
    event_name(SERVICE_DESK, "record_submitted"): RecordSubmittedTransformer,
}


def register() -> None:
    register_all(TRANSFORMERS)
