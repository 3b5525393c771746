"""A small but complete portal for tests against a running site (fuzzing, browser): every page type,
offers and events for Seniorinnen und Senioren in several Orte and Lebenslagen, two providers."""

import datetime

from django.utils import timezone

from home.models import HomePage
from portal.setup import set_up_portal
from tests.factories import folder, make_article, make_event, make_offer, make_provider, make_provider_account


def paragraph(text: str) -> list[dict]:
    return [
        {"type": "paragraph", "value": f"<p>{text}</p>"},
        {"type": "heading", "value": "Gut zu wissen"},
        {"type": "paragraph", "value": "<p>Bei Fragen zur Anreise hilft der Anbieter gern weiter.</p>"},
    ]


def build_resident_site() -> dict:
    """Returns the pages and providers by short name."""
    HomePage.objects.exists() or set_up_portal()  # transactional tests start from the serialized, set-up portal
    today = timezone.localdate()
    kvhs = make_provider(
        name="Kreisvolkshochschule Elbe-Elster",
        slug="kvhs",
        email="info@kvhs.example.org",
        phone="03535 1234",
        street="Markt 1",
        postal_code="04916",
        description="<p>Sprachen, EDV und Gesundheit an vielen Orten im Landkreis.</p>",
    )
    awo = make_provider(
        name="AWO Kreisverband Elbe-Elster",
        slug="awo",
        email="info@awo.example.org",
        description="<p>Beratung und Begegnung für Familien, Seniorinnen und Senioren.</p>",
    )
    offers = {
        "smartphone": make_offer(
            "Smartphone-Sprechstunde für Seniorinnen und Senioren",
            anbieter=kvhs,
            ort="finsterwalde",
            zielgruppen=["senioren"],
            lebenslagen=["digitales-leben", "ruhestand-alter"],
            is_free=True,
            teaser="Ehrenamtliche beantworten Fragen rund um Smartphone und Tablet.",
            body=paragraph("Bringen Sie Ihr eigenes Gerät mit, Leihgeräte sind vorhanden."),
            venue_name="Stadtbibliothek",
            street="Markt 3",
            postal_code="03238",
            contact_name="Frau Beispiel",
            contact_email="kurse@kvhs.example.org",
            contact_phone="03531 4711",
            barrierefrei=["stufenlos"],
            schedule_note="dienstags 10–12 Uhr",
        ),
        "sturz": make_offer(
            "Sturzprävention: sicher auf den Beinen",
            anbieter=awo,
            ort="herzberg-elster",
            bereich="soziales",
            zielgruppen=["senioren"],
            lebenslagen=["gesundheit-pflege"],
            price=15,
            price_note="ermäßigt mit Sozialpass",
            teaser="Gleichgewicht und Kraft trainieren.",
            body=paragraph("Übungen im Sitzen und Stehen, in kleinen Gruppen."),
        ),
        "tablet": make_offer(
            "Videotelefonie mit den Enkeln",
            anbieter=kvhs,
            ort="herzberg-elster",
            zielgruppen=["senioren"],
            lebenslagen=["digitales-leben"],
            is_free=True,
            teaser="Schritt für Schritt zum ersten Videoanruf.",
            body=paragraph("Mit eigenem Gerät oder Leihtablet."),
        ),
        "deutsch": make_offer(
            "Deutschkurs A2",
            anbieter=kvhs,
            ort="elsterwerda",
            zielgruppen=["zugewanderte", "erwachsene"],
            lebenslagen=["neu-im-landkreis"],
            teaser="Deutsch für Alltag und Beruf.",
            barrierefrei=[],
        ),
    }
    events = {
        "tanz": make_event(
            "Seniorentanz im Bürgerhaus",
            anbieter=awo,
            ort="finsterwalde",
            zielgruppen=["senioren"],
            lebenslagen=["ruhestand-alter"],
            teaser="Tanzen im Sitzen und Stehen, mit Kaffee und Kuchen.",
            start=timezone.now() + datetime.timedelta(days=4),
            venue_name="Bürgerhaus",
            is_free=True,
            body=paragraph("Für alle, die gern tanzen."),
        ),
        "lesung": make_event(
            "Lesung: Geschichten aus der Niederlausitz",
            ort="bad-liebenwerda",
            zielgruppen=["erwachsene", "senioren"],
            lebenslagen=["ruhestand-alter"],
            teaser="Eine Autorin aus der Region liest.",
            bereich="freizeit-kultur",
            start=timezone.now() + datetime.timedelta(days=9),
        ),
    }
    articles = {
        "rufbus": make_article(
            "Mobil im Alter: Rufbus und Bürgerbus",
            zielgruppen=["senioren"],
            lebenslagen=["ruhestand-alter"],
            teaser="Ohne eigenes Auto zu Kursen kommen.",
            body=paragraph("Der Rufbus fährt auf Bestellung."),
            date=today,
        ),
        "ferien": make_article(
            "Ferienprogramm für Jugendliche",
            zielgruppen=["jugendliche"],
            lebenslagen=["schule-ausbildung"],
            teaser="Workshops und Ausflüge im Sommer.",
        ),
    }
    return {**offers, **events, **articles, "kvhs": kvhs, "awo": awo}


def build_caching_site() -> dict:
    """What the caching tests change and watch: a provider's offer in its folder, an event and an article."""
    provider, provider_user = make_provider_account("Heimatverein Uebigau", person="Uta Ufer")
    offer = make_offer("Plattdeutsch für Anfänger", anbieter=provider, parent=folder(provider, "bildungsboerse"))
    event = make_event("Erzählcafé im Rathaus")
    article = make_article("Neue Kurse im Herbst")
    return {"provider": provider, "provider_user": provider_user, "offer": offer, "event": event, "article": article}
