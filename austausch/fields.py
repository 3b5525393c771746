"""The exchange format's keys and the model fields they stand for, in both directions.

A line (record) is read into *values*: a flat dict keyed by model attribute names, with taxonomy terms as
slugs, the body as a tuple of plain-text paragraphs and the provider as its exchange id. ``snapshot``
reads the same dict from a saved object, so that an import can tell "changed" from "unchanged" by
comparing the two, and ``record_from_values`` writes a line again (the export). Every key of the format
has a model field: ``beschreibung`` (paragraphs) becomes paragraph blocks of the body, ``wiederholung``
the event's RRULE kept verbatim (``repeat = "custom"``, as the iCal import does).
"""

import datetime
import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from html import escape, unescape

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator, validate_email
from django.utils import timezone

from anbieter.models import Anbieter
from bildungsboerse.models import OfferPage
from core.models import OfferingPage
from kalender import recurrence
from kalender.models import EventPage

ARTEN = ("anbieter", "angebot", "veranstaltung", "beitrag")
PAGE_ARTEN = ("angebot", "veranstaltung", "beitrag")
EMPTY = (None, "")

TYPE_NAMES = {
    str: "Text",
    int: "ganze Zahl",
    float: "Zahl",
    bool: "Wahrheitswert (true/false)",
    list: "Liste",
    dict: "Objekt",
    type(None): "null",
}
DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
DATETIME_RE = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:\d{2})$")

# model field -> key of the format, for the models' own rules (clean())
FIELD_KEYS = {
    "price": "preis",
    "capacity": "anmeldung.plaetze",
    "min_participants": "anmeldung.mindestens",
    "registration_url": "anmeldung.link",
    "ort": "ort",
    "start_date": "beginn",
    "end_date": "ende",
    "start": "beginn",
    "end": "ende",
    "title": "titel",
    "teaser": "kurzbeschreibung",
}


def type_name(value) -> str:
    return TYPE_NAMES.get(type(value), type(value).__name__)


@dataclass
class Vocabulary:
    """The slugs a line may use; loaded once per import."""

    bereiche: set = field(default_factory=set)
    lebenslagen: set = field(default_factory=set)
    zielgruppen: set = field(default_factory=set)
    barrierefreiheit: set = field(default_factory=set)
    orte: set = field(default_factory=set)

    @classmethod
    def load(cls) -> "Vocabulary":
        from taxonomy.models import Barrierefreiheit, Bereich, Lebenslage, Ort, Zielgruppe

        def slugs(model):
            return set(model.objects.values_list("slug", flat=True))

        return cls(slugs(Bereich), slugs(Lebenslage), slugs(Zielgruppe), slugs(Barrierefreiheit), slugs(Ort))


