"""What the portal does with providers: show their offerings, take requests, approve, reject, invite.

Each action that changes data runs in one transaction; mails go out last, inside it, so that a
mail that cannot be sent leaves nothing half-done behind.
"""

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core.exceptions import ValidationError
from django.core.files.images import ImageFile
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.html import linebreaks
from django.utils.translation import gettext as _
from wagtail import hooks
from wagtail.coreutils import find_available_slug
from wagtail.images import get_image_model
from wagtail.log_actions import log
from wagtail.models import Collection, GroupCollectionPermission, GroupPagePermission, Page

from anbieter.folders import provider_folder_models
from core.text import german_slugify

from . import mail
from .models import Anbieter, ProviderRequest

User = get_user_model()


PER_SECTION = 12  # cards per section on a provider's page; the rest is one link away, in the search


def offerings_of(provider: Anbieter) -> dict:
    """The provider's current offers, upcoming events and newest articles, visible to residents: up to
    ``PER_SECTION`` of each, and for each ``<name>_more``: whether there are more (then the page links to all of
    them in the search). A large provider (hundreds of courses) would otherwise render all of them on one page.

    Each section contributes its own through the ``provider_offerings`` hook (its wagtail_hooks.py): a function
    of the provider that returns ``(context name, queryset)``, so that this app needs none of the sections.
    """
    sections = {}
    for contribute in hooks.get_hooks("provider_offerings"):
        name, items = contribute(provider)
        items = list(items[: PER_SECTION + 1])  # one more than shown tells whether there are more, without a COUNT
        sections[name], sections[f"{name}_more"] = items[:PER_SECTION], len(items) > PER_SECTION
    return sections


# --- onboarding ---


def provider_exists(name: str) -> bool:
    """Is there a provider of that name, or of the slug a provider of that name would get?"""
    return (
        Anbieter.objects.filter(name__iexact=name.strip()).exists()
        or Anbieter.objects.filter(slug=german_slugify(name)).exists()
    )


def request_pending(name: str) -> bool:
    return ProviderRequest.objects.filter(
        status=ProviderRequest.Status.PENDING, organisation__iexact=name.strip()
    ).exists()


def email_taken(email: str) -> bool:
    return User.objects.filter(email__iexact=email).exists() or User.objects.filter(username__iexact=email).exists()


@transaction.atomic
def submit_provider_request(**fields) -> ProviderRequest:
    """Store an organisation's request; confirm it to them and tell the service office."""
    provider_request = ProviderRequest.objects.create(accepted_terms_at=timezone.now(), **fields)
    mail.send_request_received(provider_request)
    mail.send_request_to_service_office(provider_request)
    return provider_request


# --- the service office's decision ---


@transaction.atomic
def approve_provider_request(provider_request: ProviderRequest, editor) -> Anbieter:
    """Create provider, group, folders, collection and the first user; invite that user. All or nothing."""
    provider_request = _lock_pending(provider_request)
    if provider_exists(provider_request.organisation):
        raise ValidationError(_("Es gibt bereits einen Anbieter mit diesem Namen."))
    if email_taken(provider_request.email):
        raise ValidationError(_("Für diese E-Mail-Adresse gibt es bereits einen Zugang."))
    provider = Anbieter.objects.create(
        name=provider_request.organisation.strip(),
        slug=german_slugify(provider_request.organisation),
        kind=provider_request.kind,
        contact_name=provider_request.contact_name,
        email=provider_request.email,
        description=linebreaks(provider_request.description, autoescape=True),
    )
    workspace = set_up_provider_workspace(provider)
    if provider_request.logo:
        provider.logo = _logo_image(provider_request, workspace.collection)
        provider.save(update_fields=["logo"])
    _decide(provider_request, editor, ProviderRequest.Status.APPROVED, anbieter=provider)
    invite_provider_user(provider, provider_request.email, provider_request.contact_name)
    return provider


