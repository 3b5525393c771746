"""The search's query parameters, validated once for the HTML page and the API alike."""

import datetime
import re
import time
from dataclasses import dataclass, field, replace
from functools import cached_property

from django.core.cache import cache
from django.http import QueryDict
from django.utils import timezone

from anbieter.models import Anbieter
from core.filters import term_lists
from core.request_memo import RequestMemo
from taxonomy.models import Barrierefreiheit, Bereich, Lebenslage, Ort, Zielgruppe

from .matching import WordGroup, content_words, is_course_word, place_words, preferred_types, required_words
from .synonyms import alternatives, misspelt_alternatives
from .text import analyze, clean_text, split_compound

MAX_QUERY_LENGTH = 200
MAX_LIMIT = 50
MAX_OFFSET = 10_000
RESULT_WINDOW = 10_000  # Elasticsearch's index.max_result_window: offset + limit may not go beyond it
MAX_RADIUS_KM = 200

TYPES = {"angebot": "Angebot / Kurs", "veranstaltung": "Veranstaltung", "beitrag": "Beitrag"}
FORMATS = {"praesenz": "Präsenz", "online": "Online", "hybrid": "Hybrid"}
FREE = {"ja": "kostenlos"}
SORTS = ("relevanz", "datum", "entfernung", "bewertung")
PERIODS = ("heute", "wochenende")

# facet parameter -> model of its terms, or a fixed {slug: name} mapping
FACETS = {
    "bereich": Bereich,
    "lebenslage": Lebenslage,
    "zielgruppe": Zielgruppe,
    "ort": Ort,
    "anbieter": Anbieter,
    "typ": TYPES,
    "kostenlos": FREE,
    "barrierefrei": Barrierefreiheit,
    "format": FORMATS,
}
OTHER_PARAMETERS = {"q", "von", "bis", "zeitraum", "umkreis", "lat", "lon", "sortierung", "offset", "limit", "seite"}
PHRASE = re.compile(r'"([^"]+)"')


class SearchParamError(ValueError):
    def __init__(self, parameter: str, message: str):
        super().__init__(f"{parameter}: {message}")
        self.parameter = parameter
        self.message = message


