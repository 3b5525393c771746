"""The whole path through the admin over HTTP: request, approval, password, offer, review, publication."""

import re

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from wagtail.models import TaskState, WorkflowState

from anbieter.models import Anbieter, ProviderRequest
from bildungsboerse.models import BildungsboerseIndexPage, OfferPage
from tests.factories import log_in, make_office_editor, offer_form_data, png_bytes
from tests.residents.helpers import human


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def link_in(message) -> str:
    return re.search(r"http://testserver(/\S+)", message.body).group(1)


def test_from_request_to_published_offer(client, portal):
    editor = make_office_editor()
    resident = Client()

    # 1. An organisation asks for an account through the public form.
    response = resident.post(
        "/zugang/beantragen/",
        human(
            {  # as a person sends it: rendered a minute ago
                "organisation": "Volkshochschule Elbe-Elster",
                "kind": "bildung",
                "contact_name": "Maria Muster",
                "email": "maria.muster@vhs-ee.example.org",
                "description": "Kurse für alle Generationen in Herzberg, Finsterwalde und Elsterwerda.",
                "logo": SimpleUploadedFile("vhs.png", png_bytes(), content_type="image/png"),
                "consent": "on",
                "homepage": "",
            }
        ),
    )
    assert response.status_code == 302 and response["Location"] == "/zugang/beantragt/"
    request = ProviderRequest.objects.get()
    assert request.status == "pending"
    assert [m.to for m in mail.outbox] == [["maria.muster@vhs-ee.example.org"], [editor.email]]
    mail.outbox.clear()

    # 2. The service office approves it in the admin.
    log_in(client, editor.username)
    listing = client.get("/admin/anbieter/providerrequest/")
    assert "Volkshochschule Elbe-Elster" in listing.content.decode()
    assert client.get(f"/admin/anbieter/providerrequest/approve/{request.pk}/").status_code == 200
    response = client.post(f"/admin/anbieter/providerrequest/approve/{request.pk}/")
    assert response.status_code == 302
    provider = Anbieter.objects.get(name="Volkshochschule Elbe-Elster")
    request.refresh_from_db()
    assert (request.status, request.decided_by, request.anbieter) == ("approved", editor, provider)
    assert provider.logo.collection == provider.collection
    [invitation] = mail.outbox
    assert invitation.to == ["maria.muster@vhs-ee.example.org"]
    mail.outbox.clear()

    # 3. The invited person sets a password through the mailed link and logs in.
    provider_client = Client()
    response = provider_client.get(link_in(invitation))
    assert response.status_code == 302  # Django hides the token from the address bar
    form_url = response["Location"]
    assert "Passwort festlegen" in provider_client.get(form_url).content.decode()
    response = provider_client.post(
        form_url, {"new_password1": "Lern-Portal-2030!", "new_password2": "Lern-Portal-2030!"}
    )
    assert response.status_code == 302 and response["Location"] == "/zugang/passwort/fertig/"
    assert "nicht mehr gültig" in provider_client.get(link_in(invitation)).content.decode()  # the link is spent
    log_in(provider_client, "maria.muster@vhs-ee.example.org", "Lern-Portal-2030!")

    # 4. The provider creates an offer in its own folder and submits it.
    folder = provider.bildungsboerse_folder
    add_url = f"/admin/pages/add/bildungsboerse/offerpage/{folder.pk}/"
    assert provider_client.get(add_url).status_code == 200
    response = provider_client.post(add_url, offer_form_data("Smartphone-Sprechstunde", slug="smartphone-sprechstunde"))
    assert response.status_code == 302, response.content.decode()[:3000]
    offer = OfferPage.objects.get(title="Smartphone-Sprechstunde")
    assert offer.anbieter == provider and not offer.live
    state = WorkflowState.objects.get(object_id=str(offer.pk))
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    assert editor.email in [address for m in mail.outbox for address in m.to]  # "submitted" to the office
    mail.outbox.clear()

    # 5. The editor requests changes with a comment.
    task_state = state.current_task_state
    response = client.post(
        f"/admin/pages/workflow/action/{offer.pk}/reject/{task_state.pk}/",
        {"comment": "Bitte den Treffpunkt genauer angeben."},
    )
    assert response.status_code == 302
    state.refresh_from_db()
    assert state.status == WorkflowState.STATUS_NEEDS_CHANGES
    assert "maria.muster@vhs-ee.example.org" in [address for m in mail.outbox for address in m.to]
    dashboard = provider_client.get("/admin/").content.decode()
    assert "Bitte den Treffpunkt genauer angeben." in dashboard
    mail.outbox.clear()

    # 6. The provider revises the offer and resubmits it.
    response = provider_client.post(
        f"/admin/pages/{offer.pk}/edit/",
        offer_form_data(
            "Smartphone-Sprechstunde", slug="smartphone-sprechstunde", venue_name="Bürgerhaus, Raum 2 (Erdgeschoss)"
        ),
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    state.refresh_from_db()
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    offer.refresh_from_db()
    assert not offer.live

    # 7. The editor approves; the offer goes live.
    task_state = TaskState.objects.filter(workflow_state=state, status=TaskState.STATUS_IN_PROGRESS).get()
    response = client.post(f"/admin/pages/workflow/action/{offer.pk}/approve/{task_state.pk}/", {"comment": ""})
    assert response.status_code == 302
    offer.refresh_from_db()
    assert offer.live and offer.venue_name == "Bürgerhaus, Raum 2 (Erdgeschoss)"
    assert "maria.muster@vhs-ee.example.org" in [address for m in mail.outbox for address in m.to]

    # 8. Residents find it on the site, in the Bildungsbörse, on the provider's page and in the API.
    assert offer.url == f"/bildungsboerse/{folder.slug}/smartphone-sprechstunde/"
    assert resident.get(offer.url).status_code == 200
    assert "Smartphone-Sprechstunde" in resident.get(BildungsboerseIndexPage.objects.get().url).content.decode()
    assert "Smartphone-Sprechstunde" in resident.get(f"/anbieter/{provider.slug}/").content.decode()
    api = resident.get(f"/api/v2/pages/{offer.pk}/")
    assert api.status_code == 200 and api.json()["anbieter"]["slug"] == provider.slug
