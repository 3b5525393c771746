"""Caching where it pays: one content version for fragments and API answers, HTTP cache headers, purges.

Everything the portal caches on its own side is keyed by the *content version*, a value in the shared cache
that changes whenever published content may have changed: publishing, unpublishing, moving or deleting a
page, a taxonomy term, a provider, a view restriction, a search index update (ratings). A new version makes
every older key unreachable at once, so there is nothing to find and delete; old entries expire by their
timeout. The version also carries the date, so that "heute"/"morgen" and ended events roll over at midnight.

Only what anonymous residents see is cached. Drafts never reach a cached key: previews skip
``{% wagtailcache %}`` (Wagtail checks ``request.is_preview``), the page API serves live pages only, and
requests of signed-in users are neither answered from nor stored into the cache.
"""

import hashlib
import time
from collections.abc import Callable

from django.apps import apps
from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.http import HttpResponse
from django.utils import timezone
from django.utils.cache import patch_cache_control
from wagtail.models import Page
from wagtail.signals import page_published, page_unpublished, post_page_move

CONTENT_VERSION_KEY = "content:version"


# --- the content version ---


def content_version() -> str:
    """The current content version and today's date, for cache keys."""
    version = cache.get(CONTENT_VERSION_KEY)
    if version is None:
        version = f"{time.time_ns():x}"
        if not cache.add(CONTENT_VERSION_KEY, version, None):  # another worker was quicker: take its value
            version = cache.get(CONTENT_VERSION_KEY, version)
    return f"{version}-{timezone.localdate().isoformat()}"


def _set_new_version() -> None:
    cache.set(CONTENT_VERSION_KEY, f"{time.time_ns():x}", None)


def bump_content_version() -> None:
    """Make every cached fragment and API answer stale.

    Now, so that the rest of this request (and a test's transaction) sees the change, and again after the
    commit: a resident's request between the two could have rendered the old content under the new version.
    """
    _set_new_version()
    transaction.on_commit(_set_new_version)


# --- API answers ---


def may_use_cache(request) -> bool:
    """Only anonymous GET/HEAD requests outside previews are answered from, or stored into, the cache."""
    user = getattr(request, "user", None)
    return (
        request.method in ("GET", "HEAD")
        and not (user is not None and user.is_authenticated)
        and not getattr(request, "is_preview", False)
    )


def api_cache_key(request, vary: str = "") -> str:
    """Everything that changes the answer: scheme, host, path and query string, the content version, and what
    the caller names besides (``vary``, e.g. the search engine that answers)."""
    address = hashlib.sha256(f"{request.build_absolute_uri()} {vary}".encode()).hexdigest()
    return f"api:{content_version()}:{address}"


def cached_api_response(
    request, build: Callable[[], HttpResponse], *, extra: Callable[[], dict] | None = None, vary: str = ""
):
    """The JSON answer of ``build()``, from the cache for anonymous requests; returns (response, extra data).

    ``extra`` is stored alongside a fresh answer (e.g. what the search's query log needs on a later hit);
    ``vary`` is part of the key (the search engine: one engine's answer is never another's).
    Only answers with status 200 and without ``no-store`` are stored.
    """
    if not may_use_cache(request):
        return build(), None
    key = api_cache_key(request, vary)
    entry = cache.get(key)
    if entry is not None:
        response = HttpResponse(entry["content"], content_type=entry["content_type"])
        response["X-Cache"] = "hit"
        return response, entry["extra"]
    response = build()
    if hasattr(response, "render") and not getattr(response, "is_rendered", True):
        response.render()
    if response.status_code == 200 and not response.cookies and "no-store" not in response.get("Cache-Control", ""):
        entry = {
            "content": response.content,
            "content_type": response["Content-Type"],
            "extra": extra() if extra else None,
        }
        cache.set(key, entry, settings.PORTAL_CACHE["API_SECONDS"])
    response["X-Cache"] = "miss"
    return response, None


