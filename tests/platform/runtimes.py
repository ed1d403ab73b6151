"""Runtimes that call the blocks the way Open edX does: the LMS (learner, staff,
masquerade), Studio's editing runtime and Studio's preview runtime.

Each piece is written from reading openedx/openedx-platform, never copied; the files and
the commits read are named where the behaviour is reproduced:

* users — common/djangoapps/xblock_django/user_service.py @e57a655d
  (``DjangoXBlockUserService``: ``edx-platform.*`` attributes, the staff flag only when the
  caller passes ``user_is_staff``);
* the LMS — lms/djangoapps/courseware/block_render.py @5af5f01f (``prepare_runtime_for_user``:
  course-staff flag from ``has_access(user, 'staff', course)``, anonymous id per course; a
  fresh block per request; ``handle_xblock_callback`` → ``block.handle``);
* masquerade — lms/djangoapps/courseware/masquerade.py @14f7dc89 (the block is built for the
  learner, whose Django user carries ``real_user``; writes go to the staff member's session
  through ``MasqueradingKeyValueStore``; access.py @4d227972: no staff flag then) and
  xmodule/services.py @e57a655d (``EventPublishingService`` drops ``grade`` / ``completion``
  events while masquerading);
* Studio — cms/djangoapps/contentstore/utils.py @864fe4d0 (``load_services_for_studio``: a
  user service without staff flag and ``studio_user_permissions``), views/component.py
  @14f7dc89 (``component_handler``: login only, then the block's handler, then
  ``update_item`` for course authors), openedx/core/djangoapps/content/services.py @1aa10394
  (``StudioPermissionsService.can_read`` / ``can_write``);
* Studio's preview — views/preview.py @30b0a0bf (``preview_handler``: login only;
  ``is_author_mode``; the permissions service; a user service with anonymous id "student" and
  no staff flag; learner state in the session; nothing saved to the modulestore);
* grading — xmodule/services.py @e57a655d (a ``grade`` event is the runtime user's own) and
  lms/djangoapps/grades/scores.py @e57a655d (read by ``test_platform_grading.py``).
"""
from __future__ import annotations

import contextlib
import copy
import functools
import hashlib
import itertools
import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import crum
from webob import Request
from xblock.exceptions import NoSuchHandlerError
from xblock.fields import Scope, ScopeIds
from xblock.reference.user_service import UserService, XBlockUser
from xblock.runtime import IdGenerator, IdReader, KeyValueStore, KvsFieldData, Runtime

from .keys_and_mixins import COURSE_KEY, PLATFORM_MIXINS, usage_key_for

ANON_SECRET = "platform-shim-secret"


@functools.lru_cache(maxsize=1)
def _site_without_atlas():
    """A site that pulled no Atlas catalogues: the package's own translations serve."""
    import tempfile

    from .i18n_service import PlatformSite as I18nSite

    root = Path(tempfile.mkdtemp(prefix="asn-platform-"))
    return I18nSite(repo_root=root, statici18n_root=root / "static")


# --- people -----------------------------------------------------------------------------
@dataclass
class DjangoUserLike:
    """What the platform's services read of ``django.contrib.auth`` users."""

    id: int
    username: str
    is_authenticated: bool = True
    real_user: Any = None  # set by setup_masquerade on the learner it loads
    masquerade_settings: dict = field(default_factory=dict)


@dataclass
class Person:
    username: str
    user_id: int
    course_staff: bool = False  # has_access(user, 'staff', course) in the LMS
    studio_read: bool = False  # has_studio_read_access
    studio_write: bool = False  # has_studio_write_access

    def django_user(self) -> DjangoUserLike:
        return DjangoUserLike(self.user_id, self.username)


# The course team in these runtimes: "staff" is course staff with Studio write access,
# "reader" may read in Studio only; every other name is a learner without rights.
COURSE_TEAM = {"staff": (True, True, True), "reader": (False, True, False)}


def user_id_for(username: str) -> int:
    """auth_user ids, stable per username so tests can name a learner's anonymous id."""
    return 1000 + int(hashlib.sha256(username.encode()).hexdigest()[:8], 16) % 10_000_000


