"""The upload form of the admin's import."""

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _


class ImportForm(forms.Form):
    datei = forms.FileField(
        label=_("Datei im 3L-Austauschformat"),
        help_text=_("JSON Lines (.jsonl), UTF-8: ein Objekt pro Zeile, Anbieter vor ihren Inhalten."),
        error_messages={"required": _("Bitte eine Datei auswählen."), "empty": _("Die Datei ist leer.")},
    )
    entwurf = forms.BooleanField(
        label=_("Als Entwürfe anlegen und zur Freigabe durch das Servicebüro einreichen"),
        required=False,
        help_text=_("Ohne Haken wird alles sofort veröffentlicht (für die Übernahme eigener Daten)."),
    )
    einladen = forms.BooleanField(
        label=_("Neue Anbieter mit Ansprechperson und E-Mail erhalten einen Zugang (Einladung per E-Mail)"),
        required=False,
    )

    def clean_datei(self):
        upload = self.cleaned_data["datei"]
        limit = settings.AUSTAUSCH_MAX_UPLOAD_BYTES
        if upload.size > limit:
            raise forms.ValidationError(
                _("Die Datei ist zu groß (höchstens %(mb)s MB).") % {"mb": limit // (1024 * 1024)}
            )
        return upload
