"""The provider as nested in the API's page representations."""

from rest_framework import serializers


class AnbieterSerializer(serializers.Serializer):
    slug = serializers.CharField()
    name = serializers.CharField()
    kind = serializers.CharField()
    kind_display = serializers.CharField(source="get_kind_display")
    website = serializers.URLField()
    url = serializers.CharField(source="get_absolute_url")
