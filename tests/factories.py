"""Small builders for test data: a page tree per test, never the demo content."""

import datetime
import io
import itertools

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import timezone
from PIL import Image as PILImage
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from aktuelles.models import AktuellesIndexPage, ArticlePage
from anbieter.models import Anbieter, ProviderRequest
from anbieter.roles import SERVICE_OFFICE_GROUP
from anbieter.services import set_up_provider_workspace, submit_provider_request
from austausch.batch import deferred_indexes
from bildungsboerse.models import BildungsboerseIndexPage, OfferDate, OfferPage
from kalender.models import EventPage, KalenderIndexPage
from taxonomy.models import Barrierefreiheit, Bereich, Lebenslage, Ort, Zielgruppe

_numbers = itertools.count(1)


def make_provider(**fields) -> Anbieter:
    n = next(_numbers)
    defaults = {
        "name": f"Anbieter {n}",
        "slug": f"anbieter-{n}",
        "kind": Anbieter.Kind.VEREIN,
        "ort": Ort.objects.get(slug="herzberg-elster"),
        "website": f"https://anbieter-{n}.example.org",
    }
    return Anbieter.objects.create(**{**defaults, **fields})


def make_user(username: str, *groups: Group, superuser: bool = False, password: str = "geheim-123", **fields):
    user = get_user_model().objects.create_user(
        username,
        email=f"{username}@example.org",
        password=password,
        is_superuser=superuser,
        is_staff=superuser,
        **fields,
    )
    user.groups.add(*groups)
    return user


def make_office_editor(username: str = "redaktion"):
    """A member of the service office's group (set up by the ``portal`` fixture)."""
    return make_user(username, Group.objects.get(name=SERVICE_OFFICE_GROUP))


def make_provider_account(name: str, username: str | None = None, person: str = "", **fields):
    """An approved provider with its workspace (group, folders, collection) and one user in it."""
    provider = make_provider(name=name, slug=name.lower().replace(" ", "-"), **fields)
    workspace = set_up_provider_workspace(provider)
    first_name, _sep, last_name = person.rpartition(" ")
    user = make_user(username or provider.slug, workspace.group, first_name=first_name, last_name=last_name)
    return provider, user


def folder(provider: Anbieter, section: str):
    """The provider's folder in a section: "bildungsboerse", "kalender" or "aktuelles"."""
    return getattr(provider, f"{section}_folder")


def _classify(page, bereich, lebenslagen, zielgruppen, barrierefrei=None):
    page.bereich = Bereich.objects.get(slug=bereich) if bereich else None
    page.lebenslagen = list(Lebenslage.objects.filter(slug__in=lebenslagen))
    page.zielgruppen = list(Zielgruppe.objects.filter(slug__in=zielgruppen))
    if barrierefrei is not None:
        page.barrierefreiheit = list(Barrierefreiheit.objects.filter(slug__in=barrierefrei))


def _publish(parent, page, live: bool):
    """As the importer publishes (austausch/importer.py): validated once, as it goes into the tree, and indexed
    once (admin search, reference index, portal search), as it is at the end."""
    with deferred_indexes():
        parent.add_child(instance=page)
        revision = page.save_revision(clean=False)
        if live:
            revision.publish()
        elif page.live:
            page.unpublish()
    page.refresh_from_db()
    return page


def make_offer(
    title="Smartphone-Kurs",
    *,
    bereich="bildung",
    lebenslagen=("digitales-leben",),
    zielgruppen=("senioren",),
    barrierefrei=("stufenlos",),
    ort="herzberg-elster",
    live=True,
    dates=(),
    parent=None,
    **fields,
) -> OfferPage:
    n = next(_numbers)
    today = timezone.localdate()
    defaults = {
        "title": title,
        "slug": f"angebot-{n}",
        "teaser": f"Teaser {title}",
        "schedule": OfferPage.Schedule.PERIOD,
        "start_date": today,
        "end_date": today + datetime.timedelta(days=30),
        "ort": Ort.objects.get(slug=ort) if ort else None,
        "live": live,
    }
    page = OfferPage(**{**defaults, **fields})
    _classify(page, bereich, lebenslagen, zielgruppen, barrierefrei)
    if dates:
        page.schedule = OfferPage.Schedule.DATES
        page.dates = [OfferDate(start=start, end=end) for start, end in dates]
    return _publish(parent or BildungsboerseIndexPage.objects.get(), page, live)


