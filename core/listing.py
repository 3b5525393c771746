"""Index pages that list their descendants with validated filters and pagination."""

from django.core.paginator import Paginator
from django.db.models import QuerySet

from .filters import ListingFilterForm, apply_listing_filters


class FilteredListingMixin:
    """For an index page: list ``listing_model`` descendants, filtered by the query string.

    Descendants, not children: providers' pages sit one level down, in their own folders.

    Unknown filter values or a malformed page number answer 400 with the form's German
    error messages instead of silently showing everything.
    """

    listing_model = None
    per_page = 12

    def get_listing_queryset(self) -> QuerySet:
        model = self.listing_model
        return (
            model.objects.descendant_of(self)
            .visible()
            .select_related(*model.listing_select_related)
            .prefetch_related(*model.listing_prefetch_related)
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        form = ListingFilterForm(request.GET, self.listing_model)
        items = self.get_listing_queryset()
        if form.is_valid():
            items = apply_listing_filters(items, form.cleaned_data)
            page_number = form.cleaned_data.get("seite") or 1
        else:
            items = items.none()
            page_number = 1
        context["filter_form"] = form
        context["items"] = Paginator(items, self.per_page).get_page(page_number)
        return context

    def serve(self, request, *args, **kwargs):
        # before RoutablePageMixin in the bases: its index route renders without calling Page.serve
        response = super().serve(request, *args, **kwargs)
        form = getattr(response, "context_data", {}).get("filter_form")
        if form is not None and not form.is_valid():
            response.status_code = 400
        return response