class RecordReader:
    """Reads the keys of one object, converting and checking each; problems go to ``errors`` as (key, message)."""

    def __init__(self, record: dict, errors: list, prefix: str = ""):
        self.record = record
        self.errors = errors
        self.prefix = prefix
        self.seen = set()

    def key(self, name: str) -> str:
        return f"{self.prefix}{name}"

    def error(self, name: str, message: str) -> None:
        self.errors.append((self.key(name), message))

    def raw(self, name: str, required: bool = False):
        self.seen.add(name)
        value = self.record.get(name)
        if required and value in EMPTY:
            self.error(name, "Pflichtangabe fehlt.")
        return value

    def _typed(self, name, value, *types) -> bool:
        if isinstance(value, bool) and bool not in types:
            ok = False
        else:
            ok = isinstance(value, types)
        if not ok:
            expected = " oder ".join(TYPE_NAMES[t] for t in types)
            self.error(name, f"Falscher Typ: erwartet {expected}, gefunden {type_name(value)}.")
        return ok

    def text(self, name: str, max_length: int, required: bool = False) -> str:
        value = self.raw(name, required)
        if value is None or not self._typed(name, value, str):
            return ""
        value = value.strip()
        if len(value) > max_length:
            self.error(name, f"Zu lang: höchstens {max_length} Zeichen, hier {len(value)}.")
        return value

    def choice(self, name: str, choices, default: str, required: bool = False) -> str:
        value = self.raw(name, required)
        if value in EMPTY or not self._typed(name, value, str):
            return default
        allowed = [str(c) for c in choices]
        if value not in allowed:
            self.error(name, f"Unbekannter Wert „{value}“ (erlaubt: {', '.join(allowed)}).")
        return value

    def boolean(self, name: str, default: bool = False) -> bool:
        value = self.raw(name)
        if value is None or not self._typed(name, value, bool):
            return default
        return value

    def integer(self, name: str) -> int | None:
        value = self.raw(name)
        if value is None or not self._typed(name, value, int):
            return None
        if value < 0 or value > 2_147_483_647:
            self.error(name, "Die Zahl muss zwischen 0 und 2147483647 liegen.")
            return None
        return value

    def decimal(self, name: str) -> Decimal | None:
        value = self.raw(name)
        if value in EMPTY or not self._typed(name, value, str, int, float):
            return None
        try:
            number = Decimal(str(value).strip())
        except InvalidOperation:
            number = None
        if number is None or not number.is_finite():
            self.error(name, f'Kein gültiger Betrag: „{value}“ (z. B. "12.50").')
            return None
        if number.as_tuple().exponent < -2 or abs(number) >= 1_000_000:
            self.error(name, f"Der Betrag „{value}“ hat mehr als zwei Nachkommastellen oder ist zu groß.")
            return None
        return number

    def date(self, name: str, required: bool = False) -> datetime.date | None:
        value = self.raw(name, required)
        if value in EMPTY or not self._typed(name, value, str):
            return None
        try:
            if not DATE_RE.match(value):
                raise ValueError
            return datetime.date.fromisoformat(value)
        except ValueError:
            self.error(name, f"Kein gültiges Datum: „{value}“ (erwartet JJJJ-MM-TT, z. B. 2027-01-07).")
            return None

    def datetime(self, name: str, required: bool = False) -> datetime.datetime | None:
        value = self.raw(name, required)
        if value in EMPTY or not self._typed(name, value, str):
            return None
        try:
            if not DATETIME_RE.match(value):
                raise ValueError
            return datetime.datetime.fromisoformat(value)
        except ValueError:
            self.error(
                name,
                f"Kein gültiger Zeitpunkt: „{value}“ (erwartet Datum, Uhrzeit und Zeitzone, "
                "z. B. 2027-01-07T14:00:00+01:00).",
            )
            return None

    def email(self, name: str) -> str:
        value = self.text(name, 254)
        if value:
            try:
                validate_email(value)
            except ValidationError:
                self.error(name, f"Keine gültige E-Mail-Adresse: „{value}“.")
        return value

    def url(self, name: str) -> str:
        value = self.text(name, 200)
        if value:
            try:
                URLValidator(schemes=["http", "https"])(value)
            except ValidationError:
                self.error(name, f"Keine gültige Internetadresse (http/https): „{value}“.")
        return value

    def slug(self, name: str, known: set, label: str) -> str | None:
        value = self.raw(name)
        if value in EMPTY or not self._typed(name, value, str):
            return None
        if value not in known:
            self.error(name, f"Unbekannter Kurzname „{value}“ ({label}).")
        return value

    def slugs(self, name: str, known: set, label: str) -> tuple:
        value = self.raw(name)
        if value is None or not self._typed(name, value, list):
            return ()
        result = []
        for item in value:
            if not isinstance(item, str):
                self.error(name, f"Falscher Typ in der Liste: erwartet Text, gefunden {type_name(item)}.")
            elif item not in known:
                self.error(name, f"Unbekannter Kurzname „{item}“ ({label}).")
            else:
                result.append(item)
        return tuple(sorted(set(result)))

    def paragraphs(self, name: str) -> tuple:
        """A list of paragraphs; a single text is split at blank lines."""
        value = self.raw(name)
        if value is None:
            return ()
        if isinstance(value, str):
            value = re.split(r"\n\s*\n", value)
        elif not self._typed(name, value, list):
            return ()
        result = []
        for item in value:
            if not isinstance(item, str):
                self.error(name, f"Falscher Typ in der Liste: erwartet Text, gefunden {type_name(item)}.")
            elif item.strip():
                result.append(item.strip())
        return tuple(result)

    def nested(self, name: str) -> "RecordReader":
        value = self.raw(name)
        if value is not None and not self._typed(name, value, dict):
            value = None
        return RecordReader(value or {}, self.errors, prefix=f"{self.key(name)}.")

    def reject_unknown_keys(self) -> None:
        for name in self.record:
            if name not in self.seen:
                self.error(name, f"Unbekannter Schlüssel (erlaubt: {', '.join(sorted(self.seen))}).")


