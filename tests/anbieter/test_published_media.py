"""anbieter.api: the public image and document endpoints show only what the site already shows."""

import io

import pytest
from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection

from tests.factories import folder, make_offer, make_provider_account, png_bytes


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def image(title, collection):
    return get_image_model().objects.create(
        title=title, file=ImageFile(io.BytesIO(png_bytes()), name="bild.png"), collection=collection
    )


def listed(client, endpoint) -> set[str]:
    response = client.get(f"/api/v2/{endpoint}/", {"fields": "title"})
    assert response.status_code == 200
    return {item["title"] for item in response.json()["items"]}


def test_provider_images_appear_once_a_live_page_or_the_profile_uses_them(client, portal):
    provider, _user = make_provider_account("Anbieter Alpha")
    teaser, unused, logo = (image(t, provider.collection) for t in ("Teaserbild", "Ungenutzt", "Logo Alpha"))
    office = image("Bild des Servicebüros", Collection.get_first_root_node())
    make_offer("Mit Bild", parent=folder(provider, "bildungsboerse"), image=teaser)
    make_offer("Entwurf mit Bild", parent=folder(provider, "bildungsboerse"), live=False, image=unused)
    provider.logo = logo
    provider.save()
    assert listed(client, "images") == {"Teaserbild", "Logo Alpha", "Bild des Servicebüros"}
    assert client.get(f"/api/v2/images/{teaser.pk}/").status_code == 200
    assert client.get(f"/api/v2/images/{unused.pk}/").status_code == 404
    assert client.get(f"/api/v2/images/{office.pk}/").status_code == 200
    provider.is_active = False
    provider.save()
    assert "Logo Alpha" not in listed(client, "images")


def test_provider_documents_appear_once_a_live_page_links_them(client, portal):
    provider, _user = make_provider_account("Anbieter Alpha")
    documents = {
        title: get_document_model().objects.create(
            title=title, file=ContentFile(b"%PDF-1.4", name="heft.pdf"), collection=provider.collection
        )
        for title in ("Programmheft", "Entwurfsheft")
    }
    link = f'<p><a linktype="document" id="{documents["Programmheft"].pk}">Programm</a></p>'
    make_offer("Mit Heft", parent=folder(provider, "bildungsboerse"), body=[{"type": "paragraph", "value": link}])
    assert listed(client, "documents") == {"Programmheft"}


def test_document_downloads_of_unpublished_provider_documents_stay_in_the_admin(client, portal):
    provider, user = make_provider_account("Anbieter Alpha")
    _other, other_user = make_provider_account("Anbieter Beta")
    document = get_document_model().objects.create(
        title="Entwurfsheft", file=ContentFile(b"%PDF-1.4 Entwurf", name="entwurf.pdf"), collection=provider.collection
    )
    office = get_document_model().objects.create(
        title="Satzung",
        file=ContentFile(b"%PDF-1.4 Satzung", name="satzung.pdf"),
        collection=Collection.get_first_root_node(),
    )
    assert client.get(document.url).status_code == 404
    assert client.get(office.url).status_code == 200  # the service office's documents stay public
    client.force_login(other_user)
    assert client.get(document.url).status_code == 404
    client.force_login(user)
    assert b"".join(client.get(document.url).streaming_content) == b"%PDF-1.4 Entwurf"
    client.logout()
    link = f'<p><a linktype="document" id="{document.pk}">Programm</a></p>'
    make_offer("Mit Heft", parent=folder(provider, "bildungsboerse"), body=[{"type": "paragraph", "value": link}])
    assert client.get(document.url).status_code == 200
