"""Sign-up, confirmation and one-click unsubscribe of the newsletter."""

import logging
from smtplib import SMTPException

from django.http import JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt

from core.forms import describe_fields
from security.forms import public_form_view
from security.jsonapi import error_response, form_error_response, is_valid, json_post_endpoint

from . import services
from .forms import SubscribeForm

logger = logging.getLogger(__name__)
CONFIRMATION_MAIL_UNAVAILABLE = gettext_lazy(
    "Die Bestätigungs-E-Mail konnte gerade nicht versendet werden; es wurde nichts "
    "gespeichert. Bitte versuchen Sie es später erneut."
)
SUBSCRIBE_FIELDS = ("email", "lebenslage", "zielgruppe", "ort", "einwilligung")
# the same answer for a new, a pending and a confirmed address: the API tells nobody who subscribed
SUBSCRIBE_ACCEPTED = gettext_lazy(
    "Fast geschafft: Wir haben Ihnen eine E-Mail geschickt. Bitte bestätigen Sie "
    "die Anmeldung zum Newsletter mit dem Link darin."
)


@never_cache
def subscribe(request):
    def save(form):
        data = form.cleaned_data
        try:
            services.subscribe(
                data["email"], lebenslagen=data["lebenslage"], zielgruppen=data["zielgruppe"], orte=data["ort"]
            )
        except (SMTPException, OSError):  # subscribe() is one transaction: nothing was stored
            logger.exception("Newsletter confirmation mail could not be sent")
            form.add_error(None, CONFIRMATION_MAIL_UNAVAILABLE)
            return render(request, "newsletter/subscribe.html", {"form": describe_fields(form)}, status=503)
        return render(request, "newsletter/subscribed.html", {"email": data["email"]})

    return public_form_view(
        request,
        SubscribeForm(request.POST if request.method == "POST" else None),
        "newsletter",
        "newsletter/subscribe.html",
        save,
    )


@json_post_endpoint("newsletter", SUBSCRIBE_FIELDS)
def api_subscribe(request, data):
    """POST /api/v2/newsletter/ {"email", "lebenslage": [slug], "zielgruppe": [slug], "ort": [slug], "einwilligung"}."""
    form = SubscribeForm(data)
    if not is_valid(form):
        return form_error_response(form)
    cleaned = form.cleaned_data
    try:
        services.subscribe(
            cleaned["email"], lebenslagen=cleaned["lebenslage"], zielgruppen=cleaned["zielgruppe"], orte=cleaned["ort"]
        )
    except (SMTPException, OSError):  # subscribe() is one transaction: nothing was stored
        logger.exception("Newsletter confirmation mail could not be sent")
        return error_response(str(CONFIRMATION_MAIL_UNAVAILABLE), status=503)
    return JsonResponse({"message": str(SUBSCRIBE_ACCEPTED)}, status=202, json_dumps_params={"ensure_ascii": False})


@never_cache
def confirm(request, token):
    subscriber = services.confirm(token)
    if subscriber is None:
        return render(request, "newsletter/confirm.html", {"error": True}, status=400)
    return render(request, "newsletter/confirm.html", {"subscriber": subscriber})


@never_cache
@csrf_exempt  # RFC 8058: mail programs POST here without a session; the secret in the URL is the check
def unsubscribe(request, token):
    if request.method == "POST":
        services.unsubscribe(token)
        return render(request, "newsletter/unsubscribe.html", {"done": True})
    return render(request, "newsletter/unsubscribe.html", {"token": token})
