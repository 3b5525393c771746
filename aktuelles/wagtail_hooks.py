from wagtail import hooks

from .models import ArticlePage


@hooks.register("provider_offerings")
def newest_articles(provider):
    """The provider's ten newest articles on its public page (anbieter.services.offerings_of)."""
    return "articles", ArticlePage.objects.visible().filter(anbieter=provider).order_by("-date")[:10]
