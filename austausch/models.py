"""Which portal object an id of the exchange format stands for, so that a re-import updates it."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ExternalId(models.Model):
    """The stable id an exporting system gave a provider or a page (``"id"`` of a line)."""

    class Art(models.TextChoices):
        ANBIETER = "anbieter", _("Anbieter")
        ANGEBOT = "angebot", _("Angebot")
        VERANSTALTUNG = "veranstaltung", _("Veranstaltung")
        BEITRAG = "beitrag", _("Beitrag")

    external_id = models.CharField(_("Kennung im Austauschformat"), max_length=200, unique=True)
    art = models.CharField(_("Art"), max_length=20, choices=Art.choices)
    # exactly one of the two; deleting the object forgets its id (a later import creates it anew)
    page = models.OneToOneField(
        "wagtailcore.Page", null=True, blank=True, on_delete=models.CASCADE, related_name="external_id"
    )
    anbieter = models.OneToOneField(
        "anbieter.Anbieter", null=True, blank=True, on_delete=models.CASCADE, related_name="external_id"
    )
    imported_at = models.DateTimeField(_("zuletzt importiert"), auto_now=True)

    class Meta:
        verbose_name = _("Kennung im Austauschformat")
        verbose_name_plural = _("Kennungen im Austauschformat")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(page__isnull=False, anbieter__isnull=True)
                | models.Q(page__isnull=True, anbieter__isnull=False),
                name="external_id_points_to_one_object",
            )
        ]

    def __str__(self) -> str:
        return f"{self.art} {self.external_id}"
