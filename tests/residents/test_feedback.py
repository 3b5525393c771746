"""Ratings by a personal one-time link after the event; moderation; averages on the page, API, search."""

import datetime

from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from anmeldung import services
from anmeldung.models import Slot
from feedback.models import Rating
from tests.factories import log_in, make_office_editor

from .helpers import link_in

STARS = {"content": "5", "organisation": "4", "accessibility": "3", "value": "4"}


def finished(event):
    Slot.objects.filter(page=event).update(ends_at=timezone.now() - datetime.timedelta(hours=1))


def test_participant_rates_once_comment_is_moderated_and_averages_appear(client, portal, event):
    slot = Slot.objects.get(page=event)
    services.register(slot, name="Erika", email="erika@example.org")
    services.register(slot, name="Paul", email="paul@example.org", people=2)
    finished(event)
    call_command("send_feedback_invitations")
    call_command("send_feedback_invitations")  # a second run invites nobody twice
    invitations = [m for m in mail.outbox if "Ihre Bewertung" in m.subject]
    assert sorted(m.to[0] for m in invitations) == ["erika@example.org", "paul@example.org"]
    link = link_in(invitations[0], "/bewertung/")

    assert client.get(link).status_code == 200
    response = client.post(link, {**STARS, "content": "9"})
    assert response.status_code == 400 and "1 bis 5 Sterne" in response.content.decode()
    assert not Rating.objects.exists()
    response = client.post(link, {**STARS, "comment": "Sehr lehrreich!"})
    assert response.status_code == 200 and "Vielen Dank" in response.content.decode()
    used = client.post(link, STARS)
    assert used.status_code == 400 and "bereits bewertet" in used.content.decode()
    assert client.get("/bewertung/gefaelscht/").status_code == 400
    assert Rating.objects.count() == 1

    page = client.get(event.url).content.decode()
    assert "4,0 von 5 Sternen" in page and "(1 Bewertung)" in page
    assert "Sehr lehrreich" not in page  # not before moderation
    api = client.get(f"/api/v2/pages/{event.pk}/").json()
    assert api["bewertung"] == {
        "anzahl": 1,
        "durchschnitt": 4.0,
        "inhalt": 5.0,
        "organisation": 4.0,
        "erreichbarkeit": 3.0,
        "preis_leistung": 4.0,
    }
    hit = next(h for h in client.get("/api/v2/search/?sortierung=bewertung").json()["items"] if h["id"] == event.pk)
    assert hit["bewertung"] == {"durchschnitt": 4.0, "anzahl": 1}

    make_office_editor()
    log_in(client, "redaktion")
    rating = Rating.objects.get()
    assert client.post(f"/admin/feedback/rating/approve/{rating.pk}/").status_code == 302
    assert "Sehr lehrreich" in client.get(event.url).content.decode()


def test_rating_sort_puts_best_rated_first(client, portal, event):
    from tests.factories import make_event

    other = make_event("Malkurs", registration_mode="portal", capacity=5)
    for page, score in ((event, 2), (other, 5)):
        registration = services.register(Slot.objects.get(page=page), name="X", email=f"x{page.pk}@example.org")
        from feedback.services import submit_rating
        from feedback.tokens import rating_token

        submit_rating(rating_token(registration), content=score, organisation=score, accessibility=score, value=score)
    ids = [h["id"] for h in client.get("/api/v2/search/?sortierung=bewertung").json()["items"]]
    assert ids.index(other.pk) < ids.index(event.pk)
