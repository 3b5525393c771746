"""Fair seats: one connection books at most ANMELDUNG_MAX_SEATS_PER_CLIENT seats of one date through the site.

One address already holds one registration per date (of at most ANMELDUNG_MAX_PEOPLE people); one client
took 24 of 28 seats with four addresses. So the public form and the API also count the seats each client
(IPv4 address or IPv6 /64, ``security.ratelimit.client_key``) booked per date, for a week, atomically in the
shared cache. The provider and the office register on someone's behalf in the admin without this limit.

And the office is told (one German mail per page and address, never per request) when one e-mail address holds
at least ANMELDUNG_SEAT_ALERT_SHARE of the seats of the dates it booked on a page, and at least
ANMELDUNG_SEAT_ALERT_MIN_SEATS seats: the office decides whether to ask or to cancel (`alert_large_share`).
"""

import hashlib
import hmac

from django.conf import settings
from django.core.cache import cache
from django.db.models import Sum
from django.urls import reverse
from django.utils.http import urlencode

from anbieter.mail import service_office_addresses
from core.canonical import absolute_url
from core.mail import send_templated_mail
from security.ratelimit import client_key

from .models import Registration, SeatShareAlert

WINDOW = 7 * 24 * 3600


def _key(request, slot) -> str:
    client = hashlib.sha256(client_key(request).encode()).hexdigest()[:32]  # no addresses in clear in the cache
    return f"anmeldung:seats:{slot.pk}:{client}"


def allowance() -> int:
    return getattr(settings, "ANMELDUNG_MAX_SEATS_PER_CLIENT", 8)


def reserve_seats(request, slot, people: int) -> bool:
    """Count ``people`` seats for this client and date; False (and nothing counted) beyond the allowance."""
    key = _key(request, slot)
    cache.add(key, 0, WINDOW)
    try:
        taken = cache.incr(key, people)
    except ValueError:  # expired between add and incr
        cache.set(key, people, WINDOW)
        taken = people
    if taken > allowance():
        give_back_seats(request, slot, people)
        return False
    return True


def give_back_seats(request, slot, people: int) -> None:
    try:
        cache.decr(_key(request, slot), people)
    except ValueError:
        pass


def _email_digest(email: str) -> str:
    return hmac.new(settings.SECRET_KEY.encode(), email.encode(), hashlib.sha256).hexdigest()


def seats_held(page_id: int, email: str) -> tuple[int, int]:
    """(seats the address holds on the page's dates, seats of those dates), cancelled registrations left out."""
    held = Registration.objects.filter(slot__page_id=page_id, email=email).exclude(status=Registration.Status.CANCELLED)
    seats = held.aggregate(seats=Sum("people"))["seats"] or 0
    slots = {registration.slot_id: registration.slot for registration in held.select_related("slot__page")}
    return seats, sum(slot.capacity for slot in slots.values())


def alert_large_share(registration: Registration) -> bool:
    """Mail the office once per page and address that holds a large share of the seats; True if it did.

    Called inside the registration's transaction (the slot is locked): the mail and the record go with it.
    """
    if not registration.email or registration.created_by_id:  # the office or the provider booked it themselves
        return False
    page_id = registration.slot.page_id
    seats, capacity = seats_held(page_id, registration.email)
    if (
        capacity <= 0
        or seats < settings.ANMELDUNG_SEAT_ALERT_MIN_SEATS
        or seats < settings.ANMELDUNG_SEAT_ALERT_SHARE * capacity
    ):
        return False
    _alert, created = SeatShareAlert.objects.get_or_create(
        page_id=page_id, email_digest=_email_digest(registration.email), defaults={"seats": seats, "capacity": capacity}
    )
    if not created:
        return False
    listing = absolute_url(
        reverse("anmeldung_registration_modeladmin_index") + "?" + urlencode({"q": registration.email})
    )
    send_templated_mail(
        "anmeldung/email/seat_share_alert",
        {
            "email": registration.email,
            "seats": seats,
            "capacity": capacity,
            "share": round(100 * seats / capacity),
            "page": registration.slot.specific_page,
            "listing_url": listing,
        },
        service_office_addresses(),
    )
    return True
