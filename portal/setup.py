"""Bring a fresh database to a usable portal: taxonomies, the page tree, groups, an administrator.

Every function is idempotent: it creates what is missing and leaves what exists alone.
"""

import os
import secrets
from dataclasses import dataclass
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.db import transaction
from django.utils import timezone
from wagtail.models import (
    Collection,
    GroupApprovalTask,
    GroupCollectionPermission,
    GroupPagePermission,
    Page,
    Site,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

from aktuelles.models import AktuellesIndexPage
from anbieter.roles import MODERATION_TASK, MODERATION_WORKFLOW, SERVICE_OFFICE_GROUP
from bildungsboerse.models import BildungsboerseIndexPage
from home import accessibility_statement
from home.legal import ensure_legal_pages
from home.models import HomePage, StandardPage
from kalender.models import KalenderIndexPage
from taxonomy import data
from taxonomy.models import Barrierefreiheit, Bereich, Lebenslage, Ort, Zielgruppe

INDEX_PAGES = [
    (
        BildungsboerseIndexPage,
        "Bildungsbörse",
        "bildungsboerse",
        "Kurse, Angebote und Beratung von Anbietern im ganzen Landkreis.",
    ),
    (
        KalenderIndexPage,
        "Veranstaltungskalender",
        "veranstaltungen",
        "Was wann wo im Landkreis Elbe-Elster stattfindet.",
    ),
    (AktuellesIndexPage, "Aktuelles", "aktuelles", "Neuigkeiten aus dem Servicebüro und Beiträge der Anbieter."),
]

STANDARD_PAGES = [
    (
        "Über das Projekt",
        "ueber-das-projekt",
        True,
        "3L – Lebenslanges Lernen bringt Anbieter von Bildung, Freizeit und Kultur sowie sozialen Angeboten "
        "mit den Menschen in Städten und Dörfern des Landkreises Elbe-Elster zusammen.",
    ),
    (
        "Kontakt und Servicebüro",
        "kontakt",
        True,
        "Das Koordinierungs- und Servicebüro hilft Anbietern beim Einstellen ihrer Angebote und "
        "Bürgerinnen und Bürgern bei der Suche. Landkreis Elbe-Elster, Ludwig-Jahn-Straße 2, 04916 Herzberg.",
    ),
    (
        "Impressum",
        "impressum",
        False,
        "Angaben gemäß § 5 DDG: Landkreis Elbe-Elster, Ludwig-Jahn-Straße 2, 04916 Herzberg.",
    ),
    ("Datenschutz", "datenschutz", False, "Informationen zur Verarbeitung personenbezogener Daten nach Art. 13 DSGVO."),
    (
        "Nutzungsbedingungen für Anbieter",
        "nutzungsbedingungen",
        False,
        "Anbieter veröffentlichen im Portal Angebote, Veranstaltungen und Beiträge, die sie selbst verantworten. "
        "Das Servicebüro prüft jeden Inhalt vor der Veröffentlichung und kann Inhalte ablehnen oder zurücknehmen.",
    ),
    (
        "Erklärung zur Barrierefreiheit",
        "barrierefreiheit",
        False,
        "Der Landkreis Elbe-Elster ist bemüht, dieses Portal im Einklang mit dem Brandenburgischen "
        "Behindertengleichstellungsgesetz und der BITV 2.0 barrierefrei zugänglich zu machen.",
    ),
]

PAGE_PERMISSIONS = ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"]
MODEL_PERMISSIONS = {
    "taxonomy": ["bereich", "lebenslage", "zielgruppe", "ort", "barrierefreiheit"],
    "anbieter": ["anbieter", "providerrequest"],
    "anmeldung": ["slot", "registration"],
    "feedback": ["rating"],
    "newsletter": ["subscriber"],
    "bedarf": ["wish"],
}


def ensure_taxonomies() -> None:
    for model, terms in [
        (Bereich, data.BEREICHE),
        (Lebenslage, data.LEBENSLAGEN),
        (Zielgruppe, data.ZIELGRUPPEN),
        (Barrierefreiheit, data.BARRIEREFREIHEIT),
    ]:
        for order, (slug, name) in enumerate(terms):
            model.objects.get_or_create(slug=slug, defaults={"name": name, "sort_order": order})
    for slug, name, kind, amt, plz, lat, lon in data.ORTE:
        Ort.objects.get_or_create(
            slug=slug,
            defaults={"name": name, "kind": kind, "amt": amt, "postal_code": plz, "latitude": lat, "longitude": lon},
        )


def ensure_page_tree() -> HomePage:
    """The home page as the default site's root, with the three index pages and the standard pages."""
    home = HomePage.objects.first()
    if home is None:
        root = Page.get_first_root_node()
        home = root.add_child(
            instance=HomePage(
                title="3L – Lebenslanges Lernen Elbe-Elster",
                slug="start",
                intro="<p>Bildung, Freizeit und Kultur sowie soziale Angebote im Landkreis Elbe-Elster – "
                "finden Sie, was zu Ihrer Lebenslage passt, ganz in Ihrer Nähe.</p>",
            )
        )
    site = Site.objects.filter(is_default_site=True).first() or Site(is_default_site=True)
    # the site's address comes from SITE_BASE_URL, so that links in the API and emails are right; set
    # explicitly (as `make run` does from its HOST and PORT), it is followed on every run
    base_url = urlsplit(settings.WAGTAILADMIN_BASE_URL)
    address = (base_url.hostname or "localhost", base_url.port or (443 if base_url.scheme == "https" else 80))
    if (
        site.pk
        and site.root_page_id == home.pk
        and os.environ.get("SITE_BASE_URL")
        and (site.hostname, site.port) != address
    ):
        site.hostname, site.port = address
        site.save()
    if site.root_page_id != home.pk:
        old_root = site.root_page if site.pk else None
        site.hostname, site.port = address
        site.root_page = home
        site.site_name = "3L Elbe-Elster"
        site.save()
        if (
            old_root
            and old_root.specific_class is Page
            and old_root.depth == 2
            and not old_root.get_children().exists()
        ):
            old_root.delete()  # Wagtail's "Welcome" placeholder
    for model, title, slug, intro in INDEX_PAGES:
        if not model.objects.exists():
            home.add_child(instance=model(title=title, slug=slug, intro=f"<p>{intro}</p>", show_in_menus=True))
    for title, slug, in_menu, intro in STANDARD_PAGES:
        if not StandardPage.objects.child_of(home).filter(slug=slug).exists():
            body = (
                accessibility_statement.statement_body(timezone.localdate())
                if slug == accessibility_statement.SLUG
                else []
            )
            home.add_child(instance=StandardPage(title=title, slug=slug, intro=intro, show_in_menus=in_menu, body=body))
    ensure_accessibility_statement(home)
    ensure_legal_pages(home)  # Impressum, Datenschutz (home/legal.py)
    return home


def ensure_accessibility_statement(home: HomePage) -> None:
    """Give an existing but still empty accessibility statement its content (never overwrite edits)."""
    page = StandardPage.objects.child_of(home).filter(slug=accessibility_statement.SLUG).first()
    if page is None or page.body or page.has_unpublished_changes:
        return
    page.body = accessibility_statement.statement_body(timezone.localdate())
    page.save_revision().publish()


def ensure_service_office_group(home: HomePage) -> Group:
    """The service office's editors: edit and publish every page, media, taxonomies and providers."""
    group, _ = Group.objects.get_or_create(name=SERVICE_OFFICE_GROUP)
    group.permissions.add(Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin"))
    for codename in PAGE_PERMISSIONS:
        GroupPagePermission.objects.get_or_create(
            group=group,
            page=home,
            permission=Permission.objects.get(content_type__app_label="wagtailcore", codename=codename),
        )
    root_collection = Collection.get_first_root_node()
    for app_label, action in [("wagtailimages", "image"), ("wagtaildocs", "document")]:
        for verb in ["add", "change", "choose", "delete"]:
            GroupCollectionPermission.objects.get_or_create(
                group=group,
                collection=root_collection,
                permission=Permission.objects.get(content_type__app_label=app_label, codename=f"{verb}_{action}"),
            )
    for app_label, models in MODEL_PERMISSIONS.items():
        for model in models:
            for verb in ["add", "change", "delete", "view"]:
                group.permissions.add(
                    Permission.objects.get(content_type__app_label=app_label, codename=f"{verb}_{model}")
                )
    return group


@dataclass
class AdminAccount:
    username: str
    created: bool
    generated_password: str | None


def ensure_admin(username: str, email: str, password: str | None) -> AdminAccount:
    """An administrator for /admin/; a generated password is returned once, never stored in clear."""
    User = get_user_model()
    if User.objects.filter(username=username).exists():
        return AdminAccount(username, created=False, generated_password=None)
    generated = None if password else secrets.token_urlsafe(12)
    user = User.objects.create_superuser(username=username, email=email, password=password or generated)
    # Notifications (access requests, submitted pages) go to the service office's group, never to superusers
    # as such: in a fresh installation the first administrator is the office, so it joins the group.
    user.groups.add(Group.objects.get_or_create(name=SERVICE_OFFICE_GROUP)[0])
    return AdminAccount(username, created=True, generated_password=generated)


def ensure_moderation_workflow(home: HomePage, service_office: Group) -> Workflow:
    """Everything under the home page needs the service office's approval, unless a publisher publishes it.

    Providers may only submit (their groups lack publish permission); the service office's editors
    approve, request changes, or publish directly. Providers are never put into the task's group.
    """
    workflow, _ = Workflow.objects.get_or_create(name=MODERATION_WORKFLOW)
    task, _ = GroupApprovalTask.objects.get_or_create(name=MODERATION_TASK)
    task.groups.add(service_office)
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task.task_ptr, defaults={"sort_order": 0})
    WorkflowPage.objects.get_or_create(page=home, defaults={"workflow": workflow})
    return workflow


@transaction.atomic
def set_up_portal() -> HomePage:
    from anbieter.services import sync_provider_group_permissions  # anbieter imports this module

    ensure_taxonomies()
    home = ensure_page_tree()
    service_office = ensure_service_office_group(home)
    ensure_moderation_workflow(home, service_office)
    sync_provider_group_permissions()
    return home
