"""The service office's actions in the admin: approve or reject a request, invite a provider's user,
issue and revoke the tokens of a provider's software."""

from django.contrib.auth import get_user_model
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.modeladmin import ObjectActionView

from . import api_tokens, services
from .forms import InviteForm, IssueTokenForm, RejectForm


class ApproveRequestView(ObjectActionView):
    page_title = gettext_lazy("Anfrage annehmen")
    template_name = "anbieter/admin/approve_request.html"
    permission_check = "user_can_decide"

    def perform(self, form) -> str:
        provider = services.approve_provider_request(self.instance, self.request.user)
        return _("„%(name)s“ ist jetzt Anbieter. Die Einladung ist an %(email)s versendet.") % {
            "name": provider.name,
            "email": self.instance.email,
        }


class RejectRequestView(ObjectActionView):
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


class InviteUserView(ObjectActionView):
    page_title = gettext_lazy("Person einladen")
    template_name = "anbieter/admin/invite_user.html"
    permission_check = "user_can_invite"
    form_class = InviteForm

    def get_context_data(self, **kwargs):
        group = self.instance.group
        members = (
            group.user_set.exclude(username__startswith=api_tokens.TECHNICAL_USER_PREFIX).order_by("last_name", "email")
            if group
            else []
        )
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


class ApiTokensView(ObjectActionView):
    """The provider's tokens (issued, last used, revoked); issue one (shown once) or revoke one."""

    page_title = gettext_lazy("Schnittstelle")
    template_name = "anbieter/admin/api_tokens.html"
    permission_check = "user_can_manage_tokens"
    form_class = IssueTokenForm

    def get_context_data(self, **kwargs):
        return super().get_context_data(tokens=api_tokens.tokens_of(self.instance), **kwargs)

    def post(self, request, *args, **kwargs):
        if "revoke" in request.POST:
            token_id = request.POST["revoke"]
            if not token_id.isdigit():
                raise Http404
            token = get_object_or_404(api_tokens.tokens_of(self.instance), pk=token_id)
            return self.attempt(lambda: self.revoke(token), self.form_class())
        form = self.get_form()
        if not form.is_valid():
            return self.render(form, status=400)
        token, plaintext = api_tokens.issue_token(self.instance, request.user, form.cleaned_data["name"])
        # rendered, not redirected: the plaintext must not pass through the session's messages
        response = TemplateResponse(
            request,
            self.template_name,
            self.get_context_data(form=self.form_class(), new_token=token, plaintext=plaintext),
        )
        response["Cache-Control"] = "no-store"
        return response

    def revoke(self, token) -> str:
        api_tokens.revoke_token(self.instance, token, self.request.user)
        return _("Der Schlüssel „%(name)s“ ist gesperrt; die Software des Anbieters kann ihn nicht mehr verwenden.") % {
            "name": token.name
        }

    def get_success_url(self):
        return self.url_helper.get_action_url("schnittstelle", self.pk_quoted)
