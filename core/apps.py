"""What the portal's page types share: abstract pages, blocks, listings, forms, serializers, mail, template tags."""

from django.apps import AppConfig


class CoreConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "core"
    verbose_name = "Grundlagen"

    def ready(self):
        from . import restrictions

        restrictions.connect()
