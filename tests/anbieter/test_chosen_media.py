"""Provider A cannot put provider B's private images, documents or drafts on its pages or profile by id.

Issue 14, findings 1 and 4: the choosers only list A's own media, but the forms took any id — as the
logo, a page's image, an image block or a document link in rich text — and the office's approval
then made B's file public. Every form now refuses what A may not choose, on save and on preview.
"""

import io

import pytest
from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.test import override_settings
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection
from wagtail.test.utils.form_data import rich_text, streamfield

from anbieter.models import Anbieter
from bildungsboerse.models import OfferPage
from tests.adminforms import form_values
from tests.factories import folder, make_offer, make_office_editor, make_provider_account, offer_form_data, png_bytes
from tests.module_data import fresh, rolled_back_at_the_end

REFUSED = "Sie können nur eigene Bilder und Dokumente"


def image(title, collection):
    return get_image_model().objects.create(
        title=title, file=ImageFile(io.BytesIO(png_bytes()), name="bild.png"), collection=collection
    )


def document(title, collection):
    return get_document_model().objects.create(
        title=title, file=ContentFile(b"%PDF-1.4 privat", name="heft.pdf"), collection=collection
    )


@pytest.fixture(scope="module")
def shared_world(django_db_setup, django_db_blocker, tmp_path_factory):
    """Two providers with their media, built once for the module (tests/module_data.py), files in a folder of
    its own."""
    with override_settings(MEDIA_ROOT=tmp_path_factory.mktemp("media")), rolled_back_at_the_end(django_db_blocker):
        a, alpha = make_provider_account("Anbieter Alpha", username="alpha")
        b, _beta = make_provider_account("Anbieter Beta", username="beta")
        yield {
            "a": a,
            "b": b,
            "alpha": alpha,
            "a_image": image("Alpha-Bild", a.collection),
            "b_image": image("Beta-Privatbild", b.collection),
            "a_document": document("Alpha-Heft", a.collection),
            "b_document": document("Beta-Privatheft", b.collection),
        }


@pytest.fixture
def world(shared_world, db, client):
    """Fresh copies for each test (what it changes is undone after it), provider A signed in."""
    world = fresh(shared_world)
    client.force_login(world["alpha"])
    return world


def public_image_titles(client) -> set[str]:
    return {item["title"] for item in client.get("/api/v2/images/", {"fields": "title"}).json()["items"]}


def add_offer(client, provider, **overrides):
    return client.post(
        f"/admin/pages/add/bildungsboerse/offerpage/{folder(provider, 'bildungsboerse').pk}/",
        offer_form_data("Kurs mit Medien", slug="kurs-mit-medien", **overrides),
    )


def body_with(html: str):
    return streamfield([("paragraph", rich_text(html))])


def test_logo_from_another_providers_collection_is_refused(client, world):
    a, b_image = world["a"], world["b_image"]
    url = f"/admin/anbieter/anbieter/edit/{a.pk}/"
    data = form_values(client.get(url).content.decode())
    response = client.post(url, {**data, "logo": str(b_image.pk)})
    assert response.status_code == 200 and REFUSED in response.content.decode()
    assert Anbieter.objects.get(pk=a.pk).logo is None
    assert "Beta-Privatbild" not in public_image_titles(client)
    own = client.post(url, {**data, "logo": str(world["a_image"].pk)})
    assert own.status_code == 302 and Anbieter.objects.get(pk=a.pk).logo == world["a_image"]


def test_page_image_from_another_provider_is_refused_and_own_accepted(client, world):
    response = add_offer(client, world["a"], image=str(world["b_image"].pk))
    assert response.status_code == 200 and REFUSED in response.content.decode()
    assert not OfferPage.objects.filter(slug="kurs-mit-medien").exists()
    assert add_offer(client, world["a"], image=str(world["a_image"].pk)).status_code == 302
    assert OfferPage.objects.get(slug="kurs-mit-medien").get_latest_revision_as_object().image == world["a_image"]


def test_image_block_with_another_providers_image_is_refused(client, world):
    def body(image_id):
        return streamfield(
            [("image", {"image": {"image": str(image_id), "alt_text": "Werkstatt", "decorative": ""}, "caption": ""})]
        )

    refused = add_offer(client, world["a"], body=body(world["b_image"].pk))
    assert refused.status_code == 200 and REFUSED in refused.content.decode()
    assert not OfferPage.objects.filter(slug="kurs-mit-medien").exists()
    assert add_offer(client, world["a"], body=body(world["a_image"].pk)).status_code == 302


def test_document_link_to_another_providers_file_is_refused(client, world):
    foreign = body_with(f'<p><a linktype="document" id="{world["b_document"].pk}">Programm</a></p>')
    refused = add_offer(client, world["a"], body=foreign)
    assert refused.status_code == 200 and REFUSED in refused.content.decode()
    assert not OfferPage.objects.filter(slug="kurs-mit-medien").exists()
    own = body_with(f'<p><a linktype="document" id="{world["a_document"].pk}">Programm</a></p>')
    assert add_offer(client, world["a"], body=own).status_code == 302


def test_link_to_another_providers_draft_is_refused(client, world):
    draft = make_offer("Beta-Entwurf", parent=folder(world["b"], "bildungsboerse"), live=False)
    live = make_offer("Beta-Live", parent=folder(world["b"], "bildungsboerse"))
    refused = add_offer(client, world["a"], body=body_with(f'<p><a linktype="page" id="{draft.pk}">Entwurf</a></p>'))
    assert refused.status_code == 200 and REFUSED in refused.content.decode()
    assert (
        add_offer(client, world["a"], body=body_with(f'<p><a linktype="page" id="{live.pk}">Live</a></p>')).status_code
        == 302
    )


def test_preview_of_a_page_with_another_providers_image_shows_no_image(client, world):
    url = f"/admin/pages/add/bildungsboerse/offerpage/{folder(world['a'], 'bildungsboerse').pk}/preview/"
    posted = client.post(url, offer_form_data("Vorschau", slug="vorschau", image=str(world["b_image"].pk)))
    assert posted.json()["is_valid"] is False
    shown = client.get(url)
    assert "Beta-Privatbild" not in shown.content.decode() and "bild" not in shown.get("Content-Type", "image")


def test_edit_keeps_an_image_the_service_office_chose(client, world):
    office_image = image("Bild des Servicebüros", Collection.get_first_root_node())
    page = make_offer("Kurs", parent=folder(world["a"], "bildungsboerse"), live=False, image=office_image)
    response = client.post(
        f"/admin/pages/{page.pk}/edit/", offer_form_data("Kurs, neu", slug=page.slug, image=str(office_image.pk))
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    revision = OfferPage.objects.get(pk=page.pk).get_latest_revision_as_object()
    assert (revision.title, revision.image) == ("Kurs, neu", office_image)


def test_the_service_office_may_choose_any_image(client, world):
    client.force_login(make_office_editor())
    response = add_offer(client, world["a"], image=str(world["b_image"].pk), **{"action-publish": "Veröffentlichen"})
    assert response.status_code == 302
