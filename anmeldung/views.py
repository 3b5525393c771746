"""Residents register, cancel by link and ask for their data to be deleted; the printable programme."""

import logging
from smtplib import SMTPException

from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache

from bildungsboerse.models import OfferPage
from core.canonical import absolute_url
from core.forms import describe_fields
from kalender.models import EventPage
from security.forms import public_form_view
from security.jsonapi import as_id, error_response, form_error_response, is_valid, json_post_endpoint
from taxonomy.models import Ort

from . import appointments, fairness, services, tokens
from .forms import DeletionRequestForm, RegistrationForm, registration_box_context

logger = logging.getLogger(__name__)


def _add_errors(form, error: ValidationError) -> None:
    for field, messages in error.message_dict.items():
        form.add_error(field if field in form.fields else None, messages)


@never_cache
def register(request, page_id):
    page = services.registrable_page(page_id)
    if page is None:
        raise Http404
    slots = services.open_slots(page)

    def save(form):
        try:
            registration = register_fairly(request, page, form)
        except ValidationError as error:
            _add_errors(form, error)
            return None
        except (SMTPException, OSError):
            logger.exception("Registration mail failed; nothing was stored")
            form.add_error(None, MAIL_UNAVAILABLE)
            return render(
                request,
                "anmeldung/register.html",
                {"page": page, "form": describe_fields(form), "slots": slots},
                status=503,
            )
        return render(request, "anmeldung/registered.html", registered_context(page, registration))

    form = RegistrationForm(request.POST if request.method == "POST" else None, slots=slots)
    return public_form_view(request, form, "anmeldung", "anmeldung/register.html", save, {"page": page, "slots": slots})


@never_cache
def registration_box(request, page_id):
    """The registration box's live part, loaded into the offer's or event's cached page by portal.js: the seats
    as they are now and the form with its CSRF token (which sets the cookie here, not on the cached page).
    The form posts to ``register``, which shows errors and the confirmation on a page of its own."""
    page = services.registrable_page(page_id)
    if page is None:
        raise Http404
    return render(request, "anmeldung/_box_content.html", registration_box_context(page))


MAIL_UNAVAILABLE = gettext_lazy(
    "Die Bestätigung konnte gerade nicht per E-Mail versendet werden; Ihre Anmeldung wurde "
    "nicht gespeichert. Bitte versuchen Sie es in einigen Minuten erneut."
)
SEATS_USED_UP = gettext_lazy(
    "Von Ihrem Anschluss wurden für diesen Termin schon %(n)s Plätze gebucht. Damit alle eine Chance "
    "haben, melden Sie weitere Personen bitte direkt beim Anbieter an."
)


def register_fairly(request, page, form):
    """Register from the public form or API within the client's seat allowance (anmeldung.fairness)."""
    slot, people = form.cleaned_data["termin"], form.registration_kwargs().get("people", 1)
    if not fairness.reserve_seats(request, slot, people):
        raise ValidationError({"personen": SEATS_USED_UP % {"n": fairness.allowance()}})
    try:
        return services.register_from_form(page, form)
    except (ValidationError, SMTPException, OSError):
        fairness.give_back_seats(request, slot, people)
        raise


REGISTRATION_FIELDS = ("seite", "termin", "name", "email", "telefon", "personen", "nachricht", "einwilligung")


@json_post_endpoint("anmeldung", REGISTRATION_FIELDS)
def api_register(request, data):
    """POST /api/v2/anmeldungen/ {"seite": id, "termin": id?, "name", "email", "telefon", "personen", ...}."""
    page_id = as_id(data.get("seite"))
    page = services.registrable_page(page_id) if page_id is not None else None
    if page is None:
        return error_response(_("Keine Seite mit Anmeldung über das Portal unter dieser Nummer."), "seite")
    slots = services.open_slots(page)
    form = RegistrationForm({k: v for k, v in data.items() if k != "seite"}, slots=slots)
    if is_valid(form):
        try:
            registration = register_fairly(request, page, form)
        except ValidationError as error:
            _add_errors(form, error)
        except (SMTPException, OSError):
            logger.exception("Registration mail failed; nothing was stored")
            return error_response(str(MAIL_UNAVAILABLE), status=503)
        else:
            return JsonResponse(
                {
                    "id": registration.pk,
                    "status": registration.status,
                    "termin": registration.slot_id,
                    "personen": registration.people,
                },
                status=201,
            )
    return form_error_response(form)


ALREADY_CANCELLED = "Diese Anmeldung ist bereits storniert."
DELETION_MAIL_UNAVAILABLE = gettext_lazy(
    "Der E-Mail-Versand ist gerade gestört; es wurde nichts geändert. Bitte versuchen Sie es in einigen Minuten erneut."
)
CANCEL_MAIL_UNAVAILABLE = (
    "Die Stornierung konnte gerade nicht bestätigt werden (E-Mail-Versand gestört); Ihre Anmeldung "
    "besteht weiter. Bitte versuchen Sie es in einigen Minuten erneut."
)


