"""The page editor does not autosave: a provider's submit could otherwise race the background save of a
new page and fail with a server error (found by tests/browser/test_editorial_journey.py)."""

import re

from tests.factories import log_in, make_event, make_provider_account


def editor_form_controllers(html: str) -> str:
    return re.search(r'<form\s+id="page-edit-form".*?data-controller="([^"]*)"', html, re.DOTALL).group(1)


def test_new_and_existing_pages_are_saved_only_when_the_editor_says_so(client, portal):
    provider, _user = make_provider_account("Heimatverein Doberlug", username="heimatverein")
    event = make_event("Erzählcafé", anbieter=provider, parent=provider.kalender_folder, live=False)
    log_in(client, "heimatverein")
    for url in (
        f"/admin/pages/add/kalender/eventpage/{provider.kalender_folder.pk}/",
        f"/admin/pages/{event.pk}/edit/",
    ):
        response = client.get(url)
        assert response.status_code == 200
        controllers = editor_form_controllers(response.content.decode()).split()
        assert "w-unsaved" in controllers and "w-autosave" not in controllers, url
