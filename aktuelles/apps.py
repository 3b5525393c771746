"""Aktuelles: articles, including the contributions providers post. Its own app: news fits neither the offers nor the calendar."""

from django.apps import AppConfig


class AktuellesConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "aktuelles"
    verbose_name = "Aktuelles"
