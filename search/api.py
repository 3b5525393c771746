"""/api/v2/search/, its suggestions and its GeoJSON on a ninja router (mounted by cms/api.py).

The answers are the views' (search/views.py): parameters are checked by ``parse_search_params``, which names
the bad parameter in German; the models below describe those parameters and answers for the generated
OpenAPI description, from the same constants.
"""

import datetime
from typing import Literal

from django.conf import settings
from ninja import Router
from pydantic import Field

from core.openapi import MEDIA_TYPE, FormError, Slug, StrictModel, Uri, documented_query, schema_ref

from . import views
from .params import FORMATS, MAX_LIMIT, MAX_OFFSET, MAX_QUERY_LENGTH, MAX_RADIUS_KM, PERIODS, SORTS, TYPES

router = Router(tags=["Suche"])

HitType = Literal[tuple(TYPES)]
Slugs = list[Slug]
FREE_VALUES = ("1", "0", "ja", "nein", "true", "false")


class SearchFilters(StrictModel):
    """The filters of the search and of its GeoJSON; several values of one parameter: OR, different ones: AND."""

    q: str = Field(
        "",
        max_length=MAX_QUERY_LENGTH,
        examples=["Smartphone"],
        description="Suchbegriff; Wortgruppen in Anführungszeichen",
    )
    bereich: Slugs = Field([], description="Bereich (Slug)")
    lebenslage: Slugs = Field([], description="Lebenslage (Slug)")
    zielgruppe: Slugs = Field([], description="Zielgruppe (Slug)")
    ort: Slugs = Field([], description="Stadt oder Gemeinde (Slug); mit `umkreis` der Mittelpunkt")
    anbieter: Slugs = Field([], description="Anbieter (Slug)")
    barrierefrei: Slugs = Field([], description="Merkmal der Barrierefreiheit (Slug)")
    typ: list[HitType] = Field([], description="Art des Treffers")
    format: list[Literal[tuple(FORMATS)]] = Field([], description="Präsenz, online oder hybrid")
    kostenlos: Literal[FREE_VALUES] | None = Field(None, description="`1` nur kostenlose Treffer, `0` alle")
    von: datetime.date | None = Field(None, description="Zeitraum ab (JJJJ-MM-TT)")
    bis: datetime.date | None = Field(None, description="Zeitraum bis (JJJJ-MM-TT), nicht vor `von`")
    zeitraum: Literal[PERIODS] | None = Field(None, description="Statt `von`/`bis`; nicht zusammen mit ihnen")
    umkreis: float | None = Field(
        None, ge=0.1, le=MAX_RADIUS_KM, description="Umkreis in km um genau einen `ort` oder um `lat`/`lon`"
    )
    lat: float | None = Field(None, ge=-90, le=90, description="Breitengrad des Mittelpunkts (nur mit `lon`)")
    lon: float | None = Field(None, ge=-180, le=180, description="Längengrad des Mittelpunkts (nur mit `lat`)")
    sortierung: Literal[SORTS] | None = Field(
        None, description="Standard: `relevanz` mit Suchbegriff, sonst `datum`; `entfernung` braucht einen Mittelpunkt"
    )


class SearchQuery(SearchFilters):
    limit: int = Field(20, ge=1, le=MAX_LIMIT)
    offset: int = Field(0, ge=0, le=MAX_OFFSET)
    seite: int | None = Field(None, ge=1, le=MAX_OFFSET, description="Seitennummer (statt `offset`)")


class GeoJsonQuery(SearchFilters):
    """The search's paging parameters are taken and passed over: the map shows the first hits."""

    limit: str | None = Field(None, description="Wird übergangen: die Karte zeigt die ersten Treffer")
    offset: str | None = Field(None, description="Wird übergangen")
    seite: str | None = Field(None, description="Wird übergangen")


class SuggestQuery(StrictModel):
    q: str = Field(
        min_length=1,
        max_length=100,
        pattern=r"\S",
        description="Der Anfang des Suchbegriffs (höchstens 100 Zeichen ohne umgebende Leerzeichen)",
    )


class SearchError(StrictModel):
    message: str = Field(description="Deutsche Meldung, die den Parameter nennt")
    parameter: str


class SearchMeta(StrictModel):
    total_count: int = Field(ge=0)
    offset: int = Field(ge=0)
    limit: int = Field(ge=1)
    sortierung: Literal[SORTS]
    degraded: bool = Field(description="true: Elasticsearch war nicht erreichbar, die Datenbank hat geantwortet")
    einzelne_woerter: bool = Field(description="true: nichts passte auf die meisten Wörter; Treffer mit einem davon")


class Location(StrictModel):
    lat: float
    lon: float


class Rating(StrictModel):
    durchschnitt: float | None
    anzahl: int = Field(ge=0)


class SearchHit(StrictModel):
    id: int
    type: HitType
    title: str
    teaser: str
    url: Uri
    detail_url: Uri
    date_from: datetime.date | None
    date_to: datetime.date | None
    start: datetime.datetime | None = Field(description="Beginn einer Veranstaltung oder erster Termin")
    place: str | None
    location: Location | None
    distance_km: float | None
    anbieter: str | None
    bewertung: Rating
    highlight: str | None = Field(description="Textausschnitt, HTML-maskiert; nur die Fundstellen stehen in `<mark>`")


