"""Importing providers' iCalendar feeds: create, update and unpublish events, matched by the feed's UID.

Each feed is fetched (http/https only, with a timeout and a size limit) and imported in its own
transaction: a malformed or unreachable feed is reported and leaves every other feed untouched.
Unchanged events are recognised by a fingerprint, so a second run changes nothing.
"""

import datetime
import hashlib
import json
import logging
import urllib.request
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.text import Truncator
from icalendar import Calendar
from wagtail.coreutils import find_available_slug

from core.text import german_slugify
from taxonomy.models import Ort

from .recurrence import BERLIN

logger = logging.getLogger(__name__)


class FeedError(Exception):
    """The feed cannot be fetched or read; the message is German, for the service office."""


@dataclass
class ImportReport:
    feed: object
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    removed: int = 0
    errors: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors

    def summary(self) -> str:
        text = f"{self.created} neu, {self.updated} geändert, {self.unchanged} unverändert, {self.removed} entfernt"
        return text + ("; Fehler: " + "; ".join(self.errors) if self.errors else "")


def fetch(url: str) -> bytes:
    if urlsplit(url).scheme not in ("http", "https"):
        raise FeedError("Nur http- und https-Adressen werden abgerufen.")
    limit = settings.ICAL_IMPORT_MAX_BYTES
    request = urllib.request.Request(url, headers={"User-Agent": "3L-Elbe-Elster-Kalenderimport/1.0"})
    try:
        with urllib.request.urlopen(request, timeout=settings.ICAL_IMPORT_TIMEOUT) as response:
            if urlsplit(response.geturl()).scheme not in ("http", "https"):
                raise FeedError("Weiterleitung auf eine nicht erlaubte Adresse.")
            body = response.read(limit + 1)
    except FeedError:
        raise
    except Exception as error:
        raise FeedError(f"Abruf fehlgeschlagen: {error}") from error
    if len(body) > limit:
        raise FeedError(f"Der Kalender ist größer als {limit // (1024 * 1024)} MB.")
    return body


def parse(body: bytes) -> dict[str, dict]:
    """{UID: event fields} of the feed's VEVENTs; overrides (RECURRENCE-ID) become moved/cancelled dates."""
    try:
        calendar = Calendar.from_ical(body)
    except Exception as error:
        raise FeedError(f"Keine gültige iCalendar-Datei: {error}") from error
    if calendar.name != "VCALENDAR":
        raise FeedError("Keine gültige iCalendar-Datei: VCALENDAR fehlt.")
    events, overrides = {}, []
    for component in calendar.walk("VEVENT"):
        if not component.get("UID") or not component.get("DTSTART"):
            raise FeedError("Ein Termin hat keine UID oder keinen Beginn.")
        if component.get("RECURRENCE-ID"):
            overrides.append(component)
        else:
            events[str(component["UID"])] = _fields(component)
    for component in overrides:
        master = events.get(str(component["UID"]))
        if master is None:
            continue
        original = _aware(component.decoded("RECURRENCE-ID"))
        if str(component.get("STATUS", "")).upper() == "CANCELLED":
            master["changes"].append({"original_date": original.date().isoformat(), "action": "cancel"})
        else:
            start, end, _all_day = _times(component)
            master["changes"].append(
                {
                    "original_date": original.date().isoformat(),
                    "action": "move",
                    "new_start": start.isoformat(),
                    "new_end": end.isoformat() if end else None,
                }
            )
    return {uid: fields for uid, fields in events.items() if not fields.pop("cancelled")}


def _aware(value) -> datetime.datetime:
    if isinstance(value, datetime.datetime):
        return value.astimezone(BERLIN) if value.tzinfo else value.replace(tzinfo=BERLIN)
    return datetime.datetime.combine(value, datetime.time.min, tzinfo=BERLIN)


def _times(component):
    start_value = component.decoded("DTSTART")
    all_day = not isinstance(start_value, datetime.datetime)
    start = _aware(start_value)
    end = None
    if component.get("DTEND"):
        end = _aware(component.decoded("DTEND"))
        if all_day:
            end -= datetime.timedelta(days=1)  # DATE ends are exclusive
    elif component.get("DURATION"):
        end = start + component.decoded("DURATION")
    return start, end, all_day


