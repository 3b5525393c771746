"""Who sees what: the service office sees everything, a provider's users only their provider's things.

Deny by default: a user who is neither in the service office nor an administrator sees only the
providers whose group they belong to — and nothing at all if they belong to none.
"""

from django.db.models import Q, QuerySet
from wagtail.models import Page

from anbieter.folders import provider_folder_models
from anbieter.roles import SERVICE_OFFICE_GROUP

from .models import Anbieter

_CACHE = "_anbieter_scope_cache"


def _cached(user, key: str, compute):
    # Several hooks ask per request; the answers can't change within one (request.user is new each time).
    cache = getattr(user, _CACHE, None)
    if cache is None:
        cache = {}
        setattr(user, _CACHE, cache)
    if key not in cache:
        cache[key] = compute()
    return cache[key]


def sees_all_providers(user) -> bool:
    """Administrators and the service office's editors."""
    if not (user.is_authenticated and user.is_active):
        return False
    return user.is_superuser or _cached(user, "office", lambda: user.groups.filter(name=SERVICE_OFFICE_GROUP).exists())


def provider_ids_of(user) -> frozenset[int]:
    """The providers ``user`` works for (usually one)."""
    if not (user.is_authenticated and user.is_active):
        return frozenset()
    return _cached(user, "providers", lambda: frozenset(Anbieter.objects.of_user(user).values_list("pk", flat=True)))


def is_scoped_provider_user(user) -> bool:
    """A provider's user whose view of the admin must be narrowed to their own things."""
    return not sees_all_providers(user) and bool(provider_ids_of(user))


def scope_queryset(queryset: QuerySet, user, lookup: str = "anbieter") -> QuerySet:
    """``queryset`` as ``user`` may see it; ``lookup`` leads from the model to its Anbieter."""
    if sees_all_providers(user):
        return queryset
    return queryset.filter(**{f"{lookup}__in": provider_ids_of(user)})


# --- pages ---


def own_folder_paths(user) -> list[str]:
    """Tree paths of the folders of ``user``'s providers."""

    def compute():
        paths = []
        for model in provider_folder_models():
            paths += model.objects.filter(anbieter__in=provider_ids_of(user)).values_list("path", flat=True)
        return paths

    return _cached(user, "folder_paths", compute)


def own_pages_q(user) -> Q:
    """Pages inside ``user``'s folders (the folders included)."""
    condition = Q(pk__in=[])
    for path in own_folder_paths(user):
        condition |= Q(path__startswith=path)
    return condition


def admin_visible_pages_q(user) -> Q:
    """What a provider's user may see of the tree in the admin: their folders' subtrees and the way there."""
    condition = own_pages_q(user)
    ancestor_paths = {
        path[:end] for path in own_folder_paths(user) for end in range(Page.steplen, len(path), Page.steplen)
    }
    return condition | Q(path__in=ancestor_paths)


def can_see_page_in_admin(user, page_id: int) -> bool:
    if not is_scoped_provider_user(user):
        return True
    return Page.objects.filter(admin_visible_pages_q(user), pk=page_id).exists()


def choosable_pages_q(user) -> Q:
    """For links: every live page, and the user's own drafts."""
    return Q(live=True) | own_pages_q(user)


def can_choose_page(user, page_id: int) -> bool:
    if not is_scoped_provider_user(user):
        return True
    return Page.objects.filter(choosable_pages_q(user), pk=page_id).exists()
