"""Form helpers for accessible public forms."""

import html

from django import forms
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

EMAIL_ERRORS = {
    "required": _("Bitte geben Sie Ihre E-Mail-Adresse an."),
    "invalid": _("Bitte geben Sie eine gültige E-Mail-Adresse an, z. B. name@beispiel.de."),
    "max_length": _("Die E-Mail-Adresse ist zu lang (höchstens 254 Zeichen)."),
}
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


def _escape(value) -> str:
    """Django's ``conditional_escape`` without its lazy-string wrapper, which cost more than the escaping itself
    for the hundreds of small values of a listing's filters."""
    if hasattr(value, "__html__"):
        return value.__html__()
    return html.escape(str(value))


def _html_attrs(attrs: dict) -> str:
    """Django's ``django/forms/widgets/attrs.html`` in Python."""
    return "".join(
        f" {_escape(name)}" if value is True else f' {_escape(name)}="{_escape(value)}"'
        for name, value in attrs.items()
        if value is not False
    )


class CheckboxList(forms.CheckboxSelectMultiple):
    """Django's ``CheckboxSelectMultiple`` with the same HTML, written in Python instead of three templates per
    option: a listing's filters have a hundred options (providers, places), and rendering them through the
    form templates was a third of a cold listing's time. Plain strings with ``_escape``, not ``format_html``: the
    output is the same, without a lazy-string wrapper per value (about a tenth of the rest)."""

    def render(self, name, value, attrs=None, renderer=None):
        widget = self.get_context(name, value, attrs)["widget"]
        if any(group for group, _options, _index in widget["optgroups"]):
            return super().render(name, value, attrs, renderer)  # grouped choices: Django's templates
        options = [option for _group, group_options, _index in widget["optgroups"] for option in group_options]
        element_id, css_class = widget["attrs"].get("id"), widget["attrs"].get("class")
        return mark_safe(
            f"<div{_attribute('id', element_id)}{_attribute('class', css_class)}>"
            f"{''.join(_option_html(option) for option in options)}\n</div>"
        )


def _attribute(name: str, value) -> str:
    """`` name="value"``, or nothing for an empty value."""
    return f' {name}="{_escape(value)}"' if value else ""


def _option_html(option: dict) -> str:
    """One checkbox as Django's ``input_option.html`` and ``input.html`` write it."""
    value = "" if option["value"] is None else f' value="{_escape(option["value"])}"'
    return (
        f'<div>\n    <label{_attribute("for", option["attrs"].get("id"))}><input type="{_escape(option["type"])}" '
        f'name="{_escape(option["name"])}"{value}{_html_attrs(option["attrs"])}>\n {_escape(option["label"])}'
        f"</label>\n\n</div>"
    )
