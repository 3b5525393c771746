"""The 3L exchange format (JSON Lines): importing and exporting providers, offers, events and articles."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AustauschConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "austausch"
    verbose_name = _("Datenaustausch")
