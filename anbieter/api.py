"""Images and documents in the public API: only what residents can already see on the site.

Wagtail's image and document endpoints list every file of every collection. A provider's
collection holds uploads for drafts, too; those stay out until a live page uses them (per
Wagtail's reference index) or, for images, until the file is an active provider's logo.
Media outside providers' collections (the service office's) are listed as before.

To take effect the endpoints are registered in cms/api.py instead of Wagtail's own ones.

The admin API (/admin/api/main/images|documents/) lists only what the user may choose, like the
choosers; its endpoints replace Wagtail's through the construct_admin_api hook (wagtail_hooks.py).
"""

from django.contrib.contenttypes.models import ContentType
from django.db.models import CharField, IntegerField, Q, QuerySet
from django.db.models.functions import Cast
from rest_framework.authentication import SessionAuthentication
from wagtail.documents.api.admin.views import DocumentsAdminAPIViewSet
from wagtail.documents.api.v2.views import DocumentsAPIViewSet
from wagtail.images import get_image_model
from wagtail.images.api.admin.views import ImagesAdminAPIViewSet
from wagtail.images.api.v2.views import ImagesAPIViewSet
from wagtail.models import Collection, Page, ReferenceIndex

from core.apiv2 import BoundedPagination, with_checked_search

from .media_scope import choosable_media
from .models import Anbieter


def provider_collection_ids() -> QuerySet:
    return Collection.objects.filter(anbieter__isnull=False).values("pk")


def used_by_live_pages(model) -> QuerySet:
    """Ids of ``model`` instances that a live, public page refers to."""
    live_pages = Page.objects.live().public().annotate(pk_text=Cast("pk", output_field=CharField())).values("pk_text")
    references = ReferenceIndex.objects.filter(
        base_content_type=ContentType.objects.get_for_model(Page),
        to_content_type=ContentType.objects.get_for_model(model),
        object_id__in=live_pages,
    )
    return references.annotate(target=Cast("to_object_id", output_field=IntegerField())).values("target")


def published_media(queryset: QuerySet) -> QuerySet:
    """``queryset`` of images or documents, narrowed to what the public site shows."""
    public = ~Q(collection__in=provider_collection_ids()) | Q(pk__in=used_by_live_pages(queryset.model))
    if queryset.model is get_image_model():
        public |= Q(pk__in=Anbieter.objects.active().filter(logo__isnull=False).values("logo"))
    return queryset.filter(public)


def is_published(instance) -> bool:
    """Whether residents can already see ``instance`` (an image or document) on the site."""
    return published_media(type(instance).objects.filter(pk=instance.pk)).exists()


class PublishedImagesAPIViewSet(ImagesAPIViewSet):
    pagination_class = BoundedPagination
    filter_backends = with_checked_search(ImagesAPIViewSet.filter_backends)

    def get_queryset(self):
        return published_media(super().get_queryset())


class PublishedDocumentsAPIViewSet(DocumentsAPIViewSet):
    pagination_class = BoundedPagination
    filter_backends = with_checked_search(DocumentsAPIViewSet.filter_backends)

    def get_queryset(self):
        return published_media(super().get_queryset())


class ChoosableImagesAdminAPIViewSet(ImagesAdminAPIViewSet):
    pagination_class = BoundedPagination
    filter_backends = with_checked_search(ImagesAdminAPIViewSet.filter_backends)
    # Wagtail's media admin endpoints have no authentication of their own (the site-wide default is none)
    authentication_classes = [SessionAuthentication]

    def get_queryset(self):
        return super().get_queryset().filter(pk__in=choosable_media(self.model, self.request.user).values("pk"))


class ChoosableDocumentsAdminAPIViewSet(DocumentsAdminAPIViewSet):
    pagination_class = BoundedPagination
    filter_backends = with_checked_search(DocumentsAdminAPIViewSet.filter_backends)
    authentication_classes = [SessionAuthentication]

    def get_queryset(self):
        return super().get_queryset().filter(pk__in=choosable_media(self.model, self.request.user).values("pk"))
