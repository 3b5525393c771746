"""What a provider's user may put on a page or the profile: only media and pages they may choose.

Choosers only shape the UI: a form accepts any image id in a foreign key, any image in a StreamField
block and any document or page id in a rich-text link. Once a live page or an active provider's logo
refers to a file, the file is public (anbieter.api.published_media) — so another provider's private
upload must never get there. Forms check every reference Wagtail's reference index can see against
the user's choosable media and pages on save and on preview; what the object already referred to
before the edit (e.g. set by the service office) stays allowed.
"""

from django.contrib.contenttypes.models import ContentType
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page, ReferenceIndex
from wagtail.permissions import policy_registry

from . import scoping

FOREIGN_REFERENCE = _("Sie können nur eigene Bilder und Dokumente sowie veröffentlichte oder eigene Seiten auswählen.")


def choosable_media(model, user) -> QuerySet:
    """Images or documents (``model``) that ``user`` may choose: their collections' media."""
    policy = policy_registry.get_by_type(model)
    return policy.instances_user_has_any_permission_for(user, ["choose", "change"])


def references_of(instance) -> set[tuple[int, str, str]]:
    """(content type id, object id, model path) of every image, document and page ``instance`` refers to."""
    watched = _watched_content_types()
    return {
        (content_type_id, str(object_id), model_path)
        for content_type_id, object_id, model_path, _content_path in ReferenceIndex._extract_references_from_object(
            instance
        )
        if content_type_id in watched
    }


def foreign_reference_fields(instance, user, before: set) -> list[str]:
    """Model paths (``field.block...``) where ``instance`` refers to something ``user`` may not choose.

    ``before`` is ``references_of`` the object as it was when the edit began.
    """
    if not scoping.is_scoped_provider_user(user):
        return []
    kept = {(content_type_id, object_id) for content_type_id, object_id, _path in before}
    image_type, document_type, page_type = _watched_content_types()
    foreign = []
    for content_type_id, object_id, model_path in sorted(references_of(instance)):
        if (content_type_id, object_id) in kept:
            continue
        if not object_id.isdigit():
            foreign.append(model_path)
        elif content_type_id == page_type:
            if not scoping.can_choose_page(user, int(object_id)):
                foreign.append(model_path)
        else:
            model = get_image_model() if content_type_id == image_type else get_document_model()
            if not choosable_media(model, user).filter(pk=int(object_id)).exists():
                foreign.append(model_path)
    return foreign


def _watched_content_types() -> tuple[int, int, int]:
    # the reference index files images, documents and pages under their base content types
    return tuple(
        ContentType.objects.get_for_model(model).pk for model in (get_image_model(), get_document_model(), Page)
    )


class ChoosableReferencesFormMixin:
    """For admin model and page forms (they receive ``for_user``): refuse references the user may not choose."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # for pages the instance is the latest revision: what the editor started from
        self._references_before = references_of(self.instance) if self.instance.pk else set()

    def _post_clean(self):
        super()._post_clean()  # the instance now holds the posted values
        user = getattr(self, "for_user", None)
        if user is None:
            return
        for model_path in foreign_reference_fields(self.instance, user, self._references_before):
            # a foreign key shows its error at the field; inside a StreamField or rich text the error
            # goes to the top of the form, where Wagtail lists the form's own errors
            field = model_path if model_path in self.fields else None
            if field is None and FOREIGN_REFERENCE in self.non_field_errors():
                continue
            self.add_error(field, FOREIGN_REFERENCE)


class ProviderProfileForm(ChoosableReferencesFormMixin, WagtailAdminModelForm):
    """The provider profile's admin form: the logo only from the provider's own images."""
