"""A fresh installation as `make run` leaves it: the service office's group receives access requests and pages
submitted for approval, links follow SITE_BASE_URL (which `make run` sets from its HOST and PORT), the set-up
speaks German and says how to reset a lost password, and an unknown address shows the German 404 under DEBUG."""

import re
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.management import call_command
from django.test import RequestFactory
from wagtail.models import Site, Workflow

from anbieter import services as anbieter_services
from anbieter.roles import MODERATION_WORKFLOW, SERVICE_OFFICE_GROUP
from ops.middleware import GermanNotFoundMiddleware
from tests.factories import folder, make_event, make_offer, make_provider_account

MAKEFILE = Path(__file__).resolve().parents[2] / "Makefile"


@pytest.fixture
def fresh(db, monkeypatch, settings, capsys):
    """setup_portal as `make run` calls it, with SITE_BASE_URL from HOST and PORT."""
    monkeypatch.setenv("SITE_BASE_URL", "http://127.0.0.1:8123")
    monkeypatch.setenv("ADMIN_EMAIL", "buero@landkreis.example.org")
    monkeypatch.delenv("ADMIN_PASSWORD", raising=False)
    settings.WAGTAILADMIN_BASE_URL = "http://127.0.0.1:8123"
    call_command("setup_portal")
    return capsys.readouterr().out


def test_the_first_administrator_receives_access_requests(fresh, django_capture_on_commit_callbacks):
    admin = get_user_model().objects.get(username="admin")
    assert admin.groups.filter(name=SERVICE_OFFICE_GROUP).exists()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        anbieter_services.submit_provider_request(
            organisation="Heimatverein Uebigau",
            kind="verein",
            description="",
            contact_name="Uta Ufer",
            email="uta@heimatverein.example.org",
        )
    to_office = [m for m in mail.outbox if m.to == ["buero@landkreis.example.org"]]
    assert len(to_office) == 1 and "Heimatverein Uebigau" in to_office[0].subject
    # the link into the admin follows SITE_BASE_URL
    assert "http://127.0.0.1:8123/admin/" in to_office[0].body


def test_access_requests_reach_the_office_address_while_its_group_is_empty(
    db, settings, django_capture_on_commit_callbacks
):
    call_command("setup_portal", "--no-admin")
    settings.SERVICE_OFFICE_EMAIL = "servicebuero@landkreis.example.org"
    with django_capture_on_commit_callbacks(execute=True):
        anbieter_services.submit_provider_request(
            organisation="Chor Falkenberg",
            kind="verein",
            description="",
            contact_name="Carla Chor",
            email="carla@chor.example.org",
        )
    assert [m.to for m in mail.outbox if "Chor Falkenberg" in m.subject] == [["servicebuero@landkreis.example.org"]]


def test_the_first_administrator_receives_pages_submitted_for_approval(fresh):
    provider, alpha = make_provider_account("Anbieter Alpha", username="alpha", person="Anton Alpha")
    page = make_offer("Kräuterwanderung", parent=folder(provider, "bildungsboerse"), live=False)
    mail.outbox.clear()
    Workflow.objects.get(name=MODERATION_WORKFLOW).start(page, alpha)
    recipients = {address for message in mail.outbox for address in message.to}
    assert "buero@landkreis.example.org" in recipients, [m.subject for m in mail.outbox]
    # Wagtail's own notices greet as the portal's mails do
    to_office = next(m for m in mail.outbox if m.to == ["buero@landkreis.example.org"])
    assert "Guten Tag admin," in to_office.body and "Hallo" not in to_office.body


def test_setup_speaks_german_and_says_how_to_reset_the_password(fresh, capsys):
    assert "Portal eingerichtet" in fresh and "Administrator angelegt" in fresh
    assert "manage.py changepassword admin" in fresh
    assert "Portal ready" not in fresh and "Administrator created" not in fresh
    call_command("setup_portal")
    again = capsys.readouterr().out
    assert "gibt es bereits" in again and "changepassword admin" in again


def test_site_address_follows_site_base_url_on_every_run(fresh, monkeypatch, settings):
    site = Site.objects.get(is_default_site=True)
    assert (site.hostname, site.port) == ("127.0.0.1", 8123)
    monkeypatch.setenv("SITE_BASE_URL", "http://127.0.0.1:8200")
    settings.WAGTAILADMIN_BASE_URL = "http://127.0.0.1:8200"
    call_command("setup_portal")
    site.refresh_from_db()
    assert (site.hostname, site.port) == ("127.0.0.1", 8200)
    assert site.root_url == "http://127.0.0.1:8200"


def test_make_run_sets_site_base_url_from_host_and_port():
    makefile = MAKEFILE.read_text()
    assert re.search(r"^SITE_BASE_URL \?= http://\$\(HOST\):\$\(PORT\)$", makefile, re.M)
    assert re.search(r"^export SITE_BASE_URL$", makefile, re.M)


def test_unknown_address_shows_the_german_404_page_in_development(db, settings):
    from django.http import Http404

    settings.DEBUG = True
    request = RequestFactory().get("/gibt-es-nicht/")
    response = GermanNotFoundMiddleware(lambda r: None).process_exception(request, Http404("nope"))
    assert response.status_code == 404
    assert "<h1>Seite nicht gefunden</h1>" in response.content.decode()
    debug = RequestFactory().get("/gibt-es-nicht/?debug404")
    assert GermanNotFoundMiddleware(lambda r: None).process_exception(debug, Http404("nope")) is None
    from cms.settings import dev

    assert "ops.middleware.GermanNotFoundMiddleware" in dev.MIDDLEWARE


def test_admin_speaks_german_in_its_own_labels(client, fresh):
    html = client.get("/admin/login/").content.decode()
    assert "Anmelden bei 3L Elbe-Elster" in html and "Bei Wagtail anmelden" not in html
    assert ">Passwort" in html and ">Password" not in html
    admin = get_user_model().objects.get(username="admin")
    client.force_login(admin)
    menu = client.get("/admin/").content.decode()
    for label in ("Anfragen auf Zugang", "Merkmale der Barrierefreiheit"):
        assert label in menu, label
    assert "Anfragen Auf Zugang" not in menu and "Merkmale Der Barrierefreiheit" not in menu
    make_event("Tanzabend", registration_mode="portal", capacity=5)
    slots = client.get("/admin/anmeldung/slot/").content.decode()
    assert "Tanzabend" in slots
    assert "elegt / Plätze" in slots and "Mindestzahl" in slots and "Seats" not in slots and "Minimum" not in slots
