"""wagtail-modeladmin for objects that belong to a provider: the service office sees all, a provider its own.

Builds on core/modeladmin.py's checked views; the scope itself is anbieter/scoping.py's.
"""

from functools import partial

from wagtail_modeladmin.helpers import PermissionHelper

from core.modeladmin import CheckedModelAdmin

from . import scoping


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
