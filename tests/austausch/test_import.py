"""Importing the exchange format: onboarding of providers, placement, idempotence, revisions, drafts, search."""

import datetime
from decimal import Decimal
from io import StringIO

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from wagtail.models import Collection, WorkflowState

from aktuelles.models import AktuellesIndexPage, ArticlePage
from anbieter.models import Anbieter
from austausch.importer import import_jsonl
from austausch.models import ExternalId
from bildungsboerse.models import OfferPage
from kalender.models import EventPage
from portal.setup import MODERATION_WORKFLOW
from search.models import SearchDocument
from tests.factories import make_provider

from .conftest import AWO, NEUJAHRSGRUSS, SENIORENTANZ, SMARTPHONE_KURS, changed, jsonl

BERLIN = datetime.timezone(datetime.timedelta(hours=1))


def revisions(page) -> int:
    return page.revisions.count()


def test_provider_is_onboarded_like_an_approved_request_without_a_user(portal, example_lines):
    import_jsonl(example_lines)
    awo = Anbieter.objects.get(name="AWO Kreisverband Elbe-Elster e. V.")
    assert awo.group.name == "Anbieter: AWO Kreisverband Elbe-Elster e. V."
    assert awo.collection.get_parent() == Collection.get_first_root_node()
    assert {
        folder.specific.anbieter for folder in [awo.bildungsboerse_folder, awo.kalender_folder, awo.aktuelles_folder]
    } == {awo}
    assert awo.group.permissions.filter(codename="access_admin").exists()
    assert not awo.group.user_set.exists()
    assert mail.outbox == []
    assert (
        awo.kind,
        awo.ort.slug,
        awo.street,
        awo.postal_code,
        awo.contact_name,
        awo.email,
        awo.phone,
        awo.website,
    ) == (
        "freier_traeger",
        "finsterwalde",
        "Musterstraße 1",
        "03238",
        "Petra Beispiel",
        "info@awo.example.org",
        "03531 000000",
        "https://awo.example.org",
    )
    assert awo.description == "<p>Beratung, Begegnung und Pflege im ganzen Landkreis.</p>"


def test_invite_option_gives_a_new_provider_its_first_user(portal, example_lines):
    import_jsonl(example_lines, invite=True)
    awo = Anbieter.objects.get(slug="awo-kreisverband-elbe-elster-e-v")
    [user] = awo.group.user_set.all()
    assert (user.email, user.first_name, user.last_name) == ("info@awo.example.org", "Petra", "Beispiel")
    assert not user.has_usable_password()
    assert [message.to for message in mail.outbox] == [["info@awo.example.org"]]


def test_items_go_into_their_providers_folders_with_every_field(portal, example_lines):
    report = import_jsonl(example_lines)
    assert report.ok and report.created == 4
    awo = Anbieter.objects.get()
    event = EventPage.objects.get()
    assert event.get_parent().pk == awo.kalender_folder.pk
    assert event.live and event.anbieter == awo
    assert (event.start, event.end, event.all_day) == (
        datetime.datetime(2027, 1, 7, 14, tzinfo=BERLIN),
        datetime.datetime(2027, 1, 7, 16, tzinfo=BERLIN),
        False,
    )
    assert (event.repeat, event.rrule) == ("custom", "FREQ=WEEKLY;BYDAY=TH;COUNT=20")
    assert len(event.occurrences()) == 20
    assert (event.venue_name, event.street, event.postal_code, event.ort.slug) == (
        "Bürgerhaus",
        "Hauptstraße 5",
        "03253",
        "doberlug-kirchhain",
    )
    assert [term.slug for term in event.barrierefreiheit.all()] == ["stufenlos"]
    assert [block.value.source for block in event.body] == ["<p>Keine Vorkenntnisse nötig.</p>"]

    offer = OfferPage.objects.get()
    assert offer.get_parent().pk == awo.bildungsboerse_folder.pk
    assert (offer.price, offer.is_free, offer.capacity, offer.min_participants, offer.registration_mode) == (
        Decimal("12.50"),
        False,
        12,
        4,
        "portal",
    )
    assert [(d.start, d.note) for d in offer.dates.all()] == [
        (datetime.datetime(2027, 2, 2, 10, tzinfo=BERLIN), ""),
        (datetime.datetime(2027, 2, 9, 10, tzinfo=BERLIN), "im Saal"),
    ]
    assert (offer.first_date, offer.last_date) == (datetime.date(2027, 2, 2), datetime.date(2027, 2, 9))
    assert sorted(t.slug for t in offer.lebenslagen.all()) == ["digitales-leben", "ruhestand-alter"]

    article = ArticlePage.objects.get()
    assert article.get_parent().pk == AktuellesIndexPage.objects.get().pk
    assert (article.anbieter, article.date, article.author, article.bereich.slug) == (
        None,
        datetime.date(2027, 1, 4),
        "Servicebüro 3L",
        "bildung",
    )


