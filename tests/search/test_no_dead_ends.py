"""The HTML search never answers a combination of filters and sorting with an error page: it falls back and
says so. The API keeps refusing them (400 naming the parameter), see test_search_api.py."""

import re

import pytest

from taxonomy.models import Ort

# Every test here only reads (searches, pages): the dataset is built once per engine for the module.
pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def pages(dataset_per_engine):
    return dataset_per_engine


def hit_titles(html: str, titles) -> set[str]:
    return {title for title in titles if f">{title}</a></h3>" in html}


ALL = (
    "Smartphone-Kurs für Seniorinnen",
    "Kräuterkunde im Garten",
    "Erste Hilfe am Kind",
    "Tanznachmittag in der Strasse der Jugend",
    "Online-Banking sicher nutzen",
    "Gesprächskreis pflegende Angehörige",
    "Neue Kurse für Seniorinnen",
)


def test_a_radius_around_several_towns_searches_around_each(client, pages):
    response = client.get(
        "/suche/", {"ort": ["finsterwalde", "herzberg-elster"], "umkreis": "5", "sortierung": "entfernung"}
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert hit_titles(html, ALL) == {"Kräuterkunde im Garten", "Erste Hilfe am Kind", "Smartphone-Kurs für Seniorinnen"}
    assert "Umkreis von 5 km um jeden gewählten Ort." in html
    assert html.count("0,0 km entfernt") == 3  # each at the centre of its own town
    for slug in ("finsterwalde", "herzberg-elster"):
        assert f'id="f-ort-{slug}" name="ort" value="{slug}" checked' in html


def test_distance_sort_without_a_centre_sorts_by_relevance_and_says_so(client, pages):
    response = client.get("/suche/", {"q": "Seniorinnen", "sortierung": "entfernung"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Nach Entfernung lässt sich nur mit Ort und Umkreis sortieren; sortiert nach Relevanz." in html
    assert html.index("Smartphone-Kurs für Seniorinnen") < html.index("Gesprächskreis pflegende Angehörige")
    assert '<option value="relevanz" selected>' in html


def test_removing_the_town_while_sorting_by_distance_keeps_the_search_going(client, pages):
    response = client.get("/suche/", {"umkreis": "30", "sortierung": "entfernung"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Für die Suche im Umkreis wählen Sie bitte einen Ort." in html
    assert "sortiert nach Datum." in html
    assert hit_titles(html, ALL) == set(ALL)  # no radius without a centre: everything
    assert "7 Treffer" in html


def test_the_radius_works_around_a_town_without_hits_of_its_own(client, pages):
    # Sonnewalde has no offer; Finsterwalde is 8 km away, Herzberg 28 km
    response = client.get("/suche/", {"ort": "sonnewalde", "umkreis": "10"})
    html = response.content.decode()
    assert response.status_code == 200
    assert hit_titles(html, ALL) == {"Kräuterkunde im Garten", "Erste Hilfe am Kind"}
    assert '<option value="sonnewalde" selected>Sonnewalde</option>' in html


def test_every_municipality_can_be_chosen_as_centre_even_without_hits(client, pages):
    html = client.get("/suche/", {"q": "xyzzy"}).content.decode()
    assert "Leider nichts gefunden" in html
    assert '<select id="f-umkreis-ort" name="ort">' in html
    centres = html[html.index('id="f-umkreis-ort"') : html.index('id="f-umkreis"')]
    assert len(re.findall(r'<option value="[a-z]', centres)) == Ort.objects.count() == 33


def test_script_requests_with_bad_parameters_get_the_message_not_a_whole_page(client, pages):
    response = client.get("/suche/", {"von": "morgen"}, HTTP_X_REQUESTED_WITH="fetch")
    html = response.content.decode()
    assert response.status_code == 400
    assert "<html" not in html and "<form" not in html
    assert "„morgen“ ist kein Datum im Format JJJJ-MM-TT." in html
