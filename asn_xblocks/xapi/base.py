"""The shared xAPI transformer of the package's events (event-routing-backends' transformer
API, read in openedx/event-routing-backends @e2acb70, released as 10.1.0):

* ``processors/xapi/transformer.py`` ``XApiTransformer`` — actor (``get_actor``: the
  ``XAPI_AGENT_IFI_TYPE`` setting, by default the learner's external id for xAPI), the
  statement id, timestamp, the course as context activity, the transformer-version and
  session extensions; ``OneToManyChildXApiTransformerMixin`` — child ids;
* ``processors/mixins/base_transformer.py`` ``BaseTransformerMixin`` — ``get_data`` (dotted
  paths; ``required=True`` raises ValueError), ``get_object_iri`` (``<LMS_ROOT_URL>/xblock/<usage key>``);
* ``processors/mixins/base_transformer_processor.py`` / ``xapi/transformer_processor.py`` —
  a transformer may return a list of statements; any exception is logged and re-raised,
  and ``backends/events_router.py`` ``prepare_to_send`` logs and skips an event whose
  transform raised ValueError. So every fault in an event (a missing or malformed field)
  surfaces here as ValueError: the event is logged and skipped, the other events go on, and
  nothing reaches the learner's request (eventtracking's routing backend runs ERB
  asynchronously, and logs and swallows its errors in any case).

The events reach ERB as the LMS's tracker hands them over: ``track.views.server_track``
(common/djangoapps/track/views/__init__.py) emits ``{name, timestamp, data, context}``
through eventtracking's ``Tracker.emit``, the context holding the user (``user_id``,
``username``, ``session``), the course (``course_id``, ``org_id``) and, from
lms/djangoapps/courseware/block_render.py's handler context, ``module`` {``display_name``,
``usage_key``}.

Statements: one per learner decision. The object is the block
(``<LMS>/xblock/<usage key>``) or an item inside it (``…/question/<id>``,
``…/decision/<id>``, ``…/ending/<id>``, ``…/request/<id>``), with the block as parent and
the course as grouping; the result carries points as ``score`` and responses as ids, never
text; the context carries the attempt number, the competency and an xAPI ``registration``
that is the same for every statement of one learner's attempt on one block.
"""
from __future__ import annotations

import uuid
from typing import Any

from event_routing_backends.helpers import get_uuid5
from event_routing_backends.processors.xapi import constants
from event_routing_backends.processors.xapi.transformer import XApiTransformer
from tincan import (
    Activity,
    ActivityDefinition,
    ActivityList,
    ContextActivities,
    Extensions,
    LanguageMap,
    Result,
    Verb,
)

from ..core.formatting import json_number
from ..core.scoring import EPSILON
from . import vocabulary as voc

ENGLISH = constants.EN


def verb(verb_id: str, display: str) -> Verb:
    return Verb(id=verb_id, display=LanguageMap({ENGLISH: display}))


ANSWERED = verb(constants.XAPI_VERB_ANSWERED, constants.ANSWERED)
COMPLETED = verb(constants.XAPI_VERB_COMPLETED, constants.COMPLETED)
PASSED = verb(constants.XAPI_VERB_PASSED, constants.PASSED)
FAILED = verb(constants.XAPI_VERB_FAILED, constants.FAILED)
EVALUATED = verb(constants.XAPI_VERB_EVALUATED, constants.EVALUATED)
EARNED = verb(constants.XAPI_VERB_EARNED, constants.EARNED)



def score_result(earned: Any, possible: Any, *, success: bool | None = None,
                 response: str | None = None, completion: bool | None = None,
                 extensions: dict[str, Any] | None = None) -> Result:
    """An xAPI result: the score only when both points are numbers and something was
    possible (raw within [min, max], scaled in [0, 1], as xAPI requires)."""
    result = Result()
    earned_f, possible_f = json_number(earned), json_number(possible)
    if earned_f is not None and possible_f is not None and possible_f > 0:
        raw = min(max(earned_f, 0.0), possible_f)
        result.score = {"raw": round(raw, 4), "min": 0, "max": round(possible_f, 4),
                        "scaled": round(raw / possible_f, 4)}
    if success is not None:
        result.success = bool(success)
    if completion is not None:
        result.completion = bool(completion)
    if response is not None:
        result.response = str(response)
    if extensions:
        result.extensions = Extensions(extensions)
    return result


