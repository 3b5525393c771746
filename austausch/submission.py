"""A provider's own software sends offers and events in the exchange format (POST /api/v3/austausch/).

The same reading and rules as the file import (austausch.fields, the models' clean()), scoped to the one
provider the token belongs to: every object lands in that provider's folder, as a draft submitted to the
workflow "Freigabe durch das Servicebüro", never published. The same ``id`` again updates the page (a new
draft revision), never a duplicate. An ``id`` or ``anbieter`` of another provider, or an image outside the
provider's own collection, refuses the whole request (403); any other problem too (400, naming the key); a concurrent request that
created the same new id first makes this one a 409.
Either all objects are written or none (one transaction).

Beyond the file format, an object may name an image of the provider's own collection: ``"bild": <id>``.
"""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _
from wagtail.images import get_image_model

from anbieter.api_tokens import provider_of_token_user
from anbieter.folders import folder_provider_id
from anbieter.media_scope import choosable_media
from anbieter.models import Anbieter

from .batch import deferred_indexes
from .exporter import provider_export_id
from .fields import EMPTY, Vocabulary, read_values, type_name
from .importer import (
    EXPORTED_PAGE_ID,
    PAGE_MODELS,
    SECTIONS,
    ImportReport,
    _problems_of,
    _Run,
)
from .models import ExternalId

MAX_OBJECTS = 100
API_ARTEN = ("angebot", "veranstaltung")
IMAGE_KEY = "bild"
STATUS_SUBMITTED = "zur Freigabe eingereicht"


@dataclass
class Problem:
    index: int | None  # position of the object in the request; None for the request as a whole
    key: str
    message: str
    forbidden: bool = False  # another provider's thing: 403 rather than 400


class SubmissionRefused(Exception):
    """Nothing was written; ``status`` 400 (bad values) or 403 (outside the provider's scope)."""

    def __init__(self, problems: list[Problem], detail: str = "", status: int | None = None):
        super().__init__(detail)
        self.problems = problems
        self.status = status or (403 if any(problem.forbidden for problem in problems) else 400)
        self.detail = detail or (
            _("Zugriff verweigert: nichts gespeichert.")
            if self.status == 403
            else _("Ungültige Angaben: nichts gespeichert.")
        )


@dataclass
class SubmittedItem:
    external_id: str
    art: str
    action: str  # importer.CREATED, UPDATED or UNCHANGED
    page_id: int
    title: str


@dataclass
class _Prepared:
    index: int
    art: str
    external_id: str
    values: dict


def submit_from_provider_software(records: list, user) -> list[SubmittedItem]:
    """Check every object, then write all of them as drafts in the workflow; raises SubmissionRefused."""
    provider = provider_of_token_user(user)
    if provider is None:
        raise SubmissionRefused(
            [Problem(None, "", _("Dieser Schlüssel gehört zu keinem freigeschalteten Anbieter."), forbidden=True)]
        )
    if not records:
        raise SubmissionRefused([Problem(None, "", _("Die Anfrage enthält kein Objekt."))])
    if len(records) > MAX_OBJECTS:
        raise SubmissionRefused([Problem(None, "", _("Höchstens %(max)d Objekte je Anfrage.") % {"max": MAX_OBJECTS})])
    own_ref = provider_export_id(provider, {provider.pk: getattr(_external_id_of(provider), "external_id", "")})
    prepared, problems = _check_all(records, provider, user, own_ref)
    if problems:
        raise SubmissionRefused(problems)
    return _write_all(prepared, provider, user, own_ref)


# --- checks: nothing is written ---


def _external_id_of(provider: Anbieter) -> ExternalId | None:
    return ExternalId.objects.filter(anbieter=provider).first()


def _check_all(records: list, provider: Anbieter, user, own_ref: str) -> tuple[list[_Prepared], list[Problem]]:
    vocabulary = Vocabulary.load()
    problems: list[Problem] = []
    prepared: list[_Prepared] = []
    seen: dict[str, int] = {}
    for index, record in enumerate(records):
        before = len(problems)
        item = _check_one(index, record, provider, user, own_ref, vocabulary, seen, problems)
        if item is not None and len(problems) == before:
            prepared.append(item)
    return prepared, problems


def _check_one(index, record, provider, user, own_ref, vocabulary, seen, problems) -> _Prepared | None:
    def problem(key: str, message: str, forbidden: bool = False) -> None:
        problems.append(Problem(index, key, message, forbidden))

    if not isinstance(record, dict):
        problem("", _("Jedes Objekt muss ein JSON-Objekt sein ({…}), gefunden %(type)s.") % {"type": type_name(record)})
        return None
    art = record.get("art")
    if art in EMPTY:
        problem("art", _("Pflichtangabe fehlt."))
        return None
    if art not in API_ARTEN:
        problem("art", _("Über die Schnittstelle nur „angebot“ oder „veranstaltung“, nicht „%(art)s“.") % {"art": art})
        return None
    external_id = record.get("id")
    if external_id in EMPTY:
        problem("id", _("Pflichtangabe fehlt."))
        return None
    if not isinstance(external_id, str):
        problem("id", _("Falscher Typ: erwartet Text, gefunden %(type)s.") % {"type": type_name(external_id)})
        return None
    if len(external_id) > 200:
        problem("id", _("Zu lang: höchstens 200 Zeichen."))
        return None
    if external_id in seen:
        problem(
            "id",
            _("Die id „%(id)s“ kommt doppelt vor (zuerst im Objekt %(n)d).")
            % {"id": external_id, "n": seen[external_id]},
        )
        return None
    seen[external_id] = index
    record = dict(record)
    named = record.get("anbieter")
    if named not in EMPTY and named not in (own_ref, provider.slug):
        problem("anbieter", _("Sie können nur Inhalte Ihres eigenen Anbieters senden."), forbidden=True)
        return None
    record["anbieter"] = own_ref
    image = _check_image(record.pop(IMAGE_KEY, None), user, problem)
    values, value_problems = read_values(record, vocabulary)
    for key, message in value_problems:
        problem(key, message)
    _check_target(art, external_id, provider, user, problem)
    if image is not None:
        values["image"] = image
    return _Prepared(index, art, external_id, values)


