"""Who sees what: provider A, provider B, the service office, an administrator and anonymous visitors.

Each row is a view that holds provider-owned data, given with the marker of one of B's things
(mostly B's unpublished draft) and the outcome expected for every actor:

- SEES: 200 and the marker is in the page;   BLIND: 200 and it is not (the listing is scoped)
- NOT_FOUND: 404 (Wagtail or anbieter.middleware hide that the object exists)
- BOUNCED: Wagtail's "permission denied" redirect to the dashboard
- LOGIN: redirect to the login form;          OK: 200 (no marker to look for)

Every cell is written out; each test walks its table for every actor and reports every wrong cell.
"""

import io
import json
from dataclasses import dataclass

import pytest
from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.test import Client, override_settings
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Workflow

from anbieter.models import Anbieter, ProviderRequest
from portal.setup import MODERATION_WORKFLOW
from tests.factories import folder, make_offer, make_office_editor, make_provider_account, make_user, png_bytes
from tests.module_data import rolled_back_at_the_end

SEES, BLIND, NOT_FOUND, BOUNCED, LOGIN, OK = "SEES", "BLIND", "NOT_FOUND", "BOUNCED", "LOGIN", "OK"
ACTORS = ["a", "b", "office", "admin", "anon"]

B_DRAFT = "Beta-Entwurf Töpferkurs"
B_LIVE = "Beta-Live Yogakurs"
B_IMAGE = "Beta-Bild Werkstatt"
B_DOCUMENT = "Beta-Programmheft"
B_NAME = "Anbieter Beta"
B_PERSON = "Berta Beispiel"
REQUEST = "Gamma Kulturverein"


@dataclass
class World:
    a: Anbieter
    b: Anbieter
    ids: dict


@pytest.fixture(scope="module")
def shared_world(django_db_setup, django_db_blocker, tmp_path_factory):
    """Built once for the module (tests/module_data.py): the tests only read it, each test's changes are undone."""
    with override_settings(MEDIA_ROOT=tmp_path_factory.mktemp("media")), rolled_back_at_the_end(django_db_blocker):
        yield make_world()


@pytest.fixture
def world(shared_world, db):
    return shared_world


def make_world() -> World:
    a, alpha = make_provider_account("Anbieter Alpha", username="alpha", person="Anton Alpha")
    b, beta = make_provider_account(B_NAME, username="beta", person=B_PERSON)
    make_office_editor("redaktion")
    make_user("admin", superuser=True)
    draft = make_offer(B_DRAFT, parent=folder(b, "bildungsboerse"), live=False, owner=beta)
    revision = draft.save_revision(user=beta, log_action=True)
    Workflow.objects.get(name=MODERATION_WORKFLOW).start(draft, beta)
    live = make_offer(B_LIVE, parent=folder(b, "bildungsboerse"), owner=beta)
    make_offer("Alpha-Entwurf Nähkurs", parent=folder(a, "bildungsboerse"), live=False, owner=alpha)
    image = get_image_model().objects.create(
        title=B_IMAGE, file=ImageFile(io.BytesIO(png_bytes()), name="werkstatt.png"), collection=b.collection
    )
    document = get_document_model().objects.create(
        title=B_DOCUMENT, file=ContentFile(b"%PDF-1.4", name="programm.pdf"), collection=b.collection
    )
    request = ProviderRequest.objects.create(
        organisation=REQUEST,
        kind="verein",
        contact_name="Gerd Gamma",
        email="gerd@gamma.example.org",
        description="Theater und Chor.",
        accepted_terms_at="2030-01-01T10:00:00+01:00",
    )
    ids = {
        "b_folder": folder(b, "bildungsboerse").pk,
        "b_draft": draft.pk,
        "b_live": live.pk,
        "revision": revision.pk,
        "section": draft.get_parent().get_parent().pk,
        "b_image": image.pk,
        "b_document": document.pk,
        "b": b.pk,
        "request": request.pk,
        "b_draft_url": draft.get_url(),
        "b_slug": b.slug,
        "b_document_url": document.url,
    }
    return World(a, b, ids)


