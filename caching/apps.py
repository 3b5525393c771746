"""Caching: the content version that keys fragments and API answers, cache headers, frontend cache purges."""

from django.apps import AppConfig


class CachingConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "caching"
    verbose_name = "Zwischenspeicher"

    def ready(self):
        from . import content, frontend, sites

        content.connect()
        frontend.connect()
        sites.connect()