# --- record -> values ---


def read_values(record: dict, vocabulary: Vocabulary) -> tuple[dict, list[tuple[str, str]]]:
    """The values of one line and the problems found, as (key, German message). ``art`` is known to be valid."""
    errors: list[tuple[str, str]] = []
    reader = RecordReader(record, errors)
    reader.raw("art")
    reader.raw("id")
    art = record["art"]
    if art == "anbieter":
        values = _provider_values(reader, vocabulary)
    else:
        values = _page_values(reader, art, vocabulary)
    reader.reject_unknown_keys()
    if not errors:
        errors.extend(model_rule_errors(art, values))
    return values, errors


def _provider_values(reader: RecordReader, vocabulary: Vocabulary) -> dict:
    return {
        "name": reader.text("name", 200, required=True),
        "kind": reader.choice("traeger", Anbieter.Kind.values, "", required=True),
        "description": reader.paragraphs("beschreibung"),
        "ort": reader.slug("ort", vocabulary.orte, "Ort"),
        "street": reader.text("strasse", 200),
        "postal_code": _postal_code(reader, "plz"),
        "contact_name": reader.text("ansprechperson", 200),
        "email": reader.email("email"),
        "phone": reader.text("telefon", 50),
        "website": reader.url("website"),
    }


def _postal_code(reader: RecordReader, name: str) -> str:
    value = reader.text(name, 5)
    if value and not re.fullmatch(r"\d{5}", value):
        reader.error(name, f"Keine gültige Postleitzahl: „{value}“ (fünf Ziffern).")
    return value


def _page_values(reader: RecordReader, art: str, vocabulary: Vocabulary) -> dict:
    values = {
        "anbieter": _provider_ref(reader, required=art != "beitrag"),
        "title": reader.text("titel", 255, required=True),
        "teaser": reader.text("kurzbeschreibung", 300, required=True),
        "body": reader.paragraphs("beschreibung"),
        "bereich": reader.slug("bereich", vocabulary.bereiche, "Bereich"),
        "lebenslagen": reader.slugs("lebenslagen", vocabulary.lebenslagen, "Lebenslage"),
        "zielgruppen": reader.slugs("zielgruppen", vocabulary.zielgruppen, "Zielgruppe"),
    }
    if art == "beitrag":
        values["date"] = reader.date("datum")  # None: today for a new article, unchanged for an existing one
        values["author"] = reader.text("autor", 200)
        return values
    venue = reader.nested("veranstaltungsort")
    registration = reader.nested("anmeldung")
    contact = reader.nested("kontakt")
    values.update(
        {
            "format": reader.choice("format", OfferingPage.Format.values, OfferingPage.Format.PRAESENZ),
            "ort": reader.slug("ort", vocabulary.orte, "Ort"),
            "venue_name": venue.text("name", 200),
            "street": venue.text("strasse", 200),
            "postal_code": _postal_code(venue, "plz"),
            "is_free": reader.boolean("kostenlos"),
            "price": reader.decimal("preis"),
            "price_note": reader.text("preis_hinweis", 300),
            "barrierefreiheit": reader.slugs("barrierefreiheit", vocabulary.barrierefreiheit, "Barrierefreiheit"),
            "registration_mode": registration.choice(
                "art", OfferingPage.Registration.values, OfferingPage.Registration.NONE
            ),
            "capacity": registration.integer("plaetze"),
            "min_participants": registration.integer("mindestens"),
            "registration_url": registration.url("link"),
            "registration_note": registration.text("hinweis", 300),
            "contact_name": contact.text("name", 200),
            "contact_email": contact.email("email"),
            "contact_phone": contact.text("telefon", 50),
        }
    )
    for nested in (venue, registration, contact):
        nested.reject_unknown_keys()
    if art == "angebot":
        values.update(
            {
                "schedule": reader.choice("zeitliche_form", OfferPage.Schedule.values, OfferPage.Schedule.PERIOD),
                "start_date": reader.date("beginn"),
                "end_date": reader.date("ende"),
                "schedule_note": reader.text("zeiten", 200),
                "dates": _offer_dates(reader),
            }
        )
    else:
        values.update(
            {
                "start": reader.datetime("beginn", required=True),
                "end": reader.datetime("ende"),
                "all_day": reader.boolean("ganztaegig"),
                "rrule": "",
            }
        )
        values["rrule"] = _rrule(reader, values["start"])
    return values


