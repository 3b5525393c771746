"""Views outside the calendar's page tree: the feed under the address calendar apps expect."""

from django.http import Http404

from .models import KalenderIndexPage
from .routes import calendar_feed


def calendar_feed_by_slug(request, section: str):
    """/<calendar slug>/feed.ics – the same feed under the address calendar apps expect."""
    index = KalenderIndexPage.objects.live().public().filter(slug=section).first()
    if index is None:
        raise Http404
    return calendar_feed(request, index)
