"""Site-wide template context: the main navigation, the map's tile server."""

from django.conf import settings
from django.utils.functional import SimpleLazyObject
from wagtail.models import Site

from .restrictions import exclude_restricted


def map_tiles(request):
    return {"map_tiles": {"url": settings.MAP_TILE_URL, "attribution": settings.MAP_TILE_ATTRIBUTION}}


def navigation(request):
    """The home page's children that are shown in menus, for the header; queried only when the header's cached
    fragment is rendered."""
    site = Site.find_for_request(request)
    if site is None:
        return {}
    root = site.root_page
    return {
        "site_root": root,
        "main_navigation": SimpleLazyObject(lambda: list(exclude_restricted(root.get_children().live().in_menu()))),
    }
