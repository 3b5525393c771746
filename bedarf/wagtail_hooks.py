"""The demand report in the admin menu, for the service office and (scoped) for providers."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from . import views


class ReportMenuItem(MenuItem):
    def is_shown(self, request):
        return views.may_see_report(request.user)


@hooks.register("register_admin_urls")
def register_report_url():
    return [path("bedarf/bericht/", views.report_view, name="bedarf_report")]


@hooks.register("register_admin_menu_item")
def register_report_menu_item():
    return ReportMenuItem(_("Bedarf"), reverse("bedarf_report"), icon_name="doc-full", order=260)
