"""The portal's API: Wagtail's API v2 at /api/v2/ (pages, images and documents, with taxonomy filters) and the
portal's own endpoints on django-ninja routers (search, suggestions, GeoJSON, the three JSON forms, health),
with one OpenAPI description generated from the code (``portal_api.openapi_description()``), served as JSON and YAML.
"""

import json

import yaml
from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import Q
from django.http import HttpResponse, JsonResponse
from django.utils.cache import patch_cache_control
from ninja import NinjaAPI
from ninja.openapi.schema import get_schema
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.utils import BadRequestError
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.models import Page

from anbieter.api import PublishedDocumentsAPIViewSet, PublishedImagesAPIViewSet
from anmeldung import api as anmeldung_api
from anmeldung import services as anmeldung_services
from bedarf import api as bedarf_api
from caching.content import cached_api_response
from core.apiv2 import BoundedPagination, with_checked_search
from core.filters import ListingFilterForm, apply_listing_filters, page_has_field
from core.models import classified_page_models
from core.openapi import MEDIA_TYPE, SLUG_PATTERN, component_schemas
from newsletter import api as newsletter_api
from ops import api as ops_api
from search import api as search_api
from search.params import known_slugs

from .api_pages import pages_paths

FILTER_PARAMETERS = ["bereich", "lebenslage", "zielgruppe", "ort", "anbieter", "barrierefrei", "kostenlos", "format"]


class TaxonomyFilter:
    """Filter pages by the portal's taxonomy parameters; 400 naming the parameter on bad values.

    Without ``type``, the filters apply to every page type that carries the field, so that
    ``/api/v2/pages/?zielgruppe=senioren`` finds offers, events and articles alike.
    """

    def filter_queryset(self, request, queryset, view):
        if not any(param in request.GET for param in FILTER_PARAMETERS):
            return queryset
        models = [queryset.model] if queryset.model is not Page else classified_page_models()
        condition = Q()
        for model in models:
            form = ListingFilterForm(request.GET, model)
            if not form.is_valid():
                raise BadRequestError(form.error_message())
            unsupported = [p for p in FILTER_PARAMETERS if p in request.GET and p not in form.fields]
            if unsupported:
                if queryset.model is not Page:
                    raise BadRequestError(f"{unsupported[0]}: Filter gibt es für diesen Seitentyp nicht.")
                continue
            matching = apply_listing_filters(model.objects.all(), form.cleaned_data)
            condition |= Q(pk__in=matching.values("pk"))
        if not condition:
            raise BadRequestError(f"{FILTER_PARAMETERS[0]}: Filter gibt es für diesen Seitentyp nicht.")
        return queryset.filter(condition)


class PortalPagesAPIViewSet(PagesAPIViewSet):
    """Public, live pages only; pages of suspended providers are left out.

    Listing and detail answers to anonymous requests come from the cache (caching/content.py): they hold live
    pages only, the same for everybody, and a new content version (publishing) makes them stale.
    """

    filter_backends = [TaxonomyFilter, *with_checked_search(PagesAPIViewSet.filter_backends)]
    pagination_class = BoundedPagination
    known_query_parameters = PagesAPIViewSet.known_query_parameters.union(FILTER_PARAMETERS)
    cached_actions = frozenset({"listing_view", "detail_view"})

    def dispatch(self, request, *args, **kwargs):
        if self.action_map.get(request.method.lower()) not in self.cached_actions:
            return super().dispatch(request, *args, **kwargs)
        response, _extra = cached_api_response(
            request, lambda: super(PortalPagesAPIViewSet, self).dispatch(request, *args, **kwargs)
        )
        return response

    def get_base_queryset(self):
        queryset = super().get_base_queryset()
        for model in classified_page_models():
            queryset = queryset.exclude(pk__in=model.objects.filter(anbieter__is_active=False).values("pk"))
        return queryset

    def get_queryset(self):
        queryset = super().get_queryset()
        model = queryset.model
        if page_has_field(model, "anbieter"):
            # providers' folder pages have an anbieter but no listing relations of their own
            queryset = queryset.select_related(*getattr(model, "listing_select_related", ())).prefetch_related(
                *getattr(model, "listing_prefetch_related", ())
            )
        return queryset


api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("pages", PortalPagesAPIViewSet)
api_router.register_endpoint("images", PublishedImagesAPIViewSet)
api_router.register_endpoint("documents", PublishedDocumentsAPIViewSet)


API_DESCRIPTION = """Die öffentliche API des Portals 3L Elbe-Elster: die facettierte Suche über Angebote,
Veranstaltungen und Beiträge (auch als GeoJSON für Karten), Suchvorschläge und die Seitenliste der
Wagtail-API v2 mit den Filtern des Portals (Bereich, Lebenslage, Zielgruppe, Ort, Anbieter,
Barrierefreiheit, Kosten, Format); dazu drei Formulare als JSON: die Anmeldung zu Angeboten und
Veranstaltungen, die Bestellung des Newsletters und „Was fehlt Ihnen?“.

Mehrere Werte eines Parameters werden mit ODER verknüpft (`zielgruppe=senioren&zielgruppe=familien`),
verschiedene Parameter mit UND. Ungültige Parameter oder unbekannte Werte beantwortet die API mit
**400** und einer deutschen Meldung, die den Parameter nennt. Die Werte der Taxonomien (Slugs) stehen
in dieser Beschreibung (`enum`) und in den Facetten jeder Suchantwort.

Die Formulare (`POST`) erwarten ein JSON-Objekt mit `Content-Type: application/json` und nur den
beschriebenen Feldern; `null` gilt als nicht angegeben. Fehler beantworten sie mit
**400** und `{"message", "field", "errors"}`: `errors` nennt zu jedem Feld die deutschen Meldungen
(`__all__`: die Anfrage als Ganzes). Jeder Anschluss darf jedes Formular nur begrenzt oft absenden;
darüber hinaus **429** mit `Retry-After`.

Alle Antworten sind JSON (UTF-8), auch die Fehler unter `/api/`: 404, 405 (mit `Allow`), 429, 500.
Diese Beschreibung wird aus dem Code erzeugt (`/api/v2/openapi.json`, `/api/v2/openapi.yaml`)."""


