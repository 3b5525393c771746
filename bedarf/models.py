"""A resident's wish for an offer that is missing (no account, nothing personal)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Wish(models.Model):
    """ "Was fehlt Ihnen?": a topic, for whom, in which life situation, where, and when it would suit."""

    class Time(models.TextChoices):
        MORNING = "vormittags", _("vormittags")
        AFTERNOON = "nachmittags", _("nachmittags")
        EVENING = "abends", _("abends")
        WEEKEND = "wochenende", _("am Wochenende")

    topic = models.CharField(_("Thema"), max_length=200)
    description = models.TextField(_("Beschreibung"), blank=True, max_length=2000)
    lebenslage = models.ForeignKey(
        "taxonomy.Lebenslage",
        verbose_name=_("Lebenslage"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    zielgruppe = models.ForeignKey(
        "taxonomy.Zielgruppe",
        verbose_name=_("Zielgruppe"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    ort = models.ForeignKey(
        "taxonomy.Ort", verbose_name=_("Ort"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    preferred_times = models.JSONField(_("bevorzugte Zeiten"), default=list, blank=True)
    created_at = models.DateTimeField(_("eingegangen am"), auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("Wunsch")
        verbose_name_plural = _("Wünsche")

    def __str__(self) -> str:
        return self.topic