def _provider_ref(reader: RecordReader, required: bool) -> str | None:
    value = reader.raw("anbieter", required)
    if value in EMPTY or not reader._typed("anbieter", value, str):
        return None
    return value


def _offer_dates(reader: RecordReader) -> tuple:
    value = reader.raw("termine")
    if value is None or not reader._typed("termine", value, list):
        return ()
    dates = []
    for position, item in enumerate(value, start=1):
        name = f"termine[{position}]"
        if not isinstance(item, dict):
            reader.error(name, f"Falscher Typ: erwartet Objekt, gefunden {type_name(item)}.")
            continue
        entry = RecordReader(item, reader.errors, prefix=f"{reader.key(name)}.")
        start = entry.datetime("beginn", required=True)
        end = entry.datetime("ende")
        note = entry.text("hinweis", 200)
        entry.reject_unknown_keys()
        if start and end and end < start:
            entry.error("ende", "Das Ende darf nicht vor dem Beginn liegen.")
        if start:
            dates.append((start, end, note))
    return tuple(dates)


def _rrule(reader: RecordReader, start: datetime.datetime | None) -> str:
    value = reader.raw("wiederholung")
    if value in EMPTY or not reader._typed("wiederholung", value, str):
        return ""
    rule = value.strip().removeprefix("RRULE:")
    if len(rule) > 500:
        reader.error("wiederholung", "Die Wiederholungsregel ist zu lang (höchstens 500 Zeichen).")
        return rule
    if start is None:
        return rule
    problem = rrule_problem(rule, start)
    if problem:
        reader.error("wiederholung", f"Die Wiederholungsregel (RRULE) „{value}“ ist ungültig: {problem}")
    return rule


def rrule_problem(rule: str, start: datetime.datetime) -> str:
    """Why ``rule`` cannot be expanded from ``start`` (German), or ""."""
    parts = recurrence.parse_rrule(rule)
    if "FREQ" not in parts:
        return "FREQ fehlt (z. B. FREQ=WEEKLY;BYDAY=TH)."
    if any("=" not in part for part in rule.split(";") if part):
        return "Jeder Teil muss NAME=WERT sein."
    try:
        next(iter(recurrence.rule_for_dateutil(rule, start)), None)
    except Exception as error:  # dateutil raises ValueError, TypeError, … for malformed rules
        return f"{error}."
    return ""


# --- the models' own rules ---


