"""Security headers the portal adds to every response, and a guard against NUL characters in addresses."""

from csp.constants import HEADER, HEADER_REPORT_ONLY
from csp.middleware import CheckableLazyObject, CSPMiddleware, PolicyParts
from csp.utils import build_policy, default_config
from django.conf import settings
from django.core.signals import setting_changed
from django.http import JsonResponse
from django.shortcuts import render


def is_admin_path(path: str) -> bool:
    return path.startswith(tuple(settings.CSP_ADMIN_PATH_PREFIXES))


# what django-csp's decorators (csp_exempt, csp_update, csp_replace, csp) set on a response
RESPONSE_POLICY_ATTRIBUTES = tuple(
    f"_csp_{kind}{suffix}" for kind in ("exempt", "config", "update", "replace") for suffix in ("", "_ro")
)
_public_policies: dict[bool, str] = {}


def settings_policy(report_only: bool) -> dict:
    name = "CONTENT_SECURITY_POLICY_REPORT_ONLY" if report_only else "CONTENT_SECURITY_POLICY"
    return getattr(settings, name, None) or {}


def public_policy(report_only: bool) -> str:
    """The header django-csp builds from the settings alone (no decorator, no nonce), once per process."""
    if report_only not in _public_policies:
        _public_policies[report_only] = build_policy(report_only=report_only)
    return _public_policies[report_only]


def forget_public_policies(setting, **kwargs) -> None:
    if setting.startswith("CONTENT_SECURITY_POLICY"):
        _public_policies.clear()


setting_changed.connect(forget_public_policies, dispatch_uid="security-forget-public-policies")


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp's middleware, with the admin's own policy on the admin's paths.

    The public site runs under ``CONTENT_SECURITY_POLICY`` (no inline scripts or styles at all). The Wagtail
    admin renders inline ``<script>`` initialisers (date pickers, inline panels, workflow) and inline styles,
    so its paths get ``CONTENT_SECURITY_POLICY_ADMIN``; see the settings for why that is acceptable.
    """

    def process_response(self, request, response):
        """The public policy, built once: django-csp builds it anew for every answer (a deep copy of the
        settings and a join of every directive, most of what a page-cache hit costs besides the cache). Admin
        paths, previews, views with ``@csp_update``/``@csp_exempt`` and so on, nonces and errors take
        django-csp's way."""
        if not self.is_plain_public_answer(request, response):
            return super().process_response(request, response)
        for header, report_only in ((HEADER, False), (HEADER_REPORT_ONLY, True)):
            policy = public_policy(report_only)
            if policy and header not in response:
                response[header] = policy
        # what django-csp leaves on the request once the header is written: using a nonce now is an error
        request.csp_nonce = CheckableLazyObject(self._csp_nonce_post_response)
        return response

    @staticmethod
    def is_plain_public_answer(request, response) -> bool:
        return (
            response.status_code == 200
            and getattr(request, "_csp_nonce", None) is None
            and not any(hasattr(response, name) for name in RESPONSE_POLICY_ATTRIBUTES)
            and not is_admin_path(request.path_info)
            and not getattr(request, "is_preview", False)
            and not any(settings_policy(report_only).get("EXCLUDE_URL_PREFIXES") for report_only in (False, True))
        )

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
