"""The search page's facet checkboxes, written in Python: a search shows up to a hundred values (places,
providers, Zielgruppen), and the template's loop rendered a dozen nodes for each — a tenth of an uncached search."""

from django import template
from django.utils.formats import localize
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe

register = template.Library()


def _value_html(facet: str, value: dict) -> str:
    slug, element_id = conditional_escape(value["slug"]), conditional_escape(f"f-{facet}-{value['slug']}")
    sent = "1" if facet == "kostenlos" else slug
    checked = " checked" if value["selected"] else ""
    return (
        f'\n                        <li class="filter-check"><input type="checkbox" id="{element_id}" '
        f'name="{conditional_escape(facet)}" value="{sent}"{checked}>\n'
        f'                            <label for="{element_id}">{conditional_escape(value["name"])} '
        f'<span class="count">({conditional_escape(localize(value["count"]))}<span class="visually-hidden"> '
        f"Treffer</span>)</span></label></li>\n                    "
    )


@register.simple_tag
def facet_fieldsets(facets: dict[str, list[dict]], labels: dict) -> str:
    """A fieldset of checkboxes per facet that has values (``search.service.facet_listing``), each value with its
    count; the same HTML the template's loop wrote."""
    parts = []
    for facet, values in facets.items():
        if not values:
            continue
        label = conditional_escape(labels[facet]) if facet in labels else ""
        parts.append(
            f"\n                <fieldset>\n                    <legend>{label}</legend>\n                    <ul>"
            f"{''.join(_value_html(facet, value) for value in values)}</ul>\n                </fieldset>\n"
            "            "
        )
    return mark_safe("".join(parts))
