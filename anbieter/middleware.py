"""Providers' users reach only their own things in the admin, whatever id is in the URL.

Wagtail shows a page's title to any editor who guesses its id in several admin views (explorer,
history, usage, workflow history), and its bulk-action confirmations list the titles of pages,
images and documents the editor may not touch. For a provider's users this middleware answers
404 to all of that and to the site-wide reports; the service office and administrators are not
affected.
"""

from django.apps import apps
from django.http import Http404
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page
from wagtail.permissions import policy_registry

from . import scoping

# URL keyword arguments through which Wagtail's admin views receive a page
PAGE_ID_KWARGS = ("page_id", "parent_page_id", "page_to_move_id", "destination_id")
# Site-wide reports: the page-types report names the last edited page of every type, and the
# workflow and site-history reports offer every user as a filter. Providers' users have the
# dashboard panel and each page's own history instead.
CLOSED_NAMESPACES = {"wagtailadmin_reports"}
# The page chooser's answer for several chosen ids (titles, parents, edit URLs): Wagtail checks nothing.
PAGES_CHOSEN = "wagtailadmin_choose_page_chosen_multiple"


class ProviderAdminScopeMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        match = request.resolver_match
        if match is None or not match.route.startswith("admin/"):
            return None
        if not scoping.is_scoped_provider_user(request.user):
            return None
        if CLOSED_NAMESPACES.intersection(match.namespaces):
            raise Http404
        for name in PAGE_ID_KWARGS:
            if name in view_kwargs and not self.may_reach_page(request, match, view_kwargs[name]):
                raise Http404
        if match.url_name == "wagtail_bulk_action" and not self.may_act_in_bulk(request, view_kwargs):
            raise Http404
        if match.url_name == PAGES_CHOSEN and not all(
            scoping.can_choose_page(request.user, page_id) for page_id in _integers(request.GET.getlist("id"))
        ):
            raise Http404
        return None

    @staticmethod
    def may_reach_page(request, match, page_id) -> bool:
        if match.url_name == "wagtailadmin_choose_page_child":
            return scoping.can_choose_page(request.user, page_id)
        return scoping.can_see_page_in_admin(request.user, page_id)

    @staticmethod
    def may_act_in_bulk(request, view_kwargs) -> bool:
        """Bulk actions only on the user's own pages, images and documents."""
        try:
            model = apps.get_model(view_kwargs["app_label"], view_kwargs["model_name"])
        except LookupError:
            return True  # Wagtail answers 404 itself
        user = request.user
        ids = request.GET.getlist("id")
        if issubclass(model, Page):
            if "all" in ids:
                # "all" means the children (or, when searching, descendants) of childOf
                ids = [request.GET.get("childOf") or 0]
            objects = Page.objects.filter(pk__in=_integers(ids))
            return objects.filter(scoping.own_pages_q(user)).count() == len(set(ids))
        for media_model in (get_image_model(), get_document_model()):
            if issubclass(model, media_model):
                if "all" in ids:
                    return True  # Wagtail lists only what the user may change
                policy = policy_registry.get_by_type(media_model)
                own = policy.instances_user_has_any_permission_for(user, ["change", "choose"])
                return own.filter(pk__in=_integers(ids)).count() == len(set(ids))
        return False


def _integers(values) -> list[int]:
    return [int(value) for value in values if str(value).isdigit()]
