"""The registration form (public page and API) and the admin's form for registering someone."""

from django import forms
from django.utils.translation import gettext_lazy as _

from core.forms import EMAIL_ERRORS, EMAIL_MAX_LENGTH
from security.spam import SpamProtectedForm

from .models import Slot
from .services import all_full, open_slots


class SlotChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, slot):
        free = slot.free_seats
        seats = _("%(n)s Plätze frei") % {"n": free} if free else _("ausgebucht – Warteliste")
        return f"{slot} ({seats})"


class RegistrationFields(forms.Form):
    termin = SlotChoiceField(
        label=_("Termin"),
        queryset=Slot.objects.none(),
        empty_label=None,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Bitte wählen Sie einen Termin."),
            "invalid_choice": _("Bitte wählen Sie einen der angebotenen Termine."),
        },
    )
    name = forms.CharField(
        label=_("Vor- und Nachname"), max_length=200, error_messages={"required": _("Bitte geben Sie Ihren Namen an.")}
    )
    email = forms.EmailField(
        label=_("E-Mail"),
        help_text=_("Hierhin senden wir die Bestätigung und einen Link zum Abmelden."),
        max_length=EMAIL_MAX_LENGTH,
        error_messages=EMAIL_ERRORS,
    )
    telefon = forms.CharField(
        label=_("Telefon (optional)"), max_length=50, required=False, help_text=_("Für kurzfristige Änderungen.")
    )
    personen = forms.IntegerField(
        label=_("Anzahl Personen"),
        min_value=1,
        initial=1,
        error_messages={
            "required": _("Bitte geben Sie die Anzahl der Personen an."),
            "invalid": _("Bitte geben Sie eine ganze Zahl an."),
            "min_value": _("Bitte mindestens 1 Person anmelden."),
        },
    )
    nachricht = forms.CharField(
        label=_("Nachricht an den Anbieter (optional)"),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, data=None, *args, slots=(), **kwargs):
        if data is not None and len(slots) == 1 and not data.get("termin"):
            data = data.copy()
            data["termin"] = slots[0].pk  # one slot: nothing to choose
        super().__init__(data, *args, **kwargs)
        field = self.fields["termin"]
        field.queryset = Slot.objects.filter(pk__in=[s.pk for s in slots])  # what a submitted choice is checked against
        # the labels from the slots given, seats already counted: no query per slot
        field.choices = [(slot.pk, field.label_from_instance(slot)) for slot in slots]
        if len(slots) == 1:
            self.fields["termin"].initial = slots[0].pk
            self.fields["termin"].widget = forms.HiddenInput()

    def registration_kwargs(self) -> dict:
        data = self.cleaned_data
        return {
            "name": data["name"],
            "email": data["email"],
            "phone": data["telefon"],
            "people": data["personen"],
            "note": data["nachricht"],
        }


class RegistrationForm(SpamProtectedForm, RegistrationFields):
    """What residents fill in on an offer's page (and what the API accepts as JSON)."""

    einwilligung = forms.BooleanField(
        label=_(
            "Ich bin mit der Speicherung meiner Angaben für diese Anmeldung einverstanden "
            "(siehe Datenschutzhinweise). Wir löschen Ihre Angaben nach dem letzten Termin; die Frist nennen "
            "die Datenschutzhinweise."
        ),
        error_messages={"required": _("Bitte stimmen Sie der Verarbeitung Ihrer Angaben zu.")},
    )


class OnBehalfForm(RegistrationFields):
    """The service office or a provider registers someone who phoned or came to the counter."""

    email = forms.EmailField(
        label=_("E-Mail (optional)"),
        required=False,
        error_messages=EMAIL_ERRORS,
        max_length=EMAIL_MAX_LENGTH,
        help_text=_("Ohne E-Mail-Adresse erhält die Person keine Bestätigung; bitte mündlich bestätigen."),
    )
    einwilligung = forms.BooleanField(
        label=_("Die Person ist mit der Speicherung ihrer Angaben einverstanden (mündlich eingeholt)."),
        error_messages={"required": _("Bitte holen Sie die Einwilligung der Person ein.")},
    )

    def __init__(self, data=None, *args, slots=(), **kwargs):
        super().__init__(data, *args, slots=slots, **kwargs)
        self.fields["termin"].widget = forms.Select()


class DeletionRequestForm(SpamProtectedForm):
    email = forms.EmailField(label=_("Ihre E-Mail-Adresse"), max_length=EMAIL_MAX_LENGTH, error_messages=EMAIL_ERRORS)


class MessageForm(forms.Form):
    subject = forms.CharField(label=_("Betreff"), max_length=150)
    text = forms.CharField(label=_("Nachricht"), widget=forms.Textarea(attrs={"rows": 8}))


def registration_box_context(page) -> dict:
    """What the registration box shows: the open slots with their seats counted now, and the empty form."""
    slots = open_slots(page) if getattr(page, "takes_registrations", False) else []
    return {"page": page, "slots": slots, "form": RegistrationForm(slots=slots), "all_full": all_full(slots)}
