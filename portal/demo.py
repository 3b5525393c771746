"""Fill the portal with demo content; idempotent through deterministic slugs."""

import datetime
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from aktuelles.models import AktuellesIndexPage, ArticlePage
from anbieter.models import Anbieter
from anmeldung.services import ensure_slots
from austausch.batch import deferred_indexes
from bildungsboerse.models import BildungsboerseIndexPage, OfferDate, OfferPage
from core.text import german_slugify
from kalender.models import EventPage, KalenderIndexPage
from taxonomy.models import Barrierefreiheit, Bereich, Lebenslage, Ort, Zielgruppe

from . import demo_data
from .setup import set_up_portal


def body(text: str) -> list[dict]:
    return [
        {"type": "paragraph", "value": f"<p>{text}</p>"},
        {"type": "heading", "value": "Gut zu wissen"},
        {
            "type": "paragraph",
            "value": "<p>Bitte melden Sie sich bei Fragen zur Anreise oder zur Barrierefreiheit "
            "gern vorher beim Anbieter.</p>",
        },
    ]


class DemoContent:
    def __init__(self, scale: int, today: datetime.date | None = None):
        self.scale = scale
        self.today = today or timezone.localdate()
        self.terms = {
            model: {term.slug: term for term in model.objects.all()}
            for model in (Bereich, Lebenslage, Zielgruppe, Barrierefreiheit)
        }
        self.orte = list(Ort.objects.order_by("pk"))

    def counts(self) -> dict[str, int]:
        offers = self.scale * 50 // 100
        events = self.scale * 35 // 100
        return {"offers": offers, "events": events, "articles": self.scale - offers - events}

    def ensure_providers(self) -> list[Anbieter]:
        orte = {ort.slug: ort for ort in self.orte}
        providers = []
        for slug, name, kind, ort_slug, description in demo_data.PROVIDERS:
            provider, _ = Anbieter.objects.get_or_create(
                slug=slug,
                defaults={
                    "name": name,
                    "kind": kind,
                    "ort": orte[ort_slug],
                    "postal_code": orte[ort_slug].postal_code,
                    "street": "Markt 1",
                    "email": f"info@{slug}.example.org",
                    "website": f"https://{slug}.example.org",
                    "description": f"<p>{description}</p>",
                },
            )
            providers.append(provider)
        return providers

    def classify(self, page, bereich, lebenslagen, zielgruppen, provider):
        page.bereich = self.terms[Bereich][bereich]
        page.lebenslagen = [self.terms[Lebenslage][s] for s in lebenslagen]
        page.zielgruppen = [self.terms[Zielgruppe][s] for s in zielgruppen]
        page.anbieter = provider

    def place(self, page, i: int, barrierefreiheit: list[str]):
        ort = self.orte[(i * 7) % len(self.orte)]
        page.ort = ort
        page.postal_code = ort.postal_code
        page.venue_name = f"{demo_data.VENUES[i % len(demo_data.VENUES)]} {ort.name}"
        page.street = f"{demo_data.STREETS[i % len(demo_data.STREETS)]} {1 + i % 40}"
        page.barrierefreiheit = [self.terms[Barrierefreiheit][s] for s in barrierefreiheit]
        return ort

    def existing_slugs(self, parent) -> set[str]:
        return set(parent.get_children().values_list("slug", flat=True))

    def add_live(self, parent, page):
        now = timezone.now()
        page.live = True
        page.first_published_at = page.last_published_at = now
        parent.add_child(instance=page)
        ensure_slots(page)  # as publishing does (anmeldung.signals): a page's first view must not write them

    def create_offers(self, parent, providers, count) -> int:
        existing, created = self.existing_slugs(parent), 0
        for i in range(count):
            title, bereich, lagen, gruppen, fmt, free, barrieren, teaser = demo_data.OFFERS[i % len(demo_data.OFFERS)]
            slug = f"{german_slugify(title)}-{i + 1}"
            if slug in existing:
                continue
            page = OfferPage(title=title, slug=slug, teaser=teaser, body=body(teaser), format=fmt, is_free=free)
            self.classify(page, bereich, lagen, gruppen, providers[(i * 5) % len(providers)])
            ort = self.place(page, i, barrieren) if fmt != "online" else None
            page.price = None if free else Decimal(15 + (i % 6) * 10)
            page.price_note = "" if free else "ermäßigt mit Sozialpass: halber Preis"
            start = self.today + datetime.timedelta(days=(i * 11) % 120 - 10)
            schedule = ["zeitraum", "termine", "laufend"][i % 3]
            page.schedule = schedule
            if schedule == "zeitraum":
                page.start_date, page.end_date = start, start + datetime.timedelta(weeks=8)
                page.schedule_note = f"{demo_data.WEEKDAYS[i % 5]} 17:00–18:30 Uhr, 8 Termine"
            elif schedule == "termine":
                page.dates = [
                    OfferDate(
                        start=timezone.make_aware(
                            datetime.datetime.combine(
                                start + datetime.timedelta(weeks=w), datetime.time(10 if i % 2 else 18)
                            )
                        )
                    )
                    for w in range(3)
                ]
            else:
                page.schedule_note = f"{demo_data.WEEKDAYS[i % 5]} 14–16 Uhr, Einstieg jederzeit"
            if i % 4 == 0:
                page.registration_mode, page.capacity = "portal", 8 + i % 12
            elif i % 4 == 1:
                page.registration_mode, page.registration_url = "extern", page.anbieter.website
            page.contact_name = "Servicebüro 3L" if ort is None else f"Team {page.anbieter.name}"
            page.contact_email = page.anbieter.email
            self.add_live(parent, page)
            created += 1
        return created

    def create_events(self, parent, providers, count) -> int:
        existing, created = self.existing_slugs(parent), 0
        for i in range(count):
            title, bereich, lagen, gruppen, free, barrieren, teaser = demo_data.EVENTS[i % len(demo_data.EVENTS)]
            slug = f"{german_slugify(title)}-{i + 1}"
            if slug in existing:
                continue
            day = self.today + datetime.timedelta(days=(i * 13) % 150 - 5)
            start = timezone.make_aware(datetime.datetime.combine(day, datetime.time(10 + (i % 4) * 3)))
            page = EventPage(
                title=title,
                slug=slug,
                teaser=teaser,
                body=body(teaser),
                start=start,
                end=start + datetime.timedelta(hours=2),
                is_free=free,
                price=None if free else Decimal(5 + i % 4 * 2),
            )
            self.classify(page, bereich, lagen, gruppen, providers[(i * 3) % len(providers)])
            self.place(page, i + 3, barrieren)
            if i % 5 == 0:
                page.registration_mode, page.capacity = "portal", 20 + i % 30
            self.add_live(parent, page)
            created += 1
        return created

    def create_articles(self, parent, providers, count) -> int:
        existing, created = self.existing_slugs(parent), 0
        for i in range(count):
            title, bereich, lagen, gruppen, teaser = demo_data.ARTICLES[i % len(demo_data.ARTICLES)]
            slug = f"{german_slugify(title)}-{i + 1}"
            if slug in existing:
                continue
            page = ArticlePage(
                title=title,
                slug=slug,
                teaser=teaser,
                body=body(teaser),
                date=self.today - datetime.timedelta(days=i * 3),
            )
            self.classify(page, bereich, lagen, gruppen, providers[i % len(providers)] if i % 2 else None)
            page.author = "" if page.anbieter else "Servicebüro 3L"
            self.add_live(parent, page)
            created += 1
        return created

    def load(self) -> dict[str, int]:
        providers = self.ensure_providers()
        counts = self.counts()
        return {
            "offers": self.create_offers(BildungsboerseIndexPage.objects.get(), providers, counts["offers"]),
            "events": self.create_events(KalenderIndexPage.objects.get(), providers, counts["events"]),
            "articles": self.create_articles(AktuellesIndexPage.objects.get(), providers, counts["articles"]),
        }


def load_demo_content(scale: int = 200, today: datetime.date | None = None) -> dict[str, int]:
    """Create ``scale`` items (half offers, a third events, the rest articles); returns what was new.

    Wagtail's admin search and reference index take each new page once, together, at the end (as an import)."""
    with transaction.atomic(), deferred_indexes():
        set_up_portal()
        return DemoContent(scale, today).load()
