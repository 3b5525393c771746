"""The faceted search's engines: one interface, an SQL and an Elasticsearch implementation.

``get_engine()`` returns the configured engine (settings.PORTAL_SEARCH["ENGINE"]).
"""

from django.conf import settings

from .base import SearchEngine, SearchHit, SearchResult  # noqa: F401
from .database import DatabaseEngine


def get_engine(name: str | None = None) -> SearchEngine:
    config = settings.PORTAL_SEARCH
    name = name or config["ENGINE"]
    if name == "elasticsearch":
        from .elastic import ElasticsearchEngine

        return ElasticsearchEngine(config)
    return DatabaseEngine()
