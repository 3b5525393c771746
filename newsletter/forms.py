from django import forms
from django.utils.translation import gettext_lazy as _

from core.forms import EMAIL_ERRORS, EMAIL_MAX_LENGTH
from security.spam import SpamProtectedForm
from taxonomy.models import Lebenslage, Ort, Zielgruppe


class SubscribeForm(SpamProtectedForm):
    email = forms.EmailField(label=_("E-Mail"), max_length=EMAIL_MAX_LENGTH, error_messages=EMAIL_ERRORS)
    lebenslage = forms.ModelMultipleChoiceField(
        label=_("Lebenslagen"),
        queryset=Lebenslage.objects.all(),
        required=False,
        to_field_name="slug",
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Nichts gewählt: alle."),
    )
    zielgruppe = forms.ModelMultipleChoiceField(
        label=_("Zielgruppen"),
        queryset=Zielgruppe.objects.all(),
        required=False,
        to_field_name="slug",
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Nichts gewählt: alle."),
    )
    ort = forms.ModelMultipleChoiceField(
        label=_("Orte"),
        queryset=Ort.objects.all(),
        required=False,
        to_field_name="slug",
        widget=forms.SelectMultiple(attrs={"size": 8}),
        help_text=_("Nichts gewählt: der ganze Landkreis."),
    )
    einwilligung = forms.BooleanField(
        label=_("Ich möchte den Newsletter erhalten. Abmelden kann ich mich jederzeit mit einem Klick."),
        error_messages={"required": _("Bitte bestätigen Sie, dass Sie den Newsletter erhalten möchten.")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("lebenslage", "zielgruppe", "ort"):
            self.fields[name].error_messages["invalid_choice"] = _("Bitte wählen Sie nur angebotene Werte.")
