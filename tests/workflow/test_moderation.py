"""The workflow "Freigabe durch das Servicebüro": setup, who may publish, mails, the dashboard panel."""

import datetime

import pytest
from bs4 import BeautifulSoup
from django.core import mail
from django.core.management import call_command
from django.utils import timezone
from wagtail.models import GroupApprovalTask, Workflow, WorkflowPage, WorkflowState

from bildungsboerse.models import OfferPage
from kalender.models import KalenderIndexPage
from portal.setup import MODERATION_TASK, MODERATION_WORKFLOW, SERVICE_OFFICE_GROUP, set_up_portal
from tests.factories import (
    folder,
    make_event,
    make_offer,
    make_office_editor,
    make_provider_account,
    make_request,
    make_user,
    offer_form_data,
)
from tests.module_data import fresh, rolled_back_at_the_end


@pytest.fixture(scope="module")
def shared_people(django_db_setup, django_db_blocker):
    """Two providers with one person each and the office's editor, built once for the module
    (tests/module_data.py)."""
    with rolled_back_at_the_end(django_db_blocker):
        a, alpha = make_provider_account("Anbieter Alpha", username="alpha", person="Anton Alpha")
        b, beta = make_provider_account("Anbieter Beta", username="beta", person="Berta Beispiel")
        yield a, alpha, b, beta, make_office_editor()


@pytest.fixture
def people(shared_people, portal):
    """Fresh copies for each test: what it changes is undone after it."""
    return fresh(shared_people)


def workflow_state(page) -> WorkflowState:
    return WorkflowState.objects.get(object_id=str(page.pk), status__in=["in_progress", "needs_changes"])


def test_setup_creates_the_workflow_once_for_the_whole_site(portal):
    set_up_portal()
    workflow = Workflow.objects.get(name=MODERATION_WORKFLOW)
    task = GroupApprovalTask.objects.get(name=MODERATION_TASK)
    assert [t.specific for t in workflow.tasks] == [task]
    assert [g.name for g in task.groups.all()] == [SERVICE_OFFICE_GROUP]
    assert WorkflowPage.objects.get(workflow=workflow).page.specific == portal
    assert portal.get_workflow() == workflow


def test_provider_pages_fall_under_the_workflow(people):
    a, *_ = people
    page = make_offer("Im Ordner", parent=folder(a, "bildungsboerse"), live=False)
    assert page.get_workflow().name == MODERATION_WORKFLOW


def test_service_office_may_publish_directly(client, people):
    a, *_, editor = people
    client.force_login(editor)
    data = offer_form_data("Direkt vom Servicebüro", slug="direkt-servicebuero")
    data.pop("action-submit")
    data["action-publish"] = "Veröffentlichen"
    response = client.post(f"/admin/pages/add/bildungsboerse/offerpage/{folder(a, 'bildungsboerse').pk}/", data)
    assert response.status_code == 302
    page = OfferPage.objects.get(slug="direkt-servicebuero")
    assert page.live and page.anbieter == a and page.get_parent().pk == folder(a, "bildungsboerse").pk
    assert not WorkflowState.objects.filter(object_id=str(page.pk)).exists()


def test_submission_mails_the_service_office_not_providers_or_administrators(client, people):
    a, alpha, _b, beta, editor = people
    make_user("admin", superuser=True)
    client.force_login(alpha)
    client.post(
        f"/admin/pages/add/bildungsboerse/offerpage/{folder(a, 'bildungsboerse').pk}/",
        offer_form_data("Zur Prüfung", slug="zur-pruefung"),
    )
    recipients = {address for message in mail.outbox for address in message.to}
    assert recipients == {editor.email}
    assert mail.outbox[0].from_email == "3L Elbe-Elster <servicebuero@3l-elbe-elster.de>"
    assert "Zur Prüfung" in mail.outbox[0].subject


def test_approval_with_comment_publishes_and_tells_the_submitter(client, people):
    a, alpha, *_, editor = people
    client.force_login(alpha)
    client.post(
        f"/admin/pages/add/bildungsboerse/offerpage/{folder(a, 'bildungsboerse').pk}/",
        offer_form_data("Mit Kommentar", slug="mit-kommentar"),
    )
    page = OfferPage.objects.get(slug="mit-kommentar")
    task_state = workflow_state(page).current_task_state
    mail.outbox.clear()
    client.force_login(editor)
    response = client.post(
        f"/admin/pages/workflow/action/{page.pk}/approve/{task_state.pk}/", {"comment": "Schön beschrieben!"}
    )
    assert response.status_code == 302
    page.refresh_from_db()
    assert page.live
    assert [m.to for m in mail.outbox] == [[alpha.email]]


