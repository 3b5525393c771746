"""How taxonomy terms appear in the API: small objects with slug and name."""

from rest_framework import serializers


class TermSerializer(serializers.Serializer):
    slug = serializers.CharField()
    name = serializers.CharField()


class OrtSerializer(serializers.Serializer):
    slug = serializers.CharField()
    name = serializers.CharField()
    latitude = serializers.FloatField()
    longitude = serializers.FloatField()
