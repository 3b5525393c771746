"""A provider's own software writes through /api/v3/austausch/ with a token: drafts in its folder, into the
workflow, never published, never outside its scope; everything else answers 401/403/400/429 JSON and changes nothing."""

import io
import json

import pytest
from django.core.files.images import ImageFile
from django.db import IntegrityError
from wagtail.images import get_image_model
from wagtail.models import Revision, WorkflowState

from anbieter.api_tokens import issue_token, revoke_token, tokens_of
from anbieter.roles import MODERATION_WORKFLOW
from austausch import submission
from austausch.models import ExternalId
from bildungsboerse.models import OfferPage
from kalender.models import EventPage
from tests.austausch.conftest import SENIORENTANZ, SMARTPHONE_KURS
from tests.factories import folder, make_offer, make_office_editor, make_provider_account, png_bytes
from tests.module_data import fresh, rolled_back_at_the_end

SUBMIT = "/api/v3/austausch/"


def course(**fields) -> dict:
    """The reference course of the exchange format, as a provider's software sends it (without ``anbieter``)."""
    record = {key: value for key, value in SMARTPHONE_KURS.items() if key != "anbieter"}
    return {**record, "id": "vhs-kurs-4711", **fields}


def send(client, payload, token: str | None):
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    return client.post(SUBMIT, json.dumps(payload), content_type="application/json", headers=headers)


def image_of(provider, title="Kursfoto"):
    return get_image_model().objects.create(
        title=title, file=ImageFile(io.BytesIO(png_bytes()), name="kurs.png"), collection=provider.collection
    )


def snapshot():
    """What a refused request must leave as it was."""
    return (
        OfferPage.objects.count(),
        EventPage.objects.count(),
        ExternalId.objects.count(),
        Revision.objects.count(),
        WorkflowState.objects.count(),
    )


@pytest.fixture(scope="module")
def shared_providers(django_db_setup, django_db_blocker):
    """Two providers' accounts, the office's editor and a token of the first, built once for the module
    (tests/module_data.py)."""
    with rolled_back_at_the_end(django_db_blocker):
        provider, _person = make_provider_account("Volkshochschule", username="vhs-person")
        office = make_office_editor()
        _token, plaintext = issue_token(provider, office, "Kursverwaltung")
        musikschule = make_provider_account("Musikschule", username="musik-person")[0]
        yield {"vhs": (provider, plaintext, office), "musikschule": musikschule}


@pytest.fixture
def vhs(shared_providers, portal):
    """(provider, its token, the office's editor), fresh copies for each test: its changes are undone after it."""
    return fresh(shared_providers["vhs"])


@pytest.fixture
def musikschule(shared_providers, portal):
    return fresh(shared_providers["musikschule"])


def assert_problem(response, status: int):
    assert response.status_code == status, response.content
    assert response["Content-Type"].startswith("application/problem+json")
    return response.json()


# --- the way in ---


def test_course_from_the_providers_software_is_a_draft_in_its_folder_submitted_to_the_workflow(client, vhs):
    provider, token, _office = vhs
    photo = image_of(provider)
    response = send(client, course(bild=photo.pk), token)
    assert response.status_code == 201, response.content
    [item] = response.json()["ergebnis"]
    assert (item["id"], item["art"], item["aktion"], item["status"]) == (
        "vhs-kurs-4711",
        "angebot",
        "neu",
        "zur Freigabe eingereicht",
    )
    page = OfferPage.objects.get(pk=item["seite"])
    assert page.get_parent().pk == folder(provider, "bildungsboerse").pk
    assert not page.live and page.has_unpublished_changes
    draft = page.get_latest_revision_as_object()
    assert draft.title == "Smartphone-Sprechstunde für Ältere" and draft.anbieter_id == provider.pk
    assert draft.image_id == photo.pk and str(draft.price) == "12.50"
    state = page.current_workflow_state
    assert state is not None and state.status == WorkflowState.STATUS_IN_PROGRESS
    assert state.workflow.name == MODERATION_WORKFLOW


def test_an_event_lands_in_the_providers_calendar_folder(client, vhs):
    provider, token, _office = vhs
    event = {key: value for key, value in SENIORENTANZ.items() if key != "anbieter"}
    response = send(client, [event], token)
    assert response.status_code == 201, response.content
    page = EventPage.objects.get(pk=response.json()["ergebnis"][0]["seite"])
    assert page.get_parent().pk == folder(provider, "kalender").pk and not page.live
    assert page.current_workflow_state.status == WorkflowState.STATUS_IN_PROGRESS


