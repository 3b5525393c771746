"""Pages with a registration form stay in the page cache (issue 17): the offer's or event's page carries no seats,
no CSRF token and sets no cookie; the registration box's live part (seats counted now, the form with its token)
comes uncached from its own address, and without JavaScript its link leads to the registration page."""

import re
from html.parser import HTMLParser

import pytest
from django.core import mail
from django.core.cache import cache
from django.test import Client

from anmeldung import services
from anmeldung.models import Registration
from tests.factories import folder, make_event, make_offer, make_provider_account, make_user
from tests.module_data import fresh, rolled_back_at_the_end

DRAFT_MARKER = "Entwurfsfassung-nur-fuer-die-Redaktion"


class FormFields(HTMLParser):
    """The action and the fields a browser would send of the POST form in an HTML text (hidden ones included)."""

    def __init__(self, html: str):
        super().__init__()
        self.action, self.fields, self.inside = None, {}, False
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self.inside = attrs.get("method") == "post"
            if self.inside:
                self.action = attrs.get("action")
        elif tag == "input" and self.inside and attrs.get("name") and attrs.get("type") not in ("checkbox", "radio"):
            self.fields.setdefault(attrs["name"], attrs.get("value") or "")

    def handle_endtag(self, tag):
        if tag == "form":
            self.inside = False


def resident_fills_in(html: str, **fields) -> tuple[str, dict]:
    form = FormFields(html)
    assert form.action and form.fields.get("csrfmiddlewaretoken"), html
    return form.action, {
        **form.fields,
        "name": "Erika Muster",
        "email": "erika@example.org",
        "personen": "1",
        "einwilligung": "on",
        **fields,
    }


def box_address(page) -> str:
    return f"/anmeldung/{page.pk}/formular/"


@pytest.fixture(scope="module")
def shared_course(django_db_setup, django_db_blocker):
    """A provider's offer that takes registrations, built once for the module (tests/module_data.py)."""
    with rolled_back_at_the_end(django_db_blocker):
        provider, _user = make_provider_account("Volkshochschule Elbe-Elster", username="vhs")
        yield make_offer(
            "Erste Hilfe am Kind",
            anbieter=provider,
            parent=folder(provider, "bildungsboerse"),
            registration_mode="portal",
            capacity=3,
            min_participants=2,
        )


@pytest.fixture
def course(shared_course, portal, settings):
    """A fresh copy for each test: its registrations and changes are undone after it."""
    settings.SPAM_MIN_SECONDS = 0  # the resident sends the form at once (the spam checks themselves still run)
    return fresh(shared_course)


@pytest.fixture
def browser():
    """A client as strict as a browser with Django's CSRF check."""
    return Client(enforce_csrf_checks=True)


def test_the_offer_page_with_a_registration_form_is_stored_and_has_no_token_and_no_cookie(browser, course):
    first = browser.get(course.url)
    assert first.status_code == 200 and first["X-Cache"] == "miss"
    second = browser.get(course.url)
    assert second["X-Cache"] == "hit" and second.content == first.content
    for response in (first, second):
        html = response.content.decode()
        assert "csrfmiddlewaretoken" not in html and not response.cookies and "Set-Cookie" not in response
        assert "public" in response["Cache-Control"]
        assert f'data-registration-box="{box_address(course)}"' in html
        assert f'href="/anmeldung/{course.pk}/">Zur Anmeldung</a>' in html  # the way without JavaScript
        assert "Plätzen frei" not in html  # seats only where they are counted now


