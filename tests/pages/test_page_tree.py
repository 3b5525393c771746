"""Editors can only create pages where they belong."""

import pytest
from wagtail.models import Page

from aktuelles.models import AktuellesIndexPage, ArticlePage, ProviderArticleFolderPage
from bildungsboerse.models import BildungsboerseIndexPage, OfferPage, ProviderOfferFolderPage
from home.models import HomePage, StandardPage
from kalender.models import EventPage, KalenderIndexPage, ProviderEventFolderPage

ALLOWED_CHILDREN = {
    HomePage: {BildungsboerseIndexPage, KalenderIndexPage, AktuellesIndexPage, StandardPage},
    BildungsboerseIndexPage: {OfferPage},
    KalenderIndexPage: {EventPage},
    AktuellesIndexPage: {ArticlePage},
    StandardPage: {StandardPage},
    # providers' folders are made by approving a provider, never by hand
    ProviderOfferFolderPage: {OfferPage},
    ProviderEventFolderPage: {EventPage},
    ProviderArticleFolderPage: {ArticlePage},
    OfferPage: set(),
    EventPage: set(),
    ArticlePage: set(),
}


@pytest.mark.parametrize("parent_model", list(ALLOWED_CHILDREN), ids=lambda m: m.__name__)
def test_each_page_type_allows_exactly_its_children(parent_model):
    assert set(parent_model.creatable_subpage_models()) == ALLOWED_CHILDREN[parent_model]


@pytest.mark.parametrize(
    "model, parents",
    [
        (OfferPage, {BildungsboerseIndexPage, ProviderOfferFolderPage}),
        (EventPage, {KalenderIndexPage, ProviderEventFolderPage}),
        (ArticlePage, {AktuellesIndexPage, ProviderArticleFolderPage}),
        (ProviderOfferFolderPage, {BildungsboerseIndexPage}),
        (ProviderEventFolderPage, {KalenderIndexPage}),
        (ProviderArticleFolderPage, {AktuellesIndexPage}),
        (BildungsboerseIndexPage, {HomePage}),
        (StandardPage, {HomePage, StandardPage}),
    ],
    ids=lambda v: getattr(v, "__name__", ""),
)
def test_each_page_type_lives_only_under_its_parents(model, parents):
    assert set(model.allowed_parent_page_models()) == parents


def test_singletons_cannot_be_created_twice(portal):
    for model in (HomePage, BildungsboerseIndexPage, KalenderIndexPage, AktuellesIndexPage):
        assert not model.can_create_at(portal), model
    assert not ProviderOfferFolderPage.can_create_at(BildungsboerseIndexPage.objects.get())
    assert not HomePage.can_create_at(Page.get_first_root_node())
    assert StandardPage.can_create_at(portal)


def test_offer_cannot_be_created_in_the_calendar(portal):
    kalender = KalenderIndexPage.objects.get()
    assert not OfferPage.can_create_at(kalender)
    assert EventPage.can_create_at(kalender)
