"""API representation of a venue: address, municipality and coordinates."""

from rest_framework import serializers


class VenueSerializer(serializers.Serializer):
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
