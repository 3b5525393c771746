"""Wagtail's site lookup is read once per host and content version in each process (caching/sites.py); a site
change or a publish is seen by the next request. A request that never asks for its site reads none
(tests/ops/test_health.py: /health/ answers 503 while the database is down)."""

from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from wagtail.models import Site

from bildungsboerse.models import BildungsboerseIndexPage
from caching import sites


def lookup(host: str = "testserver"):
    return Site.find_for_request(RequestFactory().get("/", HTTP_HOST=host))


def test_a_second_request_reads_no_site_and_gets_a_copy_of_its_own(portal):
    first = lookup()
    with CaptureQueriesContext(connection) as queries:
        second = lookup()
    assert len(queries) == 0
    assert second == first and second.root_page == first.root_page
    assert second is not first and second.root_page is not first.root_page
    second.root_page.title = "verändert"
    assert lookup().root_page.title == first.root_page.title


def test_a_changed_site_and_a_published_root_page_are_read_anew(portal):
    stored = Site.objects.get(pk=lookup().pk)
    stored.site_name = "Kreisportal"
    stored.save()
    assert lookup().site_name == "Kreisportal"
    home = stored.root_page.specific
    home.title = "Lernen im Landkreis"
    home.save_revision().publish()
    assert lookup().root_page.title == "Lernen im Landkreis"


def test_each_host_gets_its_own_site_and_the_process_keeps_only_a_few(portal):
    other = Site.objects.create(
        hostname="kurse.example.org", port=80, site_name="Kurse", root_page=BildungsboerseIndexPage.objects.get()
    )
    assert lookup("kurse.example.org").pk == other.pk
    assert lookup().pk != other.pk
    for n in range(sites.MAX_HOSTS + 10):
        lookup(f"host-{n}.example.org")
    assert len(sites._found) <= sites.MAX_HOSTS
    assert lookup("kurse.example.org").pk == other.pk