def anonymous_id_for(user_id: int, course_key=COURSE_KEY) -> str:
    """Per-course anonymous id, as ``anonymous_id_for_user(user, course_id)`` keys one."""
    return hashlib.md5(f"{ANON_SECRET}|{course_key}|{user_id}".encode()).hexdigest()


class PlatformUserService(UserService):
    """DjangoXBlockUserService as the LMS and Studio build it."""

    def __init__(self, django_user: DjangoUserLike, *, user_is_staff: bool = False,
                 user_role: str = "student", anonymous_user_id: str | None = None):
        super().__init__()
        self._django_user = django_user
        self._is_staff = user_is_staff
        self._role = user_role
        self._anonymous_id = anonymous_user_id

    def get_current_user(self) -> XBlockUser:
        user = XBlockUser(is_current_user=True, emails=[f"{self._django_user.username}@example.org"],
                          full_name=self._django_user.username)
        user.opt_attrs.update({
            "edx-platform.anonymous_user_id": self._anonymous_id,
            "edx-platform.deprecated_anonymous_user_id": self._anonymous_id,
            "edx-platform.is_authenticated": True,
            "edx-platform.request_country_code": None,
            "edx-platform.user_id": self._django_user.id,
            "edx-platform.username": self._django_user.username,
            "edx-platform.user_is_beta_tester": False,
            "edx-platform.user_is_global_staff": False,
            "edx-platform.user_is_staff": self._is_staff,
            "edx-platform.user_role": self._role,
            "edx-platform.user_preferences": {},
        })
        return user

    def get_anonymous_user_id(self, username, course_id):
        return None  # the platform answers only for a staff user; the blocks never ask

    def get_user_by_anonymous_id(self, uid=None):
        """The Django user behind an anonymous id (any in the course, as the platform's)."""
        site = getattr(self, "site", None)
        return site.user_by_anonymous_id(uid or self._anonymous_id) if site else None


class StudioPermissionsServiceLike:
    """``can_read`` / ``can_write`` on the course key, as has_studio_*_access answer."""

    def __init__(self, person: Person):
        self.person = person
        self.asked: list[tuple[str, Any]] = []

    def can_read(self, course_key) -> bool:
        self.asked.append(("read", course_key))
        return course_key == COURSE_KEY and (self.person.studio_read or self.person.studio_write)

    def can_write(self, course_key) -> bool:
        self.asked.append(("write", course_key))
        return course_key == COURSE_KEY and self.person.studio_write


# --- storage ------------------------------------------------------------------------------
class PlatformStore:
    """The modulestore (content and settings per usage, shared by everyone) and the
    courseware student module table (user state per learner and usage), both holding JSON
    text as the platform's tables do, plus session stores and the published events."""

    def __init__(self):
        self.modulestore: dict[tuple, str] = {}
        self.csm: dict[tuple, str] = {}
        self.sessions: dict[str, dict[tuple, str]] = {}
        self.events: list[tuple[str, str, dict]] = []  # (username, event type, data)
        self.grades: list[tuple[str, dict]] = []  # grade events that reached the grades app
        # the student module's score columns (grade, max_grade) per (user id, usage key)
        self.scores: dict[tuple[int, str], tuple[float, float]] = {}


