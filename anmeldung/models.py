"""What residents register for (a slot: an offer, one fixed date of an offer, or an event) and who registered."""

from django.conf import settings
from django.db import models
from django.db.models import Q, Sum
from django.utils.translation import gettext_lazy as _


class Slot(models.Model):
    """One thing with seats: a whole offer, one of its fixed dates, or an event.

    Its row is the lock that serialises registrations (``select_for_update``), so that seats are
    never given twice. The seats themselves come from the page (``capacity``), as editors set them.
    """

    class Kind(models.TextChoices):
        OFFER = "angebot", _("Angebot (alle Termine)")
        DATE = "termin", _("Termin eines Angebots")
        EVENT = "veranstaltung", _("Veranstaltung")

    class Status(models.TextChoices):
        OPEN = "offen", _("Anmeldung offen")
        TAKES_PLACE = "findet_statt", _("Findet statt")
        CANCELLED = "abgesagt", _("Abgesagt")

    page = models.ForeignKey(
        "wagtailcore.Page", verbose_name=_("Seite"), on_delete=models.CASCADE, related_name="registration_slots"
    )
    # a removed date keeps its slot (and the people registered for it): SET_NULL, never CASCADE
    offer_date = models.ForeignKey(
        "bildungsboerse.OfferDate",
        verbose_name=_("Termin"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="registration_slots",
    )
    kind = models.CharField(_("Art"), max_length=20, choices=Kind.choices)
    anbieter = models.ForeignKey(
        "anbieter.Anbieter",
        verbose_name=_("Anbieter"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    title = models.CharField(_("Titel"), max_length=255)
    ort = models.ForeignKey(
        "taxonomy.Ort", verbose_name=_("Ort"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    starts_at = models.DateTimeField(_("Beginn"), null=True, blank=True)
    ends_at = models.DateTimeField(_("Ende"), null=True, blank=True, db_index=True)
    status = models.CharField(_("Durchführung"), max_length=20, choices=Status.choices, default=Status.OPEN)
    decided_at = models.DateTimeField(_("entschieden am"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("entschieden von"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        ordering = ["starts_at", "pk"]
        verbose_name = _("Termin mit Anmeldung")
        verbose_name_plural = _("Termine mit Anmeldung")
        constraints = [
            models.UniqueConstraint(fields=["page"], condition=~Q(kind="termin"), name="one_slot_per_offer_or_event"),
            models.UniqueConstraint(fields=["offer_date"], name="one_slot_per_offer_date"),
        ]

    def __str__(self) -> str:
        if self.kind == self.Kind.DATE and self.starts_at:
            from django.utils import formats, timezone

            return f"{self.title} – {formats.date_format(timezone.localtime(self.starts_at), 'SHORT_DATETIME_FORMAT')}"
        return self.title

    @property
    def specific_page(self):
        return self.page.specific

    @property
    def capacity(self) -> int:
        return self.specific_page.capacity or 0

    @property
    def min_participants(self) -> int | None:
        return self.specific_page.min_participants

    def people(self, status: str) -> int:
        return self.registrations.filter(status=status).aggregate(n=Sum("people"))["n"] or 0

    @property
    def confirmed_people(self) -> int:
        if hasattr(self, "confirmed_total"):  # counted with the slots (services.current_slots), for display
            return self.confirmed_total
        return self.people(Registration.Status.CONFIRMED)

    @property
    def waiting_people(self) -> int:
        return self.people(Registration.Status.WAITING)

    @property
    def free_seats(self) -> int:
        return max(0, self.capacity - self.confirmed_people)


class Registration(models.Model):
    """A person (with companions) registered for a slot: confirmed, waiting, or cancelled."""

    class Status(models.TextChoices):
        CONFIRMED = "bestaetigt", _("bestätigt")
        WAITING = "warteliste", _("Warteliste")
        CANCELLED = "storniert", _("storniert")

    slot = models.ForeignKey(Slot, verbose_name=_("Termin"), on_delete=models.PROTECT, related_name="registrations")
    name = models.CharField(_("Name"), max_length=200)
    email = models.EmailField(_("E-Mail"), blank=True)
    phone = models.CharField(_("Telefon"), max_length=50, blank=True)
    people = models.PositiveSmallIntegerField(_("Personen"), default=1)
    note = models.TextField(_("Nachricht"), blank=True, max_length=1000)
    status = models.CharField(_("Status"), max_length=20, choices=Status.choices, db_index=True)
    created_at = models.DateTimeField(_("angemeldet am"), auto_now_add=True)
    confirmed_at = models.DateTimeField(_("Platz bestätigt am"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("storniert am"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("angemeldet durch"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Bei Anmeldung am Telefon oder am Schalter: wer sie eingetragen hat."),
    )
    consent_at = models.DateTimeField(_("Einwilligung Datenschutz"), null=True, blank=True)
    feedback_invited_at = models.DateTimeField(_("zur Bewertung eingeladen am"), null=True, blank=True)
    anonymised_at = models.DateTimeField(_("anonymisiert am"), null=True, blank=True)

    class Meta:
        ordering = ["pk"]  # the order of registration: ids are drawn while the slot is locked
        verbose_name = _("Anmeldung")
        verbose_name_plural = _("Anmeldungen")
        constraints = [
            models.UniqueConstraint(
                fields=["slot", "email"],
                condition=~Q(status="storniert") & ~Q(email=""),
                name="one_active_registration_per_email",
            ),
            models.CheckConstraint(condition=Q(people__gte=1), name="registration_people_at_least_one"),
        ]

    def __str__(self) -> str:
        return f"{self.name or _('(anonymisiert)')} – {self.slot}"

    @property
    def is_active(self) -> bool:
        return self.status != self.Status.CANCELLED


class SeatShareAlert(models.Model):
    """The office was told that one address holds a large share of a page's seats: once per page and address.

    Only a digest of the address is kept (the mail to the office names it), so that the row holds nothing personal.
    """

    page = models.ForeignKey("wagtailcore.Page", on_delete=models.CASCADE, related_name="+")
    email_digest = models.CharField(max_length=64)
    seats = models.PositiveIntegerField()
    capacity = models.PositiveIntegerField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("Hinweis auf viele Plätze einer Adresse")
        verbose_name_plural = _("Hinweise auf viele Plätze einer Adresse")
        constraints = [
            models.UniqueConstraint(fields=["page", "email_digest"], name="one_seat_alert_per_page_and_address")
        ]
