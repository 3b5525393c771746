"""Taxonomy terms shared by offers, events and articles."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel


class Term(models.Model):
    """A named term with a stable slug; slugs are what URLs, filters and the API use."""

    name = models.CharField(_("Name"), max_length=100, unique=True)
    slug = models.SlugField(
        _("Kurzname (Slug)"),
        max_length=100,
        unique=True,
        help_text=_(
            "Wird in Adressen und Filtern verwendet, z. B. „senioren“. Nach Veröffentlichung nicht mehr ändern."
        ),
    )
    description = models.TextField(_("Beschreibung"), blank=True)
    sort_order = models.IntegerField(_("Reihenfolge"), default=0)

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("description"), FieldPanel("sort_order")]

    class Meta:
        abstract = True
        ordering = ["sort_order", "name"]

    def __str__(self) -> str:
        return self.name


class Bereich(Term):
    """Education, leisure & culture, social: the portal's three areas."""

    class Meta(Term.Meta):
        verbose_name = _("Bereich")
        verbose_name_plural = _("Bereiche")


class Lebenslage(Term):
    """A life situation residents search by (e.g. retirement, new in the district)."""

    class Meta(Term.Meta):
        verbose_name = _("Lebenslage")
        verbose_name_plural = _("Lebenslagen")


class Zielgruppe(Term):
    """A target group (e.g. seniors, young people, families)."""

    class Meta(Term.Meta):
        verbose_name = _("Zielgruppe")
        verbose_name_plural = _("Zielgruppen")


class Barrierefreiheit(Term):
    """An accessibility feature of a venue or offer (e.g. step-free access, easy language)."""

    class Meta(Term.Meta):
        verbose_name = _("Merkmal der Barrierefreiheit")
        verbose_name_plural = _("Merkmale der Barrierefreiheit")


class Ort(models.Model):
    """A town or municipality of Elbe-Elster, with the coordinates of its centre."""

    class Kind(models.TextChoices):
        STADT = "stadt", _("Stadt")
        GEMEINDE = "gemeinde", _("Gemeinde")

    name = models.CharField(_("Name"), max_length=100, unique=True)
    slug = models.SlugField(_("Kurzname (Slug)"), max_length=100, unique=True)
    kind = models.CharField(_("Art"), max_length=20, choices=Kind.choices, default=Kind.GEMEINDE)
    amt = models.CharField(
        _("Amt"),
        max_length=100,
        blank=True,
        help_text=_("Amt, zu dem die Gemeinde gehört (leer bei amtsfreien Gemeinden)."),
    )
    postal_code = models.CharField(_("Postleitzahl"), max_length=5, blank=True)
    latitude = models.DecimalField(_("Breitengrad"), max_digits=9, decimal_places=6)
    longitude = models.DecimalField(_("Längengrad"), max_digits=9, decimal_places=6)

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldRowPanel([FieldPanel("kind"), FieldPanel("amt"), FieldPanel("postal_code")]),
        FieldRowPanel([FieldPanel("latitude"), FieldPanel("longitude")]),
    ]

    class Meta:
        ordering = ["name"]
        verbose_name = _("Ort")
        verbose_name_plural = _("Orte")

    def __str__(self) -> str:
        return self.name
