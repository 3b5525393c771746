"""The fragment cache's key parts in every template."""

from django.conf import settings
from django.utils.functional import SimpleLazyObject

from .content import content_version


def portal_cache(request):
    """For ``{% wagtailcache portal_cache.seconds "name" portal_cache.version … %}``: looked up only when used."""
    return {
        "portal_cache": {
            "seconds": settings.PORTAL_CACHE["FRAGMENT_SECONDS"],
            "version": SimpleLazyObject(content_version),
        }
    }
