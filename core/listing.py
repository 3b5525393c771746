"""Index pages that list their descendants with validated filters and pagination."""

import datetime

from django.core.paginator import Page as PaginatorPage
from django.core.paginator import Paginator
from django.db import models
from django.db.models import Q, QuerySet
from django.utils import timezone

from .filters import ListingFilterForm, apply_listing_filters


class FilteredListingMixin:
    """For an index page: list ``listing_model`` descendants, filtered by the query string.

    Descendants, not children: providers' pages sit one level down, in their own folders.

    Unknown filter values or a malformed page number answer 400 with the form's German
    error messages instead of silently showing everything.
    """

    listing_model = None
    per_page = 12
    # sortierung=<key> -> (label, order_by fields); the first is the default
    listing_sorts: dict[str, tuple[str, tuple[str, ...]]] = {}
    # (first day field, last day field) for the von/bis date filter, or None
    listing_date_span: tuple[str, str] | None = None

    def get_listing_queryset(self) -> QuerySet:
        model = self.listing_model
        return model.objects.descendant_of(self).visible().for_cards()

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        form = ListingFilterForm(request.GET, self.listing_model)
        form.add_order_and_dates(
            {key: label for key, (label, _order) in self.listing_sorts.items()},
            dated=self.listing_date_span is not None,
        )
        items = self.get_listing_queryset()
        if form.is_valid():
            items = apply_listing_filters(items, form.cleaned_data)
            items = self.apply_dates_and_order(items, form.cleaned_data)
            page_number = form.cleaned_data.get("seite") or 1
        else:
            items = items.none()
            page_number = 1
        context["filter_form"] = form
        context["items"] = self.paginate(request, items, page_number)
        return context

    def paginate(self, request, items: QuerySet, page_number: int) -> PaginatorPage:
        """The page of ``items`` shown (a listing with an order of its own reads them its way)."""
        return Paginator(items, self.per_page).get_page(page_number)

    def apply_dates_and_order(self, items: QuerySet, cleaned_data: dict) -> QuerySet:
        """Keep what runs within von–bis (overlapping the range), in the chosen order."""
        if self.listing_date_span and (cleaned_data.get("von") or cleaned_data.get("bis")):
            items = self.filter_by_dates(items, cleaned_data.get("von"), cleaned_data.get("bis"))
        sort = cleaned_data.get("sortierung")
        if sort and sort in self.listing_sorts:
            items = items.order_by(*self.listing_sorts[sort][1])
        return items

    def filter_by_dates(self, items: QuerySet, since: datetime.date | None, until: datetime.date | None) -> QuerySet:
        """What runs on at least one day between ``since`` and ``until`` (an open end: no last day)."""
        first, last = self.listing_date_span
        if until:
            items = items.filter(**{f"{first}__lt": self.day_after(until, first)})
        if since:
            items = items.filter(Q(**{f"{last}__gte": self.day_start(since, last)}) | Q(**{f"{last}__isnull": True}))
        return items

    def _date_value(self, day: datetime.date, field: str):
        """A day as the field compares: a date, or the day's start in the site's time zone."""
        if isinstance(self.listing_model._meta.get_field(field), models.DateTimeField):
            return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))
        return day

    def day_start(self, day: datetime.date, field: str):
        return self._date_value(day, field)

    def day_after(self, day: datetime.date, field: str):
        return self._date_value(day + datetime.timedelta(days=1), field)

    def serve(self, request, *args, **kwargs):
        # before RoutablePageMixin in the bases: its index route renders without calling Page.serve
        response = super().serve(request, *args, **kwargs)
        form = getattr(response, "context_data", {}).get("filter_form")
        if form is not None and not form.is_valid():
            response.status_code = 400
        return response
