"""The hand-written demo corpus (portal/demo_content/*.jsonl) is valid 3L exchange format and looks plausible.

Reads the files only: no database, no importer. Checks what issue 12 asks of the demo content: counts, unique
ids, titles and paragraphs, known taxonomy slugs, resolvable providers, dates with their Berlin offset,
parseable finite RRULEs, no ordinary event at Christmas, no evening market in winter, courses on weekdays,
every municipality covered and the towns more.
"""

import collections
import datetime
import json
import re
import statistics
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from kalender.recurrence import parse_rrule, rule_for_dateutil
from taxonomy import data as taxonomy

CORPUS = Path(__file__).resolve().parents[2] / "portal" / "demo_content"
BERLIN = ZoneInfo("Europe/Berlin")
ORT_PLZ = {slug: plz for slug, _name, _kind, _amt, plz, _lat, _lon in taxonomy.ORTE}
TOWNS = {slug for slug, _name, kind, *_rest in taxonomy.ORTE if kind == "stadt"}
SLUGS = {
    "bereich": {slug for slug, _ in taxonomy.BEREICHE},
    "lebenslagen": {slug for slug, _ in taxonomy.LEBENSLAGEN},
    "zielgruppen": {slug for slug, _ in taxonomy.ZIELGRUPPEN},
    "barrierefreiheit": {slug for slug, _ in taxonomy.BARRIEREFREIHEIT},
    "ort": set(ORT_PLZ),
}
CHRISTMAS = re.compile(r"weihnacht|advent|heiligabend|christvesper|christmette|silvester|jahreswechsel|krippe", re.I)
CHRISTMAS_DAYS = {(12, 24), (12, 25), (12, 31)}
TRAEGER = {"kommune", "freier_traeger", "privat", "verein", "bildung"}
FORMATS = {"praesenz", "online", "hybrid"}
REGISTRATION = {"keine", "portal", "extern"}


def read_corpus() -> list[tuple[str, int, dict]]:
    """(file name, line number, object) for every line; providers' file first, as the importer needs."""
    files = sorted(CORPUS.glob("*.jsonl"), key=lambda path: (path.name != "anbieter.jsonl", path.name))
    lines = []
    for path in files:
        with path.open(encoding="utf-8") as handle:
            for number, line in enumerate(handle, 1):
                lines.append((path.name, number, json.loads(line)))
    return lines


@pytest.fixture(scope="module")
def corpus():
    return read_corpus()


@pytest.fixture(scope="module")
def by_art(corpus):
    groups = collections.defaultdict(list)
    for _name, _number, item in corpus:
        groups[item["art"]].append(item)
    return groups


def aware(value: str) -> datetime.datetime:
    moment = datetime.datetime.fromisoformat(value)
    assert moment.tzinfo is not None, f"{value} has no offset"
    local = moment.astimezone(BERLIN)
    assert moment.utcoffset() == local.utcoffset(), f"{value}: offset is not Berlin's on that day"
    return local


def occurrences(event: dict) -> list[datetime.datetime]:
    """Start of every occurrence as naive Berlin wall time (a finite series is required)."""
    start = aware(event["beginn"])
    rule = event.get("wiederholung")
    if not rule:
        return [start.replace(tzinfo=None)]
    parts = parse_rrule(rule)
    assert "COUNT" in parts or "UNTIL" in parts, f"{event['id']}: the series never ends"
    return list(rule_for_dateutil(rule, start))


def event_days(event: dict) -> list[datetime.date]:
    """Every calendar day an event occupies (an all-day or multi-day event covers each day of its span)."""
    start, end = aware(event["beginn"]), aware(event["ende"])
    span = (end.date() - start.date()).days
    return [
        first.date() + datetime.timedelta(days=offset) for first in occurrences(event) for offset in range(span + 1)
    ]


def test_counts(by_art):
    assert 25 <= len(by_art["anbieter"]) <= 40
    assert len(by_art["angebot"]) >= 160
    assert len(by_art["veranstaltung"]) >= 110
    assert len(by_art["beitrag"]) >= 30
    assert set(by_art) == {"anbieter", "angebot", "veranstaltung", "beitrag"}


def test_ids_are_unique(corpus):
    ids = collections.Counter(item["id"] for _name, _number, item in corpus)
    assert [item_id for item_id, count in ids.items() if count > 1] == []


def test_no_two_items_share_a_title(by_art):
    items = by_art["angebot"] + by_art["veranstaltung"] + by_art["beitrag"]
    titles = collections.Counter(item["titel"].strip().casefold() for item in items)
    assert [title for title, count in titles.items() if count > 1] == []
    names = collections.Counter(provider["name"] for provider in by_art["anbieter"])
    assert [name for name, count in names.items() if count > 1] == []


