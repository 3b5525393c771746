"""The provider (Anbieter) profile."""

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.search import index


class AnbieterQuerySet(models.QuerySet):
    def active(self):
        """Providers whose account the service office has approved and not suspended."""
        return self.filter(is_active=True)


class Anbieter(index.Indexed, models.Model):
    """An organisation that publishes offers, events or articles on the portal."""

    class Kind(models.TextChoices):
        KOMMUNE = "kommune", _("Kommune / öffentliche Einrichtung")
        FREIER_TRAEGER = "freier_traeger", _("Freier Träger")
        PRIVAT = "privat", _("Privater Anbieter")
        VEREIN = "verein", _("Verein / Ehrenamt")
        BILDUNGSEINRICHTUNG = "bildung", _("Bildungseinrichtung")

    name = models.CharField(_("Name"), max_length=200, unique=True)
    slug = models.SlugField(_("Kurzname (Slug)"), max_length=200, unique=True)
    kind = models.CharField(_("Art des Trägers"), max_length=30, choices=Kind.choices)
    is_active = models.BooleanField(
        _("freigeschaltet"),
        default=True,
        help_text=_("Nur Inhalte freigeschalteter Anbieter erscheinen auf der Website und in der Suche."),
    )
    street = models.CharField(_("Straße und Hausnummer"), max_length=200, blank=True)
    postal_code = models.CharField(_("Postleitzahl"), max_length=5, blank=True)
    ort = models.ForeignKey(
        "taxonomy.Ort", verbose_name=_("Ort"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    contact_name = models.CharField(_("Ansprechperson"), max_length=200, blank=True)
    email = models.EmailField(_("E-Mail"), blank=True)
    phone = models.CharField(_("Telefon"), max_length=50, blank=True)
    website = models.URLField(_("Website"), blank=True)
    logo = models.ForeignKey(
        "wagtailimages.Image", verbose_name=_("Logo"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    description = RichTextField(_("Beschreibung"), blank=True, features=["bold", "italic", "link", "ol", "ul"])

    objects = AnbieterQuerySet.as_manager()

    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.SearchField("description"),
        index.FilterField("is_active"),
    ]

    panels = [
        MultiFieldPanel(
            [FieldPanel("name"), FieldPanel("slug"), FieldPanel("kind"), FieldPanel("is_active")],
            heading=_("Anbieter"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("street"),
                FieldRowPanel([FieldPanel("postal_code"), FieldPanel("ort")]),
                FieldPanel("contact_name"),
                FieldRowPanel([FieldPanel("email"), FieldPanel("phone")]),
                FieldPanel("website"),
            ],
            heading=_("Adresse und Kontakt"),
        ),
        FieldPanel("logo"),
        FieldPanel("description"),
    ]

    class Meta:
        ordering = ["name"]
        verbose_name = _("Anbieter")
        verbose_name_plural = _("Anbieter")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("anbieter:detail", kwargs={"slug": self.slug})
