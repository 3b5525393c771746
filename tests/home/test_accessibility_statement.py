"""The "Erklärung zur Barrierefreiheit": content from setup_portal, never overwriting the editors' version."""

from bs4 import BeautifulSoup
from wagtail.models import Page

from home.models import StandardPage
from portal.setup import set_up_portal


def statement() -> StandardPage:
    return StandardPage.objects.get(slug="barrierefreiheit")


def test_new_portal_has_a_complete_statement_with_feedback_contact_and_conciliation(client, settings, db):
    settings.SERVICE_OFFICE_EMAIL = "barrierefrei@lkee.example"
    statement().delete()  # the session's portal has one already: set the portal up as if it were new
    set_up_portal()
    response = client.get("/barrierefreiheit/")
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    headings = [h.get_text(strip=True) for h in soup.select("main h2")]
    assert headings == [
        "Stand der Vereinbarkeit mit den Anforderungen",
        "Nicht barrierefreie Inhalte",
        "Erstellung dieser Erklärung",
        "Feedback und Kontakt",
        "Schlichtungsverfahren",
    ]
    text = soup.get_text(" ")
    assert "BITV 2.0" in text and "teilweise" in text and "Stand:" in text
    assert "Landesbeauftragte für die Belange der Menschen mit Behinderungen des Landes Brandenburg" in text
    assert soup.select_one('main a[href="mailto:barrierefrei@lkee.example"]') is not None
    assert soup.select_one('footer a[href="/barrierefreiheit/"]') is not None  # reachable from every page


def test_setup_fills_an_empty_statement_of_an_existing_portal(db):
    set_up_portal()
    page = statement()
    page.body = []
    page.save_revision().publish()
    set_up_portal()
    assert len(statement().body) > 5


def test_setup_never_overwrites_the_editors_statement(db):
    set_up_portal()
    page = statement()
    page.body = [{"type": "paragraph", "value": "<p>Von der Redaktion geprüft.</p>"}]
    page.save_revision().publish()
    revisions = page.revisions.count()
    set_up_portal()
    assert [block.block_type for block in statement().body] == ["paragraph"]
    assert statement().revisions.count() == revisions


def test_setup_leaves_a_statement_with_an_unpublished_draft_alone(db):
    set_up_portal()
    page = statement()
    page.body = []
    page.save_revision().publish()
    page.body = [{"type": "paragraph", "value": "<p>Entwurf</p>"}]
    page.save_revision()
    set_up_portal()
    assert len(statement().body) == 0 and Page.objects.get(pk=page.pk).has_unpublished_changes
