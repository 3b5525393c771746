"""The taxonomies in the admin menu, for the service office."""

from django.utils.translation import gettext_lazy as _
from wagtail_modeladmin.options import ModelAdminGroup, modeladmin_register

from core.modeladmin import CheckedModelAdmin

from .models import Barrierefreiheit, Bereich, Lebenslage, Ort, Zielgruppe


class TermAdmin(CheckedModelAdmin):
    list_display = ("name", "slug", "sort_order")
    search_fields = ("name", "slug")
    list_export = ("name", "slug", "description", "sort_order")
    ordering = ("sort_order", "name")


def term_admin(term_model, icon: str) -> type[CheckedModelAdmin]:
    # modeladmin's default label title-cases the plural ("Merkmale Der Barrierefreiheit"): keep it as written
    return type(
        f"{term_model.__name__}Admin",
        (TermAdmin,),
        {"model": term_model, "menu_icon": icon, "menu_label": term_model._meta.verbose_name_plural},
    )


class OrtAdmin(CheckedModelAdmin):
    model = Ort
    menu_label = Ort._meta.verbose_name_plural
    menu_icon = "site"
    list_display = ("name", "kind", "amt", "postal_code", "latitude", "longitude")
    list_filter = ("kind", "amt")
    search_fields = ("name", "amt", "postal_code")
    list_export = ("name", "slug", "kind", "amt", "postal_code", "latitude", "longitude")


@modeladmin_register
class TaxonomyGroup(ModelAdminGroup):
    menu_label = _("Taxonomien")
    menu_icon = "tag"
    menu_order = 300
    items = (
        term_admin(Bereich, "folder-open-1"),
        term_admin(Lebenslage, "user"),
        term_admin(Zielgruppe, "group"),
        OrtAdmin,
        term_admin(Barrierefreiheit, "pick"),
    )
