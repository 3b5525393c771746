"""The Veranstaltungskalender: events."""

from django.apps import AppConfig


class KalenderConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "kalender"
    verbose_name = "Veranstaltungskalender"