# (what, url, marker, {actor: outcome})
ADMIN_ROWS = [
    ("dashboard", "/admin/", B_DRAFT, {"a": BLIND, "b": SEES, "office": SEES, "admin": SEES, "anon": LOGIN}),
    (
        "explorer: the Bildungsbörse",
        "/admin/pages/{section}/",
        B_NAME,
        {"a": BLIND, "b": SEES, "office": SEES, "admin": SEES, "anon": LOGIN},
    ),
    (
        "explorer: B's folder",
        "/admin/pages/{b_folder}/",
        B_DRAFT,
        {"a": NOT_FOUND, "b": SEES, "office": SEES, "admin": SEES, "anon": LOGIN},
    ),
    (
        "explorer filter: page owners",
        "/admin/pages/{section}/?q=kurs&search_all=1",
        B_PERSON,
        {"a": BLIND, "b": SEES, "office": SEES, "admin": SEES, "anon": LOGIN},
    ),
    (
        "admin search",
        "/admin/pages/search/?q=Töpferkurs",
        B_DRAFT,
        {"a": BLIND, "b": SEES, "office": SEES, "admin": SEES, "anon": LOGIN},
    ),
    (
        "edit B's draft",
        "/admin/pages/{b_draft}/edit/",
        B_DRAFT,
        {"a": NOT_FOUND, "b": SEES, "office": SEES, "admin": SEES, "anon": LOGIN},
    ),
    (
        "preview B's draft",
        "/admin/pages/{b_draft}/view_draft/",
        B_DRAFT,
        {"a": NOT_FOUND, "b": SEES, "office": SEES, "admin": SEES, "anon": LOGIN},
    ),
    (
        "history of B's draft",
        "/admin/pages/{b_draft}/history/",
        B_DRAFT,
        {"a": NOT_FOUND, "b": SEES, "office": SEES, "admin": SEES, "anon": LOGIN},
    ),
    (
        "revision of B's draft",
        "/admin/pages/{b_draft}/revisions/{revision}/view/",
        B_DRAFT,
        {"a": NOT_FOUND, "b": SEES, "office": SEES, "admin": SEES, "anon": LOGIN},
    ),
    (
        "workflow history of B's draft",
        "/admin/pages/{b_draft}/workflow_history/",
        B_DRAFT,
        {"a": NOT_FOUND, "b": SEES, "office": SEES, "admin": SEES, "anon": LOGIN},
    ),
    (
        "usage of B's draft",
        "/admin/pages/{b_draft}/usage/",
        B_DRAFT,
        {"a": NOT_FOUND, "b": SEES, "office": SEES, "admin": SEES, "anon": LOGIN},
    ),
    (
        "delete B's draft",
        "/admin/pages/{b_draft}/delete/",
        B_DRAFT,
        {"a": NOT_FOUND, "b": SEES, "office": SEES, "admin": SEES, "anon": LOGIN},
    ),
    (
        "bulk action on B's draft",
        "/admin/bulk/wagtailcore/page/delete/?id={b_draft}",
        B_DRAFT,
        {"a": NOT_FOUND, "b": SEES, "office": SEES, "admin": SEES, "anon": LOGIN},
    ),
    (
        "page chooser: B's folder",
        "/admin/choose-page/{b_folder}/",
        B_DRAFT,
        {"a": BLIND, "b": SEES, "office": SEES, "admin": SEES, "anon": LOGIN},
    ),
    (
        "page chooser: B's live offer",
        "/admin/choose-page/{b_folder}/",
        B_LIVE,
        {"a": SEES, "b": SEES, "office": SEES, "admin": SEES, "anon": LOGIN},
    ),
    (
        "page chooser search",
        "/admin/choose-page/search/?q=Töpferkurs",
        B_DRAFT,
        {"a": BLIND, "b": SEES, "office": SEES, "admin": SEES, "anon": LOGIN},
    ),
    (
        "admin API: B's draft",
        "/admin/api/main/pages/{b_draft}/",
        B_DRAFT,
        {"a": NOT_FOUND, "b": SEES, "office": SEES, "admin": SEES, "anon": LOGIN},
    ),
    (
        "report: workflows",
        "/admin/reports/workflow/",
        B_DRAFT,
        {"a": NOT_FOUND, "b": NOT_FOUND, "office": SEES, "admin": SEES, "anon": LOGIN},
    ),
    (
        "report: workflow export",
        "/admin/reports/workflow/?export=csv",
        B_DRAFT,
        {"a": NOT_FOUND, "b": NOT_FOUND, "office": SEES, "admin": SEES, "anon": LOGIN},
    ),
    (
        "report: site history",
        "/admin/reports/site-history/",
        B_DRAFT,
        {"a": NOT_FOUND, "b": NOT_FOUND, "office": SEES, "admin": SEES, "anon": LOGIN},
    ),
    (
        "report: page types",
        "/admin/reports/page-types-usage/",
        None,
        {"a": NOT_FOUND, "b": NOT_FOUND, "office": OK, "admin": OK, "anon": LOGIN},
    ),
    ("images", "/admin/images/", B_IMAGE, {"a": BLIND, "b": SEES, "office": SEES, "admin": SEES, "anon": LOGIN}),
    (
        "image: edit",
        "/admin/images/{b_image}/",
        B_IMAGE,
        {"a": BOUNCED, "b": SEES, "office": SEES, "admin": SEES, "anon": LOGIN},
    ),
    (
        "image chooser",
        "/admin/images/chooser/",
        B_IMAGE,
        {"a": BLIND, "b": SEES, "office": SEES, "admin": SEES, "anon": LOGIN},
    ),
    (
        "image: bulk action",
        "/admin/bulk/wagtailimages/image/delete/?id={b_image}",
        B_IMAGE,
        {"a": NOT_FOUND, "b": SEES, "office": SEES, "admin": SEES, "anon": LOGIN},
    ),
    (
        "documents",
        "/admin/documents/",
        B_DOCUMENT,
        {"a": BLIND, "b": SEES, "office": SEES, "admin": SEES, "anon": LOGIN},
    ),
    (
        "document: edit",
        "/admin/documents/edit/{b_document}/",
        B_DOCUMENT,
        {"a": BOUNCED, "b": SEES, "office": SEES, "admin": SEES, "anon": LOGIN},
    ),
    (
        "document chooser",
        "/admin/documents/chooser/",
        B_DOCUMENT,
        {"a": BLIND, "b": SEES, "office": SEES, "admin": SEES, "anon": LOGIN},
    ),
    (
        "document: bulk action",
        "/admin/bulk/wagtaildocs/document/delete/?id={b_document}",
        B_DOCUMENT,
        {"a": NOT_FOUND, "b": SEES, "office": SEES, "admin": SEES, "anon": LOGIN},
    ),
    (
        "providers: list",
        "/admin/anbieter/anbieter/",
        B_NAME,
        {"a": BLIND, "b": SEES, "office": SEES, "admin": SEES, "anon": LOGIN},
    ),
    (
        "providers: CSV export",
        "/admin/anbieter/anbieter/?export=csv",
        B_NAME,
        {"a": BLIND, "b": SEES, "office": SEES, "admin": SEES, "anon": LOGIN},
    ),
    (
        "providers: search",
        "/admin/anbieter/anbieter/?q=Beta",
        B_NAME,
        {"a": BLIND, "b": SEES, "office": SEES, "admin": SEES, "anon": LOGIN},
    ),
    (
        "provider B: inspect",
        "/admin/anbieter/anbieter/inspect/{b}/",
        B_NAME,
        {"a": BOUNCED, "b": SEES, "office": SEES, "admin": SEES, "anon": LOGIN},
    ),
    (
        "provider B: edit",
        "/admin/anbieter/anbieter/edit/{b}/",
        B_NAME,
        {"a": BOUNCED, "b": SEES, "office": SEES, "admin": SEES, "anon": LOGIN},
    ),
    (
        "provider B: history",
        "/admin/anbieter/anbieter/history/{b}/",
        B_NAME,
        {"a": BOUNCED, "b": SEES, "office": SEES, "admin": SEES, "anon": LOGIN},
    ),
    (
        "provider B: delete",
        "/admin/anbieter/anbieter/delete/{b}/",
        B_NAME,
        {"a": BOUNCED, "b": BOUNCED, "office": SEES, "admin": SEES, "anon": LOGIN},
    ),
    (
        "provider B: people",
        "/admin/anbieter/anbieter/invite/{b}/",
        B_PERSON,
        {"a": BOUNCED, "b": BOUNCED, "office": SEES, "admin": SEES, "anon": LOGIN},
    ),
    (
        "requests: list",
        "/admin/anbieter/providerrequest/",
        REQUEST,
        {"a": BOUNCED, "b": BOUNCED, "office": SEES, "admin": SEES, "anon": LOGIN},
    ),
    (
        "requests: CSV export",
        "/admin/anbieter/providerrequest/?export=csv",
        REQUEST,
        {"a": BOUNCED, "b": BOUNCED, "office": SEES, "admin": SEES, "anon": LOGIN},
    ),
    (
        "request: inspect",
        "/admin/anbieter/providerrequest/inspect/{request}/",
        REQUEST,
        {"a": BOUNCED, "b": BOUNCED, "office": SEES, "admin": SEES, "anon": LOGIN},
    ),
    (
        "request: edit",
        "/admin/anbieter/providerrequest/edit/{request}/",
        REQUEST,
        {"a": BOUNCED, "b": BOUNCED, "office": SEES, "admin": SEES, "anon": LOGIN},
    ),
    (
        "request: history",
        "/admin/anbieter/providerrequest/history/{request}/",
        REQUEST,
        {"a": BOUNCED, "b": BOUNCED, "office": SEES, "admin": SEES, "anon": LOGIN},
    ),
    (
        "request: approve",
        "/admin/anbieter/providerrequest/approve/{request}/",
        REQUEST,
        {"a": BOUNCED, "b": BOUNCED, "office": SEES, "admin": SEES, "anon": LOGIN},
    ),
    (
        "request: reject",
        "/admin/anbieter/providerrequest/reject/{request}/",
        REQUEST,
        {"a": BOUNCED, "b": BOUNCED, "office": SEES, "admin": SEES, "anon": LOGIN},
    ),
    (
        "request: delete",
        "/admin/anbieter/providerrequest/delete/{request}/",
        REQUEST,
        {"a": BOUNCED, "b": BOUNCED, "office": SEES, "admin": SEES, "anon": LOGIN},
    ),
    ("users", "/admin/users/", B_PERSON, {"a": BOUNCED, "b": BOUNCED, "office": BOUNCED, "admin": SEES, "anon": LOGIN}),
]

