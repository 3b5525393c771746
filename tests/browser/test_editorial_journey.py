"""A provider writes an event in the Wagtail admin and submits it; the service office approves it; residents
find it in the calendar and the search. Everything through the browser, under the admin's German interface."""

import datetime
import re

import pytest
from django.core import mail
from django.utils import timezone
from playwright.sync_api import expect
from wagtail.models import WorkflowState

from kalender.models import EventPage
from tests.factories import make_office_editor, make_provider_account

from .conftest import screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

PASSWORD = "geheim-123"  # tests.factories.make_user's
TITLE = "Erzählcafé: Kindheit an der Schwarzen Elster"


def log_in(page, site, username: str) -> None:
    page.goto(site.url("/admin/"))
    expect(page).to_have_url(re.compile(r"/admin/login/\?next=/admin/$"))
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill(PASSWORD)
    page.get_by_role("button", name="Anmelden").click()
    expect(page).to_have_url(site.url("/admin/"))


def log_out(page) -> None:
    page.locator(".sidebar-footer__account").click()  # the account menu at the foot of the admin's sidebar
    page.locator(".sidebar-footer").get_by_text("Abmelden", exact=True).click()
    expect(page).to_have_url(re.compile(r"/admin/login/"))


def admin_datetime(value: datetime.datetime) -> str:
    """The format of Wagtail's date-time widget (WAGTAIL_DATETIME_FORMAT's default)."""
    return timezone.localtime(value).strftime("%Y-%m-%d %H:%M")


def test_provider_submits_an_event_the_office_approves_and_residents_find_it(page, site):
    heimatverein, _author = make_provider_account("Heimatverein Doberlug", username="heimatverein", person="Karl Klein")
    make_office_editor("redaktion")
    folder = heimatverein.kalender_folder
    start = (timezone.localtime() + datetime.timedelta(days=8)).replace(hour=15, minute=0, second=0, microsecond=0)

    # 1. The provider logs in through the login form and opens its own folder of events.
    log_in(page, site, "heimatverein")
    expect(page.get_by_role("region", name="Ihre Inhalte")).to_contain_text("Keine Entwürfe.")
    page.goto(site.url(f"/admin/pages/{folder.pk}/"))
    page.get_by_role("link", name="Unterseite hinzufügen").first.click()
    expect(page).to_have_url(site.url(f"/admin/pages/add/kalender/eventpage/{folder.pk}/"))

    # 2. It fills in the event (the labels are the admin's accessible names; "*" marks required fields).
    form = page.get_by_role("tabpanel", name="Inhalt")
    form.get_by_role("textbox", name="Titel*").fill(TITLE)
    form.get_by_role("textbox", name="Beginn*").fill(admin_datetime(start))
    form.get_by_role("textbox", name="Ende", exact=True).fill(admin_datetime(start + datetime.timedelta(hours=2)))
    form.get_by_role("textbox", name="Kurzbeschreibung*").fill(
        "Ältere Doberluger erzählen, wie sie als Kinder an der Schwarzen Elster gespielt haben."
    )
    form.get_by_role("combobox", name="Bereich").select_option(label="Freizeit & Kultur")
    form.get_by_role("checkbox", name="Ruhestand & Alter").check()
    form.get_by_role("checkbox", name="Seniorinnen und Senioren").check()
    form.get_by_role("textbox", name="Veranstaltungsort").fill("Heimatstube")
    form.get_by_role("combobox", name="Ort (Gemeinde)").select_option(label="Doberlug-Kirchhain")
    form.get_by_role("checkbox", name="Kostenlos").check()
    form.get_by_role("textbox", name="Titel*").scroll_into_view_if_needed()  # the admin scrolls inside its layout
    screenshot(page, "redaktion-veranstaltung-bearbeiten")

    # 3. It submits the event for approval by the service office.
    page.locator("footer [data-w-dropdown-target='toggle']").click()
    page.get_by_role("button", name=re.compile(r"einreichen")).click()
    expect(page.get_by_role("status")).to_contain_text(TITLE)
    event = EventPage.objects.get(title=TITLE)
    assert not event.live and event.anbieter == heimatverein and event.get_parent().specific == folder
    assert WorkflowState.objects.get(object_id=str(event.pk)).status == WorkflowState.STATUS_IN_PROGRESS
    log_out(page)

    # 4. An editor of the service office logs in and approves it.
    log_in(page, site, "redaktion")
    waiting = page.get_by_role("region", name="Wartet auf Freigabe", exact=True)
    expect(waiting).to_contain_text("eingereicht von Karl Klein")
    waiting.get_by_role("link", name=TITLE).click()
    expect(page).to_have_url(site.url(f"/admin/pages/{event.pk}/edit/"))
    page.locator("footer [data-w-dropdown-target='toggle']").click()
    page.get_by_role("button", name="Freigeben und Veröffentlichen", exact=True).click()
    expect(page.get_by_role("status")).to_contain_text(TITLE)
    event.refresh_from_db()
    assert event.live
    assert "heimatverein@example.org" in [address for message in mail.outbox for address in message.to]  # told
    assert WorkflowState.objects.get(object_id=str(event.pk)).status == WorkflowState.STATUS_APPROVED
    log_out(page)

    # 5. Residents find it in the calendar and in the search.
    page.goto(site.url("/veranstaltungen/"))
    expect(page.get_by_role("link", name=TITLE)).to_be_visible()
    screenshot(page, "kalender-neue-veranstaltung")
    page.get_by_role("link", name=TITLE).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)
    expect(page.get_by_role("complementary", name="Auf einen Blick")).to_contain_text("Heimatverein Doberlug")
    page.goto(site.url("/suche/?q=Erzählcafé"))
    expect(page.locator("#results-heading")).to_contain_text("1 Treffer")
    expect(page.get_by_role("link", name=TITLE)).to_be_visible()
