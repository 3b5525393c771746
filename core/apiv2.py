"""Wagtail API v2: unusual query parameters answer 400 instead of reaching the database or the engine.

``?search=`` falls back to a plain database search (LIKE, no index needed) when the Elasticsearch node
does not answer, like the residents' search does: an outage must not turn the pages API into 500s.

``offset=99999999999999999999`` overflowed the database's integer (500), ``search_operator=xor``
reached the search backend (500), and so did a ``search`` of white space only (``blank_search``, also checked by
API v3's guard in cms/api_v3.py). Used by every v2 endpoint of the portal (cms/api.py, anbieter/api.py).
"""

import logging

from elastic_transport import TransportError
from wagtail.api.v2.filters import SearchFilter
from wagtail.api.v2.pagination import WagtailPagination
from wagtail.api.v2.utils import BadRequestError
from wagtail.search.backends import get_search_backend

MAX_OFFSET = 1_000_000  # far beyond any listing of the portal, far below the database's 64-bit limit
SEARCH_OPERATORS = ("and", "or")
FALLBACK_BACKEND = "wagtail.search.backends.database.fallback"

logger = logging.getLogger(__name__)


BLANK_SEARCH = "Der Suchbegriff besteht nur aus Leerzeichen."  # v3 names the field apart from the message
BLANK_SEARCH_MESSAGE = f"search: {BLANK_SEARCH}"


def blank_search(request) -> bool:
    """``search`` holding white space only (" ", a no-break space): Wagtail's database search backends build no
    query from it and fail (500) instead of finding nothing. An empty ``search=`` is no search, as before."""
    value = request.GET.get("search", "")
    return value != "" and not value.strip()


class BoundedPagination(WagtailPagination):
    def paginate_queryset(self, queryset, request, view=None):
        offset = request.GET.get("offset", "0")
        if offset.isdigit() and int(offset) > MAX_OFFSET:
            raise BadRequestError(f"offset: höchstens {MAX_OFFSET}.")
        return super().paginate_queryset(queryset, request, view)


class CheckedSearchFilter(SearchFilter):
    def filter_queryset(self, request, queryset, view):
        operator = request.GET.get("search_operator")
        if operator is not None and operator not in SEARCH_OPERATORS:
            raise BadRequestError("search_operator: erlaubt sind „and“ oder „or“.")
        if blank_search(request):
            raise BadRequestError(BLANK_SEARCH_MESSAGE)
        results = super().filter_queryset(request, queryset, view)
        if "search" not in request.GET:
            return results
        try:
            results.count()  # ask the engine now: the pagination would ask it outside of this method
        except TransportError as error:
            logger.warning("API search fell back to the database: %s", error)
            return get_search_backend(FALLBACK_BACKEND).search(
                request.GET["search"], queryset, operator=operator, order_by_relevance="order" not in request.GET
            )
        return results


def with_checked_search(filter_backends) -> list:
    """``filter_backends`` with Wagtail's SearchFilter replaced by the checked one."""
    return [CheckedSearchFilter if backend is SearchFilter else backend for backend in filter_backends]