PUBLIC_ROWS = [
    (
        "API: B's draft",
        "/api/v2/pages/{b_draft}/",
        None,
        {"a": NOT_FOUND, "b": NOT_FOUND, "office": NOT_FOUND, "admin": NOT_FOUND, "anon": NOT_FOUND},
    ),
    (
        "API: search",
        "/api/v2/pages/?search=Töpferkurs",
        B_DRAFT,
        {"a": BLIND, "b": BLIND, "office": BLIND, "admin": BLIND, "anon": BLIND},
    ),
    (
        "API: listing",
        "/api/v2/pages/?type=bildungsboerse.OfferPage&fields=title",
        B_DRAFT,
        {"a": BLIND, "b": BLIND, "office": BLIND, "admin": BLIND, "anon": BLIND},
    ),
    (
        "API: B's live offer",
        "/api/v2/pages/{b_live}/",
        B_LIVE,
        {"a": SEES, "b": SEES, "office": SEES, "admin": SEES, "anon": SEES},
    ),
    (
        "site: B's draft",
        "{b_draft_url}",
        None,
        {"a": NOT_FOUND, "b": NOT_FOUND, "office": NOT_FOUND, "admin": NOT_FOUND, "anon": NOT_FOUND},
    ),
    (
        "site: Bildungsbörse",
        "/bildungsboerse/",
        B_DRAFT,
        {"a": BLIND, "b": BLIND, "office": BLIND, "admin": BLIND, "anon": BLIND},
    ),
    (
        "site: B's public page",
        "/anbieter/{b_slug}/",
        B_DRAFT,
        {"a": BLIND, "b": BLIND, "office": BLIND, "admin": BLIND, "anon": BLIND},
    ),
    (
        "site: B's public page lists live offers",
        "/anbieter/{b_slug}/",
        B_LIVE,
        {"a": SEES, "b": SEES, "office": SEES, "admin": SEES, "anon": SEES},
    ),
]

