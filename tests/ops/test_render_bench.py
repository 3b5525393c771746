"""The render benchmark's search rows (`python -m bench render`): the database engine always, Elasticsearch as a
row of its own when a node is configured, in an index of the benchmark's own. No figures are asserted."""

from django.conf import settings
from django.test import override_settings

from bench import render


def test_search_is_measured_on_the_database_engine_without_a_node():
    with override_settings(ELASTICSEARCH_URL=""):
        rows = render.search_rows("/suche/?q=Kurs")
    assert [row.name for row in rows] == ["search with facets (database engine)"]
    assert rows[0].settings["PORTAL_SEARCH"]["ENGINE"] == "database"


def test_search_gets_an_elasticsearch_row_of_its_own_with_a_node():
    with override_settings(ELASTICSEARCH_URL="http://127.0.0.1:9200"):
        rows = render.search_rows("/suche/?q=Kurs")
    assert [(row.name, row.path, row.settings["PORTAL_SEARCH"]["ENGINE"]) for row in rows] == [
        ("search with facets (database engine)", "/suche/?q=Kurs", "database"),
        ("search with facets (Elasticsearch)", "/suche/?q=Kurs", "elasticsearch"),
    ]


def test_the_run_writes_into_no_configured_index():
    with override_settings(PORTAL_SEARCH={**settings.PORTAL_SEARCH, "INDEX": "dreil_suche"}):
        run = render.bench_search_settings()
    assert run["PORTAL_SEARCH"]["INDEX"] == "dreil_render_bench_suche"
    assert run["PORTAL_SEARCH"]["ENGINE"] == "database"  # while the content loads: no page waits for a refresh
    assert run["WAGTAILSEARCH_BACKENDS"]["default"]["BACKEND"] == "wagtail.search.backends.database"


def test_the_nodes_warm_up_sends_the_searches_it_names_never_with_the_measured_words(client, portal):
    from search.models import SearchQueryLog

    render.warm_up_node(client, "/suche/?q=Erste&typ=angebot&zielgruppe=familien", searches=12)

    logged = list(SearchQueryLog.objects.values_list("query", flat=True))
    assert len(logged) == 12 and len(set(logged)) > 6  # searches for other words, with the measured facets
    assert "erste" not in {query.lower() for query in logged}
