"""Deleting a page with registrations: a German message and nothing deleted (issue 14, finding 10).

It answered 500 ProtectedError, and the logged error listed every participant's name.
"""

import logging

from wagtail.models import Page

from anmeldung import services
from anmeldung.models import Registration, Slot
from tests.factories import make_event, make_office_editor, make_user


def test_page_with_registrations_is_kept_with_a_german_message_and_no_names_logged(client, portal, caplog):
    event = make_event("Kochkurs", registration_mode="portal", capacity=3)
    services.register(Slot.objects.get(page=event), name="Anna Geheim", email="anna@example.org")
    client.force_login(make_office_editor())
    with caplog.at_level(logging.DEBUG):
        response = client.post(f"/admin/pages/{event.pk}/delete/", follow=True)
        bulk = client.post(f"/admin/bulk/wagtailcore/page/delete/?id={event.pk}", follow=True)
    for answer in (response, bulk):
        assert answer.status_code == 200
        assert "kann nicht gelöscht werden" in answer.content.decode()
    assert Page.objects.filter(pk=event.pk).exists() and Registration.objects.count() == 1
    assert "Anna Geheim" not in caplog.text


def test_page_without_registrations_is_deleted_as_before(client, portal):
    event = make_event("Ohne Anmeldung")
    client.force_login(make_user("admin", superuser=True))
    assert client.post(f"/admin/pages/{event.pk}/delete/").status_code == 302
    assert not Page.objects.filter(pk=event.pk).exists()
