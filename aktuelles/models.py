"""Aktuelles: news articles and providers' own contributions."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.models import Page
from wagtail.search import index

from anbieter.folders import ProviderFolderPage
from anbieter.page_forms import ClassifiedPageForm
from core.listing import FilteredListingMixin
from core.models import ClassifiedPage, SectionIndexPage


class AktuellesIndexPage(FilteredListingMixin, SectionIndexPage):
    """Aktuelles: the newest articles first."""

    # --- tree rules (the rest: SectionIndexPage) ---
    subpage_types = ["aktuelles.ArticlePage", "aktuelles.ProviderArticleFolderPage"]

    class Meta:
        verbose_name = _("Aktuelles (Übersicht)")

    @property
    def listing_model(self):
        return ArticlePage

    def get_listing_queryset(self):
        return super().get_listing_queryset().order_by("-date", "-pk")


class ProviderArticleFolderPage(ProviderFolderPage):
    """One provider's articles; the provider's group adds and edits articles here."""

    # --- tree rules ---
    is_creatable = False  # made when a provider is approved (anbieter.services)
    parent_page_types = ["aktuelles.AktuellesIndexPage"]
    subpage_types = ["aktuelles.ArticlePage"]

    class Meta:
        verbose_name = _("Beiträge eines Anbieters")
        verbose_name_plural = _("Beiträge der Anbieter")


class ArticlePage(ClassifiedPage):
    """An article: news of the service office or a provider's own contribution."""

    # --- tree rules ---
    parent_page_types = ["aktuelles.AktuellesIndexPage", "aktuelles.ProviderArticleFolderPage"]
    subpage_types = []

    # --- fields ---
    date = models.DateField(_("Datum"), default=timezone.localdate, db_index=True)
    author = models.CharField(
        _("Autor/in"), max_length=200, blank=True, help_text=_("Leer lassen, wenn der Anbieter als Verfasser genügt.")
    )

    # --- search ---
    search_fields = ClassifiedPage.search_fields + [index.SearchField("author"), index.FilterField("date")]

    # --- panels ---
    base_form_class = ClassifiedPageForm
    content_panels = Page.content_panels + [
        FieldPanel("date"),
        FieldPanel("author"),
        FieldPanel("teaser"),
        FieldPanel("image"),
        FieldPanel("body"),
        MultiFieldPanel(ClassifiedPage.classification_panels, heading=_("Einordnung")),
    ]

    # --- API ---
    api_fields = ClassifiedPage.api_fields + [APIField("date"), APIField("author")]
    card_fields = (*ClassifiedPage.card_fields, "date")  # portal_tags.when

    class Meta:
        verbose_name = _("Beitrag")
        verbose_name_plural = _("Beiträge")