@dataclass(frozen=True)
class SearchParams:
    q: str = ""
    filters: dict[str, tuple[str, ...]] = field(default_factory=dict)
    date_from: datetime.date | None = None
    date_to: datetime.date | None = None
    center: tuple[float, float] | None = None
    radius_km: float | None = None
    center_ort: str | None = None  # the Ort whose centre the radius is drawn around
    # the HTML search with a radius around several Orte: around each (the API asks for one centre)
    extra_centers: tuple[tuple[float, float], ...] = ()
    center_orte: tuple[str, ...] = ()
    notices: tuple[str, ...] = ()  # what the HTML search changed instead of refusing (shown on the page)
    any_word: bool = False  # the fallback when nothing matched most of the words: any one will do
    sort: str = "datum"
    offset: int = 0
    limit: int = 20
    today: datetime.date = field(default_factory=timezone.localdate)

    @property
    def phrases(self) -> list[str]:
        """Quoted phrases that contain something searchable (not '"?!"')."""
        return [p.strip() for p in PHRASE.findall(self.q) if analyze(p)]

    @property
    def words(self) -> list[str]:
        """The query's content words outside of phrases: no stop words ("für", "in"), and punctuation or
        operators alone are no words."""
        return content_words([word for word in PHRASE.sub(" ", self.q).replace('"', " ").split() if analyze(word)])

    @cached_property
    def word_matches(self) -> list[WordGroup]:
        """Per content word: the word, its synonyms and its parts ("Computerkurs": also "Computer" and "Kurs"
        apart). A compound with a course word ("Computerkurs", "Nähkurs") also counts by its other parts
        (with their synonyms: "PC", "EDV"), and its course part scores on its own, optional."""
        groups, places = [], place_words(self.words, list(known_slugs("ort").values()))
        for position, word in enumerate(self.words):
            parts, extra = split_compound(word) or [], []
            topic = [part for part in parts if not is_course_word(part)]
            if parts and topic and len(topic) < len(parts):
                head = " ".join(topic)
                options = [head, *(alternatives(head)[1:] if len(topic) == 1 else [])]
                extra = [WordGroup(part, optional=True) for part in parts if part not in topic]
            else:
                options = [" ".join(parts)] if parts else []
            synonyms = alternatives(word)[1:] or misspelt_alternatives(word)
            groups.append(
                WordGroup(
                    word, tuple(synonyms), tuple(options), optional=is_course_word(word), place=position in places
                )
            )
            groups.extend(extra)
        if all(group.optional for group in groups):  # "Kurs" alone, "Kurse lernen": required after all
            groups = [replace(group, optional=False) for group in groups]
        return groups

    def any_word_fallback(self) -> "SearchParams":
        """The same search, satisfied by any one of its words; the words are not read again."""
        relaxed = replace(self, any_word=True)
        relaxed.__dict__["word_matches"] = self.word_matches  # as cached_property keeps it
        return relaxed

    @property
    def required_groups(self) -> list[WordGroup]:
        return [group for group in self.word_matches if not group.optional]

    @property
    def word_groups(self) -> list[list[str]]:
        """Per required word: the alternatives any of which counts as the word."""
        return [group.alternatives for group in self.required_groups]

    @property
    def preferred_types(self) -> tuple[str, ...]:
        """Result kinds ranked first: offers and events for course words, articles when asked for."""
        return preferred_types(PHRASE.sub(" ", self.q).replace('"', " ").split())

    @property
    def required_words(self) -> int:
        """How many of the word groups a document must match: most, or any one in the fallback."""
        count = len(self.required_groups)
        return min(1, count) if self.any_word else required_words(count)

    @property
    def centers(self) -> list[tuple[float, float]]:
        """Every centre the radius is drawn around; distances count to the nearest."""
        return [self.center, *self.extra_centers] if self.center else []

    @property
    def has_date_filter(self) -> bool:
        return self.date_from is not None or self.date_to is not None

    @property
    def active_filter_count(self) -> int:
        """How many filters are in force, as the phone's "Filter (3)" button counts them."""
        values = sum(len(v) for v in self.filters.values()) + (1 if self.center_ort else 0)
        return values + (1 if self.has_date_filter else 0) + (1 if self.radius_km else 0)

    def filters_for_log(self) -> dict:
        """What the query log keeps: filters, dates and radius, never a position of a person."""
        logged = {facet: list(values) for facet, values in self.filters.items()}
        if self.date_from or self.date_to:
            logged["zeitraum"] = [str(self.date_from or ""), str(self.date_to or "")]
        if self.radius_km:
            logged["umkreis"] = self.radius_km
        return logged


TERMS_CACHE_KEY = "search:terms"
TERMS_STAMP_KEY = "search:terms:stamp"
TERMS_CACHE_SECONDS = 60
# this process's copy of the terms last read from the cache, under their stamp: a search asks for the values of
# some facet about twenty times (parameters, query, counts, listing), and each read from the cache unpickled all
_read_terms: dict[str, dict[str, dict[str, str]]] = {}
# the stamp, read from the shared cache once per request (core/request_memo.py)
terms_stamp = RequestMemo("search-terms-stamp")


def known_slugs(facet: str) -> dict[str, str]:
    """{slug: name} of a facet's values in display order; cached briefly, cleared when terms change. Shared:
    not to be changed by the caller."""
    source = FACETS[facet]
    if isinstance(source, dict):
        return source
    stamp = terms_stamp.get(lambda: cache.get(TERMS_STAMP_KEY))  # read once per request
    if stamp is not None and stamp in _read_terms:
        return _read_terms[stamp][facet]
    terms = cache.get(TERMS_CACHE_KEY) if stamp is not None else None
    if terms is None:
        terms = {
            name: dict(pairs)
            for name, pairs in term_lists(
                "search-facets",
                lambda: {
                    name: model.objects.active() if model is Anbieter else model.objects.all()
                    for name, model in FACETS.items()
                    if not isinstance(model, dict)
                },
            ).items()
        }  # one query for all of them (core.filters.term_lists)
        stamp = f"{time.time_ns():x}"
        cache.set_many({TERMS_CACHE_KEY: terms, TERMS_STAMP_KEY: stamp}, TERMS_CACHE_SECONDS)  # the stamp last
        terms_stamp.remember(stamp)
    _read_terms.clear()
    _read_terms[stamp] = terms
    return terms[facet]


