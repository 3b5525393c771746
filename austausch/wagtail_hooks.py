"""The exchange format's pages in the admin menu: import for the service office, export for office and providers."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from . import views


class ImportMenuItem(MenuItem):
    def is_shown(self, request):
        return views.may_import(request.user)


class ExportMenuItem(MenuItem):
    def is_shown(self, request):
        return views.may_export(request.user)


@hooks.register("register_admin_urls")
def register_exchange_urls():
    return [
        path("austausch/import/", views.import_view, name="austausch_import"),
        path("austausch/export/", views.export_view, name="austausch_export"),
    ]


@hooks.register("register_admin_menu_item")
def register_import_menu_item():
    return ImportMenuItem(_("Daten importieren"), reverse("austausch_import"), icon_name="upload", order=270)


@hooks.register("register_admin_menu_item")
def register_export_menu_item():
    return ExportMenuItem(_("Daten exportieren"), reverse("austausch_export"), icon_name="download", order=271)
