"""The service office issues and revokes tokens for a provider's software in the admin (Anbieter → Schnittstelle)."""

import json
import re

from bs4 import BeautifulSoup
from wagtail.models import APIToken, ModelLogEntry

from anbieter.api_tokens import ISSUE_ACTION, REVOKE_ACTION, issue_token
from tests.austausch.conftest import SMARTPHONE_KURS
from tests.factories import log_in, make_office_editor, make_provider_account


def tokens_url(provider) -> str:
    return f"/admin/anbieter/anbieter/schnittstelle/{provider.pk}/"


def shown_token(html: str) -> str:
    code = BeautifulSoup(html, "html.parser").select_one("[data-api-token]")
    return code.get_text(strip=True) if code else ""


def test_office_issues_a_token_sees_it_once_and_only_its_digest_is_stored(client, portal):
    provider, _person = make_provider_account("Volkshochschule", username="vhs-person")
    office = make_office_editor()
    log_in(client, office.username)
    assert "Schnittstelle" in client.get("/admin/anbieter/anbieter/").content.decode()

    response = client.post(tokens_url(provider), {"name": "Kursverwaltung"})
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    plaintext = shown_token(response.content.decode())
    assert APIToken.validate_token_format(plaintext)
    [token] = APIToken.objects.all()
    assert token.key_hash == APIToken.hash_token(plaintext) and plaintext not in (token.key_hash, token.prefix)
    # the token's user is the provider's technical user: its group only, no password, no publishing
    user = token.user
    assert list(user.groups.all()) == [provider.group] and not user.has_usable_password()
    assert not user.is_superuser and not user.has_perm("wagtailcore.publish_page")
    entry = ModelLogEntry.objects.get(action=ISSUE_ACTION)
    assert (
        entry.user == office and entry.data["anbieter"] == "Volkshochschule" and plaintext not in json.dumps(entry.data)
    )

    # shown once: the list afterwards names it by its prefix, never in full
    listing = client.get(tokens_url(provider)).content.decode()
    assert plaintext not in listing and token.prefix in listing and "noch nie" in listing


def test_last_use_is_shown_and_a_revoked_token_no_longer_works(client, portal):
    provider, _person = make_provider_account("Volkshochschule", username="vhs-person")
    office = make_office_editor()
    token, plaintext = issue_token(provider, office, "Kursverwaltung")
    record = {key: value for key, value in SMARTPHONE_KURS.items() if key != "anbieter"}
    auth = {"Authorization": f"Bearer {plaintext}"}
    assert (
        client.post("/api/v3/austausch/", json.dumps(record), content_type="application/json", headers=auth).status_code
        == 201
    )
    token.refresh_from_db()
    assert token.last_used_at is not None

    log_in(client, office.username)
    listing = client.get(tokens_url(provider)).content.decode()
    assert token.last_used_at.astimezone().strftime("%d.%m.%Y") in listing and "noch nie" not in listing
    response = client.post(tokens_url(provider), {"revoke": str(token.pk)})
    assert response.status_code == 302
    token.refresh_from_db()
    assert token.revoked_at is not None
    assert ModelLogEntry.objects.filter(action=REVOKE_ACTION, user=office).count() == 1
    assert "gesperrt am" in client.get(tokens_url(provider)).content.decode()
    client.logout()

    response = client.post(
        "/api/v3/austausch/", json.dumps({**record, "id": "neu"}), content_type="application/json", headers=auth
    )
    assert response.status_code == 401


def test_providers_can_neither_issue_nor_revoke_tokens(client, portal):
    provider, _person = make_provider_account("Volkshochschule", username="vhs-person")
    other, _ = make_provider_account("Musikschule", username="musik-person")
    token, _plaintext = issue_token(other, make_office_editor(), "Musikschul-Software")
    log_in(client, "vhs-person")
    for url in (tokens_url(provider), tokens_url(other)):
        assert client.get(url).status_code == 302  # modeladmin's refusal: back to the dashboard
        assert client.post(url, {"name": "Eigener Schlüssel"}).status_code == 302
        assert client.post(url, {"revoke": str(token.pk)}).status_code == 302
    assert APIToken.objects.count() == 1 and APIToken.objects.get().revoked_at is None
    # neither the button nor Wagtail's own token management
    assert "/schnittstelle/" not in client.get("/admin/anbieter/anbieter/").content.decode()
    assert client.get("/admin/api-tokens/").status_code in (302, 403)
    assert client.post("/admin/api-tokens/new/", {"name": "x", "user": str(token.user_id)}).status_code in (302, 403)
    assert APIToken.objects.count() == 1


def test_a_token_of_one_provider_cannot_be_revoked_through_another_providers_page(client, portal):
    provider, _ = make_provider_account("Volkshochschule", username="vhs-person")
    other, _ = make_provider_account("Musikschule", username="musik-person")
    office = make_office_editor()
    token, _plaintext = issue_token(other, office, "Musikschul-Software")
    log_in(client, office.username)
    assert client.post(tokens_url(provider), {"revoke": str(token.pk)}).status_code == 404
    token.refresh_from_db()
    assert token.revoked_at is None


def test_the_technical_user_is_not_listed_among_the_providers_people(client, portal):
    provider, _person = make_provider_account("Volkshochschule", username="vhs-person")
    office = make_office_editor()
    token, _plaintext = issue_token(provider, office, "Kursverwaltung")
    log_in(client, office.username)
    people = client.get(f"/admin/anbieter/anbieter/invite/{provider.pk}/").content.decode()
    assert "vhs-person@example.org" in people and not re.search(
        r"Schnittstelle", people.split("Personen mit Zugang")[1]
    )
