"""What a registered person is told: the confirmation, waiting-list and "Ein Platz ist frei geworden" mails and the
confirmation page carry the title, every date with its time, the venue's address and the provider's contact, and an
.ics file that parses; links follow SITE_BASE_URL. And the rules: the button says "Auf die Warteliste" when every
seat is taken; a course's registration closes once it has started, unless the offer allows joining later."""

import datetime

import pytest
from django.core import mail
from django.utils import formats, timezone
from icalendar import Calendar

import caching.pages
from anmeldung import services
from anmeldung.models import Registration
from anmeldung.tokens import cancel_token
from tests.factories import make_event, make_offer

from .helpers import human, registration_box


@pytest.fixture
def course(provider):
    """A course with two fixed evenings at the Bürgerhaus, registered per date."""
    anbieter, _user = provider
    first = timezone.localtime(timezone.now() + datetime.timedelta(days=6)).replace(
        hour=17, minute=30, second=0, microsecond=0
    )
    return make_offer(
        "Erzählcafé im Bürgerhaus",
        anbieter=anbieter,
        ort="finsterwalde",
        registration_mode="portal",
        capacity=1,
        venue_name="Bürgerhaus",
        street="Markt 5",
        postal_code="03238",
        contact_name="Frau Lehmann",
        contact_phone="03531 12345",
        contact_email="kurse@vhs.example.org",
        dates=[(first, first + datetime.timedelta(hours=2))],
    )


@pytest.fixture
def weekly_event(provider):
    anbieter, _user = provider
    start = timezone.localtime(timezone.now() + datetime.timedelta(days=2)).replace(
        hour=10, minute=0, second=0, microsecond=0
    )
    return make_event(
        "Sitztanz am Vormittag",
        anbieter=anbieter,
        ort="herzberg-elster",
        registration_mode="portal",
        capacity=2,
        start=start,
        end=start + datetime.timedelta(hours=1, minutes=30),
        venue_name="Seniorenclub",
        street="Lindenstraße 3",
        repeat="daily",
        repeat_interval=7,
        repeat_count=3,
    )


def form(**fields):
    return human(
        {"name": "Erika Muster", "email": "erika@example.org", "personen": "1", "einwilligung": "on", **fields}
    )


def day_and_time(value: datetime.datetime) -> str:
    local = timezone.localtime(value)
    return f"{formats.date_format(local, 'D, j. F Y')}, {local:%H:%M}"


def parsed_ics(message) -> Calendar:
    [(name, content, mimetype)] = message.attachments
    assert name.endswith(".ics") and mimetype.startswith("text/calendar")
    return Calendar.from_ical(content)


def assert_mail_tells_everything(message, page, starts: list[datetime.datetime]) -> None:
    html = message.alternatives[0][0]
    for text in (message.body, html):
        assert page.title in text
        for start in starts:
            assert day_and_time(start) in text, day_and_time(start)
        assert page.venue_name in text and page.street in text and f"{page.postal_code} {page.ort.name}" in text
    calendar = parsed_ics(message)
    events = calendar.walk("VEVENT")
    assert [e.decoded("dtstart") for e in events] == [timezone.localtime(s) for s in starts]
    assert all(page.street in str(e["location"]) for e in events)
    assert all(str(e["url"]).startswith("https://portal.example.org/") for e in events)


def test_confirmation_mail_and_page_carry_date_time_place_contact_and_ics(client, on_commit, course, settings):
    settings.WAGTAILADMIN_BASE_URL = "https://portal.example.org"
    [slot] = services.open_slots(course)
    response = on_commit(lambda: client.post(f"/anmeldung/{course.pk}/", form(termin=str(slot.pk))))
    html = response.content.decode()
    assert "Sie sind angemeldet" in html
    start = course.dates.get().start
    assert day_and_time(start) in html and "Markt 5" in html and "03531 12345" in html and "Zurück zum Angebot" in html
    [message] = mail.outbox
    assert message.subject.startswith("Anmeldung bestätigt")
    assert_mail_tells_everything(message, course, [start])
    assert "Frau Lehmann" in message.body and "03531 12345" in message.body and "kurse@vhs.example.org" in message.body
    assert "1 Platz für" in message.body and "Platz/Plätze" not in message.body
    # every link in the mail leads to SITE_BASE_URL
    assert "https://portal.example.org/anmeldung/abmelden/" in message.body
    assert "localhost" not in message.body
    # the page's .ics link gives the same dates
    registration = Registration.objects.get()
    ics = client.get(f"/anmeldung/kalender/{cancel_token(registration)}/")
    assert ics.status_code == 200 and ics["Content-Type"].startswith("text/calendar")
    assert [e.decoded("dtstart") for e in Calendar.from_ical(ics.content).walk("VEVENT")] == [timezone.localtime(start)]


