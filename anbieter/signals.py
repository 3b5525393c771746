"""Keep provider data consistent whichever way it is saved (admin, shell, demo loader)."""

from django.db.models.signals import post_save, pre_save

from anbieter.folders import folder_provider_id
from core.models import classified_page_models

from .models import Anbieter
from .services import sync_folder_visibility


def attribute_page_to_folder_provider(sender, instance, **kwargs):
    """A page inside a provider's folder always belongs to that provider."""
    update_fields = kwargs.get("update_fields")
    if not instance.path or (update_fields is not None and "anbieter" not in update_fields):
        return  # a partial save (e.g. Wagtail's save_revision) would not store the attribution anyway
    provider_id = folder_provider_id(instance)
    if provider_id is not None:
        instance.anbieter_id = provider_id


def follow_provider_activation(sender, instance, **kwargs):
    if not kwargs.get("raw"):
        sync_folder_visibility(instance)


def connect() -> None:
    post_save.connect(follow_provider_activation, sender=Anbieter, dispatch_uid="anbieter-folder-visibility")
    for model in classified_page_models():
        pre_save.connect(
            attribute_page_to_folder_provider, sender=model, dispatch_uid=f"anbieter-attribution-{model.__name__}"
        )
