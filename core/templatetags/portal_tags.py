"""Template helpers for the residents' pages: dates in German, page-type labels, query strings."""

import datetime
import functools

from django import template
from django.template import defaultfilters
from django.utils import formats, timezone, translation
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe
from django.utils.text import slugify
from wagtail.images.shortcuts import get_rendition_or_not_found
from wagtail.models import Site

register = template.Library()


@register.filter
def breadcrumb_ancestors(page) -> list:
    """``page.get_ancestors()`` below the tree's root: the parents the request's routing read (``core.routing`` sets
    each one's ``_cached_parent_obj``) when it read them all the way up to the home page, else a query."""
    ancestors, current = [], page
    while current.depth > 2:
        current = getattr(current, "_cached_parent_obj", None)
        if current is None:
            return list(page.get_ancestors())
        ancestors.append(current)
    return ancestors[::-1]


@register.filter
def kind_label(page) -> str:
    """The German name of a page's type, e.g. "Veranstaltung"."""
    model = getattr(page, "specific_class", None) or type(page)
    return str(model._meta.verbose_name)


def _date(value) -> str:
    if not value:
        return ""
    if isinstance(value, datetime.datetime):
        return formats.date_format(value, "D, j. F Y")
    return _day_in(value, translation.get_language())


@functools.lru_cache(maxsize=4096)
def _day_in(day: datetime.date, language: str | None) -> str:
    """A day in words, remembered per language: Django's date format looks up every name's translation anew, and a
    listing writes two dozen dates."""
    return formats.date_format(day, "D, j. F Y")


@register.filter
def date_of_day(day, format_string: str) -> str:
    """Django's ``date`` filter, remembered for days (not times) per language like ``_day_in``: a month's grid
    writes every day twice."""
    if not isinstance(day, datetime.date) or isinstance(day, datetime.datetime):
        return defaultfilters.date(day, format_string)
    return _formatted_day(day, format_string, translation.get_language())


@functools.lru_cache(maxsize=4096)
def _formatted_day(day: datetime.date, format_string: str, language: str | None) -> str:
    return defaultfilters.date(day, format_string)


@register.simple_tag(takes_context=True)
def day_url(context, page, day: datetime.date) -> str:
    """``{% routablepageurl page "day_view" year month day %}`` with the page's own address found once per rendering:
    Wagtail finds the site and the page's address anew for each of a month's forty days."""
    key = ("day_url", page.pk)
    base = context.render_context.get(key)
    if base is None:
        request = context["request"]
        base = page.relative_url(Site.find_for_request(request), request)
        base = context.render_context[key] = base if base.endswith("/") else f"{base}/"
    return base + page.reverse_subpage("day_view", args=(day.year, day.month, day.day))


def _time(value: datetime.datetime) -> str:
    """``time_format(localtime(value), "H:i")`` written out: "H:i" is the same in every language, and Django's time
    format (a translated format lookup, a formatter object per call) was a fifth of a card."""
    local = timezone.localtime(value)
    return f"{local.hour:02d}:{local.minute:02d}"


@register.simple_tag
def time_html(value: datetime.datetime) -> str:
    """``<time datetime="{{ value|date:'c' }}">{{ value|time:"H:i" }}</time>`` written out: a month's grid writes it
    for every entry, and each filter looks up its format's translation anew."""
    local = timezone.localtime(value)
    return format_html('<time datetime="{}">{}</time>', local.isoformat(), _time(local))


@register.simple_tag
def when(page) -> str:
    """A German one-liner for when an offer or event takes place."""
    if hasattr(page, "start") and isinstance(getattr(page, "start", None), datetime.datetime):
        start = timezone.localtime(page.start)
        if page.all_day:
            text = _date(start.date())
            if page.end and timezone.localdate(page.end) != start.date():
                text += f" bis {_date(timezone.localdate(page.end))}"
            return f"{text}, ganztägig"
        text = f"{_date(start.date())}, {_time(start)} Uhr"
        if page.end:
            end = timezone.localtime(page.end)
            text = (
                f"{_date(start.date())}, {_time(start)}–{_time(end)} Uhr"
                if end.date() == start.date()
                else f"{text} bis {_date(end.date())}, {_time(end)} Uhr"
            )
        return text
    schedule = getattr(page, "schedule", None)
    if schedule == "laufend":
        return f"laufend{', ' + page.schedule_note if page.schedule_note else ''}"
    if schedule and page.first_date:
        text = _date(page.first_date)
        if page.last_date and page.last_date != page.first_date:
            text = f"{text} bis {_date(page.last_date)}"
        return f"{text}{', ' + page.schedule_note if page.schedule_note else ''}"
    if hasattr(page, "date") and isinstance(page.date, datetime.date):
        return _date(page.date)
    return ""


