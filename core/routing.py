"""Routing a request to its page with one query for the whole path, not two per level of the tree."""

from django.conf import settings
from django.http import Http404
from wagtail.models import Page, Site


def routes_itself(model) -> bool:
    """The page type decides its own sub-addresses (RoutablePageMixin, a custom ``route``)."""
    return model is not None and model.route is not Page.route


def route_below(root: Page, request, path_components: list[str]):
    """The route result (page, args, kwargs) of a path below ``root`` (which needs only its ``url_path``, ``path``
    and ``depth``: the generic row does), or None when Wagtail's own walk must answer: the first level does not
    exist (its ``route`` answers 404 as before) or the path is empty (the root itself).

    Every page along the path is read in one query (by ``url_path``), then the deepest one's specific row, with its
    classification (``route_select_related``), in a second. The result is the same as Wagtail's walk: the walk stops
    at the first page type that routes itself (the calendar's month, day and feed addresses) and hands it the rest
    of the path; a level that does not exist is handed to its parent, whose ``route`` answers 404 as before; a page
    that is not live answers 404 (Http404 raised, as Wagtail's ``route``).
    """
    if not path_components:
        return None
    prefixes = [f"{root.url_path}{'/'.join(path_components[:n])}/" for n in range(1, len(path_components) + 1)]
    found = {
        page.url_path: page
        for page in Page.objects.filter(url_path__in=prefixes, path__startswith=root.path, depth__gt=root.depth)
    }
    parent, used = root, 0
    for prefix in prefixes:
        page = found.get(prefix)
        if page is None:
            break
        page._cached_parent_obj = parent  # treebeard's get_parent() reads it, as after Wagtail's walk
        parent, used = page, used + 1
        if routes_itself(page.specific_class):
            break
    if parent is root:
        return None
    return specific_for_route(parent).route(request, path_components[used:])


class DirectRoutingMixin:
    """For the site root: Wagtail's ``Page.route`` reads each level of the path with two queries (the child,
    then its specific row); an offer four levels deep cost eight. ``route_below`` reads them in two.
    ``PreRoutingMiddleware`` routes from the site's root row before Wagtail asks this page (whose specific row
    it reads first only to call this method)."""

    def route(self, request, path_components):
        result = route_below(self, request, path_components)
        if result is not None:
            return result
        return super().route(request, path_components)


def specific_for_route(page: Page) -> Page:
    """The page's specific row, with the foreign keys its template shows on every request."""
    model = page.specific_class
    if model is None:
        return page
    related = getattr(model, "route_select_related", ())
    specific = model._default_manager.select_related(*related).get(pk=page.pk)
    specific._cached_parent_obj = page._cached_parent_obj
    return specific


class PreRoutingMiddleware:
    """Routes a request for Wagtail's serve view from the site's root row that the site lookup read.

    Wagtail's ``route_for_request`` reads the root's specific row (the home page: one query on every request)
    only to call its ``route``; when that is ``DirectRoutingMixin``'s, this routes the same way from the generic
    row and leaves the result where Wagtail looks first (``request._wagtail_route_for_request``, documented as the
    request's route cache). The home page itself, a path whose first level does not exist, another root page type
    or a site with translations (``localized`` may pick another root) go Wagtail's own way, unchanged.
    """

    def __init__(self, get_response):
        from wagtail import views  # its module imports the Page model: not before the app registry is ready

        self.get_response = get_response
        self.serve = views.serve

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if view_func is not self.serve or hasattr(request, "_wagtail_route_for_request"):
            return None
        if getattr(settings, "WAGTAIL_I18N_ENABLED", False):
            return None
        site = Site.find_for_request(request)
        root = site.root_page if site else None
        if root is None or not issubclass(root.specific_class or Page, DirectRoutingMixin):
            return None
        path = view_kwargs.get("path", view_args[0] if view_args else "")
        try:
            result = route_below(root, request, [component for component in path.split("/") if component])
        except Http404:
            result = None
        else:
            if result is None:
                return None
        request._wagtail_route_for_request = result
        return None
