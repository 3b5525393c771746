"""JSON errors everywhere under /api/; in development, the residents' German error pages instead of Django's
debug pages."""

from http import HTTPStatus

from django.http import Http404, JsonResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from security.cors import is_preflight
from security.jsonapi import error_response

from .views import not_found


class GermanNotFoundMiddleware:
    """Development (``cms.settings.dev``): an unknown address shows the residents' German 404 page, not Django's
    English debug page; add ``?debug404`` to the address to see the debug page."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, Http404) and "debug404" not in request.GET:
            return not_found(request, exception)
        return None


API_PREFIX = "/api/"
METHOD_ORDER = ("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE")
ERROR_MESSAGES = {
    400: gettext_lazy("Ungültige Anfrage."),
    403: gettext_lazy("Zugriff verweigert."),
    404: gettext_lazy("Nicht gefunden."),
    413: gettext_lazy("Der Inhalt ist zu groß."),
    429: gettext_lazy("Zu viele Anfragen von Ihrem Anschluss. Bitte versuchen Sie es in einigen Minuten erneut."),
    500: gettext_lazy("Interner Fehler. Bitte später erneut versuchen."),
}
KEPT_HEADERS = ("Allow", "Retry-After", "Cache-Control", "Vary")


class ApiJsonErrorsMiddleware:
    """Under /api/ every error is JSON: 405 with ``Allow`` (OPTIONS included, unless it is a CORS preflight),
    and any HTML or text error from Django, ninja or DRF (404, 403, 413, 500 …) as ``{"message": …}``.

    The public API takes no cookies or sessions: for requests without cookies the CSRF check is skipped, so a
    PUT to an unknown address answers 404, not the German "Formular abgelaufen" page (ninja and DRF views are
    exempt anyway); requests with cookies keep it, and its 403 is JSON too.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not request.path_info.startswith(API_PREFIX):
            return self.get_response(request)
        if not request.COOKIES:
            # CSRF guards the credentials a browser adds on its own (cookies); without any there is nothing to
            # guard. Requests with cookies (a signed-in editor, cookie-authenticated API calls) keep the check.
            request._dont_enforce_csrf_checks = True
        response = self.get_response(request)
        if request.method == "OPTIONS" and response.status_code < 300 and not is_preflight(request):
            return method_not_allowed(request, response)  # DRF would describe the view; the API only reads
        if response.status_code == 405:
            return method_not_allowed(request, response)
        if response.status_code >= 400 and not is_json(response):
            return json_error(response)
        return response


def is_json(response) -> bool:
    content_type = response.get("Content-Type", "").split(";")[0].strip()
    return content_type == "application/json" or content_type.endswith("+json")


def allowed_methods(response) -> list[str]:
    named = {method.strip().upper() for method in response.get("Allow", "").split(",") if method.strip()}
    methods = [method for method in METHOD_ORDER if method in named]
    if "GET" in methods and "HEAD" not in methods:
        methods.insert(1, "HEAD")
    return methods or ["GET", "HEAD"]


def method_not_allowed(request, response) -> JsonResponse:
    allowed = ", ".join(allowed_methods(response))
    message = _("Die Methode %(method)s ist hier nicht erlaubt, nur %(allowed)s.") % {
        "method": request.method,
        "allowed": allowed,
    }
    answer = error_response(message, status=405)
    answer["Allow"] = allowed
    return answer


def json_error(response) -> JsonResponse:
    status = response.status_code
    try:
        message = ERROR_MESSAGES.get(status) or HTTPStatus(status).phrase
    except ValueError:  # a status code Python does not know
        message = _("Fehler.")
    answer = JsonResponse({"message": str(message)}, status=status, json_dumps_params={"ensure_ascii": False})
    for header in KEPT_HEADERS:
        if header in response:
            answer[header] = response[header]
    return answer
