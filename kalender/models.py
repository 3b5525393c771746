"""The Veranstaltungskalender: the calendar index, events (single or recurring) and imported feeds."""

import datetime

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from rest_framework import serializers
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.models import Orderable, Page, PageManager
from wagtail.search import index

from anbieter.folders import ProviderFolderPage
from core.listing import FilteredListingMixin
from core.models import OfferingPage, PortalPageQuerySet, SectionIndexPage

from . import recurrence, routes
from .calendar import navigation, order_by_next_occurrence
from .forms import EventPageForm


class PreviewRoutableMixin(RoutablePageMixin):
    """RoutablePageMixin whose previews stay previews while their template renders.

    Its ``serve_preview`` goes through the index route to ``Page.serve``, which sets ``request.is_preview`` to
    False: ``{% wagtailpagecache %}`` would then store the draft's fragments under the published page's key,
    where anonymous visitors read them. The response renders after ``serve_preview`` returns.
    """

    def serve_preview(self, request, mode_name):
        response = super().serve_preview(request, mode_name)
        request.is_preview = True
        return response


class KalenderIndexPage(FilteredListingMixin, PreviewRoutableMixin, SectionIndexPage):
    """The calendar: upcoming events, day/week/month views and iCalendar feeds, filterable like the search."""

    # --- tree rules (the rest: SectionIndexPage) ---
    subpage_types = ["kalender.EventPage", "kalender.ProviderEventFolderPage"]

    class Meta:
        verbose_name = _("Veranstaltungskalender")

    listing_sorts = {
        "datum": (_("nach Datum"), ("start", "title")),
        "titel": (_("nach Titel (A–Z)"), ("title",)),
    }
    listing_date_span = ("start", "end")  # see filter_by_dates: series are asked for their occurrences' span

    @property
    def listing_model(self):
        return EventPage

    def get_listing_queryset(self):
        return super().get_listing_queryset().upcoming().order_by("start", "title")

    def filter_by_dates(self, items, since, until):
        """Events (and series) with a day between ``since`` and ``until``."""
        since = since or timezone.localdate()
        until = until or since + datetime.timedelta(days=3660)
        start = timezone.make_aware(datetime.datetime.combine(since, datetime.time.min))
        end = timezone.make_aware(datetime.datetime.combine(until + datetime.timedelta(days=1), datetime.time.min))
        return items.overlapping(start, end)

    def get_cached_paths(self):
        """What a frontend cache must forget when an event changes (caching/frontend.py); the month, day
        and week views are many: they expire by max-age."""
        return ["/", "heute/", "wochenende/", "feed/", "feed.ics"]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        if "items" in context:
            context.update(navigation(), filter_query=routes.filter_query(request))
        return context

    def paginate(self, request, items, page_number):
        if request.GET.get("sortierung", "datum") == "datum":
            return order_by_next_occurrence(items, page_number, self.per_page)
        return super().paginate(request, items, page_number)

    # --- sub-pages (kalender.routes keeps them thin; kalender.calendar does the work) ---
    @path("<int:year>/<int:month>/")
    def month_view(self, request, year, month):
        return routes.month(request, self, year, month)

    @path("<int:year>/<int:month>/<int:day>/")
    def day_view(self, request, year, month, day):
        return routes.day(request, self, year, month, day)

    @path("<int:year>/woche/<int:week>/")
    def week_view(self, request, year, week):
        return routes.week(request, self, year, week)

    @path("heute/")
    def today_view(self, request):
        return routes.period(request, self, "heute")

    @path("wochenende/")
    def weekend_view(self, request):
        return routes.period(request, self, "wochenende")

    @path("feed/")
    def feed_view(self, request):
        return routes.calendar_feed(request, self)


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
        """Events that have not ended yet (an event without an end ends with its start day).

        A recurring event lasts until the end of its last occurrence (``series_end``), for ever without one.
        """
        now = now or timezone.now()
        start_of_today = timezone.make_aware(datetime.datetime.combine(timezone.localdate(now), datetime.time.min))
        single = Q(rrule="") & (Q(end__gte=now) | Q(end__isnull=True, start__gte=start_of_today))
        series = ~Q(rrule="") & (Q(series_end__isnull=True) | Q(series_end__gte=now))
        return self.filter(single | series)

    def overlapping(self, window_start: datetime.datetime, window_end: datetime.datetime):
        """Events that may have an occurrence in [window_start, window_end): no past single events, no ended series.

        A cheap pre-selection in the database; the occurrences themselves are expanded in Python. An event without
        an end lasts its start day, so a day's margin keeps it.
        """
        single = Q(rrule="") & (
            Q(end__gte=window_start) | Q(end__isnull=True, start__gte=window_start - datetime.timedelta(days=1))
        )
        series = ~Q(rrule="") & (Q(series_end__isnull=True) | Q(series_end__gte=window_start))
        return self.filter(start__lt=window_end).filter(single | series)


