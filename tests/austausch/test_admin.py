"""The admin's "Daten importieren" (service office only) and "Daten exportieren" (office: all; provider: its own)."""

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from anbieter.models import Anbieter
from austausch.views import SESSION_KEY
from kalender.models import EventPage
from tests.factories import folder, make_event, make_office_editor, make_provider_account

from .conftest import AWO, SENIORENTANZ, changed, jsonl

IMPORT_URL = "/admin/austausch/import/"
EXPORT_URL = "/admin/austausch/export/"


@pytest.fixture(autouse=True)
def upload_dir(settings, tmp_path):
    settings.AUSTAUSCH_UPLOAD_DIR = str(tmp_path / "uploads")
    return tmp_path / "uploads"


def upload(lines, name="daten.jsonl") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, ("\n".join(lines) + "\n").encode("utf-8"), content_type="application/x-ndjson")


@pytest.fixture
def office(client, portal):
    client.force_login(make_office_editor())
    return client


@pytest.fixture
def providers(portal):
    alpha, alpha_user = make_provider_account("Anbieter Alpha", username="alpha")
    beta, beta_user = make_provider_account("Anbieter Beta", username="beta")
    make_event("Alphas Lesung", parent=folder(alpha, "kalender"))
    make_event("Alphas Entwurf", parent=folder(alpha, "kalender"), live=False)
    make_event("Betas Konzert", parent=folder(beta, "kalender"))
    return alpha, alpha_user, beta, beta_user


def test_urls_are_the_documented_ones():
    assert (reverse("austausch_import"), reverse("austausch_export")) == (IMPORT_URL, EXPORT_URL)


def test_office_checks_then_confirms_an_import(office, upload_dir):
    response = office.get(IMPORT_URL)
    assert response.status_code == 200 and "Datei prüfen" in response.content.decode()

    response = office.post(IMPORT_URL, {"datei": upload(jsonl(AWO, SENIORENTANZ))})
    page = response.content.decode()
    assert response.status_code == 200
    assert "2 Zeilen: 2 würden neu angelegt, 0 geändert, 0 bleiben unverändert." in page
    assert "Seniorentanz im Bürgerhaus" in page and "Import ausführen" in page
    assert not Anbieter.objects.exists() and not EventPage.objects.exists()
    assert len(list(upload_dir.iterdir())) == 1

    response = office.post(IMPORT_URL, {"bestaetigen": "1"})
    assert response.status_code == 200
    assert "2 wurden neu angelegt" in response.content.decode()
    event = EventPage.objects.get()
    assert event.live and event.anbieter.name == AWO["name"]
    assert event.get_latest_revision().user.username == "redaktion"
    assert SESSION_KEY not in office.session
    assert list(upload_dir.iterdir()) == []


def test_office_may_import_as_drafts(office):
    office.post(IMPORT_URL, {"datei": upload(jsonl(AWO, SENIORENTANZ)), "entwurf": "on"})
    office.post(IMPORT_URL, {"bestaetigen": "1"})
    event = EventPage.objects.get()
    assert not event.live and event.current_workflow_state is not None


def test_invalid_file_shows_every_error_and_keeps_nothing(office, upload_dir):
    lines = jsonl(AWO, changed(SENIORENTANZ, bereich="sport"), "nicht json")
    response = office.post(IMPORT_URL, {"datei": upload(lines)})
    page = response.content.decode()
    assert response.status_code == 400
    assert "<td>2</td><td>bereich</td><td>Unbekannter Kurzname „sport“ (Bereich).</td>" in page
    assert "<td>3</td><td>–</td><td>Die Zeile ist kein gültiges JSON" in page
    assert "Import ausführen" not in page
    assert list(upload_dir.iterdir()) == [] and SESSION_KEY not in office.session
    assert office.post(IMPORT_URL, {"bestaetigen": "1"}).status_code == 302  # nothing to confirm
    assert not Anbieter.objects.exists()


def test_discarding_a_checked_import(office, upload_dir):
    office.post(IMPORT_URL, {"datei": upload(jsonl(AWO))})
    response = office.post(IMPORT_URL, {"verwerfen": "1"})
    assert response.status_code == 302
    assert list(upload_dir.iterdir()) == [] and not Anbieter.objects.exists()


def test_form_without_a_file_says_so_in_german(office):
    response = office.post(IMPORT_URL, {})
    assert response.status_code == 400
    assert "Bitte eine Datei auswählen." in response.content.decode()


def denied(response) -> bool:
    """Wagtail's admin answers PermissionDenied with a redirect to the dashboard and a message."""
    return response.status_code == 302 and response["Location"] == "/admin/"


def test_provider_may_not_import(client, providers):
    _alpha, alpha_user, _beta, _beta_user = providers
    client.force_login(alpha_user)
    assert denied(client.get(IMPORT_URL))
    assert denied(client.post(IMPORT_URL, {"datei": upload(jsonl(AWO, SENIORENTANZ))}))
    assert denied(client.post(IMPORT_URL, {"bestaetigen": "1"}))
    assert not Anbieter.objects.filter(name=AWO["name"]).exists()
    menu = client.get("/admin/").content.decode()
    assert "Daten exportieren" in menu and "Daten importieren" not in menu


def test_office_sees_both_menu_items(office):
    menu = office.get("/admin/").content.decode()
    assert "Daten importieren" in menu and "Daten exportieren" in menu


def download(client, query: str = "") -> list[dict]:
    response = client.get(f"{EXPORT_URL}?format=jsonl{query}")
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith('attachment; filename="3l-export-')
    return [json.loads(line) for line in b"".join(response.streaming_content).decode().splitlines()]


def test_provider_export_contains_only_its_own_published_items(client, providers):
    alpha, alpha_user, beta, _beta_user = providers
    client.force_login(alpha_user)
    assert "Anbieter Alpha" in client.get(EXPORT_URL).content.decode()
    records = download(client)
    assert [(r["art"], r.get("name") or r.get("titel")) for r in records] == [
        ("anbieter", "Anbieter Alpha"),
        ("veranstaltung", "Alphas Lesung"),
    ]
    assert client.get(f"{EXPORT_URL}?format=jsonl&anbieter={beta.pk}").status_code == 404


def test_office_export_contains_everything_published(office, providers):
    titles = {r.get("name") or r.get("titel") for r in download(office)}
    assert titles == {"Anbieter Alpha", "Anbieter Beta", "Alphas Lesung", "Betas Konzert"}
    _alpha, _alpha_user, beta, _beta_user = providers
    assert {r.get("name") or r.get("titel") for r in download(office, f"&anbieter={beta.pk}")} == {
        "Anbieter Beta",
        "Betas Konzert",
    }


def test_anonymous_visitors_are_sent_to_the_login(client, portal):
    for url in (IMPORT_URL, EXPORT_URL):
        response = client.get(url)
        assert response.status_code == 302 and "/admin/login/" in response["Location"]
