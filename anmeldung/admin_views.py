"""Admin actions: register someone on their behalf, cancel, confirm or cancel a slot, message participants."""

import logging

from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin import messages
from wagtail_modeladmin.views import WMABaseView

from anbieter import scoping
from core.mail import MAIL_ERRORS
from core.modeladmin import MAIL_FAILED, ObjectActionView

from . import services
from .forms import MessageForm, OnBehalfForm
from .models import Slot

logger = logging.getLogger(__name__)


def bookable_slots(user) -> list[Slot]:
    """Open slots of live pages that ``user`` may register people for (own provider's, or all)."""
    now = timezone.now()
    slots = (
        Slot.objects.exclude(status=Slot.Status.CANCELLED)
        .filter(page__live=True)
        .exclude(ends_at__lt=now)
        .select_related("page")
    )
    return list(scoping.scope_queryset(slots, user, "anbieter"))


class OnBehalfView(WMABaseView):
    """The service office or a provider registers a person who phoned or came by; same rules as online."""

    page_title = gettext_lazy("Person anmelden")
    template_name = "anmeldung/admin/on_behalf.html"

    def check_action_permitted(self, user):
        return self.permission_helper.user_can_create(user)

    def get(self, request, *args, **kwargs):
        return self.render(OnBehalfForm(slots=bookable_slots(request.user)))

    def post(self, request, *args, **kwargs):
        form = OnBehalfForm(request.POST, slots=bookable_slots(request.user))
        if form.is_valid():
            slot = form.cleaned_data["termin"]
            try:
                registration = services.register(slot, **form.registration_kwargs(), created_by=request.user)
            except ValidationError as error:
                for field, errors in error.message_dict.items():
                    form.add_error(field if field in form.fields else None, errors)
            except MAIL_ERRORS:  # the confirmation goes out inside the registration's transaction: nothing stored
                logger.exception("On-behalf registration mail failed; nothing was stored")
                messages.error(request, str(MAIL_FAILED))
                return self.render(form, status=503)
            else:
                status = (
                    _("bestätigt") if registration.status == registration.Status.CONFIRMED else _("auf der Warteliste")
                )
                messages.success(
                    request, _("%(name)s ist angemeldet: %(status)s.") % {"name": registration.name, "status": status}
                )
                return redirect(self.url_helper.index_url)
        return self.render(form, status=400)

    def render(self, form, status=200):
        return TemplateResponse(self.request, self.template_name, self.get_context_data(form=form), status=status)


class CancelRegistrationView(ObjectActionView):
    page_title = gettext_lazy("Anmeldung stornieren")
    template_name = "anmeldung/admin/confirm_action.html"
    permission_check = "user_can_cancel"

    def perform(self, form) -> str:
        promoted = services.cancel(self.instance, by_provider=True)
        text = _("Die Anmeldung von %(name)s ist storniert.") % {"name": self.instance.name or "–"}
        if promoted:
            text += " " + _("Nachgerückt: %(names)s.") % {"names": ", ".join(r.name for r in promoted)}
        return text


class DecideSlotView(ObjectActionView):
    template_name = "anmeldung/admin/confirm_action.html"
    permission_check = "user_can_decide"
    takes_place = True

    def perform(self, form) -> str:
        count = services.decide(self.instance, takes_place=self.takes_place, user=self.request.user)
        return _("Entschieden; %(n)s angemeldete Personen wurden per E-Mail informiert.") % {"n": count}


class ConfirmSlotView(DecideSlotView):
    page_title = gettext_lazy("Durchführung bestätigen")


class CancelSlotView(DecideSlotView):
    page_title = gettext_lazy("Termin absagen")
    takes_place = False


class MessageParticipantsView(ObjectActionView):
    page_title = gettext_lazy("Nachricht an die Angemeldeten")
    template_name = "anmeldung/admin/message.html"
    permission_check = "user_can_message"
    form_class = MessageForm

    def perform(self, form) -> str:
        count = services.message_participants(
            self.instance, subject=form.cleaned_data["subject"], text=form.cleaned_data["text"], user=self.request.user
        )
        return _("Die Nachricht ist an %(n)s Personen versendet.") % {"n": count}
