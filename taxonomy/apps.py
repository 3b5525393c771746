"""The shared taxonomies (Bereich, Lebenslage, Zielgruppe, Ort, accessibility features) used by offers, events and articles alike."""

from django.apps import AppConfig


class TaxonomyConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "taxonomy"
    verbose_name = "Taxonomien"