def test_no_paragraph_is_repeated_across_items(by_art):
    items = by_art["angebot"] + by_art["veranstaltung"] + by_art["beitrag"]
    owners = collections.defaultdict(set)
    for item in items:
        assert item["beschreibung"], f"{item['id']} has no body"
        for paragraph in item["beschreibung"]:
            owners[paragraph.strip()].add(item["id"])
        owners[item["kurzbeschreibung"].strip()].add(item["id"])
    assert {text: ids for text, ids in owners.items() if len(ids) > 1} == {}


def test_every_slug_exists_in_the_taxonomy(corpus):
    errors = []
    for name, number, item in corpus:
        if item["art"] == "anbieter":
            if item["ort"] not in SLUGS["ort"] or item["traeger"] not in TRAEGER:
                errors.append((name, number))
            continue
        if item["bereich"] not in SLUGS["bereich"]:
            errors.append((name, number, "bereich", item["bereich"]))
        for key in ("lebenslagen", "zielgruppen", "barrierefreiheit"):
            unknown = set(item.get(key) or []) - SLUGS[key]
            if unknown or (key != "barrierefreiheit" and not item.get(key)):
                errors.append((name, number, key, unknown))
        if item["art"] != "beitrag":
            if item["format"] not in FORMATS or item["anmeldung"]["art"] not in REGISTRATION:
                errors.append((name, number, "format/anmeldung"))
            if item["ort"] is None:
                if item["format"] != "online":
                    errors.append((name, number, "ort", None))
            elif item["ort"] not in SLUGS["ort"]:
                errors.append((name, number, "ort", item["ort"]))
    assert errors == []


def test_postcodes_fit_the_municipality(corpus):
    wrong = []
    for name, number, item in corpus:
        if item["art"] == "anbieter" and item["plz"] != ORT_PLZ[item["ort"]]:
            wrong.append((name, number, item["plz"]))
        venue = item.get("veranstaltungsort")
        if venue and venue["plz"] != ORT_PLZ[item["ort"]]:
            wrong.append((name, number, venue["plz"]))
    assert wrong == []


def test_every_provider_reference_resolves_to_an_earlier_provider_line(corpus):
    seen, missing = set(), []
    for name, number, item in corpus:
        if item["art"] == "anbieter":
            seen.add(item["id"])
        elif item.get("anbieter") is not None and item["anbieter"] not in seen:
            missing.append((name, number, item["anbieter"]))
    assert missing == []


def test_every_provider_offers_something(by_art):
    used = {item["anbieter"] for art in ("angebot", "veranstaltung") for item in by_art[art]}
    assert {provider["id"] for provider in by_art["anbieter"]} - used == set()


def test_dates_parse_with_the_berlin_offset_and_lie_in_the_demo_year(by_art):
    first, last = datetime.date(2026, 12, 1), datetime.date(2028, 6, 30)
    for offer in by_art["angebot"]:
        form = offer["zeitliche_form"]
        if form == "zeitraum":
            start, end = datetime.date.fromisoformat(offer["beginn"]), datetime.date.fromisoformat(offer["ende"])
            assert first <= start <= end <= last, offer["id"]
        elif form == "termine":
            assert offer["termine"], offer["id"]
            for date in offer["termine"]:
                assert first <= aware(date["beginn"]).date() <= last and aware(date["beginn"]) < aware(date["ende"])
        else:
            assert form == "laufend" and offer.get("zeiten"), offer["id"]
    for event in by_art["veranstaltung"]:
        assert aware(event["beginn"]) <= aware(event["ende"]), event["id"]
        assert first <= aware(event["beginn"]).date() <= last, event["id"]
    for article in by_art["beitrag"]:
        assert datetime.date.fromisoformat(article["datum"]) <= datetime.date(2026, 11, 29), article["id"]


def test_every_rrule_parses_and_ends(by_art):
    recurring = [event for event in by_art["veranstaltung"] if event.get("wiederholung")]
    assert len(recurring) >= 20
    for event in recurring:
        series = occurrences(event)
        assert len(series) >= 2, event["id"]
        # the first occurrence is the given start: dateutil drops a start that does not fit the rule
        assert series[0] == aware(event["beginn"]).replace(tzinfo=None), event["id"]


def test_only_christmas_events_on_christmas_eve_christmas_day_and_new_years_eve(by_art):
    clashes = [
        (event["id"], event["titel"], day)
        for event in by_art["veranstaltung"]
        if not CHRISTMAS.search(event["titel"])
        for day in event_days(event)
        if (day.month, day.day) in CHRISTMAS_DAYS
    ]
    for offer in by_art["angebot"]:
        for date in offer.get("termine") or []:
            day = aware(date["beginn"]).date()
            if (day.month, day.day) in CHRISTMAS_DAYS:
                clashes.append((offer["id"], offer["titel"], day))
    assert clashes == []


