"""The mails of provider onboarding, in German, as plain text from templates/anbieter/email/."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _

from anbieter.roles import SERVICE_OFFICE_GROUP
from core.canonical import absolute_url

from .tokens import invitation_token_generator


def _send(subject: str, template: str, context: dict, recipients: list[str]) -> None:
    if not recipients:
        return
    context = {"site_name": settings.WAGTAIL_SITE_NAME, **context}
    body = render_to_string(f"anbieter/email/{template}.txt", context)
    send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, recipients, fail_silently=False)


def service_office_addresses() -> list[str]:
    """The office group's people; while it has nobody with an address, the office's own (SERVICE_OFFICE_EMAIL)."""
    users = get_user_model().objects.filter(groups__name=SERVICE_OFFICE_GROUP, is_active=True).exclude(email="")
    return sorted(set(users.values_list("email", flat=True))) or [settings.SERVICE_OFFICE_EMAIL]


def send_request_received(provider_request) -> None:
    _send(
        _("Ihre Anfrage auf einen Anbieter-Zugang"),
        "request_received",
        {"request": provider_request},
        [provider_request.email],
    )


def send_request_to_service_office(provider_request) -> None:
    url = absolute_url(reverse("anbieter_providerrequest_modeladmin_inspect", args=[provider_request.pk]))
    _send(
        _("Neue Anfrage auf einen Anbieter-Zugang: %(name)s") % {"name": provider_request.organisation},
        "request_to_service_office",
        {"request": provider_request, "url": url},
        service_office_addresses(),
    )


def send_rejection(provider_request) -> None:
    _send(
        _("Ihre Anfrage auf einen Anbieter-Zugang"),
        "rejection",
        {"request": provider_request},
        [provider_request.email],
    )


def invitation_url(user) -> str:
    uidb64 = urlsafe_base64_encode(force_bytes(user.pk))
    token = invitation_token_generator.make_token(user)
    return absolute_url(reverse("onboarding:set_password", kwargs={"uidb64": uidb64, "token": token}))


def send_invitation(user, provider) -> None:
    context = {
        "user": user,
        "provider": provider,
        "url": invitation_url(user),
        "login_url": absolute_url(reverse("wagtailadmin_login")),
        "valid_days": max(1, settings.PASSWORD_RESET_TIMEOUT // 86400),
    }
    _send(_("Ihr Zugang als Anbieter im Portal"), "invitation", context, [user.email])
