"""Importing an exchange file: validate all of it, then create, update or leave alone, in one transaction.

The file is read twice, line by line (never whole): first every line is checked and every problem is
reported with its line number and key; a file with any problem imports nothing. Then each line is
matched by its ``id`` (``ExternalId``) and compared with what the portal holds: new objects are
created, changed ones get a new revision (published, or submitted to the moderation workflow), unchanged
ones are not touched. Publishing goes through Wagtail's revisions, so the portal's signals keep the
search index in step exactly as when an editor publishes; the indexes are brought up to date once per
page at the end of the run rather than on each of its saves (``batch.deferred_indexes``).
"""

import logging
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from wagtail.coreutils import find_available_slug
from wagtail.models import Page

from aktuelles.models import AktuellesIndexPage, ArticlePage
from anbieter.models import Anbieter
from anbieter.services import email_taken, invite_provider_user, set_up_provider_workspace
from bildungsboerse.models import OfferDate, OfferPage
from core.text import german_slugify
from kalender.models import EventPage
from taxonomy.models import Barrierefreiheit, Bereich, Lebenslage, Ort, Zielgruppe

from .batch import deferred_indexes
from .fields import (
    ARTEN,
    FIELD_KEYS,
    Vocabulary,
    paragraphs_to_html,
    paragraphs_to_stream,
    read_values,
    same_values,
    snapshot_page,
    snapshot_provider,
    type_name,
)
from .models import ExternalId
from .reader import LineSource

logger = logging.getLogger(__name__)

PROGRESS_EVERY = 500
MAX_ERRORS = 5000  # a file of garbage should not fill the memory with messages
MAX_ITEMS = 2000  # listed one by one in the report (all are counted)
PAGE_MODELS = {"angebot": OfferPage, "veranstaltung": EventPage, "beitrag": ArticlePage}
SECTIONS = {"angebot": "bildungsboerse", "veranstaltung": "kalender", "beitrag": "aktuelles"}
# ids the export gives pages that were not imported: the page's translation key, stable and unique everywhere
EXPORTED_PAGE_ID = re.compile(r"^3l-([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$")

CREATED, UPDATED, UNCHANGED = "neu", "geändert", "unverändert"

Progress = Callable[[str, int], None]


@dataclass
class LineError:
    line: int
    key: str
    message: str

    def __str__(self) -> str:
        where = f"Zeile {self.line}" + (f", „{self.key}“" if self.key else "")
        return f"{where}: {self.message}"


@dataclass
class ItemResult:
    line: int
    art: str
    external_id: str
    title: str
    action: str


@dataclass
class ImportReport:
    publish: bool = True
    dry_run: bool = False
    lines: int = 0
    errors: list[LineError] = field(default_factory=list)
    more_errors: int = 0
    counts: dict[str, Counter] = field(
        default_factory=lambda: {CREATED: Counter(), UPDATED: Counter(), UNCHANGED: Counter()}
    )
    items: list[ItemResult] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors

    @property
    def created(self) -> int:
        return sum(self.counts[CREATED].values())

    @property
    def updated(self) -> int:
        return sum(self.counts[UPDATED].values())

    @property
    def unchanged(self) -> int:
        return sum(self.counts[UNCHANGED].values())

    def add_error(self, line: int, key: str, message: str) -> None:
        if len(self.errors) < MAX_ERRORS:
            self.errors.append(LineError(line, key, message))
        else:
            self.more_errors += 1

    def add_item(self, item: ItemResult) -> None:
        self.counts[item.action][item.art] += 1
        if len(self.items) < MAX_ITEMS:
            self.items.append(item)

    def summary(self) -> str:
        if self.errors:
            total = len(self.errors) + self.more_errors
            return f"{total} Fehler in {self.lines} Zeilen: nichts importiert."
        verb = "würden" if self.dry_run else "wurden"
        return (
            f"{self.lines} Zeilen: {self.created} {verb} neu angelegt, {self.updated} geändert, "
            f"{self.unchanged} bleiben unverändert."
        )