class PlatformKvs(KeyValueStore):
    """One key-value store over ``PlatformStore``: content/settings in the modulestore,
    user state in the student module table, or — under masquerade and in Studio's preview —
    user-state writes in a session (reads fall through to the real rows)."""

    def __init__(self, store: PlatformStore, session: str | None = None,
                 session_only: bool = False):
        self.store = store
        self.session = store.sessions.setdefault(session, {}) if session else None
        self.session_only = session_only

    @staticmethod
    def _key(key) -> tuple:
        return (str(key.scope), str(key.user_id), str(key.block_scope_id), key.field_name)

    def _table(self, key) -> dict:
        if key.scope in (Scope.content, Scope.settings, Scope.children, Scope.parent):
            return self.store.modulestore
        return self.store.csm

    def get(self, key):
        k = self._key(key)
        if self.session is not None and k in self.session:
            return json.loads(self.session[k])
        if self.session_only and self._table(key) is self.store.csm:
            raise KeyError(key)
        return json.loads(self._table(key)[k])

    def set(self, key, value):
        k = self._key(key)
        text = json.dumps(value)
        if self.session is not None and self._table(key) is self.store.csm:
            self.session[k] = text
        else:
            self._table(key)[k] = text

    def delete(self, key):
        k = self._key(key)
        if self.session is not None and self._table(key) is self.store.csm:
            self.session.pop(k, None)
        else:
            self._table(key).pop(k, None)

    def has(self, key):
        k = self._key(key)
        if self.session is not None and k in self.session:
            return True
        return k in self._table(key)


class CourseIds(IdReader, IdGenerator):
    """Opaque keys in one course: a usage key per block, its definition the same key."""

    _made = itertools.count(1)  # unique across sites: review rows outlive a site in a test

    def create_usage(self, def_id):
        return def_id

    def create_definition(self, block_type, slug=None):
        return usage_key_for(block_type, slug or f"{block_type}_{next(self._made)}")

    def get_definition_id(self, usage_id):
        return usage_id

    def get_block_type(self, def_id):
        return def_id.block_type

    def get_usage_id_from_aside(self, aside_id):
        raise NotImplementedError

    def get_definition_id_from_aside(self, aside_id):
        raise NotImplementedError

    def create_aside(self, definition_id, usage_id, aside_type):
        raise NotImplementedError

    def get_aside_type_from_usage(self, aside_id):
        raise NotImplementedError

    def get_aside_type_from_definition(self, aside_id):
        raise NotImplementedError


# --- runtimes -----------------------------------------------------------------------------
class PlatformRuntime(Runtime):
    """A runtime for one request of one user (the platform builds one per request)."""

    kind = "lms"

    def __init__(self, site: PlatformSite, person: Person, services: dict[str, Any],
                 kvs: PlatformKvs, user_id_for_state: int, suppress_grades: bool = False):
        services = {**services, "field-data": KvsFieldData(kvs)}
        super().__init__(site.ids, site.ids, mixins=PLATFORM_MIXINS, services=services)
        self.site = site
        self.person = person
        self.user_id = user_id_for_state
        self.suppress_grades = suppress_grades
        self._kvs = kvs

    def service(self, block, service_name):
        """ModuleStoreRuntime.service (xmodule/x_module.py @68a5285b): a callable service
        (the i18n service's class) is built for the block asking."""
        service = super().service(block, service_name)
        if callable(service) and service_name == "i18n":
            return service(block)
        return service

    def handler_url(self, block, handler_name, suffix="", query="", thirdparty=False):
        return f"/courses/{COURSE_KEY}/xblock/{block.scope_ids.usage_id}/handler/{handler_name}"

    def local_resource_url(self, block, uri):
        return f"/static/xblock/resources/asn_xblocks/{uri}"

    def resource_url(self, resource):
        return f"/static/{resource}"

    def publish(self, block, event_type, event_data):
        """EventPublishingService: grade and completion reach their handlers unless staff
        masquerade; every event reaches the tracking log."""
        if event_type in ("grade", "completion", "progress"):
            if not self.suppress_grades:
                self.site.store.grades.append((self.person.username, {"type": event_type,
                                                                      **event_data}))
                if event_type == "grade":
                    self.site.score_published(self.person, block, event_data)
            return
        self.site.store.events.append((self.person.username, event_type, dict(event_data)))


class StudioRuntime(PlatformRuntime):
    kind = "studio"


class PreviewRuntime(PlatformRuntime):
    kind = "preview"
    is_author_mode = True


@dataclass
class Reply:
    status: int
    body: bytes
    content_type: str

    def json(self):
        return json.loads(self.body.decode("utf-8"))