def forget_known_slugs() -> None:
    cache.delete_many([TERMS_STAMP_KEY, TERMS_CACHE_KEY])
    terms_stamp.forget()


ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
# What the parameters accept, ASCII only: Python's int()/float() would also take "1_000", " 5" or "٥".
INTEGER = re.compile(r"[+-]?[0-9]+")
DECIMAL = re.compile(r"[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][+-]?[0-9]+)?")


def _date(value: str, parameter: str) -> datetime.date:
    try:
        if not ISO_DATE.fullmatch(value):
            raise ValueError(value)
        return datetime.date.fromisoformat(value)
    except ValueError:
        raise SearchParamError(parameter, f"„{value[:50]}“ ist kein Datum im Format JJJJ-MM-TT.") from None


def _number(value: str, parameter: str, kind=float, minimum=None, maximum=None):
    pattern = INTEGER if kind is int else DECIMAL
    try:
        if not pattern.fullmatch(value):
            raise ValueError(value)
        number = kind(value)
    except (ValueError, OverflowError):
        raise SearchParamError(parameter, f"„{value[:50]}“ ist keine gültige Zahl.") from None
    if number != number or (minimum is not None and number < minimum) or (maximum is not None and number > maximum):
        raise SearchParamError(parameter, f"muss zwischen {minimum} und {maximum} liegen.")
    return number


def period_dates(period: str, today: datetime.date) -> tuple[datetime.date, datetime.date]:
    """'heute' is today; 'wochenende' is the coming (or current) Saturday and Sunday."""
    if period == "heute":
        return today, today
    saturday = today + datetime.timedelta(days=(5 - today.weekday()) % 7)
    if today.weekday() == 6:  # Sunday: what is left of this weekend
        return today, today
    return max(today, saturday), saturday + datetime.timedelta(days=1)


