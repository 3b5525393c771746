"""The admin: a dashboard warning when Elasticsearch failed, and the query log for the service office."""

from django.core.cache import cache
from django.utils.html import format_html
from wagtail import hooks
from wagtail.admin.ui.components import Component
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet
from wagtail_modeladmin.helpers import PermissionHelper
from wagtail_modeladmin.options import ModelAdmin, modeladmin_register

from .indexing import DEGRADED_CACHE_KEY, backlog
from .models import SearchQueryLog, SearchSynonym


class DegradedSearchPanel(Component):
    name = "degraded_search"
    order = 10

    def __init__(self, state: dict, pending: int):
        self.state = state
        self.pending = pending

    def render_html(self, parent_context=None):
        return format_html(
            '<section class="w-panel help-block help-critical" aria-labelledby="degraded-heading">'
            '<h2 id="degraded-heading">Die Suche läuft eingeschränkt</h2>'
            "<p>Elasticsearch war zuletzt am {} nicht erreichbar ({}). Die Website sucht so lange in der "
            "Datenbank. Bitte den Betrieb informieren.</p>"
            "<p>Seiten mit Änderungen, die noch auf Elasticsearch warten: {}. Sie gehen automatisch an "
            "Elasticsearch, sobald es wieder antwortet (oder mit <code>manage.py replay_search_backlog</code>); "
            "es geht nichts verloren.</p></section>",
            self.state.get("at", ""),
            self.state.get("reason", ""),
            self.pending,
        )


@hooks.register("construct_homepage_panels")
def add_degraded_search_panel(request, panels):
    state = cache.get(DEGRADED_CACHE_KEY)
    if state:
        panels.insert(0, DegradedSearchPanel(state, backlog()["count"]))


class ReadOnlyPermissionHelper(PermissionHelper):
    """The query log is evidence of what residents looked for: it is read and exported, never edited."""

    def user_can_create(self, user):
        return False

    def user_can_edit_obj(self, user, obj):
        return False


@modeladmin_register
class SearchQueryLogAdmin(ModelAdmin):
    model = SearchQueryLog
    menu_label = "Suchanfragen"
    menu_icon = "search"
    menu_order = 400
    list_display = ("created_at", "query", "filters", "result_count", "source", "degraded")
    list_filter = ("source", "degraded", "created_at")
    search_fields = ("query",)
    list_export = ("created_at", "query", "filters", "result_count", "source", "engine", "degraded")
    inspect_view_enabled = True
    permission_helper_class = ReadOnlyPermissionHelper


class SearchSynonymViewSet(SnippetViewSet):
    """The service office's synonyms (with the shipped ones, see search/synonyms.py)."""

    model = SearchSynonym
    icon = "search"
    menu_label = "Synonyme der Suche"
    list_display = ["words"]
    add_to_admin_menu = False


register_snippet(SearchSynonymViewSet)
