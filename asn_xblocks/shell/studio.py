"""Studio: the OLX-source editor (validated before saving) and the unit-page summary.

The editor talks to Studio / the Authoring MFE only through ``runtime.notify``
('save', 'cancel', 'error') and works in the workbench's studio view too.
"""
from __future__ import annotations

from typing import Any


from ..core import olx
from ..core.actions import ActionError
from ..core.i18n import N_
from .handlers import json_action, optional_str, require_str

MAX_OLX_CHARS = olx.MAX_OLX_BYTES


class StudioMixin:
    def studio_view(self, context=None):  # pylint: disable=unused-argument
        payload = {
            "olx": self.export_olx(),
            "problems": [p.to_dict(self.gettext) for p in self.content_problems()],
            "settings": {
                "display_name": self.display_name, "weight": self.weight,
                "max_attempts": self.max_attempts, "attempt_policy": self.attempt_policy,
                "show_answer": self.show_answer,
            },
        }
        return self._fragment("studio", payload)

    def author_view(self, context=None):  # pylint: disable=unused-argument
        problems = self.content_problems()
        payload = {
            "summary": self.core.summary(self.content_model),
            "max_points": self.max_points(),
            "max_attempts": self.attempt_limit,
            "errors": sum(1 for p in problems if p.is_error),
            "warnings": sum(1 for p in problems if not p.is_error),
            "problems": [p.to_dict(self.gettext) for p in problems],
        }
        return self._fragment("author", payload)

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
                field = self.fields[name]
                try:
                    settings[name] = field.from_string(raw)
                except (TypeError, ValueError):
                    raise ActionError(400, N_("The setting \"{name}\" has an invalid value."),
                                      name=name) from None
        return settings

    def _checked(self, data) -> tuple[Any, dict[str, Any], list]:
        self.require_staff()
        root = self._parse_source(require_str(data, "olx", MAX_OLX_CHARS))
        settings = self._settings_from(root)
        model = self.core.parse(root)
        return model, settings, self.content_problems(model, settings)

    @json_action
    def studio_check(self, data, suffix=""):  # pylint: disable=unused-argument
        """Validate OLX without saving (the editor shows problems as the author types)."""
        _model, _settings, problems = self._checked(data)
        return {"problems": [p.to_dict(self.gettext) for p in problems]}

    @json_action
    def studio_save(self, data, suffix=""):  # pylint: disable=unused-argument
        """Save OLX from the editor: errors block the save, warnings do not."""
        model, settings, problems = self._checked(data)
        errors = [p for p in problems if p.is_error]
        if errors:
            return self._refusal(errors)
        display_name = optional_str(data, "display_name", 255)
        if display_name is not None:
            settings["display_name"] = display_name
        self.set_content_model(model)
        for name, value in settings.items():
            setattr(self, name, value)
        self.save()
        return {"saved": True, "problems": [p.to_dict(self.gettext) for p in problems]}

    def _refusal(self, errors):
        from .handlers import _error_response

        return _error_response(400, self.gettext("The content has errors; nothing was saved."),
                               problems=[p.to_dict(self.gettext) for p in errors])