def test_reimport_of_the_same_file_changes_nothing(portal, example_lines):
    import_jsonl(example_lines)
    pages = {
        page.pk: revisions(page)
        for page in [EventPage.objects.get(), OfferPage.objects.get(), ArticlePage.objects.get()]
    }
    report = import_jsonl(example_lines)
    assert (report.created, report.updated, report.unchanged) == (0, 0, 4)
    assert EventPage.objects.count() == OfferPage.objects.count() == ArticlePage.objects.count() == 1
    assert Anbieter.objects.count() == 1 and ExternalId.objects.count() == 4
    assert {
        page.pk: revisions(page)
        for page in [EventPage.objects.get(), OfferPage.objects.get(), ArticlePage.objects.get()]
    } == pages


def test_changed_item_gets_a_new_published_revision_and_only_it(portal, example_lines):
    import_jsonl(example_lines)
    event, offer = EventPage.objects.get(), OfferPage.objects.get()
    event_revisions, offer_revisions = revisions(event), revisions(offer)
    report = import_jsonl(
        jsonl(
            AWO,
            changed(SENIORENTANZ, titel="Tanzcafé für Ältere", wiederholung="FREQ=WEEKLY;BYDAY=TH;COUNT=10"),
            SMARTPHONE_KURS,
        )
    )
    assert [(item.external_id, item.action) for item in report.items] == [
        ("anb-awo", "unverändert"),
        ("ver-0001", "geändert"),
        ("ang-0001", "unverändert"),
    ]
    event.refresh_from_db()
    assert (event.title, event.rrule, event.live) == ("Tanzcafé für Ältere", "FREQ=WEEKLY;BYDAY=TH;COUNT=10", True)
    assert revisions(event) == event_revisions + 1
    assert revisions(OfferPage.objects.get()) == offer_revisions
    assert EventPage.objects.count() == 1


def test_changed_provider_is_updated_in_place(portal, example_lines):
    import_jsonl(example_lines)
    report = import_jsonl(jsonl(changed(AWO, telefon="03531 999999", ort="herzberg-elster")))
    assert report.updated == 1
    awo = Anbieter.objects.get()
    assert (awo.phone, awo.ort.slug) == ("03531 999999", "herzberg-elster")


def test_existing_provider_of_the_same_name_is_used_not_duplicated(portal):
    existing = make_provider(name=AWO["name"], slug="awo")
    import_jsonl(jsonl(AWO, SENIORENTANZ))
    assert Anbieter.objects.get() == existing
    existing.refresh_from_db()
    assert EventPage.objects.get().get_parent().pk == existing.kalender_folder.pk
    assert ExternalId.objects.get(external_id="anb-awo").anbieter == existing


def test_draft_mode_submits_to_the_service_office_workflow(portal, example_lines):
    report = import_jsonl(example_lines, publish=False)
    assert report.created == 4
    for page in [EventPage.objects.get(), OfferPage.objects.get(), ArticlePage.objects.get()]:
        assert not page.live
        state = WorkflowState.objects.get(object_id=str(page.pk), status="in_progress")
        assert state.workflow.name == MODERATION_WORKFLOW
    assert EventPage.objects.visible().count() == 0
    # imported again unchanged: the submission stays as it is
    assert import_jsonl(example_lines, publish=False).unchanged == 4
    assert WorkflowState.objects.filter(status="in_progress").count() == 3


