"""Studio: the form editor and the OLX-source editor (validated before saving), and the
unit-page summary.

The editor talks to Studio / the Authoring MFE only through ``runtime.notify``
('save', 'cancel', 'error') and works in the workbench's studio view too.

Two ways to edit the same content:

* **Form**: the browser edits the content model's JSON (the core's ``to_dict`` form),
  rendered by one generic renderer from the block's ``CORE.editor.schema``. What it sends
  back is read strictly (``studio_forms.clean_content``: unknown keys or item types, wrong
  types, oversize text → 400, nothing changed), HTML sanitized, and then passed through
  export → OLX text → parse, so form content is exactly what importing its OLX gives.
* **OLX source**: the text of the block's OLX; ``studio_to_olx``/``studio_from_olx``
  switch between the two, round-tripping the content.

One validator everywhere: ``content_problems`` (the core's ``validate`` plus the settings
warnings), for import, ``validate()``, the form and the OLX editor. Errors block a save,
warnings do not. Every view and handler here needs the rights ``authoring.py`` describes:
read rights for what shows content, write rights for what saves it.
"""
from __future__ import annotations

import dataclasses
from typing import Any

from lxml import etree

from ..core import competencies as catalogue
from ..core import forms as studio_forms
from ..core import olx
from ..core.actions import ActionError
from ..core.engine_api import Editor
from ..core.i18n import N_
from ..core.problems import Problem, warning
from ..core.scoring import ATTEMPT_POLICIES
from ..review import api
from .authoring import NO_READ
from .content import INVALID_SETTING, check_setting, read_setting
from .grading import SHOW_ANSWER_VALUES
from .handlers import json_action, optional_str, require_dict, require_str

MAX_OLX_CHARS = olx.MAX_OLX_BYTES
MAX_DISPLAY_NAME = 255

# The shell's settings as form fields (the block's own settings such as the case study's
# reflection grading live in its content and come from its schema).
SETTINGS_FIELDS = [
    studio_forms.field("display_name", "text", N_("Display name")),
    studio_forms.field("weight", "number", N_("Weight (points in the gradebook)"),
                       nullable=True, min=0,
                       help=N_("Empty: the content's own maximum.")),
    studio_forms.field("max_attempts", "int", N_("Maximum attempts"), nullable=True, min=0,
                       help=N_("0 = unlimited. Empty: the block's default.")),
    studio_forms.field("attempt_policy", "select", N_("Attempt that counts"),
                       options=studio_forms.options(("best", N_("Best attempt")),
                                                    ("last", N_("Last attempt")))),
    studio_forms.field("show_answer", "select", N_("Show answers"),
                       options=studio_forms.options(
                           ("finished", N_("When an attempt is finished")),
                           ("attempts_used", N_("When all attempts are used")),
                           ("past_due", N_("After the due date")),
                           ("never", N_("Never")))),
]

@dataclasses.dataclass(frozen=True)
class LocatedProblem(Problem):
    """A problem found in OLX source, with the line of the element it concerns."""
    line: int | None = None

    def to_dict(self, gettext=None) -> dict[str, Any]:
        return {**super().to_dict(gettext), "line": self.line}


def located(problems, root) -> list[Problem]:
    """Problems with the source line of their item: the element carrying ``id="<item id>"``
    (for a duplicated id, its second use: the one the problem is about)."""
    lines: dict[str, list[int]] = {}
    for element in root.iter():
        item_id = element.get("id") if isinstance(element.tag, str) else None
        if item_id and element.sourceline:
            lines.setdefault(item_id, []).append(element.sourceline)
    result = []
    for problem in problems:
        found = lines.get(problem.item_id or "", [])
        if not found:
            result.append(problem)
            continue
        line = found[1] if problem.code == "duplicate-id" and len(found) > 1 else found[0]
        fields = {f.name: getattr(problem, f.name) for f in dataclasses.fields(Problem)}
        result.append(LocatedProblem(**fields, line=line))
    return result


