"""The service office's actions in the admin: approve or reject a request, invite a provider's user."""

import logging
from smtplib import SMTPException

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin import messages
from wagtail_modeladmin.views import InstanceSpecificView

from . import services
from .forms import InviteForm, RejectForm

logger = logging.getLogger(__name__)

MAIL_FAILED = gettext_lazy(
    "Die E-Mail konnte nicht versendet werden; es wurde nichts gespeichert. Bitte versuchen Sie es später erneut."
)


class ActionView(InstanceSpecificView):
    """A confirmation page with a form on GET; the action on POST. Checks the object's permission."""

    template_name = ""
    form_class = None
    permission_check = ""  # name of the permission helper's method that takes (user, obj)

    def check_action_permitted(self, user):
        return getattr(self.permission_helper, self.permission_check)(user, self.instance)

    def get_form(self):
        if self.form_class is None:
            return None
        return self.form_class(self.request.POST if self.request.method == "POST" else None)

    def get(self, request, *args, **kwargs):
        return self.render(self.get_form())

    def post(self, request, *args, **kwargs):
        form = self.get_form()
        if form is not None and not form.is_valid():
            return self.render(form, status=400)
        return self.attempt(lambda: self.perform(form), form)

    def attempt(self, action, form):
        """Run ``action``; report its German message, or why nothing happened."""
        request = self.request
        try:
            message = action()
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return self.render(form, status=400)
        except (SMTPException, OSError):
            logger.exception("Mail for %s %s failed", self.model_name, self.instance.pk)
            messages.error(request, str(MAIL_FAILED))
            return self.render(form, status=503)
        messages.success(request, message)
        return redirect(self.get_success_url())

    def get_success_url(self):
        return self.index_url

    def render(self, form, status=200):
        context = self.get_context_data(form=form)
        return TemplateResponse(self.request, [self.template_name], context, status=status)

    def perform(self, form) -> str:
        raise NotImplementedError


class ApproveRequestView(ActionView):
    page_title = gettext_lazy("Anfrage annehmen")
    template_name = "anbieter/admin/approve_request.html"
    permission_check = "user_can_decide"

    def perform(self, form) -> str:
        provider = services.approve_provider_request(self.instance, self.request.user)
        return _("„%(name)s“ ist jetzt Anbieter. Die Einladung ist an %(email)s versendet.") % {
            "name": provider.name,
            "email": self.instance.email,
        }


class RejectRequestView(ActionView):
    page_title = gettext_lazy("Anfrage ablehnen")
    template_name = "anbieter/admin/reject_request.html"
    permission_check = "user_can_decide"
    form_class = RejectForm

    def perform(self, form) -> str:
        services.reject_provider_request(self.instance, self.request.user, form.cleaned_data["reason"])
        return _("Die Anfrage von „%(name)s“ ist abgelehnt; die Begründung ist an %(email)s versendet.") % {
            "name": self.instance.organisation,
            "email": self.instance.email,
        }


class InviteUserView(ActionView):
    page_title = gettext_lazy("Person einladen")
    template_name = "anbieter/admin/invite_user.html"
    permission_check = "user_can_invite"
    form_class = InviteForm

    def get_context_data(self, **kwargs):
        group = self.instance.group
        members = group.user_set.order_by("last_name", "email") if group else []
        return super().get_context_data(members=members, **kwargs)

    def post(self, request, *args, **kwargs):
        if "resend" in request.POST:
            member_id = request.POST["resend"]
            if not member_id.isdigit():
                raise Http404
            member = get_object_or_404(get_user_model(), pk=member_id, groups=self.instance.group_id)
            return self.attempt(lambda: self.resend(member), self.form_class())
        return super().post(request, *args, **kwargs)

    def perform(self, form) -> str:
        user = services.invite_provider_user(self.instance, form.cleaned_data["email"], form.cleaned_data["name"])
        return _("Die Einladung ist an %(email)s versendet.") % {"email": user.email}

    def resend(self, member) -> str:
        services.resend_invitation(member, self.instance)
        return _("Eine neue Einladung ist an %(email)s versendet.") % {"email": member.email}

    def get_success_url(self):
        return self.url_helper.get_action_url("invite", self.pk_quoted)
