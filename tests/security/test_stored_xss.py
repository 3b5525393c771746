"""Stored XSS: what providers and editors enter is shown as text wherever it appears.

Every plain text field of offers, events, articles and providers is filled with its own attack string;
rich text goes through the admin's editor form as a provider would send it (Draftail contentstate with
script text and a javascript: link). Then the detail pages, listings, home page, provider pages, search
results (HTML and JSON) and the pages API are checked.
"""

import datetime
import json
import string

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from wagtail.test.utils.form_data import nested_form_data, streamfield

from aktuelles.models import ArticlePage
from anbieter.models import Anbieter
from bildungsboerse.models import OfferDate, OfferPage
from kalender.models import EventPage
from search.indexing import rebuild_index
from tests.adminforms import form_values
from tests.factories import make_article, make_event, make_offer, make_provider

from .xss import assert_inert, assert_json_safe, payload, shown_as_text

NOT_FREE_TEXT = {"path", "slug"}  # tree bookkeeping and URL parts, validated as slugs


def text_fields(model) -> list[str]:
    """The model's free-text fields a person can fill in: every CharField and TextField without choices."""
    return [
        field.name
        for field in model._meta.get_fields()
        if isinstance(field, (models.CharField, models.TextField))
        and field.editable
        and not field.choices
        and not isinstance(field, (models.SlugField, models.URLField, models.EmailField))
        and field.name not in NOT_FREE_TEXT
        and (field.max_length or 999) >= 50
        and type(field).__name__ != "RichTextField"
    ]


def fill(instance, prefix: str) -> dict[str, str]:
    """Put a distinct attack string into every text field; returns {field: payload}."""
    filled = {}
    for number, name in enumerate(text_fields(type(instance))):
        value = payload(f"{prefix}{string.ascii_lowercase[number]}")
        setattr(instance, name, value)
        filled[name] = value
    return filled


@pytest.fixture
def attacked(portal):
    """Offers, an event, an article and a provider with attack strings in all their text fields."""
    provider = make_provider()
    provider_fields = fill(provider, "p")
    provider.save()
    offer = make_offer(anbieter=provider, price=12, registration_mode="portal", capacity=10)
    offer_fields = fill(offer, "o")
    offer.save_revision().publish()
    with_dates = make_offer("Kurs mit Terminen", dates=[(timezone.now() + datetime.timedelta(days=3), None)])
    OfferDate.objects.filter(page=with_dates).update(note=payload("d"))
    event = make_event(anbieter=provider, price=5)
    event_fields = fill(event, "e")
    event.save_revision().publish()
    article = make_article(anbieter=provider)
    article_fields = fill(article, "a")
    article.save_revision().publish()
    rebuild_index()
    return {
        "provider": (provider, provider_fields),
        "offer": (offer, offer_fields),
        "dates": with_dates,
        "event": (event, event_fields),
        "article": (article, article_fields),
    }


def test_every_free_text_field_is_covered():
    assert {
        "title",
        "seo_title",
        "search_description",
        "teaser",
        "venue_name",
        "street",
        "price_note",
        "accessibility_note",
        "registration_note",
        "contact_name",
        "contact_phone",
        "schedule_note",
    } <= set(text_fields(OfferPage))
    assert {"author", "teaser"} <= set(text_fields(ArticlePage))
    assert {"name", "street", "contact_name", "phone"} <= set(text_fields(Anbieter))
    assert set(text_fields(EventPage)) >= {"venue_name", "contact_name"}
    assert text_fields(OfferDate) == ["note"]


def test_attack_strings_are_text_on_every_page_and_data_in_every_api(client, attacked):
    # detail pages: every field must have been rendered (else it was not checked), escaped
    for key in ("offer", "event", "article"):
        page, fields = attacked[key]
        html = client.get(page.url).content.decode()
        assert_inert(html, f"{key} detail")
        missing = {name for name, value in fields.items() if not shown_as_text(html, value)}
        assert missing == set(), f"{key}: fields not rendered, so not checked: {missing}"
    html = client.get(attacked["dates"].url).content.decode()
    assert_inert(html, "offer with dates")
    assert shown_as_text(html, payload("d"))

    # listings, home page, provider pages
    provider, provider_fields = attacked["provider"]
    for path in [
        "/",
        "/bildungsboerse/",
        "/veranstaltungen/",
        "/aktuelles/",
        "/anbieter/",
        provider.get_absolute_url(),
        "/bildungsboerse/?zielgruppe=senioren",
    ]:
        html = client.get(path).content.decode()
        assert_inert(html, path)
        assert any(
            shown_as_text(html, value)
            for value in (attacked["offer"][1]["title"], provider_fields["name"], attacked["article"][1]["title"])
        ), f"nothing on {path}"
    provider_html = client.get(provider.get_absolute_url()).content.decode()
    missing = {name for name, value in provider_fields.items() if not shown_as_text(provider_html, value)}
    assert missing <= {"contact_name"}  # the contact person is for the service office, not shown publicly

    # search results with highlighting
    for query in ["alert", "svg onload", "script"]:
        assert_inert(client.get("/suche/", {"q": query}).content.decode(), f"/suche/?q={query}")
    assert shown_as_text(client.get("/suche/", {"q": "alert"}).content.decode(), attacked["offer"][1]["title"])

    # APIs: typed JSON; the highlight is the only HTML, and only <mark>
    response = client.get("/api/v2/search/", {"q": "alert"})
    assert_json_safe(response, "search API")
    items = response.json()["items"]
    assert items
    for item in items:
        if item["highlight"]:
            assert "<" not in item["highlight"].replace("<mark>", "").replace("</mark>", ""), item["highlight"]
    assert_json_safe(client.get("/api/v2/search/suggest/", {"q": "script"}), "suggest API")
    offer, offer_fields = attacked["offer"]
    response = client.get(f"/api/v2/pages/{offer.pk}/")
    assert_json_safe(response, "pages API")
    assert response.json()["teaser"] == offer_fields["teaser"]  # data stays data for API clients


