"""JSON-LD of articles (NewsArticle) and the home page (WebSite with SearchAction, the office), read with extruct."""

import datetime
import io

import extruct
import pytest
from django.core.files.images import ImageFile
from django.utils import timezone
from wagtail.images import get_image_model

from home.models import HomePage
from tests.factories import make_article, make_provider, png_bytes

pytestmark = pytest.mark.django_db
BASE = "http://testserver"


def json_ld_items(client, url: str) -> list[dict]:
    response = client.get(url)
    assert response.status_code == 200
    return extruct.extract(response.content.decode(), base_url=BASE + url, syntaxes=["json-ld"])["json-ld"]


def by_type(items: list[dict], kind: str) -> dict:
    [item] = [item for item in items if item.get("@type") == kind]
    return item


def test_article_of_a_provider_is_a_news_article_with_the_required_properties(client, portal):
    provider = make_provider(name="Volkshochschule", slug="vhs")
    image = get_image_model().objects.create(
        title="Bild", file=ImageFile(io.BytesIO(png_bytes((1300, 700))), name="vhs.png")
    )
    day = timezone.localdate() - datetime.timedelta(days=3)
    article = make_article("Neues Semesterprogramm", anbieter=provider, author="Anna Schmidt", date=day, image=image)
    data = by_type(json_ld_items(client, article.url), "NewsArticle")
    assert data["@context"] == "https://schema.org"
    assert data["headline"] == "Neues Semesterprogramm"
    assert datetime.datetime.fromisoformat(data["datePublished"]).date() == day  # the article's date
    assert datetime.datetime.fromisoformat(data["dateModified"]) == article.last_published_at
    assert data["author"] == [{"@type": "Person", "name": "Anna Schmidt"}]
    assert data["publisher"]["@type"] == "Organization" and data["publisher"]["name"] == "Volkshochschule"
    assert data["publisher"]["url"] == f"{BASE}/anbieter/vhs/"
    assert data["url"] == data["mainEntityOfPage"] == BASE + article.url
    [image_url] = data["image"]
    assert image_url == BASE + image.get_rendition("fill-1200x675").url


def test_article_of_the_service_office_names_the_office_as_author_and_publisher(client, portal):
    article = make_article("Sprechzeiten im Dezember")
    data = by_type(json_ld_items(client, article.url), "NewsArticle")
    assert data["publisher"]["@type"] == "GovernmentOrganization"
    assert data["publisher"]["name"] == "Koordinierungs- und Servicebüro 3L Elbe-Elster"
    assert data["author"] == [data["publisher"]]
    assert "image" not in data
    # dated today and published today: the moment of publication
    assert datetime.datetime.fromisoformat(data["datePublished"]) == article.first_published_at


def test_home_page_is_a_website_with_search_action_run_by_the_office(client, portal):
    home = HomePage.objects.get()
    items = json_ld_items(client, home.url)
    site = by_type(items, "WebSite")
    assert site["url"] == BASE + "/"
    action = site["potentialAction"]
    assert action["@type"] == "SearchAction"
    template = action["target"]["urlTemplate"]
    assert template == f"{BASE}/suche/?q={{search_term_string}}"
    assert action["query-input"] == "required name=search_term_string"
    office = by_type(items, "GovernmentOrganization")
    assert site["publisher"] == {"@id": office["@id"]}
    assert office["name"] and office["address"]["postalCode"] == "04916" and office["email"]
    # the template is usable: the search answers the address it describes
    assert client.get(template.replace("{search_term_string}", "Kurs").removeprefix(BASE)).status_code == 200
