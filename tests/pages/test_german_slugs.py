"""Slugs the admin derives from a title spell umlauts and ß out (ae, oe, ue, ss) as the demo content does."""

import pytest

from bildungsboerse.models import OfferPage
from tests.factories import folder, make_office_editor, make_provider_account, offer_form_data


@pytest.fixture
def editor_and_folder(client, portal):
    provider, _user = make_provider_account("Heimatverein Uebigau", username="uebigau")
    client.force_login(make_office_editor())
    return folder(provider, "bildungsboerse")


@pytest.mark.parametrize(
    "posted_slug, expected",
    [
        (
            "erzahlcafe-fur-altere-gromutter",
            "erzaehlcafe-fuer-aeltere-grossmuetter",
        ),  # as the admin's script derives it
        ("kaffee-und-geschichten", "kaffee-und-geschichten"),  # typed by hand: kept
    ],
)
def test_slug_from_title_spells_out_umlauts(client, editor_and_folder, posted_slug, expected):
    title = "Erzählcafé für Ältere Großmütter"
    data = offer_form_data(title, slug=posted_slug)
    response = client.post(f"/admin/pages/add/bildungsboerse/offerpage/{editor_and_folder.pk}/", data)
    assert response.status_code == 302, response.content.decode()[:2000]
    assert OfferPage.objects.get(title=title).slug == expected