class EventPage(PreviewRoutableMixin, OfferingPage):
    """An event (Veranstaltung) with a start, an optional end, possibly all-day, possibly recurring."""

    class Repeat(models.TextChoices):
        NONE = "", _("keine Wiederholung")
        DAILY = "daily", _("täglich")
        WEEKLY = "weekly", _("wöchentlich an bestimmten Wochentagen")
        MONTHLY = "monthly", _("monatlich am n-ten Wochentag (Wochentag des Beginns)")
        CUSTOM = "custom", _("importierte Regel (unverändert übernommen)")

    class MonthWeek(models.IntegerChoices):
        FIRST = 1, _("ersten")
        SECOND = 2, _("zweiten")
        THIRD = 3, _("dritten")
        FOURTH = 4, _("vierten")
        LAST = -1, _("letzten")

    # --- tree rules ---
    parent_page_types = ["kalender.KalenderIndexPage", "kalender.ProviderEventFolderPage"]
    subpage_types = []

    # --- fields ---
    start = models.DateTimeField(_("Beginn"), db_index=True)
    end = models.DateTimeField(_("Ende"), null=True, blank=True)
    all_day = models.BooleanField(_("ganztägig"), default=False)

    # --- recurrence: the editor's choices, composed into an RFC 5545 RRULE on save ---
    repeat = models.CharField(_("Wiederholung"), max_length=10, choices=Repeat.choices, blank=True, default="")
    repeat_interval = models.PositiveSmallIntegerField(
        _("Abstand"), default=1, help_text=_("1 = jeden Tag / jede Woche / jeden Monat, 2 = jeden zweiten …")
    )
    repeat_weekdays = models.CharField(_("an den Wochentagen"), max_length=27, blank=True)
    repeat_month_week = models.SmallIntegerField(
        _("im Monat am"),
        choices=MonthWeek.choices,
        null=True,
        blank=True,
        help_text=_("z. B. „zweiten“ für jeden zweiten Dienstag im Monat (Wochentag des Beginns)."),
    )
    repeat_until = models.DateField(_("wiederholen bis einschließlich"), null=True, blank=True)
    repeat_count = models.PositiveSmallIntegerField(_("oder Anzahl der Termine"), null=True, blank=True)
    rrule = models.CharField(_("Regel (RFC 5545)"), max_length=500, blank=True, editable=False)
    # End of the last occurrence (None: the series does not end); listings ask it whether the event is over.
    series_end = models.DateTimeField(null=True, editable=False, db_index=True)

    # --- imported from a provider's iCalendar feed (kalender.importer) ---
    ical_feed = models.ForeignKey(
        "kalender.IcalFeed", null=True, blank=True, editable=False, on_delete=models.SET_NULL, related_name="events"
    )
    ical_uid = models.CharField(max_length=255, blank=True, editable=False, db_index=True)
    ical_fingerprint = models.CharField(max_length=64, blank=True, editable=False)

    objects = PageManager.from_queryset(EventPageQuerySet)()

    # --- search ---
    search_fields = OfferingPage.search_fields + [index.FilterField("start"), index.FilterField("end")]

    # --- panels ---
    base_form_class = EventPageForm
    content_panels = Page.content_panels + [
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("start"), FieldPanel("end")]), FieldPanel("all_day")],
            heading=_("Datum und Uhrzeit"),
        ),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("repeat"), FieldPanel("repeat_interval")]),
                FieldPanel("repeat_weekdays"),
                FieldPanel("repeat_month_week"),
                FieldRowPanel([FieldPanel("repeat_until"), FieldPanel("repeat_count")]),
            ],
            heading=_("Wiederholung"),
            classname="collapsed",
        ),
        InlinePanel(
            "occurrence_changes",
            heading=_("Einzelne Termine absagen oder verschieben"),
            label=_("Änderung"),
            classname="collapsed",
        ),
        FieldPanel("teaser"),
        FieldPanel("image"),
        FieldPanel("body"),
        MultiFieldPanel(OfferingPage.classification_panels, heading=_("Einordnung")),
        *OfferingPage.offering_panels,
    ]

    # --- API ---
    api_fields = OfferingPage.api_fields + [
        APIField("start"),
        APIField("end"),
        APIField("all_day"),
        APIField("rrule"),
        APIField("next_occurrences", serializer=serializers.ListField(child=serializers.DictField(), read_only=True)),
    ]
    listing_prefetch_related = OfferingPage.listing_prefetch_related + ["occurrence_changes"]
    card_fields = (*OfferingPage.card_fields, "start", "end", "all_day")  # portal_tags.when, starts_soon
    NEXT_OCCURRENCES = 10  # how many the API lists

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
        if self.start:
            for field, message in recurrence_errors(self).items():
                errors.setdefault(field, []).append(message)
        if errors:
            raise ValidationError(errors)

    def save(self, *args, **kwargs):
        if self.repeat != self.Repeat.CUSTOM:
            self.rrule = recurrence.compose_rrule(
                self.repeat,
                interval=self.repeat_interval,
                weekdays=self.weekday_list,
                month_week=self.repeat_month_week,
                start=self.start,
                until=self.repeat_until,
                count=self.repeat_count,
                all_day=self.all_day,
            )
        self.series_end = (
            recurrence.last_end(
                self.start, self.end, self.rrule, all_day=self.all_day, changes=self.occurrence_changes.all()
            )
            if self.rrule
            else None
        )
        return super().save(*args, **kwargs)

    # --- occurrences ---
    @property
    def weekday_list(self) -> list[str]:
        return [day for day in self.repeat_weekdays.split(",") if day]

    @property
    def is_recurring(self) -> bool:
        return bool(self.rrule)

    def occurrences(self, window_start=None, window_end=None, limit=None) -> list[recurrence.Occurrence]:
        return recurrence.expand(
            self.start,
            self.end,
            self.rrule,
            all_day=self.all_day,
            changes=self.occurrence_changes.all(),
            window_start=window_start,
            window_end=window_end,
            limit=limit,
        )

    def upcoming_occurrences(self, limit: int | None = None) -> list[recurrence.Occurrence]:
        return self.occurrences(window_start=timezone.now(), limit=limit)

    @property
    def next_occurrence(self) -> recurrence.Occurrence | None:
        upcoming = self.upcoming_occurrences(limit=1)
        return upcoming[0] if upcoming else None

    @property
    def next_occurrences(self) -> list[dict]:
        return [
            {
                "start": o.start.isoformat(),
                "end": o.end.isoformat() if o.end else None,
                "moved": o.moved,
                "note": o.note,
            }
            for o in self.upcoming_occurrences(limit=self.NEXT_OCCURRENCES)
        ]

    @property
    def cancelled_days(self) -> list[datetime.date]:
        return sorted(
            c.original_date for c in self.occurrence_changes.all() if c.action == EventOccurrenceChange.Action.CANCEL
        )

    # --- sub-pages ---
    def get_cached_paths(self):
        return ["/", "ical/"]

    @path("")
    def detail_view(self, request):
        if request.GET.get("format") == "ics":
            return self.ical_view(request)
        return self.serve(request)

    @path("ical/")
    def ical_view(self, request):
        return routes.event_ical(request, self)

    @property
    def has_ended(self) -> bool:
        now = timezone.now()
        if self.rrule:
            return self.series_end is not None and self.series_end < now
        if self.end:
            return self.end < now
        return timezone.localdate(self.start) < timezone.localdate(now)

    @property
    def is_multi_day(self) -> bool:
        return bool(self.end) and timezone.localdate(self.end) != timezone.localdate(self.start)


