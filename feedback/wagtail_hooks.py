"""Ratings in the admin: the service office moderates comments, providers answer theirs publicly."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail_modeladmin.options import modeladmin_register

from anbieter import scoping
from anbieter.modeladmin import ProviderScopedModelAdmin, ProviderScopedPermissionHelper
from core.modeladmin import ObjectAction, ObjectActionView

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
        return (
            obj.comment_status == Rating.CommentStatus.PENDING
            and scoping.sees_all_providers(user)
            and user.has_perm("feedback.change_rating")
        )

    def user_can_answer(self, user, obj) -> bool:
        return user.has_perm("feedback.view_rating") and self.user_owns(user, obj)


class ModerateView(ObjectActionView):
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


class AnswerView(ObjectActionView):
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
    object_actions = (
        ObjectAction("approve", ApproveView, gettext_lazy("Kommentar freigeben"), "button"),
        ObjectAction("reject", RejectView, gettext_lazy("Kommentar ablehnen"), "button button-secondary no"),
        ObjectAction("answer", AnswerView, gettext_lazy("Antworten")),
    )
    menu_label = gettext_lazy("Bewertungen")
    menu_icon = "pick"
    menu_order = 245
    inspect_view_enabled = True
    list_display = ("page_title", "content", "organisation", "accessibility", "value", "comment_status", "created_at")
    list_filter = ("comment_status", "created_at")
    search_fields = ("comment", "answer")
    list_export = (
        "page_title",
        "content",
        "organisation",
        "accessibility",
        "value",
        "comment",
        "comment_status",
        "answer",
        "created_at",
    )
    inspect_view_fields = (
        "page",
        "content",
        "organisation",
        "accessibility",
        "value",
        "comment",
        "comment_status",
        "moderated_by",
        "answer",
        "answered_at",
        "created_at",
    )

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("page")
