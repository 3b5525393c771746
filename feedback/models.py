"""Participants' ratings of an offer or event, and each page's averages."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

CRITERIA = {
    "content": _("Inhalt"),
    "organisation": _("Organisation"),
    "accessibility": _("Erreichbarkeit und Barrierefreiheit"),
    "value": _("Preis-Leistung"),
}


def stars(verbose_name):
    return models.PositiveSmallIntegerField(verbose_name, validators=[MinValueValidator(1), MaxValueValidator(5)])


class Rating(models.Model):
    """One participant's rating, given once through a personal link; the comment appears after moderation."""

    class CommentStatus(models.TextChoices):
        NONE = "keiner", _("kein Kommentar")
        PENDING = "wartet", _("wartet auf Prüfung")
        APPROVED = "freigegeben", _("freigegeben")
        REJECTED = "abgelehnt", _("abgelehnt")

    # one rating per registration: this is what makes the link one-time
    registration = models.OneToOneField(
        "anmeldung.Registration",
        verbose_name=_("Anmeldung"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="rating",
    )
    page = models.ForeignKey(
        "wagtailcore.Page", verbose_name=_("Seite"), on_delete=models.CASCADE, related_name="ratings"
    )
    anbieter = models.ForeignKey(
        "anbieter.Anbieter",
        verbose_name=_("Anbieter"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    content = stars(CRITERIA["content"])
    organisation = stars(CRITERIA["organisation"])
    accessibility = stars(CRITERIA["accessibility"])
    value = stars(CRITERIA["value"])
    comment = models.TextField(_("Kommentar"), blank=True, max_length=2000)
    comment_status = models.CharField(
        _("Kommentar"), max_length=20, choices=CommentStatus.choices, default=CommentStatus.NONE, db_index=True
    )
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("geprüft von"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    answer = models.TextField(_("Antwort des Anbieters"), blank=True, max_length=2000)
    answered_at = models.DateTimeField(_("beantwortet am"), null=True, blank=True)
    created_at = models.DateTimeField(_("bewertet am"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("Bewertung")
        verbose_name_plural = _("Bewertungen")
        constraints = [
            models.CheckConstraint(condition=Q(**{f"{name}__gte": 1, f"{name}__lte": 5}), name=f"rating_{name}_1_to_5")
            for name in CRITERIA
        ]

    def __str__(self) -> str:
        return f"{self.page.title}: {self.overall:.1f}"

    @property
    def overall(self) -> float:
        return sum(getattr(self, name) for name in CRITERIA) / len(CRITERIA)

    @property
    def page_title(self) -> str:
        return self.page.title


class RatingSummary(models.Model):
    """A page's number of ratings and averages, kept up to date with every rating (for pages, API, search)."""

    page = models.OneToOneField(
        "wagtailcore.Page", on_delete=models.CASCADE, primary_key=True, related_name="rating_summary"
    )
    count = models.PositiveIntegerField(default=0)
    content = models.FloatField(null=True)
    organisation = models.FloatField(null=True)
    accessibility = models.FloatField(null=True)
    value = models.FloatField(null=True)
    overall = models.FloatField(null=True)

    class Meta:
        verbose_name = _("Bewertungsübersicht")
        verbose_name_plural = _("Bewertungsübersichten")

    def as_dict(self) -> dict:
        return {
            "anzahl": self.count,
            "durchschnitt": self.overall,
            **{key: getattr(self, name) for name, key in API_KEYS.items()},
        }


API_KEYS = {
    "content": "inhalt",
    "organisation": "organisation",
    "accessibility": "erreichbarkeit",
    "value": "preis_leistung",
}
