"""The site wired together: set-up of taxonomies, page tree, groups and workflow; demo content; their commands.

Nothing imports this app: it sits on top of all others.
"""

from django.apps import AppConfig


class PortalConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "portal"
    verbose_name = "Portal"
