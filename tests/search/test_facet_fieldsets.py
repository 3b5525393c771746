"""The search's facet checkboxes (search_tags.facet_fieldsets) write exactly what the template's loop wrote."""

from django.template import Context, Template

from search.service import FACET_LABELS
from search.templatetags.search_tags import facet_fieldsets

# templates/search/_results.html before issue 17's fourth round
TEMPLATE_LOOP = """            {% for facet, values in facets.items %}{% if values %}
                <fieldset>
                    <legend>{% for key, label in facet_labels.items %}{% if key == facet %}{{ label }}{% endif %}{% endfor %}</legend>
                    <ul>{% for value in values %}
                        <li class="filter-check"><input type="checkbox" id="f-{{ facet }}-{{ value.slug }}" name="{{ facet }}" value="{% if facet == 'kostenlos' %}1{% else %}{{ value.slug }}{% endif %}"{% if value.selected %} checked{% endif %}>
                            <label for="f-{{ facet }}-{{ value.slug }}">{{ value.name }} <span class="count">({{ value.count }}<span class="visually-hidden"> Treffer</span>)</span></label></li>
                    {% endfor %}</ul>
                </fieldset>
            {% endif %}{% endfor %}
"""


def value(slug, name, count, selected=False) -> dict:
    return {"slug": slug, "name": name, "count": count, "selected": selected}


def test_the_same_html_as_the_templates_loop():
    facets = {
        "typ": [value("angebot", "Angebot / Kurs", 12, True), value("veranstaltung", "Veranstaltung", 3)],
        "zielgruppe": [],
        "ort": [value("herzberg-elster", "Herzberg (Elster)", 1234), value('a"b', "<b>Ort & Co</b>", 0, True)],
        "kostenlos": [value("ja", "kostenlos", 5, True)],
        "unbekannt": [value("x", "ohne Beschriftung", 1)],
    }
    expected = Template(TEMPLATE_LOOP).render(Context({"facets": facets, "facet_labels": FACET_LABELS}))
    ours = Template("            {% load search_tags %}{% facet_fieldsets facets facet_labels %}\n").render(
        Context({"facets": facets, "facet_labels": FACET_LABELS})
    )
    assert ours == expected
    assert facet_fieldsets(facets, FACET_LABELS) in expected
    assert (
        "&lt;b&gt;Ort &amp; Co&lt;/b&gt;" in ours and 'value="a&quot;b" checked' in ours and 'value="1" checked' in ours
    )
