"""What registration does: seats, waiting list, cancellation, minimum participants, retention.

Every public function is one user action in one transaction. Seats are counted while the slot's row
is locked (``select_for_update``), so that concurrent registrations never overbook (on PostgreSQL;
SQLite serialises writers anyway).
"""

import datetime
import logging

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q, Sum
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from core.canonical import absolute_url
from core.mail import check_mail_server, send_templated_mail
from security.jsonapi import as_id

from . import appointments, fairness, tokens
from .models import Registration, Slot

logger = logging.getLogger(__name__)


# --- slots ---


def _slot_fields(page, start, end) -> dict:
    return {
        "title": page.title[:255],
        "anbieter_id": page.anbieter_id,
        "ort_id": page.ort_id,
        "starts_at": start,
        "ends_at": end or start,
    }


def _day_bounds(first: datetime.date | None, last: datetime.date | None):
    if first is None:
        return None, None
    start = timezone.make_aware(datetime.datetime.combine(first, datetime.time.min))
    end = timezone.make_aware(datetime.datetime.combine(last or first, datetime.time.max))
    return start, end


def ensure_slots(page) -> list[Slot]:
    """The slots of an offer or event that takes registrations here (made or updated from the page)."""
    if not getattr(page, "takes_registrations", False):
        return []
    if page._meta.model_name == "eventpage":
        slot, _created = Slot.objects.update_or_create(
            page=page, kind=Slot.Kind.EVENT, defaults=_slot_fields(page, page.start, page.end)
        )
        return [slot]
    if page.schedule == page.Schedule.DATES:
        slots = []
        for date in page.dates.all():
            slot, _created = Slot.objects.update_or_create(
                offer_date=date,
                defaults={**_slot_fields(page, date.start, date.end), "page": page, "kind": Slot.Kind.DATE},
            )
            slots.append(slot)
        return slots
    start, end = _day_bounds(page.first_date, page.last_date)
    slot, _created = Slot.objects.update_or_create(
        page=page, kind=Slot.Kind.OFFER, defaults=_slot_fields(page, start, end)
    )
    return [slot]


def _current_kind(page) -> Q:
    """The slots ``ensure_slots`` keeps up to date for the page as it is (not those of removed dates)."""
    if page._meta.model_name == "eventpage":
        return Q(kind=Slot.Kind.EVENT)
    if page.schedule == page.Schedule.DATES:
        return Q(kind=Slot.Kind.DATE, offer_date__isnull=False)
    return Q(kind=Slot.Kind.OFFER)


def current_slots(page) -> list[Slot]:
    """The page's slots as stored, with their confirmed seats counted in the same query.

    Publishing makes and updates them (``anmeldung.signals``): showing a page never writes. Only a live page
    published before it took registrations here gets its slots on its first view.
    """

    def stored():
        confirmed = Sum("registrations__people", filter=Q(registrations__status=Registration.Status.CONFIRMED))
        return list(
            Slot.objects.filter(_current_kind(page), page_id=page.pk).annotate(confirmed_total=Coalesce(confirmed, 0))
        )

    slots = stored()
    if not slots and page.live:
        ensure_slots(type(page).objects.get(pk=page.pk))  # the live version, never a previewed draft
        slots = stored()
    for slot in slots:
        slot.page = page  # the seats come from the page being shown: no query per slot
    return slots


def registration_open(slot: Slot, page, now: datetime.datetime | None = None) -> bool:
    """Whether one can still register for ``slot``: not cancelled, not over, and not yet begun.

    A course over a period (one slot for all its days) closes once its first day has passed, unless the
    offer allows joining later (``late_registration``); it has no time of day, so its first day still counts.
    Ongoing offers (no start) stay open.
    """
    now = now or timezone.now()
    if slot.status == Slot.Status.CANCELLED or (slot.ends_at is not None and slot.ends_at <= now):
        return False
    if slot.starts_at is None:
        return True
    if slot.kind == Slot.Kind.OFFER:
        return getattr(page, "late_registration", False) or timezone.localdate(slot.starts_at) >= timezone.localdate(
            now
        )
    return slot.starts_at > now


def open_slots(page) -> list[Slot]:
    """The slots one can still register for (``registration_open``)."""
    now = timezone.now()
    return [s for s in current_slots(page) if registration_open(s, page, now)]


def all_full(slots) -> bool:
    """Every slot on offer is booked out: the form puts people on the waiting list."""
    return bool(slots) and all(slot.free_seats == 0 for slot in slots)


