"""`make run`'s demo: the shipped corpus goes in through the importer, every item once, with its images.

One test, because importing the corpus takes a while."""

import json
from collections import Counter

from bs4 import BeautifulSoup

from aktuelles.models import ArticlePage
from anbieter.models import Anbieter
from austausch.importer import UNCHANGED
from bildungsboerse.models import OfferPage
from kalender.models import EventPage
from portal.demo_corpus import corpus_lines, load_demo_corpus


def test_corpus_imports_every_item_published_with_distinct_titles_and_its_images(client, portal):
    lines, images = corpus_lines()
    expected = Counter(json.loads(line)["art"] for line in lines)

    report = load_demo_corpus()

    assert report.created == sum(expected.values())
    pages = [*OfferPage.objects.live(), *EventPage.objects.live(), *ArticlePage.objects.live()]
    assert Counter(type(page).__name__ for page in pages) == {
        "OfferPage": expected["angebot"],
        "EventPage": expected["veranstaltung"],
        "ArticlePage": expected["beitrag"],
    }
    assert Anbieter.objects.active().count() == expected["anbieter"]
    titles = [page.title for page in pages]
    assert len(titles) == len(set(titles))
    with_image = [page for page in pages if page.image_id]
    assert len(with_image) == len(images)
    assert all(page.image.description for page in with_image)

    page = with_image[0]
    html = BeautifulSoup(client.get(page.url).content, "html.parser")
    hero = html.select_one("img.hero")
    assert hero is not None and hero["alt"] == page.image.description

    # loading it again (make run on an existing database) changes nothing
    again = load_demo_corpus()
    changed = [(item.external_id, item.action) for item in again.items if item.action != UNCHANGED]
    assert (again.created, again.updated) == (0, 0), changed
    assert OfferPage.objects.count() + EventPage.objects.count() + ArticlePage.objects.count() == len(pages)
