"""A provider's page shows the first offers and events and links to all of them in the search."""

from bs4 import BeautifulSoup

from anbieter.services import PER_SECTION
from tests.factories import make_event, make_offer, make_provider


def cards(html: BeautifulSoup, heading_id: str) -> list[str]:
    section = html.find("h2", id=heading_id).parent
    return [link.get_text(strip=True) for link in section.select(".card-title a")]


def test_a_large_provider_shows_the_first_offers_and_links_to_all_of_them_in_the_search(client, portal):
    provider = make_provider(name="Volkshochschule Groß", slug="vhs-gross", email="info@vhs.example.org")
    for n in range(PER_SECTION + 2):
        make_offer(f"Kurs {n:02d}", anbieter=provider)
    make_event("Sommerfest", anbieter=provider)

    html = BeautifulSoup(client.get(provider.get_absolute_url()).content, "html.parser")

    assert len(cards(html, "offers-heading")) == PER_SECTION
    more = html.find("a", string=f"Alle Angebote von {provider.name}")
    assert more is not None
    assert cards(html, "events-heading") == ["Sommerfest"]
    assert html.find("a", string=f"Alle Veranstaltungen von {provider.name}") is None  # all of them are shown

    everything = BeautifulSoup(client.get(more["href"]).content, "html.parser")
    assert everything.select_one("#results-heading").get_text(strip=True) == f"{PER_SECTION + 2} Treffer"


def test_a_small_provider_shows_all_its_offers_without_a_link(client, portal):
    provider = make_provider(name="Heimatverein", slug="heimatverein", email="info@heimat.example.org")
    make_offer("Ortschronik schreiben", anbieter=provider)

    html = BeautifulSoup(client.get(provider.get_absolute_url()).content, "html.parser")

    assert cards(html, "offers-heading") == ["Ortschronik schreiben"]
    assert html.find("a", string=f"Alle Angebote von {provider.name}") is None
