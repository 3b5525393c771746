"""Per-object actions in the admin lists: a button only where its view would allow the action."""

import re

from anmeldung import services
from anmeldung.models import Registration, Slot
from tests.factories import log_in, make_event, make_office_editor, make_provider_account, make_request


def action_links(html: str, admin_url: str) -> list[str]:
    """The action URLs of one list, in the order of the buttons (without edit, inspect and delete)."""
    links = re.findall(rf'href="({re.escape(admin_url)}(\w+)/\d+/)"', html)
    return [url for url, action in links if action not in ("edit", "inspect", "delete", "history")]


def test_office_sees_decision_buttons_first_and_only_for_pending_requests(client, portal):
    pending, decided = make_request(), make_request(organisation="Kulturverein", email="k@kultur.example.org")
    decided.status = decided.Status.REJECTED
    decided.save()
    make_office_editor()
    log_in(client, "redaktion")
    html = client.get("/admin/anbieter/providerrequest/").content.decode()
    assert action_links(html, "/admin/anbieter/providerrequest/") == [
        f"/admin/anbieter/providerrequest/approve/{pending.pk}/",
        f"/admin/anbieter/providerrequest/reject/{pending.pk}/",
    ]
    row = html[html.index(f"/approve/{pending.pk}/") :]
    assert row.index("Annehmen") < row.index("Ablehnen") < row.index(f"/edit/{pending.pk}/")
    assert client.get(f"/admin/anbieter/providerrequest/approve/{decided.pk}/").status_code == 302  # refused


def test_providers_get_the_buttons_their_permissions_allow_on_their_own_objects(client, portal):
    provider, _user = make_provider_account("Volkshochschule", username="vhs")
    event = make_event("Kochkurs", anbieter=provider, registration_mode="portal", capacity=3)
    slot = Slot.objects.get(page=event)
    registration = services.register(slot, name="Eigene Person", email="eigen@example.org")
    log_in(client, "vhs")
    assert action_links(client.get("/admin/anmeldung/slot/").content.decode(), "/admin/anmeldung/slot/") == [
        f"/admin/anmeldung/slot/confirm/{slot.pk}/",
        f"/admin/anmeldung/slot/cancel/{slot.pk}/",
        f"/admin/anmeldung/slot/message/{slot.pk}/",
    ]
    registrations = client.get("/admin/anmeldung/registration/").content.decode()
    assert action_links(registrations, "/admin/anmeldung/registration/") == [
        f"/admin/anmeldung/registration/cancel/{registration.pk}/"
    ]
    # inviting people is the service office's: neither the button nor the view for the provider
    assert action_links(client.get("/admin/anbieter/anbieter/").content.decode(), "/admin/anbieter/anbieter/") == []
    assert client.get(f"/admin/anbieter/anbieter/invite/{provider.pk}/").status_code == 302

    services.cancel(Registration.objects.get(pk=registration.pk))
    registrations = client.get("/admin/anmeldung/registration/").content.decode()
    assert action_links(registrations, "/admin/anmeldung/registration/") == []
