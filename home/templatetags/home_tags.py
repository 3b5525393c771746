"""The Servicebüro's contact details for the footer."""

from django import template
from django.conf import settings
from django.core.cache import cache
from wagtail.models import Site

from caching.content import content_version
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
    office = stored_office(site) if site else None
    office = office or ServiceOffice(site=site)
    if request is not None:
        request._service_office = office
    return office


def stored_office(site: Site) -> ServiceOffice | None:
    """The saved setting, from the cache under the content version (saving it changes the version)."""
    key = f"service-office:{content_version()}:{site.pk}"
    office = cache.get(key)
    if office is None:
        office = ServiceOffice.objects.filter(site=site).first() or False  # False: none saved, also cached
        cache.set(key, office, settings.PORTAL_CACHE["FRAGMENT_SECONDS"])
    return office or None
