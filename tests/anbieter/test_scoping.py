"""A provider's users change only their own things, never publish directly, and never reach B's by id."""

import pytest
from django.contrib.auth.models import Group, Permission
from wagtail.models import GroupPagePermission, Page
from wagtail.test.utils.form_data import nested_form_data, rich_text

from aktuelles.models import AktuellesIndexPage
from anbieter.models import Anbieter
from anbieter.services import set_up_provider_workspace
from bildungsboerse.models import BildungsboerseIndexPage, OfferPage
from kalender.models import KalenderIndexPage
from tests.factories import (
    folder,
    make_offer,
    make_office_editor,
    make_provider,
    make_provider_account,
    offer_form_data,
)
from tests.module_data import fresh, rolled_back_at_the_end


@pytest.fixture(scope="class")
def shared_providers(django_db_setup, django_db_blocker):
    """Two providers with one person each, built once for the class (tests/module_data.py)."""
    with rolled_back_at_the_end(django_db_blocker):
        a, alpha = make_provider_account("Anbieter Alpha", username="alpha")
        b, beta = make_provider_account("Anbieter Beta", username="beta")
        yield a, alpha, b, beta


@pytest.fixture
def providers(shared_providers, portal):
    """Fresh copies for each test: what it changes is undone after it."""
    return fresh(shared_providers)


