"""Providers in the admin menu, for the service office."""

from wagtail_modeladmin.options import ModelAdmin, modeladmin_register

from .models import Anbieter


@modeladmin_register
class AnbieterAdmin(ModelAdmin):
    model = Anbieter
    menu_icon = "group"
    menu_order = 250
    list_display = ("name", "kind", "ort", "is_active")
    list_filter = ("kind", "is_active", "ort")
    search_fields = ("name", "email", "contact_name")
    list_export = ("name", "slug", "kind", "is_active", "street", "postal_code", "ort", "email", "phone", "website")
