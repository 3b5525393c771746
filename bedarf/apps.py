from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BedarfConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "bedarf"
    verbose_name = _("Bedarf")
