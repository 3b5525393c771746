"""For search engines and other portals: sitemap.xml, robots.txt, RSS/Atom feeds of articles and new offers."""

from django.contrib.sitemaps import Sitemap as DjangoSitemap
from django.contrib.syndication.views import Feed
from django.http import HttpResponse
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET
from wagtail.contrib.sitemaps import Sitemap as WagtailSitemap
from wagtail.contrib.sitemaps.views import sitemap as wagtail_sitemap

from anbieter.models import Anbieter

FEED_SIZE = 30


class ProviderSitemap(DjangoSitemap):
    """The public pages of approved providers (/anbieter/<slug>/), which are not Wagtail pages."""

    changefreq = "weekly"

    def __init__(self, request=None):
        self.request = request

    def items(self):
        return Anbieter.objects.active().order_by("slug")

    def get_protocol(self, protocol=None):
        return self.request.scheme if self.request else super().get_protocol(protocol)

    def get_domain(self, site=None):
        return self.request.get_host() if self.request else super().get_domain(site)


SITEMAPS = {"seiten": WagtailSitemap, "anbieter": ProviderSitemap}


@cache_control(max_age=3600, public=True)
def sitemap(request):
    return wagtail_sitemap(request, sitemaps=SITEMAPS)


@require_GET
@cache_control(max_age=86400, public=True)
def robots_txt(request):
    lines = ["User-agent: *", "Disallow: /admin/", "Disallow: /django-admin/", "Disallow: /zugang/",
             "Disallow: /suche/?", "", f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}", ""]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")


class _PageFeed(Feed):
    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.teaser

    def item_link(self, item):
        return item.get_url(self.request)

    def item_guid(self, item):
        return f"page-{item.pk}@{self.request.get_host().split(':')[0]}"

    item_guid_is_permalink = False

    def item_pubdate(self, item):
        return item.first_published_at

    def item_updateddate(self, item):
        return item.last_published_at

    def item_author_name(self, item):
        return item.anbieter.name if item.anbieter_id else "3L Elbe-Elster"

    def __call__(self, request, *args, **kwargs):
        self.request = request
        return super().__call__(request, *args, **kwargs)


class ArticlesFeed(_PageFeed):
    title = "Aktuelles – 3L Elbe-Elster"
    description = "Neuigkeiten aus dem Netzwerk Lebenslanges Lernen im Landkreis Elbe-Elster."

    def link(self):
        from aktuelles.models import AktuellesIndexPage

        index = AktuellesIndexPage.objects.live().first()
        return index.url if index else "/"

    def items(self):
        from aktuelles.models import ArticlePage

        return ArticlePage.objects.visible().select_related("anbieter").order_by("-first_published_at")[:FEED_SIZE]


class ArticlesAtomFeed(ArticlesFeed):
    feed_type = Atom1Feed
    subtitle = ArticlesFeed.description


class NewOffersFeed(_PageFeed):
    title = "Neue Angebote – 3L Elbe-Elster"
    description = "Neu veröffentlichte Kurse und Angebote der Bildungsbörse Elbe-Elster."

    def link(self):
        from bildungsboerse.models import BildungsboerseIndexPage

        index = BildungsboerseIndexPage.objects.live().first()
        return index.url if index else "/"

    def items(self):
        from bildungsboerse.models import OfferPage

        return (OfferPage.objects.visible().current().select_related("anbieter")
                .order_by("-first_published_at")[:FEED_SIZE])


class NewOffersAtomFeed(NewOffersFeed):
    feed_type = Atom1Feed
    subtitle = NewOffersFeed.description
