"""Cards with images (home page, listings, provider page) read their renditions in one query, not one per card."""

import io

import pytest
from django.core.cache import cache
from django.core.files.images import ImageFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.images import get_image_model

from tests.factories import folder, make_article, make_event, make_offer, make_provider_account, png_bytes


def with_image(page, number: int):
    page.image = get_image_model().objects.create(
        title=f"Bild {number}", file=ImageFile(io.BytesIO(png_bytes((960, 540))), name=f"bild-{number}.png")
    )
    page.save_revision().publish()
    return page


def cold_queries(client, url: str) -> tuple[int, str]:
    """Rendered with an empty cache; the renditions exist already (made once, on the first view of a new image)."""
    client.get(url)
    cache.clear()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries), response.content.decode()


@pytest.fixture
def rendered(portal, settings):
    settings.PORTAL_CACHE = {**settings.PORTAL_CACHE, "PAGE_SECONDS": 0}
    provider, _user = make_provider_account("Heimatverein Uebigau")
    return provider


def add_pages_with_images(provider, start: int, count: int) -> None:
    for number in range(start, start + count):
        with_image(
            make_offer(f"Töpfern {number}", anbieter=provider, parent=folder(provider, "bildungsboerse")), number
        )
        with_image(make_event(f"Erzählcafé {number}", anbieter=provider), 100 + number)
        with_image(make_article(f"Neue Kurse {number}", anbieter=provider), 200 + number)


def test_cards_with_images_make_the_same_number_of_queries_however_many_there_are(client, rendered):
    urls = ["/", "/bildungsboerse/", "/veranstaltungen/", "/aktuelles/", f"/anbieter/{rendered.slug}/"]
    add_pages_with_images(rendered, 0, 1)
    few = {url: cold_queries(client, url)[0] for url in urls}
    add_pages_with_images(rendered, 1, 3)
    many = {}
    for url in urls:
        many[url], html = cold_queries(client, url)
        assert html.count('class="card-image"') >= 4, url
    assert many == few
