"""The Servicebüro's contact details for the footer."""

from django import template
from wagtail.models import Site

from home.models import ServiceOffice

register = template.Library()


@register.simple_tag(takes_context=True)
def service_office(context) -> ServiceOffice:
    """The site's ServiceOffice setting, or its defaults before the office first saved it.

    Read-only (no get_or_create as BaseSiteSetting.for_request does): showing a page never writes. Read once
    per request (the footer and the registration box both show it).
    """
    request = context.get("request")
    if request is not None and hasattr(request, "_service_office"):
        return request._service_office
    site = Site.find_for_request(request) if request else None
    stored = ServiceOffice.objects.filter(site=site).first() if site else None
    office = stored or ServiceOffice(site=site)
    if request is not None:
        request._service_office = office
    return office
