"""The registration box on offer and event pages; the seat badges of cards."""

from django import template
from django.conf import settings
from django.utils import timezone
from django.utils.html import format_html

from caching.pages import age_window

from .. import services
from ..forms import registration_box_context

register = template.Library()


@register.inclusion_tag("anmeldung/registration_box.html", takes_context=True)
def registration_box(context, page):
    """The box on the (cached) page; its seats and form are loaded from ``anmeldung:box``. A preview shows the
    draft's seats inline: the box's endpoint knows only the published page, and previews are never cached."""
    request = context.get("request")
    # is_dummy too: a routable page's preview (events) passes Page.serve, which resets is_preview
    inline = getattr(request, "is_preview", False) or getattr(request, "is_dummy", False)
    data = {"page": page, "request": request, "inline": inline}
    if inline:
        data.update(registration_box_context(page), csrf_token=context.get("csrf_token"))
    return data


@register.filter
def all_full(slots) -> bool:
    return services.all_full(slots)


@register.simple_tag(takes_context=True)
def seats_window(context) -> str:
    """A key part for fragments that show seat badges: they and the page are renewed every ``SEATS_SECONDS``."""
    return age_window(context.get("request"), settings.PORTAL_CACHE["SEATS_SECONDS"])


@register.simple_tag(takes_context=True)
def mark_seat_badges(context, items, counted=None) -> str:
    """Sets ``seat_badge`` ("ausgebucht", "Restplätze" or None) on each page of a listing, in one query — or none,
    when the view counted them for several listings at once (``counted``: ``services.seat_badges`` of them all).

    Registrations do not change the content version: the page cache keeps a page with badges only within the
    current window of ``SEATS_SECONDS`` (``seats_window``), and the badges say when they were counted.
    """
    seats_window(context)
    items = list(items)
    if counted is None:
        badges = services.seat_badges(items)
    else:
        badges = {item.pk: counted[item.pk] for item in items if item.pk in counted}
    for item in items:
        item.seat_badge = badges.get(item.pk)
    if not badges:
        return ""
    return format_html('<p class="seats-as-of">Freie Plätze: Stand {} Uhr</p>', timezone.localtime().strftime("%H:%M"))
