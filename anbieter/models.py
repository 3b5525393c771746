"""The provider (Anbieter) profile and an organisation's request to become one."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.search import index


class AnbieterQuerySet(models.QuerySet):
    def active(self):
        """Providers whose account the service office has approved and not suspended."""
        return self.filter(is_active=True)

    def of_user(self, user):
        """The providers whose group ``user`` belongs to (usually one)."""
        if not user.is_authenticated:
            return self.none()
        return self.filter(group__user=user)


class Anbieter(index.Indexed, models.Model):
    """An organisation that publishes offers, events or articles on the portal."""

    class Kind(models.TextChoices):
        KOMMUNE = "kommune", _("Kommune / öffentliche Einrichtung")
        FREIER_TRAEGER = "freier_traeger", _("Freier Träger")
        PRIVAT = "privat", _("Privater Anbieter")
        VEREIN = "verein", _("Verein / Ehrenamt")
        BILDUNGSEINRICHTUNG = "bildung", _("Bildungseinrichtung")

    name = models.CharField(_("Name"), max_length=200, unique=True)
    slug = models.SlugField(_("Kurzname (Slug)"), max_length=200, unique=True)
    kind = models.CharField(_("Art des Trägers"), max_length=30, choices=Kind.choices)
    is_active = models.BooleanField(
        _("freigeschaltet"),
        default=True,
        help_text=_(
            "Nur Inhalte freigeschalteter Anbieter erscheinen auf der Website und in der Suche. Personen eines "
            "gesperrten Anbieters können sich nicht anmelden (außer sie gehören auch zu einem freigeschalteten)."
        ),
    )
    street = models.CharField(_("Straße und Hausnummer"), max_length=200, blank=True)
    postal_code = models.CharField(_("Postleitzahl"), max_length=5, blank=True)
    ort = models.ForeignKey(
        "taxonomy.Ort", verbose_name=_("Ort"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    contact_name = models.CharField(_("Ansprechperson"), max_length=200, blank=True)
    email = models.EmailField(_("E-Mail"), blank=True)
    phone = models.CharField(_("Telefon"), max_length=50, blank=True)
    website = models.URLField(_("Website"), blank=True)
    logo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("Logo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    description = RichTextField(_("Beschreibung"), blank=True, features=["bold", "italic", "link", "ol", "ul"])

    # --- account: set up when the service office approves the provider (anbieter.services) ---
    group = models.OneToOneField(
        "auth.Group",
        verbose_name=_("Benutzergruppe"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="anbieter",
        help_text=_("Alle Personen in dieser Gruppe bearbeiten die Inhalte des Anbieters."),
    )
    collection = models.OneToOneField(
        "wagtailcore.Collection",
        verbose_name=_("Sammlung für Bilder und Dokumente"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="anbieter",
    )

    objects = AnbieterQuerySet.as_manager()

    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.SearchField("description"),
        index.FilterField("is_active"),
    ]

    # Name, slug and activation are the service office's: only who may create providers sees them.
    panels = [
        MultiFieldPanel(
            [
                FieldPanel("name", permission="anbieter.add_anbieter"),
                FieldPanel("slug", permission="anbieter.add_anbieter"),
                FieldPanel("kind"),
                FieldPanel("is_active", permission="anbieter.add_anbieter"),
            ],
            heading=_("Anbieter"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("street"),
                FieldRowPanel([FieldPanel("postal_code"), FieldPanel("ort")]),
                FieldPanel("contact_name"),
                FieldRowPanel([FieldPanel("email"), FieldPanel("phone")]),
                FieldPanel("website"),
            ],
            heading=_("Adresse und Kontakt"),
        ),
        FieldPanel("logo"),
        FieldPanel("description"),
    ]

    class Meta:
        ordering = ["name"]
        verbose_name = _("Anbieter")
        verbose_name_plural = _("Anbieter")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("anbieter:detail", kwargs={"slug": self.slug})


class ProviderRequest(models.Model):
    """An organisation's request for a provider account; the service office approves or rejects it."""

    class Status(models.TextChoices):
        PENDING = "pending", _("offen")
        APPROVED = "approved", _("angenommen")
        REJECTED = "rejected", _("abgelehnt")

    # --- what the organisation sent ---
    organisation = models.CharField(_("Organisation"), max_length=140)
    kind = models.CharField(_("Art des Trägers"), max_length=30, choices=Anbieter.Kind.choices)
    contact_name = models.CharField(_("Ansprechperson"), max_length=200)
    email = models.EmailField(_("E-Mail"))
    description = models.TextField(_("Kurzbeschreibung"), max_length=1000)
    logo = models.ImageField(_("Logo"), upload_to="anbieter/anfragen/", blank=True)
    accepted_terms_at = models.DateTimeField(_("Nutzungsbedingungen akzeptiert am"))
    created_at = models.DateTimeField(_("eingegangen am"), auto_now_add=True)

    # --- the service office's decision ---
    status = models.CharField(_("Status"), max_length=20, choices=Status.choices, default=Status.PENDING, db_index=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("entschieden von"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("entschieden am"), null=True, blank=True)
    reason = models.TextField(
        _("Begründung"), blank=True, help_text=_("Wird der Organisation bei einer Ablehnung mitgeteilt.")
    )
    anbieter = models.ForeignKey(
        Anbieter,
        verbose_name=_("angelegter Anbieter"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="requests",
    )

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("Anfrage auf Zugang")
        verbose_name_plural = _("Anfragen auf Zugang")

    def __str__(self) -> str:
        return self.organisation

    @property
    def is_pending(self) -> bool:
        return self.status == self.Status.PENDING