class PortalAPI(NinjaAPI):
    """The portal's ninja endpoints at their own addresses under /api/v2/ and /health/ (mounted at the root).

    No root view and no interactive docs: the description is served at /api/v2/openapi.json and .yaml.
    """

    def _get_urls(self):
        urls = []
        for bound_router in self._get_bound_routers():
            urls.extend(bound_router.urls_paths(bound_router.prefix))
        return urls

    def openapi_description(self) -> dict:
        """The OpenAPI 3.1 description of every portal endpoint, Wagtail's v2 pages included."""
        schema = json.loads(json.dumps(get_schema(api=self, path_prefix=""), cls=DjangoJSONEncoder))
        for path_item in schema["paths"].values():
            path_item.pop("head", None)  # HEAD answers as GET does, without the body
            for operation in path_item.values():
                _apply_media_type(operation)
        schema["paths"].update(pages_paths())
        schema["components"]["schemas"].update(component_schemas())
        schema["servers"] = [{"url": "/"}]
        schema["tags"] = [{"name": name} for name in ("Suche", "Seiten", "Formulare", "Betrieb")]
        _list_known_values(schema)
        return schema


def _apply_media_type(operation: dict) -> None:
    media_type = operation.pop(MEDIA_TYPE, None)
    if media_type:
        content = operation["responses"]["200"]["content"]
        content[media_type] = content.pop("application/json")


TAXONOMY_FACETS = ("bereich", "lebenslage", "zielgruppe", "ort", "anbieter", "barrierefrei")
BODY_SLUG_FIELDS = {
    "SubscriptionRequest": ("lebenslage", "zielgruppe", "ort"),
    "WishRequest": ("zielgruppe", "lebenslage", "ort"),
}


def _slug_schemas(schema):
    """The string schemas of slugs inside a parameter's or member's schema."""
    if isinstance(schema, dict):
        if schema.get("pattern") == SLUG_PATTERN:
            yield schema
        for value in schema.values():
            yield from _slug_schemas(value)
    elif isinstance(schema, list):
        for value in schema:
            yield from _slug_schemas(value)


def _enum(schema: dict, values: list[str]) -> None:
    """A slug's schema lists the values the server takes (none known yet: the pattern stays)."""
    if not values:
        return
    for slug in _slug_schemas(schema):
        slug.pop("pattern")
        slug["enum"] = values


def _list_known_values(schema: dict) -> None:
    """Slugs the server checks against the taxonomies become enums of today's values."""
    for path_item in schema["paths"].values():
        for operation in path_item.values():
            for parameter in operation.get("parameters", ()):
                if parameter["in"] == "query" and parameter["name"] in TAXONOMY_FACETS:
                    _enum(parameter["schema"], list(known_slugs(parameter["name"])))
    schemas = schema["components"]["schemas"]
    for model, fields in BODY_SLUG_FIELDS.items():
        for name in fields:
            _enum(schemas[model]["properties"][name], list(known_slugs(name)))
    page = anmeldung_services.first_registrable_page_id()
    if page is not None:  # the example registers for a page that takes registrations
        example = schema["paths"]["/api/v2/anmeldungen/"]["post"]["requestBody"]["content"]["application/json"]
        example["example"]["seite"] = page


portal_api = PortalAPI(
    title="3L – Lebenslanges Lernen Elbe-Elster, öffentliche API",
    version="2.0",
    description=API_DESCRIPTION,
    urls_namespace="portal_api",
    openapi_url=None,
    docs_url=None,
)
portal_api.add_router("", search_api.router)
portal_api.add_router("", anmeldung_api.router)
portal_api.add_router("", newsletter_api.router)
portal_api.add_router("", bedarf_api.router)
portal_api.add_router("", ops_api.router)

DESCRIPTION_MAX_AGE = 300  # it lists today's taxonomy values
# libyaml's safe dumper (in PyYAML's wheels) writes the same text as the pure-Python one, eight times faster
YAML_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


@portal_api.api_operation(["GET", "HEAD"], "api/v2/openapi.json", include_in_schema=False)
def openapi_json(request):
    """The generated OpenAPI description as JSON."""
    response = JsonResponse(portal_api.openapi_description(), json_dumps_params={"ensure_ascii": False})
    patch_cache_control(response, public=True, max_age=DESCRIPTION_MAX_AGE)
    return response


@portal_api.api_operation(["GET", "HEAD"], "api/v2/openapi.yaml", include_in_schema=False)
def openapi_yaml(request):
    """The same description as YAML (the address of the former hand-written file)."""
    text = yaml.dump(portal_api.openapi_description(), Dumper=YAML_DUMPER, allow_unicode=True, sort_keys=False)
    response = HttpResponse(text, content_type="application/yaml; charset=utf-8")
    patch_cache_control(response, public=True, max_age=DESCRIPTION_MAX_AGE)
    return response
