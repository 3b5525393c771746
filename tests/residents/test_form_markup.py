"""Every input of the public forms has its own label; groups of checkboxes or radio buttons are fieldsets
named by a legend (the real-browser check with axe-core is tests/browser/test_accessibility.py)."""

import re

import pytest

from .helpers import human

FORMS = ["/newsletter/", "/was-fehlt/", "/zugang/beantragen/"]


@pytest.mark.parametrize("path", FORMS)
def test_every_input_has_a_label_and_groups_have_a_legend(client, portal, path):
    for response in (client.get(path), client.post(path, human({}))):
        html = response.content.decode()
        assert 'for=""' not in html, "a label that belongs to no input"
        ids = set(re.findall(r'<input[^>]* id="([^"]+)"', html)) | set(
            re.findall(r'<(?:select|textarea)[^>]* id="([^"]+)"', html)
        )
        visible = {i for i in ids if not re.search(rf'<input type="hidden"[^>]* id="{i}"', html)}
        labelled = set(re.findall(r'<label for="([^"]+)"', html))
        assert visible <= labelled, f"inputs without a label: {sorted(visible - labelled)}"
        groups = re.findall(r'<div id="(id_[a-z_]+)">\s*<div>\s*<label for="\1_0"', html)
        for group in groups:
            assert re.search(rf'id="{group}-feld">\s*<fieldset>\s*<legend>', html), (
                f"{group} is not a fieldset with a legend"
            )


def test_newsletter_checkbox_groups_are_named_by_their_legend(client, portal):
    html = client.get("/newsletter/").content.decode()
    assert re.search(r'id="id_lebenslage-feld">\s*<fieldset>\s*<legend>Lebenslagen</legend>', html)
    assert re.search(r'id="id_zielgruppe-feld">\s*<fieldset>\s*<legend>Zielgruppen</legend>', html)
