"""A small, fully known set of pages for the search contract tests."""

import datetime

from django.utils import timezone

from tests.factories import make_article, make_event, make_offer, make_provider


def at(days: int, hour: int = 10) -> datetime.datetime:
    return timezone.make_aware(
        datetime.datetime.combine(timezone.localdate() + datetime.timedelta(days=days), datetime.time(hour))
    )


def build_dataset() -> dict:
    today = timezone.localdate()
    kvhs = make_provider(name="Kreisvolkshochschule", slug="kvhs")
    awo = make_provider(name="AWO Kreisverband", slug="awo")
    pages = {
        "smartphone": make_offer(
            "Smartphone-Kurs für Seniorinnen",
            teaser="Fragen rund um Tablet und Smartphone.",
            anbieter=kvhs,
            zielgruppen=["senioren"],
            lebenslagen=["digitales-leben"],
            ort="herzberg-elster",
            is_free=True,
            start_date=today + datetime.timedelta(days=2),
            end_date=today + datetime.timedelta(days=30),
            barrierefrei=["stufenlos"],
        ),
        "kraeuter": make_offer(
            "Kräuterkunde im Garten",
            teaser="Heilpflanzen und Kräuter erkennen, Tee kochen.",
            anbieter=kvhs,
            bereich="freizeit-kultur",
            zielgruppen=["erwachsene", "senioren"],
            lebenslagen=["gesundheit-pflege"],
            ort="finsterwalde",
            price=20,
            start_date=today + datetime.timedelta(days=10),
            end_date=today + datetime.timedelta(days=40),
            barrierefrei=[],
        ),
        "erstehilfe": make_event(
            "Erste Hilfe am Kind",
            teaser="Was tun im Notfall? Für Eltern und Großeltern.",
            anbieter=awo,
            bereich="soziales",
            zielgruppen=["familien"],
            lebenslagen=["familie-kinder"],
            ort="finsterwalde",
            start=at(5),
            is_free=False,
            price=10,
            barrierefrei=["stufenlos", "induktionsschleife"],
        ),
        "tanz": make_event(
            "Tanznachmittag in der Strasse der Jugend",
            teaser="Für Senior:innen und alle, die gern tanzen.",
            anbieter=awo,
            zielgruppen=["senioren"],
            lebenslagen=["ruhestand-alter"],
            ort="elsterwerda",
            start=at(1, 15),
            is_free=True,
        ),
        "online": make_offer(
            "Online-Banking sicher nutzen",
            teaser="Für Senior*innen: TAN, Überweisung, Betrug erkennen.",
            anbieter=kvhs,
            zielgruppen=["senioren", "erwachsene"],
            lebenslagen=["digitales-leben"],
            ort=None,
            format="online",
            start_date=today + datetime.timedelta(days=20),
            end_date=today + datetime.timedelta(days=20),
            is_free=True,
            barrierefrei=["leichte-sprache"],
        ),
        "laufend": make_offer(
            "Gesprächskreis pflegende Angehörige",
            teaser="Hilfe, erste Schritte und Austausch für Seniorinnen und Senioren.",
            anbieter=awo,
            bereich="soziales",
            zielgruppen=["senioren"],
            lebenslagen=["gesundheit-pflege"],
            ort="muehlberg-elbe",
            schedule="laufend",
            start_date=None,
            end_date=None,
            barrierefrei=[],
        ),
        "artikel": make_article(
            "Neue Kurse für Seniorinnen",
            teaser="Das Programm im Frühjahr.",
            zielgruppen=["senioren"],
            lebenslagen=["ruhestand-alter"],
            bereich="bildung",
        ),
        "vorbei": make_event(
            "Vergangener Seniorentreff",
            teaser="Schon vorbei.",
            start=at(-3),
            zielgruppen=["senioren"],
            ort="herzberg-elster",
        ),
        "entwurf": make_offer("Entwurf für Senioren", live=False, zielgruppen=["senioren"]),
    }
    return pages
