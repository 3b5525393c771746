"""Feeds, calendar feeds and the sitemap answer conditional GETs with 304 until what they show changes."""

import datetime

import feedparser
import pytest
from django.utils import timezone
from django.utils.http import http_date

from kalender.recurrence import BERLIN
from tests.factories import make_article, make_event, make_offer
from tests.module_data import fresh, rolled_back_at_the_end

pytestmark = pytest.mark.django_db

PATHS = [
    "/feeds/aktuelles.rss",
    "/feeds/aktuelles.atom",
    "/feeds/angebote.rss",
    "/feeds/angebote.atom",
    "/veranstaltungen/feed.ics",
    "/veranstaltungen/feed/",
    "/sitemap.xml",
]


@pytest.fixture(scope="class")
def content(django_db_setup, django_db_blocker):
    """An article, an offer and an event, built once for the class's tests (tests/module_data.py); a test that
    changes one changes a fresh copy, and its transaction undoes the change."""
    with rolled_back_at_the_end(django_db_blocker):
        yield {
            "article": make_article("Neues Programm"),
            "offer": make_offer("Töpferkurs"),
            "event": make_event("Konzert"),
        }


def page_for(path: str, content: dict):
    return fresh(content["article" if "aktuelles" in path else "offer" if "angebote" in path else "event"])


@pytest.mark.django_db
class TestOnTheSameContent:
    """(a class, so that the module's tests with pages of their own do not see these)"""

    @pytest.mark.parametrize("path", PATHS)
    def test_unchanged_content_answers_304_to_if_none_match_and_if_modified_since(self, client, content, path):
        first = client.get(path)
        assert first.status_code == 200 and first.content
        etag, last_modified = first["ETag"], first["Last-Modified"]
        assert etag.startswith('W/"') and etag.endswith('"')

        by_etag = client.get(path, HTTP_IF_NONE_MATCH=etag)
        assert by_etag.status_code == 304 and not by_etag.content
        assert by_etag["ETag"] == etag and "public" in by_etag["Cache-Control"]
        by_date = client.get(path, HTTP_IF_MODIFIED_SINCE=last_modified)
        assert by_date.status_code == 304 and not by_date.content
        older = http_date((timezone.now() - datetime.timedelta(days=1)).timestamp())
        assert client.get(path, HTTP_IF_MODIFIED_SINCE=older).status_code == 200

        page = page_for(path, content)
        page.title += " (geändert)"
        page.save_revision().publish()
        changed = client.get(path, HTTP_IF_NONE_MATCH=etag)
        assert changed.status_code == 200 and changed["ETag"] != etag
        assert "(geändert)" in changed.content.decode() or path == "/sitemap.xml"

    @pytest.mark.parametrize("path", ["/feeds/aktuelles.rss", "/veranstaltungen/feed.ics", "/sitemap.xml"])
    def test_last_modified_is_the_newest_publication_and_unpublishing_changes_the_etag(self, client, content, path):
        page = page_for(path, content)
        response = client.get(path)
        assert response["Last-Modified"] == http_date(page.last_published_at.timestamp()) or path == "/sitemap.xml"
        page.unpublish()
        gone = client.get(path, HTTP_IF_NONE_MATCH=response["ETag"])
        assert gone.status_code == 200 and page.url_path.rstrip("/").rsplit("/", 1)[-1] not in gone.content.decode()

    def test_single_event_download_answers_304(self, client, content):
        url = content["event"].url + "ical/"
        etag = client.get(url)["ETag"]
        assert client.get(url, HTTP_IF_NONE_MATCH=etag).status_code == 304


def test_rss_and_atom_dates_of_articles_come_from_the_article_date(client, portal):
    today = timezone.localdate()
    old = make_article("Rückblick", date=today - datetime.timedelta(days=10))
    new = make_article("Heute neu", date=today)
    rss = feedparser.parse(client.get("/feeds/aktuelles.rss").content)
    assert [entry.title for entry in rss.entries] == ["Heute neu", "Rückblick"]
    published = {
        entry.title: datetime.datetime(*entry.published_parsed[:6], tzinfo=datetime.UTC) for entry in rss.entries
    }
    midnight = datetime.datetime.combine(old.date, datetime.time(), tzinfo=BERLIN)
    assert published["Rückblick"] == midnight  # not its (today's) first publication
    assert published["Heute neu"] == new.first_published_at.replace(microsecond=0)
    atom = feedparser.parse(client.get("/feeds/aktuelles.atom").content)
    atom_published = {entry.title: entry.published_parsed[:3] for entry in atom.entries}
    assert atom_published["Rückblick"] == midnight.astimezone(datetime.UTC).timetuple()[:3]
