"""Routing a request to its page with one query for the whole path, not two per level of the tree."""

from wagtail.models import Page


def routes_itself(model) -> bool:
    """The page type decides its own sub-addresses (RoutablePageMixin, a custom ``route``)."""
    return model is not None and model.route is not Page.route


class DirectRoutingMixin:
    """For the site root: Wagtail's ``Page.route`` reads each level of the path with two queries (the child,
    then its specific row); an offer four levels deep cost eight. This reads every page along the path in
    one query (by ``url_path``), then the deepest one's specific row, with its classification
    (``route_select_related``), in a second.

    The result is the same as Wagtail's walk: the walk stops at the first page type that routes itself (the
    calendar's month, day and feed addresses) and hands it the rest of the path; a level that does not exist
    is handed to its parent, whose ``route`` answers 404 as before; a page that is not live answers 404.
    """

    def route(self, request, path_components):
        if not path_components:
            return super().route(request, path_components)
        prefixes = [f"{self.url_path}{'/'.join(path_components[:n])}/" for n in range(1, len(path_components) + 1)]
        found = {page.url_path: page for page in
                 Page.objects.filter(url_path__in=prefixes, path__startswith=self.path, depth__gt=self.depth)}
        parent, used = self, 0
        for prefix in prefixes:
            page = found.get(prefix)
            if page is None:
                break
            page._cached_parent_obj = parent  # treebeard's get_parent() reads it, as after Wagtail's walk
            parent, used = page, used + 1
            if routes_itself(page.specific_class):
                break
        if parent is self:
            return super().route(request, path_components)
        return specific_for_route(parent).route(request, path_components[used:])


def specific_for_route(page: Page) -> Page:
    """The page's specific row, with the foreign keys its template shows on every request."""
    model = page.specific_class
    if model is None:
        return page
    related = getattr(model, "route_select_related", ())
    specific = model._default_manager.select_related(*related).get(pk=page.pk)
    specific._cached_parent_obj = page._cached_parent_obj
    return specific
