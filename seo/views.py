"""For search engines and other portals: sitemap.xml, robots.txt, RSS/Atom feeds of articles and new offers.

Every absolute address and identifier comes from the canonical base (``core.canonical``), never from the
request's ``Host``; feeds and sitemap answer conditional GETs with 304 (``caching.conditional``).
"""

from urllib.parse import urlsplit, urlunsplit

from django.contrib.sitemaps import Sitemap as DjangoSitemap
from django.contrib.syndication.views import Feed
from django.http import HttpResponse
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET
from wagtail.contrib.sitemaps import Sitemap as WagtailSitemap
from wagtail.contrib.sitemaps.views import sitemap as wagtail_sitemap

from aktuelles.models import AktuellesIndexPage, ArticlePage
from anbieter.models import Anbieter
from bildungsboerse.models import BildungsboerseIndexPage, OfferPage
from caching.conditional import conditional_response
from core.canonical import absolute_url, base_url, canonical_host, page_url, tag_uri
from seo.structured_data import article_published_at

FEED_SIZE = 30


class PageSitemap(WagtailSitemap):
    """Wagtail's sitemap of live, public pages, with their addresses on the canonical base."""

    def _urls(self, page, protocol, domain):
        urls = super()._urls(page, protocol, domain)
        for url in urls:
            url["location"] = canonical(url["location"])
        return urls


def canonical(url: str) -> str:
    """The same address on the canonical base (pages give theirs from the Wagtail Site)."""
    parts = urlsplit(url)
    return absolute_url(urlunsplit(("", "", parts.path or "/", parts.query, parts.fragment)))


class ProviderSitemap(DjangoSitemap):
    """The public pages of approved providers (/anbieter/<slug>/), which are not Wagtail pages."""

    changefreq = "weekly"

    def __init__(self, request=None):
        self.request = request

    def items(self):
        return Anbieter.objects.active().order_by("slug")

    def get_protocol(self, protocol=None):
        return urlsplit(base_url()).scheme

    def get_domain(self, site=None):
        return urlsplit(base_url()).netloc


SITEMAPS = {"seiten": PageSitemap, "anbieter": ProviderSitemap}


def sitemap_versions(request) -> list[tuple]:
    """What the sitemap shows: every listed page with its last publication, and the active providers."""
    pages = PageSitemap(request).items().values_list("pk", "last_published_at")
    return [("page", *row) for row in pages] + [
        ("anbieter", pk, slug, None)
        for pk, slug in Anbieter.objects.active().order_by("slug").values_list("pk", "slug")
    ]


@cache_control(max_age=3600, public=True)
def sitemap(request):
    return conditional_response(request, sitemap_versions(request), lambda: wagtail_sitemap(request, sitemaps=SITEMAPS))


@require_GET
@cache_control(max_age=86400, public=True)
def robots_txt(request):
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /django-admin/",
        "Disallow: /zugang/",
        "Disallow: /suche/?",
        "",
        f"Sitemap: {absolute_url(reverse('sitemap'))}",
        "",
    ]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")


class _PageFeed(Feed):
    """A feed of pages. Links and ids come from the canonical base: the RSS ``guid`` is
    ``page-<id>@<host>``, the Atom ``id`` an RFC 4151 tag URI ``tag:<host>,2025:page-<id>``."""

    index_model = None
    feed_name = ""

    def index_url(self) -> str:
        index = self.index_model.objects.live().first()
        return page_url(index) if index else absolute_url("/")

    def link(self):
        return self.index_url()

    def feed_url(self):
        return absolute_url(self.request.path)

    def feed_guid(self):
        return tag_uri(f"feed-{self.feed_name}")

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.teaser

    def item_link(self, item):
        return page_url(item)

    def item_guid(self, item):
        return f"page-{item.pk}@{canonical_host()}"

    item_guid_is_permalink = False

    def item_pubdate(self, item):
        return item.first_published_at

    def item_updateddate(self, item):
        return item.last_published_at

    def item_author_name(self, item):
        return item.anbieter.name if item.anbieter_id else "3L Elbe-Elster"

    def versions(self) -> list[tuple]:
        """The items' ids and last publications, in one small query: the feed's ETag and Last-Modified."""
        return list(self.items().values_list("pk", "last_published_at"))

    def __call__(self, request, *args, **kwargs):
        self.request = request
        return conditional_response(
            request, self.versions(), lambda: super(_PageFeed, self).__call__(request, *args, **kwargs)
        )


class _AtomFeed:
    """Atom ids must be IRIs (RFC 4287 §4.2.6): tag URIs for the feed and each entry."""

    feed_type = Atom1Feed

    def item_guid(self, item):
        return tag_uri(f"page-{item.pk}")


class ArticlesFeed(_PageFeed):
    title = "Aktuelles – 3L Elbe-Elster"
    description = "Neuigkeiten aus dem Netzwerk Lebenslanges Lernen im Landkreis Elbe-Elster."
    index_model = AktuellesIndexPage
    feed_name = "aktuelles"

    def items(self):
        return (
            ArticlePage.objects.visible()
            .select_related("anbieter")
            .order_by("-date", "-first_published_at")[:FEED_SIZE]
        )

    def item_pubdate(self, item):
        return article_published_at(item)  # the article's own date, not its publication


class ArticlesAtomFeed(_AtomFeed, ArticlesFeed):
    subtitle = ArticlesFeed.description


class NewOffersFeed(_PageFeed):
    title = "Neue Angebote – 3L Elbe-Elster"
    description = "Neu veröffentlichte Kurse und Angebote der Bildungsbörse Elbe-Elster."
    index_model = BildungsboerseIndexPage
    feed_name = "angebote"

    def items(self):
        return (
            OfferPage.objects.visible().current().select_related("anbieter").order_by("-first_published_at")[:FEED_SIZE]
        )


class NewOffersAtomFeed(_AtomFeed, NewOffersFeed):
    subtitle = NewOffersFeed.description
