"""Abstract page types shared by offers, events and articles."""

from decimal import Decimal

from django import forms
from django.apps import apps
from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.db import models
from django.db.models import Q
from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.fields import RichTextField, StreamField
from wagtail.images.api.fields import ImageRenditionField
from wagtail.models import Page, PageManager
from wagtail.query import PageQuerySet
from wagtail.search import index

from .blocks import BodyBlock
from .restrictions import ViewRestrictionsOnceMixin, exclude_restricted
from .serializers import AnbieterSerializer, OrtSerializer, RatingSummaryField, TermSerializer, VenueSerializer


class PortalPageQuerySet(PageQuerySet):
    def visible(self):
        """What residents may see: live, public, and not from a suspended or unapproved provider."""
        return self.live().public().filter(Q(anbieter__isnull=True) | Q(anbieter__is_active=True))

    def public(self):
        """Wagtail's ``public()``, with the view restrictions read once per request (core.restrictions)."""
        return exclude_restricted(self)

    def for_cards(self):
        """Read with what their cards show (``card_select_related``, ``card_prefetch_related``): a constant number
        of queries however many cards, with or without images."""
        return (
            self.select_related(*self.model.card_select_related)
            .prefetch_related(*self.model.card_prefetch_related)
            .card_columns()
        )

    def card_columns(self):
        """Only the columns a card reads (``card_fields``), for pages whose relations come from elsewhere (the
        search's hits carry their page for the badges and "Merken")."""
        return self.only(*self.model.card_fields)


PortalPageManager = PageManager.from_queryset(PortalPageQuerySet)


class SectionIndexPage(ViewRestrictionsOnceMixin, Page):
    """The index of one section (offers, events, articles) below the home page: an introduction above the
    listing of the section's pages, which the concrete page gives with ``FilteredListingMixin``."""

    # --- tree rules ---
    parent_page_types = ["home.HomePage"]
    max_count = 1

    # --- fields ---
    intro = RichTextField(_("Einleitung"), blank=True, features=["bold", "italic", "link"])

    # --- panels ---
    content_panels = Page.content_panels + [FieldPanel("intro")]

    # --- API ---
    api_fields = [APIField("intro")]

    class Meta:
        abstract = True