class PlatformSite:
    """One course on one site: the store, the people, and the ways a request reaches a
    block (LMS handler, masquerade, Studio handler, preview handler, views)."""

    def __init__(self):
        self.store = PlatformStore()
        self.ids = CourseIds()
        self.people: dict[str, Person] = {}
        self.block_classes: dict[Any, type] = {}

    # --- people ------------------------------------------------------------------------
    def person(self, username: str) -> Person:
        if username not in self.people:
            staff, read, write = COURSE_TEAM.get(username, (False, False, False))
            self.people[username] = Person(username, user_id_for(username), staff, read, write)
        return self.people[username]

    def anonymous_id(self, username: str) -> str:
        return anonymous_id_for(self.person(username).user_id)

    # --- course import (xmodule/modulestore/xml_importer.py: parse_xml per block) -------
    def import_block(self, xml: str, url_name: str | None = None):
        from lxml import etree

        from asn_xblocks.core import olx

        node = olx.parse_olx(xml)
        block_type = node.tag
        usage = self.ids.create_definition(block_type, url_name)
        runtime = self._runtime(PlatformRuntime, self.person("importer"), {})
        cls = runtime.mixologist.mix(runtime.load_block_type(block_type))
        keys = ScopeIds(None, block_type, usage, usage)
        block = cls.parse_xml(etree.fromstring(etree.tostring(node)), runtime, keys)
        block.save()
        self.block_classes[usage] = cls
        return usage

    # --- building a block for a request ----------------------------------------------------
    def _runtime(self, runtime_cls, person: Person, services: dict[str, Any],
                 session: str | None = None, suppress_grades: bool = False,
                 session_only: bool = False, state_user: Person | None = None):
        kvs = PlatformKvs(self.store, session, session_only=session_only)
        if "user" in services:
            services["user"].site = self
        return runtime_cls(self, person, {"i18n": _site_without_atlas().i18n_service(), **services}, kvs,
                           (state_user or person).user_id, suppress_grades)

    def _block(self, runtime, usage):
        block_type = usage.block_type
        cls = runtime.load_block_type(block_type)
        keys = ScopeIds(runtime.user_id, block_type, usage, usage)
        return runtime.construct_xblock_from_class(cls, keys)

    def lms_block(self, usage, username: str, masquerade_as: str | None = None):
        """``get_block_for_descriptor`` for a request of ``username`` (optionally staff
        masquerading as ``masquerade_as``)."""
        person = self.person(username)
        if masquerade_as:
            learner = self.person(masquerade_as)
            django_user = learner.django_user()
            django_user.real_user = person.django_user()
            django_user.masquerade_settings = {COURSE_KEY: {"role": "student",
                                                            "user_name": learner.username}}
            service = PlatformUserService(django_user, user_is_staff=False,
                                          anonymous_user_id=anonymous_id_for(learner.user_id))
            runtime = self._runtime(PlatformRuntime, learner, {"user": service},
                                    session=f"session:{username}", suppress_grades=True)
        else:
            service = PlatformUserService(
                person.django_user(), user_is_staff=person.course_staff,
                user_role="staff" if person.course_staff else "student",
                anonymous_user_id=anonymous_id_for(person.user_id))
            runtime = self._runtime(PlatformRuntime, person, {"user": service})
        return self._block(runtime, usage)

    def studio_block(self, usage, username: str):
        person = self.person(username)
        services = {"user": PlatformUserService(person.django_user()),
                    "studio_user_permissions": StudioPermissionsServiceLike(person)}
        return self._block(self._runtime(StudioRuntime, person, services), usage)

    def preview_block(self, usage, username: str):
        person = self.person(username)
        services = {"user": PlatformUserService(person.django_user(), anonymous_user_id="student"),
                    "studio_user_permissions": StudioPermissionsServiceLike(person)}
        runtime = self._runtime(PreviewRuntime, person, services, session=f"preview:{username}",
                                session_only=True)
        return self._block(runtime, usage)

    # --- requests ------------------------------------------------------------------------------
    @contextlib.contextmanager
    def _request_user(self, username: str) -> Iterator[None]:
        """crum's current request and user, as the LMS's CurrentRequestUserMiddleware
        sets them; the LMS's modules the blocks import while serving it."""
        from django.test import RequestFactory

        user = self.person(username).django_user()
        request = RequestFactory().post("/")
        request.user = user
        previous = crum.get_current_request()
        crum.set_current_request(request)
        try:
            with crum.impersonate(user), self.instructor_task_api():
                yield
        finally:
            crum.set_current_request(previous)

    @staticmethod
    def _webob(body: bytes, method: str) -> Request:
        request = Request.blank("/", method=method.upper(), body=body)
        request.content_type = "application/json"
        return request

    def _handle(self, block, handler: str, body: bytes, method: str) -> Reply:
        try:
            response = block.runtime.handle(block, handler, self._webob(body, method))
        except NoSuchHandlerError:
            return Reply(404, b"", "text/plain")  # the LMS answers Http404
        body = b"".join(response.app_iter) if response.app_iter is not None else response.body
        return Reply(response.status_code, body, response.content_type or "")

    def lms_handler(self, usage, username: str, handler: str, body: bytes = b"{}",
                    method: str = "post", masquerade_as: str | None = None) -> Reply:
        """``handle_xblock_callback``: a block for this user, then its handler."""
        with self._request_user(username):
            block = self.lms_block(usage, username, masquerade_as)
            return self._handle(block, handler, body, method)

    def studio_handler(self, usage, username: str, handler: str, body: bytes = b"{}",
                       method: str = "post") -> Reply:
        """``component_handler``: login only, the handler, then ``update_item`` when the
        user has course-author access (the block's fields are saved whole)."""
        with self._request_user(username):
            block = self.studio_block(usage, username)
            reply = self._handle(block, handler, body, method)
            if self.person(username).studio_write:
                block.save()
            return reply

    def preview_handler(self, usage, username: str, handler: str, body: bytes = b"{}",
                        method: str = "post") -> Reply:
        with self._request_user(username):
            block = self.preview_block(usage, username)
            return self._handle(block, handler, body, method)

    def render(self, usage, username: str, view: str, where: str = "lms",
               masquerade_as: str | None = None) -> str:
        """A view's HTML: the LMS (courseware, or ``xblock_view`` for any view name),
        Studio's editor (``xblock_view_handler`` → studio_view) or the preview."""
        with self._request_user(username):
            if where == "studio":
                block = self.studio_block(usage, username)
            elif where == "preview":
                block = self.preview_block(usage, username)
            else:
                block = self.lms_block(usage, username, masquerade_as)
            fragment = block.render(view, {})
            return fragment.head_html() + fragment.body_html() + fragment.foot_html()

    # --- the grades app (lms/djangoapps/grades) ---------------------------------------------
    def score_published(self, person: Person, block, event: dict) -> None:
        """``score_published_handler``: the student module's score for the runtime's own
        user; with ``only_if_higher`` a lower score is not kept."""
        key = (person.user_id, str(block.scope_ids.usage_id))
        earned, possible = float(event["value"]), float(event["max_value"])
        previous = self.store.scores.get(key)
        if event.get("only_if_higher") and previous is not None and previous[1] and possible:
            if earned / possible <= previous[0] / previous[1]:
                return
        self.store.scores[key] = (earned, possible)

    def gradebook(self, usage, username: str) -> tuple[float, float] | None:
        """``get_score`` (lms/djangoapps/grades/scores.py @e57a655d): an edx-submissions score
        first, as already weighted; else the student module's raw score weighted once by
        ``weighted_score``; else 0 of the block's ``max_score()`` weighted."""
        from submissions import api as submissions_api

        person = self.person(username)
        block = self.lms_block(usage, username)
        weight = block.weight
        submitted = submissions_api.get_scores(str(COURSE_KEY), anonymous_id_for(person.user_id))
        if str(usage) in submitted:
            value = submitted[str(usage)]
            return float(value["points_earned"]), float(value["points_possible"])
        raw = self.store.scores.get((person.user_id, str(usage)))
        if raw is None:
            raw = (0.0, block.max_score())
        earned, possible = raw
        if weight is None or possible == 0:
            return earned, possible
        return earned * weight / possible, float(weight)

    def user_by_anonymous_id(self, anonymous_id: str):
        for person in self.people.values():
            if anonymous_id_for(person.user_id) == anonymous_id:
                return person.django_user()
        return None

    # --- instructor tasks (lms/djangoapps/instructor_task/tasks_helper/module_state.py) ------
    def task_block(self, usage, username: str):
        """``_get_module_instance_for_task``: the learner's block, built with no request."""
        person = self.person(username)
        service = PlatformUserService(person.django_user(), user_is_staff=False,
                                      anonymous_user_id=anonymous_id_for(person.user_id))
        return self._block(self._runtime(PlatformRuntime, person, {"user": service}), usage)

    def rescore_task(self, usage, username: str, only_if_higher: bool = False) -> str:
        """``rescore_problem_module_state``: skipped when nothing was submitted."""
        block = self.task_block(usage, username)
        if not block.has_submitted_answer():
            return "skipped"
        block.rescore(only_if_higher=only_if_higher)
        block.save()
        return "succeeded"

    def override_task(self, usage, username: str, weighted_score: float) -> str:
        """``override_score_module_state``: 0 ≤ score ≤ max_score(), then set_score with
        the score divided by the weight (1 when unset), then publish_grade."""
        from xblock.scorable import Score

        block = self.task_block(usage, username)
        if not 0 <= weighted_score <= block.max_score():
            raise ValueError("Score must be between 0 and the maximum points available for the problem.")
        weight = block.weight if block.weight is not None else 1
        if weight == 0:
            raise ValueError("Scores cannot be overridden for a problem that has a weight of zero.")
        block.set_score(Score(raw_earned=weighted_score / weight,
                              raw_possible=block.max_score() / weight))
        block.publish_grade()
        block.save()
        return "succeeded"

    def reset_attempts(self, usage, username: str) -> None:
        """``reset_attempts_module_state``: the state's ``attempts`` set to 0."""
        person = self.person(username)
        key = (str(Scope.user_state), str(person.user_id), str(usage), "attempts")
        if key in self.store.csm:
            self.store.csm[key] = json.dumps(0)

    def delete_state(self, usage, username: str) -> None:
        """instructor/enrollment.py ``reset_student_attempts(delete_module=True)``: the
        block's ``clear_student_state`` with anonymous ids, then the student module row
        (and its score) deleted and the grade recomputed."""
        person = self.person(username)
        block = self.task_block(usage, username)
        anonymous = anonymous_id_for(person.user_id)
        block.clear_student_state(user_id=anonymous, course_id=str(COURSE_KEY),
                                  item_id=str(usage), requesting_user_id="staff-anon")
        for key in [k for k in self.store.csm if k[1] == str(person.user_id) and k[2] == str(usage)]:
            del self.store.csm[key]
        self.store.scores.pop((person.user_id, str(usage)), None)

    @contextlib.contextmanager
    def instructor_task_api(self) -> Iterator[None]:
        """``lms.djangoapps.instructor_task.api`` as the blocks import it in the LMS: a
        rescore for one learner, run at once (the LMS queues it to Celery)."""
        import sys
        import types

        from django.test import override_settings

        site = self

        def submit_rescore_problem_for_student(request, usage_key, student, only_if_higher=False):
            assert request is not None
            site.rescore_task(usage_key, student.username, only_if_higher)

        names = ("lms", "lms.djangoapps", "lms.djangoapps.instructor_task",
                 "lms.djangoapps.instructor_task.api")
        saved = {name: sys.modules.get(name) for name in names}
        for name in names:
            sys.modules[name] = types.ModuleType(name)
        sys.modules[names[-1]].submit_rescore_problem_for_student = submit_rescore_problem_for_student
        try:
            with override_settings(ASN_XBLOCKS_REGRADE=""):
                yield
        finally:
            for name, module in saved.items():
                if module is None:
                    sys.modules.pop(name, None)
                else:
                    sys.modules[name] = module

    def content_snapshot(self) -> dict:
        return copy.deepcopy({"modulestore": self.store.modulestore, "csm": self.store.csm})
