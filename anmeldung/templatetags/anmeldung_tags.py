"""The registration box on offer and event pages."""

from django import template

from ..forms import RegistrationForm
from ..services import open_slots

register = template.Library()


@register.inclusion_tag("anmeldung/registration_box.html", takes_context=True)
def registration_box(context, page):
    slots = open_slots(page) if getattr(page, "takes_registrations", False) else []
    return {"page": page, "slots": slots, "form": RegistrationForm(slots=slots), "request": context.get("request"),
            "csrf_token": context.get("csrf_token")}
