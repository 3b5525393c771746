"""Slots follow their pages: made or updated whenever an offer or event is published."""

from django.dispatch import receiver
from wagtail.signals import page_published

from .services import ensure_slots


@receiver(page_published)
def update_slots(sender, instance, **kwargs):
    ensure_slots(instance.specific)
