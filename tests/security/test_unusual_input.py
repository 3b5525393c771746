"""Unusual input answers 400 or 404, never 500 (issue 14, finding 17).

Each request is what a fuzzer sent to the production set-up; each answered 500 before.
"""

import json

import pytest
from wagtail.test.utils.form_data import nested_form_data

from bildungsboerse.models import OfferPage
from tests.factories import folder, make_offer, make_provider_account, offer_form_data

HUGE = "99999999999999999999"


@pytest.mark.parametrize(
    "url",
    [
        f"/api/v2/pages/?offset={HUGE}",
        f"/api/v2/images/?offset={HUGE}",
        f"/api/v2/documents/?offset={HUGE}",
        "/api/v2/pages/?search=Kurs&search_operator=xor",
        "/api/v2/images/?search=Kurs&search_operator=xor",
        "/api/v2/pages/?search=%20",
        "/api/v2/images/?search=%C2%A0",
        "/api/v2/documents/?search=%20%20",
    ],
)
def test_api_query_parameters_out_of_range_answer_400(client, portal, url):
    response = client.get(url)
    assert response.status_code == 400
    assert response.json()["message"].split(":")[0] in ("offset", "search_operator", "search")


@pytest.mark.parametrize("path", ["/api/v3/pages/", "/api/v3/images/", "/api/v3/documents/"])
@pytest.mark.parametrize("blank", [" ", "\xa0\t"])
def test_api_v3_search_of_white_space_only_answers_400_naming_it(client, portal, path, blank):
    response = client.get(path, {"search": blank})
    assert response.status_code == 400
    assert response.json()["errors"][0]["loc"] == ["query", "search"]
    assert client.get(path, {"search": ""}).status_code == 200  # no search, as before


@pytest.mark.parametrize(
    "folder_type",
    [
        "aktuelles.ProviderArticleFolderPage",
        "bildungsboerse.ProviderOfferFolderPage",
        "kalender.ProviderEventFolderPage",
    ],
)
def test_pages_api_lists_providers_folder_types(client, portal, folder_type):
    make_provider_account("Anbieter Alpha")
    response = client.get("/api/v2/pages/", {"type": folder_type})
    assert response.status_code == 200
    assert [item["title"] for item in response.json()["items"]] == ["Anbieter Alpha"]


@pytest.mark.parametrize("path", ["9999/12/31/", "9999/woche/52/", "1/woche/1/", "1/1/1/", "9999/12/"])
def test_calendar_dates_outside_its_years_answer_404(client, portal, path):
    assert client.get(f"/veranstaltungen/{path}").status_code == 404


@pytest.mark.parametrize(
    "endpoint, member",
    [
        ("/api/v2/anmeldungen/", "name"),
        ("/api/v2/bedarf/", "thema"),
    ],
)
def test_lone_surrogate_in_json_answers_400_naming_the_member(client, portal, endpoint, member):
    body = json.dumps({member: "Anna \ud800"})  # as ASCII escapes, as every JSON client sends it
    response = client.post(endpoint, body, content_type="application/json")
    assert response.status_code == 400
    assert response.json()["field"] == member


def test_demand_report_with_a_month_at_the_end_of_time_answers(client, portal):
    _provider, user = make_provider_account("Anbieter Alpha")
    client.force_login(user)
    assert client.get("/admin/bedarf/bericht/", {"bis": "9999-12"}).status_code == 200
    assert client.get("/admin/bedarf/bericht/", {"von": "0001-01", "format": "csv"}).status_code == 200


@pytest.fixture
def provider_page(portal, client):
    provider, user = make_provider_account("Anbieter Alpha")
    client.force_login(user)
    page = make_offer("Kurs", parent=folder(provider, "bildungsboerse"), live=False)
    return provider, page


def without(data: dict, *names: str) -> dict:
    return {key: value for key, value in data.items() if key not in names}


def test_admin_page_form_without_stream_count_answers_400_and_saves_nothing(client, provider_page):
    provider, page = provider_page
    add_url = f"/admin/pages/add/bildungsboerse/offerpage/{folder(provider, 'bildungsboerse').pk}/"
    added = client.post(add_url, without(offer_form_data("Neu", slug="neu"), "body-count"))
    edited = client.post(
        f"/admin/pages/{page.pk}/edit/", without(offer_form_data("Geändert", slug=page.slug), "body-count")
    )
    assert (added.status_code, edited.status_code) == (400, 400)
    assert "nichts gespeichert" in added.content.decode()
    assert not OfferPage.objects.filter(slug="neu").exists()
    assert OfferPage.objects.get(pk=page.pk).get_latest_revision_as_object().title == "Kurs"


def test_admin_page_form_with_broken_rich_text_answers_400(client, provider_page):
    _provider, page = provider_page
    data = offer_form_data("Geändert", slug=page.slug)
    data.update(
        nested_form_data(
            {
                "body": {
                    "count": "1",
                    "0": {"type": "paragraph", "deleted": "", "order": "0", "value": "{kein json", "id": "x"},
                }
            }
        )
    )
    response = client.post(f"/admin/pages/{page.pk}/edit/", data)
    assert response.status_code == 400
    assert OfferPage.objects.get(pk=page.pk).get_latest_revision_as_object().title == "Kurs"
