"""Wagtail API v2: unusual query parameters answer 400 instead of reaching the database or the engine.

``offset=99999999999999999999`` overflowed the database's integer (500), ``search_operator=xor``
reached the search backend (500). Used by every v2 endpoint of the portal (cms/api.py, anbieter/api.py).
"""

from wagtail.api.v2.filters import SearchFilter
from wagtail.api.v2.pagination import WagtailPagination
from wagtail.api.v2.utils import BadRequestError

MAX_OFFSET = 1_000_000  # far beyond any listing of the portal, far below the database's 64-bit limit
SEARCH_OPERATORS = ("and", "or")


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
        return super().filter_queryset(request, queryset, view)


def with_checked_search(filter_backends) -> list:
    """``filter_backends`` with Wagtail's SearchFilter replaced by the checked one."""
    return [CheckedSearchFilter if backend is SearchFilter else backend for backend in filter_backends]
