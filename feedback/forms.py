from django import forms
from django.utils.translation import gettext_lazy as _

from .models import CRITERIA

STAR_CHOICES = [(n, f"{n} {'Stern' if n == 1 else 'Sterne'}") for n in range(5, 0, -1)]


class RatingForm(forms.Form):
    """1–5 stars per criterion, an optional comment. Only reachable through a personal link."""

    content = forms.TypedChoiceField(
        label=CRITERIA["content"], coerce=int, choices=STAR_CHOICES, widget=forms.RadioSelect
    )
    organisation = forms.TypedChoiceField(
        label=CRITERIA["organisation"], coerce=int, choices=STAR_CHOICES, widget=forms.RadioSelect
    )
    accessibility = forms.TypedChoiceField(
        label=CRITERIA["accessibility"], coerce=int, choices=STAR_CHOICES, widget=forms.RadioSelect
    )
    value = forms.TypedChoiceField(label=CRITERIA["value"], coerce=int, choices=STAR_CHOICES, widget=forms.RadioSelect)
    comment = forms.CharField(
        label=_("Kommentar (optional)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Wird nach Prüfung durch das Servicebüro ohne Ihren Namen veröffentlicht."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in CRITERIA:
            self.fields[name].error_messages.update(
                {
                    "required": _("Bitte vergeben Sie 1 bis 5 Sterne für „%(label)s“.")
                    % {"label": self.fields[name].label},
                    "invalid_choice": _("Bitte 1 bis 5 Sterne vergeben."),
                }
            )


class AnswerForm(forms.Form):
    answer = forms.CharField(
        label=_("Öffentliche Antwort"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 5})
    )