register.filter("when_line", when)


@register.simple_tag
def journey_planner_url(page) -> str:
    """The regional journey planner (VBB, settings.JOURNEY_PLANNER_URL) with the venue as destination."""
    from urllib.parse import quote

    from django.conf import settings

    ort = page.ort
    parts = [page.street, f"{page.postal_code or getattr(ort, 'postal_code', '')} {ort.name if ort else ''}".strip()]
    destination = ", ".join(part for part in parts if part) or page.venue_name
    url = settings.JOURNEY_PLANNER_URL.format(ziel=quote(destination))
    start = next_start(page)
    if start is not None and "timesel=arrive" in url:
        # HAFAS's date (TT.MM.JJJJ) and time (HH:MM): arrive by the beginning, not by now
        start = timezone.localtime(start)
        url += f"&date={start:%d.%m.%Y}&time={start:%H:%M}"
    return url


def next_start(page) -> datetime.datetime | None:
    """When the offer's or event's next (or only) session begins, if that is known and still ahead."""
    now = timezone.now()
    if hasattr(page, "upcoming_occurrences"):
        upcoming = page.upcoming_occurrences(limit=1)
        return upcoming[0].start if upcoming else None
    starts = [date.start for date in getattr(page, "upcoming_dates", [])]
    starts += [session.start for session in getattr(page, "sessions", []) if session.start >= now]
    return min(starts, default=None)


SOON_DAYS = 7


def starts_soon(page, today: datetime.date | None = None) -> bool:
    """Starts within the next week and has not started yet."""
    today = today or timezone.localdate()
    start = getattr(page, "start", None)
    if isinstance(start, datetime.datetime):
        first = timezone.localtime(start).date()
        return start > timezone.now() and first <= today + datetime.timedelta(days=SOON_DAYS)
    first = getattr(page, "first_date", None)
    return first is not None and today <= first <= today + datetime.timedelta(days=SOON_DAYS)


@register.filter
def card_badges(page) -> list[str]:
    """The badges of a card: seats (``seat_badge``, set by anmeldung's ``mark_seat_badges``), soon, free."""
    badges = []
    if getattr(page, "seat_badge", None):
        badges.append(page.seat_badge)
    if starts_soon(page):
        badges.append("beginnt bald")
    if getattr(page, "is_free", False):
        badges.append("kostenlos")
    return badges


# Offers and events have a place, a price and a bookmark button, articles none. The cards ask in Python: a template
# lookup of an attribute a page lacks costs a dir() of the page (~400 names) before it gives up.


@register.filter
def card_where(page) -> str:
    """A card's place: "<venue>, <Ort>", "Online" for online offers without a place, or nothing."""
    ort = getattr(page, "ort", None)
    if ort:
        venue = getattr(page, "venue_name", "")
        return format_html(
            '<p class="card-where"><span class="visually-hidden">Wo: </span>{}{}</p>',
            format_html("{}, ", venue) if venue else "",
            ort,
        )
    if getattr(page, "format", None) == "online":
        return mark_safe('<p class="card-where">Online</p>')
    return ""


@register.filter
def card_price(page) -> str:
    return getattr(page, "price_display", "")


@register.filter
def bookmarkable(page) -> bool:
    """Offers and events (whatever their registration) can be kept on the Merkzettel."""
    return bool(getattr(page, "registration_mode", ""))


@register.simple_tag(takes_context=True)
def query_with(context, **changes) -> str:
    """The current query string with some parameters replaced (for pagination links)."""
    query = context["request"].GET.copy()
    for key, value in changes.items():
        query[key] = value
    return query.urlencode()