def test_url_fields_refuse_javascript_links(portal):
    offer = make_offer()
    offer.registration_mode, offer.registration_url = "extern", "javascript:alert(1)"
    with pytest.raises(ValidationError) as error:
        offer.full_clean()
    assert "registration_url" in error.value.message_dict
    provider = make_provider()
    provider.website = "javascript:alert(1)"
    with pytest.raises(ValidationError):
        provider.full_clean()


# --- rich text through the admin, as a provider sends it ---

SCRIPT_TEXT = "<script>alert(7)</script>"
CONTENTSTATE = json.dumps(
    {
        "blocks": [
            {
                "key": "a1b2c",
                "type": "unstyled",
                "depth": 0,
                "text": f"{SCRIPT_TEXT} Anmeldung hier",
                "inlineStyleRanges": [],
                "entityRanges": [{"offset": len(SCRIPT_TEXT) + 1, "length": 9, "key": 0}],
                "data": {},
            }
        ],
        "entityMap": {"0": {"type": "LINK", "mutability": "MUTABLE", "data": {"url": "javascript:alert(8)"}}},
    }
)


def form_errors(response) -> list[str]:
    soup = BeautifulSoup(response.content, "html.parser")
    return [" ".join(field.get_text(" ").split())[:200] for field in soup.select(".w-field--error, .error-message")]


@pytest.fixture
def admin_client(client, portal):
    user = get_user_model().objects.create_superuser("redaktion", "r@example.org", "geheim-und-lang-genug-7")
    client.force_login(user)
    return client


def test_rich_text_body_from_the_editor_is_rendered_inert(admin_client, portal):
    offer = make_offer("Kurs mit Anhang")
    edit_url = f"/admin/pages/{offer.pk}/edit/"
    data = form_values(admin_client.get(edit_url).content.decode())
    data.update(
        {
            key: [value]
            for key, value in nested_form_data(
                {
                    "body": streamfield(
                        [
                            ("paragraph", CONTENTSTATE),
                            ("heading", payload("5")),
                            ("notice", {"title": payload("6"), "text": CONTENTSTATE}),
                        ]
                    )
                }
            ).items()
        }
    )
    data["action-publish"] = ["action-publish"]
    response = admin_client.post(edit_url, data)
    assert response.status_code == 302, form_errors(response)

    offer.refresh_from_db()
    html = admin_client.get(offer.url).content.decode()
    assert_inert(html, "offer with rich text")
    assert shown_as_text(html, SCRIPT_TEXT) and shown_as_text(html, payload("5")) and shown_as_text(html, payload("6"))
    assert "javascript:" not in html
    body = admin_client.get(f"/api/v2/pages/{offer.pk}/").json()["body"]
    assert "javascript:" not in json.dumps(body)
    rich_text = [body[0]["value"], body[2]["value"]["text"]]  # HTML for API clients: only Wagtail's whitelist
    assert all("&lt;script&gt;" in html and "<script" not in html for html in rich_text)


def test_provider_description_from_the_admin_is_rendered_inert(admin_client, portal):
    provider = make_provider(name="Verein")
    edit_url = f"/admin/anbieter/anbieter/edit/{provider.pk}/"
    data = form_values(admin_client.get(edit_url).content.decode())
    data["description"] = [CONTENTSTATE]
    data["name"] = [payload("4")]
    response = admin_client.post(edit_url, data)
    assert response.status_code == 302, form_errors(response)
    html = admin_client.get(provider.get_absolute_url()).content.decode()
    assert_inert(html, "provider page")
    assert shown_as_text(html, SCRIPT_TEXT) and shown_as_text(html, payload("4"))
    assert "javascript:" not in html
