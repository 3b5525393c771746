"""Tokens for a provider's own software (course management of a vhs, a music school) to write through the API.

The service office issues a token per provider in the admin (anbieter/admin_views.py). A token belongs to a
technical user of that provider: a member of the provider's group and of nothing else, without a usable
password, so it has exactly the provider's scoped permissions (add and edit in its folders, its own media,
never publish). The plaintext is shown once; Wagtail's ``APIToken`` stores only its HMAC digest. Issuing and
revoking are written to the audit log (the site history report).
"""

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _
from wagtail.log_actions import log
from wagtail.models import APIToken

from . import scoping
from .auth import provider_access_suspended
from .models import Anbieter
from .services import set_up_provider_workspace

TECHNICAL_USER_PREFIX = "schnittstelle-"
ISSUE_ACTION = "anbieter.api_token.issue"
REVOKE_ACTION = "anbieter.api_token.revoke"


def may_manage_tokens(user) -> bool:
    """The service office and administrators; never a provider's own people (not even for their provider)."""
    return scoping.sees_all_providers(user) and user.has_perm("anbieter.change_anbieter")


def technical_user_of(provider: Anbieter):
    """The provider's user for its software: made on first use, in the provider's group only."""
    User = get_user_model()
    username = f"{TECHNICAL_USER_PREFIX}{provider.pk}"
    user, created = User.objects.get_or_create(
        username=username,
        defaults={"first_name": _("Schnittstelle"), "last_name": provider.name[:150], "email": ""},
    )
    if created:
        user.set_unusable_password()
        user.save(update_fields=["password"])
    # exactly the provider's permissions: its group and no other
    user.groups.set([provider.group])
    return user


def tokens_of(provider: Anbieter):
    """Every token issued for ``provider`` (revoked ones too, for the record), newest first."""
    if provider.group_id is None:
        return APIToken.objects.none()
    return APIToken.objects.filter(user__groups=provider.group_id).select_related("user").order_by("-created")


@transaction.atomic
def issue_token(provider: Anbieter, editor, name: str) -> tuple[APIToken, str]:
    """A new token for ``provider``'s software; returns it and its plaintext (shown once, never stored)."""
    if not may_manage_tokens(editor):
        raise PermissionDenied
    if provider.group_id is None:
        set_up_provider_workspace(provider)
    token, plaintext = APIToken.create_token(user=technical_user_of(provider), name=name.strip()[:255])
    log(token, ISSUE_ACTION, user=editor, data={"anbieter": provider.name, "token": token.prefix})
    return token, plaintext


@transaction.atomic
def revoke_token(provider: Anbieter, token: APIToken, editor) -> None:
    if not may_manage_tokens(editor):
        raise PermissionDenied
    if not tokens_of(provider).filter(pk=token.pk).exists():
        raise PermissionDenied
    if token.revoked_at is None:
        token.revoke()
        log(token, REVOKE_ACTION, user=editor, data={"anbieter": provider.name, "token": token.prefix})


def provider_of_token_user(user) -> Anbieter | None:
    """The one active provider a token's user writes for; None for the office, several providers or a suspended one."""
    if not (user.is_authenticated and user.is_active) or scoping.sees_all_providers(user):
        return None
    provider_ids = scoping.provider_ids_of(user)
    if len(provider_ids) != 1 or provider_access_suspended(user):
        return None
    return Anbieter.objects.active().filter(pk__in=provider_ids).first()
