"""A suspended provider's detail pages answer 404 on every route (issue 14, finding 5).

Listings, API, search and feeds already hid them; the pages themselves, an event's ``ical/`` and
``?format=ics`` still answered 200 with full content.
"""

import pytest

from tests.factories import folder, make_article, make_event, make_offer, make_provider_account


@pytest.fixture
def pages(portal):
    provider, _user = make_provider_account("Anbieter Beta")
    event = make_event("Beta-Tanzabend", parent=folder(provider, "kalender"), anbieter=provider)
    offer = make_offer("Beta-Yogakurs", parent=folder(provider, "bildungsboerse"), anbieter=provider)
    article = make_article("Beta-Neuigkeit", parent=folder(provider, "aktuelles"), anbieter=provider)
    urls = [event.url, f"{event.url}ical/", f"{event.url}?format=ics", offer.url, article.url]
    return provider, urls


def test_detail_pages_of_a_suspended_provider_answer_404_on_every_route(client, pages):
    provider, urls = pages
    assert [client.get(url).status_code for url in urls] == [200] * len(urls)
    provider.is_active = False
    provider.save()
    assert [client.get(url).status_code for url in urls] == [404] * len(urls)
    provider.is_active = True
    provider.save()
    assert [client.get(url).status_code for url in urls] == [200] * len(urls)
