"""Small builders for test data: a page tree per test, never the demo content."""

import datetime
import itertools

from django.utils import timezone

from aktuelles.models import AktuellesIndexPage, ArticlePage
from anbieter.models import Anbieter
from bildungsboerse.models import BildungsboerseIndexPage, OfferDate, OfferPage
from kalender.models import EventPage, KalenderIndexPage
from taxonomy.models import Barrierefreiheit, Bereich, Lebenslage, Ort, Zielgruppe

_numbers = itertools.count(1)


def make_provider(**fields) -> Anbieter:
    n = next(_numbers)
    defaults = {"name": f"Anbieter {n}", "slug": f"anbieter-{n}", "kind": Anbieter.Kind.VEREIN,
                "ort": Ort.objects.get(slug="herzberg-elster"), "website": f"https://anbieter-{n}.example.org"}
    return Anbieter.objects.create(**{**defaults, **fields})


def _classify(page, bereich, lebenslagen, zielgruppen, barrierefrei=None):
    page.bereich = Bereich.objects.get(slug=bereich) if bereich else None
    page.lebenslagen = list(Lebenslage.objects.filter(slug__in=lebenslagen))
    page.zielgruppen = list(Zielgruppe.objects.filter(slug__in=zielgruppen))
    if barrierefrei is not None:
        page.barrierefreiheit = list(Barrierefreiheit.objects.filter(slug__in=barrierefrei))


def _publish(parent, page, live: bool):
    parent.add_child(instance=page)
    revision = page.save_revision()
    if live:
        revision.publish()
    else:
        page.unpublish() if page.live else None
    page.refresh_from_db()
    return page


def make_offer(title="Smartphone-Kurs", *, bereich="bildung", lebenslagen=("digitales-leben",),
               zielgruppen=("senioren",), barrierefrei=("stufenlos",), ort="herzberg-elster", live=True,
               dates=(), **fields) -> OfferPage:
    n = next(_numbers)
    today = timezone.localdate()
    defaults = {"title": title, "slug": f"angebot-{n}", "teaser": f"Teaser {title}",
                "schedule": OfferPage.Schedule.PERIOD, "start_date": today, "end_date": today + datetime.timedelta(days=30),
                "ort": Ort.objects.get(slug=ort) if ort else None, "live": live}
    page = OfferPage(**{**defaults, **fields})
    _classify(page, bereich, lebenslagen, zielgruppen, barrierefrei)
    if dates:
        page.schedule = OfferPage.Schedule.DATES
        page.dates = [OfferDate(start=start, end=end) for start, end in dates]
    return _publish(BildungsboerseIndexPage.objects.get(), page, live)


def make_event(title="Seniorentanz", *, start=None, bereich="freizeit-kultur", lebenslagen=("ruhestand-alter",),
               zielgruppen=("senioren",), barrierefrei=(), ort="finsterwalde", live=True, **fields) -> EventPage:
    n = next(_numbers)
    start = start or timezone.now() + datetime.timedelta(days=3)
    defaults = {"title": title, "slug": f"veranstaltung-{n}", "teaser": f"Teaser {title}", "start": start,
                "end": start + datetime.timedelta(hours=2), "ort": Ort.objects.get(slug=ort) if ort else None,
                "live": live}
    page = EventPage(**{**defaults, **fields})
    _classify(page, bereich, lebenslagen, zielgruppen, barrierefrei)
    return _publish(KalenderIndexPage.objects.get(), page, live)


def make_article(title="Neues aus dem Servicebüro", *, bereich="soziales", lebenslagen=("ehrenamt",),
                 zielgruppen=("erwachsene",), live=True, **fields) -> ArticlePage:
    n = next(_numbers)
    defaults = {"title": title, "slug": f"beitrag-{n}", "teaser": f"Teaser {title}", "live": live}
    page = ArticlePage(**{**defaults, **fields})
    _classify(page, bereich, lebenslagen, zielgruppen)
    return _publish(AktuellesIndexPage.objects.get(), page, live)
