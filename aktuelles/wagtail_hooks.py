from wagtail import hooks

from .models import ArticlePage


@hooks.register("provider_offerings")
def newest_articles(provider):
    """The provider's ten newest articles on its public page (anbieter.services.offerings_of)."""
    articles = ArticlePage.objects.visible().filter(anbieter=provider).select_related("bereich", "image")
    return "articles", articles.prefetch_related("image__renditions").order_by("-date")[:10]