# Served by anbieter.api's endpoints, registered in cms/api.py
MEDIA_API_ROWS = [
    (
        "API: images",
        "/api/v2/images/",
        B_IMAGE,
        {"a": BLIND, "b": BLIND, "office": BLIND, "admin": BLIND, "anon": BLIND},
    ),
    (
        "API: B's unused image",
        "/api/v2/images/{b_image}/",
        None,
        {"a": NOT_FOUND, "b": NOT_FOUND, "office": NOT_FOUND, "admin": NOT_FOUND, "anon": NOT_FOUND},
    ),
    (
        "API: documents",
        "/api/v2/documents/",
        B_DOCUMENT,
        {"a": BLIND, "b": BLIND, "office": BLIND, "admin": BLIND, "anon": BLIND},
    ),
    (
        "API: B's unused document",
        "/api/v2/documents/{b_document}/",
        None,
        {"a": NOT_FOUND, "b": NOT_FOUND, "office": NOT_FOUND, "admin": NOT_FOUND, "anon": NOT_FOUND},
    ),
]

# Every other way the admin hands out an image, a document or a page by id (issue 14, findings 2 and 3)
MEDIA_ADMIN_ROWS = [
    (
        "admin API: images",
        "/admin/api/main/images/",
        B_IMAGE,
        {"a": BLIND, "b": SEES, "office": SEES, "admin": SEES, "anon": LOGIN},
    ),
    (
        "admin API: B's image",
        "/admin/api/main/images/{b_image}/",
        B_IMAGE,
        {"a": NOT_FOUND, "b": SEES, "office": SEES, "admin": SEES, "anon": LOGIN},
    ),
    (
        "admin API: B's image by title",
        "/admin/api/main/images/?search=Werkstatt",
        B_IMAGE,
        {"a": BLIND, "b": SEES, "office": SEES, "admin": SEES, "anon": LOGIN},
    ),
    (
        "admin API: documents",
        "/admin/api/main/documents/",
        B_DOCUMENT,
        {"a": BLIND, "b": SEES, "office": SEES, "admin": SEES, "anon": LOGIN},
    ),
    (
        "admin API: B's document",
        "/admin/api/main/documents/{b_document}/",
        B_DOCUMENT,
        {"a": NOT_FOUND, "b": SEES, "office": SEES, "admin": SEES, "anon": LOGIN},
    ),
    (
        "image chooser: B's image chosen",
        "/admin/images/chooser/chosen/{b_image}/",
        B_IMAGE,
        {"a": BOUNCED, "b": SEES, "office": SEES, "admin": SEES, "anon": LOGIN},
    ),
    (
        "image chooser: chosen-multiple",
        "/admin/images/chooser/chosen-multiple/?id={b_image}",
        B_IMAGE,
        {"a": BLIND, "b": SEES, "office": SEES, "admin": SEES, "anon": LOGIN},
    ),
    (
        "image chooser: select format",
        "/admin/images/chooser/{b_image}/select_format/",
        B_IMAGE,
        {"a": BOUNCED, "b": SEES, "office": SEES, "admin": SEES, "anon": LOGIN},
    ),
    (
        "image: preview",
        "/admin/images/{b_image}/preview/fill-10x10/",
        None,
        {"a": BOUNCED, "b": OK, "office": OK, "admin": OK, "anon": LOGIN},
    ),
    (
        "image: usage",
        "/admin/images/usage/{b_image}/",
        B_IMAGE,
        {"a": BOUNCED, "b": SEES, "office": SEES, "admin": SEES, "anon": LOGIN},
    ),
    (
        "document chooser: B's document chosen",
        "/admin/documents/chooser/chosen/{b_document}/",
        B_DOCUMENT,
        {"a": BOUNCED, "b": SEES, "office": SEES, "admin": SEES, "anon": LOGIN},
    ),
    (
        "document chooser: chosen-multiple",
        "/admin/documents/chooser/chosen-multiple/?id={b_document}",
        B_DOCUMENT,
        {"a": BLIND, "b": SEES, "office": SEES, "admin": SEES, "anon": LOGIN},
    ),
    (
        "document: usage",
        "/admin/documents/usage/{b_document}/",
        B_DOCUMENT,
        {"a": BOUNCED, "b": SEES, "office": SEES, "admin": SEES, "anon": LOGIN},
    ),
    (
        "document: download",
        "{b_document_url}",
        None,
        {"a": NOT_FOUND, "b": OK, "office": OK, "admin": OK, "anon": NOT_FOUND},
    ),
    (
        "page chooser: chosen-multiple, B's draft",
        "/admin/choose-page/chosen-multiple/?id={b_draft}",
        B_DRAFT,
        {"a": NOT_FOUND, "b": SEES, "office": SEES, "admin": SEES, "anon": LOGIN},
    ),
    (
        "page chooser: chosen-multiple, B's draft among live pages",
        "/admin/choose-page/chosen-multiple/?id={b_live}&id={b_draft}",
        B_DRAFT,
        {"a": NOT_FOUND, "b": SEES, "office": SEES, "admin": SEES, "anon": LOGIN},
    ),
    (
        "page chooser: chosen-multiple, B's live offer",
        "/admin/choose-page/chosen-multiple/?id={b_live}",
        B_LIVE,
        {"a": SEES, "b": SEES, "office": SEES, "admin": SEES, "anon": LOGIN},
    ),
]

