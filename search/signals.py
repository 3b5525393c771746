"""Publishing, unpublishing, moving, deleting and taxonomy changes reach the search."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.models import Page, PageViewRestriction
from wagtail.signals import page_published, page_unpublished, post_page_move

from anbieter.models import Anbieter
from caching.pages import page_served_from_cache
from core.models import classified_page_models
from taxonomy.models import Barrierefreiheit, Bereich, Lebenslage, Ort, Zielgruppe

from .indexing import pages_using, remove_pages, update_pages, update_subtree
from .params import forget_known_slugs, terms_stamp
from .service import log_cached_search
from .synonyms import request_synonyms

TERM_FIELDS = {
    Bereich: "bereich",
    Lebenslage: "lebenslagen",
    Zielgruppe: "zielgruppen",
    Ort: "ort",
    Barrierefreiheit: "barrierefreiheit",
    Anbieter: "anbieter",
}


@receiver(page_published)
@receiver(page_unpublished)
def page_visibility_changed(sender, instance, **kwargs):
    update_subtree(instance)


@receiver(post_page_move)
def page_moved(sender, instance, **kwargs):
    update_subtree(instance)


def page_deleted(sender, instance, **kwargs):
    remove_pages([instance.pk])


def term_changed(sender, instance, created=False, **kwargs):
    forget_known_slugs()
    if not created:  # a new term is on no page yet
        update_pages(pages_using(TERM_FIELDS[sender], instance))


def term_deleted(sender, instance, **kwargs):
    forget_known_slugs()


def restriction_changed(sender, instance, **kwargs):
    page = Page.objects.filter(pk=instance.page_id).first()  # gone when the page itself is deleted
    if page is not None:
        update_subtree(page)


def connect() -> None:
    terms_stamp.connect()
    request_synonyms.connect()
    page_served_from_cache.connect(log_cached_search, dispatch_uid="search-log-cached-page")
    for model in classified_page_models():
        post_delete.connect(page_deleted, sender=model, dispatch_uid=f"search-delete-{model.__name__}")
    for model in TERM_FIELDS:
        post_save.connect(term_changed, sender=model, dispatch_uid=f"search-term-{model.__name__}")
        post_delete.connect(term_deleted, sender=model, dispatch_uid=f"search-term-delete-{model.__name__}")
    from .models import SearchSynonym
    from .synonyms import forget_synonyms

    post_save.connect(forget_synonyms, sender=SearchSynonym, dispatch_uid="search-synonym-save")
    post_delete.connect(forget_synonyms, sender=SearchSynonym, dispatch_uid="search-synonym-delete")
    post_save.connect(restriction_changed, sender=PageViewRestriction, dispatch_uid="search-restriction-save")
    post_delete.connect(restriction_changed, sender=PageViewRestriction, dispatch_uid="search-restriction-delete")