@pytest.mark.django_db
class TestTwoProviders:
    """(a class, so that the module's tests with providers of their own do not see these)"""

    def test_workspace_grants_add_and_change_on_own_folders_but_never_publish(self, providers):
        a, _alpha, b, _beta = providers
        grants = GroupPagePermission.objects.filter(group=a.group)
        assert {(g.page.specific.anbieter, g.permission.codename) for g in grants} == {
            (a, "add_page"),
            (a, "change_page"),
        }
        assert grants.count() == 6  # three folders × add, change
        assert not GroupPagePermission.objects.filter(
            group__in=[a.group, b.group], permission__codename="publish_page"
        ).exists()
        collection_grants = set(a.group.collection_permissions.values_list("collection", "permission__codename"))
        assert collection_grants == {
            (a.collection.pk, f"{verb}_{kind}")
            for verb in ("add", "change", "choose")
            for kind in ("image", "document")
        }

    def test_workspace_is_idempotent_and_keeps_one_folder_per_section(self, providers):
        a, *_ = providers
        counts = (Page.objects.count(), Group.objects.count(), GroupPagePermission.objects.count())
        set_up_provider_workspace(a)
        assert (Page.objects.count(), Group.objects.count(), GroupPagePermission.objects.count()) == counts
        assert folder(a, "bildungsboerse").get_parent().specific_class is BildungsboerseIndexPage
        assert folder(a, "kalender").get_parent().specific_class is KalenderIndexPage
        assert folder(a, "aktuelles").get_parent().specific_class is AktuellesIndexPage
        assert folder(a, "kalender").url == f"/veranstaltungen/{a.slug}/"

    def test_provider_may_add_and_edit_in_own_folder_only(self, providers):
        a, alpha, b, _beta = providers
        own, other = folder(a, "bildungsboerse"), folder(b, "bildungsboerse")
        assert own.permissions_for_user(alpha).can_add_subpage()
        assert not other.permissions_for_user(alpha).can_add_subpage()
        assert not BildungsboerseIndexPage.objects.get().permissions_for_user(alpha).can_add_subpage()
        page = make_offer("Eigener Kurs", parent=own, live=False)
        assert page.permissions_for_user(alpha).can_edit()
        assert not page.permissions_for_user(alpha).can_publish()

    def test_provider_cannot_rename_move_or_delete_its_folder(self, providers):
        a, alpha, *_ = providers
        permissions = folder(a, "bildungsboerse").permissions_for_user(alpha)
        assert not permissions.can_edit() and not permissions.can_delete() and not permissions.can_move()
        office = make_office_editor()
        assert folder(a, "bildungsboerse").permissions_for_user(office).can_edit()

    def test_offer_belongs_to_the_folders_provider_whatever_is_posted(self, client, providers):
        a, alpha, b, _beta = providers
        client.force_login(alpha)
        data = offer_form_data("Kurs mit falschem Anbieter", slug="falscher-anbieter", anbieter=str(b.pk))
        response = client.post(f"/admin/pages/add/bildungsboerse/offerpage/{folder(a, 'bildungsboerse').pk}/", data)
        assert response.status_code == 302
        assert OfferPage.objects.get(slug="falscher-anbieter").anbieter == a

    def test_provider_posting_publish_only_submits_for_approval(self, client, providers):
        a, alpha, *_ = providers
        client.force_login(alpha)
        data = offer_form_data("Direkt veröffentlichen?", slug="direkt")
        data.pop("action-submit")
        data["action-publish"] = "Veröffentlichen"
        response = client.post(f"/admin/pages/add/bildungsboerse/offerpage/{folder(a, 'bildungsboerse').pk}/", data)
        assert response.status_code == 302
        assert not OfferPage.objects.get(slug="direkt").live

    def test_provider_cannot_add_or_edit_in_another_providers_folder_by_id(self, client, providers):
        a, alpha, b, _beta = providers
        other = make_offer("Beta-Kurs", parent=folder(b, "bildungsboerse"), live=False)
        client.force_login(alpha)
        add = client.post(
            f"/admin/pages/add/bildungsboerse/offerpage/{folder(b, 'bildungsboerse').pk}/",
            offer_form_data("Untergeschoben", slug="untergeschoben"),
        )
        edit = client.post(f"/admin/pages/{other.pk}/edit/", offer_form_data("Gekapert", slug=other.slug))
        delete = client.post(f"/admin/pages/{other.pk}/delete/")
        assert (add.status_code, edit.status_code, delete.status_code) == (404, 404, 404)
        other.refresh_from_db()
        assert other.title == "Beta-Kurs" and not OfferPage.objects.filter(slug="untergeschoben").exists()

    def test_provider_edits_own_profile_but_not_name_slug_or_activation(self, client, providers):
        a, alpha, *_ = providers
        client.force_login(alpha)
        form = client.get(f"/admin/anbieter/anbieter/edit/{a.pk}/").content.decode()
        assert 'name="phone"' in form and 'name="is_active"' not in form and 'name="name"' not in form
        data = nested_form_data(
            {
                "kind": "verein",
                "phone": "03535 123456",
                "is_active": "",
                "name": "Umbenannt",
                "slug": "umbenannt",
                "description": rich_text("<p>Neu</p>"),
            }
        )
        response = client.post(f"/admin/anbieter/anbieter/edit/{a.pk}/", data)
        assert response.status_code == 302, response.content.decode()[:2000]
        a.refresh_from_db()
        assert (a.phone, a.name, a.slug, a.is_active) == ("03535 123456", "Anbieter Alpha", "anbieter-alpha", True)

    def test_provider_cannot_change_or_delete_another_provider_by_id(self, client, providers):
        a, alpha, b, _beta = providers
        client.force_login(alpha)
        edit = client.post(f"/admin/anbieter/anbieter/edit/{b.pk}/", {"kind": "privat", "phone": "0"})
        delete = client.post(f"/admin/anbieter/anbieter/delete/{b.pk}/")
        own_delete = client.post(f"/admin/anbieter/anbieter/delete/{a.pk}/")
        assert [r.status_code for r in (edit, delete, own_delete)] == [302, 302, 302]
        assert all(r["Location"] == "/admin/" for r in (edit, delete, own_delete))
        b.refresh_from_db()
        assert b.kind == "verein" and Anbieter.objects.filter(pk__in=[a.pk, b.pk]).count() == 2

    def test_suspending_a_provider_takes_its_folders_and_content_offline(self, client, providers):
        a, *_ = providers
        offer = make_offer("Kurs von Alpha", parent=folder(a, "bildungsboerse"))
        assert client.get(offer.url).status_code == 200
        a.is_active = False
        a.save()
        assert not Page.objects.get(pk=folder(a, "bildungsboerse").pk).live
        assert "Kurs von Alpha" not in client.get("/bildungsboerse/").content.decode()
        assert client.get(f"/api/v2/pages/{offer.pk}/").status_code == 404
        assert client.get(f"/api/v2/pages/{folder(a, 'bildungsboerse').pk}/").status_code == 404
        assert client.get(f"/anbieter/{a.slug}/").status_code == 404
        a.is_active = True
        a.save()
        assert Page.objects.get(pk=folder(a, "bildungsboerse").pk).live

    def test_folder_redirects_to_the_providers_public_page(self, client, providers):
        a, *_ = providers
        response = client.get(folder(a, "kalender").url)
        assert response.status_code == 302 and response["Location"] == f"/anbieter/{a.slug}/"

    def test_folders_are_not_search_results_for_residents(self, client, providers):
        results = client.get("/suche/", {"q": "Alpha"}).content.decode()
        assert folder(providers[0], "bildungsboerse").url not in results


def test_user_without_provider_or_office_sees_no_provider_data(client, portal):
    b = make_provider(name="Anbieter Beta", slug="anbieter-beta")
    set_up_provider_workspace(b)
    from tests.factories import make_user

    stranger = make_user("fremd")
    stranger.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(stranger)
    assert client.get("/admin/anbieter/anbieter/").status_code == 302
    assert client.get(f"/admin/anbieter/anbieter/inspect/{b.pk}/").status_code == 302
