"""Security: rate limits, spam protection of public forms, login throttling, headers and CSP, the JSON form layer."""

from django.apps import AppConfig


class SecurityConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "security"
    verbose_name = "Sicherheit"

    def ready(self):
        from . import csvsafe, login_throttle

        login_throttle.connect()
        csvsafe.install()
