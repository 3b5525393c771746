"""The health endpoint for load balancers and monitoring; error handlers that answer JSON under /api/."""

from django.http import JsonResponse
from django.views import defaults
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from .health import check_database, check_search, overall


@never_cache
@require_safe
def health(request):
    """200 while the database answers (the search may be degraded: the site falls back), 503 otherwise."""
    database, search = check_database(), check_search()
    status = overall(database, search)
    return JsonResponse(
        {"status": status, "checks": {"database": database.as_dict(), "search": search.as_dict()}},
        status=200 if database.status == "ok" else 503,
    )


def _is_api(request) -> bool:
    return request.path.startswith("/api/")


def not_found(request, exception=None):
    """404: JSON under /api/ (clients parse it), the German HTML page everywhere else."""
    if _is_api(request):
        return JsonResponse({"message": "Nicht gefunden."}, status=404)
    return defaults.page_not_found(request, exception)


def server_error(request):
    if _is_api(request):
        return JsonResponse({"message": "Interner Fehler. Bitte später erneut versuchen."}, status=500)
    return defaults.server_error(request)
