"""JSON-LD structured data in pages: ``{% structured_data page %}`` and ``{% provider_structured_data provider %}``."""

import json

from django import template
from django.utils.safestring import mark_safe

from core.canonical import absolute_url
from seo import structured_data as sd

register = template.Library()

_JSON_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


@register.filter
def absolute(path: str) -> str:
    """``path`` on the canonical base (SITE_BASE_URL), never the request's host; absolute addresses stay."""
    return absolute_url(str(path))


@register.simple_tag
def json_ld(data) -> str:
    """A JSON-LD block: data, not script, so it is fine under a Content-Security-Policy without inline scripts."""
    if not data:
        return ""
    text = json.dumps(data, ensure_ascii=False, default=str).translate(_JSON_ESCAPES)
    return mark_safe(f'<script type="application/ld+json">{text}</script>')  # escaped above


@register.simple_tag(takes_context=True)
def structured_data(context, page):
    """The JSON-LD of an event, offer or article page, or of the home page (WebSite and the service office)."""
    request = context["request"]
    kind = page._meta.model_name
    if kind == "eventpage":
        return json_ld(sd.event(page, request))
    if kind == "offerpage":
        return json_ld(sd.course(page, request))
    if kind == "articlepage":
        return json_ld(sd.news_article(page, request))
    if kind == "homepage":
        return json_ld(sd.website(request)) + json_ld(sd.service_office_document())
    return ""


@register.simple_tag(takes_context=True)
def provider_structured_data(context, provider):
    """The JSON-LD document of a provider's public page (an Organization)."""
    return json_ld(sd.organization_document(provider, context["request"]))