def test_draft_of_a_change_leaves_the_live_page_alone_until_approved(portal, example_lines):
    import_jsonl(example_lines)
    import_jsonl(jsonl(AWO, changed(SENIORENTANZ, titel="Tanzcafé für Ältere")), publish=False)
    event = EventPage.objects.get()
    assert event.live and event.title == "Seniorentanz im Bürgerhaus"
    assert event.get_latest_revision_as_object().title == "Tanzcafé für Ältere"
    assert event.current_workflow_state.workflow.name == MODERATION_WORKFLOW


def test_publishing_an_item_that_was_imported_as_draft(portal, example_lines):
    import_jsonl(example_lines, publish=False)
    report = import_jsonl(example_lines)
    assert report.updated == 3
    event = EventPage.objects.get()
    assert event.live and event.current_workflow_state is None


def test_dry_run_reports_and_writes_nothing(portal, example_lines):
    report = import_jsonl(example_lines, dry_run=True)
    assert (report.created, report.updated, report.unchanged) == (4, 0, 0)
    assert not Anbieter.objects.exists() and not EventPage.objects.exists() and not ExternalId.objects.exists()
    import_jsonl(example_lines)
    report = import_jsonl(jsonl(AWO, changed(SENIORENTANZ, titel="Neu"), SMARTPHONE_KURS, NEUJAHRSGRUSS), dry_run=True)
    assert [item.action for item in report.items] == ["unverändert", "geändert", "unverändert", "unverändert"]
    assert EventPage.objects.get().title == "Seniorentanz im Bürgerhaus"


def test_item_moving_to_another_provider_moves_into_its_folder(portal, example_lines):
    import_jsonl(example_lines)
    other = changed(AWO, id="anb-vhs", name="Kreisvolkshochschule Elbe-Elster", traeger="bildung")
    import_jsonl(jsonl(other, changed(SENIORENTANZ, anbieter="anb-vhs")))
    vhs = Anbieter.objects.get(name="Kreisvolkshochschule Elbe-Elster")
    event = EventPage.objects.get()
    assert event.get_parent().pk == vhs.kalender_folder.pk and event.anbieter == vhs


def test_progress_is_reported_every_n_lines(portal, example_lines):
    calls = []
    import_jsonl(example_lines, progress=lambda stage, lines: calls.append((stage, lines)), progress_every=2)
    assert calls == [("Prüfung", 2), ("Prüfung", 4), ("Import", 2), ("Import", 4)]


def test_import_content_command(portal, example_lines, tmp_path):
    path = tmp_path / "daten.jsonl"
    path.write_text("\n".join(example_lines) + "\n", encoding="utf-8")
    out = StringIO()
    call_command("import_content", str(path), "--dry-run", stdout=out)
    assert "Probelauf" in out.getvalue() and "4 würden neu angelegt" in out.getvalue()
    assert not EventPage.objects.exists()
    out = StringIO()
    call_command("import_content", str(path), "--entwurf", "--fortschritt", "2", stdout=out)
    assert "Import: 4 Zeilen …" in out.getvalue()
    assert EventPage.objects.get().live is False


def test_import_content_command_lists_errors_and_fails(portal, tmp_path):
    path = tmp_path / "kaputt.jsonl"
    path.write_text("\n".join(jsonl(AWO, changed(SENIORENTANZ, bereich="sport"))) + "\n", encoding="utf-8")
    err = StringIO()
    with pytest.raises(CommandError, match="1 Fehler in 2 Zeilen: nichts importiert"):
        call_command("import_content", str(path), stderr=err)
    assert "Zeile 2, „bereich“: Unbekannter Kurzname „sport“ (Bereich)." in err.getvalue()
    assert not Anbieter.objects.exists()


def test_a_line_the_models_refuse_late_rolls_back_everything(portal, example_lines, monkeypatch):
    from austausch import importer

    original = importer._Run.page

    def refuse_the_article(self, art, external_id, values):
        if art == "beitrag":
            raise ValidationError({"title": ["Titel abgelehnt."]})
        return original(self, art, external_id, values)

    monkeypatch.setattr(importer._Run, "page", refuse_the_article)
    report = import_jsonl(example_lines)
    assert [str(error) for error in report.errors] == ["Zeile 4, „titel“: Titel abgelehnt."]
    assert report.created == 0 and report.items == []
    assert not Anbieter.objects.exists() and not EventPage.objects.exists() and not ExternalId.objects.exists()
    assert not SearchDocument.objects.exists()
