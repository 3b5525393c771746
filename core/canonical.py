"""Absolute URLs and identifiers from the one canonical base, SITE_BASE_URL (``WAGTAILADMIN_BASE_URL``).

Never from the request: a www/apex alias, a proxy or a port in the ``Host`` header must not change a link
in a mail, a feed's GUID, an iCal UID or a sitemap entry, or every subscriber sees duplicates.
"""

from urllib.parse import urlsplit

from django.conf import settings

# RFC 4151 tag URIs name an authority (the canonical host) and a date on which it owned that name. The date
# is part of every Atom id: never change it, or every feed reader sees every entry as new.
TAG_DATE = "2025"


def base_url() -> str:
    """The canonical base without a trailing slash, e.g. ``https://3l.lkee.de``."""
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/")


def canonical_host() -> str:
    """The canonical host name, without port: the authority of UIDs and tag URIs."""
    return urlsplit(base_url()).hostname or "localhost"


def absolute_url(path: str) -> str:
    """``path`` on the canonical base; an address that is absolute already (media on S3) stays as it is."""
    if path.startswith(("http://", "https://")):
        return path
    return base_url() + path


def page_url(page) -> str:
    """A page's address on the canonical base (its path within its Wagtail site)."""
    parts = page.get_url_parts()
    if parts is None:
        return absolute_url("/")
    _site_id, _root_url, page_path = parts
    return absolute_url(page_path)


def tag_uri(specific: str) -> str:
    """An RFC 4151 ``tag:`` URI on the canonical host, e.g. ``tag:3l.lkee.de,2025:page-212``."""
    return f"tag:{canonical_host()},{TAG_DATE}:{specific}"
