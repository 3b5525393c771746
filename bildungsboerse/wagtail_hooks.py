from wagtail import hooks

from .models import OfferPage


@hooks.register("provider_offerings")
def current_offers(provider):
    """The provider's current offers on its public page (anbieter.services.offerings_of)."""
    offers = OfferPage.objects.visible().current().filter(anbieter=provider)
    # what the cards show, as in the listings: a constant number of queries however many offers there are
    offers = offers.for_cards()
    return "offers", offers.order_by("first_date", "title")
