"""Site-wide template context: the main navigation."""

from wagtail.models import Site


def navigation(request):
    """The home page's children that are shown in menus, for the header."""
    site = Site.find_for_request(request)
    if site is None:
        return {}
    root = site.root_page
    return {
        "site_root": root,
        "main_navigation": root.get_children().live().in_menu().public(),
    }
