"""Page view restrictions read once per request.

Wagtail reads them anew wherever it needs them: two queries to check the page a request is routed to (its
ancestors' aliases, then their restrictions) and one for every ``public()`` listing (the header's navigation, each
teaser list of the home page, each section listing) — up to six identical queries for one home page. Here a
request reads every restricted section once (path and depth: a portal has a handful at most, usually none), and
``public()`` and the serve check use that list.

The list lives only while a request is handled (``request_started`` to ``request_finished``) and is dropped
whenever a restriction is saved or deleted; outside a request (commands, the shell, tests that query directly)
every call reads the database as Wagtail does.
"""

from django.db.models import Q
from django.db.models.signals import post_delete, post_save
from wagtail.models import PageViewRestriction
from wagtail.query import PageQuerySet

from .request_memo import RequestMemo

_sections = RequestMemo("restricted_sections")


def restricted_sections() -> list[tuple[str, int]] | None:
    """(path, depth) of every page with a view restriction, read once per request; None outside a request."""
    if not _sections.active:
        return None
    return _sections.get(lambda: list(PageViewRestriction.objects.values_list("page__path", "page__depth").distinct()))


def private_q(sections: list[tuple[str, int]]) -> Q:
    """Wagtail's ``PageQuerySet.private_q`` from the sections' paths: each restricted page and its descendants."""
    q = Q()
    for path, depth in sections:
        q |= Q(path__startswith=path, depth__gte=depth)
    return q if q else Q(pk__in=[])


def exclude_restricted(queryset):
    """``queryset.public()`` with the request's sections: nothing to exclude (the usual case) costs no query."""
    sections = restricted_sections()
    if sections is None:
        return PageQuerySet.public(queryset)  # Wagtail's own, outside a request
    return queryset.exclude(private_q(sections)) if sections else queryset


class ViewRestrictionsOnceMixin:
    """For page types: the serve check (Wagtail's ``check_view_restrictions`` hook) asks the database only when
    some page of the site is restricted at all; otherwise the request's list already says there is none."""

    def get_view_restrictions(self):
        if restricted_sections() == []:
            return PageViewRestriction.objects.none()
        return super().get_view_restrictions()


def _forget(**kwargs) -> None:
    _sections.forget()


def connect() -> None:
    _sections.connect()
    post_save.connect(_forget, sender=PageViewRestriction, dispatch_uid="core-restrictions-saved")
    post_delete.connect(_forget, sender=PageViewRestriction, dispatch_uid="core-restrictions-deleted")
