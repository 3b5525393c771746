"""Provider accounts over time: old groups get today's permissions; suspension locks the provider's people out."""

import importlib
from types import SimpleNamespace

from django.apps import apps
from django.contrib.auth.models import Group, Permission
from django.db import connection
from django.urls import reverse

from anbieter.auth import SUSPENDED
from anbieter.services import MODEL_PERMISSIONS
from portal.setup import SERVICE_OFFICE_GROUP, set_up_portal
from tests.factories import log_in, make_office_editor, make_provider_account

migration = importlib.import_module("anbieter.migrations.0003_provider_group_permissions")
PASSWORD = "geheim-123"  # tests.factories.make_user's


def codenames(group) -> set[tuple[str, str]]:
    return set(group.permissions.values_list("content_type__app_label", "codename"))


def make_old_group(group) -> None:
    """The group as providers approved before registrations and ratings existed got it."""
    group.permissions.remove(*Permission.objects.filter(content_type__app_label__in=["anmeldung", "feedback"]))


def login(client, username: str, password: str = PASSWORD):
    return client.post(reverse("wagtailadmin_login"), {"username": username, "password": password})


# --- permissions of groups made before a permission was added ---


def test_migration_gives_old_provider_groups_todays_permissions(client, portal):
    provider, _user = make_provider_account("Volkshochschule", username="vhs")
    make_old_group(provider.group)
    office_before = codenames(Group.objects.get(name=SERVICE_OFFICE_GROUP))
    log_in(client, "vhs")
    assert client.get("/admin/anmeldung/slot/").status_code == 302  # permission denied: back to the dashboard

    migration.grant_provider_permissions(apps, SimpleNamespace(connection=connection))

    assert set(migration.PROVIDER_MODEL_PERMISSIONS) <= codenames(provider.group)
    assert client.get("/admin/anmeldung/slot/").status_code == 200
    assert client.get("/admin/feedback/rating/").status_code == 200
    assert codenames(Group.objects.get(name=SERVICE_OFFICE_GROUP)) == office_before
    assert not codenames(provider.group) & {("wagtailcore", "publish_page"), ("anbieter", "add_anbieter")}


def test_setup_portal_grants_the_current_permission_set_to_every_provider_group(portal):
    first, _ = make_provider_account("Volkshochschule", username="vhs")
    second, _ = make_provider_account("Kirchgemeinde", username="kirche")
    extra = Permission.objects.get(content_type__app_label="bedarf", codename="view_wish")
    for provider in (first, second):
        make_old_group(provider.group)
    second.group.permissions.add(extra)  # granted by hand: stays
    set_up_portal()
    set_up_portal()  # idempotent
    for provider in (first, second):
        assert codenames(provider.group) >= set(MODEL_PERMISSIONS)
    assert codenames(second.group) - set(MODEL_PERMISSIONS) == {("bedarf", "view_wish")}
    assert migration.PROVIDER_MODEL_PERMISSIONS == MODEL_PERMISSIONS  # the frozen list is today's list


# --- suspended providers ---


def test_people_of_a_suspended_provider_cannot_log_in_until_it_is_reactivated(client, portal):
    provider, _user = make_provider_account("Volkshochschule", username="vhs")
    provider.is_active = False
    provider.save()

    refused = login(client, "vhs")
    assert refused.status_code == 200 and "_auth_user_id" not in client.session
    assert str(SUSPENDED) in refused.content.decode()
    wrong_password = login(client, "vhs", "falsch")
    assert str(SUSPENDED) not in wrong_password.content.decode()  # says nothing without the password

    provider.is_active = True
    provider.save()
    assert login(client, "vhs").status_code == 302
    assert client.get("/admin/").status_code == 200


def test_suspension_ends_an_open_session(client, portal):
    provider, _user = make_provider_account("Volkshochschule", username="vhs")
    log_in(client, "vhs")
    assert client.get("/admin/").status_code == 200
    provider.is_active = False
    provider.save()
    response = client.get("/admin/")
    assert response.status_code == 302 and response["Location"].startswith(reverse("wagtailadmin_login"))


def test_people_who_also_work_elsewhere_keep_their_access(client, portal):
    suspended, person = make_provider_account("Volkshochschule", username="vhs")
    active, _other = make_provider_account("Kirchgemeinde", username="kirche")
    person.groups.add(active.group)
    office = make_office_editor()
    office.groups.add(suspended.group)
    suspended.is_active = False
    suspended.save()
    for username in ("vhs", "redaktion"):
        client.logout()
        assert login(client, username).status_code == 302, username
        assert client.get("/admin/").status_code == 200
    active.is_active = False  # now every provider of that person is suspended
    active.save()
    client.logout()
    assert str(SUSPENDED) in login(client, "vhs").content.decode()
