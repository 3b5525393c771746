"""CORS for the public read interfaces: a partner site's JavaScript may read the APIs, feeds and GeoJSON.

``Access-Control-Allow-Origin: *`` goes only on answers that are the same for everybody: GET/HEAD to a path
of ``CORS_PUBLIC_READ_PATHS``, from an anonymous visitor without an ``Authorization`` header, and an answer
that sets no cookie. A browser's preflight (``OPTIONS`` with ``Access-Control-Request-Method``) to those
paths is answered here with 204. Everything else, the POST endpoints above all, gets no CORS header, so a
foreign page can neither read nor send with a resident's credentials.

Why not django-cors-headers: it decides by path alone, would answer preflights with 200 and add the header
to every method and to personalised answers; these rules are a dozen lines.
"""

import re

from django.conf import settings
from django.http import HttpResponse

ALLOW_METHODS = "GET, HEAD, OPTIONS"
ALLOW_HEADERS = "Accept, Accept-Language, Content-Language, If-Modified-Since, If-None-Match"
# readable by the partner's script besides the CORS-safelisted headers (conditional GETs, paging)
EXPOSE_HEADERS = "ETag, Last-Modified, Link"
PREFLIGHT_MAX_AGE = "86400"


class PublicReadCorsMiddleware:
    """Allow any origin to read the public read-only interfaces; answer their preflights."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.paths = [re.compile(pattern) for pattern in settings.CORS_PUBLIC_READ_PATHS]

    def __call__(self, request):
        public_path = any(pattern.match(request.path_info) for pattern in self.paths)
        if public_path and is_preflight(request):
            return preflight_response()
        response = self.get_response(request)
        if public_path and request.method in ("GET", "HEAD") and is_anonymous_answer(request, response):
            response["Access-Control-Allow-Origin"] = "*"
            response["Access-Control-Expose-Headers"] = EXPOSE_HEADERS
        return response


def is_preflight(request) -> bool:
    return (
        request.method == "OPTIONS"
        and "HTTP_ORIGIN" in request.META
        and "HTTP_ACCESS_CONTROL_REQUEST_METHOD" in request.META
    )


def preflight_response() -> HttpResponse:
    response = HttpResponse(status=204)
    response["Access-Control-Allow-Origin"] = "*"
    response["Access-Control-Allow-Methods"] = ALLOW_METHODS
    response["Access-Control-Allow-Headers"] = ALLOW_HEADERS
    response["Access-Control-Max-Age"] = PREFLIGHT_MAX_AGE
    return response


def is_anonymous_answer(request, response) -> bool:
    """Nobody signed in, no credentials sent, no cookie set, nothing kept in the session."""
    user = getattr(request, "user", None)
    session = getattr(request, "session", None)
    return not (
        (user is not None and user.is_authenticated)
        or "HTTP_AUTHORIZATION" in request.META
        or response.cookies
        or (session is not None and session.accessed and not session.is_empty())
    )
