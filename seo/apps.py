"""What search engines and feed readers get: sitemap, robots.txt, RSS/Atom feeds, JSON-LD structured data."""

from django.apps import AppConfig


class SeoConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "seo"
    verbose_name = "Suchmaschinen und Feeds"
