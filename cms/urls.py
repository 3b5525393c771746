from django.conf import settings
from django.contrib import admin
from django.urls import include, path, re_path
from django.views.generic import TemplateView
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from anbieter import onboarding_urls
from anbieter import urls as anbieter_urls
from anmeldung import views as anmeldung_views
from kalender import views as kalender_views
from ops import views as ops_views
from search import views as search_views
from seo import views as seo

from .api import api_router, portal_api
from .api_v3 import urls as api_v3_urls

handler404 = ops_views.not_found
handler500 = ops_views.server_error

urlpatterns = [
    path("django-admin/", admin.site.urls),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("sitemap.xml", seo.sitemap, name="sitemap"),
    path("robots.txt", seo.robots_txt, name="robots_txt"),
    path("feeds/aktuelles.rss", seo.ArticlesFeed(), name="feed_articles_rss"),
    path("feeds/aktuelles.atom", seo.ArticlesAtomFeed(), name="feed_articles_atom"),
    path("feeds/angebote.rss", seo.NewOffersFeed(), name="feed_offers_rss"),
    path("feeds/angebote.atom", seo.NewOffersAtomFeed(), name="feed_offers_atom"),
    # the portal's own endpoints (search, forms, health, the OpenAPI description): cms/api.py
    path("", portal_api.urls),
    path("api/v2/", api_router.urls),
    # Wagtail's API v3 with bearer tokens; providers' software writes through /api/v3/austausch/ (cms/api_v3.py)
    path("api/v3/", api_v3_urls),
    path("suche/", search_views.search, name="search"),
    # calendar apps expect a file name; the same feed is the calendar page's feed/ sub-page
    re_path(r"^(?P<section>[\w-]+)/feed\.ics$", kalender_views.calendar_feed_by_slug, name="calendar_feed_ics"),
    path("anbieter/", include(anbieter_urls)),
    path("zugang/", include(onboarding_urls)),
    path("anmeldung/", include("anmeldung.urls")),
    path("bewertung/", include("feedback.urls")),
    path("newsletter/", include("newsletter.urls")),
    path("was-fehlt/", include("bedarf.urls")),
    path("merkzettel/", TemplateView.as_view(template_name="home/bookmarks.html"), name="bookmarks"),
    path("programm/", anmeldung_views.programme_index, name="programme_index"),
    path("programm/<slug:ort_slug>/", anmeldung_views.programme, name="programme"),
]

if settings.DEBUG:
    from django.conf.urls.static import static
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns

    urlpatterns += staticfiles_urlpatterns()
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

urlpatterns += [
    # Wagtail's page serving comes last: it catches every other path.
    path("", include(wagtail_urls)),
]
