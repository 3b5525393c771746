"""Site search for residents: faceted search over offers, events and articles (HTML and API)."""

from django.apps import AppConfig


class SearchConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "search"
    verbose_name = "Suche"

    def ready(self):
        from . import signals

        signals.connect()
