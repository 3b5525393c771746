"""Conditional GET for feeds and the sitemap: ``ETag``/``Last-Modified`` from what the answer shows, 304 if unchanged.

A feed reader or calendar app polls every few minutes; with ``If-None-Match``/``If-Modified-Since`` it gets
an empty 304 until something in the feed changes, and the portal skips rendering the feed.
"""

import hashlib
from collections.abc import Callable, Iterable

from django.http import HttpResponse
from django.utils.cache import get_conditional_response
from django.utils.http import http_date, quote_etag


def validators(versions: Iterable[tuple]) -> tuple[str, int | None]:
    """The (weak) ETag and Last-Modified (a timestamp) of an answer that shows ``versions``.

    Each version is ``(identity…, last_published_at)``: the ETag covers every item, so an item that drops
    out (unpublished, ended) changes it too; Last-Modified is the newest publication.
    """
    versions = sorted(versions, key=repr)  # the same items in another order (equal start times) are the same answer
    # weak: it stands for what the answer shows, not for its bytes (RFC 9110 §8.8.1)
    etag = quote_etag(f'W/"{hashlib.sha256(repr(versions).encode()).hexdigest()[:32]}"')
    stamps = [version[-1] for version in versions if version[-1] is not None]
    return etag, int(max(stamps).timestamp()) if stamps else None


def conditional_response(request, versions: Iterable[tuple], build: Callable[[], HttpResponse]) -> HttpResponse:
    """A 304 if the client's copy shows the same ``versions``; otherwise ``build()``, with both validators."""
    etag, last_modified = validators(versions)
    response = get_conditional_response(request, etag=etag, last_modified=last_modified)
    if response is None:
        response = build()
    if request.method in ("GET", "HEAD") and response.status_code in (200, 304):
        response["ETag"] = etag
        if last_modified is not None:
            response["Last-Modified"] = http_date(last_modified)
    return response
