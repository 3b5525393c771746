"""The description of Wagtail's API v2 pages listing and detail (served by cms/api.py's viewset, not by ninja).

Generators fail on v2's viewsets (wagtail/wagtail#6475), so its parameters and answers are pydantic models
here, merged into the generated description. Answers carry a page type's own fields besides the ones below
(``fields=*``); the schemas allow them rather than listing each type's (no overlapping ``oneOf``).
"""

import datetime
from typing import Literal

from django.conf import settings
from pydantic import BaseModel, ConfigDict, Field
from wagtail.models import get_page_models

from core.apiv2 import MAX_OFFSET, SEARCH_OPERATORS
from core.openapi import ApiError, FormError, Slug, StrictModel, Uri, query_parameters, schema_ref
from search.params import FORMATS


def page_types() -> tuple[str, ...]:
    return tuple(f"{model._meta.app_label}.{model.__name__}" for model in get_page_models())


class PagesQuery(StrictModel):
    type: str | None = Field(None, description="Seitentyp, z. B. `bildungsboerse.OfferPage`")
    fields: str | None = Field(
        None, description="Zusätzliche Felder, kommagetrennt (`*` für alle des Typs, `-feld` zum Weglassen)"
    )
    limit: int | None = Field(None, ge=0, le=settings.WAGTAILAPI_LIMIT_MAX)
    offset: int | None = Field(None, ge=0, le=MAX_OFFSET)
    order: str | None = Field(None, description="Feld, nach dem sortiert wird (`-` davor: absteigend), oder `random`")
    search: str | None = Field(None, description="Suchbegriff (Wagtails Seitensuche)")
    search_operator: Literal[SEARCH_OPERATORS] | None = None
    child_of: int | None = Field(None, ge=1, description="Nur direkte Unterseiten dieser Seiten-ID")
    descendant_of: int | None = Field(None, ge=1, description="Nur Seiten unterhalb dieser Seiten-ID")
    bereich: list[Slug] = Field([], description="Bereich (Slug)")
    lebenslage: list[Slug] = Field([], description="Lebenslage (Slug)")
    zielgruppe: list[Slug] = Field([], description="Zielgruppe (Slug)")
    ort: list[Slug] = Field([], description="Stadt oder Gemeinde (Slug)")
    anbieter: list[Slug] = Field([], description="Anbieter (Slug)")
    barrierefrei: list[Slug] = Field([], description="Merkmal der Barrierefreiheit (Slug)")
    kostenlos: Literal["1", "0", "true", "false", "ja", "nein", "on"] | None = Field(
        None, description="`1`: nur kostenlose Angebote und Veranstaltungen"
    )
    format: list[Literal[tuple(FORMATS)]] = Field([], description="Präsenz, online oder hybrid")


class DetailQuery(StrictModel):
    fields: str | None = Field(None, description="Felder, kommagetrennt (`-feld` zum Weglassen)")


class OpenModel(BaseModel):
    """A page type's own fields come on top."""

    model_config = ConfigDict(extra="allow")


class PageMeta(OpenModel):
    type: str | None = None
    detail_url: Uri | None = None
    html_url: Uri | None = None
    slug: str | None = None
    first_published_at: datetime.datetime | None = None


class PageItem(OpenModel):
    """`fields` may leave out anything, the id too (`fields=_,title`)."""

    id: int | None = None
    meta: PageMeta | None = None
    title: str | None = None


class ListingMeta(StrictModel):
    total_count: int = Field(ge=0)


class PageListing(StrictModel):
    meta: ListingMeta
    items: list[PageItem]


ERRORS = {
    "400": {
        "description": "Ungültiger Parameter oder Wert; die Meldung nennt ihn",
        "content": {"application/json": {"schema": schema_ref(ApiError)}},
    },
    "405": {
        "description": "Die API ist nur lesend (GET, HEAD)",
        "content": {"application/json": {"schema": schema_ref(FormError)}},
    },
}


def pages_paths() -> dict:
    """The path items of /api/v2/pages/ and /api/v2/pages/{id}/."""
    listing_parameters = query_parameters(PagesQuery)
    for parameter in listing_parameters:
        if parameter["name"] == "type":
            parameter["schema"] = {"enum": list(page_types())}
    return {
        "/api/v2/pages/": {
            "get": {
                "operationId": "listPages",
                "tags": ["Seiten"],
                "summary": "Veröffentlichte Seiten (Wagtail-API v2) mit den Filtern des Portals",
                "description": "Nur veröffentlichte, öffentliche Seiten; Inhalte gesperrter Anbieter fehlen. Ohne `type` "
                "gelten die Taxonomie-Filter für alle Seitentypen, die das Feld haben; mit `type` nur für "
                "diesen, und ein Filter, den der Typ nicht hat, ergibt 400.",
                "parameters": listing_parameters,
                "responses": {
                    "200": {
                        "description": "Eine Seite der Liste",
                        "content": {"application/json": {"schema": schema_ref(PageListing)}},
                    },
                    **ERRORS,
                },
            }
        },
        "/api/v2/pages/{id}/": {
            "get": {
                "operationId": "getPage",
                "tags": ["Seiten"],
                "summary": "Eine veröffentlichte Seite mit allen Feldern ihres Typs",
                "parameters": [
                    {"name": "id", "in": "path", "required": True, "schema": {"type": "integer", "minimum": 1}},
                    *query_parameters(DetailQuery),
                ],
                "responses": {
                    "200": {
                        "description": "Die Seite",
                        "content": {"application/json": {"schema": schema_ref(PageItem)}},
                    },
                    **ERRORS,
                    "404": {
                        "description": "Keine veröffentlichte Seite mit dieser ID",
                        "content": {"application/json": {"schema": schema_ref(ApiError)}},
                    },
                },
            }
        },
    }
