"""Public provider pages, the onboarding request form and setting the password from an invitation."""

import logging

from django.contrib.auth import views as auth_views
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache

from core.forms import describe_fields
from core.mail import MAIL_ERRORS
from security.spam import check_submission

from . import services
from .forms import ProviderRequestForm
from .models import Anbieter
from .tokens import invitation_token_generator

logger = logging.getLogger(__name__)
REQUEST_MAIL_UNAVAILABLE = _(
    "Ihre Anfrage konnte gerade nicht übermittelt werden (E-Mail-Versand gestört); es wurde "
    "nichts gespeichert. Bitte versuchen Sie es in einigen Minuten erneut."
)


def anbieter_index(request):
    providers = Anbieter.objects.active().select_related("ort")
    return render(request, "anbieter/anbieter_index.html", {"providers": providers})


def anbieter_detail(request, slug):
    provider = get_object_or_404(Anbieter.objects.active().select_related("ort", "logo"), slug=slug)
    return render(
        request,
        "anbieter/anbieter_detail.html",
        {
            "provider": provider,
            **services.offerings_of(provider),
        },
    )


@never_cache
def request_access(request):
    form = ProviderRequestForm(
        request.POST if request.method == "POST" else None, request.FILES if request.method == "POST" else None
    )
    if request.method == "POST":
        if form.is_spam:
            return redirect("onboarding:requested")  # a bot learns nothing; nothing is stored
        # rate limit per client and the form's render time, as on the other public forms; nothing is stored
        problem = check_submission(request.POST, request, "zugang")
        if problem:
            form.add_error(None, problem)
        elif form.is_valid():
            try:
                services.submit_provider_request(**form.request_fields())  # one transaction with its mails
            except MAIL_ERRORS:
                logger.exception("Provider request mail failed; nothing was stored")
                form.add_error(None, REQUEST_MAIL_UNAVAILABLE)
                return render(request, "anbieter/request_access.html", {"form": describe_fields(form)}, status=503)
            return redirect("onboarding:requested")
    status = 400 if form.is_bound else 200
    return render(request, "anbieter/request_access.html", {"form": describe_fields(form)}, status=status)


def access_requested(request):
    return render(request, "anbieter/request_access_done.html")


class SetPasswordView(auth_views.PasswordResetConfirmView):
    """The invited person chooses a password; the link is spent afterwards."""

    template_name = "anbieter/set_password.html"
    token_generator = invitation_token_generator
    reset_url_token = "passwort-festlegen"
    success_url = reverse_lazy("onboarding:password_set")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if context.get("form") is not None:
            describe_fields(context["form"])
        return context


class PasswordSetView(auth_views.PasswordResetCompleteView):
    template_name = "anbieter/set_password_done.html"
