"""The Veranstaltungskalender: an index of upcoming events and the event itself."""

import datetime

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.fields import RichTextField
from wagtail.models import Page, PageManager
from wagtail.search import index

from core.folders import ProviderFolderPage
from core.forms import ClassifiedPageForm
from core.listing import FilteredListingMixin
from core.models import OfferingPage, PortalPageQuerySet


class KalenderIndexPage(FilteredListingMixin, Page):
    """The calendar: upcoming events in order, filterable by the taxonomies."""

    # --- tree rules ---
    parent_page_types = ["home.HomePage"]
    subpage_types = ["kalender.EventPage", "kalender.ProviderEventFolderPage"]
    max_count = 1

    # --- fields ---
    intro = RichTextField(_("Einleitung"), blank=True, features=["bold", "italic", "link"])

    # --- panels ---
    content_panels = Page.content_panels + [FieldPanel("intro")]

    # --- API ---
    api_fields = [APIField("intro")]

    class Meta:
        verbose_name = _("Veranstaltungskalender")

    @property
    def listing_model(self):
        return EventPage

    def get_listing_queryset(self):
        return super().get_listing_queryset().upcoming().order_by("start", "title")


class ProviderEventFolderPage(ProviderFolderPage):
    """One provider's events; the provider's group adds and edits events here."""

    # --- tree rules ---
    is_creatable = False  # made when a provider is approved (anbieter.services)
    parent_page_types = ["kalender.KalenderIndexPage"]
    subpage_types = ["kalender.EventPage"]

    class Meta:
        verbose_name = _("Veranstaltungen eines Anbieters")
        verbose_name_plural = _("Veranstaltungen der Anbieter")


class EventPageQuerySet(PortalPageQuerySet):
    def upcoming(self, now: datetime.datetime | None = None):
        """Events that have not ended yet (an event without an end ends with its start day)."""
        now = now or timezone.now()
        start_of_today = timezone.make_aware(datetime.datetime.combine(timezone.localdate(now), datetime.time.min))
        return self.filter(Q(end__gte=now) | Q(end__isnull=True, start__gte=start_of_today))


class EventPage(OfferingPage):
    """An event (Veranstaltung) with a start, an optional end, possibly all-day."""

    # --- tree rules ---
    parent_page_types = ["kalender.KalenderIndexPage", "kalender.ProviderEventFolderPage"]
    subpage_types = []

    # --- fields ---
    start = models.DateTimeField(_("Beginn"), db_index=True)
    end = models.DateTimeField(_("Ende"), null=True, blank=True)
    all_day = models.BooleanField(_("ganztägig"), default=False)

    objects = PageManager.from_queryset(EventPageQuerySet)()

    # --- search ---
    search_fields = OfferingPage.search_fields + [index.FilterField("start"), index.FilterField("end")]

    # --- panels ---
    base_form_class = ClassifiedPageForm
    content_panels = Page.content_panels + [
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("start"), FieldPanel("end")]), FieldPanel("all_day")],
            heading=_("Datum und Uhrzeit"),
        ),
        FieldPanel("teaser"),
        FieldPanel("image"),
        FieldPanel("body"),
        MultiFieldPanel(OfferingPage.classification_panels, heading=_("Einordnung")),
        *OfferingPage.offering_panels,
    ]

    # --- API ---
    api_fields = OfferingPage.api_fields + [APIField("start"), APIField("end"), APIField("all_day")]

    class Meta:
        verbose_name = _("Veranstaltung")
        verbose_name_plural = _("Veranstaltungen")

    # --- rules ---
    def clean(self):
        errors = {}
        try:
            super().clean()
        except ValidationError as error:
            errors.update(error.message_dict)
        if self.start and self.end and self.end < self.start:
            errors["end"] = [_("Das Ende darf nicht vor dem Beginn liegen.")]
        if errors:
            raise ValidationError(errors)

    @property
    def has_ended(self) -> bool:
        now = timezone.now()
        if self.end:
            return self.end < now
        return timezone.localdate(self.start) < timezone.localdate(now)

    @property
    def is_multi_day(self) -> bool:
        return bool(self.end) and timezone.localdate(self.end) != timezone.localdate(self.start)
