from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AnmeldungConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "anmeldung"
    verbose_name = _("Anmeldungen")

    def ready(self):
        from . import signals  # noqa: F401
