from django import forms
from django.utils.translation import gettext_lazy as _

from security.spam import SpamProtectedForm
from taxonomy.models import Lebenslage, Ort, Zielgruppe

from .models import Wish

INVALID = _("Bitte wählen Sie einen der angebotenen Werte.")


class WishForm(SpamProtectedForm):
    thema = forms.CharField(
        label=_("Was fehlt Ihnen?"),
        max_length=200,
        help_text=_("z. B. „Computerkurs am Nachmittag“ oder „Treffpunkt für junge Eltern“"),
        error_messages={"required": _("Bitte beschreiben Sie kurz, was Ihnen fehlt.")},
    )
    beschreibung = forms.CharField(
        label=_("Genauer (optional)"), max_length=2000, required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    zielgruppe = forms.ModelChoiceField(
        label=_("Für wen?"),
        queryset=Zielgruppe.objects.all(),
        required=False,
        to_field_name="slug",
        empty_label=_("– egal –"),
        error_messages={"invalid_choice": INVALID},
    )
    lebenslage = forms.ModelChoiceField(
        label=_("Lebenslage"),
        queryset=Lebenslage.objects.all(),
        required=False,
        to_field_name="slug",
        empty_label=_("– egal –"),
        error_messages={"invalid_choice": INVALID},
    )
    ort = forms.ModelChoiceField(
        label=_("Wo?"),
        queryset=Ort.objects.all(),
        required=False,
        to_field_name="slug",
        empty_label=_("– im ganzen Landkreis –"),
        error_messages={"invalid_choice": INVALID},
    )
    zeiten = forms.MultipleChoiceField(
        label=_("Wann würde es Ihnen passen?"),
        choices=Wish.Time.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": INVALID},
    )

    def wish_fields(self) -> dict:
        data = self.cleaned_data
        return {
            "topic": data["thema"].strip(),
            "description": data["beschreibung"].strip(),
            "zielgruppe": data["zielgruppe"],
            "lebenslage": data["lebenslage"],
            "ort": data["ort"],
            "preferred_times": list(data["zeiten"]),
        }