def model_rule_errors(art: str, values: dict) -> list[tuple[str, str]]:
    """What the model's clean() says about these values, as (key, message): the same rules as in the admin."""
    if art == "anbieter":
        return []
    model = {"angebot": OfferPage, "veranstaltung": EventPage}.get(art)
    if model is None:
        return []
    scalar = {name: value for name, value in values.items() if name in _scalar_fields(model) and name != "body"}
    instance = model(**scalar)
    instance.ort_id = 1 if values.get("ort") else None  # clean() only asks whether there is one
    if art == "veranstaltung":
        instance.repeat = EventPage.Repeat.CUSTOM if values["rrule"] else ""
    # not in the tree: the slug check of Page.clean() has no parent to ask
    instance._check_slug_is_unique = lambda: None
    try:
        instance.clean()
    except ValidationError as error:
        return [
            (FIELD_KEYS.get(name, ""), " ".join(str(m) for m in messages))
            for name, messages in error.message_dict.items()
        ]
    return []


_SCALARS: dict = {}


def _scalar_fields(model) -> set:
    if model not in _SCALARS:
        _SCALARS[model] = {f.name for f in model._meta.concrete_fields if not f.is_relation}
    return _SCALARS[model]


# --- body text ---


def paragraphs_to_stream(paragraphs: tuple) -> list[dict]:
    return [{"type": "paragraph", "value": "<p>" + escape(text).replace("\n", "<br/>") + "</p>"} for text in paragraphs]


def html_to_paragraphs(html: str) -> list[str]:
    html = re.sub(r"<br\s*/?>", "\n", html or "")
    result = []
    for part in re.split(r"</(?:p|h[1-6]|li|div)>", html):
        text = unescape(re.sub(r"<[^>]+>", "", part)).strip()
        if text:
            result.append(text)
    return result


def paragraphs_to_html(paragraphs: tuple) -> str:
    return "".join("<p>" + escape(text).replace("\n", "<br/>") + "</p>" for text in paragraphs)


def stream_to_paragraphs(body) -> tuple:
    """The body as plain-text paragraphs (headings and notice boxes too; images have no text)."""
    result = []
    for block in body or []:
        if block.block_type == "paragraph":
            result.extend(html_to_paragraphs(block.value.source))
        elif block.block_type == "heading":
            result.append(str(block.value).strip())
        elif block.block_type == "notice":
            result.append(str(block.value["title"]).strip())
            result.extend(html_to_paragraphs(block.value["text"].source))
    return tuple(text for text in result if text)


# --- model -> values ---


def snapshot_provider(provider: Anbieter) -> dict:
    return {
        "name": provider.name,
        "kind": provider.kind,
        "description": tuple(html_to_paragraphs(provider.description)),
        "ort": provider.ort.slug if provider.ort_id else None,
        "street": provider.street,
        "postal_code": provider.postal_code,
        "contact_name": provider.contact_name,
        "email": provider.email,
        "phone": provider.phone,
        "website": provider.website,
    }


def snapshot_page(page, art: str, provider_ids: dict) -> dict:
    """The page's values as ``read_values`` gives them; ``provider_ids`` maps provider pk -> exchange id."""
    values = {
        "anbieter": provider_ids.get(page.anbieter_id) if page.anbieter_id else None,
        "title": page.title,
        "teaser": page.teaser,
        "body": stream_to_paragraphs(page.body),
        "bereich": page.bereich.slug if page.bereich_id else None,
        "lebenslagen": _slugs(page.lebenslagen),
        "zielgruppen": _slugs(page.zielgruppen),
    }
    if art == "beitrag":
        values.update(date=page.date, author=page.author)
        return values
    values.update(
        {
            "format": page.format,
            "ort": page.ort.slug if page.ort_id else None,
            "venue_name": page.venue_name,
            "street": page.street,
            "postal_code": page.postal_code,
            "is_free": page.is_free,
            "price": page.price,
            "price_note": page.price_note,
            "barrierefreiheit": _slugs(page.barrierefreiheit),
            "registration_mode": page.registration_mode,
            "capacity": page.capacity,
            "min_participants": page.min_participants,
            "registration_url": page.registration_url,
            "registration_note": page.registration_note,
            "contact_name": page.contact_name,
            "contact_email": page.contact_email,
            "contact_phone": page.contact_phone,
        }
    )
    if art == "angebot":
        values.update(
            {
                "schedule": page.schedule,
                "start_date": page.start_date,
                "end_date": page.end_date,
                "schedule_note": page.schedule_note,
                "dates": tuple((d.start, d.end, d.note) for d in page.dates.all()),
            }
        )
    else:
        values.update(start=page.start, end=page.end, all_day=page.all_day, rrule=page.rrule)
    return values


