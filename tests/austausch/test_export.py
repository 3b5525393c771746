"""Exporting in the exchange format; import(export(x)) reproduces x in an empty portal."""

import datetime
import json
from io import StringIO
from zoneinfo import ZoneInfo

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from wagtail.models import Collection

from aktuelles.models import ArticlePage
from anbieter.folders import provider_folder_models
from anbieter.models import Anbieter
from austausch.exporter import export_jsonl, export_records
from austausch.importer import import_jsonl
from austausch.models import ExternalId
from bildungsboerse.models import OfferPage
from kalender.models import EventPage
from tests.factories import folder, make_article, make_event, make_offer, make_provider_account
from tests.module_data import fresh, rolled_back_at_the_end

BERLIN = datetime.timezone(datetime.timedelta(hours=1))


@pytest.fixture(scope="module")
def shared_content(django_db_setup, django_db_blocker):
    """Content made in the portal itself (not by an import), by two providers and the service office; built once
    for the module (tests/module_data.py), each test's changes undone after it."""
    with rolled_back_at_the_end(django_db_blocker):
        yield make_content()


@pytest.fixture
def content(shared_content, db):
    return fresh(shared_content)


def make_content():
    vhs, _ = make_provider_account(
        "Kreisvolkshochschule",
        username="vhs",
        email="kvhs@example.org",
        street="Markt 1",
        postal_code="04916",
        phone="03535 1234",
    )
    verein, _ = make_provider_account("Heimatverein Schlieben", username="heimat", kind=Anbieter.Kind.VEREIN)
    start = datetime.datetime(2027, 3, 4, 18, 30, tzinfo=BERLIN)
    make_offer(
        "Englisch für die Reise",
        parent=folder(vhs, "bildungsboerse"),
        lebenslagen=["arbeit-weiterbildung"],
        zielgruppen=["erwachsene", "senioren"],
        price="89.00",
        schedule_note="donnerstags 18 Uhr",
        start_date=datetime.date(2027, 3, 4),
        end_date=datetime.date(2027, 5, 27),
        ort="finsterwalde",
        body=[
            {"type": "heading", "value": "Was Sie lernen"},
            {"type": "paragraph", "value": "<p>Am Flughafen &amp; im Hotel.<br/>Mit Übungsheft.</p>"},
        ],
    )
    make_offer(
        "Töpfern an festen Terminen",
        parent=folder(vhs, "bildungsboerse"),
        is_free=True,
        dates=[(start, start + datetime.timedelta(hours=2)), (start + datetime.timedelta(days=7), None)],
        registration_mode="portal",
        capacity=8,
        min_participants=3,
    )
    make_event(
        "Erzählcafé",
        parent=folder(verein, "kalender"),
        start=start,
        repeat="weekly",
        repeat_weekdays="TH",
        repeat_count=5,
        ort="schlieben",
        venue_name="Heimatstube",
    )
    make_event(
        "Heimatfest",
        parent=folder(verein, "kalender"),
        start=datetime.datetime(2027, 6, 12, tzinfo=BERLIN),
        end=datetime.datetime(2027, 6, 13, tzinfo=BERLIN),
        all_day=True,
        format="praesenz",
    )
    make_article("Neue Kurse im Frühjahr", date=datetime.date(2027, 2, 1), author="Servicebüro")
    make_article("Unser Verein stellt sich vor", parent=folder(verein, "aktuelles"))
    make_offer("Noch nicht freigegeben", parent=folder(vhs, "bildungsboerse"), live=False)
    return vhs, verein


def exported(anbieter=None) -> dict[str, dict]:
    return {record["id"]: record for record in export_records(anbieter)}


def empty_the_portal() -> None:
    for model in (OfferPage, EventPage, ArticlePage, *provider_folder_models()):
        for page in model.objects.all():
            page.delete()
    Anbieter.objects.all().delete()
    Group.objects.filter(name__startswith="Anbieter: ").delete()
    for collection in Collection.get_first_root_node().get_children():
        collection.delete()


