"""How the fields page types share appear in the API: venue, terms, municipality, provider and ratings.

They serialise plain attributes, so they need none of the apps whose models they describe.
"""

from django.core.exceptions import ObjectDoesNotExist
from rest_framework import serializers


class VenueSerializer(serializers.Serializer):
    """A venue: address, municipality and coordinates."""

    def to_representation(self, page):
        coordinates = page.coordinates
        return {
            "name": page.venue_name,
            "street": page.street,
            "postal_code": page.postal_code or (page.ort.postal_code if page.ort_id else ""),
            "ort": {"slug": page.ort.slug, "name": page.ort.name} if page.ort_id else None,
            "latitude": coordinates[0] if coordinates else None,
            "longitude": coordinates[1] if coordinates else None,
        }


class TermSerializer(serializers.Serializer):
    """A taxonomy term: a small object with slug and name."""

    slug = serializers.CharField()
    name = serializers.CharField()


class OrtSerializer(serializers.Serializer):
    slug = serializers.CharField()
    name = serializers.CharField()
    latitude = serializers.FloatField()
    longitude = serializers.FloatField()


class AnbieterSerializer(serializers.Serializer):
    """The provider as nested in the API's page representations."""

    slug = serializers.CharField()
    name = serializers.CharField()
    kind = serializers.CharField()
    kind_display = serializers.CharField(source="get_kind_display")
    website = serializers.URLField()
    url = serializers.CharField(source="get_absolute_url")


EMPTY_RATING = {
    "anzahl": 0,
    "durchschnitt": None,
    "inhalt": None,
    "organisation": None,
    "erreichbarkeit": None,
    "preis_leistung": None,
}


class RatingSummaryField(serializers.Field):
    """Ratings: {"anzahl", "durchschnitt", "inhalt", ...} (averages rounded to one decimal)."""

    def __init__(self, **kwargs):
        kwargs["read_only"] = True
        super().__init__(**kwargs)

    def to_representation(self, page):
        try:
            summary = page.rating_summary  # prefetched by the listings (listing_prefetch_related)
        except ObjectDoesNotExist:
            return dict(EMPTY_RATING)
        return {key: round(value, 1) if isinstance(value, float) else value for key, value in summary.as_dict().items()}
