"""Forms of provider onboarding: the public request, the service office's rejection and invitation."""

from django import forms
from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from core.text import german_slugify
from security.spam import timestamp_token

from . import services
from .models import Anbieter, ProviderRequest

LOGO_FORMATS = {"PNG", "JPEG", "GIF", "WEBP"}
LOGO_MAX_PIXELS = 40_000_000


def logo_max_bytes() -> int:
    return getattr(settings, "PROVIDER_LOGO_MAX_UPLOAD_SIZE", 2 * 1024 * 1024)


class LogoField(forms.ImageField):
    """An image of a common web format, not too large: the size is checked before Pillow reads the file."""

    def to_python(self, data):
        if data and data.size > logo_max_bytes():
            raise forms.ValidationError(
                _("Das Logo ist zu groß (%(size)s). Erlaubt sind höchstens %(max)s.")
                % {"size": filesizeformat(data.size), "max": filesizeformat(logo_max_bytes())},
                code="file_too_large",
            )
        logo = super().to_python(data)
        if logo is None:
            return None
        if logo.image.format not in LOGO_FORMATS:
            raise forms.ValidationError(self.error_messages["invalid_image"], code="invalid_image")
        if logo.image.width * logo.image.height > LOGO_MAX_PIXELS:
            raise forms.ValidationError(
                _("Das Logo hat zu viele Bildpunkte; bitte verkleinern Sie es."), code="too_many_pixels"
            )
        return logo


class ProviderRequestForm(forms.ModelForm):
    """An organisation asks for a provider account."""

    # Honeypot: hidden from people (and from screen readers), filled in by spam bots.
    homepage = forms.CharField(
        label=_("Bitte dieses Feld leer lassen"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )
    # the signed render time (security.spam): a bot posting straight away, or with no form at all, is refused
    formular_zeit = forms.CharField(required=False, widget=forms.HiddenInput)
    consent = forms.BooleanField(
        label=_("Ich habe die Nutzungsbedingungen und die Datenschutzhinweise gelesen und stimme ihnen zu."),
        error_messages={"required": _("Bitte stimmen Sie den Nutzungsbedingungen und den Datenschutzhinweisen zu.")},
    )

    class Meta:
        model = ProviderRequest
        fields = ["organisation", "kind", "description", "logo", "contact_name", "email"]  # as the form shows them
        labels = {"organisation": _("Name der Organisation"), "description": _("Kurzbeschreibung Ihrer Organisation")}
        help_texts = {
            "organisation": _("So erscheint Ihre Organisation im Portal, z. B. „Volkshochschule Elbe-Elster“."),
            "email": _("An diese Adresse senden wir die Entscheidung und den Link zum Festlegen Ihres Passworts."),
            "description": _("Was bietet Ihre Organisation an, und für wen? Höchstens 1000 Zeichen."),
        }
        field_classes = {"logo": LogoField}
        widgets = {
            "kind": forms.RadioSelect,
            "description": forms.Textarea(attrs={"rows": 5}),
            "logo": forms.ClearableFileInput(attrs={"accept": "image/png,image/jpeg,image/gif,image/webp"}),
        }
        error_messages = {
            "organisation": {"required": _("Bitte geben Sie den Namen Ihrer Organisation an.")},
            "kind": {
                "required": _("Bitte wählen Sie die Art des Trägers."),
                "invalid_choice": _("Bitte wählen Sie eine der angebotenen Arten des Trägers."),
            },
            "contact_name": {"required": _("Bitte nennen Sie eine Ansprechperson.")},
            "email": {
                "required": _("Bitte geben Sie eine E-Mail-Adresse an."),
                "invalid": _("Bitte geben Sie eine gültige E-Mail-Adresse an, z. B. name@beispiel.de."),
            },
            "description": {"required": _("Bitte beschreiben Sie Ihre Organisation in wenigen Sätzen.")},
            "logo": {
                "invalid_image": _("Das Logo muss eine Bilddatei sein (PNG, JPEG, GIF oder WebP)."),
            },
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = Anbieter.Kind.choices  # no empty choice for radio buttons
        if not self.is_bound:
            self.initial["formular_zeit"] = timestamp_token()
        self.fields["logo"].help_text = _("Optional. PNG, JPEG, GIF oder WebP, höchstens %(size)s.") % {
            "size": filesizeformat(logo_max_bytes())
        }

    @property
    def is_spam(self) -> bool:
        return bool(self.data.get("homepage"))

    def clean_organisation(self):
        name = " ".join(self.cleaned_data["organisation"].split())
        if not german_slugify(name):
            raise forms.ValidationError(_("Bitte geben Sie einen Namen mit Buchstaben oder Ziffern an."))
        if services.provider_exists(name):
            raise forms.ValidationError(
                _("Eine Organisation dieses Namens ist bereits Anbieter im Portal. Haben Sie schon einen Zugang?")
            )
        if services.request_pending(name):
            raise forms.ValidationError(
                _("Für diese Organisation liegt bereits eine Anfrage vor; wir melden uns bald.")
            )
        return name

    def clean_email(self):
        email = self.cleaned_data["email"].strip().lower()
        if services.email_taken(email):
            raise forms.ValidationError(
                _("Für diese E-Mail-Adresse gibt es bereits einen Zugang. Bitte nutzen Sie eine andere Adresse.")
            )
        return email

    def request_fields(self) -> dict:
        return {name: self.cleaned_data[name] for name in self._meta.fields}


class RejectForm(forms.Form):
    reason = forms.CharField(
        label=_("Begründung"),
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Wird der Organisation per E-Mail mitgeteilt. Bitte sachlich und verständlich."),
        error_messages={"required": _("Bitte eine Begründung angeben; sie wird der Organisation mitgeteilt.")},
    )


class InviteForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=150)
    email = forms.EmailField(label=_("E-Mail"))

    def clean_email(self):
        email = self.cleaned_data["email"].strip().lower()
        if services.email_taken(email):
            raise forms.ValidationError(_("Für diese E-Mail-Adresse gibt es bereits einen Zugang."))
        return email


class IssueTokenForm(forms.Form):
    name = forms.CharField(
        label=_("Bezeichnung"),
        max_length=100,
        help_text=_("Wofür der Schlüssel ist, z. B. „Kursverwaltung der Volkshochschule“."),
        error_messages={"required": _("Bitte geben Sie eine Bezeichnung an.")},
    )