def test_office_export_lists_providers_first_then_everything_published(content):
    records = list(export_records())
    assert [r["art"] for r in records] == ["anbieter"] * 2 + ["angebot"] * 2 + ["veranstaltung"] * 2 + ["beitrag"] * 2
    assert "Noch nicht freigegeben" not in {r.get("titel") for r in records}
    event = next(r for r in records if r.get("titel") == "Erzählcafé")
    assert event["wiederholung"] == "FREQ=WEEKLY;BYDAY=TH;COUNT=5"
    assert event["beginn"] == "2027-03-04T18:30:00+01:00"
    assert event["anbieter"] == "3l-anbieter-heimatverein-schlieben"
    english = next(r for r in records if r.get("titel") == "Englisch für die Reise")
    assert english["beschreibung"] == ["Was Sie lernen", "Am Flughafen & im Hotel.\nMit Übungsheft."]
    assert (english["preis"], english["beginn"], english["ende"]) == ("89.00", "2027-03-04", "2027-05-27")


def test_round_trip_into_an_empty_portal_reproduces_the_content(content):
    before = exported()
    text = StringIO()
    export_jsonl(text)
    old_pages = set(EventPage.objects.values_list("pk", flat=True))
    empty_the_portal()
    assert not EventPage.objects.exists() and not Anbieter.objects.exists()

    report = import_jsonl(text.getvalue().splitlines())
    assert report.ok, [str(e) for e in report.errors]
    assert report.created == len(before) == 8

    after = exported()
    assert after == before  # titles, taxonomies, dates, RRULEs, providers, ids: all of it
    assert not old_pages & set(EventPage.objects.values_list("pk", flat=True))
    vhs = Anbieter.objects.get(name="Kreisvolkshochschule")
    assert vhs.group is not None and vhs.collection is not None
    assert OfferPage.objects.child_of(vhs.bildungsboerse_folder).count() == 2
    erzaehlcafe = EventPage.objects.get(title="Erzählcafé")
    assert len(erzaehlcafe.occurrences()) == 5
    # the fifth Thursday is in summer time: still 18:30-20:30 on the wall clock
    assert erzaehlcafe.series_end == datetime.datetime(2027, 4, 1, 20, 30, tzinfo=ZoneInfo("Europe/Berlin"))


def test_importing_the_portals_own_export_changes_nothing(content):
    text = StringIO()
    export_jsonl(text)
    pages = OfferPage.objects.count() + EventPage.objects.count() + ArticlePage.objects.count()
    report = import_jsonl(text.getvalue().splitlines())
    assert (report.created, report.updated, report.unchanged) == (0, 0, 8)
    assert OfferPage.objects.count() + EventPage.objects.count() + ArticlePage.objects.count() == pages
    # from now on the ids are stored
    assert ExternalId.objects.filter(page__isnull=False).count() == 6


def test_provider_export_contains_only_its_own_published_items(content):
    vhs, verein = content
    records = exported(vhs)
    assert {r["art"] for r in records.values()} == {"anbieter", "angebot"}
    assert [r["name"] for r in records.values() if r["art"] == "anbieter"] == ["Kreisvolkshochschule"]
    assert {r["titel"] for r in records.values() if r["art"] != "anbieter"} == {
        "Englisch für die Reise",
        "Töpfern an festen Terminen",
    }


def test_export_content_command(content):
    vhs, _verein = content
    out = StringIO()
    call_command("export_content", "--anbieter", str(vhs.pk), stdout=out)
    lines = out.getvalue().splitlines()
    assert len(lines) == 3
    assert json.loads(lines[0])["name"] == "Kreisvolkshochschule"


def test_suspended_providers_and_their_items_stay_out_of_the_office_export(content):
    vhs, _verein = content
    vhs.is_active = False
    vhs.save()
    titles = {r.get("titel") or r.get("name") for r in export_records()}
    assert "Kreisvolkshochschule" not in titles and "Englisch für die Reise" not in titles
