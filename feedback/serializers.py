"""Ratings in the page API: {"anzahl", "durchschnitt", "inhalt", ...} (averages rounded to one decimal)."""

from django.core.exceptions import ObjectDoesNotExist
from rest_framework import serializers

EMPTY = {"anzahl": 0, "durchschnitt": None, "inhalt": None, "organisation": None, "erreichbarkeit": None,
         "preis_leistung": None}


class RatingSummaryField(serializers.Field):
    def __init__(self, **kwargs):
        kwargs["read_only"] = True
        super().__init__(**kwargs)

    def to_representation(self, page):
        try:
            summary = page.rating_summary  # prefetched by the listings (listing_prefetch_related)
        except ObjectDoesNotExist:
            return dict(EMPTY)
        return {key: round(value, 1) if isinstance(value, float) else value for key, value in summary.as_dict().items()}
