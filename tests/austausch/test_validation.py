"""A file with any problem imports nothing; every problem is named with its line, its key and in German."""

import pytest
from wagtail.models import Page

from anbieter.models import Anbieter
from austausch.importer import import_jsonl
from austausch.models import ExternalId

from .conftest import AWO, NEUJAHRSGRUSS, SENIORENTANZ, SMARTPHONE_KURS, changed, jsonl


@pytest.fixture
def nothing_imported(portal):
    """Asserts after the test that the import left the portal as it was."""
    pages, providers = Page.objects.count(), Anbieter.objects.count()
    yield
    assert Page.objects.count() == pages
    assert Anbieter.objects.count() == providers
    assert not ExternalId.objects.exists()


def errors_of(lines) -> list[tuple[int, str, str]]:
    report = import_jsonl(lines)
    assert not report.ok
    assert report.created == report.updated == report.unchanged == 0
    return [(error.line, error.key, error.message) for error in report.errors]


def only_error(lines) -> tuple[int, str, str]:
    [error] = errors_of(lines)
    return error


def test_unknown_slug(nothing_imported):
    line, key, message = only_error(jsonl(AWO, changed(SENIORENTANZ, zielgruppen=["senioren", "rentner"])))
    assert (line, key) == (2, "zielgruppen")
    assert message == "Unbekannter Kurzname „rentner“ (Zielgruppe)."


def test_unknown_ort_of_a_provider(nothing_imported):
    assert only_error(jsonl(changed(AWO, ort="berlin"))) == (1, "ort", "Unbekannter Kurzname „berlin“ (Ort).")


def test_bad_date(nothing_imported):
    record = changed(SMARTPHONE_KURS, zeitliche_form="zeitraum", termine=[], beginn="2027-02-30", ende="2027-03-01")
    line, key, message = only_error(jsonl(AWO, record))
    assert (line, key) == (2, "beginn")
    assert message.startswith("Kein gültiges Datum: „2027-02-30“")


def test_date_time_without_offset_is_refused(nothing_imported):
    line, key, message = only_error(jsonl(AWO, changed(SENIORENTANZ, beginn="2027-01-07T14:00:00")))
    assert (line, key) == (2, "beginn")
    assert "Zeitzone" in message


def test_bad_date_time_of_a_fixed_date(nothing_imported):
    termine = [{"beginn": "morgen früh", "ende": None}]
    line, key, message = only_error(jsonl(AWO, changed(SMARTPHONE_KURS, termine=termine)))
    assert (line, key) == (2, "termine[1].beginn")
    assert message.startswith("Kein gültiger Zeitpunkt: „morgen früh“")


def test_rrule_that_does_not_parse(nothing_imported):
    line, key, message = only_error(jsonl(AWO, changed(SENIORENTANZ, wiederholung="FREQ=WEEKLY;BYDAY=XY")))
    assert (line, key) == (2, "wiederholung")
    assert message.startswith("Die Wiederholungsregel (RRULE) „FREQ=WEEKLY;BYDAY=XY“ ist ungültig")


def test_rrule_without_frequency(nothing_imported):
    line, key, message = only_error(jsonl(AWO, changed(SENIORENTANZ, wiederholung="BYDAY=TH;COUNT=3")))
    assert (line, key) == (2, "wiederholung")
    assert "FREQ fehlt" in message


def test_reference_to_a_missing_provider(nothing_imported):
    line, key, message = only_error(jsonl(changed(SENIORENTANZ, anbieter="anb-gibt-es-nicht")))
    assert (line, key) == (1, "anbieter")
    assert message.startswith("Unbekannter Anbieter „anb-gibt-es-nicht“")


def test_provider_must_come_before_what_refers_to_it(nothing_imported):
    line, key, _message = only_error(jsonl(SENIORENTANZ, AWO))
    assert (line, key) == (1, "anbieter")


def test_reference_to_something_that_is_not_a_provider(nothing_imported):
    line, key, message = only_error(jsonl(AWO, SENIORENTANZ, changed(SMARTPHONE_KURS, anbieter="ver-0001")))
    assert (line, key) == (3, "anbieter")
    assert message == "„ver-0001“ ist kein Anbieter (Zeile 2 hat die Art „veranstaltung“)."


