"""The service office registers providers' iCalendar feeds in the admin (Snippets → iCal-Kalender); events on
providers' public pages."""

from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import EventPage, IcalFeed


class IcalFeedViewSet(SnippetViewSet):
    model = IcalFeed
    icon = "date"
    menu_label = "Kalenderimport (iCal)"
    list_display = ["anbieter", "url", "trust", "is_active", "last_run_at", "last_status", "last_message"]
    list_filter = ["trust", "is_active"]


register_snippet(IcalFeedViewSet)


@hooks.register("provider_offerings")
def upcoming_events(provider):
    """The provider's upcoming events on its public page (anbieter.services.offerings_of)."""
    events = EventPage.objects.visible().upcoming().filter(anbieter=provider)
    # what the cards show, as in the listings: a constant number of queries however many events there are
    events = events.for_cards()
    return "events", events.order_by("start")