def import_jsonl(
    source,
    publish: bool = True,
    dry_run: bool = False,
    progress: Progress | None = None,
    *,
    user=None,
    invite: bool = False,
    progress_every: int = PROGRESS_EVERY,
    on_create: Callable[[str, Page], None] | None = None,
) -> ImportReport:
    """Import an exchange file (a path, an open file or lines).

    ``publish``: publish at once (the office's own migration); otherwise drafts submitted to the workflow.
    ``dry_run``: only report what would be created, updated and left alone. ``invite``: new providers with
    ``ansprechperson`` and ``email`` get a user, invited by mail. ``progress(stage, lines)`` is called every
    ``progress_every`` lines of each pass. ``on_create(id, page)`` may add to a new page before its first save
    (the demo corpus gives pages their images: one revision instead of two).
    """
    lines = LineSource(source)
    report = ImportReport(publish=publish, dry_run=dry_run)
    validate(lines, report, progress, progress_every, invite=invite)
    if report.errors:
        return report
    run = _Run(report, publish=publish, write=not dry_run, user=user, invite=invite, on_create=on_create)
    try:
        with transaction.atomic():
            # the search indexes follow once per page at the end, inside the transaction (batch.py)
            with deferred_indexes():
                run.apply(lines, progress, progress_every)
            if dry_run:
                transaction.set_rollback(True)  # nothing is written; this only keeps it so if that ever changes
    except _LineFailed as failure:
        report.counts = ImportReport().counts
        report.items = []
        for key, message in failure.problems:
            report.add_error(failure.line, key, message)
    return report


# --- pass 1: validation ---


def validate(
    lines: LineSource,
    report: ImportReport,
    progress: Progress | None = None,
    progress_every: int = PROGRESS_EVERY,
    invite: bool = False,
) -> None:
    vocabulary = Vocabulary.load()
    known = dict(ExternalId.objects.values_list("external_id", "art"))
    provider_of_id = dict(ExternalId.objects.filter(anbieter__isnull=False).values_list("external_id", "anbieter_id"))
    id_of_provider = {pk: external_id for external_id, pk in provider_of_id.items()}
    existing_names = {name.lower(): pk for pk, name in Anbieter.objects.values_list("pk", "name")}
    in_file: dict[str, tuple[int, str]] = {}
    names_in_file: dict[str, int] = {}
    for line in lines.lines():
        report.lines += 1
        if progress and report.lines % progress_every == 0:
            progress("Prüfung", report.lines)
        if line.problem:
            report.add_error(line.number, "", line.problem)
            continue
        record = line.record
        art = record.get("art")
        if art is None:
            report.add_error(line.number, "art", "Pflichtangabe fehlt.")
            continue
        if art not in ARTEN:
            report.add_error(line.number, "art", f"Unbekannte Art „{art}“ (erlaubt: {', '.join(ARTEN)}).")
            continue
        external_id = record.get("id")
        if external_id in (None, ""):
            report.add_error(line.number, "id", "Pflichtangabe fehlt.")
        elif not isinstance(external_id, str):
            report.add_error(line.number, "id", f"Falscher Typ: erwartet Text, gefunden {type_name(external_id)}.")
            external_id = None
        elif len(external_id) > 200:
            report.add_error(line.number, "id", "Zu lang: höchstens 200 Zeichen.")
        elif external_id in in_file:
            report.add_error(
                line.number,
                "id",
                f"Die id „{external_id}“ kommt doppelt vor (zuerst in Zeile {in_file[external_id][0]}).",
            )
        elif known.get(external_id, art) != art:
            report.add_error(
                line.number,
                "id",
                f"Die id „{external_id}“ gehört im Portal bereits zu einem Objekt der Art „{known[external_id]}“.",
            )
        values, problems = read_values(record, vocabulary)
        for key, message in problems:
            report.add_error(line.number, key, message)
        if art == "anbieter":
            _check_provider(
                line.number,
                external_id,
                values,
                report,
                names_in_file,
                existing_names,
                provider_of_id,
                id_of_provider,
                invite,
            )
        elif values.get("anbieter"):
            _check_provider_reference(line.number, values["anbieter"], in_file, known, report)
        if external_id and external_id not in in_file:
            in_file[external_id] = (line.number, art)