USERNAMES = {"a": "alpha", "b": "beta", "office": "redaktion", "admin": "admin", "anon": None}


def client_for(actor: str) -> Client:
    client = Client()
    if USERNAMES[actor]:
        from django.contrib.auth import get_user_model

        client.force_login(get_user_model().objects.get(username=USERNAMES[actor]))
    return client


def body_of(response) -> str:
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content).decode()
    if response.get("Content-Type", "").startswith("application/json"):
        return json.dumps(response.json(), ensure_ascii=False)  # choosers answer with HTML inside JSON
    return response.content.decode()


def outcome_of(response, marker) -> str:
    status = response.status_code
    if status == 302:
        location = response["Location"]
        if "/login/" in location:
            return LOGIN
        return BOUNCED if location.rstrip("/").endswith("/admin") else f"302 → {location}"
    if status == 404:
        return NOT_FOUND
    if status != 200:
        return str(status)
    if marker is None:
        return OK
    return SEES if marker in body_of(response) else BLIND


def wrong_cells(rows, ids: dict) -> list[str]:
    wrong = []
    for actor in ACTORS:
        client = client_for(actor)
        for what, url, marker, expected in rows:
            actual = outcome_of(client.get(url.format(**ids)), marker)
            if actual != expected[actor]:
                wrong.append(f"{actor} / {what}: expected {expected[actor]}, got {actual}")
    return wrong


def test_every_row_names_every_actor():
    for what, _url, _marker, expected in ADMIN_ROWS + PUBLIC_ROWS + MEDIA_API_ROWS + MEDIA_ADMIN_ROWS:
        assert set(expected) == set(ACTORS), what


def test_admin_views(world):
    assert wrong_cells(ADMIN_ROWS, world.ids) == []


def test_public_site_and_pages_api(world):
    assert wrong_cells(PUBLIC_ROWS, world.ids) == []


def test_media_api(world):
    assert wrong_cells(MEDIA_API_ROWS, world.ids) == []


def test_media_and_choosers_in_the_admin(world):
    wrong = wrong_cells(MEDIA_ADMIN_ROWS, world.ids)
    assert wrong == [], "\n".join(wrong)