def test_duplicate_id(nothing_imported):
    line, key, message = only_error(jsonl(AWO, SENIORENTANZ, changed(SMARTPHONE_KURS, id="ver-0001")))
    assert (line, key) == (3, "id")
    assert message == "Die id „ver-0001“ kommt doppelt vor (zuerst in Zeile 2)."


def test_wrong_types(nothing_imported):
    record = changed(
        SENIORENTANZ, kostenlos="ja", lebenslagen="ruhestand-alter", anmeldung={"art": "portal", "plaetze": "zwölf"}
    )
    errors = errors_of(jsonl(AWO, record))
    assert (2, "kostenlos", "Falscher Typ: erwartet Wahrheitswert (true/false), gefunden Text.") in errors
    assert (2, "lebenslagen", "Falscher Typ: erwartet Liste, gefunden Text.") in errors
    assert (2, "anmeldung.plaetze", "Falscher Typ: erwartet ganze Zahl, gefunden Text.") in errors


def test_line_that_is_not_json(nothing_imported):
    line, key, message = only_error(jsonl(AWO, '{"art": "angebot", "id": "x",'))
    assert (line, key) == (2, "")
    assert message.startswith("Die Zeile ist kein gültiges JSON")


def test_line_that_is_json_but_no_object(nothing_imported):
    assert only_error(jsonl(AWO, "[1, 2]")) == (2, "", "Jede Zeile muss ein JSON-Objekt sein ({…}).")


def test_file_that_is_not_utf8(nothing_imported, tmp_path):
    path = tmp_path / "latin1.jsonl"
    lines = jsonl(AWO, SENIORENTANZ)
    path.write_bytes(lines[0].encode("utf-8") + b"\n" + lines[1].encode("latin-1") + b"\n")
    line, key, message = only_error(path)
    assert (line, key) == (2, "")
    assert message.startswith("Die Datei ist nicht UTF-8-kodiert")


def test_missing_required_key(nothing_imported):
    record = {key: value for key, value in SENIORENTANZ.items() if key != "titel"}
    assert only_error(jsonl(AWO, record)) == (2, "titel", "Pflichtangabe fehlt.")


def test_unknown_art(nothing_imported):
    line, key, message = only_error(jsonl(AWO, changed(SENIORENTANZ, art="termin")))
    assert (line, key) == (2, "art")
    assert message == "Unbekannte Art „termin“ (erlaubt: anbieter, angebot, veranstaltung, beitrag)."


def test_unknown_key_is_reported_not_dropped(nothing_imported):
    line, key, message = only_error(jsonl(AWO, changed(NEUJAHRSGRUSS, zielgrupen=["senioren"])))
    assert (line, key) == (2, "zielgrupen")
    assert message.startswith("Unbekannter Schlüssel")


def test_model_rules_apply_as_in_the_admin(nothing_imported):
    record = changed(SMARTPHONE_KURS, anmeldung={"art": "portal", "plaetze": None})
    assert only_error(jsonl(AWO, record)) == (
        2,
        "anmeldung.plaetze",
        "Bei Anmeldung über das Portal bitte die Anzahl der Plätze angeben.",
    )


def test_every_error_of_the_file_is_listed_in_order(nothing_imported):
    errors = errors_of(
        jsonl(
            AWO,
            changed(SENIORENTANZ, bereich="sport"),
            "kein json",
            changed(SMARTPHONE_KURS, id="ver-0001"),
            NEUJAHRSGRUSS,  # valid: still nothing is imported
        )
    )
    assert [(line, key) for line, key, _message in errors] == [(2, "bereich"), (3, ""), (4, "id")]


def test_report_lines_read_as_german_sentences(portal):
    report = import_jsonl(jsonl(AWO, changed(SENIORENTANZ, ende="gestern")))
    assert str(report.errors[0]).startswith("Zeile 2, „ende“: Kein gültiger Zeitpunkt")
    assert report.summary() == "1 Fehler in 2 Zeilen: nichts importiert."
