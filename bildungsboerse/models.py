"""The Bildungsbörse: an index of offers and the offer (Angebot/Kurs) itself."""

import datetime

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q, prefetch_related_objects
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.models import Orderable, Page, PageManager
from wagtail.search import index

from anbieter.folders import ProviderFolderPage
from anbieter.page_forms import ClassifiedPageForm
from core.listing import FilteredListingMixin
from core.models import OfferingPage, PortalPageQuerySet, SectionIndexPage

from .sessions import period_sessions


class BildungsboerseIndexPage(FilteredListingMixin, SectionIndexPage):
    """The Bildungsbörse: all current offers, filterable by the taxonomies."""

    # --- tree rules (the rest: SectionIndexPage) ---
    subpage_types = ["bildungsboerse.OfferPage", "bildungsboerse.ProviderOfferFolderPage"]

    class Meta:
        verbose_name = _("Bildungsbörse")

    listing_sorts = {
        "datum": (_("nach Beginn"), (models.F("first_date").asc(nulls_last=True), "title")),
        "neu": (_("zuletzt eingestellt"), ("-first_published_at", "title")),
        "titel": (_("nach Titel (A–Z)"), ("title",)),
    }
    listing_date_span = ("first_date", "last_date")

    @property
    def listing_model(self):
        return OfferPage

    def get_listing_queryset(self):
        return super().get_listing_queryset().current().order_by(models.F("first_date").asc(nulls_last=True), "title")


class ProviderOfferFolderPage(ProviderFolderPage):
    """One provider's offers; the provider's group adds and edits offers here."""

    # --- tree rules ---
    is_creatable = False  # made when a provider is approved (anbieter.services)
    parent_page_types = ["bildungsboerse.BildungsboerseIndexPage"]
    subpage_types = ["bildungsboerse.OfferPage"]

    class Meta:
        verbose_name = _("Angebote eines Anbieters")
        verbose_name_plural = _("Angebote der Anbieter")


class OfferPageQuerySet(PortalPageQuerySet):
    def current(self, today: datetime.date | None = None):
        """Offers that have not ended: ongoing ones and those whose last date is today or later."""
        today = today or timezone.localdate()
        return self.filter(Q(last_date__isnull=True) | Q(last_date__gte=today))


