"""What a provider currently offers, for its public page."""

from .models import Anbieter


def offerings_of(provider: Anbieter) -> dict:
    """The provider's current offers, upcoming events and newest articles, visible to residents."""
    from aktuelles.models import ArticlePage
    from bildungsboerse.models import OfferPage
    from kalender.models import EventPage

    return {
        "offers": OfferPage.objects.visible().current().filter(anbieter=provider).select_related("ort").order_by("first_date", "title"),
        "events": EventPage.objects.visible().upcoming().filter(anbieter=provider).select_related("ort").order_by("start"),
        "articles": ArticlePage.objects.visible().filter(anbieter=provider).order_by("-date")[:10],
    }