@never_cache
def cancel(request, token):
    registration = services.registration_for_token(token)
    if registration is None or not registration.is_active:
        message = (
            ALREADY_CANCELLED
            if registration is not None
            else "Dieser Link ist ungültig oder abgelaufen. Bitte wenden Sie sich an den Anbieter."
        )
        return render(request, "anmeldung/cancel.html", {"error": message}, status=400)
    if request.method == "POST":
        try:
            services.cancel(registration)
        except ValidationError:
            # a double click: the other request cancelled it between our check and our lock
            return render(request, "anmeldung/cancel.html", {"error": ALREADY_CANCELLED}, status=400)
        except (SMTPException, OSError):
            logger.exception("Cancellation mail failed; nothing was changed")
            return render(
                request,
                "anmeldung/cancel.html",
                {"registration": registration, "error": CANCEL_MAIL_UNAVAILABLE},
                status=503,
            )
        return render(request, "anmeldung/cancel.html", {"registration": registration, "done": True})
    return render(request, "anmeldung/cancel.html", {"registration": registration})


@never_cache
def delete_data_request(request):
    def send_link(form):
        try:
            services.request_data_deletion(form.cleaned_data["email"])
        except (SMTPException, OSError):  # nothing is stored by the request: the person simply asks again
            logger.exception("Deletion link mail failed")
            form.add_error(None, DELETION_MAIL_UNAVAILABLE)
            return render(request, "anmeldung/delete_data_request.html", {"form": describe_fields(form)}, status=503)
        return render(request, "anmeldung/delete_data_requested.html")

    return public_form_view(
        request,
        DeletionRequestForm(request.POST if request.method == "POST" else None),
        "daten-loeschen",
        "anmeldung/delete_data_request.html",
        send_link,
    )


@never_cache
def delete_data(request, token):
    if request.method == "POST":
        try:
            count = services.delete_personal_data(token)
        except ValidationError as error:
            return render(request, "anmeldung/delete_data.html", {"error": error.messages[0]}, status=400)
        except (SMTPException, OSError):
            logger.exception("Data deletion stopped by the mail server; nothing was changed")
            return render(request, "anmeldung/delete_data.html", {"error": str(DELETION_MAIL_UNAVAILABLE)}, status=503)
        return render(request, "anmeldung/delete_data.html", {"done": True, "count": count})
    from .tokens import deletion_email

    email = deletion_email(token)
    if not email:
        return render(
            request,
            "anmeldung/delete_data.html",
            {"error": "Dieser Link ist ungültig oder abgelaufen. Bitte fordern Sie einen neuen an."},
            status=400,
        )
    return render(request, "anmeldung/delete_data.html", {"email": email})


def programme(request, ort_slug):
    """The coming weeks' offers and events in one municipality, in large print, for the counter and notice boards."""
    ort = get_object_or_404(Ort, slug=ort_slug)
    today = timezone.localdate()
    offers = (
        OfferPage.objects.visible()
        .current()
        .filter(ort=ort)
        .select_related("anbieter")
        .prefetch_related("dates")
        .order_by("first_date", "title")
    )
    events = (
        EventPage.objects.visible().upcoming().filter(ort=ort).select_related("anbieter").order_by("start", "title")
    )
    return render(request, "anmeldung/programme.html", {"ort": ort, "offers": offers, "events": events, "today": today})


def programme_index(request):
    """The municipalities whose large-print programme can be printed."""
    return render(request, "anmeldung/programme_index.html", {"orte": Ort.objects.order_by("name")})


def registered_context(page, registration) -> dict:
    """The confirmation page shows what the mail says: dates, venue, contact and the .ics file."""
    return {
        "page": page,
        "registration": registration,
        "is_event": page._meta.model_name == "eventpage",
        "ics_url": reverse("anmeldung:calendar", args=[tokens.cancel_token(registration)])
        if registration.email
        else "",
        **appointments.registration_details(registration),
    }


def registration_calendar(request, token):
    """The registration's dates as an .ics file, behind the same signed token as the cancel link."""
    registration = services.registration_for_token(token)
    if registration is None or not registration.is_active:
        raise Http404
    page_url = absolute_url(registration.slot.page.url or "/")
    response = HttpResponse(
        appointments.registration_ics(registration, page_url), content_type="text/calendar; charset=utf-8"
    )
    response["Content-Disposition"] = (
        f'attachment; filename="{appointments.ics_filename(registration.slot.specific_page)}"'
    )
    return response