class OfferPage(OfferingPage):
    """An offer or course (Angebot/Kurs): a period, fixed dates, or ongoing."""

    class Schedule(models.TextChoices):
        PERIOD = "zeitraum", _("Zeitraum (von – bis)")
        DATES = "termine", _("Feste Termine")
        ONGOING = "laufend", _("Laufend / auf Anfrage")

    # --- tree rules ---
    parent_page_types = ["bildungsboerse.BildungsboerseIndexPage", "bildungsboerse.ProviderOfferFolderPage"]
    subpage_types = []

    # --- fields ---
    schedule = models.CharField(_("Zeitliche Form"), max_length=20, choices=Schedule.choices, default=Schedule.PERIOD)
    start_date = models.DateField(_("Beginn"), null=True, blank=True)
    end_date = models.DateField(_("Ende"), null=True, blank=True)
    schedule_note = models.CharField(
        _("Zeiten"), max_length=200, blank=True, help_text=_("z. B. „dienstags 17–19 Uhr, 10 Termine“")
    )
    # First and last day the offer runs, derived on save from the period or the fixed dates;
    # listings, sorting and date searches use them.
    first_date = models.DateField(_("erster Tag"), null=True, editable=False, db_index=True)
    last_date = models.DateField(_("letzter Tag"), null=True, editable=False, db_index=True)
    late_registration = models.BooleanField(
        _("Anmeldung auch nach Kursbeginn"),
        default=False,
        help_text=_(
            "Nur bei Anmeldung über dieses Portal und einem Zeitraum: Ohne Haken schließt die Anmeldung, "
            "sobald der erste Kurstag vorbei ist."
        ),
    )

    objects = PageManager.from_queryset(OfferPageQuerySet)()

    # --- search ---
    search_fields = OfferingPage.search_fields + [
        index.FilterField("first_date"),
        index.FilterField("last_date"),
    ]

    # --- panels ---
    base_form_class = ClassifiedPageForm
    content_panels = Page.content_panels + [
        FieldPanel("teaser"),
        FieldPanel("image"),
        FieldPanel("body"),
        MultiFieldPanel(OfferingPage.classification_panels, heading=_("Einordnung")),
        MultiFieldPanel(
            [
                FieldPanel("schedule"),
                FieldRowPanel([FieldPanel("start_date"), FieldPanel("end_date")]),
                FieldPanel("schedule_note"),
            ],
            heading=_("Zeitraum"),
        ),
        InlinePanel("dates", heading=_("Feste Termine"), label=_("Termin")),
        *OfferingPage.offering_panels,
        FieldPanel("late_registration"),
    ]

    # --- API ---
    api_fields = OfferingPage.api_fields + [
        APIField("schedule"),
        APIField("start_date"),
        APIField("end_date"),
        APIField("schedule_note"),
        APIField("first_date"),
        APIField("last_date"),
        APIField("dates"),
    ]
    listing_prefetch_related = OfferingPage.listing_prefetch_related + ["dates"]
    # portal_tags.when and starts_soon; the seat badges ask late_registration
    card_fields = (
        *OfferingPage.card_fields,
        "schedule",
        "schedule_note",
        "first_date",
        "last_date",
        "late_registration",
    )

    class Meta:
        verbose_name = _("Angebot / Kurs")
        verbose_name_plural = _("Angebote / Kurse")

    # --- rendering ---
    def get_context(self, request, *args, **kwargs):
        # The header, the structured data, the list of dates and the registration box all read the dates: one
        # query instead of one each. Not in previews, whose dates are the draft's, in memory.
        if not getattr(request, "is_preview", False):
            prefetch_related_objects([self], "dates")
        return super().get_context(request, *args, **kwargs)

    # --- rules ---
    def clean(self):
        errors = {}
        try:
            super().clean()
        except ValidationError as error:
            errors.update(error.message_dict)
        if self.schedule == self.Schedule.PERIOD:
            if not self.start_date:
                errors["start_date"] = [_("Bitte den Beginn angeben.")]
            elif self.end_date and self.end_date < self.start_date:
                errors["end_date"] = [_("Das Ende darf nicht vor dem Beginn liegen.")]
        if errors:
            raise ValidationError(errors)

    def save(self, *args, **kwargs):
        self.first_date, self.last_date = self.compute_date_span()
        return super().save(*args, **kwargs)

    def compute_date_span(self) -> tuple[datetime.date | None, datetime.date | None]:
        if self.schedule == self.Schedule.PERIOD:
            return self.start_date, self.end_date or self.start_date
        if self.schedule == self.Schedule.DATES:
            days = [timezone.localdate(d.start) for d in self.dates.all() if d.start]
            ends = [timezone.localdate(d.end or d.start) for d in self.dates.all() if d.start]
            return (min(days), max(ends)) if days else (None, None)
        return None, None

    @property
    def sessions(self) -> list:
        """The single sessions of a period offer, from its days and "Zeiten" ([] when they cannot be told)."""
        if self.schedule != self.Schedule.PERIOD:
            return []
        return period_sessions(self.start_date, self.end_date, self.schedule_note)

    @property
    def upcoming_dates(self):
        now = timezone.now()
        return [d for d in self.dates.all() if (d.end or d.start) >= now]


class OfferDate(Orderable):
    """One fixed date of an offer with fixed dates."""

    page = ParentalKey(OfferPage, on_delete=models.CASCADE, related_name="dates")
    start = models.DateTimeField(_("Beginn"))
    end = models.DateTimeField(_("Ende"), null=True, blank=True)
    note = models.CharField(_("Hinweis"), max_length=200, blank=True)

    panels = [FieldRowPanel([FieldPanel("start"), FieldPanel("end")]), FieldPanel("note")]
    api_fields = [APIField("start"), APIField("end"), APIField("note")]

    class Meta(Orderable.Meta):
        verbose_name = _("Termin")
        verbose_name_plural = _("Termine")

    def clean(self):
        if self.start and self.end and self.end < self.start:
            raise ValidationError({"end": _("Das Ende darf nicht vor dem Beginn liegen.")})