def _check_provider(
    line, external_id, values, report, names_in_file, existing_names, provider_of_id, id_of_provider, invite
) -> None:
    name = values["name"].lower()
    if not name:
        return
    if name in names_in_file:
        report.add_error(line, "name", f"Ein Anbieter dieses Namens steht schon in Zeile {names_in_file[name]}.")
    names_in_file[name] = line
    owner = existing_names.get(name)
    mine = provider_of_id.get(external_id)
    if owner is not None and mine is not None and owner != mine:
        report.add_error(line, "name", f"Im Portal heißt bereits ein anderer Anbieter „{values['name']}“.")
    elif owner is not None and mine is None and owner in id_of_provider:
        report.add_error(
            line,
            "name",
            f"Den Anbieter „{values['name']}“ gibt es im Portal bereits mit der id „{id_of_provider[owner]}“.",
        )
    if invite and owner is None and mine is None and values["email"] and values["contact_name"]:
        if email_taken(values["email"]):
            report.add_error(
                line,
                "email",
                "Für diese E-Mail-Adresse gibt es bereits einen Zugang; "
                "ohne Einladung importieren oder eine andere Adresse angeben.",
            )


def _check_provider_reference(line, reference, in_file, known, report) -> None:
    if reference in in_file:
        if in_file[reference][1] != "anbieter":
            report.add_error(
                line,
                "anbieter",
                f"„{reference}“ ist kein Anbieter (Zeile {in_file[reference][0]} "
                f"hat die Art „{in_file[reference][1]}“).",
            )
    elif known.get(reference) != "anbieter":
        report.add_error(
            line,
            "anbieter",
            f"Unbekannter Anbieter „{reference}“: er muss in einer früheren Zeile "
            "(Art „anbieter“) stehen oder bereits importiert sein.",
        )


# --- pass 2: create, update, leave alone ---


class _LineFailed(Exception):
    """A line the models refused after all; the whole import is rolled back."""

    def __init__(self, line: int, problems: list[tuple[str, str]]):
        super().__init__(line)
        self.line = line
        self.problems = problems