def test_the_box_shows_the_seats_right_after_another_registration_and_its_token_works(browser, course, on_commit):
    browser.get(course.url)
    assert browser.get(course.url)["X-Cache"] == "hit"
    box = browser.get(box_address(course))
    assert box.status_code == 200 and "csrftoken" in box.cookies
    assert "no-store" in box["Cache-Control"] and "public" not in box["Cache-Control"]
    assert "3 von 3 Plätzen frei" in box.content.decode() and "Stand:" in box.content.decode()

    [slot] = services.open_slots(course)
    on_commit(lambda: services.register(slot, name="Nachbarin", email="nachbarin@example.org", people=2))
    assert browser.get(course.url)["X-Cache"] == "hit"  # a registration leaves the page cache alone
    html = browser.get(box_address(course)).content.decode()
    assert "1 von 3 Plätzen frei" in html and "findet ab 2 Anmeldungen statt, 2 bisher" in html

    action, data = resident_fills_in(html)
    assert action == f"/anmeldung/{course.pk}/"
    response = on_commit(lambda: browser.post(action, data))
    assert response.status_code == 200, response.content.decode()
    assert Registration.objects.get(email="erika@example.org").status == Registration.Status.CONFIRMED
    assert mail.outbox[-1].to == ["erika@example.org"]
    html = browser.get(box_address(course)).content.decode()
    assert "ausgebucht" in html and "Auf die Warteliste" in html  # full: the box says so at once


def test_the_box_refuses_a_post_without_its_token_and_shows_german_errors(browser, course):
    html = browser.get(box_address(course)).content.decode()
    action, data = resident_fills_in(html, email="keine-adresse")
    assert browser.post(action, {**data, "csrfmiddlewaretoken": "x" * 64}).status_code == 403
    refused = browser.post(action, data)
    assert refused.status_code == 400
    assert (
        "gültige E-Mail-Adresse" in refused.content.decode()
        and "Bitte prüfen Sie Ihre Angaben" in refused.content.decode()
    )
    assert not Registration.objects.exists()


def test_without_javascript_the_link_leads_to_a_registration_page_that_works_end_to_end(browser, course, on_commit):
    page = browser.get(course.url).content.decode()
    link = re.search(r'href="(/anmeldung/\d+/)">Zur Anmeldung</a>', page).group(1)
    registration_page = browser.get(link)
    assert registration_page.status_code == 200 and "csrftoken" in registration_page.cookies
    assert "no-store" in registration_page["Cache-Control"]
    html = registration_page.content.decode()
    assert "3 von 3 Plätzen frei" in html and "Verbindlich anmelden" in html
    action, data = resident_fills_in(html)
    response = on_commit(lambda: browser.post(action, data))
    assert response.status_code == 200 and "erika@example.org" in mail.outbox[-1].to
    assert Registration.objects.filter(email="erika@example.org", slot__page=course).exists()


def test_a_closed_page_or_one_without_portal_registration_has_no_box(client, course):
    event = make_event("Offenes Singen")
    assert client.get(box_address(event)).status_code == 404
    assert "data-registration-box" not in client.get(event.url).content.decode()
    assert client.get("/anmeldung/999999/formular/").status_code == 404


def test_the_box_is_never_cached_for_anyone(client, course):
    client.get(box_address(course))
    response = client.get(box_address(course))
    assert "X-Cache" not in response and "no-store" in response["Cache-Control"]
    assert not [key for key in cache._cache if ":page:" in key]


def test_a_signed_in_user_gets_neither_the_cached_page_nor_a_shared_box(client, course):
    client.get(course.url)
    client.force_login(make_user("chefin", superuser=True))
    signed_in = client.get(course.url)
    assert "X-Cache" not in signed_in and "no-store" in signed_in["Cache-Control"]
    assert "no-store" in client.get(box_address(course))["Cache-Control"]


@pytest.mark.parametrize("kind", ["offer", "event"])
def test_a_preview_shows_the_drafts_seats_inline_and_leaves_every_cache_alone(client, course, kind):
    page = course if kind == "offer" else make_event("Kochkurs", registration_mode="portal", capacity=3)
    draft = page.get_latest_revision_as_object()
    draft.title, draft.capacity = DRAFT_MARKER, 30
    draft.save_revision()
    cache.clear()  # cold: the preview renders every fragment
    preview = draft.make_preview_request()
    html = preview.content.decode()
    assert DRAFT_MARKER in html and "30 von 30 Plätzen frei" in html and "data-registration-box" not in html
    anonymous = client.get(page.url).content.decode()
    assert DRAFT_MARKER not in anonymous and "30 von 30" not in anonymous
    assert not any(DRAFT_MARKER.encode() in value for value in cache._cache.values())
