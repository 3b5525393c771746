"""Search hits carry what the listing cards carry: the badges ("Restplätze", "ausgebucht", "beginnt bald",
"kostenlos") and the "Merken" button of the Merkzettel (issue 15)."""

import datetime

from bs4 import BeautifulSoup
from django.conf import settings
from django.utils import timezone

from anmeldung import services
from tests.factories import make_article, make_offer

from .helpers import human


def hit_cards(client, query: str) -> dict[str, BeautifulSoup]:
    html = BeautifulSoup(client.get("/suche/", {"q": query}).content, "html.parser")
    return {card.select_one("h3").get_text(strip=True): card for card in html.select("ol.hits > li")}


def badges(card) -> list[str]:
    return [badge.get_text(strip=True) for badge in card.select(".badges .badge")]


def test_search_hits_show_the_listing_badges_and_the_bookmark_button(client, on_commit, provider, monkeypatch):
    anbieter, _user = provider
    first = timezone.localtime(timezone.now() + datetime.timedelta(days=4)).replace(hour=17, minute=0, second=0)
    course = make_offer(
        "Erzählcafé im Bürgerhaus",
        anbieter=anbieter,
        registration_mode="portal",
        capacity=1,
        is_free=True,
        dates=[(first, first + datetime.timedelta(hours=2))],
    )
    later = make_offer(
        "Erzählcafé im Herbst",
        anbieter=anbieter,
        is_free=False,
        price="12.00",
        start_date=timezone.localdate() + datetime.timedelta(days=60),
        end_date=timezone.localdate() + datetime.timedelta(days=90),
    )
    make_article("Erzählcafé: ein Rückblick")

    cards = hit_cards(client, "Erzählcafé")
    assert badges(cards[course.title]) == ["Restplätze", "beginnt bald", "kostenlos"]
    assert badges(cards[later.title]) == []
    button = cards[course.title].select_one("button.bookmark-toggle")
    assert (button["data-bookmark"], button["data-bookmark-title"], button["data-bookmark-url"]) == (
        str(course.pk),
        course.title,
        course.url,
    )
    assert cards[later.title].select_one("button.bookmark-toggle")["data-bookmark"] == str(later.pk)
    assert cards["Erzählcafé: ein Rückblick"].select_one("button.bookmark-toggle") is None  # articles: no Merken

    [slot] = services.open_slots(course)
    on_commit(
        lambda: client.post(
            f"/anmeldung/{course.pk}/",
            human(
                {
                    "name": "Erika Muster",
                    "email": "erika@example.org",
                    "personen": "1",
                    "einwilligung": "on",
                    "termin": str(slot.pk),
                }
            ),
        )
    )
    # the cached search page keeps its seat badges until the end of the seat window (issue 17: "Stand …")
    assert badges(hit_cards(client, "Erzählcafé")[course.title]) == ["Restplätze", "beginnt bald", "kostenlos"]
    monkeypatch.setattr("caching.pages.clock", lambda: 1_800_000_001.0 + settings.PORTAL_CACHE["SEATS_SECONDS"])
    assert badges(hit_cards(client, "Erzählcafé")[course.title]) == ["ausgebucht", "beginnt bald", "kostenlos"]