class _Run:
    def __init__(self, report: ImportReport, *, publish: bool, write: bool, user, invite: bool, on_create=None):
        self.report = report
        self.on_create = on_create
        self.publish = publish
        self.write = write
        self.user = user
        self.invite = invite
        self.vocabulary = Vocabulary.load()
        self.terms = {
            model: {term.slug: term for term in model.objects.all()}
            for model in (Bereich, Lebenslage, Zielgruppe, Barrierefreiheit, Ort)
        }
        self.mapping = {
            row[0]: row[1:] for row in ExternalId.objects.values_list("external_id", "page_id", "anbieter_id")
        }
        self.provider_pk: dict[str, int | None] = {ext: a for ext, (p, a) in self.mapping.items() if a}
        self.provider_id: dict[int, str] = {pk: ext for ext, pk in self.provider_pk.items()}
        self.parents: dict[tuple[str, int | None], Page] = {}  # (art, provider pk) -> its folder, per run

    def apply(self, lines: LineSource, progress: Progress | None, progress_every: int) -> None:
        for count, line in enumerate(lines.lines(), start=1):
            art, external_id = line.record["art"], line.record["id"]
            values, _problems = read_values(line.record, self.vocabulary)
            try:
                if art == "anbieter":
                    action = self.provider(external_id, values)
                    title = values["name"]
                else:
                    action = self.page(art, external_id, values)
                    title = values["title"]
            except ValidationError as error:
                raise _LineFailed(line.number, _problems_of(error)) from error
            except Exception as error:
                logger.exception("Import of line %s failed", line.number)
                raise _LineFailed(line.number, [("", f"Import fehlgeschlagen: {error}")]) from error
            self.report.add_item(ItemResult(line.number, art, external_id, title, action))
            if progress and count % progress_every == 0:
                progress("Import", count)

    # --- providers ---

    def provider(self, external_id: str, values: dict) -> str:
        pk = self.provider_pk.get(external_id)
        provider = Anbieter.objects.filter(pk=pk).first() if pk else None
        linked = provider is not None
        if provider is None:
            provider = Anbieter.objects.filter(name__iexact=values["name"]).first()
        if provider is None:
            if self.write:
                provider = self.create_provider(external_id, values)
            self.remember_provider(external_id, provider.pk if provider else None)
            return CREATED
        unchanged = same_values(values, snapshot_provider(provider))
        if self.write:
            if not unchanged:
                self.set_provider_values(provider, values)
                provider.save()
            if not linked:  # made by hand before: give it its workspace and remember its id from now on
                set_up_provider_workspace(provider)
                ExternalId.objects.create(external_id=external_id, art="anbieter", anbieter=provider)
        self.remember_provider(external_id, provider.pk)
        return UNCHANGED if unchanged else UPDATED

    def remember_provider(self, external_id: str, pk: int | None) -> None:
        self.provider_pk[external_id] = pk
        if pk is not None:
            self.provider_id[pk] = external_id

    def create_provider(self, external_id: str, values: dict) -> Anbieter:
        """The same onboarding as an approved request: provider, group, folders, collection (a user if asked)."""
        provider = Anbieter(slug=_free_provider_slug(values["name"]))
        self.set_provider_values(provider, values)
        provider.full_clean()
        provider.save()
        set_up_provider_workspace(provider)
        ExternalId.objects.create(external_id=external_id, art="anbieter", anbieter=provider)
        if self.invite and values["email"] and values["contact_name"]:
            invite_provider_user(provider, values["email"], values["contact_name"])
        return provider

    def set_provider_values(self, provider: Anbieter, values: dict) -> None:
        for name in ("name", "kind", "street", "postal_code", "contact_name", "email", "phone", "website"):
            setattr(provider, name, values[name])
        provider.description = paragraphs_to_html(values["description"])
        provider.ort = self.terms[Ort].get(values["ort"]) if values["ort"] else None

    # --- offers, events, articles ---

    def page(self, art: str, external_id: str, values: dict) -> str:
        model = PAGE_MODELS[art]
        provider_pk = self.provider_pk.get(values["anbieter"]) if values["anbieter"] else None
        current, mapped = self.find_page(model, external_id)
        if current is None:
            if self.write:
                page = model(live=False)
                self.set_page_values(page, values, provider_pk)
                if self.on_create is not None:
                    self.on_create(external_id, page)
                parent = self.parent_for(art, provider_pk)
                page.slug = find_available_slug(parent, german_slugify(values["title"])[:80] or SECTIONS[art])
                parent.add_child(instance=page)  # saved with full_clean(): the revision needs no second one
                ExternalId.objects.create(external_id=external_id, art=art, page=page)
                self.save(page, clean=False)
            return CREATED
        base = current
        if not self.publish and current.has_unpublished_changes:
            base = current.get_latest_revision_as_object()
        unchanged = same_values(values, snapshot_page(base, art, self.provider_id))
        if self.publish and not current.live:
            unchanged = False  # imported as a draft before: publishing it now is a change
        if self.write:
            if not mapped:
                ExternalId.objects.create(external_id=external_id, art=art, page=current)
            if not unchanged:
                parent = self.parent_for(art, provider_pk)
                if current.get_parent().pk != parent.pk:  # the line names another provider now
                    # a fresh copy of the cached folder: treebeard's move trusts its numchild
                    current.move(Page.objects.get(pk=parent.pk), pos="last-child", user=self.user)
                    current = model.objects.get(pk=current.pk)
                    base = current
                    if not self.publish and current.has_unpublished_changes:
                        base = current.get_latest_revision_as_object()
                self.set_page_values(base, values, provider_pk)
                self.save(base)
        return UNCHANGED if unchanged else UPDATED

    def find_page(self, model, external_id: str):
        """(the page, whether the id is stored) — an export's own id finds its page by translation key."""
        page_id = self.mapping.get(external_id, (None, None))[0]
        if page_id:
            return model.objects.filter(pk=page_id).first(), True
        match = EXPORTED_PAGE_ID.match(external_id)
        if match:
            return model.objects.filter(translation_key=match.group(1)).first(), False
        return None, False

    def parent_for(self, art: str, provider_pk: int | None):
        """The provider's folder for ``art`` (Aktuelles without provider), looked up once per run."""
        key = (art, provider_pk)
        if key not in self.parents:
            if provider_pk is None:
                self.parents[key] = AktuellesIndexPage.objects.get()
            else:
                provider = Anbieter.objects.get(pk=provider_pk)
                self.parents[key] = getattr(provider, f"{SECTIONS[art]}_folder")
        return self.parents[key]

    def set_page_values(self, page, values: dict, provider_pk: int | None) -> None:
        terms = self.terms
        page.anbieter_id = provider_pk
        page.title = values["title"]
        page.teaser = values["teaser"]
        page.body = paragraphs_to_stream(values["body"])
        page.bereich = terms[Bereich].get(values["bereich"]) if values["bereich"] else None
        page.lebenslagen = [terms[Lebenslage][slug] for slug in values["lebenslagen"]]
        page.zielgruppen = [terms[Zielgruppe][slug] for slug in values["zielgruppen"]]
        if isinstance(page, ArticlePage):
            if values["date"] is not None:
                page.date = values["date"]
            page.author = values["author"]
            return
        for name in (
            "format",
            "venue_name",
            "street",
            "postal_code",
            "is_free",
            "price",
            "price_note",
            "registration_mode",
            "capacity",
            "min_participants",
            "registration_url",
            "registration_note",
            "contact_name",
            "contact_email",
            "contact_phone",
        ):
            setattr(page, name, values[name])
        page.ort = terms[Ort].get(values["ort"]) if values["ort"] else None
        page.barrierefreiheit = [terms[Barrierefreiheit][slug] for slug in values["barrierefreiheit"]]
        if isinstance(page, OfferPage):
            for name in ("schedule", "start_date", "end_date", "schedule_note"):
                setattr(page, name, values[name])
            page.dates = [OfferDate(start=start, end=end, note=note) for start, end, note in values["dates"]]
        else:
            page.start, page.end, page.all_day = values["start"], values["end"], values["all_day"]
            # kept verbatim, as the iCal import does; the editor's choices compose a rule of their own
            page.repeat = EventPage.Repeat.CUSTOM if values["rrule"] else EventPage.Repeat.NONE
            page.rrule = values["rrule"]

    def save(self, page, clean: bool = True) -> None:
        revision = page.save_revision(user=self.user, log_action=True, clean=clean)
        state = page.current_workflow_state
        if self.publish:
            if state is not None:  # published directly: a pending moderation of an older version is moot
                state.cancel(user=self.user)
            revision.publish(user=self.user)
            return
        workflow = page.get_workflow()
        if workflow is None:
            return  # a portal without moderation: the draft waits for an editor
        if state is not None:
            state.cancel(user=self.user)
        workflow.start(page, self.user)


def _free_provider_slug(name: str) -> str:
    base = german_slugify(name)[:190] or "anbieter"
    slug, n = base, 1
    while Anbieter.objects.filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    return slug


def _problems_of(error: ValidationError) -> list[tuple[str, str]]:
    if hasattr(error, "error_dict"):
        return [
            (FIELD_KEYS.get(name, name if name != "__all__" else ""), " ".join(str(m) for m in messages))
            for name, messages in error.message_dict.items()
        ]
    return [("", " ".join(error.messages))]
