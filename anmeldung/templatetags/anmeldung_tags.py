"""The registration box on offer and event pages."""

from django import template

from ..forms import RegistrationForm
from ..services import open_slots, seat_badges

register = template.Library()


@register.inclusion_tag("anmeldung/registration_box.html", takes_context=True)
def registration_box(context, page):
    slots = open_slots(page) if getattr(page, "takes_registrations", False) else []
    return {"page": page, "slots": slots, "form": RegistrationForm(slots=slots), "request": context.get("request"),
            "csrf_token": context.get("csrf_token"), "all_full": all_full(slots)}


@register.filter
def all_full(slots) -> bool:
    """Every slot on offer is booked out: the form puts people on the waiting list."""
    return bool(slots) and all(slot.free_seats == 0 for slot in slots)


@register.simple_tag
def mark_seat_badges(items) -> str:
    """Sets ``seat_badge`` ("ausgebucht", "Restplätze" or None) on each page of a listing, in one query."""
    items = list(items)
    badges = seat_badges(items)
    for item in items:
        item.seat_badge = badges.get(item.pk)
    return ""