class ClassifiedPage(ViewRestrictionsOnceMixin, Page):
    """A page placed in the portal's taxonomies and attributed to a provider."""

    # read with the page when a request is routed to it (core.routing): its header and facts show them
    route_select_related = ("anbieter", "anbieter__ort", "bereich")

    # --- fields ---
    teaser = models.TextField(
        _("Kurzbeschreibung"),
        max_length=300,
        help_text=_("Ein bis zwei Sätze für Übersichten und Suchergebnisse (höchstens 300 Zeichen)."),
    )
    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("Bild"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Bitte im Bild eine Beschreibung als Alternativtext hinterlegen."),
    )
    body = StreamField(BodyBlock(), verbose_name=_("Inhalt"), blank=True)
    anbieter = models.ForeignKey(
        "anbieter.Anbieter",
        verbose_name=_("Anbieter"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    bereich = models.ForeignKey(
        "taxonomy.Bereich",
        verbose_name=_("Bereich"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    lebenslagen = ParentalManyToManyField(
        "taxonomy.Lebenslage", verbose_name=_("Lebenslagen"), blank=True, related_name="+"
    )
    zielgruppen = ParentalManyToManyField(
        "taxonomy.Zielgruppe", verbose_name=_("Zielgruppen"), blank=True, related_name="+"
    )

    objects = PortalPageManager()

    # --- search ---
    search_fields = Page.search_fields + [
        index.SearchField("teaser"),
        index.SearchField("body"),
        index.RelatedFields("anbieter", [index.SearchField("name")]),
        index.FilterField("anbieter"),
        index.FilterField("bereich"),
    ]

    # --- panels ---
    classification_panels = [
        FieldPanel("anbieter"),
        FieldPanel("bereich"),
        FieldPanel("lebenslagen", widget=forms.CheckboxSelectMultiple),
        FieldPanel("zielgruppen", widget=forms.CheckboxSelectMultiple),
    ]

    # --- API ---
    api_fields = [
        APIField("teaser"),
        APIField("image"),
        APIField("image_thumbnail", serializer=ImageRenditionField("fill-640x360", source="image")),
        APIField("body"),
        APIField("anbieter", serializer=AnbieterSerializer()),
        APIField("bereich", serializer=TermSerializer()),
        APIField("lebenslagen", serializer=TermSerializer(many=True)),
        APIField("zielgruppen", serializer=TermSerializer(many=True)),
    ]
    # Applied by the API and the listings so that query counts don't grow with the page size.
    listing_select_related = ["anbieter", "bereich", "image", "locale"]
    listing_prefetch_related = ["lebenslagen", "zielgruppen", "image__renditions"]
    # What a card of the HTML listings shows (portal_tags.card): Bereich, image and its renditions,
    # not the provider, taxonomies, ratings and dates the API serialises — a query or a join each that every
    # listing paid for nothing.
    card_select_related = ["bereich", "image"]
    card_prefetch_related = ["image__renditions"]
    # ... and the columns it reads (link, type, title, teaser; the page types add theirs), not the body, SEO,
    # contact and revision columns: making the page objects of a listing was most of reading it. A column a card
    # reads and this leaves out costs a query per card; the page types' query counts are asserted
    # (tests/pages/test_offer_queries.py, test_card_images.py).
    card_fields = ("title", "url_path", "path", "depth", "content_type", "locale", "live", "teaser", "image", "bereich")

    class Meta:
        abstract = True


class OfferingPage(ClassifiedPage):
    """What offers and events have in common: a venue, costs, accessibility, registration, contact."""

    # read with the page when a request is routed to it (core.routing): the header, facts, map and ratings
    route_select_related = (*ClassifiedPage.route_select_related, "ort", "rating_summary")

    class Format(models.TextChoices):
        PRAESENZ = "praesenz", _("Präsenz")
        ONLINE = "online", _("Online")
        HYBRID = "hybrid", _("Hybrid")

    class Registration(models.TextChoices):
        NONE = "keine", _("Keine Anmeldung nötig")
        SITE = "portal", _("Anmeldung über dieses Portal")
        EXTERNAL = "extern", _("Anmeldung beim Anbieter (externer Link)")

    # --- venue ---
    venue_name = models.CharField(_("Veranstaltungsort"), max_length=200, blank=True, help_text=_("z. B. „Bürgerhaus“"))
    street = models.CharField(_("Straße und Hausnummer"), max_length=200, blank=True)
    postal_code = models.CharField(_("Postleitzahl"), max_length=5, blank=True)
    ort = models.ForeignKey(
        "taxonomy.Ort",
        verbose_name=_("Ort (Gemeinde)"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("Bei Online-Angeboten leer lassen."),
    )
    latitude = models.DecimalField(
        _("Breitengrad"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        help_text=_("Leer lassen, um den Ortsmittelpunkt zu verwenden."),
    )
    longitude = models.DecimalField(_("Längengrad"), max_digits=9, decimal_places=6, null=True, blank=True)
    format = models.CharField(_("Format"), max_length=20, choices=Format.choices, default=Format.PRAESENZ)

    # --- costs ---
    is_free = models.BooleanField(_("kostenlos"), default=False)
    price = models.DecimalField(
        _("Preis in Euro"),
        max_digits=8,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("Regulärer Preis pro Person."),
    )
    price_note = models.CharField(
        _("Ermäßigungen / Hinweise zu Kosten"),
        max_length=300,
        blank=True,
        help_text=_("z. B. „ermäßigt 5 € mit Sozialpass“"),
    )

    # --- accessibility ---
    barrierefreiheit = ParentalManyToManyField(
        "taxonomy.Barrierefreiheit", verbose_name=_("Barrierefreiheit"), blank=True, related_name="+"
    )
    accessibility_note = models.CharField(_("Hinweise zur Barrierefreiheit"), max_length=300, blank=True)

    # --- registration ---
    registration_mode = models.CharField(
        _("Anmeldung"), max_length=20, choices=Registration.choices, default=Registration.NONE
    )
    capacity = models.PositiveIntegerField(
        _("Plätze"), null=True, blank=True, help_text=_("Nur bei Anmeldung über dieses Portal: Anzahl der Plätze.")
    )
    min_participants = models.PositiveIntegerField(
        _("Mindestteilnehmerzahl"),
        null=True,
        blank=True,
        help_text=_(
            "Optional: findet erst ab so vielen Anmeldungen statt. Die Durchführung bestätigen oder absagen "
            "Sie unter „Anmeldungen → Termine“."
        ),
    )
    registration_url = models.URLField(_("Link zur Anmeldung"), blank=True)
    registration_note = models.CharField(_("Hinweise zur Anmeldung"), max_length=300, blank=True)

    # --- contact ---
    contact_name = models.CharField(_("Ansprechperson"), max_length=200, blank=True)
    contact_email = models.EmailField(_("E-Mail"), blank=True)
    contact_phone = models.CharField(_("Telefon"), max_length=50, blank=True)

    # --- search ---
    search_fields = ClassifiedPage.search_fields + [
        index.SearchField("venue_name"),
        index.RelatedFields("ort", [index.SearchField("name")]),
        index.FilterField("ort"),
        index.FilterField("is_free"),
        index.FilterField("format"),
    ]

    # --- panels ---
    venue_panels = [
        FieldPanel("format"),
        FieldPanel("venue_name"),
        FieldPanel("street"),
        FieldRowPanel([FieldPanel("postal_code"), FieldPanel("ort")]),
        FieldRowPanel([FieldPanel("latitude"), FieldPanel("longitude")]),
    ]
    cost_panels = [FieldPanel("is_free"), FieldRowPanel([FieldPanel("price"), FieldPanel("price_note")])]
    accessibility_panels = [
        FieldPanel("barrierefreiheit", widget=forms.CheckboxSelectMultiple),
        FieldPanel("accessibility_note"),
    ]
    registration_panels = [
        FieldPanel("registration_mode"),
        FieldRowPanel([FieldPanel("capacity"), FieldPanel("min_participants")]),
        FieldPanel("registration_url"),
        FieldPanel("registration_note"),
    ]
    contact_panels = [
        FieldPanel("contact_name"),
        FieldRowPanel([FieldPanel("contact_email"), FieldPanel("contact_phone")]),
    ]

    offering_panels = [
        MultiFieldPanel(venue_panels, heading=_("Ort und Format")),
        MultiFieldPanel(cost_panels, heading=_("Kosten")),
        MultiFieldPanel(accessibility_panels, heading=_("Barrierefreiheit")),
        MultiFieldPanel(registration_panels, heading=_("Anmeldung")),
        MultiFieldPanel(contact_panels, heading=_("Kontakt")),
    ]

    # --- API ---
    api_fields = ClassifiedPage.api_fields + [
        APIField("format"),
        APIField("venue", serializer=VenueSerializer(source="*")),
        APIField("ort", serializer=OrtSerializer()),
        APIField("is_free"),
        APIField("price"),
        APIField("price_note"),
        APIField("barrierefreiheit", serializer=TermSerializer(many=True)),
        APIField("accessibility_note"),
        APIField("registration_mode"),
        APIField("capacity"),
        APIField("min_participants"),
        APIField("registration_url"),
        APIField("registration_note"),
        APIField("contact_name"),
        APIField("contact_email"),
        APIField("contact_phone"),
        APIField("bewertung", serializer=RatingSummaryField(source="*")),
    ]
    listing_select_related = ClassifiedPage.listing_select_related + ["ort"]
    card_select_related = ClassifiedPage.card_select_related + ["ort"]  # "<venue>, <Ort>"
    # the place, the price and the badges (seats: anmeldung.services.seat_badges; "kostenlos")
    card_fields = (
        *ClassifiedPage.card_fields,
        "ort",
        "venue_name",
        "format",
        "is_free",
        "price",
        "registration_mode",
        "capacity",
    )
    listing_prefetch_related = ClassifiedPage.listing_prefetch_related + ["barrierefreiheit", "rating_summary"]

    class Meta:
        abstract = True

    # --- rules ---
    def clean(self):
        super().clean()
        errors = {}
        if self.is_free and self.price:
            errors["price"] = _("Ein kostenloses Angebot hat keinen Preis.")
        if self.price is not None and self.price < 0:
            errors["price"] = _("Der Preis darf nicht negativ sein.")
        if self.registration_mode == self.Registration.SITE and not self.capacity:
            errors["capacity"] = _("Bei Anmeldung über das Portal bitte die Anzahl der Plätze angeben.")
        if self.min_participants and self.capacity and self.min_participants > self.capacity:
            errors["min_participants"] = _("Die Mindestteilnehmerzahl darf nicht größer sein als die Zahl der Plätze.")
        if self.registration_mode == self.Registration.EXTERNAL and not self.registration_url:
            errors["registration_url"] = _("Bitte den Link zur Anmeldung angeben.")
        if (self.latitude is None) != (self.longitude is None):
            errors["longitude"] = _("Bitte Breiten- und Längengrad zusammen angeben oder beide leer lassen.")
        if self.format != self.Format.ONLINE and not self.ort_id:
            errors["ort"] = _("Bitte den Ort angeben (nur bei Online-Angeboten entbehrlich).")
        if errors:
            raise ValidationError(errors)

    # --- helpers ---
    @property
    def coordinates(self) -> tuple[float, float] | None:
        """The venue's coordinates, or the municipality's centre when the venue has none."""
        if self.latitude is not None and self.longitude is not None:
            return float(self.latitude), float(self.longitude)
        if self.ort_id:
            return float(self.ort.latitude), float(self.ort.longitude)
        return None

    @property
    def takes_registrations(self) -> bool:
        return self.registration_mode == self.Registration.SITE and bool(self.capacity)

    @property
    def rating_overview(self):
        """The page's rating summary (feedback.RatingSummary), or None before the first rating."""
        try:
            return self.rating_summary
        except ObjectDoesNotExist:
            return None

    @property
    def price_display(self) -> str:
        if self.is_free:
            return str(_("kostenlos"))
        if self.price is None:
            return ""
        amount = self.price if self.price % 1 else self.price.quantize(Decimal(1))
        return f"{number_format(amount, use_l10n=True)} €"


def classified_page_models() -> list[type[ClassifiedPage]]:
    """The concrete page types that carry taxonomies: offers, events, articles."""
    return [model for model in apps.get_models() if issubclass(model, ClassifiedPage)]
