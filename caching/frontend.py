"""Purging the frontend cache (Varnish, nginx) when published content changes.

Wagtail's ``wagtail.contrib.frontend_cache`` sends the PURGE requests (``WAGTAILFRONTENDCACHE``, set from
``FRONTEND_CACHE_PURGE_URL``). Its app is not installed: its signal handlers purge only the page itself, and
inside the publishing transaction, so that a resident's request in between could put the old page back into
the cache. Here the batch holds everything that shows the page — the page with its sub-routes, every
listing above it (provider folder, Bildungsbörse/Kalender/Aktuelles, the home page's teasers), the page
API, the search API, the feeds, the provider's public page — and is sent after the commit.

Listing URLs with query strings (filters, pages of results) cannot be named one by one: they expire by
``Cache-Control: max-age`` (``PORTAL_CACHE["MAX_AGE"]``), or the frontend cache turns a PURGE of a path into
a ban of that path with any query string (README).
"""

import logging
from urllib.error import HTTPError, URLError
from urllib.parse import urlsplit, urlunsplit
from urllib.request import urlopen

from django.conf import settings
from django.db import transaction
from django.db.models.signals import pre_delete
from django.urls import reverse
from wagtail import __version__ as wagtail_version
from wagtail.contrib.frontend_cache.backends.http import HTTPBackend as WagtailHTTPBackend
from wagtail.contrib.frontend_cache.backends.http import PurgeRequest
from wagtail.contrib.frontend_cache.utils import PurgeBatch
from wagtail.models import Page, Site
from wagtail.signals import page_published, page_unpublished, post_page_move

logger = logging.getLogger("wagtail.frontendcache")

# Paths outside the page tree that list or describe pages.
SHARED_PATHS = [
    "/api/v2/pages/",
    "/api/v2/search/",
    "/sitemap.xml",
    "/feeds/aktuelles.rss",
    "/feeds/aktuelles.atom",
    "/feeds/angebote.rss",
    "/feeds/angebote.atom",
]


class HTTPBackend(WagtailHTTPBackend):
    """Wagtail's HTTP PURGE backend with a timeout: an unreachable cache must not hang the editor's publish."""

    def __init__(self, params):
        params = dict(params)
        self.timeout = params.pop("TIMEOUT", 5)
        super().__init__(params)

    def purge(self, url):
        parts = urlsplit(url)
        host = parts.hostname + (f":{parts.port}" if parts.port else "")
        request = PurgeRequest(
            url=urlunsplit([self.cache_scheme, self.cache_netloc, parts.path, parts.query, parts.fragment]),
            headers={"Host": host, "User-Agent": f"Wagtail-frontendcache/{wagtail_version}"},
        )
        try:
            urlopen(request, timeout=self.timeout).close()
        except HTTPError as error:
            logger.error("Couldn't purge '%s' from HTTP cache. HTTPError: %d %s", url, error.code, error.reason)
        except (URLError, OSError) as error:
            logger.error("Couldn't purge '%s' from HTTP cache: %s", url, getattr(error, "reason", error))


def enabled() -> bool:
    return bool(getattr(settings, "WAGTAILFRONTENDCACHE", None))


def site_root_url(page: Page) -> str | None:
    url = page.get_full_url()
    if url is None:
        return None
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


def related_urls(page: Page) -> set[str]:
    """The page API's and search's URLs, the feeds, the sitemap and the provider's page."""
    root = site_root_url(page)
    if root is None:
        return set()
    urls = {root + path for path in SHARED_PATHS} | {f"{root}/api/v2/pages/{page.pk}/"}
    anbieter = getattr(page.specific_deferred, "anbieter", None)
    if anbieter is not None:
        urls |= {root + reverse("anbieter:index"), root + reverse("anbieter:detail", args=[anbieter.slug])}
    return urls


def purge_batch_for(page: Page, *, old_url_path: str | None = None) -> PurgeBatch:
    """The page (or where it was, before a move), every listing above it, and what else shows it."""
    batch = PurgeBatch()
    batch.add_page(page.specific_deferred)
    batch.add_pages(page.get_ancestors().filter(depth__gt=1).specific())
    batch.add_urls(related_urls(page))
    if old_url_path is not None:
        for _site_id, root_path, root_url, _language in Site.get_site_root_paths():
            if old_url_path.startswith(root_path):
                batch.add_url(root_url + "/" + old_url_path[len(root_path) :])
    return batch


def purge_after_commit(batch: PurgeBatch) -> None:
    urls = sorted(batch.urls)
    transaction.on_commit(lambda: PurgeBatch(urls).purge())


def page_changed(sender, instance, **kwargs):
    if enabled():
        purge_after_commit(purge_batch_for(instance))


def page_moved(sender, instance, url_path_before=None, parent_page_before=None, **kwargs):
    if not enabled():
        return
    batch = purge_batch_for(instance, old_url_path=url_path_before)
    if parent_page_before is not None:
        batch.add_page(parent_page_before.specific_deferred)
        batch.add_pages(parent_page_before.get_ancestors().filter(depth__gt=1).specific())
    purge_after_commit(batch)


def page_deleted(sender, instance, **kwargs):
    # before the rows go (the URLs need them); every page has one row of the base model: one purge per page
    if type(instance) is Page and enabled() and instance.live:
        purge_after_commit(purge_batch_for(instance))


def connect() -> None:
    page_published.connect(page_changed, dispatch_uid="frontend-cache-published")
    page_unpublished.connect(page_changed, dispatch_uid="frontend-cache-unpublished")
    post_page_move.connect(page_moved, dispatch_uid="frontend-cache-moved")
    pre_delete.connect(page_deleted, dispatch_uid="frontend-cache-deleted")
