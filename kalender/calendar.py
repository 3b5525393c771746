"""The calendar's views as data: events filtered by the search parameters, expanded into dated entries."""

import calendar as pycalendar
import datetime
from dataclasses import dataclass, field

from django.core.paginator import Page as PaginatorPage
from django.core.paginator import Paginator
from django.db import connections
from django.db.models import Case, Count, DateTimeField, F, Q, QuerySet, Value, When, Window, prefetch_related_objects
from django.db.models.functions import Collate
from django.utils import timezone

from search.engines.base import distance_km
from search.params import SearchParams

from .recurrence import BERLIN, Occurrence, expand

# search facet -> lookup on EventPage (several values of one facet: OR; facets: AND, as in the search)
FACET_LOOKUPS = {
    "bereich": "bereich__slug__in",
    "lebenslage": "lebenslagen__slug__in",
    "zielgruppe": "zielgruppen__slug__in",
    "ort": "ort__slug__in",
    "anbieter": "anbieter__slug__in",
    "barrierefrei": "barrierefreiheit__slug__in",
    "format": "format__in",
}


@dataclass(frozen=True)
class Entry:
    event: object  # EventPage
    occurrence: Occurrence


@dataclass
class Day:
    date: datetime.date
    entries: list[Entry] = field(default_factory=list)
    in_month: bool = True
    is_today: bool = False


def filtered_events(index, params: SearchParams) -> QuerySet:
    """The index's visible events matching the search parameters' filters and words."""
    EventPage = index.listing_model

    events = (
        EventPage.objects.descendant_of(index)
        .visible()
        .select_related(*EventPage.listing_select_related)
        .prefetch_related(*EventPage.listing_prefetch_related)
    )
    if params.filters.get("typ") and "veranstaltung" not in params.filters["typ"]:
        return events.none()
    for facet, lookup in FACET_LOOKUPS.items():
        if params.filters.get(facet):
            events = events.filter(pk__in=EventPage.objects.filter(**{lookup: params.filters[facet]}).values("pk"))
    if params.filters.get("kostenlos"):
        events = events.filter(is_free=True)
    for word in params.words + params.phrases:
        events = events.filter(Q(title__icontains=word) | Q(teaser__icontains=word))
    return events


def near(event, params: SearchParams) -> bool:
    if params.center is None or params.radius_km is None:
        return True
    return event.coordinates is not None and any(
        distance_km(center, event.coordinates) <= params.radius_km for center in params.centers
    )  # around each Ort


# an entry's title, link (Wagtail's url_path with the page's tree position and locale), dates, rule and place
CALENDAR_ENTRY_FIELDS = (
    "title",
    "url_path",
    "path",
    "depth",
    "content_type",
    "start",
    "end",
    "all_day",
    "rrule",
    "latitude",
    "longitude",
    "ort__name",
    "ort__slug",
    "ort__latitude",
    "ort__longitude",
    "locale__language_code",
)


def entries_between(index, params: SearchParams, first_day: datetime.date, last_day: datetime.date) -> list[Entry]:
    """Every occurrence of a matching event that takes place on a day from ``first_day`` to ``last_day``."""
    window_start = datetime.datetime.combine(first_day, datetime.time.min, tzinfo=BERLIN)
    window_end = datetime.datetime.combine(last_day + datetime.timedelta(days=1), datetime.time.min, tzinfo=BERLIN)
    # the calendar shows title, time, link and place: only what those, the occurrences and the distance need, not
    # the other sixty columns of hundreds of events (a fifth of the month's read)
    events = list(
        filtered_events(index, params)
        .overlapping(window_start, window_end)
        .select_related(None)
        .select_related("ort", "locale")
        .prefetch_related(None)
        .only(*CALENDAR_ENTRY_FIELDS)
    )
    # the moved and cancelled days of series: a single event has none to apply (its expansion never reads them)
    prefetch_related_objects([event for event in events if event.rrule], "occurrence_changes")
    entries = [
        Entry(event, occurrence)
        for event in events
        if near(event, params)
        for occurrence in event.occurrences(window_start=window_start, window_end=window_end)
    ]
    return sorted(entries, key=lambda entry: (entry.occurrence.start, entry.event.title))


def by_day(entries: list[Entry], first_day: datetime.date, last_day: datetime.date) -> list[Day]:
    """One Day per date (a multi-day occurrence on each of its days)."""
    today = timezone.localdate()
    days = {first_day + datetime.timedelta(days=n): None for n in range((last_day - first_day).days + 1)}
    result = {date: Day(date, is_today=date == today) for date in days}
    for entry in entries:
        date = max(entry.occurrence.day, first_day)
        while date <= min(entry.occurrence.last_day, last_day):
            result[date].entries.append(entry)
            date += datetime.timedelta(days=1)
    return list(result.values())