def _slugs(manager) -> tuple:
    return tuple(sorted(term.slug for term in manager.all()))


def same_values(incoming: dict, current: dict) -> bool:
    """Equal in every key the line sets (a missing article date keeps the current one)."""
    return all(current.get(name) == value for name, value in incoming.items() if not (name == "date" and value is None))


# --- values -> record (the export) ---


def _iso(value) -> str | None:
    if value is None:
        return None
    if isinstance(value, datetime.datetime):
        return timezone.localtime(value).isoformat()
    return value.isoformat()


def _or_null(value):
    return value if value not in EMPTY else None


def record_from_values(art: str, external_id: str, values: dict) -> dict:
    if art == "anbieter":
        return {
            "art": art,
            "id": external_id,
            "name": values["name"],
            "traeger": values["kind"],
            "beschreibung": "\n\n".join(values["description"]) or None,
            "ort": values["ort"],
            "strasse": _or_null(values["street"]),
            "plz": _or_null(values["postal_code"]),
            "ansprechperson": _or_null(values["contact_name"]),
            "email": _or_null(values["email"]),
            "telefon": _or_null(values["phone"]),
            "website": _or_null(values["website"]),
        }
    record = {
        "art": art,
        "id": external_id,
        "anbieter": values["anbieter"],
        "titel": values["title"],
        "kurzbeschreibung": values["teaser"],
        "beschreibung": list(values["body"]),
        "bereich": values["bereich"],
        "lebenslagen": list(values["lebenslagen"]),
        "zielgruppen": list(values["zielgruppen"]),
    }
    if art == "beitrag":
        record.update(datum=_iso(values["date"]), autor=_or_null(values["author"]))
        return record
    record.update(
        {
            "format": values["format"],
            "ort": values["ort"],
            "veranstaltungsort": {
                "name": _or_null(values["venue_name"]),
                "strasse": _or_null(values["street"]),
                "plz": _or_null(values["postal_code"]),
            },
            "kostenlos": values["is_free"],
            "preis": str(values["price"]) if values["price"] is not None else None,
            "preis_hinweis": _or_null(values["price_note"]),
            "barrierefreiheit": list(values["barrierefreiheit"]),
            "anmeldung": {
                "art": values["registration_mode"],
                "plaetze": values["capacity"],
                "mindestens": values["min_participants"],
                "link": _or_null(values["registration_url"]),
                "hinweis": _or_null(values["registration_note"]),
            },
            "kontakt": {
                "name": _or_null(values["contact_name"]),
                "email": _or_null(values["contact_email"]),
                "telefon": _or_null(values["contact_phone"]),
            },
        }
    )
    if art == "angebot":
        record.update(
            {
                "zeitliche_form": values["schedule"],
                "beginn": _iso(values["start_date"]),
                "ende": _iso(values["end_date"]),
                "zeiten": _or_null(values["schedule_note"]),
                "termine": [
                    {"beginn": _iso(start), "ende": _iso(end), "hinweis": _or_null(note)}
                    for start, end, note in values["dates"]
                ],
            }
        )
    else:
        record.update(
            beginn=_iso(values["start"]),
            ende=_iso(values["end"]),
            ganztaegig=values["all_day"],
            wiederholung=values["rrule"] or None,
        )
    return record
