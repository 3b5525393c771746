"""Ratings on offer and event pages: averages, number, approved comments and providers' answers."""

from django import template

from ..models import CRITERIA
from ..services import public_ratings

register = template.Library()


@register.inclusion_tag("feedback/ratings_box.html")
def ratings_box(page):
    summary = getattr(page, "rating_overview", None)
    criteria = [(label, getattr(summary, name)) for name, label in CRITERIA.items()] if summary else []
    return {"summary": summary, "criteria": criteria, "ratings": public_ratings(page) if summary else []}


@register.filter
def stars_text(value) -> str:
    return "" if value is None else f"{value:.1f}".replace(".", ",")
