"""The listings' filter checkboxes (core.forms.CheckboxList) write exactly the HTML of Django's own widget."""

import pytest
from django import forms

from core.forms import CheckboxList

CHOICES = [("senioren", "Seniorinnen & Senioren"), ('a"b', "<b>fett</b>"), ("praesenz", "Präsenz"), ("", "leer")]


class Filters(forms.Form):
    ours = forms.MultipleChoiceField(choices=CHOICES, required=False, widget=CheckboxList)
    djangos = forms.MultipleChoiceField(choices=CHOICES, required=False, widget=forms.CheckboxSelectMultiple)


@pytest.mark.parametrize("chosen", [[], ["senioren"], ["senioren", 'a"b'], ["unbekannt"]])
def test_the_same_html_as_djangos_checkbox_list_selected_or_not_valid_or_not(chosen):
    form = Filters({"ours": chosen, "djangos": chosen})
    form.is_valid()
    form.fields["ours"].widget.attrs.update({"class": "filter-list", "data-x": "1 & 2"})
    form.fields["djangos"].widget.attrs.update({"class": "filter-list", "data-x": "1 & 2"})
    ours = str(form["ours"]).replace("ours", "NAME")
    djangos = str(form["djangos"]).replace("djangos", "NAME")
    assert ours == djangos
    assert "&lt;b&gt;fett&lt;/b&gt;" in ours and 'value="a&quot;b"' in ours