@transaction.atomic
def reject_provider_request(provider_request: ProviderRequest, editor, reason: str) -> None:
    """Record the rejection with its reason and tell the organisation why."""
    if not reason.strip():
        raise ValidationError(_("Bitte eine Begründung angeben; sie wird der Organisation mitgeteilt."))
    provider_request = _lock_pending(provider_request)
    _decide(provider_request, editor, ProviderRequest.Status.REJECTED, reason=reason.strip())
    mail.send_rejection(provider_request)


def _lock_pending(provider_request: ProviderRequest) -> ProviderRequest:
    # the row lock keeps two editors from deciding the same request at once
    locked = ProviderRequest.objects.select_for_update().get(pk=provider_request.pk)
    if not locked.is_pending:
        raise ValidationError(_("Über diese Anfrage wurde bereits entschieden."))
    return locked


def _decide(provider_request: ProviderRequest, editor, status: str, **fields) -> None:
    provider_request.status = status
    provider_request.decided_by = editor
    provider_request.decided_at = timezone.now()
    for name, value in fields.items():
        setattr(provider_request, name, value)
    _forget_uploaded_logo(provider_request)
    provider_request.save()
    action = "anbieter.request.approve" if status == ProviderRequest.Status.APPROVED else "anbieter.request.reject"
    log(provider_request, action, user=editor, data={"reason": provider_request.reason})


def _forget_uploaded_logo(provider_request: ProviderRequest) -> None:
    # Once decided, the upload is not needed (an approved logo lives on as a Wagtail image).
    if provider_request.logo:
        storage, name = provider_request.logo.storage, provider_request.logo.name
        provider_request.logo = ""
        transaction.on_commit(lambda: storage.delete(name))


def _logo_image(provider_request: ProviderRequest, collection: Collection):
    provider_request.logo.open("rb")
    try:
        name = provider_request.logo.name.rsplit("/", 1)[-1]
        return get_image_model().objects.create(
            title=_("Logo %(name)s") % {"name": provider_request.organisation},
            file=ImageFile(provider_request.logo.file, name=name),
            collection=collection,
        )
    finally:
        provider_request.logo.close()


# --- a provider's workspace in the admin ---


@dataclass
class Workspace:
    group: Group
    collection: Collection
    folders: list[Page]


PAGE_PERMISSIONS = ["add_page", "change_page"]  # never publish: provider content goes through the workflow
COLLECTION_PERMISSIONS = [
    (app_label, f"{verb}_{model}")
    for app_label, model in [("wagtailimages", "image"), ("wagtaildocs", "document")]
    for verb in ["add", "change", "choose"]
]
MODEL_PERMISSIONS = [
    ("wagtailadmin", "access_admin"),
    ("anbieter", "view_anbieter"),
    ("anbieter", "change_anbieter"),
    # their own participants (scoped per object in anmeldung/wagtail_hooks.py) and ratings
    ("anmeldung", "view_slot"),
    ("anmeldung", "change_slot"),
    ("anmeldung", "view_registration"),
    ("anmeldung", "add_registration"),
    ("anmeldung", "change_registration"),
    ("feedback", "view_rating"),
]


def set_up_provider_workspace(provider: Anbieter) -> Workspace:
    """The provider's group, its folder in each section and its media collection. Idempotent."""
    if provider.group is None:
        provider.group = Group.objects.create(name=_group_name(provider))
    if provider.collection is None:
        provider.collection = Collection.get_first_root_node().add_child(name=provider.name)
    provider.save(update_fields=["group", "collection"])
    folders = [_ensure_folder(provider, model) for model in provider_folder_models()]
    _grant(provider.group, folders, provider.collection)
    return Workspace(provider.group, provider.collection, folders)


def _group_name(provider: Anbieter) -> str:
    return f"Anbieter: {provider.name}"[: Group._meta.get_field("name").max_length]


def _ensure_folder(provider: Anbieter, folder_model) -> Page:
    folder = folder_model.objects.filter(anbieter=provider).first()
    if folder is None:
        [section_model] = folder_model.allowed_parent_page_models()
        index = section_model.objects.get()
        folder = folder_model(
            title=provider.name,
            slug=find_available_slug(index, provider.slug),
            anbieter=provider,
            live=provider.is_active,
            first_published_at=timezone.now(),
        )
        index.add_child(instance=folder)
    return folder