def test_waiting_list_and_moved_up_mails_carry_every_date_of_a_series(client, on_commit, weekly_event, settings):
    settings.WAGTAILADMIN_BASE_URL = "https://portal.example.org"
    starts = [o.start for o in weekly_event.upcoming_occurrences()]
    assert len(starts) == 3
    on_commit(lambda: client.post(f"/anmeldung/{weekly_event.pk}/", form(personen="2", email="erste@example.org")))
    html = registration_box(client, weekly_event)
    assert "Auf die Warteliste" in html and "Verbindlich anmelden" not in html
    mail.outbox.clear()
    response = on_commit(lambda: client.post(f"/anmeldung/{weekly_event.pk}/", form(personen="1")))
    assert "Sie stehen auf der Warteliste" in response.content.decode()
    assert "Zurück zur Veranstaltung" in response.content.decode()
    [waiting] = mail.outbox
    assert "Warteliste" in waiting.subject
    assert "mit 1 Person auf der Warteliste" in waiting.body and "Person(en)" not in waiting.body
    assert_mail_tells_everything(waiting, weekly_event, starts)
    assert {str(e["status"]) for e in parsed_ics(waiting).walk("VEVENT")} == {"TENTATIVE"}

    mail.outbox.clear()
    first = Registration.objects.get(email="erste@example.org")
    on_commit(lambda: services.cancel(first))
    moved_up = next(m for m in mail.outbox if m.to == ["erika@example.org"])
    assert moved_up.subject.startswith("Ein Platz ist frei geworden")
    assert_mail_tells_everything(moved_up, weekly_event, starts)
    assert {str(e["status"]) for e in parsed_ics(moved_up).walk("VEVENT")} == {"CONFIRMED"}
    assert "Mehr zur Veranstaltung" in moved_up.body


def test_registration_closes_once_a_course_has_started_unless_joining_later_is_allowed(client, provider):
    anbieter, _user = provider
    today = timezone.localdate()
    started = make_offer(
        "Englisch für die Reise",
        anbieter=anbieter,
        registration_mode="portal",
        capacity=8,
        start_date=today - datetime.timedelta(days=10),
        end_date=today + datetime.timedelta(days=30),
    )
    html = registration_box(client, started)
    assert "Plätzen frei" not in html and "Eine Anmeldung ist nicht mehr möglich." in html
    assert services.open_slots(started) == []
    assert client.get(f"/anmeldung/{started.pk}/").content.decode().count('name="name"') == 0

    started.late_registration = True
    started.save_revision().publish()
    html = registration_box(client, started)
    assert "8 von 8 Plätzen frei" in html
    # a course that starts today still takes registrations on its first day
    today_course = make_offer("Töpfern", anbieter=anbieter, registration_mode="portal", capacity=1, start_date=today)
    assert len(services.open_slots(today_course)) == 1


def test_full_offer_says_waiting_list_and_cards_show_seat_badges(client, on_commit, course, monkeypatch, settings):
    """The box says "Warteliste" at once; the cards' badges within SEATS_SECONDS (since issue 17 a registration
    no longer empties the page cache: the listing keeps its badges until its age window ends)."""
    now = caching.pages.clock()  # frozen a second after a window's start (tests/conftest.py still_seat_window)
    [slot] = services.open_slots(course)
    listing = client.get("/bildungsboerse/").content.decode()
    assert "Restplätze" in listing and "beginnt bald" in listing and "Freie Plätze: Stand" in listing
    on_commit(lambda: client.post(f"/anmeldung/{course.pk}/", form(termin=str(slot.pk))))
    assert "Auf die Warteliste" in registration_box(client, course)
    within_the_window = client.get("/bildungsboerse/")
    assert within_the_window["X-Cache"] == "hit" and "Restplätze" in within_the_window.content.decode()
    monkeypatch.setattr("caching.pages.clock", lambda: now + settings.PORTAL_CACHE["SEATS_SECONDS"])
    listing = client.get("/bildungsboerse/").content.decode()
    assert "ausgebucht" in listing and "Restplätze" not in listing
