"""Providers and provider requests in the admin; what providers' users see of the rest of it."""

from django.http import Http404
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.documents import get_document_model
from wagtail.permissions import policy_registry
from wagtail_modeladmin.helpers import PermissionHelper
from wagtail_modeladmin.options import ModelAdminGroup, modeladmin_register

from core.modeladmin import CheckedModelAdmin, ObjectAction

from . import api_tokens, scoping
from .admin_views import ApiTokensView, ApproveRequestView, InviteUserView, RejectRequestView
from .api import ChoosableDocumentsAdminAPIViewSet, ChoosableImagesAdminAPIViewSet, is_published
from .media_scope import ProviderProfileForm
from .modeladmin import ProviderScopedModelAdmin, ProviderScopedPermissionHelper
from .models import Anbieter, ProviderRequest
from .panels import EditorialPanel

# --- providers ---


class AnbieterPermissionHelper(ProviderScopedPermissionHelper):
    """Providers' users see and edit their own profile; only the service office creates, deletes, invites."""

    def user_can_invite(self, user, obj) -> bool:
        return user.has_perm("anbieter.add_anbieter") and self.user_owns(user, obj)

    def user_can_manage_tokens(self, user, obj) -> bool:
        return api_tokens.may_manage_tokens(user)


class AnbieterAdmin(ProviderScopedModelAdmin):
    model = Anbieter
    provider_lookup = "pk"
    permission_helper_class = AnbieterPermissionHelper
    edit_handler = ObjectList(Anbieter.panels, base_form_class=ProviderProfileForm)
    object_actions = (
        ObjectAction("invite", InviteUserView, _("Personen")),
        ObjectAction("schnittstelle", ApiTokensView, _("Schnittstelle")),
    )
    menu_icon = "group"
    inspect_view_enabled = True
    list_display = ("name", "kind", "ort", "is_active")
    list_filter = ("kind", "is_active", "ort")
    search_fields = ("name", "email", "contact_name")
    list_export = ("name", "slug", "kind", "is_active", "street", "postal_code", "ort", "email", "phone", "website")
    inspect_view_fields = (
        "name",
        "slug",
        "kind",
        "is_active",
        "street",
        "postal_code",
        "ort",
        "contact_name",
        "email",
        "phone",
        "website",
        "description",
    )


# --- requests for an account ---


class ProviderRequestPermissionHelper(PermissionHelper):
    """Requests come from the public form only; while undecided the service office may correct them."""

    def user_can_create(self, user):
        return False

    def user_can_edit_obj(self, user, obj):
        return obj.is_pending and super().user_can_edit_obj(user, obj)

    def user_can_decide(self, user, obj) -> bool:
        return (
            obj.is_pending
            and user.has_perm("anbieter.change_providerrequest")
            and user.has_perm("anbieter.add_anbieter")
        )


class ProviderRequestAdmin(CheckedModelAdmin):
    model = ProviderRequest
    permission_helper_class = ProviderRequestPermissionHelper
    object_actions = (
        ObjectAction("approve", ApproveRequestView, _("Annehmen"), "button"),
        ObjectAction("reject", RejectRequestView, _("Ablehnen"), "button button-secondary no"),
    )
    object_actions_first = True
    menu_label = _("Anfragen auf Zugang")  # modeladmin would title-case it ("Anfragen Auf Zugang")
    menu_icon = "mail"
    inspect_view_enabled = True
    list_display = ("organisation", "kind", "contact_name", "email", "status", "created_at", "decided_by")
    list_filter = ("status", "kind", "created_at")
    search_fields = ("organisation", "contact_name", "email", "description")
    list_export = (
        "organisation",
        "kind",
        "contact_name",
        "email",
        "description",
        "status",
        "created_at",
        "decided_by",
        "decided_at",
        "reason",
    )
    inspect_view_fields = (
        "organisation",
        "kind",
        "contact_name",
        "email",
        "description",
        "logo",
        "accepted_terms_at",
        "created_at",
        "status",
        "decided_by",
        "decided_at",
        "reason",
        "anbieter",
    )
    panels = [
        FieldPanel("organisation"),
        FieldPanel("kind"),
        FieldPanel("contact_name"),
        FieldPanel("email"),
        FieldPanel("description"),
    ]


@modeladmin_register
class AnbieterGroup(ModelAdminGroup):
    menu_label = _("Anbieter")
    menu_icon = "group"
    menu_order = 250
    items = (AnbieterAdmin, ProviderRequestAdmin)


# --- what a provider's users see elsewhere in the admin ---


@hooks.register("construct_explorer_page_queryset")
def explorer_shows_providers_only_their_pages(parent_page, pages, request):
    # Wagtail's explorer already lists only explorable pages; this keeps it so if permissions widen.
    if scoping.is_scoped_provider_user(request.user):
        pages = pages.filter(scoping.admin_visible_pages_q(request.user))
    return pages


@hooks.register("construct_page_chooser_queryset")
def chooser_shows_providers_live_pages_and_their_own(pages, request):
    # The chooser browses the whole tree (wagtail/wagtail#9714): hide other providers' drafts.
    if scoping.is_scoped_provider_user(request.user):
        pages = pages.filter(scoping.choosable_pages_q(request.user))
    return pages


@hooks.register("construct_admin_api", order=1)  # after wagtail.images' and wagtail.documents' own
def admin_api_lists_only_choosable_media(router):
    router.register_endpoint("images", ChoosableImagesAdminAPIViewSet)
    router.register_endpoint("documents", ChoosableDocumentsAdminAPIViewSet)


@hooks.register("construct_homepage_panels")
def add_editorial_panel(request, panels):
    panels.append(EditorialPanel())


@hooks.register("register_log_actions")
def register_request_log_actions(actions):
    actions.register_action("anbieter.request.approve", _("Anfrage angenommen"), _("Anfrage angenommen"))
    actions.register_action("anbieter.request.reject", _("Anfrage abgelehnt"), _("Anfrage abgelehnt"))
    actions.register_action(
        api_tokens.ISSUE_ACTION, _("Schnittstellen-Schlüssel ausgegeben"), _("Schnittstellen-Schlüssel ausgegeben")
    )
    actions.register_action(
        api_tokens.REVOKE_ACTION, _("Schnittstellen-Schlüssel gesperrt"), _("Schnittstellen-Schlüssel gesperrt")
    )


@hooks.register("construct_reports_menu")
def hide_site_wide_reports_from_providers(request, menu_items):
    # closed for providers' users by anbieter.middleware: they name other providers' pages and people
    if scoping.is_scoped_provider_user(request.user):
        menu_items.clear()


@hooks.register("before_serve_page")
def suspended_providers_pages_are_gone(page, request, serve_args, serve_kwargs):
    """A suspended provider's pages answer 404 like everywhere else on the site (listings, API, search, feeds).

    The hook runs for every route of a page, so the detail, its ``ical/`` and ``?format=ics`` all answer 404.
    """
    if getattr(page, "anbieter_id", None) and not page.anbieter.is_active:  # read with the page (core.routing)
        raise Http404


@hooks.register("before_serve_document")
def unpublished_documents_stay_in_the_admin(document, request):
    """/documents/<id>/<name>: a provider's document no live page links only for those who may use it.

    The same rule as the public document API (anbieter/api.py); collection privacy is Wagtail's own hook.
    """
    if is_published(document):
        return None
    policy = policy_registry.get_by_type(get_document_model())
    if policy.user_has_any_permission_for_instance(request.user, ["change", "choose"], document):
        return None
    raise Http404