def test_office_sees_the_draft_residents_do_not_until_it_is_approved(client, vhs):
    provider, token, office = vhs
    page = OfferPage.objects.get(pk=send(client, course(), token).json()["ergebnis"][0]["seite"])
    title = "Smartphone-Sprechstunde"

    client.force_login(office)
    assert client.get(f"/admin/pages/{page.pk}/edit/").status_code == 200
    assert title in client.get(f"/admin/pages/{folder(provider, 'bildungsboerse').pk}/").content.decode()
    client.logout()

    def residents_see_it() -> dict:
        return {
            "html": client.get(f"/bildungsboerse/{folder(provider, 'bildungsboerse').slug}/{page.slug}/").status_code
            == 200,
            "v2": client.get(f"/api/v2/pages/{page.pk}/").status_code == 200,
            "v2 list": page.pk
            in [
                item["id"]
                for item in client.get("/api/v2/pages/", {"type": "bildungsboerse.OfferPage"}).json()["items"]
            ],
            "v3": client.get(f"/api/v3/pages/{page.pk}/").status_code == 200,
            "v3 list": page.pk
            in [
                item["id"]
                for item in client.get("/api/v3/pages/", {"type": "bildungsboerse.OfferPage"}).json()["items"]
            ],
            "search": title in client.get("/suche/", {"q": "Smartphone Sprechstunde"}).content.decode(),
            "search api": title in client.get("/api/v2/search/", {"q": "Smartphone Sprechstunde"}).content.decode(),
        }

    assert residents_see_it() == dict.fromkeys(residents_see_it(), False)

    task_state = page.current_workflow_state.current_task_state
    client.force_login(office)
    response = client.post(f"/admin/pages/workflow/action/{page.pk}/approve/{task_state.pk}/", {"comment": ""})
    assert response.status_code == 302
    client.logout()
    page.refresh_from_db()
    assert page.live
    assert residents_see_it() == dict.fromkeys(residents_see_it(), True)


def test_the_same_id_again_is_a_new_draft_revision_never_a_duplicate(client, vhs):
    provider, token, _office = vhs
    first = send(client, course(), token).json()["ergebnis"][0]
    page = OfferPage.objects.get(pk=first["seite"])
    page.get_latest_revision().publish()  # approved meanwhile
    revisions = page.revisions.count()

    response = send(client, course(titel="Smartphone-Sprechstunde (neuer Termin)"), token)
    assert response.status_code == 200, response.content
    [item] = response.json()["ergebnis"]
    assert (item["seite"], item["aktion"]) == (page.pk, "geändert")
    assert OfferPage.objects.child_of(folder(provider, "bildungsboerse")).count() == 1
    page.refresh_from_db()
    assert page.title == "Smartphone-Sprechstunde für Ältere" and page.live  # residents keep the approved version
    assert page.get_latest_revision_as_object().title == "Smartphone-Sprechstunde (neuer Termin)"
    assert page.revisions.count() == revisions + 1
    assert page.current_workflow_state.status == WorkflowState.STATUS_IN_PROGRESS

    again = send(client, course(titel="Smartphone-Sprechstunde (neuer Termin)"), token)
    assert again.status_code == 200 and again.json()["ergebnis"][0]["aktion"] == "unverändert"
    assert page.revisions.count() == revisions + 1


# --- refusals: JSON, and nothing changed ---


def test_without_a_token_or_with_a_wrong_one_401_and_nothing_changed(client, vhs):
    before = snapshot()
    for token in (None, "wagtail_nichtgueltig", "Basic abc"):
        body = assert_problem(send(client, course(), token), 401)
        assert body["status"] == 401
    assert snapshot() == before


def test_a_revoked_token_is_refused_with_401(client, vhs):
    provider, token, office = vhs
    [api_token] = tokens_of(provider)
    revoke_token(provider, api_token, office)
    before = snapshot()
    assert_problem(send(client, course(), token), 401)
    assert snapshot() == before


def test_a_suspended_providers_token_is_refused_with_401(client, vhs):
    provider, token, _office = vhs
    provider.is_active = False
    provider.save()
    before = snapshot()
    assert_problem(send(client, course(), token), 401)
    assert snapshot() == before


def test_another_providers_course_is_refused_with_403(client, vhs, musikschule):
    _provider, token, _office = vhs
    theirs = make_offer("Gitarrenkurs", anbieter=musikschule, parent=folder(musikschule, "bildungsboerse"))
    ExternalId.objects.create(external_id="ms-gitarre", art="angebot", page=theirs)
    before = snapshot()
    body = assert_problem(send(client, course(id="ms-gitarre", titel="Übernommen"), token), 403)
    assert body["errors"][0]["feld"] == "id" and "anderen Anbieters" in body["errors"][0]["msg"]
    theirs.refresh_from_db()
    assert theirs.title == "Gitarrenkurs" and not theirs.has_unpublished_changes
    # by the export's id (translation key) as well
    assert_problem(send(client, course(id=f"3l-{theirs.translation_key}"), token), 403)
    assert snapshot() == before


def test_naming_another_provider_is_refused_with_403(client, vhs, musikschule):
    _provider, token, _office = vhs
    before = snapshot()
    body = assert_problem(send(client, course(anbieter=musikschule.slug), token), 403)
    assert body["errors"][0]["feld"] == "anbieter"
    assert snapshot() == before