def make_event(
    title="Seniorentanz",
    *,
    start=None,
    bereich="freizeit-kultur",
    lebenslagen=("ruhestand-alter",),
    zielgruppen=("senioren",),
    barrierefrei=(),
    ort="finsterwalde",
    live=True,
    parent=None,
    **fields,
) -> EventPage:
    n = next(_numbers)
    start = start or timezone.now() + datetime.timedelta(days=3)
    defaults = {
        "title": title,
        "slug": f"veranstaltung-{n}",
        "teaser": f"Teaser {title}",
        "start": start,
        "end": start + datetime.timedelta(hours=2),
        "ort": Ort.objects.get(slug=ort) if ort else None,
        "live": live,
    }
    page = EventPage(**{**defaults, **fields})
    _classify(page, bereich, lebenslagen, zielgruppen, barrierefrei)
    return _publish(parent or KalenderIndexPage.objects.get(), page, live)


def make_article(
    title="Neues aus dem Servicebüro",
    *,
    bereich="soziales",
    lebenslagen=("ehrenamt",),
    zielgruppen=("erwachsene",),
    live=True,
    parent=None,
    **fields,
) -> ArticlePage:
    n = next(_numbers)
    defaults = {"title": title, "slug": f"beitrag-{n}", "teaser": f"Teaser {title}", "live": live}
    page = ArticlePage(**{**defaults, **fields})
    _classify(page, bereich, lebenslagen, zielgruppen)
    return _publish(parent or AktuellesIndexPage.objects.get(), page, live)


def png_bytes(size=(40, 20), fmt="PNG") -> bytes:
    """A small valid image file."""
    buffer = io.BytesIO()
    PILImage.new("RGB", size, "teal").save(buffer, fmt)
    return buffer.getvalue()


def log_in(client, username: str, password: str = "geheim-123"):
    """Log in through the admin's login form, as a person would."""
    response = client.post(reverse("wagtailadmin_login"), {"username": username, "password": password})
    assert response.status_code == 302, response.content.decode()[:2000]
    return response


def make_request(**fields) -> ProviderRequest:
    """A pending request for an account, as the public form stores it (with its mails)."""
    return submit_provider_request(
        **{
            "organisation": "Heimatverein Doberlug",
            "kind": "verein",
            "contact_name": "Karl Klein",
            "email": "karl@heimatverein.example.org",
            "description": "Führungen und Erzählcafés.",
            **fields,
        }
    )


def offer_form_data(title: str, **overrides) -> dict:
    """POST data of the admin form for an offer, submitted to the workflow unless overridden."""
    today = timezone.localdate()
    data = {
        "title": title,
        "slug": "",
        "teaser": "Mit dem Smartphone sicher im Alltag: Fotos, Nachrichten, Fahrpläne.",
        "body": streamfield([("paragraph", rich_text("<p>Vier Termine in kleiner Gruppe.</p>"))]),
        "bereich": str(Bereich.objects.get(slug="bildung").pk),
        "lebenslagen": [str(Lebenslage.objects.get(slug="digitales-leben").pk)],
        "zielgruppen": [str(Zielgruppe.objects.get(slug="senioren").pk)],
        "schedule": "zeitraum",
        "start_date": (today + datetime.timedelta(days=7)).isoformat(),
        "end_date": (today + datetime.timedelta(days=35)).isoformat(),
        "schedule_note": "dienstags 10–12 Uhr",
        "dates": inline_formset([]),
        "format": "praesenz",
        "venue_name": "Bürgerhaus",
        "street": "Markt 1",
        "postal_code": "04916",
        "ort": str(Ort.objects.get(slug="herzberg-elster").pk),
        "is_free": "on",
        "registration_mode": "keine",
        "comments": inline_formset([]),
        "action-submit": "Zur Freigabe einreichen",
    }
    data.update(overrides)
    return nested_form_data(data)
