"""Shared building blocks of the portal's pages: page mixins, StreamField blocks, listing filters, template tags."""

from django.apps import AppConfig


class CoreConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "core"
    verbose_name = "Grundlagen"

    def ready(self):
        from . import caching, csvsafe, frontend_cache

        caching.connect()
        frontend_cache.connect()
        csvsafe.install()