def test_another_providers_image_is_refused_with_403(client, vhs, musikschule):
    _provider, token, _office = vhs
    their_photo = image_of(musikschule, "Geige")
    before = snapshot()
    body = assert_problem(send(client, course(bild=their_photo.pk), token), 403)
    assert body["errors"][0] == {
        "loc": ["body", 0, "bild"],
        "objekt": 0,
        "feld": "bild",
        "msg": "Sie können nur Bilder Ihres eigenen Anbieters verwenden.",
    }
    assert snapshot() == before


def test_bad_values_answer_400_naming_the_field_in_german_and_nothing_is_written(client, vhs):
    _provider, token, _office = vhs
    before = snapshot()
    good = course(id="vhs-gut")
    bad = course(id="vhs-schlecht", titel="", preis="zwölf")
    body = assert_problem(send(client, [good, bad], token), 400)
    problems = {(error["objekt"], error["feld"]): error["msg"] for error in body["errors"]}
    assert problems[(1, "titel")] == "Pflichtangabe fehlt."
    assert problems[(1, "preis")].startswith("Kein gültiger Betrag")
    assert snapshot() == before  # the good one is not written either

    for payload, field in [
        ({"id": "x"}, "art"),
        (course(art="beitrag"), "art"),
        (course(id=""), "id"),
        (course(bild="foto.png"), "bild"),
        (course(farbe="blau"), "farbe"),
    ]:
        body = assert_problem(send(client, payload, token), 400)
        assert body["errors"][0]["feld"] == field, body
    assert assert_problem(
        client.post(
            SUBMIT, "{kein json", content_type="application/json", headers={"Authorization": f"Bearer {token}"}
        ),
        400,
    )["detail"]
    assert snapshot() == before


def test_rate_limit_per_token_answers_429_json_with_retry_after(client, vhs, musikschule, settings, monkeypatch):
    monkeypatch.setattr("security.ratelimit.clock", lambda: 1_800_000_001.0)  # the requests share one window
    _provider, token, office = vhs
    _other, other_token = issue_token(musikschule, office, "Musikschul-Software")
    settings.API_TOKEN_RATE_LIMIT = 3
    for n in range(3):
        assert send(client, course(id=f"vhs-{n}"), token).status_code == 201
    before = snapshot()
    response = send(client, course(id="vhs-zu-viel"), token)
    body = assert_problem(response, 429)
    assert int(response["Retry-After"]) > 0 and body["detail"].startswith("Zu viele Anfragen")
    assert snapshot() == before
    assert send(client, course(id="ms-1"), other_token).status_code == 201  # counted per token


# --- Wagtail's own v3 writes are closed to providers' tokens ---


def test_v3_page_writes_and_publishing_are_refused_to_a_provider_token(client, vhs):
    provider, token, _office = vhs
    page = OfferPage.objects.get(pk=send(client, course(), token).json()["ergebnis"][0]["seite"])
    auth = {"Authorization": f"Bearer {token}"}
    before = snapshot()
    for method, url, body in [
        ("post", f"/api/v3/pages/{page.pk}/actions/publish/", {}),
        (
            "post",
            "/api/v3/pages/",
            {
                "meta": {"type": "bildungsboerse.OfferPage", "parent_id": folder(provider, "bildungsboerse").pk},
                "title": "x",
            },
        ),
        ("patch", f"/api/v3/pages/{page.pk}/", {"title": "anders"}),
        ("delete", f"/api/v3/pages/{page.pk}/", None),
        ("post", f"/api/v3/pages/{page.pk}/actions/copy/", {}),
    ]:
        response = getattr(client, method)(
            url, json.dumps(body) if body is not None else None, content_type="application/json", headers=auth
        )
        assert "austausch" in assert_problem(response, 403)["detail"]
    page.refresh_from_db()
    assert not page.live and snapshot() == before


def test_the_readme_example_is_accepted(client, vhs):
    _provider, token, _office = vhs
    example = {
        "art": "angebot",
        "id": "vhs-kurs-4711",
        "titel": "Smartphone-Sprechstunde",
        "kurzbeschreibung": "Fragen rund ums Handy, in Ruhe erklärt.",
        "bereich": "bildung",
        "ort": "finsterwalde",
        "zeitliche_form": "zeitraum",
        "beginn": "2027-02-02",
        "ende": "2027-03-30",
    }
    response = send(client, example, token)
    assert response.status_code == 201, response.content
    assert response.json()["ergebnis"][0]["status"] == "zur Freigabe eingereicht"


def test_a_concurrent_request_with_the_same_new_id_answers_409_and_keeps_nothing(client, vhs, monkeypatch):
    _provider, token, _office = vhs
    original = submission._ProviderRun.page

    def first_writes_then_the_other_request_wins(run, art, external_id, values):
        original(run, art, external_id, values)
        raise IntegrityError("UNIQUE constraint failed: austausch_externalid.external_id")

    monkeypatch.setattr(submission._ProviderRun, "page", first_writes_then_the_other_request_wins)
    before = snapshot()
    body = assert_problem(send(client, [course(id="vhs-a"), course(id="vhs-b")], token), 409)
    assert body["errors"][0]["feld"] == "id"
    assert snapshot() == before
