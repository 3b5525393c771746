"""Running the portal: the health endpoint, error pages, structured logs, deployment checks."""

from django.apps import AppConfig


class OpsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "ops"
    verbose_name = "Betrieb"

    def ready(self):
        from . import checks  # noqa: F401 (checks register themselves)
