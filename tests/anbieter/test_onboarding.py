"""Becoming a provider: the public request form, the service office's decision, invitations."""

import io
import os
import re
import time
from smtplib import SMTPException

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image as PILImage
from wagtail.images import get_image_model
from wagtail.models import Collection, ModelLogEntry, Page

from anbieter import services
from anbieter.models import Anbieter, ProviderRequest
from security.spam import TIMESTAMP_FIELD, timestamp_token
from tests.factories import log_in, make_office_editor, make_provider, make_request, make_user, png_bytes

FORM = "/zugang/beantragen/"


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def editor(portal):
    return make_office_editor()


def counts() -> dict:
    return {
        "Anbieter": Anbieter.objects.count(),
        "Group": Group.objects.count(),
        "Collection": Collection.objects.count(),
        "User": get_user_model().objects.count(),
        "Page": Page.objects.count(),
        "Image": get_image_model().objects.count(),
    }


def request_data(**overrides) -> dict:
    data = {
        "organisation": "Heimatverein Doberlug",
        "kind": "verein",
        "contact_name": "Karl Klein",
        "email": "karl@heimatverein.example.org",
        "description": "Führungen durch das Schloss und Erzählcafés für Senioren.",
        "consent": "on",
        "homepage": "",
        TIMESTAMP_FIELD: timestamp_token(time.time() - 60),  # rendered a minute ago, as a person sends it
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def noisy_png(width: int, height: int) -> bytes:
    """A PNG that does not compress: random pixels."""
    buffer = io.BytesIO()
    PILImage.frombytes("RGB", (width, height), os.urandom(width * height * 3)).save(buffer, "PNG")
    return buffer.getvalue()


# --- the public form ---


def test_form_is_german_labelled_and_usable_without_javascript(client, portal):
    response = client.get(FORM)
    html = response.content.decode()
    assert response.status_code == 200
    assert '<form class="portal-form" method="post" enctype="multipart/form-data"' in html
    for field in ("organisation", "contact_name", "email", "description", "logo", "consent"):
        assert f'for="id_{field}"' in html, field
    assert "Name der Organisation" in html and "Art des Trägers" in html and "(Pflichtfeld)" in html
    assert 'type="radio" name="kind"' in html  # no select widget that needs scripting
    assert 'aria-describedby="id_email-hilfe"' in html and 'id="id_email-hilfe"' in html
    assert '<div class="honeypot" aria-hidden="true">' in html and 'tabindex="-1"' in html
    assert 'href="/nutzungsbedingungen/"' in html and client.get("/nutzungsbedingungen/").status_code == 200


def test_valid_request_is_stored_pending_and_confirmed_by_mail(client, editor):
    response = client.post(FORM, request_data(logo=SimpleUploadedFile("logo.jpg", png_bytes(fmt="JPEG"))))
    assert response.status_code == 302 and response["Location"] == "/zugang/beantragt/"
    assert "Vielen Dank" in client.get(response["Location"]).content.decode()
    request = ProviderRequest.objects.get()
    assert (request.status, request.kind, request.email) == ("pending", "verein", "karl@heimatverein.example.org")
    assert request.accepted_terms_at is not None and request.logo.name.startswith("anbieter/anfragen/")
    confirmation, notification = mail.outbox
    assert confirmation.to == ["karl@heimatverein.example.org"] and "Heimatverein Doberlug" in confirmation.body
    assert notification.to == [editor.email]
    assert f"/admin/anbieter/providerrequest/inspect/{request.pk}/" in notification.body


def test_honeypot_filled_in_stores_nothing_but_looks_successful(client, editor):
    response = client.post(FORM, request_data(homepage="http://spam.example"))
    assert response.status_code == 302 and response["Location"] == "/zugang/beantragt/"
    assert not ProviderRequest.objects.exists() and mail.outbox == []


BAD_INPUT = {
    "duplicate organisation": (
        {"organisation": "awo kreisverband"},
        "organisation",
        "Eine Organisation dieses Namens ist bereits Anbieter im Portal.",
    ),
    "organisation with an open request": (
        {"organisation": "Offene Anfrage e.V."},
        "organisation",
        "Für diese Organisation liegt bereits eine Anfrage vor",
    ),
    "invalid email": ({"email": "karl(at)heimatverein"}, "email", "Bitte geben Sie eine gültige E-Mail-Adresse an"),
    "email with an account": (
        {"email": "vorhanden@example.org"},
        "email",
        "Für diese E-Mail-Adresse gibt es bereits einen Zugang.",
    ),
    "missing consent": (
        {"consent": None},
        "consent",
        "Bitte stimmen Sie den Nutzungsbedingungen und den Datenschutzhinweisen zu.",
    ),
    "missing organisation": ({"organisation": ""}, "organisation", "Bitte geben Sie den Namen Ihrer Organisation an."),
    "unknown kind": ({"kind": "partei"}, "kind", "Bitte wählen Sie eine der angebotenen Arten des Trägers."),
    "oversized logo": ({"logo": SimpleUploadedFile("gross.png", noisy_png(200, 200))}, "logo", "Das Logo ist zu groß"),
    "non-image logo": (
        {"logo": SimpleUploadedFile("logo.png", b"%PDF-1.4 kein Bild", content_type="image/png")},
        "logo",
        "Das Logo muss eine Bilddatei sein (PNG, JPEG, GIF oder WebP).",
    ),
    "image format not for the web": (
        {"logo": SimpleUploadedFile("logo.bmp", png_bytes(fmt="BMP"), content_type="image/bmp")},
        "logo",
        "Das Logo muss eine Bilddatei sein (PNG, JPEG, GIF oder WebP).",
    ),
}


@pytest.mark.parametrize("case", list(BAD_INPUT))
def test_bad_input_is_refused_with_a_german_message_and_nothing_is_created(client, editor, settings, case):
    settings.PROVIDER_LOGO_MAX_UPLOAD_SIZE = 20_000
    make_provider(name="AWO Kreisverband", slug="awo-kreisverband")
    make_user("vorhanden")
    ProviderRequest.objects.create(
        organisation="Offene Anfrage e.V.",
        kind="verein",
        contact_name="X",
        email="x@example.org",
        description="X",
        accepted_terms_at="2030-01-01T00:00+01:00",
    )
    before, requests_before = counts(), ProviderRequest.objects.count()
    overrides, field, message = BAD_INPUT[case]

    response = client.post(FORM, request_data(**overrides))

    html = response.content.decode()
    assert response.status_code == 400
    assert message in html
    assert "Bitte prüfen Sie Ihre Angaben" in html and f'href="#id_{field}-feld"' in html  # the error summary
    assert 'aria-invalid="true"' in html and f'id="id_{field}-fehler"' in html
    assert counts() == before and ProviderRequest.objects.count() == requests_before
    assert mail.outbox == []


# --- the service office decides ---


def test_approval_creates_provider_group_folders_collection_and_invited_user(editor):
    request = make_request(logo=SimpleUploadedFile("logo.png", png_bytes()))
    before = counts()
    provider = services.approve_provider_request(request, editor)
    after = counts()
    assert {key: after[key] - before[key] for key in after} == {
        "Anbieter": 1,
        "Group": 1,
        "Collection": 1,
        "User": 1,
        "Page": 3,
        "Image": 1,
    }
    user = get_user_model().objects.get(email="karl@heimatverein.example.org")
    assert list(user.groups.all()) == [provider.group] and not user.has_usable_password()
    assert (user.first_name, user.last_name) == ("Karl", "Klein")
    assert provider.slug == "heimatverein-doberlug" and provider.is_active
    assert [folder.title for folder in Page.objects.filter(depth=4, title=provider.name)] == [provider.name] * 3
    request.refresh_from_db()
    assert (request.status, request.decided_by, request.anbieter) == ("approved", editor, provider)
    assert ModelLogEntry.objects.filter(action="anbieter.request.approve", object_id=str(request.pk)).exists()
    invitation = mail.outbox[-1]
    assert invitation.to == [user.email] and "/zugang/passwort/" in invitation.body
    assert f"Ihr Benutzername: {user.username}" in invitation.body


def test_approval_failing_midway_leaves_nothing_behind(editor, monkeypatch):
    request = make_request()
    before = counts()

    def broken(*args, **kwargs):
        raise RuntimeError("Festplatte voll")

    monkeypatch.setattr(services, "_grant", broken)  # after group, collection and folders exist
    with pytest.raises(RuntimeError):
        services.approve_provider_request(request, editor)
    assert counts() == before
    request.refresh_from_db()
    assert request.status == "pending" and request.decided_by is None


def test_approval_whose_invitation_mail_fails_is_undone_and_says_so(client, editor, monkeypatch):
    request = make_request()
    mail.outbox.clear()
    before = counts()

    def unreachable(*args, **kwargs):
        raise SMTPException("Mailserver nicht erreichbar")

    monkeypatch.setattr("anbieter.mail.send_mail", unreachable)
    log_in(client, editor.username)
    response = client.post(f"/admin/anbieter/providerrequest/approve/{request.pk}/")
    assert response.status_code == 503
    assert "Die E-Mail konnte nicht versendet werden; es wurde nichts gespeichert." in response.content.decode()
    assert counts() == before
    request.refresh_from_db()
    assert request.status == "pending"


def test_approval_refused_when_the_name_was_taken_meanwhile(editor):
    request = make_request()
    make_provider(name="Heimatverein Doberlug", slug="heimatverein-doberlug")
    before = counts()
    with pytest.raises(ValidationError, match="Es gibt bereits einen Anbieter mit diesem Namen."):
        services.approve_provider_request(request, editor)
    assert counts() == before


def test_rejection_needs_a_reason_then_mails_it_and_records_who_and_when(client, editor):
    request = make_request()
    mail.outbox.clear()
    log_in(client, editor.username)
    url = f"/admin/anbieter/providerrequest/reject/{request.pk}/"
    assert "Begründung" in client.get(url).content.decode()
    empty = client.post(url, {"reason": "  "})
    assert empty.status_code == 400
    assert "Bitte eine Begründung angeben; sie wird der Organisation mitgeteilt." in empty.content.decode()
    response = client.post(url, {"reason": "Gewerbliche Verkaufsangebote nehmen wir nicht auf."})
    assert response.status_code == 302
    request.refresh_from_db()
    assert (request.status, request.decided_by, request.reason) == (
        "rejected",
        editor,
        "Gewerbliche Verkaufsangebote nehmen wir nicht auf.",
    )
    assert request.decided_at is not None and request.anbieter is None
    [rejection] = mail.outbox
    assert rejection.to == ["karl@heimatverein.example.org"]
    assert "Gewerbliche Verkaufsangebote nehmen wir nicht auf." in rejection.body
    assert ModelLogEntry.objects.filter(action="anbieter.request.reject", object_id=str(request.pk)).exists()
    assert not Anbieter.objects.filter(name="Heimatverein Doberlug").exists()


def test_a_decided_request_cannot_be_decided_again(client, editor):
    request = make_request()
    services.reject_provider_request(request, editor, "Kein Angebot im Landkreis.")
    log_in(client, editor.username)
    response = client.post(f"/admin/anbieter/providerrequest/approve/{request.pk}/")
    assert response.status_code == 302 and response["Location"] == "/admin/"
    with pytest.raises(ValidationError, match="bereits entschieden"):
        services.approve_provider_request(request, editor)
    assert not Anbieter.objects.filter(name="Heimatverein Doberlug").exists()


def test_request_list_filters_searches_and_exports_csv(client, editor):
    heimatverein = make_request()
    musikschule = make_request(
        organisation="Musikschule Finsterwalde", email="info@musikschule.example.org", kind="bildung"
    )
    log_in(client, editor.username)
    listing = client.get("/admin/anbieter/providerrequest/", {"kind__exact": "bildung"}).content.decode()
    assert "Musikschule Finsterwalde" in listing and "Heimatverein Doberlug" not in listing
    assert f"/admin/anbieter/providerrequest/approve/{musikschule.pk}/" in listing
    assert f"/admin/anbieter/providerrequest/reject/{musikschule.pk}/" in listing
    services.reject_provider_request(heimatverein, editor, "Doppelt.")
    decided = client.get("/admin/anbieter/providerrequest/", {"status__exact": "rejected"}).content.decode()
    assert "Heimatverein Doberlug" in decided and "Musikschule Finsterwalde" not in decided
    assert f"/admin/anbieter/providerrequest/approve/{heimatverein.pk}/" not in decided
    found = client.get("/admin/anbieter/providerrequest/", {"q": "heimatverein"}).content.decode()
    assert "Heimatverein Doberlug" in found and "Musikschule Finsterwalde" not in found
    export = client.get("/admin/anbieter/providerrequest/", {"export": "csv"})
    csv = b"".join(export.streaming_content).decode()
    assert export["Content-Type"].startswith("text/csv")
    assert csv.splitlines()[0] == (
        "Organisation,Art des Trägers,Ansprechperson,E-Mail,Kurzbeschreibung,Status,"
        "Eingegangen am,Entschieden von,Entschieden am,Begründung"
    )
    assert "Musikschule Finsterwalde,Bildungseinrichtung,Karl Klein,info@musikschule.example.org" in csv
    assert ",offen," in csv and ",abgelehnt," in csv and "Doppelt." in csv


# --- more people for a provider ---


def test_service_office_invites_a_further_person_for_a_provider(client, editor):
    provider = services.approve_provider_request(make_request(), editor)
    mail.outbox.clear()
    log_in(client, editor.username)
    url = f"/admin/anbieter/anbieter/invite/{provider.pk}/"
    assert "karl@heimatverein.example.org" in client.get(url).content.decode()
    response = client.post(url, {"name": "Petra Paul", "email": "Petra@Heimatverein.example.org"})
    assert response.status_code == 302
    petra = get_user_model().objects.get(email="petra@heimatverein.example.org")
    assert list(petra.groups.all()) == [provider.group]
    assert mail.outbox[0].to == ["petra@heimatverein.example.org"]
    again = client.post(url, {"name": "Petra Paul", "email": "petra@heimatverein.example.org"})
    assert again.status_code == 400
    assert "Für diese E-Mail-Adresse gibt es bereits einen Zugang." in again.content.decode()


def test_inviting_a_person_for_an_older_provider_sets_up_its_workspace(editor):
    provider = make_provider(name="Kirchengemeinde Uebigau", slug="kirchengemeinde-uebigau")
    user = services.invite_provider_user(provider, "pfarramt@uebigau.example.org", "Pfarramt")
    provider.refresh_from_db()
    assert provider.group is not None and provider.collection is not None
    assert provider.bildungsboerse_folder.live and list(user.groups.all()) == [provider.group]


def test_invitation_link_refuses_wrong_tokens_and_weak_passwords(client, editor):
    services.approve_provider_request(make_request(), editor)
    link = re.search(r"http://testserver(/zugang/passwort/\S+)", mail.outbox[-1].body).group(1)
    forged = re.sub(r"/[^/]+/$", "/falsch-123/", link)
    assert "Dieser Link ist nicht mehr gültig" in client.get(forged).content.decode()
    form_url = client.get(link)["Location"]
    response = client.post(form_url, {"new_password1": "12345", "new_password2": "12345"})
    assert response.status_code == 200
    assert "Dieses Passwort ist zu kurz." in response.content.decode()
    assert not get_user_model().objects.get(email="karl@heimatverein.example.org").has_usable_password()


def test_an_expired_invitation_can_be_sent_again_until_a_password_is_set(client, editor):
    provider = services.approve_provider_request(make_request(), editor)
    karl = get_user_model().objects.get(email="karl@heimatverein.example.org")
    mail.outbox.clear()
    log_in(client, editor.username)
    url = f"/admin/anbieter/anbieter/invite/{provider.pk}/"
    assert "Einladung erneut senden" in client.get(url).content.decode()
    response = client.post(url, {"resend": str(karl.pk)})
    assert response.status_code == 302
    [again] = mail.outbox
    assert again.to == [karl.email] and "/zugang/passwort/" in again.body
    karl.set_password("Schon-gesetzt-2030")
    karl.save()
    refused = client.post(url, {"resend": str(karl.pk)})
    assert refused.status_code == 400
    assert "Diese Person hat bereits ein Passwort festgelegt." in refused.content.decode()
    stranger = make_user("fremd")
    assert client.post(url, {"resend": str(stranger.pk)}).status_code == 404


def test_the_uploaded_logo_is_removed_once_the_request_is_decided(editor, django_capture_on_commit_callbacks):
    request = make_request(logo=SimpleUploadedFile("logo.png", png_bytes()))
    storage, name = request.logo.storage, request.logo.name
    assert storage.exists(name)
    with django_capture_on_commit_callbacks(execute=True):
        provider = services.approve_provider_request(request, editor)
    request.refresh_from_db()
    assert not request.logo and not storage.exists(name)
    assert provider.logo.file.storage.exists(provider.logo.file.name)
