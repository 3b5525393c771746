import json

import pytest

from tests.search.conftest import engine_name  # noqa: F401 - runs the search test once per engine

# The example lines of issue 12, as the exchange format's reference.
AWO = {
    "art": "anbieter",
    "id": "anb-awo",
    "name": "AWO Kreisverband Elbe-Elster e. V.",
    "traeger": "freier_traeger",
    "beschreibung": "Beratung, Begegnung und Pflege im ganzen Landkreis.",
    "ort": "finsterwalde",
    "strasse": "Musterstraße 1",
    "plz": "03238",
    "ansprechperson": "Petra Beispiel",
    "email": "info@awo.example.org",
    "telefon": "03531 000000",
    "website": "https://awo.example.org",
}
SENIORENTANZ = {
    "art": "veranstaltung",
    "id": "ver-0001",
    "anbieter": "anb-awo",
    "titel": "Seniorentanz im Bürgerhaus",
    "kurzbeschreibung": "Tanzen im Sitzen und Stehen, mit Kaffee und Kuchen.",
    "beschreibung": ["Keine Vorkenntnisse nötig."],
    "bereich": "freizeit-kultur",
    "lebenslagen": ["ruhestand-alter"],
    "zielgruppen": ["senioren"],
    "format": "praesenz",
    "ort": "doberlug-kirchhain",
    "veranstaltungsort": {"name": "Bürgerhaus", "strasse": "Hauptstraße 5", "plz": "03253"},
    "kostenlos": True,
    "preis": None,
    "barrierefreiheit": ["stufenlos"],
    "anmeldung": {"art": "keine"},
    "kontakt": {"name": "Petra Beispiel", "email": "info@awo.example.org", "telefon": None},
    "beginn": "2027-01-07T14:00:00+01:00",
    "ende": "2027-01-07T16:00:00+01:00",
    "ganztaegig": False,
    "wiederholung": "FREQ=WEEKLY;BYDAY=TH;COUNT=20",
}
SMARTPHONE_KURS = {
    "art": "angebot",
    "id": "ang-0001",
    "anbieter": "anb-awo",
    "titel": "Smartphone-Sprechstunde für Ältere",
    "kurzbeschreibung": "Fragen rund ums Handy, in Ruhe erklärt.",
    "beschreibung": ["Bringen Sie Ihr Gerät mit.", "Kaffee gibt es auch."],
    "bereich": "bildung",
    "lebenslagen": ["digitales-leben", "ruhestand-alter"],
    "zielgruppen": ["senioren"],
    "format": "praesenz",
    "ort": "finsterwalde",
    "veranstaltungsort": {"name": "Begegnungsstätte", "strasse": "Markt 3", "plz": "03238"},
    "kostenlos": False,
    "preis": "12.50",
    "preis_hinweis": "ermäßigt 6 €",
    "barrierefreiheit": ["stufenlos", "oepnv"],
    "anmeldung": {"art": "portal", "plaetze": 12, "mindestens": 4, "link": None, "hinweis": "bis eine Woche vorher"},
    "kontakt": {"name": "Petra Beispiel", "email": "info@awo.example.org", "telefon": "03531 000000"},
    "zeitliche_form": "termine",
    "zeiten": "dienstags 10–12 Uhr",
    "termine": [
        {"beginn": "2027-02-02T10:00:00+01:00", "ende": "2027-02-02T12:00:00+01:00", "hinweis": None},
        {"beginn": "2027-02-09T10:00:00+01:00", "ende": "2027-02-09T12:00:00+01:00", "hinweis": "im Saal"},
    ],
}
NEUJAHRSGRUSS = {
    "art": "beitrag",
    "id": "bei-0001",
    "anbieter": None,
    "titel": "Neues Programm der Bildungsbörse",
    "kurzbeschreibung": "Das Servicebüro stellt das Programm für das Frühjahr vor.",
    "beschreibung": ["Über 100 Angebote sind neu.", "Viel Freude beim Stöbern!"],
    "bereich": "bildung",
    "lebenslagen": ["arbeit-weiterbildung"],
    "zielgruppen": ["erwachsene"],
    "datum": "2027-01-04",
    "autor": "Servicebüro 3L",
}


def jsonl(*records) -> list[str]:
    """Lines of an exchange file; a str among the records is taken as a raw line."""
    return [record if isinstance(record, str) else json.dumps(record, ensure_ascii=False) for record in records]


def changed(record: dict, **fields) -> dict:
    return {**record, **fields}


@pytest.fixture
def example_lines():
    return jsonl(AWO, SENIORENTANZ, SMARTPHONE_KURS, NEUJAHRSGRUSS)
