"""The site root and the standard pages."""

from types import SimpleNamespace

from django.db import models
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.api import APIField
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from anmeldung.services import seat_badges
from core.blocks import BodyBlock
from core.filters import term_lists
from core.restrictions import ViewRestrictionsOnceMixin
from core.routing import DirectRoutingMixin
from taxonomy.models import Lebenslage, Zielgruppe


class HomePage(ViewRestrictionsOnceMixin, DirectRoutingMixin, Page):
    """The site root: entry points by Lebenslage and Zielgruppe, what's next and what's new; routes every
    address below it in two queries (core.routing)."""

    # --- tree rules ---
    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "bildungsboerse.BildungsboerseIndexPage",
        "kalender.KalenderIndexPage",
        "aktuelles.AktuellesIndexPage",
        "home.StandardPage",
    ]
    max_count = 1

    # --- fields ---
    intro = RichTextField(_("Einleitung"), blank=True, features=["bold", "italic", "link"])
    upcoming_count = models.PositiveSmallIntegerField(_("Anzahl nächster Veranstaltungen"), default=4)
    newest_count = models.PositiveSmallIntegerField(_("Anzahl neuer Angebote und Beiträge"), default=4)

    # --- panels ---
    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        FieldPanel("upcoming_count"),
        FieldPanel("newest_count"),
    ]

    # --- API ---
    api_fields = [APIField("intro")]

    class Meta:
        verbose_name = _("Startseite")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # Lazy: the template's cached fragment asks for them only when it is rendered anew.
        entry_points = SimpleLazyObject(self.entry_points)
        context["lebenslagen"] = SimpleLazyObject(lambda: entry_points["lebenslagen"])
        context["zielgruppen"] = SimpleLazyObject(lambda: entry_points["zielgruppen"])
        context["upcoming_events"] = SimpleLazyObject(self.upcoming_events)
        context["newest_offers"] = SimpleLazyObject(self.newest_offers)
        context["newest_articles"] = SimpleLazyObject(self.newest_articles)
        # the seat badges of both teaser lists in one query (mark_seat_badges ... counted=seat_badges)
        context["seat_badges"] = SimpleLazyObject(
            lambda: seat_badges([*context["upcoming_events"], *context["newest_offers"]])
        )
        return context

    @staticmethod
    def entry_points() -> dict[str, list[SimpleNamespace]]:
        """Lebenslagen and Zielgruppen (slug, name) in their order, in one query (core.filters.term_lists)."""
        lists = term_lists(
            "home-entry-points",
            lambda: {"lebenslagen": Lebenslage.objects.all(), "zielgruppen": Zielgruppe.objects.all()},
        )
        return {
            name: [SimpleNamespace(slug=slug, name=label) for slug, label in terms] for name, terms in lists.items()
        }

    def upcoming_events(self) -> list:
        from kalender.models import EventPage

        return list(EventPage.objects.visible().upcoming().for_cards().order_by("start")[: self.upcoming_count])

    def newest_offers(self) -> list:
        from bildungsboerse.models import OfferPage

        return list(
            OfferPage.objects.visible().current().for_cards().order_by("-first_published_at")[: self.newest_count]
        )

    def newest_articles(self) -> list:
        from aktuelles.models import ArticlePage

        return list(ArticlePage.objects.visible().for_cards().order_by("-date", "-pk")[: self.newest_count])


class StandardPage(ViewRestrictionsOnceMixin, Page):
    """A plain content page: Über das Projekt, Kontakt, Impressum, Datenschutz, Barrierefreiheit."""

    # --- tree rules ---
    parent_page_types = ["home.HomePage", "home.StandardPage"]
    subpage_types = ["home.StandardPage"]

    # --- fields ---
    intro = models.TextField(_("Einleitung"), blank=True, max_length=500)
    body = StreamField(BodyBlock(), verbose_name=_("Inhalt"), blank=True)

    # --- search ---
    search_fields = Page.search_fields + [index.SearchField("intro"), index.SearchField("body")]

    # --- panels ---
    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("body")]

    # --- API ---
    api_fields = [APIField("intro"), APIField("body")]

    class Meta:
        verbose_name = _("Inhaltsseite")
        verbose_name_plural = _("Inhaltsseiten")


@register_setting(icon="group")
class ServiceOffice(BaseSiteSetting):
    """How residents reach the Servicebüro: shown in every page's footer; the office edits it under Einstellungen."""

    name = models.CharField(_("Name"), max_length=200, default="Koordinierungs- und Servicebüro 3L")
    address = models.CharField(
        _("Anschrift"), max_length=300, default="Landkreis Elbe-Elster, Ludwig-Jahn-Straße 2, 04916 Herzberg (Elster)"
    )
    phone = models.CharField(_("Telefon"), max_length=50, default="03535 46-0")
    email = models.EmailField(_("E-Mail"), default="servicebuero@3l-elbe-elster.de")
    opening_hours = models.TextField(
        _("Sprechzeiten"),
        default="Mo–Do 9–12 Uhr und 13–15 Uhr\nFr 9–12 Uhr",
        help_text=_("Eine Zeile je Zeitraum, z. B. „Mo–Do 9–12 Uhr“."),
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("address"),
        FieldPanel("phone"),
        FieldPanel("email"),
        FieldPanel("opening_hours"),
    ]

    class Meta:
        verbose_name = _("Servicebüro")

    @property
    def phone_link(self) -> str:
        return "tel:" + "".join(ch for ch in self.phone if ch.isdigit() or ch == "+")

    @property
    def opening_hours_lines(self) -> list[str]:
        return [line.strip() for line in self.opening_hours.splitlines() if line.strip()]
