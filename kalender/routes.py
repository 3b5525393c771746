"""The calendar's sub-pages (routed by KalenderIndexPage and EventPage): thin, the work is in kalender.calendar."""

import datetime
import functools

from django.http import Http404, HttpResponse
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.text import slugify

from caching.conditional import conditional_response
from search.params import SearchParamError, parse_search_params, period_dates

from . import calendar, ical

MONTH_NAMES = (
    "Januar",
    "Februar",
    "März",
    "April",
    "Mai",
    "Juni",
    "Juli",
    "August",
    "September",
    "Oktober",
    "November",
    "Dezember",
)
# parameters that choose the period themselves in the calendar's views
PERIOD_PARAMETERS = ("von", "bis", "zeitraum", "sortierung", "offset", "limit", "seite")


def _params(request):
    data = request.GET.copy()
    for name in PERIOD_PARAMETERS:
        data.pop(name, None)
    return parse_search_params(data, strict=False)


def filter_query(request) -> str:
    data = request.GET.copy()
    for name in PERIOD_PARAMETERS:
        data.pop(name, None)
    return data.urlencode()


def _render(request, index, template, context, status=200):
    try:
        params = _params(request)
    except SearchParamError as error:
        return TemplateResponse(request, "kalender/calendar_error.html", {"page": index, "error": error}, status=400)
    context = {
        "page": index,
        "self": index,
        "params": params,
        "filter_query": filter_query(request),
        **calendar.navigation(),
        **context,
    }
    context.update(context.pop("build")(params))
    return TemplateResponse(request, template, context, status=status)


# the years the calendar shows; beyond them a neighbour's date can leave Python's range (year 1, 9999)
YEARS = range(2000, 2101)


def month(request, index, year: int, month: int):
    if not (1 <= month <= 12 and year in YEARS):
        raise Http404
    first = datetime.date(year, month, 1)
    previous = first - datetime.timedelta(days=1)
    following = first + datetime.timedelta(days=32)
    return _render(
        request,
        index,
        "kalender/calendar_month.html",
        {
            "title": f"{MONTH_NAMES[month - 1]} {year}",
            "previous": (previous.year, previous.month, f"{MONTH_NAMES[previous.month - 1]} {previous.year}"),
            "next": (following.year, following.month, f"{MONTH_NAMES[following.month - 1]} {following.year}"),
            "today": timezone.localdate(),
            # a function: the template builds the grid only when its cached fragment is missing
            "build": lambda params: {"weeks": functools.partial(calendar.month_grid, index, params, year, month)},
        },
    )


def _list(request, index, first: datetime.date, last: datetime.date, title: str, **extra):
    def build(params):
        days = calendar.by_day(calendar.entries_between(index, params, first, last), first, last)
        return {"days": [day for day in days if day.entries]}

    return _render(
        request,
        index,
        "kalender/calendar_list.html",
        {"title": title, "first": first, "last": last, "build": build, **extra},
    )


def day(request, index, year: int, month: int, day: int):
    if year not in YEARS:
        raise Http404
    try:
        date = datetime.date(year, month, day)
    except ValueError:
        raise Http404 from None
    one = datetime.timedelta(days=1)
    return _list(
        request,
        index,
        date,
        date,
        f"Veranstaltungen am {date:%d.%m.%Y}",
        previous_url=index.reverse_subpage("day_view", args=((date - one).year, (date - one).month, (date - one).day)),
        next_url=index.reverse_subpage("day_view", args=((date + one).year, (date + one).month, (date + one).day)),
    )


def week(request, index, year: int, week: int):
    if year not in YEARS:
        raise Http404
    try:
        first, last = calendar.week_range(year, week)
    except ValueError:
        raise Http404 from None
    before, after = (
        (first - datetime.timedelta(days=7)).isocalendar(),
        (first + datetime.timedelta(days=7)).isocalendar(),
    )
    return _list(
        request,
        index,
        first,
        last,
        f"Veranstaltungen in der Woche vom {first:%d.%m.} bis {last:%d.%m.%Y}",
        previous_url=index.reverse_subpage("week_view", args=(before.year, before.week)),
        next_url=index.reverse_subpage("week_view", args=(after.year, after.week)),
    )


def period(request, index, name: str):
    first, last = period_dates(name, timezone.localdate())
    title = "Veranstaltungen heute" if name == "heute" else "Veranstaltungen an diesem Wochenende"
    return _list(request, index, first, last, title)


def _calendar_response(calendar_object, filename: str) -> HttpResponse:
    response = HttpResponse(calendar_object.to_ical(), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def calendar_feed(request, index):
    try:
        params = _params(request)
    except SearchParamError as error:
        return HttpResponse(str(error), status=400, content_type="text/plain; charset=utf-8")
    events = calendar.filtered_events(index, params).upcoming()
    events = [event for event in events if calendar.near(event, params)]
    # a calendar app polling with If-None-Match gets a 304 until an event in the feed is published or drops out
    versions = [(page.pk, page.last_published_at) for page in [index, *events]]
    return conditional_response(
        request,
        versions,
        lambda: _calendar_response(
            ical.build_calendar(events, name=f"{index.title} – 3L Elbe-Elster"), "veranstaltungen.ics"
        ),
    )


def event_ical(request, event):
    return conditional_response(
        request,
        [(event.pk, event.last_published_at)],
        lambda: _calendar_response(
            ical.build_calendar([event], name=event.title), f"{slugify(event.slug) or 'veranstaltung'}.ics"
        ),
    )
