"""The Bildungsbörse: offers and courses."""

from django.apps import AppConfig


class BildungsboerseConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "bildungsboerse"
    verbose_name = "Bildungsbörse"