def recurrence_errors(event: EventPage) -> dict[str, str]:
    """German messages for a rule that cannot be right; {} when the choices fit together."""
    errors = {}
    repeat = event.repeat
    if repeat in ("", EventPage.Repeat.CUSTOM):
        return errors
    if not event.repeat_interval or event.repeat_interval > 99:
        errors["repeat_interval"] = _("Bitte einen Abstand zwischen 1 und 99 angeben.")
    if event.repeat_until and event.repeat_count:
        errors["repeat_count"] = _("Bitte entweder „wiederholen bis“ oder eine Anzahl angeben, nicht beides.")
    if event.repeat_until and event.repeat_until < timezone.localdate(event.start):
        errors["repeat_until"] = _("Das Ende der Wiederholung liegt vor dem Beginn.")
    weekday = timezone.localtime(event.start).weekday()
    if repeat == EventPage.Repeat.WEEKLY:
        if not event.weekday_list:
            errors["repeat_weekdays"] = _("Bitte mindestens einen Wochentag auswählen.")
        elif recurrence.WEEKDAYS[weekday] not in event.weekday_list:
            errors["repeat_weekdays"] = _("Der Beginn ist ein %(day)s: bitte diesen Wochentag mit auswählen.") % {
                "day": recurrence.WEEKDAY_NAMES[weekday]
            }
    if repeat == EventPage.Repeat.MONTHLY:
        if not event.repeat_month_week:
            errors["repeat_month_week"] = _("Bitte angeben, am wievielten Wochentag im Monat der Termin ist.")
        elif not recurrence.is_occurrence_day(
            event.start,
            recurrence.compose_rrule("monthly", month_week=event.repeat_month_week, start=event.start),
            timezone.localdate(event.start),
        ):
            errors["repeat_month_week"] = _("Der Beginn ist nicht der %(n)s %(day)s im Monat.") % {
                "n": EventPage.MonthWeek(event.repeat_month_week).label,
                "day": recurrence.WEEKDAY_NAMES[weekday],
            }
    return errors


