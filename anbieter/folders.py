"""A provider's own place in a section of the page tree (offers, events or articles).

Approving a provider creates one folder per section; the provider's group may add and edit
pages only inside its folders, and its pages there are attributed to it.
"""

from django.apps import apps
from django.db import models
from django.db.models.functions import Coalesce
from django.shortcuts import redirect
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page, PagePermissionTester


class ProviderFolderPermissionTester(PagePermissionTester):
    """Providers add pages inside their folder but may not rename, move or delete the folder itself."""

    def _is_structure_editor(self) -> bool:
        # whoever may publish here (the service office, administrators) keeps full control
        return self.user.is_superuser or "publish" in self.permissions

    def can_edit(self):
        return self._is_structure_editor() and super().can_edit()

    def can_delete(self, ignore_bulk=False):
        return self._is_structure_editor() and super().can_delete(ignore_bulk=ignore_bulk)

    def can_copy(self):
        return False


class ProviderFolderPage(Page):
    """A provider's folder: holds its pages of one kind; the folder itself only redirects."""

    # Concrete folders set ``is_creatable = False`` themselves (Wagtail resets it for each subclass):
    # they are made by approving a provider (anbieter.services), never by hand.

    # --- fields ---
    anbieter = models.OneToOneField(
        "anbieter.Anbieter",
        verbose_name=_("Anbieter"),
        on_delete=models.PROTECT,
        related_name="%(app_label)s_folder",
    )

    # --- search ---
    # Not a result for residents: the folder has no content of its own.
    search_fields = []

    # --- panels ---
    # Only the title is editable (by the service office): the slug is the provider's.
    promote_panels = []

    # --- API ---
    api_fields = []

    class Meta:
        abstract = True

    def permissions_for_user(self, user):
        return ProviderFolderPermissionTester(user, self)

    def serve(self, request, *args, **kwargs):
        # The provider's public page lists its offers, events and articles together.
        return redirect(self.anbieter.get_absolute_url())

    def get_sitemap_urls(self, request=None):
        return []


def provider_folder_models() -> list[type[ProviderFolderPage]]:
    """The concrete folder types: one per section (offers, events, articles)."""
    return [model for model in apps.get_models() if issubclass(model, ProviderFolderPage)]


def folder_provider_id(page) -> int | None:
    """The provider whose folder ``page`` is or sits in; None outside providers' folders.

    Asked on every save of an offer, event or article (anbieter.signals): one query over the page's ancestors,
    joined to the folder tables, instead of one for the folder's page and a second for the folder itself."""
    if page is None or not page.path:
        return None
    paths = [page.path[:end] for end in range(page.steplen, len(page.path) + 1, page.steplen)]
    providers = Coalesce(*(f"{model._meta.model_name}__anbieter" for model in provider_folder_models()))
    return (
        Page.objects.filter(path__in=paths)
        .annotate(provider=providers)
        .filter(provider__isnull=False)
        .values_list("provider", flat=True)
        .first()
    )
