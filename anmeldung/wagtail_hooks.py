"""Registrations and slots in the admin: providers see, export and message only their own participants."""

from django.shortcuts import redirect
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin import messages
from wagtail.models import Page
from wagtail_modeladmin.options import ModelAdminGroup, modeladmin_register

from anbieter.modeladmin import ProviderScopedModelAdmin, ProviderScopedPermissionHelper
from core.modeladmin import ObjectAction

from .admin_views import CancelRegistrationView, CancelSlotView, ConfirmSlotView, MessageParticipantsView, OnBehalfView
from .models import Registration, Slot


class RegistrationPermissionHelper(ProviderScopedPermissionHelper):
    """Registrations are made through the registration rules only (online or on behalf), never edited."""

    def user_can_edit_obj(self, user, obj):
        return False

    def user_can_delete_obj(self, user, obj):
        return False  # cancel instead: the waiting list moves up; retention removes personal data

    def user_can_cancel(self, user, obj) -> bool:
        return obj.is_active and user.has_perm("anmeldung.change_registration") and self.user_owns(user, obj)


class RegistrationAdmin(ProviderScopedModelAdmin):
    model = Registration
    provider_lookup = "slot__anbieter"
    permission_helper_class = RegistrationPermissionHelper
    object_actions = (ObjectAction("cancel", CancelRegistrationView, _("Stornieren"), "button button-secondary no"),)
    create_view_class = OnBehalfView
    menu_label = _("Teilnehmende")
    menu_icon = "user"
    inspect_view_enabled = True
    list_display = ("name", "email", "phone", "people", "status", "slot", "created_at")
    list_filter = ("status", "created_at")
    search_fields = ("name", "email", "slot__title")
    list_export = ("slot", "name", "email", "phone", "people", "status", "note", "created_at", "created_by")
    inspect_view_fields = (
        "slot",
        "name",
        "email",
        "phone",
        "people",
        "note",
        "status",
        "created_at",
        "confirmed_at",
        "cancelled_at",
        "created_by",
        "consent_at",
        "anonymised_at",
    )

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("slot", "created_by")


class SlotPermissionHelper(ProviderScopedPermissionHelper):
    """Slots follow the pages: nobody creates, edits or deletes them here; their provider decides and writes."""

    def user_can_create(self, user):
        return False

    def user_can_edit_obj(self, user, obj):
        return False

    def user_can_delete_obj(self, user, obj):
        return False

    def user_can_decide(self, user, obj) -> bool:
        return obj.status == Slot.Status.OPEN and user.has_perm("anmeldung.change_slot") and self.user_owns(user, obj)

    def user_can_message(self, user, obj) -> bool:
        return user.has_perm("anmeldung.change_slot") and self.user_owns(user, obj)


class SlotAdmin(ProviderScopedModelAdmin):
    model = Slot
    permission_helper_class = SlotPermissionHelper
    object_actions = (
        ObjectAction("confirm", ConfirmSlotView, _("Findet statt"), "button"),
        ObjectAction("cancel", CancelSlotView, _("Absagen"), "button button-secondary no"),
        ObjectAction("message", MessageParticipantsView, _("Nachricht senden")),
    )
    menu_label = _("Termine")
    menu_icon = "date"
    inspect_view_enabled = True
    list_display = ("__str__", "starts_at", "status", "seats", "waiting", "minimum")
    list_filter = ("status", "kind")
    search_fields = ("title",)
    inspect_view_fields = ("title", "kind", "starts_at", "ends_at", "status", "decided_at", "decided_by", "anbieter")

    def seats(self, obj):
        return f"{obj.confirmed_people} / {obj.capacity}"

    seats.short_description = _("belegt / Plätze")

    def waiting(self, obj):
        return obj.waiting_people

    waiting.short_description = _("Warteliste")

    def minimum(self, obj):
        return obj.min_participants or "–"

    minimum.short_description = _("Mindestzahl")


@modeladmin_register
class AnmeldungGroup(ModelAdminGroup):
    menu_label = _("Anmeldungen")
    menu_icon = "user"
    menu_order = 240
    items = (SlotAdmin, RegistrationAdmin)


# --- pages with registrations are not deleted (their registrations are PROTECTed) ---

PAGE_HAS_REGISTRATIONS = _(
    "„%(title)s“ kann nicht gelöscht werden: Für diese Seite (oder eine Unterseite) gibt es Anmeldungen. "
    "Bitte sagen Sie die Termine ab oder depublizieren Sie die Seite; die Anmeldungen werden nach Ablauf der "
    "Aufbewahrungsfrist anonymisiert."
)


def _pages_with_registrations(pages) -> list:
    return [page for page in pages if Registration.objects.filter(slot__page__path__startswith=page.path).exists()]


@hooks.register("before_delete_page")
def keep_pages_with_registrations(request, page):
    # without this the delete ended in ProtectedError (500), whose logged text listed every participant's name
    if _pages_with_registrations([page]):
        messages.error(request, PAGE_HAS_REGISTRATIONS % {"title": page.get_admin_display_title()})
        return redirect("wagtailadmin_explore", page.get_parent().pk)
    return None


@hooks.register("before_bulk_action")
def keep_pages_with_registrations_in_bulk(request, action_type, objects, action_class_instance):
    if action_type != "delete":
        return None
    blocked = _pages_with_registrations([obj for obj in objects if isinstance(obj, Page)])
    if blocked:
        for page in blocked:
            messages.error(request, PAGE_HAS_REGISTRATIONS % {"title": page.get_admin_display_title()})
        return redirect("wagtailadmin_explore", blocked[0].get_parent().pk)
    return None
