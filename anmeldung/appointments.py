"""What a registered person needs to turn up: every date with its time, the venue's address, the provider's
contact, and the same as an iCalendar file (.ics) for their calendar. Used by the registration mails and the
confirmation page."""

import datetime
from dataclasses import dataclass
from urllib.parse import urlsplit

from django.conf import settings
from django.utils import formats, timezone
from icalendar import Calendar, Event

from core.text import german_slugify

from .models import Registration, Slot

PRODID = "-//3L Elbe-Elster//Anmeldung//DE"
MAX_LISTED = 24  # a long weekly series: the next half year is enough in a mail


@dataclass(frozen=True)
class Appointment:
    start: datetime.datetime | datetime.date
    end: datetime.datetime | datetime.date | None = None
    all_day: bool = False
    note: str = ""

    @property
    def label(self) -> str:
        """German, e.g. "Di, 3. Dezember 2026, 10:00–12:00 Uhr" or "Mo, 1. Dezember 2026 bis Fr, 19. Dezember 2026"."""
        if self.all_day:
            text = formats.date_format(self.start, "D, j. F Y")
            if self.end and self.end != self.start:
                text += f" bis {formats.date_format(self.end, 'D, j. F Y')}"
        else:
            start = timezone.localtime(self.start)
            text = f"{formats.date_format(start, 'D, j. F Y')}, {start:%H:%M}"
            if self.end:
                end = timezone.localtime(self.end)
                text += (
                    f"–{end:%H:%M} Uhr"
                    if end.date() == start.date()
                    else (f" Uhr bis {formats.date_format(end, 'D, j. F Y')}, {end:%H:%M} Uhr")
                )
            else:
                text += " Uhr"
        return f"{text} ({self.note})" if self.note else text


def appointments(slot: Slot, page) -> list[Appointment]:
    """Every date the registration is for: an event's (next) occurrences, one fixed date of an offer, or an
    offer's period (its days have no time of their own; the offer's note on times says when)."""
    if page._meta.model_name == "eventpage":
        occurrences = page.upcoming_occurrences(limit=MAX_LISTED) if page.is_recurring else []
        if not occurrences:
            return (
                [Appointment(page.start, page.end, False)]
                if not page.all_day
                else [
                    Appointment(
                        timezone.localdate(page.start), timezone.localdate(page.end) if page.end else None, True
                    )
                ]
            )
        return [
            Appointment(o.start.date(), o.end.date() if o.end else None, True, o.note)
            if o.all_day
            else Appointment(o.start, o.end, False, o.note)
            for o in occurrences
        ]
    if slot.kind == Slot.Kind.DATE and slot.starts_at:
        return [
            Appointment(
                slot.starts_at,
                slot.ends_at if slot.ends_at != slot.starts_at else None,
                note=slot.offer_date.note if slot.offer_date else "",
            )
        ]
    if page.first_date:
        return [Appointment(page.first_date, page.last_date, True, page.schedule_note)]
    return []


def venue_lines(page) -> list[str]:
    """The venue's name and postal address, line by line ("Online" for online offers)."""
    if page.format == "online" and not page.ort_id:
        return ["Online"]
    postal = page.postal_code or (page.ort.postal_code if page.ort_id else "")
    town = f"{postal} {page.ort.name if page.ort_id else ''}".strip()
    return [line for line in (page.venue_name, page.street, town) if line]


def contact_lines(page) -> list[str]:
    """Who answers questions: the page's contact person, else the provider."""
    provider = page.anbieter if page.anbieter_id else None
    name = page.contact_name or (provider.name if provider else "")
    if provider and page.contact_name and provider.name not in name:
        name = f"{name} ({provider.name})"
    email = page.contact_email or (provider.email if provider else "")
    phone = page.contact_phone or (getattr(provider, "phone", "") if provider else "")
    lines = [name] if name else []
    if phone:
        lines.append(f"Telefon {phone}")
    if email:
        lines.append(f"E-Mail {email}")
    return lines


def registration_details(registration: Registration) -> dict:
    """Template context for mails and the confirmation page."""
    slot, page = registration.slot, registration.slot.specific_page
    return {
        "appointments": appointments(slot, page),
        "venue_lines": venue_lines(page),
        "contact_lines": contact_lines(page),
    }


def _host() -> str:
    return urlsplit(settings.WAGTAILADMIN_BASE_URL).hostname or "localhost"


def registration_ics(registration: Registration, page_url: str) -> bytes:
    """An iCalendar file with one VEVENT per date; a place on the waiting list is TENTATIVE."""
    slot, page = registration.slot, registration.slot.specific_page
    waiting = registration.status == Registration.Status.WAITING
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("method", "PUBLISH")
    location = ", ".join(venue_lines(page))
    contact = "\n".join(contact_lines(page))
    for number, appointment in enumerate(appointments(slot, page)):
        event = Event()
        event.add("uid", f"anmeldung-{registration.pk}-{number}@{_host()}")
        event.add("dtstamp", timezone.now().astimezone(datetime.UTC))
        event.add("summary", f"{'Warteliste: ' if waiting else ''}{page.title}")
        if appointment.all_day:
            event.add("dtstart", appointment.start)
            event.add("dtend", (appointment.end or appointment.start) + datetime.timedelta(days=1))
        else:
            event.add("dtstart", timezone.localtime(appointment.start))
            if appointment.end:
                event.add("dtend", timezone.localtime(appointment.end))
        if location:
            event.add("location", location)
        description = [page.teaser, appointment.note, f"Kontakt: {contact}" if contact else "", page_url]
        event.add("description", "\n\n".join(part for part in description if part))
        event.add("url", page_url)
        event.add("status", "TENTATIVE" if waiting else "CONFIRMED")
        calendar.add_component(event)
    calendar.add_missing_timezones()
    return calendar.to_ical()


def ics_filename(page) -> str:
    return f"{german_slugify(page.title)[:60] or 'termin'}.ics"
