from wagtail import hooks

from .models import ArticlePage


@hooks.register("provider_offerings")
def newest_articles(provider):
    """The provider's newest articles on its public page (anbieter.services.offerings_of shows the first ones)."""
    # what the cards show, as in the listings: a constant number of queries however many articles there are
    articles = ArticlePage.objects.visible().filter(anbieter=provider).for_cards()
    return "articles", articles.order_by("-date")
