from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command
from wagtail.models import Page, Site

from aktuelles.models import AktuellesIndexPage
from bildungsboerse.models import BildungsboerseIndexPage
from home.models import HomePage, StandardPage
from kalender.models import KalenderIndexPage
from portal.setup import SERVICE_OFFICE_GROUP, ensure_admin, set_up_portal
from taxonomy import data
from taxonomy.models import Lebenslage, Ort, Zielgruppe


def test_setup_makes_home_page_the_site_root_with_index_and_legal_pages(db):
    home = set_up_portal()
    site = Site.objects.get(is_default_site=True)
    assert site.root_page.specific == home
    assert (site.hostname, site.port) == ("testserver", 80)
    for model in (BildungsboerseIndexPage, KalenderIndexPage, AktuellesIndexPage):
        assert model.objects.child_of(home).count() == 1
    slugs = set(StandardPage.objects.child_of(home).values_list("slug", flat=True))
    assert {"impressum", "datenschutz", "barrierefreiheit", "kontakt", "ueber-das-projekt"} <= slugs
    # Wagtail's "Welcome" placeholder is gone
    assert not Page.objects.filter(depth=2).exclude(pk=home.pk).exists()


def test_setup_is_idempotent(db):
    set_up_portal()
    counts = (Page.objects.count(), Ort.objects.count(), Lebenslage.objects.count(), Group.objects.count())
    set_up_portal()
    assert (Page.objects.count(), Ort.objects.count(), Lebenslage.objects.count(), Group.objects.count()) == counts
    assert HomePage.objects.count() == 1


def test_setup_loads_all_municipalities_of_the_district_with_coordinates(db):
    set_up_portal()
    assert Ort.objects.count() == len(data.ORTE) == 33
    for ort in Ort.objects.all():
        assert 51.3 < float(ort.latitude) < 51.9 and 13.1 < float(ort.longitude) < 13.9, ort
    assert Zielgruppe.objects.filter(slug="senioren").exists()


def test_service_office_group_may_edit_and_publish_pages_and_manage_taxonomies(db):
    home = set_up_portal()
    editor = get_user_model().objects.create_user("redaktion", password="x")
    editor.groups.add(Group.objects.get(name=SERVICE_OFFICE_GROUP))
    permissions = home.permissions_for_user(editor)
    assert permissions.can_add_subpage() and permissions.can_edit() and permissions.can_publish()
    assert editor.has_perm("wagtailadmin.access_admin")
    assert editor.has_perm("taxonomy.change_lebenslage") and editor.has_perm("anbieter.add_anbieter")
    assert not editor.is_superuser


def test_admin_password_is_generated_once_and_never_again(db):
    first = ensure_admin("admin", "admin@example.org", None)
    assert first.created and len(first.generated_password) >= 12
    user = get_user_model().objects.get(username="admin")
    assert user.is_superuser and user.check_password(first.generated_password)
    second = ensure_admin("admin", "admin@example.org", None)
    assert not second.created and second.generated_password is None


def test_setup_command_uses_admin_credentials_from_environment(db, monkeypatch, capsys):
    monkeypatch.setenv("ADMIN_USERNAME", "servicebuero")
    monkeypatch.setenv("ADMIN_PASSWORD", "ein-sicheres-passwort-42")
    call_command("setup_portal")
    user = get_user_model().objects.get(username="servicebuero")
    assert user.check_password("ein-sicheres-passwort-42")
    assert "ein-sicheres-passwort-42" not in capsys.readouterr().out
