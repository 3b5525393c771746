"""The site root and the standard pages (Über das Projekt, Kontakt, Impressum, ...)."""

from django.apps import AppConfig


class HomeConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "home"
    verbose_name = "Startseite"
