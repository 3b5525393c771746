"""iCalendar (RFC 5545) output: one event as .ics, or a subscribable feed of many.

UIDs are stable (``event-<page id>@<canonical host>``, never the request's host); times carry TZID
Europe/Berlin with its VTIMEZONE; a recurring event is one VEVENT with RRULE and EXDATE (cancelled
dates), and each moved occurrence is an override VEVENT with the same UID and a RECURRENCE-ID.
SEQUENCE counts the event's publications after the first, LAST-MODIFIED is its last publication: both
grow when an editor publishes a change, so calendar apps replace their copy.
"""

import datetime
from collections.abc import Callable, Iterable

from django.db.models import Count
from django.utils import timezone
from icalendar import Calendar, Event, vRecur
from wagtail.models import PageLogEntry

from core.canonical import absolute_url, canonical_host, page_url

from .recurrence import BERLIN, local

PRODID = "-//3L Elbe-Elster//Veranstaltungskalender//DE"
PUBLISH_ACTIONS = ("wagtail.publish", "wagtail.publish.scheduled")


def uid_of(event, host: str | None = None) -> str:
    """The event's UID on the canonical host; ``host`` is accepted for old callers and ignored."""
    return f"event-{event.pk}@{canonical_host()}"


def publication_counts(events: Iterable) -> dict[int, int]:
    """How often each event was published (Wagtail's publish log entries, scheduled ones too), in one query."""
    ids = [event.pk for event in events]
    if not ids:
        return {}
    rows = (
        PageLogEntry.objects.filter(page_id__in=ids, action__in=PUBLISH_ACTIONS)
        .values("page_id")
        .annotate(count=Count("id"))
        .values_list("page_id", "count")
    )
    return dict(rows)


def _when(value: datetime.datetime, all_day: bool):
    return local(value).date() if all_day else local(value)


def _common(component: Event, event, url: str, sequence: int) -> None:
    component.add("uid", uid_of(event))
    component.add("dtstamp", (event.last_published_at or timezone.now()).astimezone(datetime.UTC))
    component.add("summary", event.title)
    component.add("description", f"{event.teaser}\n\n{url}")
    component.add("url", url)
    place = ", ".join(
        part
        for part in [
            event.venue_name,
            event.street,
            f"{event.postal_code or (event.ort.postal_code if event.ort else '')} {event.ort or ''}".strip(),
        ]
        if part
    )
    if place:
        component.add("location", place)
    if event.coordinates:
        component.add("geo", event.coordinates)
    if event.anbieter_id:
        component.add(
            "organizer", absolute_url(event.anbieter.get_absolute_url()), parameters={"CN": event.anbieter.name}
        )
    if event.last_published_at:
        component.add("last-modified", event.last_published_at.astimezone(datetime.UTC))
    component.add("sequence", sequence)


def _times(component: Event, start, end, all_day: bool) -> None:
    component.add("dtstart", _when(start, all_day))
    if all_day:
        last = local(end).date() if end else local(start).date()
        component.add("dtend", last + datetime.timedelta(days=1))  # DATE ends are exclusive
    elif end:
        component.add("dtend", local(end))


def event_components(event, url: str, sequence: int = 0) -> list[Event]:
    master = Event()
    _common(master, event, url, sequence)
    _times(master, event.start, event.end, event.all_day)
    overrides = []
    if event.rrule:
        master.add("rrule", vRecur.from_ical(event.rrule))
        start_time = local(event.start).timetz()
        changes = list(event.occurrence_changes.all())
        cancelled = [c for c in changes if c.action == "cancel"]
        if cancelled:
            master.add("exdate", [_original(c.original_date, start_time, event.all_day) for c in cancelled])
        for change in changes:
            if change.action != "move" or not change.new_start:
                continue
            override = Event()
            _common(override, event, url, sequence)
            override.add("recurrence-id", _original(change.original_date, start_time, event.all_day))
            duration = (event.end - event.start) if event.end else None
            _times(
                override,
                change.new_start,
                change.new_end or (change.new_start + duration if duration else None),
                event.all_day,
            )
            if change.note:
                override.add("comment", change.note)
            overrides.append(override)
    return [master, *overrides]


def _original(day: datetime.date, start_time: datetime.time, all_day: bool):
    if all_day:
        return day
    return datetime.datetime.combine(day, start_time.replace(tzinfo=None), tzinfo=BERLIN)


def build_calendar(events, *, name: str, url_of: Callable | None = None, host: str | None = None) -> Calendar:
    """A VCALENDAR of ``events``.

    ``url_of(event)`` may give each event's absolute URL; by default it is the page's canonical address.
    ``host`` is deprecated and ignored: UIDs and ORGANIZER always come from the canonical base.
    """
    events = list(events)
    url_of = url_of or page_url
    counts = publication_counts(events)
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", "Europe/Berlin")
    calendar.add("refresh-interval", datetime.timedelta(hours=6), parameters={"VALUE": "DURATION"})
    for event in events:
        sequence = max(counts.get(event.pk, 0) - 1, 0)
        for component in event_components(event, url_of(event), sequence):
            calendar.add_component(component)
    calendar.add_missing_timezones()
    return calendar
