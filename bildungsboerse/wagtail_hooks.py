from wagtail import hooks

from .models import OfferPage


@hooks.register("provider_offerings")
def current_offers(provider):
    """The provider's current offers on its public page (anbieter.services.offerings_of)."""
    offers = OfferPage.objects.visible().current().filter(anbieter=provider)
    return "offers", offers.select_related("ort").order_by("first_date", "title")
