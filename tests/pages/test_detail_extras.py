"""What every page and every offer or event offers besides its content: the Servicebüro's phone and opening hours
from the setting the office edits, links to newsletter, wishes and the printable programme, the journey planner with
the venue as destination, print and bookmark buttons (shown by JavaScript), and a favicon."""

from urllib.parse import unquote

from wagtail.models import Site

from home.models import ServiceOffice
from tests.factories import make_offer


def test_footer_shows_the_service_office_as_the_office_set_it(client, portal):
    html = client.get("/").content.decode()
    assert "Sprechzeiten" in html and 'href="tel:' in html
    for link in ('href="/newsletter/"', 'href="/was-fehlt/"', 'href="/programm/"', 'href="/merkzettel/"'):
        assert link in html, link
    ServiceOffice.objects.create(
        site=Site.objects.get(is_default_site=True), phone="03535 46-1234", opening_hours="Di 9–18 Uhr"
    )
    html = client.get("/bildungsboerse/").content.decode()
    assert "03535 46-1234" in html and 'href="tel:03535461234"' in html and "Di 9–18 Uhr" in html


def test_offer_links_the_journey_planner_with_its_venue_and_offers_print_and_bookmark(client, portal):
    offer = make_offer(
        "Kräuterwanderung", ort="finsterwalde", venue_name="Stadtpark", street="Markt 3", postal_code="03238"
    )
    html = client.get(offer.url).content.decode()
    assert "Anreise mit Bus und Bahn" in html
    link = html.split("Anreise mit Bus und Bahn")[0].rsplit('href="', 1)[1].split('"')[0]
    assert link.startswith("https://fahrinfo.vbb.de/") and "Markt 3, 03238 Finsterwalde" in unquote(
        link.replace("&amp;", "&")
    )
    assert "data-print" in html and f'data-bookmark="{offer.pk}"' in html
    assert 'rel="icon"' in html and "/static/css/print.css" in html


def test_online_offer_has_no_journey_planner(client, portal):
    offer = make_offer("Sprachcafé online", ort=None, format="online")
    assert "Anreise mit Bus und Bahn" not in client.get(offer.url).content.decode()


def test_programme_index_lists_every_municipality(client, portal):
    html = client.get("/programm/").content.decode()
    assert 'href="/programm/finsterwalde/"' in html and 'href="/programm/herzberg-elster/"' in html