@register.simple_tag(takes_context=True)
def query_without(context, param: str, value: str) -> str:
    """The current query string without one value of one parameter (for 'remove filter' links)."""
    query = context["request"].GET.copy()
    if param == "kostenlos":
        query.pop(param, None)
    else:
        query.setlist(param, [v for v in query.getlist(param) if v != value])
    query.pop("seite", None)
    return query.urlencode()


@register.simple_tag(takes_context=True)
def query_remove(context, *params: str) -> str:
    """The current query string without some parameters."""
    query = context["request"].GET.copy()
    for param in (*params, "seite", "offset"):
        query.pop(param, None)
    return query.urlencode()


@register.filter
def split(value: str) -> list[str]:
    return value.split()


# --- the cards of listings, the home page, provider pages and search hits ---
# Written in Python: a listing of twelve cards rendered three templates per card (card, badges, bookmark button)
# with a dozen variables and filters each — a fifth of an uncached listing. The HTML is the same, to the byte
# (tests/pages/test_cards.py renders the former templates beside these).


def _text(value) -> str:
    """A value as ``{{ value }}`` writes it: localised, escaped."""
    return str(conditional_escape(formats.localize(value)))


@register.simple_tag
def card_badges_html(item) -> str:
    """The badges of a card (listing or search hit): seats (set by mark_seat_badges), "beginnt bald", "kostenlos"."""
    badges = card_badges(item)
    items = "".join(f'<li class="badge badge-{slugify(badge)}">{_text(badge)}</li>' for badge in badges)
    return mark_safe(f'\n<ul class="badges" aria-label="Hinweise">{items}</ul>\n' if badges else "\n\n")


@register.simple_tag(takes_context=True)
def bookmark_button_html(context, item, url: str | None = None) -> str:
    """ "Merken" for offers and events: portal.js shows it and keeps the Merkzettel on the device (``url``: the page's
    address when the caller has it already)."""
    if not bookmarkable(item):
        return mark_safe("\n\n")
    if url is None:
        url = item.get_url(request=context.get("request"))  # Wagtail's {% pageurl %}
    return mark_safe(
        f'\n<button type="button" class="bookmark-toggle" data-bookmark="{_text(item.pk)}" '
        f'data-bookmark-title="{_text(item.title)}" data-bookmark-url="{_text(url)}" aria-pressed="false" '
        f"hidden>Merken</button>\n"
    )


@register.simple_tag(takes_context=True)
def card(context, item) -> str:
    """A page's card: image, type and Bereich, title, badges, when, where, price, teaser, "Merken"."""
    image = ""
    if item.image:
        thumb = get_rendition_or_not_found(item.image, "fill-480x270")
        image = (
            f'<img class="card-image" src="{_text(thumb.url)}" width="{_text(thumb.width)}" '
            f'height="{_text(thumb.height)}" alt="" loading="lazy">'
        )
    kind = _text(kind_label(item)) + (f" · {_text(item.bereich)}" if item.bereich else "")
    when_text, price = when(item), card_price(item)
    url = item.get_url(request=context.get("request"))  # once for the title and "Merken": Wagtail's {% pageurl %}
    return mark_safe(
        f'\n<article class="card{" card-with-image" if item.image else ""}">\n    {image}\n'
        f'    <div class="card-body">\n        <p class="card-kind">{kind}</p>\n'
        f'        <h3 class="card-title"><a href="{_text(url)}">'
        f"{_text(item.title)}</a></h3>\n        {card_badges_html(item)}\n        "
        + (
            f'<p class="card-when"><span class="visually-hidden">Wann: </span>{_text(when_text)}</p>'
            if when_text
            else ""
        )
        + f"\n        {_text(card_where(item))}\n        "
        + (f'<p class="card-price"><span class="visually-hidden">Kosten: </span>{_text(price)}</p>' if price else "")
        + f'\n        <p class="card-teaser">{_text(getattr(item, "teaser", ""))}</p>\n'
        f"        {bookmark_button_html(context, item, url)}\n    </div>\n</article>\n"
    )