class FacetValue(StrictModel):
    slug: str
    name: str
    count: int = Field(ge=0)


FacetValues = list[FacetValue]


class Facets(StrictModel):
    """Every facet counts as if its own selection were not made."""

    bereich: FacetValues
    lebenslage: FacetValues
    zielgruppe: FacetValues
    ort: FacetValues
    anbieter: FacetValues
    typ: FacetValues
    kostenlos: FacetValues
    barrierefrei: FacetValues
    format: FacetValues


class SearchResponse(StrictModel):
    meta: SearchMeta
    items: list[SearchHit]
    facets: Facets


class Suggestion(StrictModel):
    title: str
    url: Uri
    typ: Literal[(*TYPES, "ort", "anbieter", "zielgruppe", "lebenslage")] = Field(
        description="Art des Vorschlags; Orte, Anbieter, Zielgruppen und Lebenslagen führen zur Suche mit diesem Filter"
    )
    label: str | None = Field(None, description="Bei Filtern: wie der Filter heißt (z. B. „Ort“)")


class Suggestions(StrictModel):
    items: list[Suggestion]


class Point(StrictModel):
    type: Literal["Point"]
    coordinates: list[float] = Field(min_length=2, max_length=2, description="Längengrad, Breitengrad (WGS 84)")


class FeatureProperties(StrictModel):
    title: str
    type: HitType
    type_label: str
    url: Uri
    place: str | None
    date_from: datetime.date | None
    date_to: datetime.date | None
    distance_km: float | None


class Feature(StrictModel):
    type: Literal["Feature"]
    id: int
    geometry: Point
    properties: FeatureProperties


class FeatureCollection(StrictModel):
    type: Literal["FeatureCollection"]
    features: list[Feature] = Field(max_length=settings.GEOJSON_MAX_FEATURES)
    total_count: int = Field(ge=0, description="Alle Treffer, auch die ohne Ort und die über die Grenze hinaus")
    truncated: bool = Field(description="true: mehr Treffer als `features` fasst, nur die ersten sind enthalten")


READ = ["GET", "HEAD"]
READ_ERRORS = {400: SearchError, 405: FormError}


@router.api_operation(
    READ,
    "api/v2/search/",
    url_name="api_search",
    operation_id="search",
    response={200: SearchResponse, **READ_ERRORS},
    summary="Facettierte Suche über Angebote, Veranstaltungen und Beiträge",
    openapi_extra=documented_query(SearchQuery, empty_is_absent=True),
)
def search(request):
    """Volltextsuche (deutsche Analyse: Umlaute, Genderformen, Wortstämme; Wortgruppen in Anführungszeichen)
    mit Facetten. Vergangene Veranstaltungen und abgelaufene Angebote sind nicht enthalten. Unbekannte
    Parameter und Werte werden mit 400 abgelehnt."""
    return views.api_search(request)


@router.api_operation(
    READ,
    "api/v2/search/suggest/",
    url_name="api_search_suggest",
    response={200: Suggestions, **READ_ERRORS},
    operation_id="searchSuggest",
    openapi_extra=documented_query(SuggestQuery),
    summary="Vorschläge für die Sucheingabe (Titel, dann Orte, Anbieter, Zielgruppen, Lebenslagen)",
)
def suggest(request):
    return views.api_suggest(request)


@router.api_operation(
    READ,
    "api/v2/search/geojson/",
    url_name="api_search_geojson",
    response={200: FeatureCollection, **READ_ERRORS},
    operation_id="searchGeojson",
    openapi_extra={**documented_query(GeoJsonQuery, empty_is_absent=True), MEDIA_TYPE: "application/geo+json"},
    summary="Die Treffer der Suche als GeoJSON für die Karte",
)
def geojson(request):
    """Dieselben Filter wie `/api/v2/search/`, ohne Blättern: die ersten Treffer (höchstens so viele, wie
    `features` fasst); Treffer ohne Ortsangabe fehlen in `features`, zählen aber in `total_count`."""
    return views.api_geojson(request)


class ClickRequest(StrictModel):
    id: str = Field(
        pattern=r"^[0-9]{1,12}$",
        examples=["42"],
        description="ID der aus der Suche geöffneten Seite (`id` eines Treffers)",
    )
    q: str = Field("", max_length=MAX_QUERY_LENGTH, description="Der Suchbegriff, mit dem sie gefunden wurde")


def documented_form(model) -> dict:
    """A form body (the page sends it with ``navigator.sendBeacon``: multipart; urlencoded works too)."""
    schema = schema_ref(model)
    return {
        "requestBody": {
            "required": True,
            "content": {
                "multipart/form-data": {"schema": schema},
                "application/x-www-form-urlencoded": {"schema": schema},
            },
        }
    }


@router.post(
    "api/v2/search/klick/",
    url_name="api_search_click",
    operation_id="searchClick",
    response={204: None, 400: SearchError, 405: FormError, 429: FormError},
    summary="Ein aus der Suche geöffneter Treffer (zählt für die Reihenfolge der Vorschläge)",
    openapi_extra=documented_form(ClickRequest),
)
def click(request):
    """Zählt, welcher Treffer zu welchem Suchbegriff geöffnet wurde: nichts Persönliches, nur Seite und
    Suchbegriff. 400, wenn die Seite von der Suche nicht gefunden wird."""
    return views.api_search_click(request)
