"""No admin login for the people of a suspended provider; reactivating the provider lets them in again.

Nothing is changed on the users themselves (``is_active`` stays as the service office set it): whether
someone may log in follows from their providers at every login and on every request, so a session that
was open when the provider was suspended ends with its next request. People who also work for a
provider that is still active, the service office's editors and administrators keep their access.
"""

from django import forms
from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms.auth import LoginForm

from . import scoping
from .models import Anbieter

SUSPENDED = _(
    "Der Zugang Ihres Anbieters ist derzeit gesperrt, deshalb können Sie sich nicht anmelden. "
    "Bitte wenden Sie sich an das Servicebüro."
)


def provider_access_suspended(user) -> bool:
    """Does ``user`` work only for suspended providers (and not for the service office)?"""
    if scoping.sees_all_providers(user):
        return False
    provider_ids = scoping.provider_ids_of(user)
    return bool(provider_ids) and not Anbieter.objects.active().filter(pk__in=provider_ids).exists()


class ProviderAccessBackend(ModelBackend):
    """Django's user/password backend that refuses the people of suspended providers (AUTHENTICATION_BACKENDS)."""

    def user_can_authenticate(self, user):
        return super().user_can_authenticate(user) and not provider_access_suspended(user)


class ProviderLoginForm(LoginForm):
    """Wagtail's login form (WAGTAILADMIN_USER_LOGIN_FORM) that says why a suspended provider's person is refused.

    Only after the right password: to anyone else the refusal looks like a wrong password.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Wagtail declares the field without a label: Django would show its English name "Password"
        self.fields["password"].label = _("Passwort")

    def get_invalid_login_error(self):
        username, password = self.cleaned_data.get("username"), self.cleaned_data.get("password")
        try:
            user = get_user_model()._default_manager.get_by_natural_key(username)
        except get_user_model().DoesNotExist:
            return super().get_invalid_login_error()
        if user.is_active and provider_access_suspended(user) and user.check_password(password):
            return forms.ValidationError(SUSPENDED, code="provider_suspended")
        return super().get_invalid_login_error()