def parse_search_params(
    data: QueryDict, *, strict: bool, default_limit: int = 20, today: datetime.date | None = None
) -> SearchParams:
    """Validate the query string; raises SearchParamError naming the first bad parameter.

    ``strict`` (the API) also refuses unknown parameters; the HTML page ignores them.
    """
    today = today or timezone.localdate()
    if strict:
        unknown = sorted(set(data) - set(FACETS) - OTHER_PARAMETERS - {"format_json"})
        if unknown:
            raise SearchParamError(unknown[0], "unbekannter Parameter.")

    q = " ".join(clean_text(data.get("q", "")).split())
    if len(q) > MAX_QUERY_LENGTH:
        raise SearchParamError("q", f"Der Suchbegriff ist zu lang (höchstens {MAX_QUERY_LENGTH} Zeichen).")

    filters = {}
    for facet in FACETS:
        values = [v for v in data.getlist(facet) if v != ""]
        if facet == "kostenlos":
            if any(v not in ("1", "0", "ja", "nein", "true", "false") for v in values):
                raise SearchParamError("kostenlos", "Erlaubt sind „1“ oder „0“.")
            values = ["ja"] if any(v in ("1", "ja", "true") for v in values) else []
        if values:
            slugs = known_slugs(facet)
            unknown = [v for v in values if v not in slugs]
            if unknown:
                raise SearchParamError(facet, f"„{unknown[0][:50]}“ ist kein bekannter Wert.")
            filters[facet] = tuple(dict.fromkeys(values))

    date_from = _date(data["von"], "von") if data.get("von") else None
    date_to = _date(data["bis"], "bis") if data.get("bis") else None
    if data.get("zeitraum"):
        if data["zeitraum"] not in PERIODS:
            raise SearchParamError("zeitraum", "Erlaubt sind „heute“ oder „wochenende“.")
        if date_from or date_to:
            raise SearchParamError("zeitraum", "Bitte entweder „zeitraum“ oder „von“/„bis“ angeben.")
        date_from, date_to = period_dates(data["zeitraum"], today)
    if date_from and date_to and date_to < date_from:
        raise SearchParamError("bis", "Das Ende liegt vor dem Beginn.")

    center, radius, center_orte, extra_centers, notices = None, None, (), (), []
    if data.get("lat") or data.get("lon"):
        if not (data.get("lat") and data.get("lon")):
            raise SearchParamError("lat" if not data.get("lat") else "lon", "Bitte „lat“ und „lon“ zusammen angeben.")
        center = (
            _number(data["lat"], "lat", minimum=-90, maximum=90),
            _number(data["lon"], "lon", minimum=-180, maximum=180),
        )
    if data.get("umkreis"):
        radius = _number(data["umkreis"], "umkreis", minimum=0.1, maximum=MAX_RADIUS_KM)
        if center is None:
            places = filters.get("ort", ())
            if strict and len(places) != 1:
                raise SearchParamError("umkreis", "Bitte genau einen „ort“ oder „lat“/„lon“ als Mittelpunkt angeben.")
            if places:
                filters.pop("ort")
                center_orte = places
                points = radius_centers(places)
                center, extra_centers = points[0], tuple(points[1:])
                if len(places) > 1:
                    notices.append(f"Umkreis von {radius:g} km um jeden gewählten Ort.")
            else:  # the HTML search: the place was removed, the radius stays in the form for the next one
                notices.append("Für die Suche im Umkreis wählen Sie bitte einen Ort.")
                radius = None

    sort = data.get("sortierung") or ("relevanz" if q else "datum")
    if sort not in SORTS:
        raise SearchParamError("sortierung", "Erlaubt sind „relevanz“, „datum“, „entfernung“ oder „bewertung“.")
    if sort == "entfernung" and center is None:
        if strict:
            raise SearchParamError("sortierung", "„entfernung“ braucht „umkreis“ mit „ort“ oder „lat“/„lon“.")
        sort = "relevanz" if q else "datum"
        notices.append(
            "Nach Entfernung lässt sich nur mit Ort und Umkreis sortieren; sortiert "
            + ("nach Relevanz." if q else "nach Datum.")
        )

    limit = _number(data["limit"], "limit", int, 1, MAX_LIMIT) if data.get("limit") else default_limit
    if data.get("seite") and not data.get("offset"):
        page = _number(data["seite"], "seite", int, 1, MAX_OFFSET)
        offset = (page - 1) * limit
    else:
        offset = _number(data["offset"], "offset", int, 0, MAX_OFFSET) if data.get("offset") else 0
    if offset + limit > RESULT_WINDOW:
        raise SearchParamError(
            "seite" if data.get("seite") and not data.get("offset") else "offset",
            f"Es lassen sich nur die ersten {RESULT_WINDOW} Treffer abrufen; bitte die Suche mit Filtern eingrenzen.",
        )
    return SearchParams(
        q=q,
        filters=filters,
        date_from=date_from,
        date_to=date_to,
        center=center,
        radius_km=radius,
        center_ort=center_orte[0] if center_orte else None,
        sort=sort,
        offset=offset,
        limit=limit,
        today=today,
        extra_centers=extra_centers,
        center_orte=tuple(center_orte),
        notices=tuple(notices),
    )


def radius_centers(slugs) -> list[tuple[float, float]]:
    """The centres of the given Orte, in the given order."""
    places = {o.slug: o for o in Ort.objects.filter(slug__in=slugs)}
    return [(float(places[s].latitude), float(places[s].longitude)) for s in slugs]
