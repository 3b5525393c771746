"""Fair seats: one connection books at most ANMELDUNG_MAX_SEATS_PER_CLIENT seats of one date through the site.

One address already holds one registration per date (of at most ANMELDUNG_MAX_PEOPLE people); one client
took 24 of 28 seats with four addresses. So the public form and the API also count the seats each client
(IPv4 address or IPv6 /64, ``security.ratelimit.client_key``) booked per date, for a week, atomically in the
shared cache. The provider and the office register on someone's behalf in the admin without this limit.
"""

import hashlib

from django.conf import settings
from django.core.cache import cache

from security.ratelimit import client_key

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
