"""wagtail-modeladmin with permission checks on every view, and per-provider scoping.

modeladmin trusts the list's queryset to hide objects, but its inspect, edit, delete and history
views load any object by the id in the URL (wagtail/wagtail#5727), and the history view checks no
permission at all. The classes here check the object itself on every one of those views.
"""

from functools import partial

from django.contrib.admin.utils import label_for_field
from django.core.exceptions import FieldDoesNotExist
from django.utils.encoding import force_str
from django.utils.text import capfirst
from wagtail_modeladmin.helpers import PermissionHelper
from wagtail_modeladmin.options import ModelAdmin
from wagtail_modeladmin.views import HistoryView, IndexView

from anbieter import scoping


class PermissionCheckedHistoryView(HistoryView):
    """The history of an object, only for who may inspect or edit that object."""

    def check_action_permitted(self, user):
        helper = self.permission_helper
        return helper.user_can_inspect_obj(user, self.instance) or helper.user_can_edit_obj(user, self.instance)


class ExportingIndexView(IndexView):
    """CSV/XLSX exports headed by the fields' German names as written (modeladmin title-cases them),
    with choices by their labels rather than their stored values."""

    def get_heading(self, queryset, field):
        if field in self.export_headings:
            return force_str(self.export_headings[field])
        return capfirst(force_str(label_for_field(field, model=self.model, model_admin=self.model_admin)))

    def to_row_dict(self, item):
        row = super().to_row_dict(item)
        for name in row:
            try:
                model_field = self.model._meta.get_field(name)
            except FieldDoesNotExist:
                continue
            if model_field.choices:
                row[name] = getattr(item, f"get_{name}_display")()
        return row


class CheckedModelAdmin(ModelAdmin):
    """A ModelAdmin whose history view checks permissions like its other views, with readable exports."""

    history_view_class = PermissionCheckedHistoryView
    index_view_class = ExportingIndexView


class ProviderScopedPermissionHelper(PermissionHelper):
    """Model permissions as usual, and for a provider's users: only their own provider's objects."""

    def __init__(self, model, inspect_view_enabled=False, provider_lookup="anbieter"):
        super().__init__(model, inspect_view_enabled)
        self.provider_lookup = provider_lookup

    def user_owns(self, user, obj) -> bool:
        if scoping.sees_all_providers(user):
            return True
        scoped = scoping.scope_queryset(self.model._default_manager.filter(pk=obj.pk), user, self.provider_lookup)
        return scoped.exists()

    def user_can_inspect_obj(self, user, obj):
        return super().user_can_inspect_obj(user, obj) and self.user_owns(user, obj)

    def user_can_edit_obj(self, user, obj):
        return super().user_can_edit_obj(user, obj) and self.user_owns(user, obj)

    def user_can_delete_obj(self, user, obj):
        return super().user_can_delete_obj(user, obj) and self.user_owns(user, obj)


class ProviderScopedModelAdmin(CheckedModelAdmin):
    """Objects that belong to a provider: the service office sees all, a provider only its own.

    ``provider_lookup`` leads from the model to its Anbieter ("anbieter" for a foreign key,
    "pk" for the Anbieter model itself). The list and its CSV/XLSX export use the scoped
    queryset; inspect, edit, delete and history check the object.
    """

    provider_lookup = "anbieter"
    permission_helper_class = ProviderScopedPermissionHelper

    def get_permission_helper_class(self):
        return partial(self.permission_helper_class, provider_lookup=self.provider_lookup)

    def get_queryset(self, request):
        return scoping.scope_queryset(super().get_queryset(request), request.user, self.provider_lookup)