def month_grid(index, params: SearchParams, year: int, month: int) -> list[list[Day]]:
    """The month's weeks, Monday first, padded with the neighbouring months' days (left empty)."""
    weeks = pycalendar.Calendar(firstweekday=0).monthdatescalendar(year, month)
    first, last = weeks[0][0], weeks[-1][-1]
    days = {day.date: day for day in by_day(entries_between(index, params, first, last), first, last)}
    for day in days.values():
        day.in_month = day.date.month == month
        if not day.in_month:
            day.entries = []
    return [[days[date] for date in week] for week in weeks]


def week_range(year: int, week: int) -> tuple[datetime.date, datetime.date]:
    monday = datetime.date.fromisocalendar(year, week, 1)
    return monday, monday + datetime.timedelta(days=6)


# what a series' next occurrence needs: not the body, teaser, venue and the rest of its row
NEXT_OCCURRENCE_FIELDS = ("pk", "title", "start", "end", "all_day", "rrule")


def next_starts_of_series(listing: QuerySet, now: datetime.datetime | None = None) -> dict[int, datetime.datetime]:
    """The next occurrence's start of every series in the listing (a weekly course started months ago: next week),
    with their moved and cancelled days; a series with none left (ended today) keeps its first start."""
    rows = list(
        listing.exclude(rrule="").select_related(None).prefetch_related(None).values_list(*NEXT_OCCURRENCE_FIELDS)
    )
    if not rows:
        return {}
    changes_model = listing.model._meta.get_field("occurrence_changes").related_model
    changes: dict[int, list] = {}
    for change in changes_model.objects.filter(page_id__in=[row[0] for row in rows]):
        changes.setdefault(change.page_id, []).append(change)
    now = now or timezone.now()
    starts = {}
    for pk, _title, start, end, all_day, rule in rows:
        upcoming = expand(start, end, rule, all_day=all_day, changes=changes.get(pk, ()), window_start=now, limit=1)
        starts[pk] = upcoming[0].start if upcoming else start
    return starts


class _CountedRows:
    """One page of rows and the listing's total (a window count that came with them), as Paginator asks for them."""

    def __init__(self, rows: list, total: int):
        self.rows, self.total = rows, total

    def count(self) -> int:
        return self.total

    def __getitem__(self, window: slice) -> list:
        return self.rows


def order_by_next_occurrence(listing: QuerySet, page_number: int, per_page: int) -> PaginatorPage:
    """The listing ordered by each event's next occurrence, then title (in code-point order, as Python compares).

    A single event is its own next occurrence (it is listed because it has not ended): the database sorts it by its
    start. Only series are read and expanded here, and their next starts handed to the database's sort (a ``CASE``
    by id), which returns the shown page's cards and the listing's total (a window count: no ``COUNT`` query but for
    a page past the end). Reading every upcoming event as a row to sort them in Python cost a fifth of the event
    index, and grew with the calendar (python -m bench render --profile "event index").
    """
    next_starts = next_starts_of_series(listing)
    next_start = (
        Case(
            *[When(pk=pk, then=Value(start)) for pk, start in next_starts.items()],
            default=F("start"),
            output_field=DateTimeField(),
        )
        if next_starts
        else F("start")
    )
    # SQLite's BINARY and PostgreSQL's "C" compare titles by code point, as the Python sort before did
    collation = "C" if connections[listing.db].vendor == "postgresql" else None
    title = Collate("title", collation) if collation else F("title")
    ordered = listing.annotate(next_start=next_start, listed=Window(Count("pk"))).order_by(
        "next_start", title, "start", "pk"
    )
    number = page_number if page_number >= 1 else 0
    rows = list(ordered[(number - 1) * per_page : number * per_page]) if number else []
    if rows:
        total = rows[0].listed
    elif number == 1:
        total = 0
    else:  # past the end: the last page, as Paginator.get_page answers
        total = listing.count()
        number = max(1, -(-total // per_page))
        rows = list(ordered[(number - 1) * per_page : number * per_page]) if total else []
    return Paginator(_CountedRows(rows, total), per_page).get_page(number)


WEEKDAY_HEADERS = [
    ("Montag", "Mo"),
    ("Dienstag", "Di"),
    ("Mittwoch", "Mi"),
    ("Donnerstag", "Do"),
    ("Freitag", "Fr"),
    ("Samstag", "Sa"),
    ("Sonntag", "So"),
]


def navigation(today: datetime.date | None = None) -> dict:
    """What the views' navigation links need: this week and this month."""
    today = today or timezone.localdate()
    iso = today.isocalendar()
    return {
        "this_week": (iso.year, iso.week),
        "this_month": (today.year, today.month),
        "weekday_headers": WEEKDAY_HEADERS,
    }