def full_marks(earned: Any, possible: Any) -> bool | None:
    earned_f, possible_f = json_number(earned), json_number(possible)
    if earned_f is None or possible_f is None or possible_f <= 0:
        return None
    return earned_f >= possible_f - EPSILON


def competency_sums(items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Per competency, the points of the items carrying it (items awaiting a grade left out)."""
    sums: dict[str, list[float]] = {}
    for item in items:
        cid = item.get("competency")
        earned, possible = json_number(item.get("earned")), json_number(item.get("possible"))
        if not cid or earned is None or possible is None or possible <= 0:
            continue
        pair = sums.setdefault(str(cid), [0.0, 0.0])
        pair[0] += earned
        pair[1] += possible
    return [{"id": cid, "earned": round(e, 4), "possible": round(p, 4)} for cid, (e, p) in sums.items()]


class AsnTransformer(XApiTransformer):
    """One event of a block → one statement (or, with ``items_of``, one per item).

    Subclasses set ``statement_verb`` (or override ``get_statement_verb``), ``item_path``
    (None: the block is the object) and implement ``item_id`` / ``get_result`` /
    ``extra_context``. The block is an ADL *simulation* activity for the simulation and an
    *assessment* for the other two, the same in every statement that names it."""

    additional_fields = ("result",)
    statement_verb: Verb = ANSWERED
    item_path: str | None = None
    interaction_type: str | None = None

    def __init__(self, event: dict[str, Any], item: dict[str, Any] | None = None):
        super().__init__(event)
        self.item = item

    # --- one or many ----------------------------------------------------------------
    def items_of(self) -> list[dict[str, Any]] | None:
        """The items to make one statement each of; None: one statement for the event."""
        return None

    def transform(self):
        try:
            items = self.items_of()
            if items:
                return [type(self)(self.event, item).transform_one() for item in items]
            return self.transform_one()
        except (KeyError, TypeError, AttributeError, IndexError) as error:
            raise ValueError(f'Malformed event "{self.event.get("name")}": {error!r}') from error

    def transform_one(self):
        return super().transform()

    # --- verb, object, id -------------------------------------------------------------
    @property
    def _verb(self) -> Verb:  # XApiTransformer.get_verb reads it (through its filter)
        return self.get_statement_verb()

    def get_statement_verb(self) -> Verb:
        return self.statement_verb

    def usage_key(self) -> str:
        return str(self.get_data("data.usage_id") or self.get_data("context.module.usage_key", True))

    def block_iri(self) -> str:
        return self.get_object_iri("xblock", self.usage_key())

    def item_id(self) -> str | None:
        return None

    def block_activity(self) -> Activity:
        definition = ActivityDefinition(type=voc.BLOCK_ACTIVITY_TYPES.get(self.block_type(),
                                                                          voc.ACTIVITY_ASSESSMENT))
        name = self.get_data("context.module.display_name")
        if name:
            definition.name = LanguageMap({constants.EN_US: str(name)})
        return Activity(id=self.block_iri(), definition=definition)

    def get_object(self) -> Activity:
        if self.item_path is None:
            return self.block_activity()
        item_id = self.item_id()
        if not item_id:
            raise ValueError(f'Event "{self.event.get("name")}" names no {self.item_path}')
        definition = ActivityDefinition(type=constants.XAPI_ACTIVITY_INTERACTION)
        kind = self.item_interaction_type()
        if kind:
            definition.interaction_type = kind
        return Activity(id=f"{self.block_iri()}/{self.item_path}/{item_id}", definition=definition)

    def item_interaction_type(self) -> str | None:
        return self.interaction_type

    def get_event_id(self):
        """ERB's id (actor, timestamp, verb) with the object added: one event may give
        several statements, and two events of one request may share a timestamp."""
        name = f"{self.get_actor().to_json()}-{self.get_timestamp()}"
        return get_uuid5(f"{self.get_verb().to_json()}-{self.get_object().id}", name)

    # --- context ----------------------------------------------------------------------
    def attempt_number(self) -> int | None:
        value = self.get_data("data.attempt")
        return value if isinstance(value, int) and not isinstance(value, bool) and value > 0 else None

    def registration(self) -> uuid.UUID | None:
        """The same UUID for every statement of one learner's attempt on one block."""
        number_ = self.attempt_number()
        if number_ is None:
            return None
        learner = self.extract_username_or_userid()
        return uuid.uuid5(voc.REGISTRATION_NAMESPACE, f"{self.usage_key()}|{learner}|{number_}")

    def get_context_activities(self):
        course = super().get_context_activities()  # the course as parent (ERB)
        course_list = list(course.parent) if course is not None and course.parent else []
        if self.item_path is None:
            return course
        activities = ContextActivities(parent=ActivityList([self.block_activity()]))
        if course_list:
            activities.grouping = ActivityList(course_list)
        return activities

    def get_context(self):
        context = super().get_context()
        registration = self.registration()
        if registration is not None:
            context.registration = registration
        return context

    def get_context_extensions(self):
        extensions = super().get_context_extensions()
        ours: dict[str, Any] = {voc.EXT_BLOCK_TYPE: self.block_type()}
        attempt = self.attempt_number()
        if attempt is not None:
            ours[voc.EXT_ATTEMPT] = attempt
        ours.update({key: value for key, value in self.extra_context().items()
                     if value not in (None, "", [])})
        extensions.update(ours)
        return extensions

    def block_type(self) -> str:
        parts = str(self.get_data("name", True)).split(".")
        return parts[1] if len(parts) == 3 else ""

    def extra_context(self) -> dict[str, Any]:
        return {}

    def item_competency_context(self, items: list[dict[str, Any]]) -> dict[str, Any]:
        """The competency of a decision: ``competency`` when it has one, and the points per
        competency for a decision touching several."""
        sums = competency_sums(items)
        ids = list(dict.fromkeys(str(i.get("competency")) for i in items if i.get("competency")))
        out: dict[str, Any] = {}
        if len(ids) == 1:
            out[voc.EXT_COMPETENCY] = ids[0]
        if sums:
            out[voc.EXT_COMPETENCIES] = sums
        return out

    def data_items(self) -> list[dict[str, Any]]:
        items = self.get_data("data.items")
        return [i for i in items if isinstance(i, dict)] if isinstance(items, list) else []


class StaffActionTransformer(AsnTransformer):
    """Events of a staff member acting on a learner's attempt (grading, overriding): the
    statement is about the learner — its actor is the learner, as ERB does for grade
    events — found from the anonymous id the event names through the platform's
    ``user_by_anonymous_id`` (common/djangoapps/student/models). A learner who cannot be
    found makes the event skipped (ValueError), never a statement about the staff member."""

    def extract_username_or_userid(self):
        user_id = self.get_data("data.user_id")
        if user_id:
            return user_id
        anonymous_id = self.get_data("data.learner_id", True)
        user = lookup_user_by_anonymous_id(str(anonymous_id))
        if user is None:
            raise ValueError(f'No user for the learner of event "{self.event.get("name")}"')
        return user.id

    def get_context_extensions(self):
        """Without ERB's session id: the session is the staff member's, not the learner's."""
        extensions = super().get_context_extensions()
        extensions.pop(constants.XAPI_CONTEXT_SESSION_ID, None)
        return extensions


def lookup_user_by_anonymous_id(anonymous_id: str):
    """The platform's user for an anonymous id (None outside the LMS or when unknown)."""
    try:
        from common.djangoapps.student.models import user_by_anonymous_id
    except ImportError:
        return None
    return user_by_anonymous_id(anonymous_id)


def register_all(mapping: dict[str, type]) -> None:
    """Register transformer classes by event name in ERB's xAPI registry."""
    from event_routing_backends.processors.xapi.registry import XApiTransformersRegistry

    for name, transformer in mapping.items():
        XApiTransformersRegistry.register(name)(transformer)