def seat_badges(pages) -> dict[int, str]:
    """ "ausgebucht" or "Restplätze" per page (of those that take registrations here), in one query for all.

    "Restplätze": at most a fifth of the seats, or two, are left on the emptiest open slot.
    """
    pages = {page.pk: page for page in pages if getattr(page, "takes_registrations", False)}
    if not pages:
        return {}
    confirmed = Sum("registrations__people", filter=Q(registrations__status=Registration.Status.CONFIRMED))
    # only what registration_open asks: a listing's badges are counted on every uncached request
    slots = (
        Slot.objects.filter(page_id__in=pages)
        .exclude(kind=Slot.Kind.DATE, offer_date__isnull=True)
        .only("page_id", "kind", "status", "starts_at", "ends_at")
        .annotate(confirmed_total=Coalesce(confirmed, 0))
    )
    now, free_by_page = timezone.now(), {}
    for slot in slots:
        page = pages[slot.page_id]
        if registration_open(slot, page, now):
            free = max(0, (page.capacity or 0) - slot.confirmed_total)
            free_by_page[slot.page_id] = max(free_by_page.get(slot.page_id, 0), free)
    badges = {}
    for page_id, free in free_by_page.items():
        capacity = pages[page_id].capacity or 0
        if free == 0:
            badges[page_id] = "ausgebucht"
        elif free <= max(2, capacity // 5):
            badges[page_id] = "Restplätze"
    return badges


# --- registering ---


def _free_seats(slot: Slot) -> int:
    return slot.capacity - slot.confirmed_people


def _promote_waiting(slot: Slot) -> list[Registration]:
    """Move people up from the waiting list, strictly in order, as far as the seats reach.

    Strict order is fairer than filling gaps with smaller groups: nobody is overtaken.
    Call with the slot locked.
    """
    promoted, free = [], _free_seats(slot)
    for registration in slot.registrations.filter(status=Registration.Status.WAITING).order_by("pk"):
        if registration.people > free:
            break
        registration.status = Registration.Status.CONFIRMED
        registration.confirmed_at = timezone.now()
        registration.save(update_fields=["status", "confirmed_at"])
        free -= registration.people
        promoted.append(registration)
    return promoted


def max_people_per_registration(slot: Slot) -> int:
    return max(1, min(settings.ANMELDUNG_MAX_PEOPLE, slot.capacity))


def register(
    slot: Slot,
    *,
    name: str,
    email: str,
    people: int = 1,
    phone: str = "",
    note: str = "",
    consent: bool = True,
    created_by=None,
) -> Registration:
    """Register someone: a seat if enough are free and nobody waits, else the waiting list.

    Raises ValidationError naming the field ("personen", "email", "termin") and changes nothing then.
    """
    email = email.strip().lower()
    with transaction.atomic():
        slot = Slot.objects.select_for_update().select_related("page").get(pk=slot.pk)
        page = slot.specific_page
        if not page.takes_registrations or not page.live:
            raise ValidationError({"termin": _("Für dieses Angebot ist keine Anmeldung über das Portal möglich.")})
        if slot.status == Slot.Status.CANCELLED:
            raise ValidationError({"termin": _("Dieser Termin wurde abgesagt.")})
        if slot.ends_at and slot.ends_at < timezone.now():
            raise ValidationError({"termin": _("Dieser Termin ist bereits vorbei.")})
        limit = max_people_per_registration(slot)
        if people < 1 or people > limit:
            raise ValidationError({"personen": _("Bitte zwischen 1 und %(n)s Personen anmelden.") % {"n": limit}})
        if email and slot.registrations.filter(email=email).exclude(status=Registration.Status.CANCELLED).exists():
            raise ValidationError(
                {"email": _("Mit dieser E-Mail-Adresse besteht bereits eine Anmeldung für diesen Termin.")}
            )
        promoted = _promote_waiting(slot)  # e.g. after the seats were raised
        nobody_waits = not slot.registrations.filter(status=Registration.Status.WAITING).exists()
        confirmed = nobody_waits and people <= _free_seats(slot)
        now = timezone.now()
        try:
            with transaction.atomic():
                registration = Registration.objects.create(
                    slot=slot,
                    name=name.strip(),
                    email=email,
                    phone=phone.strip(),
                    people=people,
                    note=note.strip(),
                    status=Registration.Status.CONFIRMED if confirmed else Registration.Status.WAITING,
                    confirmed_at=now if confirmed else None,
                    consent_at=now if consent else None,
                    created_by=created_by,
                )
        except IntegrityError:  # the unique constraint, should the check above ever be bypassed
            raise ValidationError(
                {"email": _("Mit dieser E-Mail-Adresse besteht bereits eine Anmeldung für diesen Termin.")}
            ) from None
        # inside the transaction: if the mail server does not answer, nothing is stored and the views answer
        # 503 (a retry then succeeds instead of meeting "besteht bereits"); the slot stays locked meanwhile
        _mail_registered(registration)
        fairness.alert_large_share(registration)  # one mail to the office per page and address, in this transaction
        for other in promoted:  # inside too: a failing mail server leaves nobody moved up without being told
            _mail_moved_up(other)
    return registration


def cancel(registration: Registration, *, by_provider: bool = False) -> list[Registration]:
    """Cancel a registration and move the next people up; returns who moved up."""
    with transaction.atomic():
        slot = Slot.objects.select_for_update().get(pk=registration.slot_id)
        registration = Registration.objects.get(pk=registration.pk)
        if registration.status == Registration.Status.CANCELLED:
            raise ValidationError(_("Diese Anmeldung ist bereits storniert."))
        registration.status = Registration.Status.CANCELLED
        registration.cancelled_at = timezone.now()
        registration.save(update_fields=["status", "cancelled_at"])
        promoted = _promote_waiting(slot)
        _mail_cancelled(registration)  # inside the transaction: without the mail nothing changes (503, retry)
        for other in promoted:  # inside too: a failing mail server leaves nobody moved up without being told
            _mail_moved_up(other)
    return promoted


def cancel_by_token(token: str) -> Registration:
    payload = tokens.cancel_payload(token)
    registration = None
    if payload:
        registration = Registration.objects.filter(pk=payload[0], email=payload[1]).exclude(email="").first()
    if registration is None:
        raise ValidationError(_("Dieser Link ist ungültig oder abgelaufen. Bitte wenden Sie sich an den Anbieter."))
    cancel(registration)
    return registration


def registration_for_token(token: str) -> Registration | None:
    payload = tokens.cancel_payload(token)
    if not payload:
        return None
    return Registration.objects.filter(pk=payload[0], email=payload[1]).exclude(email="").select_related("slot").first()


# --- minimum participants: the provider decides ---


def decide(slot: Slot, *, takes_place: bool, user) -> int:
    """Confirm or cancel a slot with one action; everyone registered is told by mail. Returns how many."""
    check_mail_server()  # a mail outage stops the decision before anyone is told
    with transaction.atomic():
        slot = Slot.objects.select_for_update().get(pk=slot.pk)
        if slot.status != Slot.Status.OPEN:
            raise ValidationError(_("Über diesen Termin wurde bereits entschieden."))
        slot.status = Slot.Status.TAKES_PLACE if takes_place else Slot.Status.CANCELLED
        slot.decided_at, slot.decided_by = timezone.now(), user
        slot.save(update_fields=["status", "decided_at", "decided_by"])
        people = list(slot.registrations.exclude(status=Registration.Status.CANCELLED).exclude(email=""))
        template = "anmeldung/email/takes_place" if takes_place else "anmeldung/email/slot_cancelled"
        for registration in people:
            send_templated_mail(template, {"registration": registration, "slot": slot}, [registration.email])
    return len(people)


def message_participants(slot: Slot, *, subject: str, text: str, user) -> int:
    """A provider's message to everyone registered (confirmed and waiting)."""
    people = list(slot.registrations.exclude(status=Registration.Status.CANCELLED).exclude(email=""))
    if people:
        check_mail_server()  # all or none: a mail outage stops the message before the first person
    for registration in people:
        send_templated_mail(
            "anmeldung/email/message",
            {"registration": registration, "slot": slot, "subject": subject, "text": text},
            [registration.email],
            reply_to=[slot.specific_page.contact_email] if slot.specific_page.contact_email else None,
        )
    return len(people)


# --- personal data ---


def anonymise(registration: Registration) -> None:
    registration.name, registration.email, registration.phone, registration.note = "", "", "", ""
    registration.anonymised_at = timezone.now()
    registration.save(update_fields=["name", "email", "phone", "note", "anonymised_at"])


def purge_participants(now: datetime.datetime | None = None) -> int:
    """Anonymise the participants of slots that ended more than ANMELDUNG_RETENTION_DAYS ago.

    Ongoing offers ("laufend") have slots without an end: there a registration counts as ended
    ANMELDUNG_OPEN_ENDED_DAYS after it was made (or when it was cancelled) and is anonymised
    ANMELDUNG_RETENTION_DAYS after that. Seats and counts stay (statistics, ratings); names and addresses go.
    """
    now = now or timezone.now()
    cutoff = now - datetime.timedelta(days=settings.ANMELDUNG_RETENTION_DAYS)
    open_ended_cutoff = cutoff - datetime.timedelta(days=settings.ANMELDUNG_OPEN_ENDED_DAYS)
    without_end = Q(slot__ends_at__isnull=True)
    expired = Registration.objects.filter(anonymised_at__isnull=True).filter(
        Q(slot__ends_at__lt=cutoff)
        | (without_end & Q(cancelled_at__lt=cutoff))
        | (without_end & Q(created_at__lt=open_ended_cutoff))
    )
    count = 0
    for registration in expired.iterator():
        with transaction.atomic():
            anonymise(registration)
        count += 1
    return count


def request_data_deletion(email: str) -> None:
    """Mail a confirmation link to the address; nothing tells whether it is known (no enumeration)."""
    email = email.strip().lower()
    from newsletter.models import Subscriber

    if Registration.objects.filter(email=email).exists() or Subscriber.objects.filter(email=email).exists():
        url = absolute_url(reverse("anmeldung:delete_data", args=[tokens.deletion_token(email)]))
        send_templated_mail("anmeldung/email/delete_data", {"url": url, "email": email}, [email])


def delete_personal_data(token: str) -> int:
    """Cancel the person's upcoming registrations (others move up), anonymise all, end the newsletter."""
    email = tokens.deletion_email(token)
    if not email:
        raise ValidationError(_("Dieser Link ist ungültig oder abgelaufen. Bitte fordern Sie einen neuen an."))
    from newsletter.models import Subscriber

    registrations = list(Registration.objects.filter(email=email))
    if any(registration.is_active for registration in registrations):
        check_mail_server()  # cancelling mails the person and those who move up: all of it, or nothing yet
    count = 0
    with transaction.atomic():
        for registration in registrations:
            if registration.is_active:
                cancel(registration)
            anonymise(Registration.objects.get(pk=registration.pk))
            count += 1
        count += Subscriber.objects.filter(email=email).delete()[0]
    return count


# --- mails ---


def cancel_url(registration: Registration) -> str:
    return absolute_url(reverse("anmeldung:cancel", args=[tokens.cancel_token(registration)]))


def _context(registration: Registration) -> dict:
    page = registration.slot.specific_page
    return {
        "registration": registration,
        "slot": registration.slot,
        "page": page,
        "cancel_url": cancel_url(registration),
        "page_url": absolute_url(page.url or "/"),
        "is_event": page._meta.model_name == "eventpage",
        **appointments.registration_details(registration),
    }


def _calendar_attachment(registration: Registration, context: dict) -> list[tuple[str, bytes, str]]:
    ics = appointments.registration_ics(registration, context["page_url"])
    return [(appointments.ics_filename(context["page"]), ics, "text/calendar; charset=utf-8")]


def _mail_registered(registration: Registration) -> None:
    context = _context(registration)
    send_templated_mail(
        "anmeldung/email/registered",
        context,
        [registration.email],
        attachments=_calendar_attachment(registration, context),
    )


def _mail_moved_up(registration: Registration) -> None:
    context = _context(registration)
    send_templated_mail(
        "anmeldung/email/moved_up",
        context,
        [registration.email],
        attachments=_calendar_attachment(registration, context),
    )


def _mail_cancelled(registration: Registration) -> None:
    send_templated_mail("anmeldung/email/cancelled", _context(registration), [registration.email])


def registrable_page(page_id):
    """The visible offer or event with this id that takes registrations here, or None (also for ids no
    database integer holds: 20 digits overflow SQLite's)."""
    from bildungsboerse.models import OfferPage
    from kalender.models import EventPage

    if as_id(page_id) is None:
        return None
    for model in (OfferPage, EventPage):
        page = model.objects.visible().filter(pk=page_id).first()
        if page is not None:
            return page if page.takes_registrations else None
    return None


def first_registrable_page_id() -> int | None:
    """The id of a visible offer or event that takes registrations here (the API description's example)."""
    from bildungsboerse.models import OfferPage
    from kalender.models import EventPage

    for model in (EventPage, OfferPage):
        candidates = model.objects.visible().filter(registration_mode=model.Registration.SITE, capacity__gt=0)
        for page in candidates.order_by("pk")[:20]:
            if open_slots(page):
                return page.pk
    return None


def register_from_form(page, form, *, created_by=None, consent: bool = True) -> Registration:
    """Register with a validated RegistrationForm/OnBehalfForm; errors go back onto the form's fields."""
    return register(form.cleaned_data["termin"], **form.registration_kwargs(), consent=consent, created_by=created_by)
