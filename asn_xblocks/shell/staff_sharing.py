"""Moderation of shared reflection answers, in the staff panel's "Shared answers" tab.

Learners may share a reflection's answer anonymously with peers (a reflection with
``share="optional"``; the learner's side is ``review.api.sharing``). Staff see every shared
answer of the block — its text, the reflection, the cohort, how many found it helpful,
whether it is hidden or featured, and the author's username (staff see usernames in the
learners table already) — and hide or feature one. The text is learner text: sent as
data, and the panel inserts it as text only.

Handlers (each starts with ``require_staff()``: a learner gets 403; bad input 400; an
answer this block does not have 404; nothing changes on a refusal):

* ``staff_shared_answers`` — {"item", "cohort" ("__none__": without one), "hidden"
  ("hidden" | "shown" | ""), "page", "page_size"} → a page of answers, the filters' values
  and the counts.
* ``staff_moderate_answer`` — {"id": answer id, "action": "hide" | "unhide" | "feature" |
  "unfeature"} → the answer's new state (one UPDATE, recording who).
"""
from __future__ import annotations

import logging
from typing import Any

from ..core.actions import ActionError
from ..core.i18n import N_
from ..review import api
from .analytics import NO_COHORT
from .handlers import json_action, optional_str, require_int, require_str

log = logging.getLogger(__name__)

SHARING_KEYS = frozenset({"item", "cohort", "hidden", "page", "page_size"})
HIDDEN_FILTERS = {"": None, "hidden": True, "shown": False}
MSG_UNKNOWN_FIELD = N_("Unknown field \"{field}\".")
MSG_UNKNOWN_REFLECTION = N_("No answer to the reflection \"{item}\" is shared in this exercise.")
MSG_UNKNOWN_SHARED_COHORT = N_("No answer from the cohort \"{cohort}\" is shared in this exercise.")
MSG_UNKNOWN_ACTION = N_("The action must be one of: hide, unhide, feature, unfeature.")
MSG_UNKNOWN_ANSWER = N_("This exercise has no shared answer {id}. It may have been withdrawn by "
                        "its author; reload the list.")
MSG_HIDDEN_FILTER = N_("The field \"hidden\" must be \"hidden\", \"shown\" or empty.")


class StaffSharingMixin:
    """The "Shared answers" tab's two handlers (see the module docstring)."""

    def _reflection_label(self, item_id: str) -> str:
        try:
            label = self.core.facts.item_label(self.content_model, "reflection", item_id, self.gettext)
        except Exception:
            log.debug("No label for reflection %s", item_id)
            label = ""
        return str(label or item_id)

    def _answer_query(self, data: dict[str, Any], known: dict[str, list[str]]):
        moderation = api.moderation
        for key in data:
            if key not in SHARING_KEYS:
                raise ActionError(400, MSG_UNKNOWN_FIELD, field=str(key)[:40])
        item = optional_str(data, "item")
        if item == "":
            item = None
        if item is not None and item not in known["items"]:
            raise ActionError(400, MSG_UNKNOWN_REFLECTION, item=item[:60])
        cohort = optional_str(data, "cohort", 128)
        if cohort == "":
            cohort = None
        elif cohort == NO_COHORT:
            cohort = ""
        elif cohort is not None and cohort not in known["cohorts"]:
            raise ActionError(400, MSG_UNKNOWN_SHARED_COHORT, cohort=cohort[:60])
        hidden = data.get("hidden", "")
        if not isinstance(hidden, str) or hidden not in HIDDEN_FILTERS:
            raise ActionError(400, MSG_HIDDEN_FILTER)
        page = require_int(data, "page", 1, 100_000) if "page" in data else 1
        size = require_int(data, "page_size", 1, moderation.MAX_PAGE_SIZE) if "page_size" in data \
            else moderation.DEFAULT_PAGE_SIZE
        return moderation.AnswerQuery(item_id=item, cohort=cohort, hidden=HIDDEN_FILTERS[hidden],
                                      page=page, size=size)

    def _answer_view(self, row: dict[str, Any], labels: dict[str, str]) -> dict[str, Any]:
        _ = self.gettext
        return {
            "id": row["id"], "text": row["text"], "item": row["item_id"],
            "reflection": labels.get(row["item_id"], row["item_id"]),
            "cohort": row["cohort"], "cohort_label": row["cohort"] or _("No cohort"),
            "learner": row["username"] or row["learner_id"],
            "helpful": row["helpful"],
            "hidden": row["hidden"], "featured": row["featured"],
            "moderated_by": row["moderated_by"],
            "created_text": self._when(row["created"]),
            "attempt": row["attempt_number"],
        }

    @json_action
    def staff_shared_answers(self, data, suffix=""):
        self.require_staff()
        moderation = api.moderation
        known = moderation.filters(self.usage_id_str)
        query = self._answer_query(data, known)
        rows, total, page = moderation.list_answers(self.usage_id_str, query)
        labels = {item: self._reflection_label(item) for item in known["items"]}
        size = max(1, min(moderation.MAX_PAGE_SIZE, query.size))
        return {
            "rows": [self._answer_view(row, labels) for row in rows],
            "total": total, "page": page, "page_size": size, "pages": max(1, -(-total // size)),
            "items": [{"id": item, "label": labels[item]} for item in known["items"]],
            "cohorts": known["cohorts"],
            "counts": moderation.counts(self.usage_id_str),
        }

    @json_action
    def staff_moderate_answer(self, data, suffix=""):
        self.require_staff()
        answer_id = require_int(data, "id", 1)
        action = require_str(data, "action", 20)
        if action not in api.moderation.ACTIONS:
            raise ActionError(400, MSG_UNKNOWN_ACTION)
        state = api.moderation.moderate(self.usage_id_str, answer_id, action,
                                        self.learner_name or self.learner_id)
        if state is None:
            raise ActionError(404, MSG_UNKNOWN_ANSWER, id=answer_id)
        _ = self.gettext
        messages = {"hide": _("The answer is hidden from learners."),
                    "unhide": _("The answer is shown to learners again."),
                    "feature": _("The answer is featured: learners see it first."),
                    "unfeature": _("The answer is no longer featured.")}
        return {"answer": state, "message": messages[action]}
