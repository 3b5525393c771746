"""Wagtail's site lookup once per host and content version, not on every request.

Wagtail finds the request's site with a query (a ``CASE`` over the sites, joined to the root page) on every
request: ``Site.find_for_request`` keeps it on the request only. Sites and their root pages change rarely, and
every change bumps the content version: saving or deleting a site (``CACHING_CONTENT_MODELS``), publishing,
moving or deleting a page (``caching.content``). So each process keeps the site it found per host, port and
content version, and hands every request a copy of its own (with its own root page object), as if it had been
read for that request.

``connect()`` puts ``find_for_request`` in the place of Wagtail's: the same contract (looked up when first asked,
kept on the request), so a request that never asks (``/health/`` while the database is down) reads nothing. The
process keeps at most ``MAX_HOSTS`` entries: the lookup reads the raw ``Host`` header, as Wagtail's does.
"""

import copy
import threading

from django.http.request import split_domain_port
from wagtail.models import Site

from .content import content_version

MAX_HOSTS = 64
_found: dict[tuple[str, int], tuple[str, Site | None]] = {}  # (host, port) -> (content version, site)
_lock = threading.Lock()
_wagtails_lookup = Site._find_for_request


def site_for_request(request) -> Site | None:
    """The request's site as Wagtail finds it, read once per host, port and content version in this process."""
    host = (split_domain_port(request._get_raw_host())[0], request.get_port())
    version = content_version()
    found_in, site = _found.get(host, (None, None))
    if found_in != version:
        site = _wagtails_lookup(request)
        with _lock:
            if len(_found) >= MAX_HOSTS and host not in _found:
                _found.clear()  # odd hosts: read again when asked
            _found[host] = (version, site)
    return copy.deepcopy(site)


def find_for_request(request) -> Site | None:
    """``Site.find_for_request``, with the lookup above."""
    if request is None:
        return None
    if not hasattr(request, "_wagtail_site"):
        request._wagtail_site = site_for_request(request)
    return request._wagtail_site


def connect() -> None:
    Site.find_for_request = staticmethod(find_for_request)