class StudioMixin:
    # --- the block's editor description ------------------------------------------------
    @property
    def editor(self) -> Editor:
        return self.core.editor

    def _settings_values(self) -> dict[str, Any]:
        return {"display_name": self.display_name, "weight": self.weight,
                "max_attempts": self.max_attempts, "attempt_policy": self.attempt_policy,
                "show_answer": self.show_answer}

    def _problems_json(self, problems) -> list[dict[str, Any]]:
        return [p.to_dict(self.gettext) for p in problems]

    def _insights(self, model, problems) -> dict[str, Any]:
        return self.editor.insights(model, problems, self.gettext, self.language)

    # --- views ---------------------------------------------------------------------------
    def _no_rights_fragment(self):
        """What a view shows someone without read rights: a sentence, nothing of the
        content (not even the display name, which an author may use to name the case)."""
        from web_fragments.fragment import Fragment

        text = self._escape(self.gettext(NO_READ))
        return Fragment(f'<div class="asn-block asn-no-rights"><p role="alert">{text}</p></div>')

    def studio_view(self, context=None):
        if not self.can_read_content():
            return self._no_rights_fragment()
        _ = self.gettext
        model = self.content_model
        problems = self.content_problems()
        editor = self.editor
        preview = dict(editor.preview)
        preview["learner_js"] = self.js_class
        payload = {
            "olx": self.export_olx(),
            "problems": self._problems_json(problems),
            "settings": self._settings_values(),
            "content": self.core.to_dict(model),
            "schema": studio_forms.for_browser(editor.schema, _),
            "settings_schema": studio_forms.for_browser({"fields": SETTINGS_FIELDS}, _)["fields"],
            "catalogue": [[cid, _(label)] for cid, label in catalogue.BUILT_IN.items()],
            "insights": self._insights(model, problems),
            "preview": preview,
            "tools": [{"name": t["name"], "label": _(t["label"])}
                      for t in editor.tools],
            "defaults": {"max_attempts": self.DEFAULT_MAX_ATTEMPTS,
                         "raw_maximum": self.core.raw_maximum(model)},
            "display_name_default": _(self.DISPLAY_NAME),
            "learners_warning": self._learners_warning(),
        }
        return self._fragment("studio", payload)

    def _learners_warning(self) -> str:
        """Said beside Save when learners have worked on the block."""

        count = api.rows.learners_on(self.usage_id_str)
        if not count:
            return ""
        return self.ngettext(
            "{count} learner has started or finished this block; finished attempts keep their "
            "score and how they were taken.",
            "{count} learners have started or finished this block; finished attempts keep "
            "their score and how they were taken.", count).format(count=count)

    def author_view(self, context=None):
        if not self.can_read_content():
            return self._no_rights_fragment()
        _ = self.gettext
        problems = self.content_problems()
        summary = self.core.summary(self.content_model)
        labels = self.core.summary_labels
        facts = [{"label": _(labels[key]), "value": value}
                 for key, value in summary.items()
                 if key in labels and isinstance(value, (int, float))]
        declared = self.core.declared_competencies(self.content_model)
        payload = {
            "summary": summary,
            "facts": facts,
            "competencies": [catalogue.label(c, declared, _)
                             for c in summary.get("competencies", [])],
            "max_points": self.max_points(),
            "max_attempts": self.attempt_limit,
            "errors": sum(1 for p in problems if p.is_error),
            "warnings": sum(1 for p in problems if not p.is_error),
            "problems": self._problems_json(problems),
        }
        return self._fragment("author", payload)

    # --- OLX source ------------------------------------------------------------------------
    def _parse_source(self, source: str):
        try:
            root = olx.parse_olx(source)
        except olx.OlxError as exc:
            raise ActionError(400, exc.message, **exc.params) from None
        if root.tag != self.scope_ids.block_type:
            raise ActionError(400, N_("The OLX root element must be <{tag}>."),
                              tag=self.scope_ids.block_type)
        return root

    def _settings_from(self, root) -> dict[str, Any]:
        settings = {}
        for name in ("display_name", "weight", "max_attempts", "attempt_policy", "show_answer",
                     "show_correctness"):
            raw = root.get(name)
            if raw is not None:
                try:
                    settings[name] = read_setting(self.fields[name], name, raw)
                except olx.OlxError as exc:
                    raise ActionError(400, exc.message, **exc.params) from None
        return settings

    def _parse_model(self, root):
        try:
            return self.core.parse(root)
        except olx.OlxError as exc:
            raise ActionError(400, exc.message, **exc.params) from None

    def _require(self, write: bool) -> None:
        if write:
            self.require_write_content()
        else:
            self.require_read_content()

    def _checked(self, data, write: bool = False) -> tuple[Any, dict[str, Any], list]:
        """The OLX source read and validated; each problem about an item carries the line of
        the element with that ``id`` in the submitted text (the OLX mode shows "line N")."""
        self._require(write)
        root = self._parse_source(require_str(data, "olx", MAX_OLX_CHARS))
        settings = self._settings_from(root)
        model = self._parse_model(root)
        return model, settings, located(self.content_problems(model, settings), root)

    @json_action
    def studio_check(self, data, suffix=""):
        """Validate OLX without saving (the editor shows problems as the author types)."""
        _model, _settings, problems = self._checked(data)
        return {"problems": self._problems_json(problems)}

    @json_action
    def studio_save(self, data, suffix=""):
        """Save OLX from the editor: errors block the save, warnings do not."""
        model, settings, problems = self._checked(data, write=True)
        display_name = optional_str(data, "display_name", MAX_DISPLAY_NAME)
        if display_name is not None:
            settings["display_name"] = display_name
        return self._save(model, settings, problems)

    def _save(self, model, settings: dict[str, Any], problems) -> Any:
        errors = [p for p in problems if p.is_error]
        if errors:
            return self._refusal(errors)
        self.set_content_model(model)
        for name, value in settings.items():
            setattr(self, name, value)
        self.save()
        return {"saved": True, "problems": self._problems_json(problems),
                "content": self.core.to_dict(model), "settings": self._settings_values(),
                "insights": self._insights(model, problems)}

    def _refusal(self, errors):
        from .handlers import _error_response

        return _error_response(400, self.gettext("The content has errors; nothing was saved."),
                               problems=self._problems_json(errors))

    # --- the form --------------------------------------------------------------------------
    def _form_settings(self, data: dict) -> dict[str, Any]:
        raw = data.get("settings", {})
        if not isinstance(raw, dict):
            raise ActionError(400, N_("The field \"{field}\" must be an object."), field="settings")
        try:
            settings = studio_forms.clean_content(
                {"root": "settings", "types": {"settings": {"label": "settings",
                                                            "fields": SETTINGS_FIELDS}}},
                {key: value for key, value in raw.items()})
        except studio_forms.FormError as exc:
            raise ActionError(400, exc.message, **exc.params) from None
        settings = {key: settings[key] for key in raw}  # only what the form sent
        if len(settings.get("display_name") or "") > MAX_DISPLAY_NAME:
            raise ActionError(400, N_("The field \"{field}\" is too long (at most {limit} "
                                      "characters)."), field="display_name",
                              limit=MAX_DISPLAY_NAME)
        for key in ("weight", "max_attempts"):
            if not check_setting(key, settings.get(key)):
                raise ActionError(400, INVALID_SETTING, name=key)
        if "attempt_policy" in settings and settings["attempt_policy"] not in ATTEMPT_POLICIES:
            raise ActionError(400, N_("The setting \"{name}\" has an invalid value."),
                              name="attempt_policy")
        if "show_answer" in settings and settings["show_answer"] not in SHOW_ANSWER_VALUES:
            raise ActionError(400, N_("The setting \"{name}\" has an invalid value."),
                              name="show_answer")
        return settings

    def _form_model(self, data: dict):
        """The content model of what the form sent: strictly read, HTML sanitized, and
        passed through its own OLX so it equals what importing that OLX gives."""
        content = require_dict(data, "content")
        try:
            cleaned = studio_forms.clean_content(self.editor.schema, content)
        except studio_forms.FormError as exc:
            raise ActionError(400, exc.message, **exc.params) from None
        try:
            source = olx.to_string(self.core.export(self.core.from_dict(cleaned)))
        except (ValueError, TypeError, KeyError, etree.LxmlError):
            raise ActionError(400, N_("The content could not be read; check the text fields "
                                      "for unusual characters.")) from None
        return self._parse_model(self._parse_source(source))

    def _form(self, data: dict, write: bool = False) -> tuple[Any, dict[str, Any], list]:
        self._require(write)
        model = self._form_model(data)
        settings = self._form_settings(data)
        cleaned = [warning("html-cleaned", N_("Markup that is not allowed (scripts, event "
                                              "handlers, styles, frames or forms) was removed "
                                              "from the text; check it reads as intended."),
                           item_id)
                   for item_id in studio_forms.removed_markup(self.editor.schema,
                                                              data["content"])]
        return model, settings, cleaned + self.content_problems(model, settings)

    @json_action
    def studio_check_form(self, data, suffix=""):
        """Validate the form's content without saving: problems and the editor's insights
        (the simulation's map, the service desk's expected outcomes)."""
        model, _settings, problems = self._form(data)
        return {"problems": self._problems_json(problems),
                "insights": self._insights(model, problems)}

    @json_action
    def studio_save_form(self, data, suffix=""):
        """Save the form's content and settings: errors block the save, warnings do not."""
        model, settings, problems = self._form(data, write=True)
        return self._save(model, settings, problems)

    @json_action
    def studio_to_olx(self, data, suffix=""):
        """Form → OLX source (switching editing modes)."""
        model, settings, problems = self._form(data)
        return {"olx": self._olx_text(model, settings), "problems": self._problems_json(problems)}

    def _olx_text(self, model, settings: dict[str, Any]) -> str:
        root = self.core.export(model)
        node = etree.Element(root.tag)
        merged = {**self._settings_values(), **settings}
        for name in ("display_name", "weight", "max_attempts", "attempt_policy", "show_answer"):
            value = merged.get(name)
            field = self.fields[name]
            if value is not None and (field.is_set_on(self) or value != field.default):
                node.set(name, value if isinstance(value, str) else olx.format_attr(value))
        for name, value in root.attrib.items():
            node.set(name, value)
        node.text = root.text
        for item in list(root):
            node.append(item)
        return olx.to_string(node)

    @json_action
    def studio_from_olx(self, data, suffix=""):
        """OLX source → form (switching editing modes)."""
        model, settings, problems = self._checked(data)
        values = self._settings_values()
        values.update({k: v for k, v in settings.items() if k in values})
        return {"content": self.core.to_dict(model), "settings": values,
                "problems": self._problems_json(problems),
                "insights": self._insights(model, problems)}

    @json_action
    def studio_check_field(self, data, suffix=""):
        """One field checked as it is typed (the simulation's conditions, by the engine's
        own parser)."""
        self.require_read_content()
        kind = require_str(data, "kind", 40)
        value = require_str(data, "value", studio_forms.LIMITS["condition"], allow_empty=True)
        names = data.get("names", [])
        if not isinstance(names, list) or len(names) > studio_forms.MAX_ITEMS or not all(
                isinstance(n, str) and len(n) <= studio_forms.LIMITS["id"] for n in names):
            raise ActionError(400, N_("The field \"{field}\" must be a list of ids."),
                              field="names")
        return self.editor.check_field(kind, value, set(names), self.gettext)

    @json_action
    def studio_tool(self, data, suffix=""):
        """A block's authoring tool on the edited content (the simulation's "Check all
        paths")."""
        self.require_read_content()
        name = require_str(data, "tool", 40)
        tools = {t["name"] for t in self.editor.tools}
        if name not in tools:
            raise ActionError(400, N_("Unknown tool \"{name}\"."), name=name[:40])
        model = self._form_model(data)
        return {"report": self.editor.run_tool(name, model, self.gettext, self.language)}