# --- HTTP cache headers ---

# Views whose answers are the same for every anonymous visitor: Wagtail's pages (their sub-routes too),
# the API, the search, feeds, sitemap and the providers' public pages. Anything else that sets no header
# itself is answered "private, no-store": a new view shows nothing personal to a shared cache by mistake.
PUBLIC_VIEW_NAMES = frozenset(
    {
        "wagtail_serve",
        "search",
        "sitemap",
        "robots_txt",
        "calendar_feed_ics",
        "feed_articles_rss",
        "feed_articles_atom",
        "feed_offers_rss",
        "feed_offers_atom",
        "portal_api:api_search",
        "portal_api:api_search_suggest",
        "portal_api:api_search_geojson",
        "anbieter:index",
        "anbieter:detail",
    }
)
PUBLIC_VIEW_NAMESPACES = ("wagtailapi:",)


def is_public_view(request) -> bool:
    match = getattr(request, "resolver_match", None)
    if match is None:
        return False
    return match.view_name in PUBLIC_VIEW_NAMES or match.view_name.startswith(PUBLIC_VIEW_NAMESPACES)


def varies_by_visitor(request, response) -> bool:
    """The answer depends on who asks: a signed-in user, a preview, a cookie set (the CSRF token of a form,
    a new session, messages) or a session with something in it.

    Reading an empty session (Wagtail's user bar asks whether someone is signed in) is not personal: such
    answers stay public, with the ``Vary: Cookie`` Django's session middleware adds.
    """
    session = getattr(request, "session", None)
    personal_session = session is not None and session.accessed and not session.is_empty()
    return bool(response.cookies) or personal_session or not may_use_cache(request)


class CacheControlMiddleware:
    """``Cache-Control`` for every answer that has none yet; outside the session and CSRF middleware, so
    that it sees the cookies they set.

    Public views, anonymous, 200 or 304: ``public, max-age=PORTAL_CACHE["MAX_AGE"]`` (browsers and a frontend
    cache such as Varnish; publishing purges the frontend cache, see ``caching.frontend``). Everything
    else: ``private, no-store``. Views that decide themselves (``never_cache``, Wagtail's private pages,
    the OpenAPI file) keep their header.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.has_header("Cache-Control"):
            return response
        # a 304 carries the headers its 200 would have (RFC 9110 §15.4.5), else it would make the copy private
        if (
            response.status_code in (200, 304)
            and request.method in ("GET", "HEAD")
            and is_public_view(request)
            and not varies_by_visitor(request, response)
        ):
            patch_cache_control(response, public=True, max_age=settings.PORTAL_CACHE["MAX_AGE"])
        else:
            patch_cache_control(response, private=True, no_store=True)
        return response


# --- what changes the content version ---


def content_changed(sender, **kwargs):
    bump_content_version()


def page_row_deleted(sender, instance, **kwargs):
    if type(instance) is Page:  # once per page, not per multi-table row
        bump_content_version()


def connect() -> None:
    """Publishing, unpublishing, moving, deleting pages; and saving or deleting any model that the setting
    ``CACHING_CONTENT_MODELS`` names (terms, providers, sites, view restrictions).

    The models are named in the settings, so that this app needs none of the apps that define them. Search
    index updates (e.g. a new rating average) bump the version in ``search.indexing``.
    """
    page_published.connect(content_changed, dispatch_uid="content-version-published")
    page_unpublished.connect(content_changed, dispatch_uid="content-version-unpublished")
    post_page_move.connect(content_changed, dispatch_uid="content-version-moved")
    post_delete.connect(page_row_deleted, dispatch_uid="content-version-page-deleted")
    for label in settings.CACHING_CONTENT_MODELS:
        model = apps.get_model(label)
        post_save.connect(content_changed, sender=model, dispatch_uid=f"content-version-save-{label}")
        post_delete.connect(content_changed, sender=model, dispatch_uid=f"content-version-delete-{label}")
