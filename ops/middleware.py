"""Security headers the portal adds to every response, and a guard against NUL characters in addresses."""

from django.conf import settings
from django.http import JsonResponse
from django.shortcuts import render
from csp.middleware import CSPMiddleware, PolicyParts
from csp.utils import default_config


def is_admin_path(path: str) -> bool:
    return path.startswith(tuple(settings.CSP_ADMIN_PATH_PREFIXES))


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp's middleware, with the admin's own policy on the admin's paths.

    The public site runs under ``CONTENT_SECURITY_POLICY`` (no inline scripts or styles at all). The Wagtail
    admin renders inline ``<script>`` initialisers (date pickers, inline panels, workflow) and inline styles,
    so its paths get ``CONTENT_SECURITY_POLICY_ADMIN``; see the settings for why that is acceptable.
    """

    def get_policy_parts(self, request, response, report_only: bool = False) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only)
        if report_only or parts.config is not None:
            return parts
        if is_admin_path(request.path_info):
            parts.config = default_config(settings.CONTENT_SECURITY_POLICY_ADMIN["DIRECTIVES"])
        elif getattr(request, "is_preview", False):
            # Wagtail renders a preview through the middleware again, with the page's public path; the
            # admin shows it in an iframe, so it keeps the public policy but may be framed by the site.
            parts.replace = {**(parts.replace or {}), "frame-ancestors": ["'self'"]}
        return parts


class PermissionsPolicyMiddleware:
    """Switch off browser features the portal never uses (camera, microphone, payment, …)."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.header = ", ".join(
            f"{feature}=({' '.join(allow)})" for feature, allow in settings.PERMISSIONS_POLICY.items()
        )

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", self.header)
        return response


class RejectNulCharactersMiddleware:
    """400 for a NUL character anywhere in the path or the query string.

    PostgreSQL cannot store or compare strings containing NUL: without this guard a query like
    ``/suche/?q=%00`` reached the database and failed with 500. One check here covers the portal's
    views, the API and the Wagtail admin alike.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if "\x00" in request.path:
            return self.refuse(request, "Die Adresse enthält ein unzulässiges Steuerzeichen (NUL).")
        for key, values in request.GET.lists():
            if "\x00" in key or any("\x00" in value for value in values):
                parameter = key.replace("\x00", "")
                return self.refuse(request, f"{parameter}: Nullzeichen sind nicht erlaubt.", parameter)
        return self.get_response(request)

    def refuse(self, request, message: str, parameter: str | None = None):
        if request.path.startswith("/api/"):
            body = {"message": message, **({"parameter": parameter} if parameter is not None else {})}
            return JsonResponse(body, status=400)
        return render(request, "400.html", {"message": message}, status=400)


class GermanNotFoundMiddleware:
    """Development (``cms.settings.dev``): an unknown address shows the residents' German 404 page, not Django's
    English debug page; add ``?debug404`` to the address to see the debug page."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        from django.http import Http404

        from .views import not_found

        if isinstance(exception, Http404) and "debug404" not in request.GET:
            return not_found(request, exception)
        return None
