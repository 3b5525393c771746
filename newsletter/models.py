"""Newsletter subscribers with their interests, and what each was sent."""

import secrets

from django.db import models
from django.utils.translation import gettext_lazy as _


def new_token() -> str:
    return secrets.token_urlsafe(24)


class Subscriber(models.Model):
    """A resident who asked for the newsletter; nothing is sent before ``confirmed_at`` (double opt-in)."""

    email = models.EmailField(_("E-Mail"), unique=True)
    lebenslagen = models.ManyToManyField(
        "taxonomy.Lebenslage", verbose_name=_("Lebenslagen"), blank=True, related_name="+"
    )
    zielgruppen = models.ManyToManyField(
        "taxonomy.Zielgruppe", verbose_name=_("Zielgruppen"), blank=True, related_name="+"
    )
    orte = models.ManyToManyField("taxonomy.Ort", verbose_name=_("Orte"), blank=True, related_name="+")
    created_at = models.DateTimeField(_("angemeldet am"), auto_now_add=True)
    confirmed_at = models.DateTimeField(_("bestätigt am"), null=True, blank=True)
    last_sent_at = models.DateTimeField(_("zuletzt versendet"), null=True, blank=True)
    # the secret of the unsubscribe link in every mail (kept, so that old mails' links keep working)
    token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("Newsletter-Abonnement")
        verbose_name_plural = _("Newsletter-Abonnements")

    def __str__(self) -> str:
        return self.email


class SentItem(models.Model):
    """One offer or event sent to one subscriber: never twice (unique), recorded with the send."""

    subscriber = models.ForeignKey(Subscriber, on_delete=models.CASCADE, related_name="sent_items")
    page = models.ForeignKey("wagtailcore.Page", on_delete=models.CASCADE, related_name="+")
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["subscriber", "page"], name="newsletter_item_once_per_subscriber")
        ]