class EventOccurrenceChange(Orderable):
    """One occurrence of a recurring event cancelled or moved (EXDATE, or RECURRENCE-ID in iCalendar)."""

    class Action(models.TextChoices):
        CANCEL = "cancel", _("fällt aus")
        MOVE = "move", _("wird verschoben")

    page = ParentalKey(EventPage, on_delete=models.CASCADE, related_name="occurrence_changes")
    original_date = models.DateField(_("Termin am"), help_text=_("Das Datum des Termins laut Wiederholung."))
    action = models.CharField(_("Änderung"), max_length=10, choices=Action.choices, default=Action.CANCEL)
    new_start = models.DateTimeField(_("neuer Beginn"), null=True, blank=True)
    new_end = models.DateTimeField(_("neues Ende"), null=True, blank=True)
    note = models.CharField(_("Hinweis"), max_length=200, blank=True, help_text=_("z. B. „wegen Feiertag“"))

    panels = [
        FieldRowPanel([FieldPanel("original_date"), FieldPanel("action")]),
        FieldRowPanel([FieldPanel("new_start"), FieldPanel("new_end")]),
        FieldPanel("note"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("abgesagter oder verschobener Termin")
        verbose_name_plural = _("abgesagte oder verschobene Termine")

    def clean(self):
        errors = {}
        if self.action == self.Action.MOVE and not self.new_start:
            errors["new_start"] = _("Bitte den neuen Beginn des verschobenen Termins angeben.")
        if self.new_start and self.new_end and self.new_end < self.new_start:
            errors["new_end"] = _("Das Ende darf nicht vor dem Beginn liegen.")
        if errors:
            raise ValidationError(errors)


class IcalFeed(models.Model):
    """A provider's external iCalendar feed, imported by ``manage.py import_ical_feeds``."""

    class Trust(models.TextChoices):
        PUBLISH = "publish", _("direkt veröffentlichen")
        DRAFT = "draft", _("als Entwurf anlegen (Freigabe durch das Servicebüro)")

    anbieter = models.ForeignKey(
        "anbieter.Anbieter", verbose_name=_("Anbieter"), on_delete=models.CASCADE, related_name="ical_feeds"
    )
    url = models.URLField(
        _("Adresse des Kalenders (iCal)"),
        max_length=500,
        help_text=_("http- oder https-Adresse einer .ics-Datei des Anbieters."),
    )
    trust = models.CharField(_("Vertrauen"), max_length=10, choices=Trust.choices, default=Trust.DRAFT)
    is_active = models.BooleanField(_("aktiv"), default=True)
    last_run_at = models.DateTimeField(_("zuletzt abgerufen"), null=True, blank=True, editable=False)
    last_status = models.CharField(_("Ergebnis"), max_length=10, blank=True, editable=False)
    last_message = models.TextField(_("Meldung"), blank=True, editable=False)

    panels = [FieldPanel("anbieter"), FieldPanel("url"), FieldPanel("trust"), FieldPanel("is_active")]

    class Meta:
        verbose_name = _("Kalenderimport (iCal) eines Anbieters")
        verbose_name_plural = _("Kalenderimporte (iCal) der Anbieter")
        constraints = [models.UniqueConstraint(fields=["anbieter", "url"], name="unique_feed_per_provider")]

    def __str__(self) -> str:
        return f"{self.anbieter}: {self.url}"

    def clean(self):
        if self.url and not self.url.lower().startswith(("http://", "https://")):
            raise ValidationError({"url": _("Nur http- und https-Adressen sind erlaubt.")})
