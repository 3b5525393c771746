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
from bedarf import views as bedarf_views
from kalender import views as kalender_views
from newsletter import views as newsletter_views
from ops import views as ops_views
from search import views as search_views
from seo import views as seo

from .api import api_router, openapi_description

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
    path("api/v2/search/geojson/", search_views.api_geojson, name="api_search_geojson"),
    path("health/", ops_views.health, name="health"),
    path("api/v2/openapi.yaml", openapi_description, name="api_openapi"),
    path("api/v2/search/", search_views.api_search, name="api_search"),
    path("api/v2/search/suggest/", search_views.api_suggest, name="api_search_suggest"),
    path("api/v2/search/klick/", search_views.api_search_click, name="api_search_click"),
    path("api/v2/anmeldungen/", anmeldung_views.api_register, name="api_anmeldungen"),
    path("api/v2/newsletter/", newsletter_views.api_subscribe, name="api_newsletter"),
    path("api/v2/bedarf/", bedarf_views.api_wish, name="api_bedarf"),
    path("api/v2/", api_router.urls),
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
