"""Wagtail's API v3 at /api/v3/: anonymous reads show what v2 shows (live, public pages; published media),
a provider's token sees its own drafts and media but nothing of other providers."""

import io

import ninja.main
from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import PageViewRestriction

from anbieter.api_tokens import issue_token
from anbieter.services import sync_folder_visibility
from tests.factories import folder, make_offer, make_office_editor, make_provider_account, png_bytes

PAGES = "/api/v3/pages/"


def listed(client, url=PAGES, **params) -> set:
    response = client.get(url, {"limit": 100, **params})
    assert response.status_code == 200, response.content
    return {item["id"] for item in response.json()["items"]}


def image_in(collection, title):
    return get_image_model().objects.create(
        title=title, file=ImageFile(io.BytesIO(png_bytes()), name="bild.png"), collection=collection
    )


def test_anonymous_reads_show_only_live_public_pages_of_active_providers(client, portal):
    vhs, _ = make_provider_account("Volkshochschule", username="vhs-person")
    gone, _ = make_provider_account("Gesperrter Verein", username="gesperrt")
    published = make_offer("Veröffentlicht", anbieter=vhs, parent=folder(vhs, "bildungsboerse"))
    draft = make_offer("Entwurf", anbieter=vhs, parent=folder(vhs, "bildungsboerse"), live=False)
    restricted = make_offer("Nur mit Passwort", anbieter=vhs, parent=folder(vhs, "bildungsboerse"))
    PageViewRestriction.objects.create(page=restricted, restriction_type="password", password="geheim")
    suspended = make_offer("Vom gesperrten Anbieter", anbieter=gone, parent=folder(gone, "bildungsboerse"))
    gone.is_active = False
    gone.save()
    sync_folder_visibility(gone)

    ids = listed(client, type="bildungsboerse.OfferPage")
    assert published.pk in ids
    assert not ids & {draft.pk, restricted.pk, suspended.pk}
    everything = listed(client)
    assert folder(gone, "bildungsboerse").pk not in everything and folder(vhs, "bildungsboerse").pk in everything
    assert client.get(f"{PAGES}{published.pk}/").status_code == 200
    for page in (draft, restricted, suspended, folder(gone, "bildungsboerse")):
        response = client.get(f"{PAGES}{page.pk}/")
        assert response.status_code == 404 and response["Content-Type"].startswith("application/problem+json")
    # a logged-in editor's session cookie does not open drafts: v3 reads are anonymous without a token
    client.force_login(make_office_editor())
    assert client.get(f"{PAGES}{draft.pk}/", {"version": "draft"}).status_code == 404


def test_anonymous_image_and_document_lists_leave_out_providers_unused_uploads(client, portal):
    vhs, _ = make_provider_account("Volkshochschule", username="vhs-person")
    office_image = image_in(vhs.collection.get_parent(), "Servicebüro")
    unused = image_in(vhs.collection, "Noch unbenutzt")
    used = image_in(vhs.collection, "Auf einer Seite")
    make_offer("Mit Bild", anbieter=vhs, parent=folder(vhs, "bildungsboerse"), image=used)

    ids = listed(client, "/api/v3/images/")
    assert {office_image.pk, used.pk} <= ids and unused.pk not in ids
    assert client.get(f"/api/v3/images/{unused.pk}/").status_code == 404
    document = get_document_model().objects.create(
        title="Programmheft (Entwurf)", file=ContentFile(b"%PDF-1.4", name="heft.pdf"), collection=vhs.collection
    )
    assert document.pk not in listed(client, "/api/v3/documents/")
    assert client.get(f"/api/v3/documents/{document.pk}/").status_code == 404


def test_a_provider_token_reads_its_own_drafts_and_media_but_nothing_of_another_provider(client, portal):
    vhs, _ = make_provider_account("Volkshochschule", username="vhs-person")
    other, _ = make_provider_account("Musikschule", username="musik-person")
    _token, plaintext = issue_token(vhs, make_office_editor(), "Kursverwaltung")
    own_draft = make_offer("Eigener Entwurf", anbieter=vhs, parent=folder(vhs, "bildungsboerse"), live=False)
    their_draft = make_offer("Fremder Entwurf", anbieter=other, parent=folder(other, "bildungsboerse"), live=False)
    own_image, their_image = image_in(vhs.collection, "Eigenes"), image_in(other.collection, "Fremdes")
    auth = {"Authorization": f"Bearer {plaintext}"}

    pages = {item["id"] for item in client.get(PAGES, {"limit": 100}, headers=auth).json()["items"]}
    assert own_draft.pk in pages and their_draft.pk not in pages
    assert client.get(f"{PAGES}{their_draft.pk}/", headers=auth).status_code == 404
    images = {item["id"] for item in client.get("/api/v3/images/", {"limit": 100}, headers=auth).json()["items"]}
    assert own_image.pk in images and their_image.pk not in images


def test_the_generated_openapi_describes_the_exchange_endpoint(client, portal):
    description = client.get("/api/v3/openapi.json").json()
    operation = description["paths"]["/api/v3/austausch/"]["post"]
    assert operation["operationId"] == "austausch_submit"
    assert operation["requestBody"]["content"]["application/json"]["schema"]["oneOf"]
    assert operation["security"]


def test_the_openapi_description_is_generated_once_and_served_the_same(client, portal, monkeypatch):
    first = client.get("/api/v3/openapi.json")
    generated = []
    monkeypatch.setattr(ninja.main, "get_schema", lambda **kwargs: generated.append(kwargs))
    again = [client.get("/api/v3/openapi.json") for _ in range(2)]
    assert generated == []
    assert [response.json() for response in again] == [first.json()] * 2


def test_numbers_beyond_64_bits_answer_400_naming_the_parameter(client, portal):
    for path in (PAGES, "/api/v3/images/", "/api/v3/documents/", "/api/v3/redirects/"):
        response = client.get(path, {"offset": "99999999999999999999", "limit": "50"})
        assert response.status_code == 400, path
        assert response["Content-Type"].startswith("application/problem+json")
        assert "offset" in response.json()["detail"]
    assert client.get(PAGES, {"offset": "0", "limit": "5"}).status_code == 200
