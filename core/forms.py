"""Form helpers for accessible public forms."""

from django import forms
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _

EMAIL_ERRORS = {"required": _("Bitte geben Sie Ihre E-Mail-Adresse an."),
                "invalid": _("Bitte geben Sie eine gültige E-Mail-Adresse an, z. B. name@beispiel.de."),
                "max_length": _("Die E-Mail-Adresse ist zu lang (höchstens 254 Zeichen).")}
# the models' EmailField holds 254 characters; Django's validator lets up to 320 through (PostgreSQL: 500)
EMAIL_MAX_LENGTH = 254


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


def _html_attrs(attrs: dict) -> SafeString:
    """Django's ``django/forms/widgets/attrs.html`` in Python."""
    return mark_safe("".join(
        format_html(" {}", name) if value is True else format_html(' {}="{}"', name, value)
        for name, value in attrs.items() if value is not False
    ))


class CheckboxList(forms.CheckboxSelectMultiple):
    """Django's ``CheckboxSelectMultiple`` with the same HTML, written in Python instead of three templates per
    option: a listing's filters have a hundred options (providers, places), and rendering them through the
    form templates was a third of a cold listing's time."""

    def render(self, name, value, attrs=None, renderer=None):
        widget = self.get_context(name, value, attrs)["widget"]
        if any(group for group, _options, _index in widget["optgroups"]):
            return super().render(name, value, attrs, renderer)  # grouped choices: Django's templates
        options = [option for _group, group_options, _index in widget["optgroups"] for option in group_options]
        html = format_html_join("", '<div>\n    <label{}><input type="{}" name="{}"{}{}>\n {}</label>\n\n</div>', (
            (format_html(' for="{}"', option["attrs"]["id"]) if option["attrs"].get("id") else "",
             option["type"], option["name"],
             format_html(' value="{}"', option["value"]) if option["value"] is not None else "",
             _html_attrs(option["attrs"]), option["label"])
            for option in options
        ))
        element_id, css_class = widget["attrs"].get("id"), widget["attrs"].get("class")
        return format_html("<div{}{}>{}\n</div>", format_html(' id="{}"', element_id) if element_id else "",
                           format_html(' class="{}"', css_class) if css_class else "", html)
