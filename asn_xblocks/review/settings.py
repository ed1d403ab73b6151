"""The plugin app's settings (edx-django-utils' plugin API, ``plugin_app["settings_config"]``).

The LMS and Studio call ``plugin_settings(settings)`` of every plugin app while their
settings load (edx_django_utils/plugins/plugin_settings.py ``add_plugins``): this names the
package's events in event-routing-backends' xAPI allow-list, so a site running Open edX
Aspects sends them without a settings snippet of its own. Where event-routing-backends is
not installed the names sit in a setting nobody reads. Imported before Django's apps are
ready, like every settings module: nothing here imports Django or the package's models.
"""
from ..xapi.settings import plugin_settings

__all__ = ["plugin_settings"]