def test_no_market_starts_in_the_evening_in_winter(by_art):
    late = [
        (event["id"], start)
        for event in by_art["veranstaltung"]
        if "markt" in event["titel"].casefold() and not event["ganztaegig"]
        for start in occurrences(event)
        if start.month in (11, 12, 1, 2) and start.hour >= 18
    ]
    assert late == []


def test_summer_festivals_last_all_day(by_art):
    festivals = [
        event
        for event in by_art["veranstaltung"]
        if re.search(r"fest\b", event["titel"], re.I) and aware(event["beginn"]).month in (6, 7, 8)
    ]
    assert festivals, "the corpus has summer festivals"
    assert [event["id"] for event in festivals if not event["ganztaegig"]] == []


def test_courses_with_fixed_dates_meet_on_weekdays(by_art):
    weekend = [
        (offer["id"], date["beginn"])
        for offer in by_art["angebot"]
        if offer["zeitliche_form"] == "termine"
        for date in offer["termine"]
        if aware(date["beginn"]).weekday() >= 5
    ]
    assert weekend == []


def easter(year: int) -> datetime.date:
    """Easter Sunday (Gregorian computus, Meeus/Jones/Butcher)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = b // 4, b % 4
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = c // 4, c % 4
    shift = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * shift) // 451
    month, day = divmod(h + shift - 7 * m + 114, 31)
    return datetime.date(year, month, day + 1)


def brandenburg_holidays(year: int) -> set[datetime.date]:
    sunday = easter(year)
    movable = {sunday + datetime.timedelta(days=offset) for offset in (-2, 0, 1, 39, 49, 50)}
    fixed = {datetime.date(year, month, day) for month, day in ((1, 1), (5, 1), (10, 3), (10, 31), (12, 25), (12, 26))}
    return movable | fixed


def test_courses_with_fixed_dates_skip_public_holidays(by_art):
    holidays = brandenburg_holidays(2026) | brandenburg_holidays(2027) | brandenburg_holidays(2028)
    assert datetime.date(2027, 3, 26) in holidays and datetime.date(2027, 5, 6) in holidays  # Good Friday, Ascension
    clashes = [
        (offer["id"], date["beginn"])
        for offer in by_art["angebot"]
        if offer["zeitliche_form"] == "termine"
        for date in offer["termine"]
        if aware(date["beginn"]).date() in holidays
    ]
    assert clashes == []


def test_every_municipality_has_something_and_the_towns_more(by_art):
    counts = collections.Counter(item["ort"] for art in ("angebot", "veranstaltung") for item in by_art[art])
    assert [slug for slug in ORT_PLZ if counts[slug] == 0] == []
    towns = statistics.mean(counts[slug] for slug in TOWNS)
    villages = statistics.mean(counts[slug] for slug in set(ORT_PLZ) - TOWNS)
    assert towns > 2 * villages


def test_prices_and_registration_are_consistent(by_art):
    for item in by_art["angebot"] + by_art["veranstaltung"]:
        if item["kostenlos"]:
            assert item["preis"] is None, item["id"]
        else:
            assert re.fullmatch(r"\d+\.\d{2}", item["preis"]), item["id"]
        registration = item["anmeldung"]
        if registration["art"] == "portal":
            assert registration["plaetze"] >= (registration.get("mindestens") or 0) >= 0, item["id"]
        if registration["art"] == "extern":
            assert registration["link"].startswith("https://"), item["id"]


def test_contact_data_is_fictitious(corpus):
    for _name, _number, item in corpus:
        contact = item.get("kontakt") or item
        for key in ("email", "website", "link"):
            value = contact.get(key) or ""
            assert not value or "example.org" in value, (item["id"], value)
        phone = contact.get("telefon") or ""
        assert not phone or re.fullmatch(r"0\d{3,5} 000\d{3}", phone), (item["id"], phone)


def test_every_image_key_draws_an_image_with_alt_text(by_art):
    from portal.demo_images import IMAGE_KEYS, draw_demo_image

    items = by_art["angebot"] + by_art["veranstaltung"] + by_art["beitrag"]
    keys = {item["bild"]["datei"] for item in items if item.get("bild")}
    assert len(keys) >= 30
    assert keys <= set(IMAGE_KEYS)
    for item in items:
        if item.get("bild"):
            assert len(item["bild"]["alt"]) >= 10, item["id"]
    assert draw_demo_image(sorted(keys)[0]).size == (900, 600)
    for key in keys:
        image = draw_demo_image(key, size=(240, 160))  # small: every key drawn, in a fraction of the time
        assert image.mode == "RGB"
        assert len(image.getcolors(maxcolors=1_000_000)) > 3, key  # a picture, not a blank canvas
