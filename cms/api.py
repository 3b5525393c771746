"""The Wagtail API v2 at /api/v2/: pages, images and documents, with taxonomy filters; its OpenAPI description."""

from pathlib import Path

from django.db.models import Q
from django.http import HttpResponse
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.utils import BadRequestError
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.models import Page

from anbieter.api import PublishedDocumentsAPIViewSet, PublishedImagesAPIViewSet
from caching.content import cached_api_response
from core.apiv2 import BoundedPagination, with_checked_search
from core.filters import ListingFilterForm, apply_listing_filters, page_has_field
from core.models import classified_page_models

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
        response, _extra = cached_api_response(request, lambda: super(PortalPagesAPIViewSet, self).dispatch(
            request, *args, **kwargs))
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


OPENAPI_FILE = Path(__file__).with_name("openapi.yaml")


@require_safe
@cache_control(public=True, max_age=3600)
def openapi_description(request):
    """The hand-written OpenAPI 3 description of the portal's own endpoints (cms/openapi.yaml)."""
    return HttpResponse(OPENAPI_FILE.read_bytes(), content_type="application/yaml; charset=utf-8")