def _check_image(value, user, problem) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        problem(
            IMAGE_KEY,
            _("Falscher Typ: erwartet die id eines Bildes (ganze Zahl), gefunden %(type)s.")
            % {"type": type_name(value)},
        )
        return None
    model = get_image_model()
    if choosable_media(model, user).filter(pk=value).exists():
        return value
    if model.objects.filter(pk=value).exists():
        problem(IMAGE_KEY, _("Sie können nur Bilder Ihres eigenen Anbieters verwenden."), forbidden=True)
    else:
        problem(IMAGE_KEY, _("Unbekanntes Bild %(id)d.") % {"id": value})
    return None


def _check_target(art: str, external_id: str, provider: Anbieter, user, problem) -> None:
    """The id must be new, or stand for a page of the same kind in the provider's own folder that it may edit."""
    stored = ExternalId.objects.filter(external_id=external_id).select_related("page").first()
    if stored is not None and stored.art != art:
        problem(
            "id",
            _("Die id „%(id)s“ gehört im Portal bereits zu einem Objekt der Art „%(art)s“.")
            % {"id": external_id, "art": stored.art},
        )
        return
    page = _existing_page(PAGE_MODELS[art], stored, external_id)
    if page is None:
        if stored is None:  # a new page in the provider's folder
            parent = getattr(provider, f"{SECTIONS[art]}_folder")
            if not parent.permissions_for_user(user).can_add_subpage():
                problem("id", _("Sie dürfen in diesem Bereich keine Seiten anlegen."), forbidden=True)
        return
    if folder_provider_id(page) != provider.pk:
        problem(
            "id",
            _("Die id „%(id)s“ gehört zu einem Inhalt eines anderen Anbieters.") % {"id": external_id},
            forbidden=True,
        )
    elif not page.permissions_for_user(user).can_edit():
        problem("id", _("Sie dürfen diese Seite nicht bearbeiten."), forbidden=True)


def _existing_page(model, stored: ExternalId | None, external_id: str):
    """The page an id stands for, as the importer finds it (a stored id, or an export's ``3l-<key>``)."""
    if stored is not None:
        return model.objects.filter(pk=stored.page_id).first()
    match = EXPORTED_PAGE_ID.match(external_id)
    return model.objects.filter(translation_key=match.group(1)).first() if match else None


# --- writing: all or nothing ---


class _ProviderRun(_Run):
    """The importer's run in draft mode, for one provider, with the page image as one more value."""

    def set_page_values(self, page, values: dict, provider_pk: int | None) -> None:
        super().set_page_values(page, values, provider_pk)
        if "image" in values:
            page.image_id = values["image"]


def _write_all(prepared: list[_Prepared], provider: Anbieter, user, own_ref: str) -> list[SubmittedItem]:
    run = _ProviderRun(ImportReport(publish=False), publish=False, write=True, user=user, invite=False)
    run.remember_provider(own_ref, provider.pk)
    results = []
    try:
        # the search indexes follow once per page at the end, inside the transaction (batch.py): a refusal
        # rolls back before anything reached Elasticsearch
        with transaction.atomic(), deferred_indexes():
            for item in prepared:
                _drop_unchanged_image(run, item)
                try:
                    action = run.page(item.art, item.external_id, item.values)
                except ValidationError as error:
                    raise SubmissionRefused(
                        [Problem(item.index, key, message) for key, message in _problems_of(error)]
                    ) from error
                page_id = ExternalId.objects.get(external_id=item.external_id).page_id
                results.append(SubmittedItem(item.external_id, item.art, action, page_id, item.values["title"]))
    except IntegrityError as error:
        # another request created the same id between the checks and the writing: nothing of this one is kept
        raise SubmissionRefused(
            [Problem(None, "id", _("Eine gleichzeitige Anfrage hat dieselbe id angelegt; bitte erneut senden."))],
            detail=_("Konflikt mit einer gleichzeitigen Anfrage: nichts gespeichert."),
            status=409,
        ) from error
    return results


def _drop_unchanged_image(run: _Run, item: _Prepared) -> None:
    # the importer compares only the format's keys: an image equal to the page's own is no change
    if "image" not in item.values:
        return
    page, _mapped = run.find_page(PAGE_MODELS[item.art], item.external_id)
    if page is None:
        return
    base = page.get_latest_revision_as_object() if page.has_unpublished_changes else page
    if base.image_id == item.values["image"]:
        del item.values["image"]