def test_providers_cannot_approve_anything(client, people):
    a, alpha, b, beta, _editor = people
    client.force_login(beta)
    client.post(
        f"/admin/pages/add/bildungsboerse/offerpage/{folder(b, 'bildungsboerse').pk}/",
        offer_form_data("Von Beta", slug="von-beta"),
    )
    page = OfferPage.objects.get(slug="von-beta")
    task_state = workflow_state(page).current_task_state
    client.force_login(alpha)  # another provider: the page is not there for it
    response = client.post(f"/admin/pages/workflow/action/{page.pk}/approve/{task_state.pk}/", {"comment": ""})
    assert response.status_code == 404
    client.force_login(beta)  # the submitter: not a reviewer
    response = client.post(f"/admin/pages/workflow/action/{page.pk}/approve/{task_state.pk}/", {"comment": ""})
    assert response.status_code == 302 and response["Location"] == "/admin/"
    page.refresh_from_db()
    assert not page.live


def test_dashboard_shows_the_office_what_waits_and_open_requests(client, people):
    a, alpha, *_, editor = people
    make_request()
    page = make_offer("Wartet", parent=folder(a, "bildungsboerse"), live=False)
    Workflow.objects.get(name=MODERATION_WORKFLOW).start(page, alpha)
    client.force_login(editor)
    html = client.get("/admin/").content.decode()
    assert "Für das Servicebüro" in html
    assert "1 offene Anfrage auf Zugang" in html and "?status__exact=pending" in html
    assert "Wartet" in html and "Anton Alpha" in html


def test_dashboard_shows_a_provider_its_drafts_waiting_and_returned_pages_only(client, people):
    a, alpha, b, beta, editor = people
    workflow = Workflow.objects.get(name=MODERATION_WORKFLOW)
    make_offer("Alpha-Entwurf", parent=folder(a, "bildungsboerse"), live=False).save_revision(user=alpha)
    waiting = make_event("Alpha wartet", parent=folder(a, "kalender"), live=False)
    workflow.start(waiting, alpha)
    returned = make_offer("Alpha zurück", parent=folder(a, "bildungsboerse"), live=False)
    state = workflow.start(returned, alpha)
    state.current_task_state.task.specific.on_action(
        state.current_task_state, editor, "reject", comment="Bitte Preis ergänzen."
    )
    make_offer("Beta-Entwurf", parent=folder(b, "bildungsboerse"), live=False).save_revision(user=beta)

    client.force_login(alpha)
    html = client.get("/admin/").content.decode()
    panel = {
        part["id"]: part.get_text(" ", strip=True)
        for part in BeautifulSoup(html, "html.parser").select(
            "#anbieter-zurueckgegeben, #anbieter-wartet, #anbieter-entwuerfe"
        )
    }
    assert (
        "Alpha zurück" in panel["anbieter-zurueckgegeben"]
        and "Bitte Preis ergänzen." in panel["anbieter-zurueckgegeben"]
    )
    assert "Alpha wartet" in panel["anbieter-wartet"] and "Alpha zurück" not in panel["anbieter-wartet"]
    assert "Alpha-Entwurf" in panel["anbieter-entwuerfe"]
    assert "Alpha wartet" not in panel["anbieter-entwuerfe"] and "Alpha zurück" not in panel["anbieter-entwuerfe"]
    assert "Beta-Entwurf" not in html and "Für das Servicebüro" not in html


def test_scheduled_go_live_and_expiry_need_publish_scheduled(people):
    a, alpha, *_, editor = people
    now = timezone.now()
    upcoming = make_offer("Ab morgen", parent=folder(a, "bildungsboerse"), live=False)
    upcoming.go_live_at = now + datetime.timedelta(hours=1)
    upcoming.save_revision(user=alpha).publish(user=editor)  # as approving it in the workflow does
    upcoming.refresh_from_db()
    assert not upcoming.live and upcoming.get_latest_revision().approved_go_live_at is not None

    expiring = make_offer("Bis gleich", parent=folder(a, "bildungsboerse"))
    expiring.expire_at = now + datetime.timedelta(hours=1)
    expiring.save_revision(user=alpha).publish(user=editor)
    expiring.refresh_from_db()
    assert expiring.live

    call_command("publish_scheduled")  # nothing is due yet
    upcoming.refresh_from_db(), expiring.refresh_from_db()
    assert (upcoming.live, expiring.live) == (False, True)

    later = now + datetime.timedelta(hours=2)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(timezone, "now", lambda: later)
        call_command("publish_scheduled")
    upcoming.refresh_from_db(), expiring.refresh_from_db()
    assert upcoming.live and not expiring.live and expiring.expired


def test_events_in_provider_folders_leave_the_calendar_after_they_end(client, people):
    a, *_ = people
    now = timezone.now()
    make_event("Schon vorbei", parent=folder(a, "kalender"), start=now - datetime.timedelta(days=2))
    make_event("Kommt noch", parent=folder(a, "kalender"), start=now + datetime.timedelta(days=2))
    html = client.get(KalenderIndexPage.objects.get().url).content.decode()
    assert "Kommt noch" in html and "Schon vorbei" not in html
