"""The admin form of offers, events and articles: their provider follows from the folder they sit in."""

from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm

from core.text import german_slugify

from .folders import folder_provider_id
from .media_scope import ChoosableReferencesFormMixin


class ClassifiedPageForm(ChoosableReferencesFormMixin, WagtailAdminPageForm):
    """Inside a provider's folder the page belongs to that provider: shown, but not changeable.

    Images, documents and linked pages only from what the editor may choose (anbieter.media_scope)."""

    def __init__(self, *args, parent_page=None, **kwargs):
        super().__init__(*args, parent_page=parent_page, **kwargs)
        provider_id = folder_provider_id(parent_page)
        if provider_id is not None and "anbieter" in self.fields:
            # a disabled field ignores whatever is posted and keeps its initial value
            self.fields["anbieter"].disabled = True
            self.fields["anbieter"].help_text = _("Ergibt sich aus dem Bereich des Anbieters, in dem die Seite liegt.")
            self.initial["anbieter"] = provider_id

    def clean_slug(self):
        """A slug the admin derived from the title drops umlauts ("erzahlcafe"): spell them out instead
        ("erzaehlcafe"), as the demo content does. A slug typed by hand is left as it is."""
        slug = self.cleaned_data.get("slug", "")
        title = self.data.get("title", "")
        if title and (not slug or slug == slugify(title)) and german_slugify(title) != slug:
            return german_slugify(title)[: self.fields["slug"].max_length or 255]
        return slug
