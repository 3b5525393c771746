"""Every page type renders for residents in German, with all of its fields."""

import datetime

from django.utils import timezone

from aktuelles.models import AktuellesIndexPage
from bildungsboerse.models import BildungsboerseIndexPage
from home.models import StandardPage
from kalender.models import KalenderIndexPage
from tests.factories import make_article, make_event, make_offer, make_provider


def test_home_page_shows_entry_points_next_events_newest_offers_and_articles(client, portal):
    make_event("Vortrag Vorsorgevollmacht")
    make_offer("Englisch für die Reise")
    make_article("Neue Kurse im Frühjahr")
    response = client.get("/")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="de">' in html
    assert 'href="/suche/?lebenslage=ruhestand-alter"' in html
    assert 'href="/suche/?zielgruppe=senioren"' in html
    for title in ("Vortrag Vorsorgevollmacht", "Englisch für die Reise", "Neue Kurse im Frühjahr"):
        assert title in html
    assert 'role="search"' in html and "Zum Inhalt springen" in html


def test_offer_page_shows_every_field(client, portal):
    provider = make_provider(name="Kreisvolkshochschule Elbe-Elster")
    offer = make_offer(
        "Kräuterkunde",
        anbieter=provider,
        price=25,
        price_note="ermäßigt 12,50 €",
        venue_name="Bürgerhaus",
        street="Markt 3",
        registration_mode="extern",
        registration_url="https://kvhs.example.org/anmelden",
        contact_name="Frau Schulze",
        contact_phone="03535 123",
        accessibility_note="Rampe am Seiteneingang",
        schedule_note="dienstags 17–19 Uhr",
    )
    html = client.get(offer.url).content.decode()
    for text in (
        "Kräuterkunde",
        "Teaser Kräuterkunde",
        "Kreisvolkshochschule Elbe-Elster",
        "Bildung",
        "Digitales Leben",
        "Seniorinnen und Senioren",
        "Präsenz",
        "Bürgerhaus",
        "Markt 3",
        "04916 Herzberg (Elster)",
        "25 €",
        "ermäßigt 12,50 €",
        "Stufenloser Zugang",
        "Rampe am Seiteneingang",
        "https://kvhs.example.org/anmelden",
        "Frau Schulze",
        "03535 123",
        "dienstags 17–19 Uhr",
    ):
        assert text in html, text
    assert 'aria-label="Brotkrümelnavigation"' in html and "Bildungsbörse</a>" in html


def test_offer_with_fixed_dates_lists_them(client, portal):
    start = timezone.make_aware(datetime.datetime(2030, 3, 4, 18, 0))
    offer = make_offer("Erste Hilfe am Kind", dates=[(start, start + datetime.timedelta(hours=3))])
    assert (offer.first_date, offer.last_date) == (datetime.date(2030, 3, 4), datetime.date(2030, 3, 4))
    html = client.get(offer.url).content.decode()
    assert "Mo, 4. März 2030, 18:00 Uhr" in html and "21:00 Uhr" in html


def test_event_page_shows_date_time_and_venue(client, portal):
    start = timezone.make_aware(datetime.datetime(2030, 5, 17, 14, 30))
    event = make_event("Familienfest", start=start, is_free=True)
    html = client.get(event.url).content.decode()
    assert "Fr, 17. Mai 2030, 14:30–16:30 Uhr" in html
    assert "kostenlos" in html and "Finsterwalde" in html


def test_article_page_shows_date_author_and_body(client, portal):
    article = make_article(
        "Lesepaten gesucht",
        author="Servicebüro 3L",
        date=datetime.date(2030, 1, 2),
        body=[{"type": "paragraph", "value": "<p>Vorlesen macht Freude.</p>"}],
    )
    html = client.get(article.url).content.decode()
    assert "2. Januar 2030" in html and "Servicebüro 3L" in html and "Vorlesen macht Freude." in html


def test_standard_pages_render(client, portal):
    for page in StandardPage.objects.live():
        response = client.get(page.url)
        assert response.status_code == 200
        assert page.title in response.content.decode()


def test_provider_page_lists_its_offers_and_events_only(client, portal):
    provider = make_provider(name="Seniorenbeirat Elsterwerda")
    make_offer("Digitaler Stammtisch", anbieter=provider)
    make_event("Seniorentanz", anbieter=provider)
    make_offer("Fremdes Angebot")
    response = client.get(provider.get_absolute_url())
    html = response.content.decode()
    assert "Digitaler Stammtisch" in html and "Seniorentanz" in html and "Fremdes Angebot" not in html


def test_unknown_page_gives_german_404(client, portal):
    response = client.get("/gibt-es-nicht/")
    assert response.status_code == 404
    assert "Seite nicht gefunden" in response.content.decode()


def test_index_pages_render_with_their_children(client, portal):
    make_offer("Töpfern")
    make_event("Konzert")
    make_article("Ferienprogramm")
    for model, title in (
        (BildungsboerseIndexPage, "Töpfern"),
        (KalenderIndexPage, "Konzert"),
        (AktuellesIndexPage, "Ferienprogramm"),
    ):
        response = client.get(model.objects.get().url)
        assert response.status_code == 200 and title in response.content.decode()
