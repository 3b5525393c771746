"""Providers (Anbieter): their public profile and their own page listing what they offer. Its own app because onboarding and scoped accounts grow around it."""

from django.apps import AppConfig


class AnbieterConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "anbieter"
    verbose_name = "Anbieter"

    def ready(self):
        from . import signals
        from .admin_filters import scope_page_listing_user_filters

        signals.connect()
        scope_page_listing_user_filters()
