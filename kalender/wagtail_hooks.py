"""The service office registers providers' iCalendar feeds in the admin (Snippets → iCal-Kalender)."""

from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import IcalFeed


class IcalFeedViewSet(SnippetViewSet):
    model = IcalFeed
    icon = "date"
    menu_label = "Kalenderimport (iCal)"
    list_display = ["anbieter", "url", "trust", "is_active", "last_run_at", "last_status", "last_message"]
    list_filter = ["trust", "is_active"]


register_snippet(IcalFeedViewSet)
