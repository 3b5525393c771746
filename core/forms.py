"""Form helpers: accessible public forms, and the admin form of pages attributed to a provider."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm

from anbieter.media_scope import ChoosableReferencesFormMixin

from .folders import folder_of

EMAIL_ERRORS = {"required": _("Bitte geben Sie Ihre E-Mail-Adresse an."),
                "invalid": _("Bitte geben Sie eine gültige E-Mail-Adresse an, z. B. name@beispiel.de."),
                "max_length": _("Die E-Mail-Adresse ist zu lang (höchstens 254 Zeichen).")}
# the models' EmailField holds 254 characters; Django's validator lets up to 320 through (PostgreSQL: 500)
EMAIL_MAX_LENGTH = 254


class ClassifiedPageForm(ChoosableReferencesFormMixin, WagtailAdminPageForm):
    """Inside a provider's folder the page belongs to that provider: shown, but not changeable.

    Images, documents and linked pages only from what the editor may choose (anbieter.media_scope)."""

    def __init__(self, *args, parent_page=None, **kwargs):
        super().__init__(*args, parent_page=parent_page, **kwargs)
        folder = folder_of(parent_page)
        if folder is not None and "anbieter" in self.fields:
            # a disabled field ignores whatever is posted and keeps its initial value
            self.fields["anbieter"].disabled = True
            self.fields["anbieter"].help_text = _("Ergibt sich aus dem Bereich des Anbieters, in dem die Seite liegt.")
            self.initial["anbieter"] = folder.anbieter_id


def describe_fields(form):
    """Link each input to its help text and error message and mark invalid inputs, for screen readers.

    Matches the ids that templates/includes/form_field.html gives help texts and errors.
    """
    for name, field in form.fields.items():
        auto_id = form[name].auto_id
        described_by = []
        if field.help_text:
            described_by.append(f"{auto_id}-hilfe")
        if form.is_bound and name in form.errors:
            described_by.append(f"{auto_id}-fehler")
            field.widget.attrs["aria-invalid"] = "true"
        if described_by:
            field.widget.attrs["aria-describedby"] = " ".join(described_by)
    return form