def _permissions(names) -> list[Permission]:
    """The permissions named by (app label, codename), in one query; every one must exist."""
    names = list(names)
    condition = Q()
    for app_label, codename in names:
        condition |= Q(content_type__app_label=app_label, codename=codename)
    found = {
        (p.content_type.app_label, p.codename): p
        for p in Permission.objects.filter(condition).select_related("content_type")
    }
    missing = [name for name in names if name not in found]
    if missing:
        raise Permission.DoesNotExist(f"no permission {missing}")
    return [found[name] for name in names]


def _model_permissions() -> list[Permission]:
    return _permissions(MODEL_PERMISSIONS)


def sync_provider_group_permissions() -> None:
    """Give every provider's group today's MODEL_PERMISSIONS; groups made before one was added lack it.

    Idempotent; run by ``setup_portal`` (and once by migration anbieter 0003). Only adds: permissions
    the service office granted a group by hand stay.
    """
    permissions = _model_permissions()
    for group in Group.objects.filter(anbieter__isnull=False):
        group.permissions.add(*permissions)


def _grant(group: Group, folders: list[Page], collection: Collection) -> None:
    """The group's model permissions, its page permissions on each folder, its collection permissions; only
    what it lacks is added (in one query each)."""
    group.permissions.add(*_model_permissions())
    page_permissions = _permissions(("wagtailcore", codename) for codename in PAGE_PERMISSIONS)
    held = set(GroupPagePermission.objects.filter(group=group, page__in=folders).values_list("page", "permission"))
    GroupPagePermission.objects.bulk_create(
        [
            GroupPagePermission(group=group, page=folder, permission=permission)
            for folder in folders
            for permission in page_permissions
            if (folder.pk, permission.pk) not in held
        ]
    )
    held = set(
        GroupCollectionPermission.objects.filter(group=group, collection=collection).values_list(
            "permission", flat=True
        )
    )
    GroupCollectionPermission.objects.bulk_create(
        [
            GroupCollectionPermission(group=group, collection=collection, permission=permission)
            for permission in _permissions(COLLECTION_PERMISSIONS)
            if permission.pk not in held
        ]
    )


@transaction.atomic
def invite_provider_user(provider: Anbieter, email: str, name: str):
    """A further (or the first) person for the provider: no password yet, a link to set one by mail."""
    email = email.strip().lower()
    if email_taken(email):
        raise ValidationError(_("Für diese E-Mail-Adresse gibt es bereits einen Zugang."))
    if provider.group is None:
        set_up_provider_workspace(provider)
    first_name, last_name = _split_name(name)
    user = User(username=email, email=email, first_name=first_name, last_name=last_name)
    user.set_unusable_password()
    user.save()
    user.groups.add(provider.group)
    mail.send_invitation(user, provider)
    return user


def _split_name(name: str) -> tuple[str, str]:
    """ "Maria Anna Muster" -> ("Maria Anna", "Muster"); a single word is taken as the first name."""
    words = name.split()
    if len(words) < 2:
        return name.strip(), ""
    return " ".join(words[:-1]), words[-1]


def resend_invitation(user, provider: Anbieter) -> None:
    """A fresh link for someone whose invitation expired before they set a password."""
    if not user.groups.filter(pk=provider.group_id).exists():
        raise ValidationError(_("Diese Person gehört nicht zu diesem Anbieter."))
    if user.has_usable_password():
        raise ValidationError(_("Diese Person hat bereits ein Passwort festgelegt."))
    mail.send_invitation(user, provider)


def sync_folder_visibility(provider: Anbieter) -> None:
    """A suspended provider's folders go offline with it (their titles name the provider)."""
    for model in provider_folder_models():
        model.objects.filter(anbieter=provider).exclude(live=provider.is_active).update(live=provider.is_active)
