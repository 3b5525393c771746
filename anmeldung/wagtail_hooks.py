"""Registrations and slots in the admin: providers see, export and message only their own participants."""

from django.utils.translation import gettext_lazy as _
from wagtail_modeladmin.helpers import ButtonHelper
from wagtail_modeladmin.options import ModelAdminGroup, modeladmin_register

from anbieter.wagtail_hooks import action_button, extra_url
from core.modeladmin import ProviderScopedModelAdmin, ProviderScopedPermissionHelper

from .admin_views import (CancelRegistrationView, CancelSlotView, ConfirmSlotView, MessageParticipantsView,
                          OnBehalfView)
from .models import Registration, Slot


class RegistrationPermissionHelper(ProviderScopedPermissionHelper):
    """Registrations are made through the registration rules only (online or on behalf), never edited."""

    def user_can_edit_obj(self, user, obj):
        return False

    def user_can_delete_obj(self, user, obj):
        return False  # cancel instead: the waiting list moves up; retention removes personal data

    def user_can_cancel(self, user, obj) -> bool:
        return obj.is_active and user.has_perm("anmeldung.change_registration") and self.user_owns(user, obj)


class RegistrationButtonHelper(ButtonHelper):
    def get_buttons_for_obj(self, obj, exclude=None, classnames_add=None, classnames_exclude=None):
        buttons = super().get_buttons_for_obj(obj, exclude, classnames_add, classnames_exclude)
        if self.permission_helper.user_can_cancel(self.request.user, obj):
            buttons.append(action_button(self, "cancel", obj, _("Stornieren"), "button button-secondary no"))
        return buttons


class RegistrationAdmin(ProviderScopedModelAdmin):
    model = Registration
    provider_lookup = "slot__anbieter"
    permission_helper_class = RegistrationPermissionHelper
    button_helper_class = RegistrationButtonHelper
    create_view_class = OnBehalfView
    menu_label = _("Teilnehmende")
    menu_icon = "user"
    inspect_view_enabled = True
    list_display = ("name", "email", "phone", "people", "status", "slot", "created_at")
    list_filter = ("status", "created_at")
    search_fields = ("name", "email", "slot__title")
    list_export = ("slot", "name", "email", "phone", "people", "status", "note", "created_at", "created_by")
    inspect_view_fields = ("slot", "name", "email", "phone", "people", "note", "status", "created_at", "confirmed_at",
                           "cancelled_at", "created_by", "consent_at", "anonymised_at")

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("slot", "created_by")

    def cancel_view(self, request, instance_pk):
        return CancelRegistrationView.as_view(model_admin=self, instance_pk=instance_pk)(request)

    def get_admin_urls_for_registration(self):
        return super().get_admin_urls_for_registration() + (extra_url(self, "cancel", self.cancel_view),)


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


class SlotButtonHelper(ButtonHelper):
    def get_buttons_for_obj(self, obj, exclude=None, classnames_add=None, classnames_exclude=None):
        buttons = super().get_buttons_for_obj(obj, exclude, classnames_add, classnames_exclude)
        user = self.request.user
        if self.permission_helper.user_can_decide(user, obj):
            buttons.append(action_button(self, "confirm", obj, _("Findet statt"), "button"))
            buttons.append(action_button(self, "cancel", obj, _("Absagen"), "button button-secondary no"))
        if self.permission_helper.user_can_message(user, obj):
            buttons.append(action_button(self, "message", obj, _("Nachricht senden")))
        return buttons


class SlotAdmin(ProviderScopedModelAdmin):
    model = Slot
    permission_helper_class = SlotPermissionHelper
    button_helper_class = SlotButtonHelper
    menu_label = _("Termine")
    menu_icon = "date"
    inspect_view_enabled = True
    list_display = ("__str__", "starts_at", "status", "seats", "waiting", "minimum")
    list_filter = ("status", "kind")
    search_fields = ("title",)
    inspect_view_fields = ("title", "kind", "starts_at", "ends_at", "status", "decided_at", "decided_by", "anbieter")

    @staticmethod
    def seats(obj):
        return f"{obj.confirmed_people} / {obj.capacity}"

    seats.short_description = _("belegt / Plätze")

    @staticmethod
    def waiting(obj):
        return obj.waiting_people

    waiting.short_description = _("Warteliste")

    @staticmethod
    def minimum(obj):
        return obj.min_participants or "–"

    minimum.short_description = _("Mindestzahl")

    def confirm_view(self, request, instance_pk):
        return ConfirmSlotView.as_view(model_admin=self, instance_pk=instance_pk)(request)

    def cancel_view(self, request, instance_pk):
        return CancelSlotView.as_view(model_admin=self, instance_pk=instance_pk)(request)

    def message_view(self, request, instance_pk):
        return MessageParticipantsView.as_view(model_admin=self, instance_pk=instance_pk)(request)

    def get_admin_urls_for_registration(self):
        return super().get_admin_urls_for_registration() + (
            extra_url(self, "confirm", self.confirm_view),
            extra_url(self, "cancel", self.cancel_view),
            extra_url(self, "message", self.message_view),
        )


@modeladmin_register
class AnmeldungGroup(ModelAdminGroup):
    menu_label = _("Anmeldungen")
    menu_icon = "user"
    menu_order = 240
    items = (SlotAdmin, RegistrationAdmin)
