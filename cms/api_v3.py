"""Wagtail's API v3 at /api/v3/ (django-ninja, bearer tokens), with the portal's rules around it.

- Anonymous reads show what v2 shows: live, public pages of the site, without pages of suspended providers
  (``public_pages_queryset`` below takes the place of v3's queryset function).
- Requests with a token are rate-limited per token (429 problem JSON with ``Retry-After``).
- Images and documents (v3's own routers) list what v2 lists (anbieter.api.published_media): nothing of a
  provider's collection that no live page uses; a token sees its own collection's media as well.
- A provider's token writes only through ``POST /api/v3/austausch/`` (austausch/api.py): every other v3
  write (pages: create, update, delete, publish, copy, move, alias, revert, …; images, documents, snippets,
  redirects) answers 403 to it. v3's page writes save drafts without starting the moderation workflow,
  copy/move/alias take any destination, and its image/document updates check the permission per model, not
  per collection; the exchange endpoint writes into the provider's folder and submits to "Freigabe durch das
  Servicebüro". Tokens of the service office and administrators keep v3's writes under Wagtail's own
  permissions.
- A token of a provider that is suspended answers 401, like its people's logins.
- The OpenAPI description (public, generated from the code: about 0.6 s of CPU) is generated once per process
  and address, not on every request (``describe_once``).
"""

import functools
import hashlib

from django.conf import settings
from django.db.models import Q
from django.http import HttpRequest
from wagtail.api.v3 import querysets as v3_querysets
from wagtail.api.v3.errors import problem_response
from wagtail.api.v3.routers import pages as v3_pages
from wagtail.api.v3.urls import api
from wagtail.documents.api.v3 import router as v3_documents
from wagtail.images.api.v3 import router as v3_images
from wagtail.models import APIToken

from anbieter import scoping
from anbieter.api import published_media
from anbieter.auth import provider_access_suspended
from anbieter.media_scope import choosable_media
from austausch.api import router as austausch_router
from core.apiv2 import BLANK_SEARCH, BLANK_SEARCH_MESSAGE, blank_search
from core.models import classified_page_models
from security.jsonapi import MAX_ID
from security.ratelimit import RateLimit

WRITE_METHODS = {"POST", "PUT", "PATCH", "DELETE"}
PROVIDER_WRITE_PATH = "/api/v3/austausch/"

_wagtail_pages_queryset = v3_querysets.get_pages_queryset


def public_pages_queryset(request: HttpRequest, model=None):
    """v3's pages: as Wagtail gives them, and for anonymous requests without suspended providers' pages."""
    queryset = _wagtail_pages_queryset(request, model) if model is not None else _wagtail_pages_queryset(request)
    if request.user.is_authenticated:
        return queryset  # a token sees the pages its user may edit (Wagtail's permission policy)
    suspended = Q()
    for page_model in classified_page_models():
        suspended |= Q(pk__in=page_model.objects.filter(anbieter__is_active=False).values("pk"))
    return queryset.exclude(suspended)


def visible_media(wagtail_queryset):
    """v3's image or document queryset, narrowed to published media and the token user's own."""

    @functools.wraps(wagtail_queryset)
    def queryset(request: HttpRequest):
        media = wagtail_queryset(request)
        visible = Q(pk__in=published_media(media.model.objects.all()).values("pk"))
        if request.user.is_authenticated:
            visible |= Q(pk__in=choosable_media(media.model, request.user).values("pk"))
        return media.filter(visible)

    return queryset


def token_rate_limit() -> RateLimit:
    per_minute = getattr(settings, "API_TOKEN_RATE_LIMIT", 120)
    return RateLimit("api-token", limit=per_minute, window=60)


def bearer_token(request: HttpRequest) -> str:
    scheme, _sep, token = request.headers.get("Authorization", "").partition(" ")
    return token.strip() if scheme.lower() == "bearer" else ""


def _token_user(token: str):
    api_token = (
        APIToken.objects.select_related("user")
        .filter(key_hash__in=APIToken.candidate_key_hashes(token), revoked_at__isnull=True)
        .first()
    )
    return api_token.user if api_token and api_token.user.is_active else None


def oversized_number(request: HttpRequest) -> str | None:
    """The first query parameter holding a whole number beyond 64 bits (v3 passes offsets to the database as
    they are, and SQLite and PostgreSQL fail on them instead of finding nothing)."""
    for name, value in request.GET.items():
        digits = value.strip().lstrip("+-")
        if digits.isascii() and digits.isdigit() and int(digits) > MAX_ID:
            return name
    return None


def guard(view):
    """Around every v3 view: numbers the database can hold, a search with words, the rate limit per token, the provider token's
    limits (module docstring)."""

    @functools.wraps(view)
    def wrapped(request, *args, **kwargs):
        if name := oversized_number(request):
            return problem_response(
                status=400,
                detail=f"{name}: Die Zahl ist zu groß.",
                errors=[{"loc": ["query", name], "msg": "Die Zahl ist zu groß."}],
            )
        if blank_search(request):
            return problem_response(
                status=400,
                detail=BLANK_SEARCH_MESSAGE,
                errors=[{"loc": ["query", "search"], "msg": BLANK_SEARCH}],
            )
        token = bearer_token(request)
        if not token:
            return view(request, *args, **kwargs)
        limit = token_rate_limit()
        ident = hashlib.sha256(token.encode()).hexdigest()
        if limit.is_exceeded(ident=ident):
            response = problem_response(
                status=429, detail="Zu viele Anfragen mit diesem Schlüssel; bitte später erneut versuchen."
            )
            response["Retry-After"] = str(limit.retry_after())
            return response
        limit.hit(ident=ident)
        user = _token_user(token)
        if user is None:
            return view(request, *args, **kwargs)  # v3 answers 401 itself
        if provider_access_suspended(user):
            return problem_response(status=401, detail="Der Zugang dieses Anbieters ist derzeit gesperrt.")
        if (
            request.method in WRITE_METHODS
            and request.path_info != PROVIDER_WRITE_PATH
            and not scoping.sees_all_providers(user)
        ):
            return problem_response(
                status=403,
                detail=(
                    "Anbieter-Software schreibt nur über POST /api/v3/austausch/ (Austauschformat, als Entwurf zur "
                    "Freigabe durch das Servicebüro); alle anderen Schreibzugriffe sind für Anbieter-Schlüssel "
                    "gesperrt."
                ),
            )
        return view(request, *args, **kwargs)

    return wrapped


def describe_once(ninja_api) -> None:
    """Generate the API's OpenAPI description once per process and root path: it follows from the code alone
    (the routers are mounted before the first request), and /api/v3/openapi.json answers anyone."""
    generate = ninja_api.get_openapi_schema

    @functools.lru_cache(maxsize=8)
    def for_prefix(path_prefix: str):
        return generate(path_prefix=path_prefix)

    def get_openapi_schema(*, path_prefix=None, path_params=None):
        return for_prefix(ninja_api.get_root_path(path_params or {}) if path_prefix is None else path_prefix)

    ninja_api.get_openapi_schema = get_openapi_schema


def _mount():
    # v3's routers look the function up at call time: anonymous reads lose suspended providers' pages
    v3_pages.get_pages_queryset = public_pages_queryset
    v3_images.get_images_queryset = visible_media(v3_images.get_images_queryset)
    v3_documents.get_documents_queryset = visible_media(v3_documents.get_documents_queryset)
    api.add_router("/austausch/", austausch_router)
    describe_once(api)
    patterns, app_name, namespace = api.urls
    for pattern in patterns:
        pattern.callback = guard(pattern.callback)
    return patterns, app_name, namespace


urls = _mount()
