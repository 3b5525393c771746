"""Ratings in the admin: the service office moderates comments, providers answer theirs publicly."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail_modeladmin.helpers import ButtonHelper
from wagtail_modeladmin.options import modeladmin_register

from anbieter import scoping
from anbieter.admin_views import ActionView
from anbieter.wagtail_hooks import action_button, extra_url
from core.modeladmin import ProviderScopedModelAdmin, ProviderScopedPermissionHelper

from . import services
from .forms import AnswerForm
from .models import Rating


class RatingPermissionHelper(ProviderScopedPermissionHelper):
    def user_can_create(self, user):
        return False  # only participants rate, through their personal link

    def user_can_edit_obj(self, user, obj):
        return False

    def user_can_delete_obj(self, user, obj):
        return False

    def user_can_moderate(self, user, obj) -> bool:
        return (obj.comment_status == Rating.CommentStatus.PENDING and scoping.sees_all_providers(user)
                and user.has_perm("feedback.change_rating"))

    def user_can_answer(self, user, obj) -> bool:
        return user.has_perm("feedback.view_rating") and self.user_owns(user, obj)


class RatingButtonHelper(ButtonHelper):
    def get_buttons_for_obj(self, obj, exclude=None, classnames_add=None, classnames_exclude=None):
        buttons = super().get_buttons_for_obj(obj, exclude, classnames_add, classnames_exclude)
        user = self.request.user
        if self.permission_helper.user_can_moderate(user, obj):
            buttons.append(action_button(self, "approve", obj, _("Kommentar freigeben"), "button"))
            buttons.append(action_button(self, "reject", obj, _("Kommentar ablehnen"), "button button-secondary no"))
        if self.permission_helper.user_can_answer(user, obj):
            buttons.append(action_button(self, "answer", obj, _("Antworten")))
        return buttons


class ModerateView(ActionView):
    template_name = "feedback/admin/confirm_action.html"
    permission_check = "user_can_moderate"
    approve = True

    def perform(self, form) -> str:
        services.moderate(self.instance, approve=self.approve, user=self.request.user)
        return _("Der Kommentar ist freigegeben.") if self.approve else _("Der Kommentar ist abgelehnt.")


class ApproveView(ModerateView):
    page_title = gettext_lazy("Kommentar freigeben")


class RejectView(ModerateView):
    page_title = gettext_lazy("Kommentar ablehnen")
    approve = False


class AnswerView(ActionView):
    page_title = gettext_lazy("Öffentlich antworten")
    template_name = "feedback/admin/answer.html"
    permission_check = "user_can_answer"
    form_class = AnswerForm

    def get_form(self):
        if self.request.method == "POST":
            return AnswerForm(self.request.POST)
        return AnswerForm(initial={"answer": self.instance.answer})

    def perform(self, form) -> str:
        services.answer(self.instance, text=form.cleaned_data["answer"])
        return _("Ihre Antwort ist gespeichert.")


@modeladmin_register
class RatingAdmin(ProviderScopedModelAdmin):
    model = Rating
    permission_helper_class = RatingPermissionHelper
    button_helper_class = RatingButtonHelper
    menu_label = gettext_lazy("Bewertungen")
    menu_icon = "pick"
    menu_order = 245
    inspect_view_enabled = True
    list_display = ("page_title", "content", "organisation", "accessibility", "value", "comment_status", "created_at")
    list_filter = ("comment_status", "created_at")
    search_fields = ("comment", "answer")
    list_export = ("page_title", "content", "organisation", "accessibility", "value", "comment", "comment_status",
                   "answer", "created_at")
    inspect_view_fields = ("page", "content", "organisation", "accessibility", "value", "comment", "comment_status",
                           "moderated_by", "answer", "answered_at", "created_at")

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("page")

    def approve_view(self, request, instance_pk):
        return ApproveView.as_view(model_admin=self, instance_pk=instance_pk)(request)

    def reject_view(self, request, instance_pk):
        return RejectView.as_view(model_admin=self, instance_pk=instance_pk)(request)

    def answer_view(self, request, instance_pk):
        return AnswerView.as_view(model_admin=self, instance_pk=instance_pk)(request)

    def get_admin_urls_for_registration(self):
        return super().get_admin_urls_for_registration() + (
            extra_url(self, "approve", self.approve_view),
            extra_url(self, "reject", self.reject_view),
            extra_url(self, "answer", self.answer_view),
        )