def _fields(component) -> dict:
    start, end, all_day = _times(component)
    description = " ".join(str(component.get("DESCRIPTION", "")).split())
    fields = {
        "title": Truncator(str(component.get("SUMMARY", "")).strip() or "Veranstaltung").chars(255),
        "teaser": Truncator(description or str(component.get("SUMMARY", ""))).chars(300),
        "start": start.isoformat(),
        "end": end.isoformat() if end else None,
        "all_day": all_day,
        "venue_name": Truncator(str(component.get("LOCATION", "")).strip()).chars(200),
        "rrule": "",
        "changes": [],
        "cancelled": str(component.get("STATUS", "")).upper() == "CANCELLED",
    }
    if component.get("RRULE"):
        fields["rrule"] = component["RRULE"].to_ical().decode()
    exdates = component.get("EXDATE") or []
    for exdate in exdates if isinstance(exdates, list) else [exdates]:
        for value in exdate.dts:
            fields["changes"].append({"original_date": _aware(value.dt).date().isoformat(), "action": "cancel"})
    return fields


def _repeat_fields(rule: str) -> dict:
    """An imported rule is kept verbatim ("custom"): the next import would overwrite an editor's change anyway."""
    return {"repeat": "custom" if rule else "", "rrule": rule}


def _ort_for(venue: str, provider):
    for ort in Ort.objects.all():
        if ort.name.lower() in venue.lower():
            return ort
    return provider.ort


def import_feed(feed) -> ImportReport:
    report = ImportReport(feed)
    try:
        entries = parse(fetch(feed.url))
        with transaction.atomic():
            _apply(feed, entries, report)
    except FeedError as error:
        report.errors.append(str(error))
    except Exception as error:  # one broken feed never stops the others
        logger.exception("Import of %s failed", feed.url)
        report.errors.append(f"Import fehlgeschlagen: {error}")
    feed.last_run_at = timezone.now()
    feed.last_status = "ok" if report.ok else "fehler"
    feed.last_message = report.summary()
    feed.save(update_fields=["last_run_at", "last_status", "last_message"])
    return report


def _apply(feed, entries: dict[str, dict], report: ImportReport) -> None:
    from .models import EventOccurrenceChange, EventPage, IcalFeed

    provider = feed.anbieter
    folder = provider.kalender_folder
    existing = {event.ical_uid: event for event in EventPage.objects.filter(ical_feed=feed)}
    for uid, fields in entries.items():
        fingerprint = hashlib.sha256(json.dumps(fields, sort_keys=True).encode()).hexdigest()
        event = existing.get(uid)
        if (
            event is not None
            and event.ical_fingerprint == fingerprint
            and (event.live or feed.trust == IcalFeed.Trust.DRAFT)
        ):
            report.unchanged += 1
            continue
        start = datetime.datetime.fromisoformat(fields["start"])
        values = {
            "title": fields["title"],
            "teaser": fields["teaser"],
            "start": start,
            "end": datetime.datetime.fromisoformat(fields["end"]) if fields["end"] else None,
            "all_day": fields["all_day"],
            "venue_name": fields["venue_name"],
            "anbieter": provider,
            "ort": _ort_for(fields["venue_name"], provider),
            "ical_feed": feed,
            "ical_uid": uid,
            "ical_fingerprint": fingerprint,
            **_repeat_fields(fields["rrule"]),
        }
        if event is None:
            event = EventPage(
                slug=find_available_slug(folder, german_slugify(fields["title"])[:60] or "veranstaltung"),
                live=False,
                **values,
            )
            event.occurrence_changes = _changes(fields, EventOccurrenceChange)
            folder.add_child(instance=event)
            report.created += 1
        else:
            event = event.get_latest_revision_as_object()
            for name, value in values.items():
                setattr(event, name, value)
            event.occurrence_changes = _changes(fields, EventOccurrenceChange)
            report.updated += 1
        # The change goes into a revision only: with "drafts" trust the live page stays as it was until approved.
        revision = event.save_revision(log_action=True)
        if feed.trust == IcalFeed.Trust.PUBLISH:
            revision.publish()
        else:  # remember what was imported, so that the next run sees no change
            EventPage.objects.filter(pk=event.pk).update(ical_fingerprint=fingerprint)
    for uid, event in existing.items():
        if uid not in entries and event.live:
            event.unpublish()
            report.removed += 1


def _changes(fields: dict, model) -> list:
    changes = []
    for change in fields["changes"]:
        new_start = change.get("new_start")
        new_end = change.get("new_end")
        changes.append(
            model(
                original_date=datetime.date.fromisoformat(change["original_date"]),
                action=change["action"],
                new_start=datetime.datetime.fromisoformat(new_start) if new_start else None,
                new_end=datetime.datetime.fromisoformat(new_end) if new_end else None,
            )
        )
    return changes


def import_all(feeds=None) -> list[ImportReport]:
    from .models import IcalFeed

    feeds = (
        feeds
        if feeds is not None
        else IcalFeed.objects.filter(is_active=True, anbieter__is_active=True).select_related("anbieter")
    )
    return [import_feed(feed) for feed in feeds]
