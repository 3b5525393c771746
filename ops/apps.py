"""Running the portal: security headers, login throttling, the health endpoint, structured logs."""

from django.apps import AppConfig


class OpsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "ops"
    verbose_name = "Betrieb"

    def ready(self):
        from . import checks, login_throttle  # noqa: F401 (checks register themselves)

        login_throttle.connect()
