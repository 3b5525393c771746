"""Narrow the user filters of Wagtail's page listings for providers' users.

The explorer's and the admin search's "Owner" and "Edited by" filters offer every user who owns
or edited any page anywhere (wagtail.admin.views.pages.listing.PageFilterSet), so a provider's
users would see the names of other providers' people. Wagtail has no hook for these choices;
this wraps their querysets once at start-up. tests/anbieter/test_permission_matrix.py checks it.
"""

from wagtail.admin.views.pages.listing import PageFilterSet

from . import scoping

USER_FILTERS = ("owner", "edited_by")


def colleagues_only(users, request):
    """For a provider's user: only the people of their own provider(s)."""
    if request is not None and scoping.is_scoped_provider_user(request.user):
        return users.filter(groups__anbieter__in=scoping.provider_ids_of(request.user)).distinct()
    return users


def scope_page_listing_user_filters() -> None:
    for name in USER_FILTERS:
        page_filter = PageFilterSet.declared_filters[name]
        if getattr(page_filter, "_scoped_to_colleagues", False):
            continue
        original = page_filter.queryset
        page_filter.queryset = lambda request, original=original: colleagues_only(original(request), request)
        page_filter._scoped_to_colleagues = True
